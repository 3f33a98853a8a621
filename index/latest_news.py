"""Questions that ask for the news and nothing else ("what's the latest?", "apa perkembangan terbaru?").

Such a question names no subject for retrieval to match, so the judge finds nothing
related. What a reader wants is the newest reports themselves: each one's opening
sentence, newest first, one per story.
"""

from __future__ import annotations

import numpy as np

from index.chunking import sentence_spans
from index.documents import Hit
from index.lexical import query_terms
from index.question import Question
from index.question_time import RECENCY
from index.search import Searcher

# Words that ask for news without naming a subject, in English and Indonesian.
_NEWS_WORDS = frozenset(
    {
        *("news", "update", "updates", "development", "developments", "happening", "happened", "going"),
        *("headline", "headlines", "new"),
        *("berita", "kabar", "perkembangan", "terjadi", "info", "informasi", "baru"),
    }
)
_FEWEST_WORDS = 3  # a lead "sentence" shorter than this is a dateline or heading


def asks_only_for_news(question: Question) -> bool:
    """Whether a question asks for the news without naming what about ("any news today?")."""
    return all(term in _NEWS_WORDS for term in query_terms(RECENCY.sub(" ", question.text)))


def newest_leads(searcher: Searcher, rows: np.ndarray, count: int) -> list[tuple[Hit, str]]:
    """The first passage and opening sentence of the ``count`` newest reports among ``rows``, one per story."""
    store = searcher.store
    allowed = set(rows.tolist())
    leads = {doc_id: row for doc_id, row in store.lead_rows().items() if row in allowed}
    articles = {doc_id: store.article(doc_id) for doc_id in leads}
    newest = sorted(
        (article for article in articles.values() if article is not None),
        key=lambda a: (a.event_date or a.date, a.published, a.doc_id),
        reverse=True,
    )
    stories = store.stories_of(leads)
    stored = store.chunks_by_rows([leads[a.doc_id] for a in newest])
    found: list[tuple[Hit, str]] = []
    told: set[str] = set()
    for article in newest:
        story = stories.get(article.doc_id, article.doc_id)
        chunk = stored[leads[article.doc_id]].chunk
        opening = next((s for s in _sentences(chunk.text) if len(s.split()) >= _FEWEST_WORDS), "")
        if story in told or not opening:
            continue
        told.add(story)
        found.append((Hit(leads[article.doc_id], chunk, article, score=0.0, dense=0.0, lexical=0.0), opening))
        if len(found) == count:
            break
    return found


def _sentences(text: str) -> list[str]:
    """The sentences of a passage, without the separators a flattened page left before them (", The ...")."""
    return [text[span.start : span.end].strip(" ,;") for span in sentence_spans(text)]
