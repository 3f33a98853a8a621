"""The vector index: one FAISS index per language, exact while a language is small, HNSW above a size.

Within a segment (see index.segments) rows of one language are contiguous (the builder
orders passages by language), so each language's run of rows gets an index of its own.
A graph over every language would serve a small language badly: filtered to a 1% share
of its nodes, an HNSW search of a million rows kept a third of that language's true
neighbours, and where languages sit apart in vector space the search cannot even reach
the other language's rows from its entry point.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

EF_SEARCH = 1024  # HNSW candidates per query over a whole language: recall@10 0.95 at 990k rows, ~2 ms
MAX_EF_SEARCH = 4096  # candidates explored however small a filtered range is
_MAGIC = b"negobot-vectors 1\n"  # then an 8-byte header length, a JSON header, one FAISS index per part


def check_factory(factory: str, dimension: int | None = None) -> None:
    """Refuse an approximate-index factory string that search cannot use, before any work is done.

    With the vectors' ``dimension``, FAISS also builds an empty one to check that it can
    (some strings, such as "HNSW32,PQ16", depend on the dimension).
    """
    if not factory.upper().startswith("HNSW"):
        # Search filters rows by ID range and reads vectors back; IVF and PQ indexes need extra
        # set-up for both, so only the HNSW family is accepted.
        raise ValueError(f"approximate index {factory!r}: only HNSW index-factory strings are supported")
    if dimension is None:
        return
    try:
        faiss.index_factory(dimension, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as error:
        reason = str(error).rsplit(": ", 1)[-1]
        raise ValueError(f"approximate index {factory!r}: FAISS cannot build it ({reason})") from None


@dataclass(frozen=True)
class _Part:
    """The FAISS index of rows ``[low, high)``; its own ids count from 0."""

    low: int
    high: int
    index: faiss.Index


# Up to this many allowed rows, a restricted search compares their stored vectors exactly.
_EXACT_AMONG = 20_000


class VectorIndex:
    """Normalised vectors by row number, searched by inner product within a row range."""

    def __init__(self, parts: Sequence[_Part], dimension: int) -> None:
        self._parts = list(parts)
        self.d = dimension
        self.ntotal = sum(part.index.ntotal for part in self._parts)
        self._unserved = np.zeros(0, dtype=np.int64)

    @classmethod
    def joined(cls, indexes: Sequence[VectorIndex], unserved: np.ndarray | None = None) -> VectorIndex:
        """One index over the parts of several (a version's segments), leaving out the ``unserved`` rows."""
        if not indexes:
            raise ValueError("no vector index to join")
        dimensions = {index.d for index in indexes}
        if len(dimensions) != 1:
            raise RuntimeError(f"segments' vectors differ in width: {sorted(dimensions)}")
        joined = cls([part for index in indexes for part in index._parts], indexes[0].d)
        if unserved is not None:
            joined._unserved = np.sort(np.asarray(unserved, dtype=np.int64))
        return joined

    @property
    def unserved(self) -> np.ndarray:
        """The rows left out of every search, sorted."""
        return self._unserved

    def describe(self) -> str:
        """The FAISS index kinds used, e.g. "IndexHNSWFlat" or "IndexHNSWFlat+IndexFlatIP" (for the manifest)."""
        kinds = dict.fromkeys(type(part.index).__name__ for part in self._parts)
        return "+".join(kinds) or "IndexFlatIP"

    def reconstruct_batch(self, rows: np.ndarray) -> np.ndarray:
        """The stored vectors of ``rows``, in their order."""
        rows = np.asarray(rows, dtype=np.int64)
        result = np.zeros((len(rows), self.d), dtype=np.float32)
        for part in self._parts:
            inside = (rows >= part.low) & (rows < part.high)
            if inside.any():
                result[inside] = part.index.reconstruct_batch(rows[inside] - part.low)
        return result

    def search(
        self,
        query: np.ndarray,
        k: int,
        low: int,
        high: int,
        ef_search: int = EF_SEARCH,
        allowed: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        """The ``k`` nearest rows within ``[low, high)`` (and among ``allowed`` rows, when given), best first.

        Unserved rows are never returned; ``allowed`` must not hold any.
        """
        found: list[tuple[int, float]] = []
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        for part in self._parts:
            start, stop = max(low, part.low) - part.low, min(high, part.high) - part.low
            if start >= stop:
                continue
            if allowed is None:
                unserved = self._unserved[(self._unserved >= part.low + start) & (self._unserved < part.low + stop)]
                hits = _search(part.index, query, k, start, stop, ef_search, unserved - part.low)
            else:
                own = allowed[(allowed >= part.low + start) & (allowed < part.low + stop)] - part.low
                hits = _search_among(part.index, query, k, own, ef_search)
            found += [(part.low + row, score) for row, score in hits]
        return sorted(found, key=lambda hit: -hit[1])[:k]


def build_vector_index(
    vectors: np.ndarray,
    approximate_above: int,
    factory: str,
    ranges: Sequence[tuple[int, int]] | None = None,
    first_row: int = 0,
) -> VectorIndex:
    """An index over normalised ``vectors``, whose ids are ``first_row`` plus their row numbers.

    ``ranges`` are the half-open row ranges of the languages (default: all rows as one),
    counted from 0. Each gets its own index: exact (flat inner product) up to
    ``approximate_above`` vectors; above that, the FAISS index-factory string ``factory``
    (e.g. "HNSW32,Flat").
    """
    count, dimension = vectors.shape
    if ranges is None:
        ranges = [(0, count)] if count else []
    bounds = [0] + [row for low, high in ranges for row in (low, high)] + [count]
    if any(bounds[i] != bounds[i + 1] for i in range(0, len(bounds), 2)) or any(low >= high for low, high in ranges):
        raise ValueError(f"language ranges {list(ranges)} do not cover rows 0..{count} in order")
    parts = [
        _Part(first_row + low, first_row + high, _build_part(vectors[low:high], approximate_above, factory))
        for low, high in ranges
    ]
    return VectorIndex(parts, dimension)


def search_range(
    index: VectorIndex,
    query: np.ndarray,
    k: int,
    low: int,
    high: int,
    *,
    ef_search: int = EF_SEARCH,
    allowed: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """The ``k`` nearest rows within ``[low, high)`` to one query vector, best first.

    ``allowed``, a sorted array of rows, restricts the search to those rows (a date or outlet filter).
    """
    if high <= low or k <= 0:
        return []
    return index.search(query, k, low, high, ef_search, allowed)


def save(index: VectorIndex, path: Path) -> None:
    """Write the index to ``path``: a header naming each part's rows, then the parts' FAISS indexes."""
    header = json.dumps({"dimension": index.d, "parts": [[p.low, p.high] for p in index._parts]}).encode()
    with path.open("wb") as file:
        file.write(_MAGIC + len(header).to_bytes(8, "little") + header)
        for part in index._parts:
            faiss.write_index(part.index, faiss.PyCallbackIOWriter(file.write))  # type: ignore[attr-defined]


def load(path: Path) -> VectorIndex:
    """Read an index written by :func:`save`, or a plain FAISS index file (versions built before it)."""
    with path.open("rb") as file:
        if file.read(len(_MAGIC)) != _MAGIC:
            index = faiss.read_index(str(path))
            return VectorIndex([_Part(0, index.ntotal, index)], index.d)
        try:
            header = json.loads(file.read(int.from_bytes(file.read(8), "little")))
            reader = faiss.PyCallbackIOReader(file.read)  # type: ignore[attr-defined]
            parts = [_Part(low, high, faiss.read_index(reader)) for low, high in header["parts"]]
        except (ValueError, KeyError, TypeError) as error:
            raise RuntimeError(f"unreadable vector index header ({error})") from None
    if any(part.index.ntotal != part.high - part.low for part in parts):
        raise RuntimeError("a part of the vector index holds fewer or more vectors than its rows")
    return VectorIndex(parts, int(header["dimension"]))


def _build_part(vectors: np.ndarray, approximate_above: int, factory: str) -> faiss.Index:
    """One language's index: exact up to ``approximate_above`` vectors, else ``factory``."""
    count, dimension = vectors.shape
    if count > approximate_above:
        check_factory(factory)
        index = faiss.index_factory(dimension, factory, faiss.METRIC_INNER_PRODUCT)
        if not index.is_trained:
            index.train(vectors)
    else:
        index = faiss.IndexFlatIP(dimension)
    if count:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def _search(
    index: faiss.Index,
    query: np.ndarray,
    k: int,
    low: int,
    high: int,
    ef_search: int,
    excluded: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """The ``k`` nearest of one part's own rows ``[low, high)``, none of the ``excluded`` ones.

    A whole part is searched as it is. A sub-range (not a language: only tests and tools
    ask for one) and excluded rows (articles no longer served) are filtered; in an HNSW
    graph the candidates explored grow by the share of rows the filter leaves out, so it
    still sees about as many of its own rows.
    """
    left_out = 0 if excluded is None else len(excluded)
    k = min(k, high - low - left_out)
    if k <= 0:
        return []
    # The selectors must stay alive until the search returns: each is held by a local name.
    within = None if low == 0 and high == index.ntotal else faiss.IDSelectorRange(low, high)
    batch = faiss.IDSelectorBatch(excluded.astype(np.int64)) if excluded is not None and left_out else None
    served = faiss.IDSelectorNot(batch) if batch is not None else None
    both = faiss.IDSelectorAnd(within, served) if within is not None and served is not None else None
    selector = both or within or served
    return _filtered_search(index, query, k, selector, high - low - left_out, ef_search)


def _search_among(
    index: faiss.Index, query: np.ndarray, k: int, rows: np.ndarray, ef_search: int
) -> list[tuple[int, float]]:
    """The ``k`` nearest of one part's own ``rows``: exactly, by their stored vectors, when they are few."""
    k = min(k, len(rows))
    if k <= 0:
        return []
    if len(rows) <= _EXACT_AMONG:
        scores = index.reconstruct_batch(rows.astype(np.int64)) @ query[0]
        best = np.argsort(-scores, kind="stable")[:k]
        return [(int(rows[i]), float(scores[i])) for i in best]
    selector = faiss.IDSelectorBatch(rows.astype(np.int64))  # alive till searched
    return _filtered_search(index, query, k, selector, len(rows), ef_search)


def _filtered_search(
    index: faiss.Index, query: np.ndarray, k: int, selector: Any, allowed: int, ef_search: int
) -> list[tuple[int, float]]:
    """The ``k`` nearest among the ``allowed`` ids ``selector`` lets through (None: all of them).

    In an HNSW graph the candidates explored grow by the share of ids the selector leaves
    out, so it still sees about as many allowed ones.
    """
    params: Any = None
    if isinstance(index, faiss.IndexHNSW):
        candidates = min(MAX_EF_SEARCH, max(k, math.ceil(ef_search * index.ntotal / allowed)))
        params = faiss.SearchParametersHNSW(efSearch=candidates)  # type: ignore[attr-defined]
        if selector is not None:
            params.sel = selector
    elif selector is not None:
        params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
    scores, rows = index.search(query, k, params=params)
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
