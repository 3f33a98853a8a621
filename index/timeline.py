"""What the coverage reports on a topic, day by day, oldest first: one dated sentence per development.

The passages that bear on the topic are found as for an answer. From them come the
sentences close to the topic that name their own day ("will meet in Geneva Monday",
"talks on January 10"), read against the day the report was written, and each
passage's best sentence when it is as close as an answer must be, dated by its report.
A topic of one or two content words ("sanctions", "sanksi", "harga minyak") is also
named: in every retrieved passage, the sentences naming each of its words, in its
language or translated (index.topic_words), count as close, however the judge rates
them, since a word or two are never as close to a sentence as an answer is.
A dated step a report tells right between two such sentences, on a day strictly between
theirs, is listed too ("Two days later, the NATO-Russia Council will convene in Brussels").
Several outlets saying the same thing on the same day make one line that lists them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from index.answer_scope import Scope, scope_for
from index.continuations import read_alone
from index.documents import Hit
from index.filters import Filters
from index.question import Question, read_question
from index.report_days import days_later, named_day_of, report_day
from index.search import Searcher
from index.sentence_choice import as_compared, is_a_statement
from index.sentence_pool import SentencePool, sentence_spans_of
from index.topic_words import topic_units, topic_words, translated_topic, untranslated_words
from index.video_teasers import in_teaser

_PASSAGES = 30  # passages searched for a topic's developments
# A sentence joins the timeline from this share of the judge's answer threshold up: close
# to the topic, if not enough to answer a question on its own.
_SENTENCE_SHARE_OF_THRESHOLD = 0.8
# Two sentences of one day this similar (by the judge's encoder) report the same development.
SAME_DEVELOPMENT = 0.6
MAX_LINES = 40
# A topic of this many units or fewer (index.topic_words.topic_units: content words, those
# the dictionary translates together joined, as "suku bunga") is also named; a longer one
# says enough for the judge, and every one of its words in one sentence would be rare.
_NAMED_TOPIC_UNITS = 2
# Reports this many days either side of the reader's dates (or the topic's time) are read too:
# the report of 9 January announcing "talks on Wednesday" dates the Brussels meeting of the
# 12th, and one of the 17th recalls "last week's talks". Only lines of those dates are kept.
_DAYS_AROUND = 7


@dataclass(frozen=True)
class TimelineLine:
    """One development: its day (ISO), the sentence that tells it, and the reports that do, best first."""

    day: str
    sentence: str
    reports: list[Hit]
    # The sentence before it in its report, when ``sentence`` points back at it ("He said
    # the United States was imposing 'full blocking' ..." needs who he is); "" otherwise.
    context: str = ""
    closeness: float = 0.0  # the judge's cosine of ``sentence`` with the topic

    @property
    def text(self) -> str:
        """The line as read: its context, then its sentence."""
        return f"{self.context} {self.sentence}" if self.context else self.sentence

    @property
    def reported_ahead_on(self) -> str:
        """The day of the newest report telling it, when every one is of an earlier day (a preview); else "".

        "US and Russian diplomats will meet in Geneva Monday", of Sunday 9 January, is
        listed under the 10th, the day it names: the line says it was reported ahead.
        """
        days = [report_day(hit) for hit in self.reports]
        return max(days) if days and all(days) and max(days) < self.day else ""

    @property
    def outlets(self) -> list[str]:
        """The outlets that report it, each once."""
        return list(dict.fromkeys(hit.article.source for hit in self.reports if hit.article.source))


@dataclass(frozen=True)
class Timeline:
    """A topic's developments, oldest first; ``sources`` numbers every cited report from 1."""

    topic: str
    lines: list[TimelineLine]
    filters: str = ""
    nothing_in_filters: bool = False
    sources: list[Hit] = field(default_factory=list)
    # For a short topic that found nothing: its words without a known translation, which
    # no report in another language can name ("perundingan"); the reply says so.
    untranslated: tuple[str, ...] = ()
    # The passages searched for the topic, best first: what the lines were read from.
    passages: list[Hit] = field(default_factory=list)

    def number(self, hit: Hit) -> int:
        """The citation number of a report (every passage of one article has its number)."""
        return next(n for n, source in enumerate(self.sources, start=1) if source.article.doc_id == hit.article.doc_id)


