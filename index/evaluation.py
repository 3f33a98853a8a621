"""Metrics over a QA file: whether the sources hold the answer, and whether the answer quotes it.

Retrieval: recall at 1/3/5 and mean reciprocal rank of the first cited passage that
contains an expected substring. The answer the user reads: the share of answerable
questions whose quoted sentences contain one ("answer"), whose first quote does
("first": one sentence, or two when one points back at the other), and the share of
unanswerable questions reported not found ("not_found").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.answer import Answer
from index.question import single_spaced

CUTOFFS = (1, 3, 5)


@dataclass(frozen=True)
class QAItem:
    """One question, the substrings a right passage contains, and its group."""

    question: str
    expected: list[str]
    group: str = ""

    def matches(self, text: str) -> bool:
        """Whether ``text`` contains an expected substring, ignoring case and spacing.

        Expected texts are copied from the raw articles, where "Spanyol , El Pais" has a
        space that cleaning takes out; the reader sees the same words either way.
        """
        spaced = _spacing(text)
        return any(_spacing(e) in spaced for e in self.expected)


@dataclass(frozen=True)
class Outcome:
    """How one answer fared: the rank of its first right source and whether it quotes the answer."""

    item: QAItem
    found: bool
    rank: int | None  # recall semantics: an unanswerable question scores 1 when not found
    answer_right: bool  # some quoted sentence holds an expected substring
    first_right: bool  # the first quote (one to three adjacent sentences, index.continuations) does
    first_quote: str  # "" when nothing was found

    @property
    def missed(self) -> bool:
        """An answerable question whose answer does not quote the expected text, or an unanswerable one answered."""
        return not self.answer_right if self.item.expected else self.found


@dataclass
class Scores:
    """Accumulated metrics of one group of questions."""

    count: int = 0
    recall: dict[int, float] = field(default_factory=lambda: dict.fromkeys(CUTOFFS, 0.0))
    reciprocal_rank: float = 0.0
    answerable: int = 0
    answer_right: int = 0
    first_right: int = 0
    unanswerable: int = 0
    not_found: int = 0

    def add(self, outcome: Outcome) -> None:
        """Record one question's outcome."""
        self.count += 1
        if outcome.rank is not None:
            for cutoff in CUTOFFS:
                self.recall[cutoff] += outcome.rank <= cutoff
            self.reciprocal_rank += 1.0 / outcome.rank
        if outcome.item.expected:
            self.answerable += 1
            self.answer_right += outcome.answer_right
            self.first_right += outcome.first_right
        else:
            self.unanswerable += 1
            self.not_found += not outcome.found

    def summary(self) -> dict[str, float | int | None]:
        """Averages: R@1, R@3, R@5, MRR, answer, first and not_found (None when no question applies)."""
        n = max(self.count, 1)
        result: dict[str, float | int | None] = {"n": self.count}
        result.update({f"R@{c}": round(self.recall[c] / n, 3) for c in CUTOFFS})
        result["MRR"] = round(self.reciprocal_rank / n, 3)
        result["answer"] = _share(self.answer_right, self.answerable)
        result["first"] = _share(self.first_right, self.answerable)
        result["not_found"] = _share(self.not_found, self.unanswerable)
        return result


@dataclass(frozen=True)
class Evaluation:
    """Scores overall and per group, and every question's outcome."""

    overall: Scores
    groups: dict[str, Scores]
    outcomes: list[Outcome]

    @property
    def misses(self) -> list[Outcome]:
        """The answers that miss: no expected text quoted, or an answer where the coverage has none."""
        return [o for o in self.outcomes if o.missed]


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


def judge(item: QAItem, answer: Answer) -> Outcome:
    """Compare one answer with what the QA item expects.

    A question expected to be unanswerable scores rank 1 when it is reported not
    found, and misses otherwise; an answerable one reported not found misses on
    every count.
    """
    first = answer.sentences[0].text if answer.found and answer.sentences else ""
    if not item.expected:
        return Outcome(item, answer.found, None if answer.found else 1, False, False, first)
    if not answer.found:
        return Outcome(item, False, None, False, False, "")
    rank = next((c for c, cited in enumerate(answer.citations, 1) if item.matches(cited.hit.chunk.text)), None)
    quoted = " ".join(s.text for s in answer.sentences)
    return Outcome(item, True, rank, item.matches(quoted), bool(first) and item.matches(first), first)


def evaluate(items: Iterable[QAItem], answer: Callable[[str], Answer]) -> Evaluation:
    """Answer every question with ``answer`` and score the answers overall and per group."""
    overall, groups, outcomes = Scores(), dict[str, Scores](), []
    for item in items:
        outcome = judge(item, answer(item.question))
        outcomes.append(outcome)
        overall.add(outcome)
        if item.group:
            groups.setdefault(item.group, Scores()).add(outcome)
    return Evaluation(overall, groups, outcomes)


def _spacing(text: str) -> str:
    """``text`` in lower case, whitespace runs as one space, none before punctuation."""
    return single_spaced(text.lower())


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
