"""The latest on "the talks": the newest sentences telling of the negotiation the coverage is about.

A coverage of one negotiation calls it "the talks", "the negotiations", "perundingan",
and so do its readers: "What is the latest news on the talks?" names no party because
the coverage's own subject is the party. Retrieval read it as any talks: over the seed
and news-en-ukraine-2022 it quoted the Iran nuclear talks of 23 February, which both
encoders rate closer to "the talks" than Blinken's cancelled meeting with Lavrov of the
22nd, 17th of that week's passages.

Such a question is answered from the sentences that name a negotiation (talks,
negotiations, diplomacy, a summit; in English or Indonesian) about the coverage's own
subject: a name nearly every report holds (index.coverage_words: Russia, Ukraine), in any
of its forms ("Russian", "Rusia"), named in the sentence or, when it names nobody, in its
passage. The newest come first, each development once, on the day it was first told: an
explainer's "The United States, NATO and Russia have been engaged in a whirlwind of
diplomacy", reprinted daily since 12 February, is not the news of the 22nd. A coverage
without such a subject (markets, companies and politics) has no talks of its own, and the
question is answered as any other.

A question naming a party ("the NATO talks", "pembicaraan dengan Moskow", "the Iran talks")
asks for the newest sentences naming a negotiation and that party, in any of its forms:
retrieval had answered the first two with the Iran nuclear talks too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from index.continuations import read_alone
from index.coverage_words import has_own_subject, is_own_subject, names_of
from index.documents import Hit
from index.latest_news import NEWS_WORDS, SAYING, STORY_NOUNS
from index.lexical import query_terms
from index.negotiation_parties import Parties, name_parts, parties_in, readable
from index.question import Question, names_in
from index.question_time import RECENCY
from index.report_days import report_day
from index.search import Searcher
from index.sentence_choice import is_a_statement
from index.sentence_pool import SentencePool
from index.store import IndexStore
from index.timeline import SAME_DEVELOPMENT
from index.video_teasers import in_teaser

# The words a question names a negotiation by, with nothing to say which: "the talks", "perundingan".
_NEGOTIATION_TERMS = frozenset(
    {
        *("talks", "negotiation", "negotiations", "negotiators", "diplomacy", "summit", "dialogue"),
        *("perundingan", "negosiasi", "pembicaraan", "diplomasi", "runding", "ktt", "dialog"),
    }
)
# ... and those a sentence tells of one by. Not "talk" or "talking" (Trump "is talking
# about Hillary Clinton"), "meet" or "meetings" (a Fed official's "our meetings", beside
# Russia), nor "diplomatic" ("Russia emptied its diplomatic posts in Ukraine").
_NEGOTIATION_WORDS = re.compile(
    r"\b(?:talks|negotiat(?:e|es|ed|ing|ion|ions|or|ors)|diplomac(?:y|ies)|summits?|dialogue|perundingan|"
    r"(?:be|me|di)?runding(?:kan)?|rundingan|perunding|(?:ber)?negosiasi|pembicaraan|diplomasi|KTT|dialog)\b",
    re.IGNORECASE,
)
# ... and, with a party named, a meeting or call of theirs: "Olaf Scholz and Vladimir Putin met on Tuesday",
# "US officials held discussions with Saudi Arabia". Alone, "our meetings" of a Fed official; not a press
# call; never "meet", as Gazprom "will meet Europe's growing need" for gas "through Belarus".
_MEETING_WORDS = re.compile(
    r"\b(?:met|meeting|meetings|(?<!press )(?<!conference )(?<!earnings )call|spoke|discussions?|discussed|"
    r"bertemu|pertemuan|bertelepon|menelepon|percakapan)\b",
    re.IGNORECASE,
)
_INDEXED_MEETING_WORDS = (
    *("met", "meeting", "call", "spoke", "discussions", "discussed", "bertemu", "pertemuan"),
    *("bertelepon", "menelepon", "percakapan"),
)
# The words the full-text index is asked for (it matches English stems: "negotiations" finds "negotiating").
_INDEXED_WORDS = (
    *("talks", "negotiations", "negotiators", "diplomacy", "summit", "dialogue", "perundingan", "berunding"),
    *("merundingkan", "dirundingkan", "rundingan", "perunding", "negosiasi", "bernegosiasi", "pembicaraan"),
    *("diplomasi", "KTT", "dialog"),
)
# Words beside the negotiation's that say what kind of negotiation, or how it stands: "the peace talks".
_OF_A_NEGOTIATION = frozenset({"peace", "status", "state", "damai", "keadaan"})
# The words a question about a negotiation may hold besides names: "the peace talks", "the Ukraine crisis talks".
_ABOUT_A_NEGOTIATION = _NEGOTIATION_TERMS | _OF_A_NEGOTIATION | STORY_NOUNS
# A sentence the judge rates this close to one of the days before is a retelling of that one
# (a timeline's rule, index.timeline), for as long as an explainer is reprinted: the New
# York Times' "whirlwind of diplomacy" ran from 12 to 22 February.
_RETOLD_WITHIN_DAYS = 30
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class NegotiationLine:
    """One development of the negotiation: its day (ISO, "" undated), its sentence and the passage telling it first."""

    day: str
    text: str
    hit: Hit


@dataclass(frozen=True)
class NegotiationAsked:
    """A question asking for news of a negotiation, and the parties it names besides the coverage's own subject."""

    # "NATO", "Moskow", "Iran"; a party of several words is one ("Saudi Arabia", "Olaf Scholz"): every party
    # is named, in one of its forms (index.negotiation_parties), in each sentence quoted.
    parties: tuple[str, ...] = ()
    # Whether it names the coverage's own subject too ("the talks between Russia and the United States"),
    # which each sentence quoted is then about as well.
    with_own_subject: bool = False


