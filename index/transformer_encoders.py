"""Transformer sentence encoders: their prefixes and token counts, and sentence-transformers on torch.

OpenVINO runs the same folders faster (index.openvino_encoder); torch runs any model
and is the fallback. Every encoder returns L2-normalised float32 vectors, so inner
product is cosine similarity, and counts tokens exactly as it will see a passage so
the chunker can keep every passage inside the model's window.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from index.encoder_names import sentence_transformers_name


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
    """Any sentence-transformers model on torch, with the prefixes its family needs (E5's "query: ", "passage: ")."""

    def __init__(
        self,
        model_name_or_path: str,
        *,
        local_files_only: bool = False,
        batch_size: int = 32,
        name: str = "",
        prefixes: tuple[str, str] = ("", ""),
    ) -> None:
        """Load the model; ``name`` overrides the recorded encoder name, ``prefixes`` go on (questions, passages)."""
        from sentence_transformers import SentenceTransformer

        with _weight_loading_bar(shown=not (local_files_only or Path(model_name_or_path).is_dir())):
            self._model = SentenceTransformer(model_name_or_path, device="cpu", local_files_only=local_files_only)
        self.name = name or sentence_transformers_name(model_name_or_path)
        dimension = getattr(self._model, "get_embedding_dimension", self._model.get_sentence_embedding_dimension)
        self.dimension = int(dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length or self._model.tokenizer.model_max_length)
        self._query_prefix, self._passage_prefix = prefixes
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
