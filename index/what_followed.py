"""What followed an event: "What happened after Putin recognized the breakaway regions?".

Such a question names nothing but the event, and an answer matched to its words quotes
the event itself ("Russia on Sunday rescinded earlier pledges ...") or its previews ("US
and Russian diplomats will meet in Geneva Monday"). What a reader wants is the story's
next developments: the event's timeline (index.timeline) over the week after the day the
reports closest to it agree it happened on (index.event_dating.day_told_by), oldest first.
Only what happened counts: not the event's own day, nor a line a report announced ahead
of its day, nor a sentence telling what is still to come or only possible (a plan or a
warning, not what followed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from index.filters import Filters
from index.latest_news import asks_only_for_news
from index.question import Question
from index.question_time import AskedTime, RelativeEvent, TimeKind
from index.report_days import speaks_of_the_future, speaks_of_the_possible
from index.search import Searcher
from index.timeline import TimelineLine, build_timeline

FOLLOWING_DAYS = 7  # "what happened after" the event: the days up to a week after it


def asks_what_followed(question: Question, event: RelativeEvent, outlets: Iterable[str] = ()) -> bool:
    """Whether ``question`` asks only what happened after ``event``, at no distance from it.

    "What happened after X?" and "Apa yang terjadi setelah X?" do; "What did Biden say
    after X?" asks something else, and "What happened two days after X?" a distance the
    answer does not read (index.event_offsets). ``outlets`` name no subject (see
    index.latest_news.asks_only_for_news).
    """
    return event.after and not event.at_a_distance and asks_only_for_news(event.taken_out_of(question), outlets)


def week_after(event_day: date) -> AskedTime:
    """The days what followed an event on ``event_day`` is read from: the :data:`FOLLOWING_DAYS` after it."""
    return AskedTime(event_day + timedelta(days=1), event_day + timedelta(days=FOLLOWING_DAYS), TimeKind.PERIOD)


def lines_after(event: str, event_day: date, searcher: Searcher, filters: Filters, count: int) -> list[TimelineLine]:
    """Up to ``count`` developments of ``event``'s timeline in the week after ``event_day``, oldest first.

    Within the reader's own dates (``filters``); none when they leave no day of that week.
    Lines announced ahead of their day, or telling what is to come or only possible, are
    left out.
    """
    week = week_after(event_day)
    return happened_lines(event, searcher, filters.narrowed(week.since, week.until))[:count]


def happened_lines(topic: str, searcher: Searcher, filters: Filters | None) -> list[TimelineLine]:
    """The lines of ``topic``'s timeline under ``filters`` that tell what happened (:func:`_happened`), oldest first.

    None for ``filters`` (dates that share no day with the time asked) leaves no line.
    """
    if filters is None:
        return []
    return [line for line in build_timeline(topic, searcher, filters).lines if _happened(line)]


def _happened(line: TimelineLine) -> bool:
    """Whether ``line`` tells something that happened on its day, not a plan or a possibility."""
    return not (line.reported_ahead_on or speaks_of_the_future(line.sentence) or speaks_of_the_possible(line.sentence))


__all__ = ["FOLLOWING_DAYS", "asks_what_followed", "happened_lines", "lines_after", "week_after"]
