"""FreeDict's English-Indonesian dictionary (Wiktionary's, via WikDict), entry by entry.

It is read from the Debian package ``dict-freedict-eng-ind`` (dictd format: an index of
base64 offsets into a gzip-compatible text), installed by ``scripts/setup`` and the
Docker image. Without it there are no entries, and what uses them does without.
"""

from __future__ import annotations

import gzip
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

DICTIONARY = Path("/usr/share/dictd/freedict-eng-ind")  # .index and .dict.dz
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_HEAD = re.compile(r"^(?P<headword>[^/<]+?)\s+(?:/.*)?<(?P<part>[a-z]+)>\s*$")  # "Geneva /IPA/ <pn>"
_SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*|\s*\d+\.\s*$")


@dataclass(frozen=True)
class Entry:
    """An English headword of one part of speech ("n", "v", "pn": a proper noun), and its first sense's translations."""

    headword: str
    part_of_speech: str
    translations: tuple[str, ...]


@lru_cache(maxsize=2)
def entries(dictionary: Path) -> tuple[Entry, ...]:
    """Every entry of the dictionary at ``dictionary`` (its path without suffix).

    () without the dictionary, or when it cannot be read (said once): negobot then does
    without it rather than failing every question that uses it.
    """
    try:
        return tuple(_read(dictionary))
    except (OSError, EOFError, ValueError) as error:  # missing, truncated, not dictd (UnicodeDecodeError too)
        logger.info("no English-Indonesian dictionary (%s: %s)", type(error).__name__, error)
        return ()


def _read(dictionary: Path) -> list[Entry]:
    index = dictionary.with_suffix(".index").read_text(encoding="utf-8")
    with gzip.open(dictionary.with_suffix(".dict.dz")) as compressed:
        text = compressed.read()
    read: list[Entry] = []
    for line in index.splitlines():
        headword, offset, length = line.split("\t")[:3]  # dictfmt may keep the original headword in a fourth
        start = _decode(offset)
        entry = text[start : start + _decode(length)].decode("utf-8", "replace").splitlines()
        head = _HEAD.match(entry[0]) if len(entry) > 1 and not headword.startswith("00") else None
        if head is None:
            continue
        translations = (part.strip() for part in _SENSE_NUMBER.sub("", entry[1]).split(","))
        read.append(Entry(head["headword"].strip(), head["part"], tuple(t for t in translations if t)))
    return read


def _decode(number: str) -> int:
    """A dictd index number: base64 digits, most significant first."""
    value = 0
    for digit in number:
        value = value * 64 + _BASE64.index(digit)
    return value


__all__ = ["DICTIONARY", "Entry", "entries"]
