"""Questions that ask for the news and nothing else ("what's the latest?", "apa perkembangan terbaru?").

Such a question names no subject for retrieval to match, so the judge finds nothing
related. What a reader wants is the newest reports themselves: each one's opening
sentence, newest first, one per story.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from index.chunking import sentence_spans
from index.documents import Hit
from index.lexical import query_terms
from index.question import Question
from index.question_time import RECENCY
from index.search import Searcher
from index.sentence_choice import in_capitals

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
# An opening "sentence" of fewer words is a dateline, heading or byline ("Jake Lloyd-Smith"),
# which index.sentence_choice.is_a_statement, counting "Lloyd-Smith" as two, would let through;
# a longer one in capitals is a heading or a link to another story (index.sentence_choice.in_capitals).
_FEWEST_WORDS = 3


def asks_only_for_news(question: Question, outlets: Iterable[str] = ()) -> bool:
    """Whether a question asks for the news without naming what about ("any news today?").

    The words of ``outlets``, those the answer comes from, name no subject: "What did
    CNN report on February 11?", answered from CNN's reports, asks for their news.
    """
    theirs = {word for outlet in outlets for word in query_terms(outlet)}
    rest = RECENCY.sub(" ", question.text)  # read single-spaced (read_question), as RECENCY's look-behinds need
    return all(term in _NEWS_WORDS or term in theirs for term in query_terms(rest))


def newest_leads(
    searcher: Searcher, rows: np.ndarray, count: int, days_within: tuple[str, str] | None = None
) -> list[tuple[Hit, str]]:
    """The first passage and opening sentence of the ``count`` newest reports among ``rows``, one per story.

    Reports are ordered by the day they report on, then by publication time; only those
    taken are read whole. With ``days_within`` (first and last ISO day), only reports on
    those days count: "what happened on February 11?" wants that day's, not the next
    morning's about the 12th. When no report is about those days, those published on
    them are: the coverage's two reports of Monday 21 February describe Sunday.
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
        leads = about
    if published is None:
        published = store.article_days(leads)
    newest = sorted(leads, key=lambda doc_id: (days[doc_id], published[doc_id][1], doc_id), reverse=True)
    stories = store.stories_of(leads)
    found: list[tuple[Hit, str]] = []
    told: set[str] = set()
    for doc_id in newest:
        story = stories.get(doc_id, doc_id)
        if story in told:
            continue
        chunk = store.chunks_by_rows([leads[doc_id]])[leads[doc_id]].chunk
        article = store.article(doc_id)
        opening = next(
            (s for s in _sentences(chunk.text) if len(s.split()) >= _FEWEST_WORDS and not in_capitals(s)), ""
        )
        if article is None or not opening:
            continue
        told.add(story)
        found.append((Hit(leads[doc_id], chunk, article, score=0.0, dense=0.0, lexical=0.0), opening))
        if len(found) == count:
            break
    return found


def _sentences(text: str) -> list[str]:
    """The sentences of a passage, without the separators a flattened page left before them (", The ...")."""
    return [text[span.start : span.end].strip(" ,;") for span in sentence_spans(text)]
