"""An outlet's shorter names, and the outlet a question names as its source ("according to CNN", "menurut BBC").

An outlet goes by its first words: "BBC" is "BBC News", "New York Times" "The New York
Times". A reader typing ``source:Fox`` means Fox Business; in a question's prose, though,
a first word that is also an ordinary English word ("New", "Trading", "Fox") names no
outlet ("New reports say ...", "according to New Zealand's central bank").

A reader who writes "Menurut MarketWatch, berapa poin Dow Jones merosot ...?" asks for
MarketWatch's figure, as ``source:MarketWatch`` would; the answer comes from that
outlet's reports when they answer (see index.answer). An outlet counts as the source only
beside words that make it one: an attribution before it ("according to", "per",
"menurut", "kata") or a report's noun or verb after it ("piece", "analysis", "reported",
"melaporkan"). "What did Biden tell CNN?" names CNN as no source, and a question naming
two outlets prefers neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.english_words import is_english_word
from index.event_offsets import words_pattern

_BEFORE = (
    r"(?:according\s+to|per|as\s+reported\s+by|reported\s+by|menurut|kata|dilaporkan\s+oleh|laporan|"
    r"berita|artikel|analisis|tulisan)\s+(?:the\s+)?"
)
_AFTER = (
    r"(?:'s|’s)?\s+(?:piece|report|reports|reported|reporting|article|story|analysis|coverage|say|says|said|"
    r"writes|wrote|melaporkan|menyebut|menulis)\b"
)


def shorter_names(outlet: str, *, in_prose: bool = False) -> list[str]:
    """An outlet's names, lower case, longest first: itself, without a leading "the", and its first words.

    ``in_prose``, as a question's words: only the whole name and its first word, and not
    a first word that is an ordinary English word ("new", "fox"): "New York officials"
    and "Trading volumes" name no outlet.
    """
    words = outlet.casefold().split()
    names = [" ".join(words)]
    if words[:1] == ["the"]:
        words = words[1:]
    names += [" ".join(words[:count]) for count in range(len(words), 0, -1)]
    if in_prose:
        names = [name for name in names if name in names[:2] or (" " not in name and not is_english_word(name))]
    return list(dict.fromkeys(names))


def named_outlet(question: str, outlets: Iterable[str]) -> str | None:
    """The outlet of ``outlets`` that ``question`` names as its source, or None.

    None too when the question names another outlet at all ("according to CNN and the
    BBC"). Where two outlets share words, the longer name is the one named ("CNN
    Indonesia" is not "CNN").
    """
    mentions = _mentions(question, [outlet for outlet in outlets if outlet])
    if len({outlet for outlet, _ in mentions}) != 1:
        return None
    outlet, (start, end) = mentions[0]
    before, after = question[:start], question[end:]
    as_source = re.search(rf"\b{_BEFORE}$", before, re.IGNORECASE) or re.match(_AFTER, after, re.IGNORECASE)
    return outlet if as_source else None


def _mentions(question: str, outlets: list[str]) -> list[tuple[str, tuple[int, int]]]:
    """Where ``question`` names each outlet, by its longest name; a name within a longer one's span does not count."""
    found: list[tuple[str, tuple[int, int]]] = []
    for outlet in outlets:
        names = words_pattern(shorter_names(outlet, in_prose=True))
        found += [(outlet, m.span()) for m in re.finditer(rf"\b(?:{names})\b", question, re.IGNORECASE)]
    found.sort(key=lambda mention: (mention[1][0], -(mention[1][1] - mention[1][0])))
    kept: list[tuple[str, tuple[int, int]]] = []
    for outlet, span in found:
        if not any(start <= span[0] and span[1] <= end for _, (start, end) in kept):
            kept.append((outlet, span))
    return kept


__all__ = ["named_outlet", "shorter_names"]