def build_timeline(topic: str, searcher: Searcher, filters: Filters | None = None, *, named: bool = True) -> Timeline:
    """The dated developments the coverage reports on ``topic`` under ``filters``.

    A time written in the topic ("talks in January") or the reader's dates (``since``,
    ``until``) limit the lines to those days; they are read from the reports of those days
    and a week either side, which announce or recall them.
    Without ``named``, a short topic is only judged, not named: the sentences naming
    "invasion" run from December's warnings on, and the invasion is what the judge dates.

    Raises:
        ValueError: the topic is empty.
        FilterError: a filter names an outlet or language the coverage does not have.

    """
    asked = read_question(topic)
    filters = filters or Filters()
    scope = scope_for(asked, searcher.store, filters)
    if not scope.has_rows:
        return Timeline(asked.text, [], filters.describe(), nothing_in_filters=True)
    asked_days = _days_asked(filters, scope)
    around = _around(asked, searcher, filters, scope) if asked_days else scope
    rows = around.rows if around.preferred is None else around.preferred
    if rows is not None and not len(rows):  # nothing of the time the topic names
        return Timeline(asked.text, [], filters.describe())
    # The words naming the topic's time ("sanctions in January") are not words its lines must name.
    undated = scope.time.question_without_date(asked.text) if scope.time else asked.text
    short = named and 0 < len(topic_units(undated)) <= _NAMED_TOPIC_UNITS
    hits = searcher.search(asked, _PASSAGES, rows, by_day=True, broad=True)
    if short and (translated := translated_topic(undated)):  # "harga emas" searched as "price gold" too
        seen = {hit.row for hit in hits}
        hits += [
            hit for hit in searcher.search(translated, _PASSAGES, rows, by_day=True, broad=True) if hit.row not in seen
        ]
    pool = SentencePool.of(hits, searcher.store)
    judge = searcher.judge
    judgement = judge.judge(asked, pool)
    similarity = pool.sentence_scores(asked, judge.encoder)
    floor = judge.threshold * _SENTENCE_SHARE_OF_THRESHOLD
    naming = topic_words(undated, sorted({hit.article.language for hit in hits})) if short else None
    read: list[tuple[int, list[int]]] = []  # (passage, its sentences) of the passages read for lines
    days: dict[int, str] = {}  # the day each of their sentences names, "" for none
    chosen: set[int] = set()
    for passage, score in enumerate(judgement.passages):
        own = pool.of_hits([passage])
        language = hits[passage].article.language
        naming_it = [i for i in own if naming.named_in(pool.sentences[i].text, language)] if naming else []
        if score < judge.threshold and not naming_it:
            continue
        days |= _passage_days(own, pool, hits, asked, searcher)
        read.append((passage, own))
        if score >= judge.threshold:  # as close as an answer: its sentences close to the topic
            chosen |= _developments(own, similarity, days, floor, judge.threshold)
        # And, for a short topic, its sentences naming it, however close.
        chosen |= _developments(naming_it, similarity, days, -math.inf, -math.inf)
    chosen |= _between_in_order(_accounts(read, hits), chosen, days)
    picked = [  # (day, sentence index)
        (day, i)
        for passage, own in read
        for i in own
        if i in chosen
        and is_a_statement(pool.sentences[i].shown)  # not a heading, a link to another story or a question
        and not in_teaser(hits[passage], pool.sentences[i].start)  # what a guest argues in a video
        and _within(day := days[i] or report_day(hits[passage]), asked_days)
    ]
    lines = _merge_same_developments(picked, pool, similarity, searcher, judge.encoder.name)
    lines = sorted(lines[:MAX_LINES], key=lambda line: line.day)  # the closest to the topic, then by day
    sources = distinct_reports([hit for line in lines for hit in line.reports])
    untranslated: tuple[str, ...] = ()
    if short and not lines:  # nothing named it: say which words nothing in another language could name
        others = [hit.chunk.text for hit in hits if hit.article.language != asked.language]
        untranslated = tuple(untranslated_words(undated, others))
    return Timeline(asked.text, lines, filters.describe(), sources=sources, untranslated=untranslated, passages=hits)


