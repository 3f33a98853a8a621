"""Questions that ask for the news and nothing else ("what's the latest?", "apa perkembangan terbaru?").

Such a question names no subject for retrieval to match, so the judge finds nothing
related. What a reader wants is the newest reports themselves: each one's opening
sentence, newest first, one per story.
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
from index.video_teasers import in_teaser

# Words that ask for news without naming a subject, in English and Indonesian.
_NEWS_WORDS = frozenset(
    {
        *("news", "update", "updates", "development", "developments", "happening", "happened", "going"),
        *("headline", "headlines", "new", "reported", "report", "reports", "say", "says", "said"),
        *("berita", "kabar", "perkembangan", "terjadi", "info", "informasi", "baru"),
        *("laporan", "dilaporkan", "diberitakan"),
        *("coverage", "reporting", "story", "stories", "liputan", "diliput"),
    }
)
_SAYING = frozenset({"say", "says", "said"})
# An opening "sentence" of fewer words is a dateline, heading or byline ("Jake Lloyd-Smith"),
# which index.sentence_choice.is_a_statement, counting "Lloyd-Smith" as two, would let through;
# a longer one in capitals is a heading or a link to another story (index.sentence_choice.in_capitals).
_FEWEST_WORDS = 3
# The reports of the days of this many newest reports per one asked for are read and compared.
_DAYS_READ_PER_LEAD = 2


def asks_only_for_news(
    question: Question, outlets: Iterable[str] = (), no_subject: Callable[[str], bool] = lambda term: False
) -> bool:
    """Whether a question asks for the news without naming what about ("any news today?").

    The words of ``outlets``, those the answer comes from, name no subject: "What did
    CNN report on February 11?", answered from CNN's reports, asks for their news. Nor
    do the words ``no_subject`` is true of: those the whole coverage is about ("What's the
    latest on Ukraine?", index.coverage_words), unless the question asks what they said
    ("What did Russia say recently?").
    """
    theirs = {word for outlet in outlets for word in query_terms(outlet)}
    rest = RECENCY.sub(" ", question.text)  # read single-spaced (read_question), as RECENCY's look-behinds need
    terms = query_terms(rest)
    unnamed = [term for term in terms if term not in _NEWS_WORDS and term not in theirs]
    # What Russia said is asked of Russia, however many reports name it; what CNN said is CNN's news.
    if unnamed and any(term in _SAYING for term in terms):
        return False
    return all(no_subject(term) for term in unnamed)


def newest_leads(
    searcher: Searcher, rows: np.ndarray, count: int, days_within: tuple[str, str] | None = None
) -> list[tuple[Hit, str]]:
    """The first passage and opening sentence of the ``count`` newest reports among ``rows``, one per development.

    Reports are ordered by the day they report on, newest first, and within a day by how
    many other stories of that day tell what a report opens with (:func:`_told_by`), then
    by publication time: what most of a day's reports tell is its main news ("Russia
    invaded Ukraine"), where the last one published may be a side story. A report whose
    opening tells what an opening already taken tells adds nothing and is passed over.
    With ``days_within`` (first and last ISO day), only reports on those days count:
    "what happened on February 11?" wants that day's, not the next morning's about the
    12th. When no report is about those days, those published on them are: the
    coverage's two reports of Monday 21 February describe Sunday.
    """
    store = searcher.store
    allowed = set(rows.tolist())
    leads = {doc_id: row for doc_id, row in store.lead_rows().items() if row in allowed}
    days = store.report_days(leads)
    published = None  # read once: for every report when none is about the days asked, else for those taken
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
    newest = sorted(leads, key=lambda doc_id: (days[doc_id], published[doc_id][1], doc_id), reverse=True)
    # The days of the reports that can be taken, and every report of those days, whose openings are compared.
    days_read = {days[doc_id] for doc_id in newest[: count * _DAYS_READ_PER_LEAD]}
    openings = _Openings.read(searcher, {doc_id: leads[doc_id] for doc_id in newest if days[doc_id] in days_read})
    read = [hit.article.doc_id for hit in openings.hits]
    stories = store.stories_of(read)
    story_of = {doc_id: stories.get(doc_id, doc_id) for doc_id in read}
    told = [_told_by(i, read, days, story_of, openings) for i in range(len(read))]
    ordered = sorted(
        range(len(read)), key=lambda i: (days[read[i]], told[i], published[read[i]][1], read[i]), reverse=True
    )
    found: list[tuple[Hit, str]] = []
    taken: list[int] = []
    stories_told: set[str] = set()
    for i in ordered:
        doc_id = read[i]
        if story_of[doc_id] in stories_told or openings.opening[i] is None:
            continue
        if any(openings.alike(i, j) for j in taken):
            continue
        stories_told.add(story_of[doc_id])
        taken.append(i)
        found.append((openings.hits[i], openings.text(i)))
        if len(found) == count:
            break
    return found


def _told_by(i: int, read: list[str], days: dict[str, str], story_of: dict[str, str], openings: _Openings) -> int:
    """How many other stories of the same day tell, in their first passage, what report ``i`` opens with."""
    if openings.opening[i] is None:
        return 0
    telling = {
        story_of[other]
        for j, other in enumerate(read)
        if days[other] == days[read[i]] and story_of[other] != story_of[read[i]] and openings.tells(j, i)
    }
    return len(telling)


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
        articles = {doc_id: store.article(doc_id) for doc_id in leads}
        hits = [
            Hit(row, chunks[row].chunk, article, score=0.0, dense=0.0, lexical=0.0)
            for doc_id, row in leads.items()
            if (article := articles[doc_id]) is not None
        ]
        pool = SentencePool.of(hits, store)
        opening: list[int | None] = [None] * len(hits)
        for i, sentence in enumerate(pool.sentences):
            if opening[sentence.hit] is None and _opens(sentence, hits[sentence.hit]):
                opening[sentence.hit] = i
        likeness = np.full((len(hits), len(hits)), -1.0, dtype=np.float32)
        openings_alike = likeness.copy()
        opened = [i for i, index in enumerate(opening) if index is not None]
        if opened:  # one product of every opening with every sentence, then the best per report
            vectors = pool.sentence_vectors(searcher.judge.encoder, list(range(len(pool.sentences))))
            sentences_of_openings = [index for index in opening if index is not None]
            cosines = vectors[sentences_of_openings] @ vectors.T
            openings_alike[np.ix_(opened, opened)] = cosines[:, sentences_of_openings]
            for j in range(len(hits)):
                own = [k for k in pool.of_hits([j]) if not in_teaser(hits[j], pool.sentences[k].start)]
                if own:
                    likeness[opened, j] = cosines[:, own].max(axis=1)
        return cls(hits, pool, opening, likeness, openings_alike)

    def text(self, i: int) -> str:
        """The opening sentence of report ``i`` as read (index.page_joins: no glued dateline, no leading ", ")."""
        index = self.opening[i]
        assert index is not None
        return self.pool.sentences[index].shown.strip(" ,;")

    def tells(self, j: int, i: int) -> bool:
        """Whether a sentence of report ``j``'s first passage, its teaser aside, tells what report ``i`` opens with."""
        return bool(self.likeness[i, j] >= SAME_DEVELOPMENT)

    def alike(self, i: int, j: int) -> bool:
        """Whether reports ``i`` and ``j`` open with the same development."""
        return bool(self.openings_alike[i, j] >= SAME_DEVELOPMENT)


def _opens(sentence: Sentence, hit: Hit) -> bool:
    """Whether ``sentence`` can open its report's news: a statement past any video teaser, not a heading or byline."""
    text = sentence.shown.strip(" ,;")
    return not in_teaser(hit, sentence.start) and len(text.split()) >= _FEWEST_WORDS and not in_capitals(text)
