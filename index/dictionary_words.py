"""A word's translations into the other language, from FreeDict's English-Indonesian dictionary.

Single words only, both ways: "sanksi" is "sanction", "emas" "gold", and "missiles"
(by its Snowball stem, "missil") "misil" and "rudal". Only each entry's first sense
is read, and some of it is not what the press means ("talks" gives "bicara", also in
"juru bicara", a spokesperson). The dictionary has about 7,000 Indonesian words, few of
them the press's ("perundingan", talks, and "pasukan", troops, are missing); proper
nouns are index.dictionary_names'.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index import freedict
from index.freedict import DICTIONARY
from index.stemming import stem


def translations(term: str, language: str, other: str) -> set[str]:
    """The dictionary's single-word translations of ``term`` from ``language`` into ``other`` ("en" or "id")."""
    if (language, other) == ("en", "id"):
        return set(_english_to_indonesian(DICTIONARY).get(stem(term, "en"), ()))
    if (language, other) == ("id", "en"):
        found = _indonesian_to_english(DICTIONARY)
        return set(found.get(term.casefold(), ())) | set(found.get(stem(term, "id"), ()))
    return set()


def is_noun_or_verb(word: str) -> bool:
    """Whether the dictionary translates ``word`` (Indonesian) and only as nouns or verbs ("invasi", "pidato").

    Indonesian writes no article, so "sebelum invasi" is "before the invasion": one word
    names an event. Words with any other sense ("kapan", when; "itu", that) do not.
    """
    senses = _indonesian_senses(DICTIONARY).get(word.casefold())
    return senses is not None and senses <= {"n", "v"}


@lru_cache(maxsize=2)
def _indonesian_senses(dictionary: Path) -> dict[str, frozenset[str]]:
    """Indonesian words to the parts of speech of the entries that translate into them (proper nouns left out)."""
    found: dict[str, set[str]] = {}
    for entry in freedict.entries(dictionary):
        if entry.part_of_speech != "pn":
            for translation in entry.translations:
                found.setdefault(translation.casefold(), set()).add(entry.part_of_speech)
    return {word: frozenset(senses) for word, senses in found.items()}


@lru_cache(maxsize=2)
def _english_to_indonesian(dictionary: Path) -> dict[str, frozenset[str]]:
    """English stems to the Indonesian words of the dictionary's common (not proper) nouns, verbs and the like."""
    found: dict[str, set[str]] = {}
    for headword, translation in _word_pairs(dictionary):
        found.setdefault(stem(headword, "en"), set()).add(translation)
    return {key: frozenset(words) for key, words in found.items()}


@lru_cache(maxsize=2)
def _indonesian_to_english(dictionary: Path) -> dict[str, frozenset[str]]:
    """Indonesian words to the English headwords that the dictionary translates by them."""
    found: dict[str, set[str]] = {}
    for headword, translation in _word_pairs(dictionary):
        found.setdefault(translation, set()).add(headword)
    return {key: frozenset(words) for key, words in found.items()}


def _word_pairs(dictionary: Path) -> list[tuple[str, str]]:
    """(English headword, Indonesian translation) of every one-word entry and translation, lower case."""
    return [
        (entry.headword.casefold(), translation.casefold())
        for entry in freedict.entries(dictionary)
        if entry.part_of_speech != "pn" and " " not in entry.headword
        for translation in entry.translations
        if " " not in translation
    ]


def warm_up() -> None:
    """Read the dictionary both ways now (about a second), not in the first timeline or before/after question."""
    _english_to_indonesian(DICTIONARY)
    _indonesian_to_english(DICTIONARY)
    _indonesian_senses(DICTIONARY)  # every question with "sebelum", "setelah"... asks whether one word is an event


__all__ = ["is_noun_or_verb", "translations", "warm_up"]
