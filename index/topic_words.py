"""Whether a sentence names every word of a short topic, in the topic's language or translated.

A timeline of "sanctions" or "sanksi" is made of the sentences that name sanctions, but
the judge's encoder rates a word or two against a whole sentence low (0.22 for
"sanksi" against "Daleep Singh ... called the sanctions ..."), under what an answer
needs. So for a short topic, naming it is the test. A sentence names a topic's word when
one of its words has:
- in the topic's language, the word's stem (Snowball's stemmer; Sastrawi's for
  Indonesian): "sanctions" is named by "sanctioned";
- in another language, the stem of one of the dictionary's translations of it
  (index.dictionary_words: "sanksi" is "sanction", "invasion" is "invasi"), or the word itself,
  as names are ("NATO", "Donetsk"), or a name the dictionary gives it ("Jenewa", Geneva).
A word the dictionary lacks ("perundingan") is named in another language only as itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from index.common_words import indonesian_root
from index.dictionary_names import translated_names
from index.dictionary_words import translations

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_INDONESIAN = "id"


@dataclass(frozen=True)
class TopicWords:
    """A short topic's words, each as the stems that name it in each language."""

    stems: tuple[dict[str, frozenset[str]], ...]  # per word: language -> stems naming it there

    def named_in(self, text: str, language: str) -> bool:
        """Whether ``text``, written in ``language``, names every word of the topic."""
        if not self.stems:
            return False
        held = {stem(word, language) for word in _WORD.findall(text)}
        return all(held & word.get(language, frozenset()) for word in self.stems)


def topic_words(terms: Sequence[str], language: str, languages: Sequence[str]) -> TopicWords:
    """The stems naming each of ``terms`` (a topic's words, asked in ``language``) in each of ``languages``."""
    return TopicWords(tuple({other: _naming_stems(term, language, other) for other in languages} for term in terms))


def _naming_stems(term: str, language: str, other: str) -> frozenset[str]:
    if other == language:
        return frozenset({stem(term, language)})
    words = {term, *translated_names(term), *translations(term, language, other)}
    return frozenset(stem(word, other) for word in words)


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """``word``'s stem in ``language``, lower case: Sastrawi's root for Indonesian, Snowball's stem otherwise."""
    lowered = word.casefold()
    if language == _INDONESIAN:
        return indonesian_root(lowered)
    stemmer = _snowball(language)
    return stemmer.stemWord(lowered) if stemmer else lowered


@cache
def _snowball(language: str) -> snowballstemmer.stemmer | None:
    """Snowball's stemmer for an ISO 639-1 language, or None where it has none."""
    name = _SNOWBALL_NAMES.get(language)
    return snowballstemmer.stemmer(name) if name else None


_SNOWBALL_NAMES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
    "ru": "russian",
    "pl": "polish",
    "tr": "turkish",
    "ar": "arabic",
}


__all__ = ["TopicWords", "stem", "topic_words"]
