"""A word's or a phrase's translations into the other language, from FreeDict's English-Indonesian dictionary.

Both ways: "sanksi" is "sanction", "emas" "gold", and "missiles" (by its Snowball stem,
"missil") "misil" and "rudal". Either side may be a phrase of up to three words, read
word by word: "suku bunga" is "interest rate", "kedutaan besar" "embassy", and
"gencatan senjata" "cease-fire", a hyphenated headword also read joined ("ceasefire"),
as the press writes it. Only each entry's first sense is read, and some of it is not
what the press means ("talks" gives "bicara", also in "juru bicara", a spokesperson).
The dictionary has about 7,000 Indonesian words, few of them the press's ("perundingan",
talks, and "pasukan", troops, are missing); proper nouns are index.dictionary_names'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from index import freedict
from index.freedict import DICTIONARY
from index.stemming import stem

Phrase = tuple[str, ...]  # a word or several, lower case, as index.lexical splits text into words
LONGEST_PHRASE = 3  # words; longer entries are idioms and glosses, not what a topic or question names
_WORD = re.compile(r"\w+")  # as index.lexical reads words


def phrase_translations(words: Sequence[str], language: str, other: str) -> set[Phrase]:
    """The dictionary's translations of the word or phrase ``words`` from ``language`` into ``other``, as words.

    English is looked up by its words' stems ("interest rates" is the entry "interest
    rate"), Indonesian as written, and one Indonesian word by its root too.
    """
    if (language, other) == ("en", "id"):
        return set(_english_to_indonesian(DICTIONARY).get(tuple(stem(word, "en") for word in words), ()))
    if (language, other) == ("id", "en"):
        found = _indonesian_to_english(DICTIONARY)
        translated = set(found.get(tuple(word.casefold() for word in words), ()))
        if len(words) == 1:
            translated |= found.get((stem(words[0], "id"),), frozenset())
        return translated
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
def _english_to_indonesian(dictionary: Path) -> dict[Phrase, frozenset[Phrase]]:
    """English phrases (their words' stems) to the Indonesian phrases of the common nouns, verbs and the like."""
    found: dict[Phrase, set[Phrase]] = {}
    for pair in _phrase_pairs(dictionary):
        if pair.indonesian_spaced <= pair.headword_words:  # not a longer gloss: "stream" is not "anak sungai"
            found.setdefault(tuple(stem(word, "en") for word in pair.english), set()).add(pair.indonesian)
    return {key: frozenset(phrases) for key, phrases in found.items()}


@lru_cache(maxsize=2)
def _indonesian_to_english(dictionary: Path) -> dict[Phrase, frozenset[Phrase]]:
    """Indonesian phrases to the English headwords that the dictionary translates by them."""
    found: dict[Phrase, set[Phrase]] = {}
    for pair in _phrase_pairs(dictionary):
        if pair.english_spaced <= len(pair.indonesian):
            found.setdefault(pair.indonesian, set()).add(pair.english)
    return {key: frozenset(phrases) for key, phrases in found.items()}


class _Pair(NamedTuple):
    """An English headword and one of its Indonesian translations, as words, with how many words each writes."""

    english: Phrase  # a hyphenated headword also joined: "cease-fire" as ("ceasefire",)
    indonesian: Phrase
    headword_words: int  # the headword's words, its hyphenated parts counted apart: "cease-fire" 2
    english_spaced: int  # words between spaces: "cease-fire" 1, "interest rate" 2
    indonesian_spaced: int  # "mata-mata" (a spy) 1, "gencatan senjata" 2


def _phrase_pairs(dictionary: Path) -> list[_Pair]:
    """Every entry's English headword and Indonesian translations, proper nouns aside, lower case.

    A translation with more words between spaces than its headword has words is a gloss
    when read from the headword's side ("stream": "anak sungai", a small river), not a
    translation; "mata-mata" is one word, a spy.
    """
    pairs: list[_Pair] = []
    for entry in freedict.entries(dictionary):
        if entry.part_of_speech == "pn":
            continue
        headword = entry.headword.casefold()
        english = [_words(headword)]
        if "-" in headword and " " not in headword:
            english.append((headword.replace("-", ""),))
        for translation in entry.translations:
            indonesian = _words(translation.casefold())
            pairs += [
                _Pair(phrase, indonesian, len(english[0]), len(headword.split()), len(translation.split()))
                for phrase in english
                if _short(phrase) and _short(indonesian)
            ]
    return pairs


def _words(text: str) -> Phrase:
    return tuple(_WORD.findall(text))


def _short(phrase: Phrase) -> bool:
    return 0 < len(phrase) <= LONGEST_PHRASE


def warm_up() -> None:
    """Read the dictionary both ways now (about a second), not in the first timeline or before/after question."""
    _english_to_indonesian(DICTIONARY)
    _indonesian_to_english(DICTIONARY)
    _indonesian_senses(DICTIONARY)  # every question with "sebelum", "setelah"... asks whether one word is an event


__all__ = ["LONGEST_PHRASE", "Phrase", "is_noun_or_verb", "phrase_translations", "warm_up"]
