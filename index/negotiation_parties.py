"""The parties a question about talks names ("the NATO talks", "Scholz's talks with Putin"), and sentences naming them.

A party is a run of names that follow each other in the question: "Saudi Arabia", "Olaf
Scholz". A title before a name is no party of its own ("Presiden Joe Biden", "Kanselir
Jerman Olaf Scholz", "Menlu"), and a hyphen, a slash or a dash parts two ("the
Biden-Putin talks", "the US/NATO talks"). A sentence names a party in any of its forms:
another language's ("Moskow" is "Moscow"), without accents ("Orban" is "Orbán"), by the
initials of an organisation written out ("the Organization for Security and Cooperation
in Europe" is the OSCE), and a person by the surname alone ("Scholz"). A country of
several words is named whole ("the United States", never "United"; "Uni Eropa" is "the
European Union", not "Europe").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.accents import without_accents
from index.acronyms import written_out
from index.common_words import is_common_abbreviation
from index.dictionary_names import translated_names
from index.place_names import is_place_name, other_names
from index.question import names_in

# Words of a title, written before a name as if part of it: no party on their own.
_TITLES = frozenset(
    {
        *("president", "prime", "minister", "chancellor", "secretary", "foreign", "defense", "defence", "deputy"),
        *("general", "gen", "senator", "sen", "rep", "ambassador", "envoy", "spokesman", "spokeswoman", "leader"),
        *("chief", "vice", "premier", "governor", "mayor", "king", "queen", "prince", "pope", "mr", "mrs", "ms", "dr"),
        *("presiden", "perdana", "menteri", "kanselir", "wakil", "sekretaris", "jenderal", "duta", "besar"),
        *("juru", "bicara", "pemimpin", "gubernur", "kepala", "panglima", "raja", "ratu", "pangeran", "paus"),
    }
)
_PARTS = re.compile(r"[-–—/]")
_US_INITIALS = frozenset({"US", "AS", "USA", "U.S.", "A.S."})


def parties_in(text: str, party_words: Iterable[str]) -> tuple[str, ...]:
    """The runs of ``party_words`` that follow each other in ``text``, titles aside, each one party.

    A run ends at any other word and at a hyphen, slash or dash ("Biden-Putin": two).
    """
    words = set(party_words)
    runs: list[list[str]] = [[]]
    for token in re.findall(r"[^\s,;:?!()]+", text):
        for n, part in enumerate(_PARTS.split(re.sub(r"['’]s$", "", token.strip(".\"“”'’")))):
            if n and runs[-1]:
                runs.append([])  # a hyphen, slash or dash parts two names
            if part in words:
                runs[-1].append(part)
            elif runs[-1]:
                runs.append([])
    return _without_titles(runs)


def _without_titles(runs: list[list[str]]) -> tuple[str, ...]:
    """Each run without its title words, those left with none dropped, as strings, without repeats."""
    parties = [" ".join(word for word in run if not _is_title(word)) for run in runs]
    return tuple(dict.fromkeys(party for party in parties if party))


def _is_title(word: str) -> bool:
    """Whether ``word`` is a word of a title ("President", "Kanselir", "Menlu")."""
    return word.casefold() in _TITLES or is_common_abbreviation(word)


def name_parts(name: str) -> list[str]:
    """The names a hyphen, slash or dash joins ("US-Russia": "US", "Russia"), or the name itself."""
    return [part for part in _PARTS.split(name) if len(part) > 1]


class Parties:
    """The parties a question names, each in any of its forms."""

    def __init__(self, parties: Iterable[str]) -> None:
        self.parties = tuple(parties)
        self._forms = [_forms(party) for party in self.parties]

    def __bool__(self) -> bool:
        return bool(self.parties)

    def named(self, text: str) -> list[bool]:
        """For each party, whether ``text`` names it, by one of its forms ("the United States": both of its words)."""
        names = {_folded(part) for name in names_in(text, openers=True) for part in (name, *name_parts(name))}
        names |= {_folded(acronym) for acronym in written_out(text)}
        return [any(all(word in names for word in form.split()) for form in forms) for forms in self._forms]


def _forms(party: str) -> set[str]:
    """The forms a sentence may name ``party`` by, folded: its own, its other names and a person's surname.

    A run of several words that is no place's name is a person's or an organisation's, and
    its last word names it too ("Olaf Scholz": "Scholz"; "Jerman Olaf Scholz", German Olaf
    Scholz: "Scholz", not "German").
    """
    words = party.split()
    is_a_place = is_place_name(party) or bool(translated_names(party))
    named_by = [party, *([words[-1]] if len(words) > 1 and not is_a_place else [])]
    return {_folded(form) for name in named_by for form in (name, *other_names(name), *translated_names(name))}


def _folded(name: str) -> str:
    """``name`` case-folded and without accents: "Orbán" is "orban"."""
    return without_accents(name).casefold()


def readable(word: str) -> bool:
    """Whether a sentence can be read for ``word`` as a party: any name but the US's initials ("US", "AS", "USA").

    The full-text index, blind to case, reads "US" and "AS" as the words "us" and "as" of
    every report, reports write "U.S." as often, and the dictionary's other names of "US"
    run into the Soviet Union's ("SU"): "the talks between the US and Iran" are Iran's.
    """
    return word not in _US_INITIALS
