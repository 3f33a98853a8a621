"""Hybrid, language-aware retrieval over one published index version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import vectors
from index.builder import INDEX_DB, VECTORS_FILE
from index.documents import Article, Chunk
from index.embedder import Encoder
from index.lexical import fts_query, query_terms
from index.manifest import Manifest
from index.store import IndexStore
from index.versions import DataDir

_RRF_K = 60
_SHINGLE = re.compile(r"\w+")


class NoIndexError(RuntimeError):
    """There is no published index in the data directory."""


@dataclass(frozen=True)
class SearchConfig:
    """Knobs of the retrieval; defaults are what the QA set was measured with."""

    pool: int = 40  # candidates taken from each list before fusion
    dense: bool = True
    lexical: bool = True
    per_document: int = 2  # most passages of one article among the results
    duplicate_similarity: float = 0.92  # passages this similar collapse into one


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with the article it belongs to and its scores."""

    row: int
    chunk: Chunk
    article: Article
    score: float  # fused rank score, higher is better
    dense: float  # cosine similarity of question and passage
    lexical: float  # BM25 score, 0 when no question word matches


class Searcher:
    """Searches one index version; safe to share across threads."""

    def __init__(self, folder: Path, encoder: Encoder, config: SearchConfig | None = None) -> None:
        self.manifest = Manifest.load(folder)
        self.manifest.check_encoder(encoder.name)
        self.folder = folder
        self.encoder = encoder
        self.config = config or SearchConfig()
        self.store = IndexStore(folder / INDEX_DB, read_only=True)
        self._index = vectors.load(folder / VECTORS_FILE)
        self._ranges = self.store.language_ranges()

    @classmethod
    def open_current(cls, data_dir: DataDir, encoder: Encoder, config: SearchConfig | None = None) -> Searcher:
        """The searcher of the version being served."""
        folder = data_dir.current()
        if folder is None:
            raise NoIndexError(f"no index in {data_dir.root}; build one with `negobot index`")
        return cls(folder, encoder, config)

    def close(self) -> None:
        """Release the index files."""
        self.store.close()

    def search(self, question: str, k: int) -> list[Hit]:
        """The ``k`` best distinct passages for a question, best first."""
        query = self.encoder.encode_queries([question])[0]
        lists: list[list[int]] = []
        if self.config.dense:
            for low, high in self._ranges.values():
                lists.append([row for row, _ in vectors.search_range(self._index, query, self.config.pool, low, high)])
        lexical_scores: dict[int, float] = {}
        if self.config.lexical:
            lexical = self.store.lexical_search(fts_query(question), self.config.pool)
            lexical_scores = dict(lexical)
            lists.append([row for row, _ in lexical])
        fused = _reciprocal_rank_fusion(lists)
        if not fused:
            return []
        rows = sorted(fused, key=lambda r: -fused[r])
        candidate_vectors = self._index.reconstruct_batch(np.asarray(rows, dtype=np.int64))
        dense_scores = dict(zip(rows, (candidate_vectors @ query).tolist(), strict=True))
        vectors_by_row = dict(zip(rows, candidate_vectors, strict=True))
        chosen = self._diverse(rows, vectors_by_row, k)
        stored = self.store.chunks_by_rows(chosen)
        articles = {doc_id: self.store.article(doc_id) for doc_id in {stored[r].chunk.doc_id for r in chosen}}
        return [
            Hit(
                row=row,
                chunk=stored[row].chunk,
                article=_require(articles[stored[row].chunk.doc_id]),
                score=fused[row],
                dense=dense_scores[row],
                lexical=lexical_scores.get(row, 0.0),
            )
            for row in chosen
        ]

    def is_answered(self, hits: list[Hit]) -> bool:
        """Whether the best passage is relevant enough to answer from."""
        return bool(hits) and max(h.dense for h in hits) >= 0.3

    def _diverse(self, rows: list[int], vectors_by_row: dict[int, np.ndarray], k: int) -> list[int]:
        """Drop near-duplicates and cap passages per article, keeping rank order."""
        stored = self.store.chunks_by_rows(rows[: k * 8])
        chosen: list[int] = []
        per_doc: dict[str, int] = {}
        for row in rows[: k * 8]:
            doc_id = stored[row].chunk.doc_id
            if per_doc.get(doc_id, 0) >= self.config.per_document:
                continue
            if any(
                float(vectors_by_row[row] @ vectors_by_row[other]) >= self.config.duplicate_similarity
                for other in chosen
            ):
                continue
            chosen.append(row)
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
            if len(chosen) == k:
                break
        return chosen


def _reciprocal_rank_fusion(lists: list[list[int]]) -> dict[int, float]:
    scores: dict[int, float] = {}
    for ranked in lists:
        for rank, row in enumerate(ranked, start=1):
            scores[row] = scores.get(row, 0.0) + 1.0 / (_RRF_K + rank)
    return scores


def _require(article: Article | None) -> Article:
    if article is None:
        raise RuntimeError("the index refers to an article it does not store")
    return article


__all__ = ["Hit", "NoIndexError", "SearchConfig", "Searcher", "query_terms"]
