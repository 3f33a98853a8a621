"""Copies of one story across languages: a translated agency report, found by its vectors.

MinHash compares words, so it cannot see a translation. Two signals together can:

- The leads. A translation's lead passage is the other language's lead nearest to the
  original's, by a margin: bitext mining's ratio margin (Artetxe and Schwenk, 2019), the
  cosine divided by the mean cosine of the two leads to their :data:`NEIGHBOURS` nearest
  leads in the other language. Each must be the other's best match, the margin at least
  :data:`MARGIN`. Raw cosines alone do not separate copies from reports of the same
  event (copies 0.83 to 0.93, same-day reports up to 0.89).
- The sentences. A translation says the same things in the same order, so each opening
  sentence of one has a close counterpart in the other: the mean, both ways, of each
  sentence's best cosine with the other's opening sentences is at least :data:`ALIGNED`.
  A report of the same event by another reporter does not align (the lead margin alone
  made three false stories of them in a corpus of 16 Indonesian and 100 English articles).

Pairs must also be published within :data:`WINDOW_DAYS` of each other, and each language
needs :data:`NEIGHBOURS` articles for the margin to mean anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import numpy as np

from index.answer_vectors import AnswerVectors
from index.documents import Chunk

MARGIN = 1.015  # chosen on half of a set of 30 translated copies and 10 same-topic reports (see the README)
ALIGNED = 0.85  # copies' opening sentences aligned at 0.84 to 0.95, other reports' at most 0.85
NEIGHBOURS = 4
OPENING = 2  # passages whose sentences are aligned
WINDOW_DAYS = 3
_BLOCK = 2048  # leads compared at a time, to bound memory on large corpora


def cross_language_copies(
    leads: Mapping[str, np.ndarray],
    languages: Mapping[str, str],
    days: Mapping[str, str],
    opening: Callable[[str], np.ndarray],
) -> list[tuple[str, str]]:
    """Pairs of articles in different languages that are copies of one story.

    ``leads`` are the normalised vectors of each article's first passage, ``languages``
    and ``days`` (ISO, "" when unknown) each article's language and publication day;
    ``opening`` gives an article's opening sentences' vectors (one per row).
    """
    by_language: dict[str, list[str]] = {}
    for doc_id in leads:
        by_language.setdefault(languages[doc_id], []).append(doc_id)
    names = sorted(by_language)
    pairs: list[tuple[str, str]] = []
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            a_ids, b_ids = by_language[first], by_language[second]
            if min(len(a_ids), len(b_ids)) < NEIGHBOURS:
                continue
            a = np.stack([leads[d] for d in a_ids]).astype(np.float32)
            b = np.stack([leads[d] for d in b_ids]).astype(np.float32)
            for x, y in _mutual_best(a, b):
                first_id, second_id = a_ids[x], b_ids[y]
                if _within_window(days.get(first_id, ""), days.get(second_id, "")) and (
                    aligned(opening(first_id), opening(second_id)) >= ALIGNED
                ):
                    pairs.append((first_id, second_id))
    return pairs


def _mutual_best(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int]]:
    """Rows of ``a`` and ``b`` that are each other's best match by ratio margin, at least :data:`MARGIN`."""
    a_near = np.concatenate([_top_mean(a[s : s + _BLOCK] @ b.T) for s in range(0, len(a), _BLOCK)])
    b_near = np.concatenate([_top_mean(b[s : s + _BLOCK] @ a.T) for s in range(0, len(b), _BLOCK)])
    a_best = np.zeros(len(a), dtype=np.int64)
    a_score = np.full(len(a), -np.inf)
    b_best = np.zeros(len(b), dtype=np.int64)
    b_score = np.full(len(b), -np.inf)
    for s in range(0, len(a), _BLOCK):
        margin = (a[s : s + _BLOCK] @ b.T) / ((a_near[s : s + _BLOCK, None] + b_near[None, :]) / 2)
        a_best[s : s + _BLOCK], a_score[s : s + _BLOCK] = margin.argmax(axis=1), margin.max(axis=1)
        better = margin.max(axis=0) > b_score
        b_best[better] = margin.argmax(axis=0)[better] + s
        b_score[better] = margin.max(axis=0)[better]
    return [(x, int(a_best[x])) for x in range(len(a)) if b_best[a_best[x]] == x and a_score[x] >= MARGIN]


def lead_vectors(
    chunks: Sequence[Chunk], matrix: np.ndarray, answer_vectors: Sequence[AnswerVectors], encoder: str
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each article's lead vector (its first passage's row of ``matrix``) and opening sentences' vectors.

    ``answer_vectors`` are the stored sentence vectors of ``chunks``; those of ``encoder`` are used.
    """
    leads = {c.doc_id: matrix[row] for row, c in enumerate(chunks) if c.position == 0}
    own = next((v for v in answer_vectors if v.encoder == encoder), None)
    return leads, ({} if own is None else opening_sentences(chunks, own.keys, own.vectors))


def opening_sentences(
    chunks: Sequence[Chunk], keys: Sequence[tuple[int, int, int]], vectors: np.ndarray
) -> dict[str, np.ndarray]:
    """Each article's opening sentences' vectors: those of its first :data:`OPENING` passages.

    ``keys`` are (row, start, end) of ``vectors``, a row being the index of a chunk in ``chunks``.
    """
    found: dict[str, list[np.ndarray]] = {}
    for (row, start, _), vector in zip(keys, vectors, strict=True):
        if start >= 0 and chunks[row].position < OPENING:
            found.setdefault(chunks[row].doc_id, []).append(vector)
    return {doc_id: np.stack(rows).astype(np.float32) for doc_id, rows in found.items()}


def aligned(first: np.ndarray, second: np.ndarray) -> float:
    """How well two articles' sentences align: the mean, both ways, of each sentence's best cosine in the other."""
    if not len(first) or not len(second):
        return 0.0
    cosines = first @ second.T
    return float((cosines.max(axis=1).mean() + cosines.max(axis=0).mean()) / 2)


def _top_mean(scores: np.ndarray) -> np.ndarray:
    """Each row's mean of its :data:`NEIGHBOURS` highest scores."""
    top = np.partition(scores, -NEIGHBOURS, axis=1)[:, -NEIGHBOURS:]
    return np.asarray(top.mean(axis=1), dtype=np.float32)


def _within_window(first: str, second: str) -> bool:
    """Whether two ISO days are at most :data:`WINDOW_DAYS` apart (an unknown day does not rule a pair out)."""
    if not first or not second:
        return True
    try:
        return abs((date.fromisoformat(first[:10]) - date.fromisoformat(second[:10])).days) <= WINDOW_DAYS
    except ValueError:
        return True


__all__ = [
    "ALIGNED",
    "MARGIN",
    "NEIGHBOURS",
    "WINDOW_DAYS",
    "aligned",
    "cross_language_copies",
    "lead_vectors",
    "opening_sentences",
]
