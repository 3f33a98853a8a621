"""The days the reports closest to an event give it: "the Geneva talks", "Putin mengakui Donetsk dan Luhansk".

A question placed after an event ("after Putin recognized the breakaway regions") is
read from the first of them (index.answer). Among the passages searched for the event's
timeline, each of the :data:`REPORTS` articles whose sentence the retrieval encoder (E5,
multilingual; the vectors a build stores, else encoded now) rates closest to the event's
words gives one day: the day that sentence names ("on Monday", "10 Januari", read
against its report's day), or else its report's, unless it tells what is still to
come; for "before" an event, none when it speaks of something as only possible ("could
begin any day now"), which dates a warning; after one, only the reports about as close
as the closest (:data:`CLOSE_TO_CLOSEST`). Days more than :data:`OUTLIER_DAYS` from
their lower median are left out. One vote per article: the lone Indonesian article's
many sentences, dated by its one report day, would otherwise date every Indonesian
event to that day.
Sentences of fewer than :data:`MIN_WORDS` words (headings, captions) do not vote.

An event with a rare name ("the Geneva talks", "perundingan Jenewa") is dated only by
the reports naming it (:func:`passages_naming_event`), either way: E5 rates a report of the
Iran talks in Vienna as close to "the Geneva talks" as the reports on them. The
timeline's first line, which dated "after" an event before, is often a preview weeks
early. "Before" an event without such a name reads up to the day two of the closest
reports agree on (:func:`agreed_days`), where the timeline has a line; reports that
agree on no day leave it the timeline's last line, the widest reading (benchmarks/HISTORY.md,
the twenty-eighth, thirtieth and thirty-first sessions, have the figures).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple

from index.documents import Article, Hit
from index.named_subjects import subject_of
from index.question import Question
from index.report_days import article_day, named_day_of, speaks_of_the_future, speaks_of_the_possible
from index.search import Searcher
from index.sentence_pool import SentencePool

REPORTS = 5
MIN_WORDS = 5
OUTLIER_DAYS = 14
AGREEING_REPORTS = 2
# After an event, a report votes only when its closest sentence is rated within this of the
# closest report's of its language. E5's cosines crowd together, and 0.05 is far: the
# report telling "Russia on Sunday rescinded earlier pledges to pull ... troops back from
# Ukraine's northern border" (0.944) was outvoted by reports of January on troops at the
# border (0.869, 0.856). A language's own best, since E5 rates an Indonesian event closer
# to the lone Indonesian article than to any English report telling it.
CLOSE_TO_CLOSEST = 0.05


def days_of_event(event: Question, passages: list[Hit], searcher: Searcher) -> list[date]:
    """The days the :data:`REPORTS` reports of ``passages`` closest to ``event`` give it, oldest first.

    Empty when none of them is dated.
    """
    return clustered(closest_reports_days(event, passages, searcher))


class AfterEvent(NamedTuple):
    """How the reports closest to an event date a question placed after it."""

    days: list[date]  # oldest first, from only the reports about as close as the closest (:data:`CLOSE_TO_CLOSEST`)
    told_on: date | None  # the day they agree it happened on (:func:`day_told_by`), for what followed it


def dated_after(event: Question, passages: list[Hit], searcher: Searcher) -> AfterEvent:
    """The days placing a question after ``event`` and the day it happened on, read from one pass over the reports."""
    reports = closest_reports(event, passages, searcher)
    return AfterEvent(clustered(days_voted(reports, only_the_closest=True)), day_told_by(reports))


def closest_reports_days(
    event: Question, passages: list[Hit], searcher: Searcher, *, warnings_date: bool = True
) -> list[date]:
    """The day each of the :data:`REPORTS` reports of ``passages`` closest to ``event`` gives it, closest first.

    A report gives the day its closest sentence gives (:func:`day_given`; ``warnings_date``
    False: none when that sentence tells of something only as possible).
    """
    reports = closest_reports(event, passages, searcher)
    return days_voted(reports if warnings_date else _without_warnings(reports))


def day_told_by(reports: list[ReportVote]) -> date | None:
    """The day most of the ``reports`` (closest first) about as close as the closest give, when they agree.

    What followed an event is read from it (index.what_followed). A report telling the
    event only as possible gives no day here.

    They agree when at least :data:`AGREEING_REPORTS` give that day and no other day as
    many, or when the closest report stands alone that close among its language's:
    "Russia on Sunday rescinded earlier pledges ..." (0.944, the next 0.869). The earliest
    day of all, which places a question after the event, is often one stray report's ("Apa
    yang terjadi setelah Putin mengakui wilayah separatis?": 12, 22, 22 and 22 February).
    An event the close reports tell only as possible, or give five different days ("the
    invasion", which the coverage only warns of), is told on none.
    """
    close = about_as_close(_without_warnings(reports))
    ranked = Counter(date.fromisoformat(report.day) for report in close if report.day).most_common()
    if ranked and ranked[0][1] >= AGREEING_REPORTS and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0]
    alone = bool(close) and sum(report.language == close[0].language for report in close) == 1
    return date.fromisoformat(close[0].day) if alone and close[0].day else None


def closest_reports(event: Question, passages: list[Hit], searcher: Searcher) -> list[ReportVote]:
    """The :data:`REPORTS` reports of ``passages`` closest to ``event``, closest first, each with the day it gives.

    A report is as close as its closest sentence of :data:`MIN_WORDS` words or more, which
    gives the day (:func:`day_given`) and tells whether it speaks of the event only as possible.
    """
    pool = SentencePool.of(passages, searcher.store)
    similarity = pool.sentence_scores(event, searcher.encoder)
    closest: dict[str, ReportVote] = {}  # article -> its closest sentence's similarity and the day it gives
    for i, sentence in enumerate(pool.sentences):
        hit = passages[sentence.hit]
        known = closest.get(hit.article.doc_id)
        if len(sentence.text.split()) < MIN_WORDS or (known is not None and similarity[i] <= known.similarity):
            continue
        day = day_given(sentence.text, hit.article)
        possible = speaks_of_the_possible(sentence.text)
        closest[hit.article.doc_id] = ReportVote(float(similarity[i]), day, hit.article.language, possible)
    return sorted(closest.values(), reverse=True)[:REPORTS]


class ReportVote(NamedTuple):
    """A report's sentence closest to an event: how close, the day it gives ("" for none), the report's language.

    ``possible``: the sentence speaks of something as only possible, which gives no day
    where warnings do not date (:func:`day_given`).
    """

    similarity: float
    day: str
    language: str
    possible: bool = False


def _without_warnings(reports: list[ReportVote]) -> list[ReportVote]:
    """``reports`` with no day given by a sentence speaking of something as only possible."""
    return [report._replace(day="") if report.possible else report for report in reports]


def days_voted(reports: list[ReportVote], *, only_the_closest: bool = False) -> list[date]:
    """The days ``reports`` (closest first) give, in that order; ``only_the_closest``: :func:`about_as_close` only."""
    return [
        date.fromisoformat(report.day)
        for report in (about_as_close(reports) if only_the_closest else reports)
        if report.day
    ]


def about_as_close(reports: list[ReportVote]) -> list[ReportVote]:
    """Those of ``reports`` (closest first) within :data:`CLOSE_TO_CLOSEST` of the closest of their language."""
    bests: dict[str, float] = {}  # per language, its closest report's similarity
    for report in reports:
        bests.setdefault(report.language, report.similarity)
    return [report for report in reports if report.similarity >= bests[report.language] - CLOSE_TO_CLOSEST]


def day_given(sentence: str, article: Article, *, warnings_date: bool = True) -> str:
    """The day a report's sentence gives the event it tells of, as an ISO day; "" for none.

    The day the sentence names ("on Monday", "10 Januari", read against its report's day),
    else its report's. A sentence previewing the event without naming its day ("Two days
    later, the NATO-Russia Council will convene in Brussels") gives none: its report is
    before the event. An undated report gives none.

    With ``warnings_date`` False, nor does a sentence speaking of something as only
    possible (index.report_days.speaks_of_the_possible), whatever day it names: "A Russian
    invasion could begin 'any day now,' Sullivan said Friday" dates the warning. The word
    need not bear on the event: "... as fears mount over a possible Russian invasion" gives
    no day for the evacuation it reports. That is how "before" an event is read; after
    one, the event may be the warning itself ("After Sullivan warned that an invasion
    could begin 'any day now' ...") or be told beside a possibility ("Biden told Putin the
    US could impose severe costs"), which no pattern tells apart.
    """
    if not warnings_date and speaks_of_the_possible(sentence):
        return ""
    return named_day_of(sentence, article) or ("" if speaks_of_the_future(sentence) else article_day(article))


def agreed_days(days: list[date], timeline_days: list[date]) -> list[date]:
    """The days of ``days`` (closest report first) within a day of one that another report agrees with.

    Two reports giving one day, or two days in a row, date an event, when the judge's
    timeline of it has a line within a day of that day (``timeline_days``). Reports
    scattered over weeks date nothing, and then there are none. Of several such groups,
    the one around the closest report's day wins: "Biden's year-end phone call with
    Putin" is the 30 December call, though two reports on the February call come close too.
    """
    for day in days:
        group = sorted(other for other in days if abs(other - day) <= timedelta(days=1))
        if len(group) >= AGREEING_REPORTS and any(abs(line - day) <= timedelta(days=1) for line in timeline_days):
            return group
    return []


def passages_naming_event(event: Question, passages: list[Hit], searcher: Searcher) -> list[Hit]:
    """Those of ``passages`` that hold every rare name of ``event`` (index.named_subjects); none without such names.

    A name pins an event down better than any cosine: "the Geneva talks" were otherwise
    dated by a report of the Iran talks in Vienna, as close to E5. Names no passage holds
    are left out ("US-Russia"), and so are those many hold ("Russia", "Biden").
    """
    subject = subject_of(event, searcher.store, unknown_voids=False)
    return [hit for hit in passages if subject.held_by_hit(hit)]


def clustered(days: list[date]) -> list[date]:
    """``days`` oldest first, without those more than :data:`OUTLIER_DAYS` from their lower median."""
    days = sorted(days)
    if not days:
        return []
    median = days[(len(days) - 1) // 2]  # of four days, the second
    return [day for day in days if abs(day - median) <= timedelta(days=OUTLIER_DAYS)]


__all__ = [
    "AGREEING_REPORTS",
    "CLOSE_TO_CLOSEST",
    "MIN_WORDS",
    "OUTLIER_DAYS",
    "REPORTS",
    "AfterEvent",
    "ReportVote",
    "about_as_close",
    "agreed_days",
    "closest_reports",
    "closest_reports_days",
    "clustered",
    "dated_after",
    "day_given",
    "day_told_by",
    "days_of_event",
    "days_voted",
    "passages_naming_event",
]
