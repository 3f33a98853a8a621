"""A word's translations into the other language, from FreeDict's English-Indonesian dictionary.

Single words only, both ways: "sanksi" is "sanction", "emas" "gold", and "missiles"
(by its Snowball stem, "missil") "misil" and "rudal". The dictionary has about 7,000
Indonesian words, few of them the press's ("perundingan", talks, and "pasukan", troops,
are missing); proper nouns are index.dictionary_names'.
"""

from __future__ import annotations

from functools import cache

import snowballstemmer

from index import freedict
from index.common_words import indonesian_root
from index.freedict import DICTIONARY

_ENGLISH, _INDONESIAN = "en", "id"


def translations(term: str, language: str, other: str) -> set[str]:
    """The dictionary's single-word translations of ``term`` from ``language`` into ``other``."""
    if language == _ENGLISH and other == _INDONESIAN:
        return set(_english_to_indonesian().get(english_stem(term), ()))
    if language == _INDONESIAN and other == _ENGLISH:
        found = _indonesian_to_english()
        return set(found.get(term.casefold(), ())) | set(found.get(indonesian_root(term), ()))
    return set()


@cache
def _english_to_indonesian() -> dict[str, frozenset[str]]:
    """English stems to the Indonesian words of the dictionary's common (not proper) nouns, verbs and the like."""
    found: dict[str, set[str]] = {}
    for headword, translation in _word_pairs():
        found.setdefault(english_stem(headword), set()).add(translation)
    return {key: frozenset(words) for key, words in found.items()}


@cache
def _indonesian_to_english() -> dict[str, frozenset[str]]:
    """Indonesian words to the English headwords that the dictionary translates by them."""
    found: dict[str, set[str]] = {}
    for headword, translation in _word_pairs():
        found.setdefault(translation, set()).add(headword)
    return {key: frozenset(words) for key, words in found.items()}


def _word_pairs() -> list[tuple[str, str]]:
    """(English headword, Indonesian translation) of every one-word entry and translation, lower case."""
    return [
        (entry.headword.casefold(), translation.casefold())
        for entry in freedict.entries(DICTIONARY)
        if entry.part_of_speech != "pn" and " " not in entry.headword
        for translation in entry.translations
        if " " not in translation
    ]


def english_stem(word: str) -> str:
    """Snowball's English stem of ``word``, lower case."""
    return str(_english().stemWord(word.casefold()))


@cache
def _english() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


__all__ = ["english_stem", "translations"]
