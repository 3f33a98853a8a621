"""The latest on "the talks": the newest sentences telling of the negotiation the coverage is about.

A coverage of one negotiation calls it "the talks", "the negotiations", "perundingan",
and so do its readers: "What is the latest news on the talks?" names no party because
the coverage's own subject is the party. Retrieval read it as any talks: over the seed
and news-en-ukraine-2022 it quoted the Iran nuclear talks of 23 February, which both
encoders rate closer to "the talks" than Blinken's cancelled meeting with Lavrov of the
22nd, 17th of that week's passages.

Such a question is answered from the sentences that name a negotiation (talks,
negotiations, diplomacy, a summit or meeting; in English or Indonesian) together with
the coverage's own subject: a name nearly every report holds (index.coverage_words:
Russia, Ukraine), in any of its forms ("Russian", "Rusia"). The newest come first, each
development once, on the day it was first told: an explainer's "The United States, NATO
and Russia have been engaged in a whirlwind of diplomacy", reprinted daily since 12
February, is not the news of the 22nd. A coverage without such a subject (markets,
companies and politics) has no talks of its own, and the question is answered as any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from index.continuations import read_alone
from index.coverage_words import has_own_subject, is_coverage_wide, is_word_in_capitals
from index.documents import Hit
from index.latest_news import NEWS_WORDS
from index.lexical import query_terms
from index.place_names import is_place_name, other_names
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
    r"(?:be|me|di)?runding(?:kan)?|perunding|(?:ber)?negosiasi|pembicaraan|diplomasi|KTT|dialog)\b",
    re.IGNORECASE,
)
# The words the full-text index is asked for (it matches English stems: "negotiations" finds "negotiating").
_INDEXED_WORDS = (
    *("talks", "negotiations", "negotiators", "diplomacy", "summit", "dialogue", "perundingan", "berunding"),
    *("merundingkan", "perunding", "negosiasi", "bernegosiasi", "pembicaraan", "diplomasi", "KTT", "dialog"),
)


@dataclass(frozen=True)
class NegotiationLine:
    """One development of the negotiation: its day (ISO, "" undated), its sentence and the passage telling it first."""

    day: str
    text: str
    hit: Hit


def asks_for_negotiation_news(
    question: Question, outlets: Iterable[str] = (), no_subject: Callable[[str], bool] = lambda term: False
) -> bool:
    """Whether a question asks for news of "the talks" and names nothing else ("Apa kabar terbaru soal perundingan?").

    Its words besides those asking for news, the outlets' and those ``no_subject`` is true
    of (the coverage's own subject: "the negotiations with Russia") name a negotiation only.
    """
    theirs = {word for outlet in outlets for word in query_terms(outlet)}
    terms = [term for term in query_terms(RECENCY.sub(" ", question.text)) if term not in NEWS_WORDS | theirs]
    subject = [term for term in terms if not no_subject(term)]
    return bool(subject) and all(term in _NEGOTIATION_TERMS for term in subject)


def negotiation_lines(
    question: Question, searcher: Searcher, rows: np.ndarray | None, count: int
) -> list[NegotiationLine]:
    """Up to ``count`` developments of the coverage's negotiation among ``rows`` (None: all), newest first.

    None when the coverage has no subject of its own to negotiate over. Within a day, the
    sentence closest to the question comes first. A sentence told the same way (by the
    judge, as a timeline's line is) on an earlier day is that day's news, not its own.
    """
    store = searcher.store
    if not has_own_subject(store):
        return []
    candidates = store.rows_mentioning_any(_INDEXED_WORDS)
    if rows is not None:
        candidates = np.intersect1d(candidates, rows)
    if not len(candidates):
        return []
    hits = _hits(store, candidates)
    pool = SentencePool.of(hits, store)
    owns = _OwnSubject(store)
    telling = [
        i
        for i, sentence in enumerate(pool.sentences)
        if _NEGOTIATION_WORDS.search(sentence.text)
        and is_a_statement(sentence.shown)
        and not in_teaser(hits[sentence.hit], sentence.start)
        and owns.tells_of_own(sentence.text, hits[sentence.hit])
    ]
    if not telling:
        return []
    days = [report_day(hits[pool.sentences[i].hit]) for i in telling]
    closeness = pool.sentence_scores(question, searcher.judge.encoder, telling)
    vectors = pool.sentence_vectors(searcher.judge.encoder, telling)
    alike = vectors @ vectors.T >= SAME_DEVELOPMENT
    order = sorted(range(len(telling)), key=lambda i: (days[i], float(closeness[i])), reverse=True)
    taken: list[int] = []
    for i in order:
        told_before = any(alike[i, j] and days[j] < days[i] for j in range(len(telling)))
        if told_before or any(alike[i, j] for j in taken):
            continue
        taken.append(i)
        if len(taken) == count:
            break
    return [_line(pool, telling[i], days[i]) for i in taken]


def _line(pool: SentencePool, index: int, day: str) -> NegotiationLine:
    """Pool sentence ``index`` as a line of ``day``, after the one before it when it points back at that one."""
    text = " ".join(pool.sentences[i].shown.strip() for i in read_alone(index, pool))
    return NegotiationLine(day, text, pool.hits[pool.sentences[index].hit])


def _hits(store: IndexStore, rows: np.ndarray) -> list[Hit]:
    """The stored passages of ``rows``, as unscored hits."""
    chunks = store.chunks_by_rows(rows.tolist())
    articles = store.articles_by_id({stored.chunk.doc_id for stored in chunks.values()})
    return [
        Hit(row, stored.chunk, articles[stored.chunk.doc_id], score=0.0, dense=0.0, lexical=0.0)
        for row, stored in chunks.items()
        if stored.chunk.doc_id in articles
    ]


class _OwnSubject:
    """Whether a sentence names the coverage's own subject: a name nearly every report holds, in any of its forms."""

    def __init__(self, store: IndexStore) -> None:
        self._store = store
        self._known: dict[str, bool] = {}
        self._passages: dict[int, bool] = {}  # by row: whether the passage names the subject

    def tells_of_own(self, sentence: str, hit: Hit) -> bool:
        """Whether ``sentence`` of ``hit``'s passage is about the coverage's own subject.

        It is when it names it ("Russia", "Russian", "Rusia"), or names nothing and its passage
        names it: "Nevertheless, negotiations continued on several fronts." after a paragraph
        on Putin, not "... a nuclear deal between the U.S. and Iran".
        """
        names = _names(sentence)
        if names:
            return any(self._is_own(name) for name in names)
        if hit.row not in self._passages:
            self._passages[hit.row] = any(self._is_own(name) for name in _names(hit.chunk.text))
        return self._passages[hit.row]

    def _is_own(self, name: str) -> bool:
        if name not in self._known:
            self._known[name] = any(is_coverage_wide(form, self._store) for form in (name, *other_names(name)))
        return self._known[name]


def _names(text: str) -> list[str]:
    """The names ``text`` writes, a sentence's first word only when it names a country or language.

    "Russia emptied ..." opens with a name, "However, ..." does not. "U.S." is read as "U"
    and "S", which name nothing, and the full-text index, blind to case, would count "US"
    and "AS" as the words "us" and "as" that every report holds.
    """
    names = [*names_in(text), *(name for name in names_in(text, openers=True) if is_place_name(name))]
    return [name for name in dict.fromkeys(names) if len(name) > 1 and not is_word_in_capitals(name)]
