"""What followed an event: "What happened after Putin recognized the breakaway regions?".

Such a question names nothing but the event, and an answer matched to its words quotes
the event itself ("Russia on Sunday rescinded earlier pledges ...") or its previews ("US
and Russian diplomats will meet in Geneva Monday"). What a reader wants is the story's
next developments: the event's timeline (index.timeline) over the week after the day the
coverage dates it to, oldest first. The event's own day is left out, as are lines that
reports published before it announced (a plan, not what happened after).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from index.filters import Filters
from index.search import Searcher
from index.timeline import TimelineLine, build_timeline

FOLLOWING_DAYS = 7  # "what happened after" the event: the days up to a week after it


def lines_after(event: str, event_day: date, searcher: Searcher, filters: Filters, count: int) -> list[TimelineLine]:
    """Up to ``count`` developments of ``event``'s timeline in the week after ``event_day``, oldest first.

    Within the reader's own dates (``filters``); none when they leave no day of that week.
    """
    since = max(event_day + timedelta(days=1), filters.since or date.min)
    until = min(event_day + timedelta(days=FOLLOWING_DAYS), filters.until or date.max)
    if since > until:
        return []
    timeline = build_timeline(event, searcher, replace(filters, since=since, until=until))
    announced_before = [
        line for line in timeline.lines if line.reported_ahead_on and line.reported_ahead_on <= event_day.isoformat()
    ]
    return [line for line in timeline.lines if line not in announced_before][:count]


__all__ = ["FOLLOWING_DAYS", "lines_after"]
