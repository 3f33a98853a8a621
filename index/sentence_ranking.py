"""A language's candidate passages ranked again by their best sentence, for retrieval (index.search).

A passage's vector averages a dozen sentences on several subjects and dilutes the one
that answers. A question asked in one language of a passage in another suffers most:
the Indonesian question about an English market report matches the report's one
sentence on it far better than the report's passage. So each language's candidates
(every passage that language's lists found) are ranked again by the cosine of their best
sentence with the question's vector (moved toward the language, as for the dense list),
and that ranking is fused with the others. The sentence vectors are those a build stores
for answers (index.answer_vectors), so nothing is encoded; a version without them gets
no such ranking. Sentences shorter than :data:`MIN_CHARS` (a lone dash, "What is
next?") do not rank a passage: an encoder puts such fragments near every question.
Over the 78 QA files (README, Measuring, the thirty-sixth session) it gained answers
where the question's language is not the passage's, Indonesian questions of English
reports most, and about as many were lost as gained where it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from index.store import TextKey

MIN_CHARS = 25


def best_sentence_ranking(query: np.ndarray, sentences: Mapping[TextKey, np.ndarray], limit: int) -> list[int]:
    """The rows of ``sentences``' passages, best sentence's cosine with ``query`` first, at most ``limit`` of them.

    ``sentences`` maps (row, start, end) to a vector; whole passages (start -1) and
    sentences shorter than :data:`MIN_CHARS` are passed over.
    """
    keys = [key for key in sentences if key[1] >= 0 and key[2] - key[1] >= MIN_CHARS]
    if not keys:
        return []
    matrix = np.stack([sentences[key] for key in keys])
    cosines = (matrix @ query) / np.linalg.norm(matrix, axis=1)
    best: dict[int, float] = {}
    for (row, _, _), cosine in zip(keys, cosines.tolist(), strict=True):
        best[row] = max(cosine, best.get(row, -1.0))
    return sorted(best, key=lambda row: -best[row])[:limit]


def candidate_rows(lists: Sequence[tuple[list[int], float]]) -> list[int]:
    """Every row some of ``lists`` found, in ascending order."""
    return sorted({row for rows, _ in lists for row in rows})


__all__ = ["MIN_CHARS", "best_sentence_ranking", "candidate_rows"]
