"""The FAISS vector index: exact inner-product search, approximate above a size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np


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


def build_vector_index(vectors: np.ndarray, approximate_above: int, factory: str) -> faiss.Index:
    """An index over normalised ``vectors``, whose ids are their row numbers.

    Exact (flat inner product) up to ``approximate_above`` vectors; above that,
    the FAISS index-factory string ``factory`` (e.g. "HNSW32,Flat").
    """
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


def search_range(index: faiss.Index, query: np.ndarray, k: int, low: int, high: int) -> list[tuple[int, float]]:
    """The ``k`` nearest rows within ``[low, high)`` to one query vector, best first."""
    if high <= low or k <= 0:
        return []
    params = _search_parameters(index, faiss.IDSelectorRange(low, high))
    scores, rows = index.search(query.reshape(1, -1).astype(np.float32), min(k, high - low), params=params)
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]


def save(index: faiss.Index, path: Path) -> None:
    """Write the index to ``path``."""
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    """Read an index written by :func:`save`."""
    return faiss.read_index(str(path))


def _search_parameters(index: faiss.Index, selector: faiss.IDSelector) -> Any:
    """Search parameters restricting results to ``selector`` (HNSW needs its own kind)."""
    if isinstance(index, faiss.IndexHNSW):
        return faiss.SearchParametersHNSW(sel=selector, efSearch=128)  # type: ignore[attr-defined]
    return faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
