"""A dictd dictionary written as FreeDict writes it, for tests of the readers."""

from __future__ import annotations

import gzip
from pathlib import Path

from index import freedict


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
