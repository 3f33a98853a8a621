"""Whether a capitalised word of an Indonesian question is an ordinary word, written large as part of a title.

Indonesian capitalises titles and institutions: "Menteri Luar Negeri" (foreign minister),
"Gedung Putih" (the White House), "Partai Republik". Those words are not names, and a
coverage without Indonesian articles on them never holds them, so they must not be
reported as never mentioned. Sastrawi, the standard Indonesian stemmer, reduces a word
to its root ("Pengekspor" to "ekspor") and ships the dictionary of roots it checks
against (about 30,000 words); a root found there is an ordinary word.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Protocol


class _Stemmer(Protocol):
    def stem(self, text: str) -> str: ...


def is_indonesian_word(word: str) -> bool:
    """Whether ``word`` is an Indonesian dictionary word or a form of one ("Kementerian", "Pengekspor")."""
    lowered = word.lower()
    return lowered in _roots() or _stemmer().stem(lowered) in _roots()


@cache
def _roots() -> frozenset[str]:
    text = resources.files("Sastrawi.Stemmer.data").joinpath("kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


@cache
def _stemmer() -> _Stemmer:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer: _Stemmer = StemmerFactory().create_stemmer()
    return stemmer