def _days_asked(filters: Filters, scope: Scope) -> tuple[date, date] | None:
    """The days the lines must fall on: the reader's dates and the topic's time, both; None when neither is set."""
    spans = [(filters.since or date.min, filters.until or date.max)] if filters.days else []
    spans += [(scope.time.since, scope.time.until)] if scope.time else []
    if not spans:
        return None
    return max(since for since, _ in spans), min(until for _, until in spans)


def _around(asked: Question, searcher: Searcher, filters: Filters, scope: Scope) -> Scope:
    """The scope of the reports a week either side of the reader's dates and of the topic's time."""
    since = filters.since and _moved(filters.since, -_DAYS_AROUND)
    until = filters.until and _moved(filters.until, _DAYS_AROUND)
    time = scope.time and replace(
        scope.time, since=_moved(scope.time.since, -_DAYS_AROUND), until=_moved(scope.time.until, _DAYS_AROUND)
    )
    return scope_for(asked, searcher.store, replace(filters, since=since, until=until), time)


def _moved(day: date, days: int) -> date:
    """``day`` moved by ``days``; an open end (date.min, date.max) stays open, and so does a move past one."""
    try:
        return day if day in (date.min, date.max) else day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _within(day: str, days: tuple[date, date] | None) -> bool:
    """Whether an ISO day falls within ``days`` (always, when no days are asked)."""
    return days is None or days[0].isoformat() <= day <= days[1].isoformat()


def _developments(
    sentences: list[int], similarity: np.ndarray, days: dict[int, str], dated: float, best: float
) -> set[int]:
    """Of one passage's ``sentences``: those naming their day at ``dated`` or closer, and the closest at ``best``."""
    closest = max(sentences, key=lambda i: similarity[i], default=None)
    return {i for i in sentences if (days[i] and similarity[i] >= dated) or (i == closest and similarity[i] >= best)}


def _accounts(read: list[tuple[int, list[int]]], hits: list[Hit]) -> list[list[int]]:
    """The sentences of the passages read, joined in article order where passages follow each other."""
    accounts: list[list[int]] = []
    previous: Hit | None = None
    for passage, own in sorted(read, key=lambda item: (hits[item[0]].article.doc_id, hits[item[0]].chunk.position)):
        hit = hits[passage]
        follows = (
            previous is not None
            and previous.article.doc_id == hit.article.doc_id
            and previous.chunk.position + 1 == hit.chunk.position
        )
        if follows:
            accounts[-1] += own
        else:
            accounts.append(list(own))
        previous = hit
    return accounts


def _between_in_order(accounts: list[list[int]], chosen: set[int], days: dict[int, str]) -> set[int]:
    """Each sentence right between two chosen ones of its account, on a day strictly between theirs.

    A report telling a sequence ("The talks will resume on Monday. Two days later, the
    NATO-Russia Council will convene in Brussels. The OSCE ... meets on Thursday.") gives
    one account of the topic: the step in the middle belongs to it however the judge
    rates it on its own. A sentence of the same day as a neighbour ("On Monday, stocks
    fell.") is no step of the sequence, and one without a day has none to fall between.
    """
    return {
        i
        for sentences in accounts
        for before, i, after in zip(sentences, sentences[1:], sentences[2:], strict=False)
        if i not in chosen
        and before in chosen
        and after in chosen
        and days[before]
        and days[before] < days[i] < days[after]
    }


def _passage_days(
    own: list[int], pool: SentencePool, hits: list[Hit], asked: Question, searcher: Searcher
) -> dict[int, str]:
    """The day each of one passage's sentences names ("" for none), in order.

    A sentence placing itself days after the one before ("Two days later, the NATO-Russia
    Council will convene in Brussels") counts from that one's day; the passage's first
    counts from the last sentence of the passage before it in the article.
    """
    days = {i: named_day_of(pool.sentences[i].text, hits[pool.sentences[i].hit].article) for i in own}
    for position, i in enumerate(own):
        later = None if days[i] else days_later(pool.sentences[i].text)
        if later is None:
            continue
        hit = hits[pool.sentences[i].hit]
        before = days[own[position - 1]] if position else _last_day_before(hit, asked, searcher)
        if before:
            days[i] = (date.fromisoformat(before) + timedelta(days=later)).isoformat()
    return days