def negotiation_asked(
    question: Question, outlets: Iterable[str] = (), no_subject: Callable[[str], bool] = lambda term: False
) -> NegotiationAsked | None:
    """What a question asking for news of "the talks" asks ("Apa kabar terbaru soal perundingan?"); None if it does not.

    Its words besides those asking for news, the outlets' and those ``no_subject`` is true
    of (the coverage's own subject: "the negotiations with Russia", "the Ukraine crisis
    talks") name a negotiation, beside at most what kind or state of it ("the peace talks",
    "the status of the talks") and the names of its parties ("the NATO talks", "the talks
    with Moscow"). What a party said is asked of it ("What did Russia say about the talks
    recently?"), as in :func:`index.latest_news.asks_only_for_news`.
    """
    theirs = {word for outlet in outlets for word in query_terms(outlet)}
    not_subjects = NEWS_WORDS | theirs
    text = RECENCY.sub(" ", question.text)
    terms = [term for term in query_terms(text) if term not in not_subjects]
    named = {term for name in names_in(text) for part in name_parts(name) for term in query_terms(part)}
    if any(term in SAYING for term in query_terms(question.text)) and any(
        no_subject(term) or term in named for term in terms
    ):
        return None
    subject = [term for term in terms if not no_subject(term)]
    kinds = _ABOUT_A_NEGOTIATION | named
    if not any(term in _NEGOTIATION_TERMS for term in subject) or not all(term in kinds for term in subject):
        return None
    # A party is a name a sentence can be read for (index.negotiation_parties.readable: not the US's initials),
    # and no word of the talks written in capitals ("What's The Latest On The Talks?").
    not_parties = _ABOUT_A_NEGOTIATION | NEWS_WORDS
    names = [*names_of(text), *(name for name in names_in(text) if name.isupper())]
    words = {part for name in names for part in name_parts(name) if readable(part)}
    words = {word for word in words if (own := set(query_terms(word))) & set(subject) and not own <= not_parties}
    return NegotiationAsked(parties_in(text, words), any(no_subject(term) for term in terms))


@dataclass(frozen=True)
class NegotiationNews:
    """A negotiation's newest developments, and the parties asked about that no sentence of talks names."""

    lines: list[NegotiationLine]
    untold: tuple[str, ...] = ()  # read only when there are no lines: every sentence was read


