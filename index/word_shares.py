"""How many of a question's words a passage or sentence holds, as written or, in another language, translated.

The judge (index.relevance) adds a passage's share to its cosines, and the answer
sentences are scored on their own share and on their passage's
(index.sentence_features). Within the question's language words match as written, on
their first five letters; in another language, by the dictionary's translations
(index.topic_words, as for short timeline topics: "offer" by "menawarkan", "missiles"
by "rudal").
"""

from __future__ import annotations

from functools import lru_cache

from index.documents import Hit
from index.question import Question
from index.question_time import RECENCY
from index.topic_words import TopicWords, topic_words


def word_overlap(question: Question, hit: Hit) -> float:
    """Share of the question's words that ``hit``'s title and text hold, as written or, in another language, translated.

    The dictionary (index.topic_words) gives a passage in another language its share:
    without it, "What did the US offer on missiles?" counted "US" and "missiles" in an
    English report of Patriot missiles and nothing in the Indonesian sentence on the US
    offering "batasan pada rudal", which names all three. Words asking for the latest name
    no subject: "terbaru" is "new", which any report holds.
    """
    text = f"{hit.article.title} {hit.chunk.text}"
    share = term_overlap(question.terms, text)
    language = hit.article.language
    if not language or language == question.language:
        return share
    return max(share, dictionary_share(question, text, language))


def dictionary_share(question: Question, text: str, language: str) -> float:
    """The share of the question's words that ``text``, in ``language``, names by the dictionary's translations."""
    return _subject_words(question.text, language).share_named_in(text, language)


@lru_cache(maxsize=256)
def _subject_words(question: str, language: str) -> TopicWords:
    """The question's words but those asking for the latest, as ``language`` names them."""
    return topic_words(RECENCY.sub(" ", question), [language])


def term_overlap(terms: list[str], text: str) -> float:
    """Share of ``terms`` found in ``text``, matching on the first five letters (a crude stem)."""
    if not terms:
        return 0.0
    words = text.lower().split()
    return sum(any(word.startswith(term[:5]) for word in words) for term in terms) / len(terms)