def _last_day_before(hit: Hit, asked: Question, searcher: Searcher) -> str:
    """The day named by the last sentence of the served passage before ``hit`` in its article, or ""."""
    previous = [beside for _, beside in searcher.neighbours(asked, [hit]) if beside.row == hit.row - 1]
    if not previous:
        return ""
    spans = sentence_spans_of(previous, searcher.store)[0]
    return named_day_of(previous[0].chunk.text[slice(*spans[-1])], hit.article) if spans else ""


def _merge_same_developments(
    picked: list[tuple[str, int]], pool: SentencePool, similarity: np.ndarray, searcher: Searcher, encoder: str
) -> list[TimelineLine]:
    """One line per development, the sentence closest to the topic leading it.

    Taken closest to the topic first, a sentence joins the line of its day holding the
    sentence most like it (the judge's cosine at least :data:`SAME_DEVELOPMENT`), else
    opens a line; a second sentence of a report already in the line adds nothing. A
    sentence printed again on a later day is listed on its first ("Banks are also on alert
    for retaliatory cyberattacks by Russia.", New York Times reports of 22 and 24 February).
    """
    texts = {i: as_compared(pool.sentences[i].shown) for _, i in picked}
    first_told: dict[str, str] = {}  # each text and the first day it is listed under
    for day, i in picked:
        if day:
            first_told[texts[i]] = min(day, first_told.get(texts[i], day))
    picked = [(day, i) for day, i in picked if day and first_told[texts[i]] == day]
    vectors = _sentence_vectors([i for _, i in picked], pool, searcher, encoder)
    lines: list[tuple[str, int, list[int]]] = []  # (day, leading sentence, sentences merged in)
    for day, i in sorted(picked, key=lambda p: -similarity[p[1]]):
        # It joins the day's line holding the sentence most like it, when that one is alike enough.
        of_day = [line for line in lines if line[0] == day]
        likeness = [max(float(vectors[j] @ vectors[i]) for j in line[2]) for line in of_day]
        if not of_day or max(likeness) < SAME_DEVELOPMENT:
            lines.append((day, i, [i]))
            continue
        same = of_day[int(np.argmax(likeness))]
        if pool.sentences[i].hit not in {pool.sentences[j].hit for j in same[2]}:
            same[2].append(i)
    leading = {(day, lead) for day, lead, _ in lines}
    return [
        TimelineLine(
            day,
            pool.sentences[lead].shown,
            distinct_reports([pool.hits[pool.sentences[j].hit] for j in merged]),
            _context(lead, day, pool, leading),
            float(similarity[lead]),
        )
        for day, lead, merged in lines
    ]


def _context(lead: int, day: str, pool: SentencePool, leading: set[tuple[str, int]]) -> str:
    """The sentence ``lead`` points back at (index.continuations.read_alone), unless it leads a line of its day."""
    before = read_alone(lead, pool)[:-1]
    return "" if not before or (day, before[0]) in leading else pool.sentences[before[0]].shown


def _sentence_vectors(
    indexes: list[int], pool: SentencePool, searcher: Searcher, encoder: str
) -> dict[int, np.ndarray]:
    """The judge's vectors of some sentences: stored by the version, else encoded now."""
    sentences = pool.sentences
    keys = {i: (pool.hits[sentences[i].hit].row, sentences[i].start, sentences[i].end) for i in indexes}
    stored = searcher.store.text_vectors(encoder, sorted({key[0] for key in keys.values()}))
    missing = [i for i in indexes if keys[i] not in stored]
    found = {i: np.asarray(stored[keys[i]], dtype=np.float32) for i in indexes if keys[i] in stored}
    if missing:
        encoded = searcher.judge.encoder.encode_passages([sentences[i].text for i in missing])
        found.update(zip(missing, np.asarray(encoded, dtype=np.float32), strict=True))
    return found


def distinct_reports(hits: list[Hit]) -> list[Hit]:
    """The first hit of each article, in order: a report is one source however many of its passages it lends."""
    first: dict[str, Hit] = {}
    for hit in hits:
        first.setdefault(hit.article.doc_id, hit)
    return list(first.values())


__all__ = ["MAX_LINES", "Timeline", "TimelineLine", "build_timeline", "distinct_reports", "named_day_of"]
