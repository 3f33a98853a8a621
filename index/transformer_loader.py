"""Loading a sentence-transformers model: where its files are, and the fastest runtime that runs it.

A model is found in a local folder, the local Hugging Face cache, or by a download
when the hub answers; otherwise :class:`ModelUnavailableError` says why, and the
caller (index.embedder) falls back. The model then runs in int8 on OpenVINO where its
family's spec asks for it, else in fp32 on OpenVINO, else on torch, each step down
said once.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from index.encoder_names import INT8_SUFFIX, sentence_transformers_name
from index.encoder_types import Backend, Encoder, ModelUnavailableError
from index.transformer_encoders import SentenceTransformerEncoder

if TYPE_CHECKING:
    from index.encoder_registry import EncoderSpec

logger = logging.getLogger(__name__)


class TransformerLoader:
    """Loads sentence-transformers models by name or folder."""

    def load(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> Encoder:
        """The model on ``backend``; :class:`ModelUnavailableError` when it is neither here nor downloadable."""
        if Path(model).expanduser().is_dir():
            folder = Path(model).expanduser()
            return transformer_encoder(folder, sentence_transformers_name(str(folder)), spec, cache_dir, backend)
        name = sentence_transformers_name(model)
        if _in_local_cache(model):
            try:
                return transformer_encoder(
                    Path(_snapshot(model, local_files_only=True)), name, spec, cache_dir, backend
                )
            except OSError:
                logger.debug("%s is only partly in the local model cache", model)
        reason = hub_unreachable_reason()
        if reason:
            raise ModelUnavailableError(reason)
        try:
            return transformer_encoder(Path(_snapshot(model, local_files_only=False)), name, spec, cache_dir, backend)
        except OSError as error:
            raise ModelUnavailableError(f"download failed: {error}") from error

    def expected_name(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> str | None:
        """Its name, when the files are here; None when only a download tells; raises when it cannot load here."""
        if Path(model).expanduser().is_dir():
            name = sentence_transformers_name(str(Path(model).expanduser()))
        elif _in_local_cache(model):
            name = sentence_transformers_name(model)
        else:
            reason = hub_unreachable_reason()
            if reason:
                raise ModelUnavailableError(reason)
            return None
        return served_name(name, spec, backend)


def served_name(name: str, spec: EncoderSpec, backend: Backend) -> str:
    """The name a model called ``name`` records on ``backend``: its int8 name where it runs in int8."""
    return name + INT8_SUFFIX if runs_int8(spec, backend) else name


def transformer_encoder(
    folder: Path, name: str, spec: EncoderSpec, cache_dir: Path, backend: Backend, batch_size: int = 32
) -> Encoder:
    """A sentence-transformers folder on OpenVINO where asked and possible, else on torch (said once).

    int8 where :func:`runs_int8` says so, named with its suffix. When quantising fails,
    ``openvino-int8`` raises (asked for, it must not turn into another encoder), and
    ``auto`` runs fp32 on OpenVINO under the model's own name, said once: an index built
    in int8 then asks, by name, to be rebuilt or served with ``openvino-int8``.
    """
    if runs_int8(spec, backend):
        try:
            from index.openvino_encoder import OpenVinoEncoder

            return OpenVinoEncoder(folder, cache_dir, name=name + INT8_SUFFIX, prefixes=spec.prefixes, int8=True)
        except Exception as error:
            if backend is Backend.OPENVINO_INT8:
                raise
            _say_fp32_once(f"{type(error).__name__}: {error}")  # fp32 on OpenVINO is the next fastest
    if backend is not Backend.TORCH:
        try:
            from index.openvino_encoder import OpenVinoEncoder

            return OpenVinoEncoder(folder, cache_dir, name=name, prefixes=spec.prefixes)
        except Exception as error:  # any failure leaves torch, which runs every model
            _say_torch_once(f"{type(error).__name__}: {error}")
    return SentenceTransformerEncoder(
        str(folder), name=name, prefixes=spec.prefixes, batch_size=batch_size, local_files_only=True
    )


def runs_int8(spec: EncoderSpec, backend: Backend) -> bool:
    """Whether a model of this family runs quantised: asked for, or by default where NNCF is installed.

    By default only a family whose spec says so (E5, whose int8 model was measured to
    answer as its fp32 one does); any model may be asked for it.
    """
    if backend is Backend.OPENVINO_INT8:
        return True
    return backend is Backend.AUTO and spec.int8_by_default and _installed("nncf") and _installed("openvino")


def _installed(package: str) -> bool:
    return find_spec(package) is not None


@cache
def _say_fp32_once(reason: str) -> None:
    logger.warning("the encoder runs in fp32, not int8 (%s); it has the fp32 model's name", reason)


@cache
def _say_torch_once(reason: str) -> None:
    logger.warning("the encoder runs on torch, not OpenVINO (%s)", reason)


def _snapshot(model: str, *, local_files_only: bool) -> str:
    """The local folder of a hub model, downloaded first unless ``local_files_only``."""
    from huggingface_hub import snapshot_download

    try:
        return snapshot_download(model, local_files_only=local_files_only)
    except Exception as error:  # the hub's errors are many classes; all mean "not usable here"
        raise OSError(str(error)) from error


def _in_local_cache(model: str) -> bool:
    """Whether the Hugging Face cache holds the model, found without importing torch."""
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(model, "config.json"), str)


_PROBE_SECONDS = 60  # one probe answers the calls of a minute (a command asks twice: name, then load)


def hub_unreachable_reason(timeout: float = 3.0) -> str:
    """Why the model hub cannot be reached right now, or "" if it answers."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes"}:
        return "HF_HUB_OFFLINE is set"
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    host, port = endpoint.hostname or "huggingface.co", endpoint.port or (443 if endpoint.scheme == "https" else 80)
    return _probe(host, port, timeout, int(time.monotonic() // _PROBE_SECONDS))


@lru_cache(maxsize=4)
def _probe(host: str, port: int, timeout: float, minute: int) -> str:
    """Why ``host`` cannot be reached, or "" if it answers; ``minute`` only keys the cache."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return ""
    except OSError as error:
        return f"cannot reach {host}: {error.strerror or error}"
