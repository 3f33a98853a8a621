"""The days the coverage dates an event to: "the Geneva talks", "Putin mengakui Donetsk dan Luhansk".

A question placed after an event ("after Putin recognized the breakaway regions") is
read from the first of them (index.answer). The reports closest to the event tell them: each
of the :data:`REPORTS` articles whose sentence the retrieval encoder (E5, multilingual,
from the vectors a build stores) rates closest to the event's words gives one day, the
day that sentence names ("on Monday", "10 Januari", read against its report's day) or
else its report's; days weeks from their median are left out. One vote per article: the lone
Indonesian article's many sentences on the same events, dated by its one report day,
would otherwise date every Indonesian event to that day. Sentences of fewer than
:data:`MIN_WORDS` words (headings, captions) do not vote.

The judge's timeline dated events by their first or last line instead, which the
coverage's previews and look-backs put weeks off (README, Measuring, the
twenty-eighth session, has the figures).
"""

from __future__ import annotations

from datetime import date, timedelta

from index.answer_scope import scope_for
from index.filters import Filters
from index.question import read_question
from index.search import Searcher
from index.sentence_pool import SentencePool
from index.timeline import named_day_of

REPORTS = 5
MIN_WORDS = 5
OUTLIER_DAYS = 14
_PASSAGES = 30  # passages searched for the event


def days_of_event(event: str, searcher: Searcher, filters: Filters | None = None) -> list[date]:
    """The days the :data:`REPORTS` reports closest to ``event`` give it, oldest first; empty when none is dated.

    A day further than :data:`OUTLIER_DAYS` from their median is left out (:func:`clustered`):
    a preview weeks ahead, a look-back weeks after, or the lone Indonesian article, which
    E5 rates close to any Indonesian event.
    """
    asked = read_question(event)
    scope = scope_for(asked, searcher.store, filters or Filters(), time=None)
    hits = searcher.search(asked, _PASSAGES, scope.rows, by_day=True)
    if not hits:
        return []
    pool = SentencePool.of(hits, searcher.store)
    similarity = pool.sentence_scores(asked, searcher.encoder)
    best: dict[str, tuple[float, str]] = {}  # article -> (closest sentence's similarity, the day it gives)
    for i, sentence in enumerate(pool.sentences):
        article = hits[sentence.hit].article
        if len(sentence.text.split()) < MIN_WORDS or similarity[i] <= best.get(article.doc_id, (-2.0, ""))[0]:
            continue
        if day := named_day_of(sentence.text, article) or article.event_date or article.date:
            best[article.doc_id] = (float(similarity[i]), day)
    closest = sorted(best.values(), reverse=True)[:REPORTS]
    return clustered([date.fromisoformat(day) for _, day in closest])


def clustered(days: list[date]) -> list[date]:
    """``days`` oldest first, without those further than :data:`OUTLIER_DAYS` from their (lower) median."""
    days = sorted(days)
    if not days:
        return []
    median = days[(len(days) - 1) // 2]  # of four days, the second
    return [day for day in days if abs(day - median) <= timedelta(days=OUTLIER_DAYS)]


__all__ = ["MIN_WORDS", "OUTLIER_DAYS", "REPORTS", "clustered", "days_of_event"]
