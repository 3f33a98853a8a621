"""Questions that ask for the news and nothing else ("what's the latest?", "apa perkembangan terbaru?").

Such a question names no subject for retrieval to match, so the judge finds nothing
related. What a reader wants is the newest reports themselves: each one's opening
sentence, newest day first, and within a day what most outlets tell first, one per
development.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from index.documents import Hit
from index.lexical import query_terms
from index.question import Question
from index.question_time import RECENCY
from index.search import Searcher
from index.sentence_choice import in_capitals
from index.sentence_pool import Sentence, SentencePool
from index.timeline import SAME_DEVELOPMENT
from index.video_teasers import teaser_end

# Words that ask for news without naming a subject, in English and Indonesian.
NEWS_WORDS = frozenset(
    {
        *("news", "update", "updates", "development", "developments", "happening", "happened", "going"),
        *("headline", "headlines", "new", "reported", "report", "reports", "say", "says", "said"),
        *("berita", "kabar", "perkembangan", "terjadi", "info", "informasi", "baru"),
        *("laporan", "dilaporkan", "diberitakan"),
        *("coverage", "reporting", "story", "stories", "liputan", "diliput"),
    }
)
SAYING = frozenset({"say", "says", "said"})
# Nouns naming a story, not what it is about: with the coverage's own subject they name the
# coverage's story itself ("the Ukraine crisis", "krisis Ukraina", "Russia-Ukraine tensions").
STORY_NOUNS = frozenset(
    {
        *("crisis", "conflict", "standoff", "tension", "tensions", "situation", "showdown"),
        *("krisis", "konflik", "ketegangan", "situasi"),
    }
)
# An opening "sentence" of fewer words is a dateline, heading or byline ("Jake Lloyd-Smith"),
# which index.sentence_choice.is_a_statement, counting "Lloyd-Smith" as two, would let through;
# a longer one in capitals is a heading or a link to another story (index.sentence_choice.in_capitals).
_FEWEST_WORDS = 3


def asks_only_for_news(
    question: Question, outlets: Iterable[str] = (), no_subject: Callable[[str], bool] = lambda term: False
) -> bool:
    """Whether a question asks for the news without naming what about ("any news today?").

    The words of ``outlets``, those the answer comes from, name no subject: "What did
    CNN report on February 11?", answered from CNN's reports, asks for their news. Nor
    do the words ``no_subject`` is true of: those the whole coverage is about ("What's the
    latest on Ukraine?", index.coverage_words), unless the question asks what they said
    ("What did Russia say recently?"); nor, beside them, a noun naming a story ("What is
    the latest on the Ukraine crisis?", where "crisis" is in a third of the reports).
    """
    theirs = {word for outlet in outlets for word in query_terms(outlet)}
    rest = RECENCY.sub(" ", question.text)  # read single-spaced (read_question), as RECENCY's look-behinds need
    terms = query_terms(rest)
    unnamed = [term for term in terms if term not in NEWS_WORDS and term not in theirs]
    # What Russia said is asked of Russia, however many reports name it; what CNN said is CNN's news.
    if unnamed and any(term in SAYING for term in terms):
        return False
    subjects = [term for term in unnamed if not no_subject(term)]
    # "the Ukraine crisis" is the coverage's story; "the crisis" alone may be another one.
    return not subjects or (len(subjects) < len(unnamed) and all(term in STORY_NOUNS for term in subjects))


def newest_leads(
    searcher: Searcher, rows: np.ndarray, count: int, days_within: tuple[str, str] | None = None
) -> list[tuple[Hit, str]]:
    """The first passage and opening sentence of ``count`` reports among ``rows``: newest day first, main news first.

    Days are read newest first until ``count`` reports are taken. Within a day, reports go
    by how many other outlets, then other stories, tell in their first passage what each
    opens with (:func:`_told_by`), then newest first: what most outlets tell is the day's main news,
    where the last report published may be a side story. A report whose opening tells what
    an opening already taken that day tells adds nothing and is passed over, as are copies
    of a story already told. With ``days_within`` (first and last ISO day), only reports on
    those days count: "what happened on February 11?" wants that day's, not the next
    morning's about the 12th. When no report is about those days, those published on them
    are: the coverage's two reports of Monday 21 February describe Sunday.
    """
    store = searcher.store
    allowed = set(rows.tolist())
    leads = {doc_id: row for doc_id, row in store.lead_rows().items() if row in allowed}
    days = store.report_days(leads)
    published = None  # read once: for every report when none is about the days asked, else for those kept
    if days_within is not None:
        first, last = days_within
        about = {doc_id: row for doc_id, row in leads.items() if first <= days[doc_id] <= last}
        if not about:
            published = store.article_days(leads)
            about = {doc_id: row for doc_id, row in leads.items() if first <= published[doc_id][1][:10] <= last}
            days = {doc_id: published[doc_id][1][:10] for doc_id in about}
        leads = about
    if published is None:
        published = store.article_days(leads)
    by_day: dict[str, list[str]] = {}
    for doc_id in sorted(leads, key=lambda doc_id: (days[doc_id], published[doc_id][1], doc_id), reverse=True):
        by_day.setdefault(days[doc_id], []).append(doc_id)  # newest day first, each day's newest first
    stories = store.stories_of(leads)
    found: list[tuple[Hit, str]] = []
    stories_told: set[str] = set()
    for of_day in by_day.values():
        openings = _Openings.read(searcher, {doc_id: leads[doc_id] for doc_id in of_day})
        story_of = [stories.get(hit.article.doc_id, hit.article.doc_id) for hit in openings.hits]
        told = _told_by(openings, story_of)
        taken: list[int] = []
        for i in sorted(range(len(openings.hits)), key=lambda i: told[i], reverse=True):  # stable: newest first
            if story_of[i] in stories_told or openings.opening[i] is None or any(openings.alike(i, j) for j in taken):
                continue
            stories_told.add(story_of[i])
            taken.append(i)
            found.append((openings.hits[i], openings.text(i)))
            if len(found) == count:
                return found
    return found


def _told_by(openings: _Openings, story_of: list[str]) -> list[tuple[int, int]]:
    """Per report, how many other outlets, then other stories, tell in their first passage what it opens with.

    Outlets first: one outlet's many look-alike reports of a day (Trading Economics prints
    a survey's figures country by country, 60 of news-en-scale's 121 reports of 1 March)
    are not the day's main news for it. Among reports no other outlet tells, those their
    own outlet told again come first (a market wrap and its evening update).
    """
    stories = np.unique(story_of, return_inverse=True)[1]
    outlets = np.unique([hit.article.source for hit in openings.hits], return_inverse=True)[1]
    # [i, j]: report j, of another story, tells what report i opens with (none tells a report opening with nothing).
    telling = (openings.likeness >= SAME_DEVELOPMENT) & (stories[:, None] != stories[None, :])
    return [
        (len(set(outlets[row].tolist()) - {int(outlets[i])}), len(set(stories[row].tolist())))
        for i, row in enumerate(telling)
    ]


@dataclass(frozen=True)
class _Openings:
    """The first passages of some reports, the sentence each opens with, and how alike their sentences are."""

    hits: list[Hit]
    pool: SentencePool
    opening: list[int | None]  # per hit, its opening sentence in ``pool``; None: it has none worth quoting
    # [i, j]: the judge's cosine of report i's opening with the closest sentence of report j's
    # first passage, its teaser aside (-1 where i opens with nothing or j holds no such sentence) ...
    likeness: np.ndarray
    # ... and with report j's opening (-1 where either opens with nothing).
    openings_alike: np.ndarray

    @classmethod
    def read(cls, searcher: Searcher, leads: dict[str, int]) -> _Openings:
        """The reports whose first passages are ``leads`` (doc id: row), in that order, those still stored."""
        store = searcher.store
        chunks = store.chunks_by_rows(list(leads.values()))
        articles = store.articles_by_id(leads)
        hits = [
            Hit(row, chunks[row].chunk, articles[doc_id], score=0.0, dense=0.0, lexical=0.0)
            for doc_id, row in leads.items()
            if doc_id in articles
        ]
        pool = SentencePool.of(hits, store)
        teasers = [teaser_end(hit.chunk.text) for hit in hits]  # first passages: a teaser opens them, if any
        own: list[list[int]] = [[] for _ in hits]  # per report, its sentences past any teaser
        opening: list[int | None] = [None] * len(hits)
        for k, sentence in enumerate(pool.sentences):
            if sentence.start < teasers[sentence.hit]:
                continue
            own[sentence.hit].append(k)
            if opening[sentence.hit] is None and _opens(sentence):
                opening[sentence.hit] = k
        likeness = np.full((len(hits), len(hits)), -1.0, dtype=np.float32)
        openings_alike = likeness.copy()
        opened = [i for i, index in enumerate(opening) if index is not None]
        if opened:  # one product of every opening with every sentence, then the best per report
            vectors = pool.sentence_vectors(searcher.judge.encoder, list(range(len(pool.sentences))))
            sentences_of_openings = [index for index in opening if index is not None]
            cosines = vectors[sentences_of_openings] @ vectors.T
            openings_alike[np.ix_(opened, opened)] = cosines[:, sentences_of_openings]
            for j, sentences in enumerate(own):
                if sentences:
                    likeness[opened, j] = cosines[:, sentences].max(axis=1)
        return cls(hits, pool, opening, likeness, openings_alike)

    def text(self, i: int) -> str:
        """The opening sentence of report ``i`` as read (index.page_joins: no glued dateline, no leading ", ")."""
        index = self.opening[i]
        assert index is not None
        return self.pool.sentences[index].shown.strip(" ,;")

    def alike(self, i: int, j: int) -> bool:
        """Whether reports ``i`` and ``j`` open with the same development."""
        return bool(self.openings_alike[i, j] >= SAME_DEVELOPMENT)


def _opens(sentence: Sentence) -> bool:
    """Whether ``sentence`` (past any teaser) can open its report's news: a statement, not a heading or byline."""
    text = sentence.shown.strip(" ,;")
    return len(text.split()) >= _FEWEST_WORDS and not in_capitals(text)
