"""A hashed bag-of-words encoder: fast and deterministic, for plumbing tests only."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"\w+")


class HashedEncoder:
    """Bag of hashed words; never use it to judge retrieval quality."""

    def __init__(self, name: str = "fake:hashed", dimension: int = 64, max_tokens: int = 64) -> None:
        self.name = name
        self.dimension = dimension
        self.max_tokens = max_tokens
        self.encoded = 0  # passages encoded so far, to observe the embedding cache

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(_WORD.findall(t)) + 2 for t in texts]

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += len(texts)
        return self._encode(texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                bucket = int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension
                matrix[row, bucket] += 1.0
        matrix[:, 0] += 1e-3  # no all-zero rows
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
