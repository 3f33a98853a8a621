"""The passages an answer may come from, and those of the time the question names.

The reader's filters limit the passages; an outlet or language the coverage does not have
is an error that names what it has. What the question's time does with its reports (narrow
to a day's, or put a month's first) is the answer's to decide (see index.answer).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from index.documents import Article
from index.filters import DayRange, FilterError, Filters
from index.named_outlets import shorter_names
from index.question import Question
from index.question_time import AskedTime, asked_time
from index.store import ArticleSelection, IndexStore

# Reports published up to this many days after a question's day still describe it
# (an evening's news comes out after midnight UTC).
LATE_DAYS = 1


@dataclass(frozen=True)
class Scope:
    """The passages to answer from, and the reports of the question's time among them."""

    rows: np.ndarray | None  # None: every passage
    time: AskedTime | None  # the time the question names
    preferred: np.ndarray | None  # the reports of that time (and the undated), None without one
    day_only: bool = False  # ``rows`` are the reports of the one day the question names
    # With ``day_only``: the passages of later reports among ``rows`` that tell of the day; of
    # any report of another day, only the sentences naming the day are quoted.
    recalling: np.ndarray | None = None
    reported: bool = True  # the coverage (under the filters) holds reports of the question's time

    @property
    def has_rows(self) -> bool:
        """Whether any passage is left to answer from."""
        return self.rows is None or len(self.rows) > 0


def scope_for(question: Question, store: IndexStore, filters: Filters, time: AskedTime | None = None) -> Scope:
    """The passages ``question`` may be answered from under ``filters``, and those its time prefers.

    The time is read from the question unless given (one the coverage dated, "after the Geneva talks").
    """
    selection = _selection(store, filters)
    rows = store.rows_of_articles(selection) if filters.active else None
    if time is None:
        # Years left out are read against the whole coverage; "the latest" against the newest
        # report the filters leave: an outlet's, a language's, or before the reader's own end
        # (a report of the 18th published on the 19th is still before until:2022-02-18).
        newest, oldest = store.newest_day(), store.oldest_day()
        latest = store.newest_day_of(selection) if filters.active else newest
        if latest and filters.until:
            latest = min(latest, filters.until.isoformat())
        time = asked_time(
            question.text,
            question.language,
            date.fromisoformat(newest) if newest else None,
            date.fromisoformat(oldest) if oldest else None,
            date.fromisoformat(latest) if latest else None,
        )
    if time is None:
        return Scope(rows, None, None)
    preferred = store.rows_of_articles(selection.within(_days_of(time)))
    reported = store.has_articles(selection.within(replace(_days_of(time), keep_undated=False)))
    return Scope(rows, time, preferred, reported=reported)


def leaves_nothing(store: IndexStore, filters: Filters) -> bool:
    """Whether the reader's filters leave no article (a FilterError for an outlet or language the coverage lacks)."""
    return filters.active and not store.has_articles(_selection(store, filters))


def first_day_after(store: IndexStore, filters: Filters, day: date) -> str:
    """The first day after ``day`` that a report the filters leave tells of (ISO); "" when none does."""
    return store.first_report_day_after(_selection(store, filters), day.isoformat())


def _selection(store: IndexStore, filters: Filters) -> ArticleSelection:
    """The articles the filters leave, outlets and languages spelled as the coverage spells them."""
    sources = _known(filters.sources, store.sources(), "source", "outlet") if filters.sources else []
    languages = _known(filters.languages, store.languages(), "language", "language") if filters.languages else []
    days = (filters.days,) if filters.days else ()
    return ArticleSelection(days, tuple(sources), tuple(languages), tuple(sorted(filters.articles)))


def within_time(article: Article, time: AskedTime) -> bool:
    """Whether a report is about the question's time, by the rule that selects its reports (see DayRange)."""
    return _days_of(time).admits(article)


def _days_of(time: AskedTime) -> DayRange:
    """The reports about a question's time, and the undated ones that might still answer it."""
    return DayRange(time.since, time.until, late_days=LATE_DAYS, keep_undated=True)


def _known(asked: tuple[str, ...], present: dict[str, int], name: str, noun: str) -> list[str]:
    """The filter's values as the coverage spells them; a FilterError naming one it does not have.

    A value may be the first words of one name ("BBC" for "BBC News", "New York Times"
    for "The New York Times"); of several, it names none and the error lists them.
    """
    spelled = {value.lower(): value for value in present if value}
    have = ", ".join(sorted(spelled.values(), key=str.lower)) or "none"
    found = []
    for value in asked:
        if value.lower() in spelled:
            found.append(spelled[value.lower()])
            continue
        wanted = " ".join(value.casefold().split())
        starting = sorted(full for full in spelled.values() if wanted in shorter_names(full))
        if len(starting) > 1:
            raise FilterError(f"{name}:{value} matches several {noun}s: {', '.join(starting)}; write one in full")
        if not starting:
            raise FilterError(f"{name}:{value} matches no {noun} in the coverage (it has: {have})")
        found.append(starting[0])
    return found


__all__ = ["LATE_DAYS", "Scope", "leaves_nothing", "scope_for", "within_time"]
