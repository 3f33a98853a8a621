"""Word stems per language: Snowball's stemmers, and Sastrawi's roots for Indonesian.

"sanctions" and "sanctioned" share the stem "sanction", "perundingan" and "berunding"
the root "runding". Snowball's pure-Python stemmers keep the word being stemmed on the
stemmer object, so each is used by one thread at a time: the bot builds timelines in
worker threads, and two at once gave wrong stems ("sanctions" -> "invasion") and
IndexErrors.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import Protocol

import snowballstemmer

from index.common_words import indonesian_root

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
_SNOWBALL_LOCK = threading.Lock()


class _Snowball(Protocol):
    def stemWord(self, word: str) -> str: ...  # Snowball's name


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """``word``'s stem in ``language``, lower case; the word itself in a language without a stemmer."""
    lowered = word.casefold()
    if language == "id":
        return indonesian_root(lowered)
    stemmer = _snowball(language)
    if stemmer is None:
        return lowered
    with _SNOWBALL_LOCK:
        return str(stemmer.stemWord(lowered))


@cache
def _snowball(language: str) -> _Snowball | None:
    name = _SNOWBALL_NAMES.get(language)
    stemmer: _Snowball | None = snowballstemmer.stemmer(name) if name else None
    return stemmer


__all__ = ["stem"]
