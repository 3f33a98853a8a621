"""The outlet a question names as its source: "according to CNN", "menurut BBC", "the Fox piece".

A reader who writes "Menurut MarketWatch, berapa poin Dow Jones merosot ...?" asks for
MarketWatch's figure, as ``source:MarketWatch`` would; the answer comes from that
outlet's reports when they answer (see index.answer). An outlet is named by its first
words ("BBC" for "BBC News", "New York Times" for "The New York Times"), and only
beside words that make it the source: an attribution before it ("according to",
"per", "menurut", "kata") or a report's noun or verb after it ("piece", "analysis",
"reported", "melaporkan"). "What did CNN's reporter ask?" names CNN as no source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Case is ignored in these words, not in the outlet's name: "according to CNN", "Menurut BBC".
_BEFORE = (
    r"(?i:according\s+to|per|as\s+reported\s+by|reported\s+by|menurut|kata|dilaporkan\s+oleh|laporan|"
    r"berita|artikel|analisis|tulisan)\s+(?:(?i:the)\s+)?"
)
_AFTER = (
    r"(?:'s|’s)?\s+(?i:piece|report|reports|reported|article|story|analysis|coverage|says|said|writes|wrote|"
    r"melaporkan|menyebut|menulis)\b"
)
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def named_outlet(question: str, outlets: Iterable[str]) -> str | None:
    """The outlet of ``outlets`` that ``question`` names as its source, or None.

    None too when the question names another outlet at all ("according to CNN and the BBC").
    """
    named = [outlet for outlet in outlets if outlet and re.search(_name_pattern(outlet), question)]
    if len(named) != 1:
        return None
    name = _name_pattern(named[0])
    return named[0] if re.search(rf"\b{_BEFORE}{name}|{name}{_AFTER}", question) else None


def _name_pattern(outlet: str) -> str:
    """A pattern of an outlet's name or its first words, whole words, as written ("BBC", "New York Times")."""
    words = _THE.sub("", outlet).split()
    names = [r"\s+".join(re.escape(word) for word in words[:count]) for count in range(len(words), 0, -1)]
    return rf"\b(?:{'|'.join(names)})\b"


__all__ = ["named_outlet"]
