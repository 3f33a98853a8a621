"""Sentences that cannot be read alone: they open by pointing back at the one before.

"Itu juga sebagai langkah untuk membangun kepercayaan di berbagai forum" ("It was also a
step to build trust") or "He said the talks were frank" say nothing without the sentence
they follow. An answer quoting such a sentence quotes the one it points back at too, and
a quoted sentence brings along the next one when that one continues it, so that every
quote stands on its own; where the answer has room, it also brings along what its
speaker said next ("..., he said": index.attributed_speech).

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
from dataclasses import dataclass

from index.attributed_speech import reports_by_pronoun
from index.sentence_choice import as_compared, is_a_statement
from index.sentence_pool import SentencePool

_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# How many opening words may hold a demonstrative ("Namun, agar hal ini terjadi, ...").
_DEMONSTRATIVE_WITHIN = 4


@dataclass(frozen=True)
class _Language:
    """One language's words that open a sentence pointing back (each field a space-separated list)."""

    connectives: str  # at most one of them may come first
    pronouns: str
    demonstratives: str  # counted within the first few words
    now: str  # demonstratives that, beside a time word, name the present: "this week", "tahun ini"
    times: str
    phrases: str = ""  # comma-separated
    first_only: str = ""  # demonstratives that count only as the first word: "that" is also a conjunction
    not_pointing: str = ""  # comma-separated openings that point nowhere

    def opens_with(self, words: list[str], listed: str) -> bool:
        """Whether ``words`` open with one of the comma-separated phrases of ``listed``."""
        return any(tuple(words[: len(p.split())]) == tuple(p.split()) for p in listed.split(",") if p.strip())


_ENGLISH = _Language(
    connectives="but and yet so however still also instead then",
    pronouns="it it's its they they're their them he he's his him she she's her",
    demonstratives="this these those",
    now="this these",
    times="week weekend month year morning afternoon evening night time day days weeks months years spring winter",
    phrases="one of them, the other, the latter, the former",
    first_only="that that's such",
    not_pointing="those who",
)
_INDONESIAN = _Language(
    connectives="namun tetapi tapi dan sedangkan lalu kemudian bahkan",
    pronouns="ia dia beliau mereka keduanya menurutnya pihaknya",
    demonstratives="ini itu tersebut",
    now="ini",
    times="tahun pekan minggu bulan hari saat kali pagi siang sore malam",
    phrases="salah satunya, yang lainnya, yang lain",
    not_pointing="sementara itu, selain itu",
)
_LANGUAGES = {"en": _ENGLISH, "id": _INDONESIAN}


def points_back(sentence: str, language: str, *, opens_paragraph: bool = False) -> bool:
    """Whether ``sentence``, in ``language`` ("en", "id", "en-GB"), opens by pointing at the sentence before it.

    ``opens_paragraph``: the sentence starts a paragraph, where an opening demonstrative does not count.
    """
    words = _LANGUAGES.get(language.casefold().split("-")[0])
    if words is None:
        return False
    opening = [_as_looked_up(word) for word in _WORDS.findall(sentence)[: _DEMONSTRATIVE_WITHIN + 2]]
    if len(opening) < 2:
        return False
    connected = opening[0] in words.connectives.split()
    if connected:
        opening = opening[1:]
    if words.opens_with(opening, words.not_pointing):
        return False
    if opening[0] in words.pronouns.split() or words.opens_with(opening, words.phrases):
        return True
    if (connected or not opens_paragraph) and opening[0] in words.first_only.split():
        # After a connective, "that" is no conjunction, even opening a paragraph: "However, that could change ..."
        return True
    return any(
        word in words.demonstratives.split() and not _names_now(opening, i, words)
        for i, word in enumerate(opening[:_DEMONSTRATIVE_WITHIN])
        if i > 0 or not opens_paragraph  # a paragraph's opening demonstrative does not count
    )