def negotiation_lines(
    question: Question,
    searcher: Searcher,
    rows: np.ndarray | None,
    count: int,
    negotiation: NegotiationAsked | None = None,
) -> NegotiationNews | None:
    """Up to ``count`` developments of the coverage's negotiation among ``rows`` (None: all), newest first.

    With the parties ``negotiation`` names, of the negotiation every one of them is named in
    (index.negotiation_parties), whoever else takes part: "the NATO talks" are told by the
    sentences naming NATO, not by a report on the Iran talks that names Russia; finding
    none, it tells which parties no sentence of talks names at all.
    None when the coverage has no subject of its own to negotiate over. Within a day, the
    sentence closest to the question comes first. A sentence told the same way (by the
    judge, as a timeline's line is) in the :data:`_RETOLD_WITHIN_DAYS` before is that
    earlier day's news, not its own. Days are read newest first, each with those days
    before it, until ``count`` developments are found.
    """
    store = searcher.store
    if not has_own_subject(store):
        return None
    negotiation = negotiation or NegotiationAsked()
    candidates = store.rows_mentioning_any(_INDEXED_WORDS + (_INDEXED_MEETING_WORDS if negotiation.parties else ()))
    if rows is not None:
        candidates = np.intersect1d(candidates, rows)
    if not len(candidates):
        return NegotiationNews([], negotiation.parties)
    telling = _Telling(question, searcher, _hits(store, candidates), negotiation)
    taken: list[int] = []
    for day in telling.days:
        earlier = telling.told_between(_days_before(day, _RETOLD_WITHIN_DAYS), day)
        for i in telling.on(day):
            if telling.alike(i, earlier) or telling.alike(i, taken):
                continue
            taken.append(i)
            if len(taken) == count:
                return NegotiationNews(telling.lines(taken))
    return NegotiationNews(telling.lines(taken), telling.untold())


class _Telling:
    """The sentences of some passages that tell of the coverage's negotiation, read a day at a time, newest first."""

    def __init__(self, question: Question, searcher: Searcher, hits: list[Hit], negotiation: NegotiationAsked) -> None:
        self._question = question
        self._encoder = searcher.judge.encoder
        self._hits = sorted(hits, key=report_day, reverse=True)  # undated ones ("") last
        self._read = 0  # how many of them are in the pool
        self._pool = SentencePool.of([], searcher.store)
        self._owns = _OwnSubject(searcher.store)
        self._parties = Parties(negotiation.parties)
        self._with_own_subject = negotiation.with_own_subject
        self._told_of = [False] * len(negotiation.parties)  # whether a sentence of talks names each party
        self._sentences: list[int] = []  # the pool's sentences that tell of it ...
        self._days: list[str] = []  # ... their reports' days,
        self._closeness: list[float] = []  # ... the judge's cosine with the question,
        self._vectors: list[np.ndarray] = []  # ... and the judge's vectors
        self.days = list(dict.fromkeys(report_day(hit) for hit in self._hits))  # newest first

    def on(self, day: str) -> list[int]:
        """The sentences of ``day``, the closest to the question first."""
        self._read_until(day)
        of_day = [i for i, told in enumerate(self._days) if told == day]
        return sorted(of_day, key=lambda i: self._closeness[i], reverse=True)

    def told_between(self, first: str, day: str) -> list[int]:
        """The sentences of the days from ``first`` to the one before ``day`` (none for undated ``day``)."""
        if not day:
            return []
        self._read_until(first)
        return [i for i, told in enumerate(self._days) if told and first <= told < day]

    def alike(self, i: int, others: list[int]) -> bool:
        """Whether sentence ``i`` tells what one of ``others`` tells."""
        if not others:
            return False
        cosines = np.stack([self._vectors[j] for j in others]) @ self._vectors[i]
        return bool((cosines >= SAME_DEVELOPMENT).any())

    def lines(self, chosen: list[int]) -> list[NegotiationLine]:
        """The ``chosen`` sentences as lines, in that order."""
        return [_line(self._pool, self._sentences[i], self._days[i]) for i in chosen]

    def untold(self) -> tuple[str, ...]:
        """The parties asked about that no sentence of talks read names."""
        return tuple(party for party, told in zip(self._parties.parties, self._told_of, strict=True) if not told)

    def _read_until(self, day: str) -> None:
        """Take into the pool the passages of every report down to ``day`` (every one, for ""), and their sentences."""
        end = self._read
        while end < len(self._hits) and (not day or report_day(self._hits[end]) >= day):
            end += 1
        if end == self._read:
            return
        first_new = len(self._pool.sentences)
        self._pool = self._pool.with_hits(self._hits[self._read : end])
        self._read = end
        new = [
            i
            for i in range(first_new, len(self._pool.sentences))
            if _tells_of_a_negotiation(self._pool, i, meetings=bool(self._parties)) and self._of_the_parties(i)
        ]
        if not new:
            return
        self._sentences += new
        self._days += [report_day(self._pool.hits[self._pool.sentences[i].hit]) for i in new]
        self._closeness += self._pool.sentence_scores(self._question, self._encoder, new).tolist()
        self._vectors += list(self._pool.sentence_vectors(self._encoder, new))

    def _of_the_parties(self, i: int) -> bool:
        """Whether pool sentence ``i`` names the parties asked about, and is about the coverage's subject if asked.

        It notes which parties the sentence names, for :meth:`untold`.

        Beside a party named, the subject may be named by the passage only: "Following the
        failed talks, Michael Carpenter, the US ambassador to the Organization for Security and
        Cooperation in Europe, told reporters ..." after a paragraph on Russia's demands.
        """
        if not self._parties:
            return self._owns.tells_of_own(self._pool, i)
        named = self._parties.named(self._pool.sentences[i].text)
        self._told_of = [told or now for told, now in zip(self._told_of, named, strict=True)]
        if not all(named):
            return False
        return not self._with_own_subject or self._owns.named_around(self._pool, i)


