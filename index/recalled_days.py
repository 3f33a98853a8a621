"""Later reports that recall a day: the passages that answer a question naming it, and their sentences that do.

A report recalls the days before its own: BBC's rally of Tuesday 15 February says "The
FTSE 100 plunged 1.7% on Monday", the only report of Monday's FTSE. Such passages answer
for the day as its own reports do, but only by their sentences naming it (index.answer).
"""

from __future__ import annotations

import numpy as np

from index.answer_scope import Scope, within_time
from index.question import Question
from index.report_days import named_day_of, report_day
from index.search import Searcher
from index.sentence_pool import SentencePool, sentence_spans_of


def rows_recalling_day(undated: Question, searcher: Searcher, count: int, scope: Scope) -> np.ndarray:
    """Rows of passages of later days' reports, among those retrieved for ``undated``, with a sentence naming the day.

    A report recalls the days before its own: BBC's rally of Tuesday 15 February says "The
    FTSE 100 plunged 1.7% on Monday", the only report of Monday's FTSE. A report of an
    earlier day naming it tells what was to come ("talks in Geneva Monday"), not what happened.
    """
    assert scope.time is not None
    day = scope.time.since.isoformat()
    later = [
        hit
        for hit in searcher.search(undated, count, scope.rows, by_day=True)
        if not within_time(hit.article, scope.time) and report_day(hit) > day
    ]
    found = [
        hit.row
        for hit, spans in zip(later, sentence_spans_of(later, searcher.store), strict=True)
        if any(named_day_of(hit.chunk.text[start:end], hit.article) == day for start, end in spans)
    ]
    return np.array(found, dtype=np.int64)


def untold_sentences(pool: SentencePool, scope: Scope) -> frozenset[int]:
    """The pool's sentences of other days' reports not telling of the day asked, when ``scope`` takes later reports.

    Beside "The FTSE 100 plunged 1.7% on Monday", BBC's passage holds Tuesday's "London's
    FTSE 100 gained 1%": the passage answers for Monday only where it tells of Monday.
    """
    if scope.recalling is None or not len(scope.recalling) or scope.time is None:  # only a day's scope has them
        return frozenset()
    time, day = scope.time, scope.time.since.isoformat()
    return frozenset(
        i
        for i, sentence in enumerate(pool.sentences)
        if not within_time(pool.hits[sentence.hit].article, time)
        and named_day_of(sentence.text, pool.hits[sentence.hit].article) != day
    )


__all__ = ["rows_recalling_day", "untold_sentences"]
