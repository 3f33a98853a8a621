"""How typical of the coverage a sentence is: its mean cosine with its nearest sentences in other articles.

A sentence that restates the story ("Sebelumnya, baik AS dan NATO telah memberikan
tanggapan terhadap tuntutan Rusia ...") lies close to sentences of many other reports,
and so to many questions; a sentence that holds one particular fact does not. An
encoder's cosines favour the first kind (hubness, which is worst across languages), so
the answer's fitted weights count a sentence's typicality against it
(index.sentence_features). It is measured against a fixed sample of the version's
stored sentence vectors: over the tuned sets' recorded contests, a sample of 1,000
sentences chose the answer sentence nearly as well as all 3,861 of the QA index (README).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.store import IndexStore

REFERENCE_SENTENCES = 2_000  # about; drawn from a share of the passages (sampled_share)
SENTENCES_PER_PASSAGE = 4  # about, to turn the sample's size into a number of passages
NEAREST = 10
_ID_DIGITS = 8  # the leading hex digits of a chunk id that place it in the sample
_ID_SPACE = 16**_ID_DIGITS
COPY = 0.95  # a sentence this close to another is a copy of it (syndication, a live blog repeating itself)


@dataclass(frozen=True)
class Typicality:
    """A sample of the coverage's sentence vectors (one encoder's), and the article each comes from."""

    vectors: np.ndarray  # normalised, float32, one row per sentence
    articles: np.ndarray  # per sentence, its article's number in ``numbers``
    numbers: dict[str, int]  # doc id: number

    @classmethod
    def of_sentences(cls, vectors: np.ndarray, articles: Sequence[str]) -> Typicality:
        """A sample of these sentence vectors, each of the article named by its doc id."""
        numbers = {article: number for number, article in enumerate(dict.fromkeys(articles))}
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True) if len(vectors) else vectors
        return cls(unit.astype(np.float32), np.array([numbers[a] for a in articles], dtype=np.int64), numbers)

    @classmethod
    def sample(cls, store: IndexStore, encoder: str, rows: int, size: int = REFERENCE_SENTENCES) -> Typicality:
        """The sentences of a share of the first ``rows`` rows' passages, about ``size`` of them.

        A passage is in the sample when its chunk id (a hash of its article and text)
        falls in the first :func:`sampled_share` of all ids: adding or removing an article
        changes the sample by that article's passages and the few at the share's edge, not
        the whole of it, so that answers to other questions stay as they were. Empty in
        versions without stored sentence vectors.
        """
        share = sampled_share(rows, size)
        chunks = store.chunks_by_rows([row for row in store.rows_with_chunk_ids_below(_id_bound(share)) if row < rows])
        stored = store.text_vectors(encoder, list(chunks))
        sentences = [(key, vector) for key, vector in stored.items() if key[1] >= 0]  # not whole passages
        if not sentences:
            return cls.of_sentences(np.zeros((0, 0), dtype=np.float32), [])
        vectors = np.stack([vector for _, vector in sentences])
        return cls.of_sentences(vectors, [chunks[row].chunk.doc_id for (row, _, _), _ in sentences])

    def of(self, vectors: np.ndarray, articles: Sequence[str]) -> np.ndarray:
        """Per sentence, the mean cosine of its :data:`NEAREST` sample sentences of other articles, copies left out.

        All zeros when the sample is empty, which leaves the weights' other features to decide.
        """
        if not len(self.vectors) or not len(vectors):
            return np.zeros(len(vectors))
        unit = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
        cosines = unit @ self.vectors.T
        own = np.array([self.numbers.get(article, -1) for article in articles])
        cosines[own[:, None] == self.articles[None, :]] = -1.0
        cosines[cosines >= COPY] = -1.0
        nearest = min(NEAREST, cosines.shape[1])
        typical: np.ndarray = np.partition(cosines, -nearest, axis=1)[:, -nearest:].mean(axis=1).astype(np.float64)
        return typical


def sampled_share(rows: int, size: int = REFERENCE_SENTENCES) -> float:
    """The share of ``rows`` passages whose sentences make a sample of about ``size`` sentences (1: all)."""
    return min(1.0, size / SENTENCES_PER_PASSAGE / rows) if rows else 0.0


def _id_bound(share: float) -> str:
    """The chunk id below which ``share`` of all ids fall (ids are hex digests, uniformly spread)."""
    if share >= 1.0:
        return "g"  # above every hex digit
    return f"{int(share * _ID_SPACE):0{_ID_DIGITS}x}"
