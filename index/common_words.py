"""Whether a capitalised word of an Indonesian question is an ordinary word, written large as part of a title.

Indonesian capitalises titles and institutions: "Menteri Luar Negeri" (foreign minister),
"Gedung Putih" (the White House), "Partai Republik". Those words are not names, and a
coverage without Indonesian articles on them never holds them, so they must not be
reported as never mentioned. Sastrawi, the standard Indonesian stemmer, ships the
dictionary of about 30,000 roots it checks against. A word is ordinary when it is a
root, or a noun derived from a root of four letters or more by a noun's affixes
("Kementerian", "Pengekspor", "Pertahanan"): the stemmer also strips verb affixes off
foreign names ("Pelosi" to "los", "Raisi" to "rais"), and names never take noun affixes.
Nouns of a person made with "-wan", "-wati" or "-man" count by their root as well
("Wartawan", a journalist, from "warta"), which the stemmer leaves whole.
The dictionary itself holds a few names ("Kim", "Boris", "Cina"), which count as ordinary;
it lacks the short forms of officials' titles ("Menlu", "Menhan", "Jubir") and of the
ordinary things and bodies every country has ("DPR", its lower house; "SPBU", a filling
station; "KTT", a summit), which are added. Short forms that name one body ("PBB", the
United Nations; "UE", the European Union) stay names: the coverage must mention them.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import Protocol


class _Stemmer(Protocol):
    def stem(self, text: str) -> str: ...


_NOUN_PREFIXES = ("ke", "pe", "per")  # ke-...-an, pe(N)-, per-...-an
_NOUN_SUFFIX = "an"
_VERB_PREFIXES = ("di", "me", "ber", "ter")  # "ditawarkan" is a verb, though it ends in -an
_SHORTEST_DERIVED_ROOT = 4
# Nouns of a person, from a root: "wartawan" (warta), "ilmuwan", "karyawati", "seniman".
_PERSON_SUFFIXES = ("wati", "wan", "man")
# The press writes officials' titles and ministries short, and the dictionary lacks them:
# "Menlu Rusia Lavrov" is Russia's foreign minister (Menteri Luar Negeri) Lavrov.
_TITLE_ABBREVIATIONS = frozenset(
    [
        "menlu",
        "wamenlu",
        "menhan",
        "wamenhan",
        "menkeu",
        "mendag",
        "mendagri",
        "menko",
        "mensesneg",
        "menkes",
        "menhub",
        "mentan",
        "menag",
        "sekjen",
        "wapres",
        "dubes",
        "kedubes",  # kedutaan besar: an embassy
        "konjen",  # konsulat jenderal: a consulate general
        "dirjen",
        "dirut",
        "jubir",
        "kemlu",
        "kemenlu",
        "kemhan",
        "kemenhan",
        "kemenkeu",
        "kemendag",
        "kapolri",
        "deplu",  # departemen luar negeri: a foreign ministry ("Deplu AS", the State Department)
        "purn",  # purnawirawan: retired, after a rank ("Jenderal (Purn.)")
    ]
)
# Short forms of ordinary nouns, written in capitals: "anggota DPR AS" is a member of the US House.
_COMMON_ABBREVIATIONS = frozenset(
    [
        "dpr",  # Dewan Perwakilan Rakyat: a parliament's lower house ("DPR AS": the US House)
        "mpr",  # Majelis Permusyawaratan Rakyat: a parliament's joint assembly
        "ktt",  # konferensi tingkat tinggi: a summit
        "pm",  # perdana menteri: a prime minister
        "spbu",  # stasiun pengisian bahan bakar umum: a filling station
        "bbm",  # bahan bakar minyak: motor fuel
        "wni",  # warga negara Indonesia: Indonesian citizens
        "wna",  # warga negara asing: foreigners
        "lsm",  # lembaga swadaya masyarakat: a non-governmental organisation
        "bumn",  # badan usaha milik negara: a state-owned company
        "ruu",  # rancangan undang-undang: a bill
        "uu",  # undang-undang: a law
    ]
)


@lru_cache(maxsize=4096)
def is_indonesian_word(word: str, *, any_affix: bool = False) -> bool:
    """Whether ``word`` is an Indonesian root or a noun derived from one ("Kementerian", "Pengekspor").

    With ``any_affix``, verbs count too ("ditawarkan"), at the price of some foreign names.
    """
    lowered = word.lower()
    if not lowered.isascii() or not lowered.isalpha():
        return False  # the stemmer would drop "é" from "Tomé" and find "tom"
    if lowered in _roots() or lowered in _TITLE_ABBREVIATIONS:
        return True
    if any(_root_before(lowered, suffix) for suffix in _PERSON_SUFFIXES):
        return True  # "wartawan", a journalist (warta, news), which Sastrawi's stemmer leaves whole
    root = indonesian_root(lowered)
    derived_as_noun = lowered.startswith(_NOUN_PREFIXES) or (
        lowered.endswith(_NOUN_SUFFIX) and not lowered.startswith(_VERB_PREFIXES)
    )
    if any_affix:
        return root != lowered and root in _roots()
    return derived_as_noun and len(root) >= _SHORTEST_DERIVED_ROOT and root in _roots()


def _root_before(word: str, suffix: str) -> bool:
    """Whether ``word`` is a root of four letters or more followed by ``suffix``."""
    stem = word.removesuffix(suffix)
    return stem != word and len(stem) >= _SHORTEST_DERIVED_ROOT and stem in _roots()


@lru_cache(maxsize=65536)
def indonesian_root(word: str) -> str:
    """The root Sastrawi's stemmer finds in an Indonesian word ("perundingan" -> "runding"), lower case."""
    return _stemmer().stem(word.lower())


def is_common_abbreviation(word: str) -> bool:
    """Whether ``word`` is the short form of an ordinary Indonesian noun ("DPR", "SPBU") or title ("Menlu"), not a name.

    A title written short stands alone in a question as often as before a name: "Apa kata
    Menlu AS?" asks what the US Secretary of State said, and "Kedubes AS" is the US embassy.
    """
    lowered = word.lower()
    return lowered in _COMMON_ABBREVIATIONS or lowered in _TITLE_ABBREVIATIONS


@cache
def _roots() -> frozenset[str]:
    text = resources.files("Sastrawi.Stemmer.data").joinpath("kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


@cache
def _stemmer() -> _Stemmer:
    """Sastrawi's stemmer over the same roots, without its own cache, which grows without end."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer

    stemmer: _Stemmer = Stemmer(ArrayDictionary(sorted(_roots())))
    return stemmer
