"""The lexical index of a version: BM25 top-k over its passages, one Tantivy index per language.

SQLite FTS5 ranks every passage that holds any query word before it can return the
best forty, which took 151 ms p50 (720 ms p95) at a million passages. Tantivy's
block-max WAND skips passages that cannot reach the top k. Scores follow FTS5's
``bm25()`` as negobot used it (title and text as one document, k1 1.2, b 0.75, the
inverse document frequency ``log((N - n + 0.5) / (n + 0.5))`` counted over all
languages), so rankings agree with FTS5's but for stemming: Tantivy stems with
Snowball's English stemmer, FTS5 with Porter's.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import tantivy

LEXICAL_DIR = "lexical"
_ANALYZER = "negobot"
_FIELD = "body"
_MIN_IDF = 1e-6  # FTS5's floor for words in more than half of the passages
_WRITER_HEAP = 200_000_000  # bytes; bigger means fewer segments to merge


def _analyzer() -> tantivy.TextAnalyzer:
    """Words as FTS5's ``porter unicode61 remove_diacritics 2`` cuts them, near enough."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("row", fast=True, indexed=True)  # indexed: searches restricted to a set of rows
    builder.add_text_field(_FIELD, tokenizer_name=_ANALYZER)  # positions kept, for multi-word terms
    return builder.build()


def range_folder(low: int, high: int) -> str:
    """The folder, under :data:`LEXICAL_DIR`, of the index of rows ``[low, high)`` (one language)."""
    return f"rows-{low}-{high}"


def _rows_of(path: Path) -> tuple[int, int]:
    """The rows ``[low, high)`` that the index in ``path`` (named by :func:`range_folder`) holds."""
    _, low, high = path.name.split("-")
    return int(low), int(high)


def write_range(folder: Path, low: int, high: int, passages: Iterable[tuple[int, str, str]]) -> None:
    """Index the passages of one language: (row, title, text) with ``low <= row < high``."""
    path = folder / LEXICAL_DIR / range_folder(low, high)
    path.mkdir(parents=True)
    index = tantivy.Index(_schema(), path=str(path))
    index.register_tokenizer(_ANALYZER, _analyzer())
    writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)
    for row, title, text in passages:
        if not low <= row < high:
            raise ValueError(f"row {row} lies outside [{low}, {high})")
        writer.add_document(tantivy.Document(row=row, **{_FIELD: f"{title}\n{text}"}))
    writer.commit()
    writer.wait_merging_threads()


class LexicalIndex:
    """Searches the lexical index of one version, read-only; safe to share across threads."""

    def __init__(self, folders: Mapping[str, Sequence[Path]], unserved: np.ndarray | None = None) -> None:
        """Open each language's Tantivy indexes (one per segment); ``unserved`` rows are never returned."""
        self._schema = _schema()
        self._analyzer = _analyzer()
        self._searchers: dict[str, list[tuple[tantivy.Searcher, list[int]]]] = {}  # with the unserved rows each holds
        left_out = np.zeros(0, dtype=np.int64) if unserved is None else np.asarray(unserved, dtype=np.int64)
        for language, paths in folders.items():
            for path in paths:
                if not (path / "meta.json").is_file():
                    raise FileNotFoundError(f"{path} holds no lexical index")
                index = tantivy.Index.open(str(path))
                index.register_tokenizer(_ANALYZER, self._analyzer)
                low, high = _rows_of(path)
                inside = left_out[(left_out >= low) & (left_out < high)].tolist()
                self._searchers.setdefault(language, []).append((index.searcher(), inside))
        self._all = [searcher for searchers in self._searchers.values() for searcher, _ in searchers]
        self._total = sum(searcher.num_docs for searcher in self._all)

    def passages(self, language: str) -> int:
        """How many passages of ``language`` are indexed (those no longer served included)."""
        return sum(searcher.num_docs for searcher, _ in self._searchers.get(language, []))

    def search(
        self, terms: Iterable[str], limit: int, language: str, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Rows of ``language`` holding any of ``terms``, best first, with BM25 scores (higher is better).

        A term that the analyzer cuts into several words must match as a phrase. ``allowed``
        restricts the result to those rows (a date or outlet filter); scores stay as without it.
        """
        if limit <= 0 or (allowed is not None and not len(allowed)):
            return []
        found: list[tuple[int, float]] = []
        for searcher, unserved in self._searchers.get(language, []):
            found += self._search_one(searcher, terms, limit, allowed, unserved)
        return sorted(found, key=lambda hit: -hit[1])[:limit]

    def _search_one(
        self,
        searcher: tantivy.Searcher,
        terms: Iterable[str],
        limit: int,
        allowed: np.ndarray | None,
        unserved: list[int],
    ) -> list[tuple[int, float]]:
        """The best ``limit`` rows of one Tantivy index, none of the ``unserved`` ones."""
        clauses = []
        for term in terms:
            words: list[str | tuple[int, str]] = list(self._analyzer.analyze(term))
            if len(words) == 1:
                clause = self._term_query(searcher, str(words[0]))
            elif words:
                clause = tantivy.Query.phrase_query(self._schema, _FIELD, words)
            else:
                clause = None
            if clause is not None:
                clauses.append((tantivy.Occur.Should, clause))
        if not clauses:
            return []
        query = tantivy.Query.boolean_query(clauses)
        if allowed is not None:  # served rows only: no need to leave the unserved ones out too
            among = tantivy.Query.term_set_query(self._schema, "row", allowed.tolist())
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.const_score_query(among, 0.0))]
            )
        elif unserved:
            gone = tantivy.Query.term_set_query(self._schema, "row", unserved)
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.MustNot, gone)])
        found = searcher.search(query, limit, count=False)
        rows = searcher.fast_field_values("row", [address for _, address in found.hits])
        return [(int(row), float(score)) for row, (score, _) in zip(rows, found.hits, strict=True) if row is not None]

    def _term_query(self, searcher: tantivy.Searcher, word: str) -> tantivy.Query | None:
        """One word, weighted so that its score is FTS5's: Tantivy's IDF is swapped for FTS5's."""
        local = searcher.doc_freq(_FIELD, word)
        if local == 0:
            return None
        everywhere = sum(other.doc_freq(_FIELD, word) for other in self._all)
        wanted = max(math.log((self._total - everywhere + 0.5) / (everywhere + 0.5)), _MIN_IDF)
        tantivys = math.log(1 + (searcher.num_docs - local + 0.5) / (local + 0.5))
        return tantivy.Query.boost_query(tantivy.Query.term_query(self._schema, _FIELD, word), wanted / tantivys)


__all__ = ["LEXICAL_DIR", "LexicalIndex", "range_folder", "write_range"]
