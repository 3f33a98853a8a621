"""Retrieval metrics over a QA file: recall at 1/3/5 and mean reciprocal rank."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.search import Hit

CUTOFFS = (1, 3, 5)


@dataclass(frozen=True)
class QAItem:
    """One question, the substrings a right passage contains, and its group."""

    question: str
    expected: list[str]
    group: str = ""


@dataclass
class Scores:
    """Accumulated metrics of one group of questions."""

    count: int = 0
    recall: dict[int, float] = field(default_factory=lambda: dict.fromkeys(CUTOFFS, 0.0))
    reciprocal_rank: float = 0.0

    def add(self, rank: int | None) -> None:
        """Record one question whose first right passage is at ``rank`` (1-based), or None."""
        self.count += 1
        if rank is not None:
            for cutoff in CUTOFFS:
                self.recall[cutoff] += rank <= cutoff
            self.reciprocal_rank += 1.0 / rank

    def summary(self) -> dict[str, float | int]:
        """Averages: R@1, R@3, R@5 and MRR."""
        n = max(self.count, 1)
        result: dict[str, float | int] = {"n": self.count}
        result.update({f"R@{c}": round(self.recall[c] / n, 3) for c in CUTOFFS})
        result["MRR"] = round(self.reciprocal_rank / n, 3)
        return result


def read_qa(path: Path) -> list[QAItem]:
    """Read a QA file; a malformed line is an error naming its line number."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            question, expected = record["question"], record.get("expected", [])
            if not isinstance(question, str) or not isinstance(expected, list):
                raise TypeError("'question' must be a string and 'expected' a list")
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a QA line ({error})") from error
        items.append(QAItem(question, [str(e) for e in expected], str(record.get("group", ""))))
    return items


def first_right_rank(item: QAItem, found: bool, hits: list[Hit]) -> int | None:
    """Rank of the first passage containing an expected substring.

    A question expected to be unanswerable scores rank 1 when it is reported
    not found, and misses otherwise; an answerable one reported not found misses.
    """
    if not item.expected:
        return None if found else 1
    if not found:
        return None
    needles = [e.lower() for e in item.expected]
    for rank, hit in enumerate(hits, start=1):
        passage = hit.chunk.text.lower()
        if any(needle in passage for needle in needles):
            return rank
    return None


def evaluate(
    items: Iterable[QAItem], retrieve: Callable[[str], tuple[bool, list[Hit]]]
) -> tuple[Scores, dict[str, Scores]]:
    """Scores overall and per group; ``retrieve`` returns (found, hits) for a question."""
    overall, groups = Scores(), dict[str, Scores]()
    for item in items:
        found, hits = retrieve(item.question)
        rank = first_right_rank(item, found, hits)
        overall.add(rank)
        if item.group:
            groups.setdefault(item.group, Scores()).add(rank)
    return overall, groups
