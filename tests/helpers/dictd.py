"""A dictd dictionary written as FreeDict writes it, for tests of the readers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from index import dictionary_names, dictionary_words, freedict


def _b64(number: int) -> str:
    digits = ""
    while True:
        digits = freedict._BASE64[number % 64] + digits
        number //= 64
        if not number:
            return digits


def write_dictd(path: Path, entries: list[tuple[str, str]]) -> None:
    """A dictd pair as FreeDict writes it: the headword index, then the gzip-compressed entries."""
    text, lines = b"", []
    for headword, entry in entries:
        encoded = entry.encode()
        lines.append(f"{headword}\t{_b64(len(text))}\t{_b64(len(encoded))}")
        text += encoded
    path.with_suffix(".index").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(path.with_suffix(".dict.dz"), "wb") as out:
        out.write(text)


def use_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: list[tuple[str, str]]) -> None:
    """Point the dictionary's readers (names and words) at one written from ``entries`` (headword, entry text).

    Their caches are keyed on the path, so the real dictionary's are neither used nor spoiled.
    """
    path = tmp_path / "freedict-eng-ind"
    write_dictd(path, [("00-database-info", "00-database-info\nEnglish-Bahasa Indonesia\n"), *entries])
    monkeypatch.setattr(dictionary_names, "DICTIONARY", path)
    monkeypatch.setattr(dictionary_words, "DICTIONARY", path)