def _tells_of_a_negotiation(pool: SentencePool, i: int, meetings: bool = False) -> bool:
    """Whether pool sentence ``i`` names a negotiation (or with ``meetings``, a meeting or call), in its own news.

    Not a video's teaser, nor history: a sentence naming a year before its report's ("A
    cease-fire was negotiated in 2015, but fighting continued.") tells the background.
    """
    sentence = pool.sentences[i]
    hit = pool.hits[sentence.hit]
    year = report_day(hit)[:4]
    return bool(
        (_NEGOTIATION_WORDS.search(sentence.text) or (meetings and _MEETING_WORDS.search(sentence.text)))
        and is_a_statement(sentence.shown)
        and not in_teaser(hit, sentence.start)
        and not (year and any(earlier < year for earlier in _YEAR.findall(sentence.text)))
    )


def _days_before(day: str, days: int) -> str:
    """The ISO day ``days`` before ``day`` ("" for an undated one)."""
    return (date.fromisoformat(day) - timedelta(days=days)).isoformat() if day else ""


def _line(pool: SentencePool, index: int, day: str) -> NegotiationLine:
    """Pool sentence ``index`` as a line of ``day``, after the one before it when it points back at that one."""
    text = " ".join(pool.sentences[i].shown.strip() for i in read_alone(index, pool))
    return NegotiationLine(day, text, pool.hits[pool.sentences[index].hit])


def _hits(store: IndexStore, rows: np.ndarray) -> list[Hit]:
    """The stored passages of ``rows``, as unscored hits.

    Not :meth:`index.search.Searcher.passages_at`: its cosines with the question, read for
    every passage of the coverage naming a negotiation, doubled the answer's time (21 to 45 ms).
    """
    chunks = store.chunks_by_rows(rows.tolist())
    articles = store.articles_by_id({stored.chunk.doc_id for stored in chunks.values()})
    return [
        Hit(row, stored.chunk, articles[stored.chunk.doc_id], score=0.0, dense=0.0, lexical=0.0)
        for row, stored in chunks.items()
        if stored.chunk.doc_id in articles
    ]


class _OwnSubject:
    """Whether a sentence is about the coverage's own subject: a name nearly every report holds, in any of its forms."""

    def __init__(self, store: IndexStore) -> None:
        self._store = store
        self._passages: dict[int, bool] = {}  # by row: whether the passage names the subject

    def tells_of_own(self, pool: SentencePool, i: int) -> bool:
        """Whether pool sentence ``i`` is about the coverage's own subject.

        It is when it names it ("Russia", "Russian", "Rusia"), not when it names others
        only ("... a nuclear deal between the U.S. and Iran", "the bipartisan talks" of
        Republicans and Democrats on a sanctions bill); naming nobody, its passage tells:
        "Nevertheless, negotiations continued on several fronts." after a paragraph on Putin,
        but not "The talks hit snags, lawmakers said." in a report on a budget.
        """
        names = names_of(pool.sentences[i].text)
        if names:
            return any(is_own_subject(name, self._store) for name in names)
        return self.named_around(pool, i)

    def named_around(self, pool: SentencePool, i: int) -> bool:
        """Whether the passage of pool sentence ``i`` names the coverage's own subject."""
        hit = pool.hits[pool.sentences[i].hit]
        if hit.row not in self._passages:
            self._passages[hit.row] = any(is_own_subject(name, self._store) for name in names_of(hit.chunk.text))
        return self._passages[hit.row]