def _as_looked_up(word: str) -> str:
    """A word as the lists hold it: lower case, a straight apostrophe, no possessive ("year's" is "year")."""
    word = word.casefold().replace("’", "'")
    return word[:-2] if word.endswith("'s") and word not in {"it's", "that's", "he's", "she's"} else word


def _names_now(words: list[str], i: int, language: _Language) -> bool:
    """Whether the demonstrative at ``i`` names the present with a time word: "this week", "tahun ini"."""
    if words[i] not in language.now.split():
        return False
    times = language.times.split()
    return (i + 1 < len(words) and words[i + 1] in times) or (i > 0 and words[i - 1] in times)


def quotes_with_context(chosen: list[int], pool: SentencePool, budget: int) -> list[list[int]]:
    """The ``chosen`` sentences of ``pool`` as quotes that stand alone, at most ``budget`` sentences in all.

    A sentence pointing back is quoted after the one before it; otherwise one continued
    by the next is quoted before it, and so is one followed by what someone said by
    pronoun ("..., he said") where that leaves no chosen sentence out. Each quote is one
    sentence or two adjacent ones of a passage. No sentence is quoted twice, nor its text
    (two reports printing one background sentence). Where the budget leaves room for one
    more sentence only, it is quoted alone.
    """
    quotes: list[list[int]] = []
    quoted: set[str] = set()

    def unquoted(i: int) -> bool:
        return as_compared(pool.sentences[i].text) not in quoted

    for n, i in enumerate(chosen):
        if not unquoted(i):
            continue
        used = sum(map(len, quotes))
        if used >= budget:
            break
        quote = [i]
        if used + 2 <= budget:
            language = pool.hits[pool.sentences[i].hit].article.language
            # Room for one more sentence, every chosen one still quoted.
            room = used + 2 + sum(unquoted(j) for j in chosen[n + 1 :]) <= budget
            if _continues(pool, i - 1, i, language) and unquoted(i - 1):
                quote = [i - 1, i]
            elif (
                _continues(pool, i, i + 1, language) or (room and _speech_goes_on(pool, i, i + 1, language))
            ) and unquoted(i + 1):  # both check that a sentence follows
                quote = [i, i + 1]
        quotes.append(quote)
        quoted.update(as_compared(pool.sentences[j].text) for j in quote)
    return quotes


def read_alone(i: int, pool: SentencePool) -> list[int]:
    """Sentence ``i`` of ``pool``, after the one before it in its passage when it points back at that one.

    A timeline's line is read on its own: "He said the United States was imposing 'full
    blocking' on two large Russian financial institutions" needs the sentence naming him.
    """
    language = pool.hits[pool.sentences[i].hit].article.language
    return [i - 1, i] if _continues(pool, i - 1, i, language) else [i]


def _speech_goes_on(pool: SentencePool, first: int, second: int, language: str) -> bool:
    """Whether pool sentence ``second`` reports by pronoun what was said, right after ``first`` in its passage.

    "Ryabkov was equally downbeat, saying he was "disappointed" by signals from Washington
    and Brussels." goes on with what he said: ""In short, they reflect a lack of
    understanding of what we need," he said".
    """
    if second >= len(pool.sentences) or pool.sentences[first].hit != pool.sentences[second].hit:
        return False
    return is_a_statement(pool.sentences[second].text) and reports_by_pronoun(pool.sentences[second].text, language)


def _continues(pool: SentencePool, first: int, second: int, language: str) -> bool:
    """Whether pool sentence ``second`` continues ``first``, the one before it in a passage, both statements."""
    if first < 0 or second >= len(pool.sentences):
        return False
    before, after = pool.sentences[first], pool.sentences[second]
    if before.hit != after.hit or not (is_a_statement(before.text) and is_a_statement(after.text)):
        return False
    opens_paragraph = "\n" in pool.hits[before.hit].chunk.text[before.end : after.start]
    return points_back(after.text, language, opens_paragraph=opens_paragraph)
