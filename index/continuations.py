"""Sentences that cannot be read alone: they open by pointing back at the one before.

"Itu juga sebagai langkah untuk membangun kepercayaan di berbagai forum" ("It was also a
step to build trust") or "He said the talks were frank" say nothing without the sentence
they follow. An answer quoting such a sentence quotes the one it points back at too, and
a quoted sentence brings along the next one when that one continues it, so that every
quote stands on its own.

What points back is told by a sentence's opening words, per language, after at most one
connective ("But", "Namun,"): a personal pronoun ("He", "Mereka"), a phrase such as "one
of them" or "salah satunya", a demonstrative further in ("For this to happen", "agar hal
ini terjadi"), or, within a paragraph, a demonstrative ("That is why", "Itu juga"). A new
paragraph opening with a demonstrative often turns to something else (a live blog's
"These tech stocks ..."), so it is not taken to continue the last one. A demonstrative
naming a time ("this week", "tahun ini") and a connective made with one ("sementara
itu", meanwhile) point at no sentence.
"""

from __future__ import annotations

import re

from index.sentence_choice import is_a_statement
from index.sentence_pool import SentencePool

_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# How many opening words may hold a demonstrative ("Namun, agar hal ini terjadi, ...").
_DEMONSTRATIVE_WITHIN = 4


class _Language:
    """One language's words that open a sentence pointing back."""

    def __init__(
        self,
        connectives: str,
        pronouns: str,
        demonstratives: str,
        times: str,
        phrases: str,
        first_only: str = "",
        not_pointing: str = "",
    ) -> None:
        self.connectives = frozenset(connectives.split())
        self.pronouns = frozenset(pronouns.split())
        self.demonstratives = frozenset(demonstratives.split())
        self.first_only = frozenset(first_only.split())  # only as the first word: "that" is also a conjunction
        self.times = frozenset(times.split())
        self.phrases = _phrases(phrases)
        self.not_pointing = _phrases(not_pointing)


def _phrases(listed: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(phrase.split()) for phrase in listed.split(",") if phrase.strip())


_ENGLISH = _Language(
    connectives="but and yet so however still also instead then",
    pronouns="it it's its they they're their them he he's his him she she's her",
    demonstratives="this these those",
    first_only="that that's such",
    times="week weekend month year morning afternoon evening night time day days weeks months years spring winter",
    phrases="one of them, the other, the latter, the former",
)
_INDONESIAN = _Language(
    connectives="namun tetapi tapi dan sedangkan lalu kemudian bahkan",
    pronouns="ia dia beliau mereka keduanya",
    demonstratives="ini itu tersebut",
    times="tahun pekan minggu bulan hari saat kali pagi siang sore malam",
    phrases="salah satunya, yang lainnya, yang lain",
    not_pointing="sementara itu, selain itu",
)
_LANGUAGES = {"en": _ENGLISH, "id": _INDONESIAN}


def points_back(sentence: str, language: str, *, opens_paragraph: bool = False) -> bool:
    """Whether ``sentence``, in ``language`` ("en", "id"), opens by pointing at the sentence before it.

    ``opens_paragraph``: the sentence starts a paragraph, where an opening demonstrative does not count.
    """
    words = _LANGUAGES.get(language)
    if words is None:
        return False
    opening = [word.casefold() for word in _WORDS.findall(sentence)[: _DEMONSTRATIVE_WITHIN + 2]]
    if len(opening) < 2 or tuple(opening[:2]) in words.not_pointing:
        return False
    if opening[0] in words.connectives:
        opening = opening[1:]
    if opening[0] in words.pronouns or any(tuple(opening[: len(p)]) == p for p in words.phrases):
        return True
    if not opens_paragraph and opening[0] in words.first_only and not _names_a_time(opening, 0, words.times):
        return True
    return any(
        word in words.demonstratives and not _names_a_time(opening, i, words.times)
        for i, word in enumerate(opening[:_DEMONSTRATIVE_WITHIN])
        if i > 0 or not opens_paragraph  # a paragraph's opening demonstrative does not count
    )


def _names_a_time(words: list[str], i: int, times: frozenset[str]) -> bool:
    """Whether the demonstrative at ``i`` names a time: "this week", "tahun ini"."""
    return (i + 1 < len(words) and words[i + 1] in times) or (i > 0 and words[i - 1] in times)


def quotes_with_context(chosen: list[int], pool: SentencePool, budget: int) -> list[list[int]]:
    """The ``chosen`` sentences of ``pool`` as quotes that stand alone, at most ``budget`` sentences in all.

    A sentence pointing back is quoted after the one before it; otherwise one continued
    by the next is quoted before it. Each quote is one sentence or two adjacent ones of a
    passage; a sentence already quoted is not quoted again. Where the budget leaves room
    for one more sentence only, it is quoted alone.
    """
    quotes: list[list[int]] = []
    quoted: set[int] = set()
    for i in chosen:
        if i in quoted:
            continue
        if len(quoted) >= budget:
            break
        quote = [i]
        if len(quoted) + 2 <= budget:
            language = pool.hits[pool.sentences[i].hit].article.language
            if _continues(pool, i - 1, i, quoted, language):
                quote = [i - 1, i]
            elif _continues(pool, i, i + 1, quoted, language):
                quote = [i, i + 1]
        quotes.append(quote)
        quoted.update(quote)
    return quotes


def _continues(pool: SentencePool, first: int, second: int, quoted: set[int], language: str) -> bool:
    """Whether pool sentence ``second`` continues ``first``, the one before it in a passage, both unquoted yet."""
    if first < 0 or second >= len(pool.sentences) or first in quoted or second in quoted:
        return False
    before, after = pool.sentences[first], pool.sentences[second]
    if before.hit != after.hit or not is_a_statement(before.text):
        return False
    opens_paragraph = "\n" in pool.hits[before.hit].chunk.text[before.end : after.start]
    return points_back(after.text, language, opens_paragraph=opens_paragraph)
