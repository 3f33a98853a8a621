"""Sentences that cannot be read alone: they open by pointing back at the one before.

"Itu juga sebagai langkah untuk membangun kepercayaan di berbagai forum" ("It was also a
step to build trust") or "He said the talks were frank" say nothing without the sentence
they follow. An answer quoting such a sentence quotes the one it points back at too, and
a quoted sentence brings along the next one when that one continues it, so that every
quote stands on its own; where the answer has room, it also brings along what its
speaker said next ("..., he said": index.attributed_speech). The sentence before or after
may close the passage before or open the next, where the answer's pool holds that passage
and the two are of one paragraph.

What points back is told by a sentence's opening words, per language, after at most one
connective ("But", "Namun,"): a personal pronoun ("He", "Mereka"), a phrase such as "one
of them" or "salah satunya", a person named by age alone ("The 69-year-old"), a
demonstrative further in ("For this to happen", "agar hal ini terjadi"), or, within a
paragraph, a demonstrative ("That is why", "Itu juga"). A new paragraph opening with a
demonstrative often turns to something else (a live blog's "These tech stocks ..."), so
it is not taken to continue the last one. A demonstrative naming a time ("this week",
"tahun ini") and a connective made with one ("sementara itu", meanwhile) point at no
sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.attributed_speech import base_language, reporting_pronoun, reports_by_pronoun
from index.documents import Hit
from index.sentence_choice import as_compared, is_a_statement
from index.sentence_pool import SentencePool

_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A person named by age alone, as news writes the one just named: "The 69-year-old - who has family ties to Putin".
# A noun after it names someone or something else ("The 30-year-old pipeline"): a verb, "who" or a dash must follow.
_AGED_PERSON = re.compile(
    r"^\W*(?:(?:but|and|however|yet|still),?\s+)?the\s+\d{1,3}-year-old"
    r"(?=\s*[–—,-]|['’]s\s|\s+(?:is|was|has|had|said|says|told|added|will|would|who|also|now|then|became|remains)\b)",
    re.IGNORECASE,
)
# How many opening words may hold a demonstrative ("Namun, agar hal ini terjadi, ...").
_DEMONSTRATIVE_WITHIN = 4
_LONGEST_QUOTE = 3  # sentences


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
    words = _LANGUAGES.get(base_language(language))
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
    if words is _ENGLISH and _AGED_PERSON.match(sentence):
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
    pronoun ("..., he said") where that leaves no chosen sentence out. A quote pointing
    back goes on with what its speaker said next where that leaves none out too: "She
    said Putin is afraid." follows the sentence naming her and is followed by "She
    believes that now is the time ...". A chosen sentence right after the last quote
    goes on with it. Each quote is one to three
    adjacent sentences of an article (see :func:`_next_in_article`). No sentence
    is quoted twice, nor its text (two reports printing one background sentence). Where the
    budget leaves room for one more sentence only, it is quoted alone.
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
            # Room for one or two more sentences, every chosen one still quoted.
            left = sum(unquoted(j) for j in chosen[n + 1 :])
            room, room_for_two = used + 2 + left <= budget, used + 3 + left <= budget
            before, after = _previous_in_article(pool, i), _next_in_article(pool, i)
            if before is not None and _continues(pool, before, i, language) and unquoted(before):
                quote = [before, i]
                if room_for_two and after is not None and _speech_goes_on(pool, i, after, language) and unquoted(after):
                    quote.append(after)
            elif (
                after is not None
                and (_continues(pool, i, after, language) or (room and _speech_goes_on(pool, i, after, language)))
                and unquoted(after)
            ):
                quote = [i, after]
        # A chosen sentence right after the last quote goes on with it, not as a quote of its own (it is read
        # next either way: an earlier quote is not joined, which would put it before better chosen ones).
        if quotes and len(quotes[-1]) + len(quote) <= _LONGEST_QUOTE and _follows(pool, quotes[-1], quote):
            quotes[-1].extend(quote)
        else:
            quotes.append(quote)
        quoted.update(as_compared(pool.sentences[j].text) for j in quote)
    return quotes


def _follows(pool: SentencePool, quote: list[int], later: list[int]) -> bool:
    """Whether the quote ``later`` opens with the sentence right after ``quote`` in its article, in its paragraph.

    That sentence may open the next passage, where the two passages run on in one paragraph (:func:`_runs_on`).
    """
    return _next_in_article(pool, quote[-1]) == later[0] and not _opens_paragraph(pool, quote[-1], later[0])


def read_alone(i: int, pool: SentencePool) -> list[int]:
    """Sentence ``i`` of ``pool``, after the one before it in its article when it points back at that one.

    A timeline's line is read on its own: "He said the United States was imposing 'full
    blocking' on two large Russian financial institutions" needs the sentence naming him.
    """
    language = pool.hits[pool.sentences[i].hit].article.language
    before = _previous_in_article(pool, i)
    return [before, i] if before is not None and _continues(pool, before, i, language) else [i]


def _next_in_article(pool: SentencePool, i: int) -> int | None:
    """The pool sentence after ``i`` in its article: in its passage, or opening the next passage if the pool has it.

    A passage may end within a paragraph of its article: "Gennady Timchenko, an oligarch ...,
    has seen his fortune plunge" closes one, "The 69-year-old ... is now worth" opens the next.
    A new paragraph opening the next passage is not read as going on (it often turns elsewhere).
    """
    if i + 1 < len(pool.sentences) and pool.sentences[i + 1].hit == pool.sentences[i].hit:
        return i + 1
    hit = pool.hits[pool.sentences[i].hit]
    return next(
        (
            j
            for j in range(len(pool.sentences))
            if _opens_passage(pool, j) and _runs_on(hit, pool.hits[pool.sentences[j].hit])
        ),
        None,
    )


def _previous_in_article(pool: SentencePool, i: int) -> int | None:
    """The pool sentence before ``i`` in its article: in its passage, or closing the one before if the pool has it."""
    if i > 0 and pool.sentences[i - 1].hit == pool.sentences[i].hit:
        return i - 1
    if not _opens_passage(pool, i):
        return None
    hit = pool.hits[pool.sentences[i].hit]
    closing = [j for j, sentence in enumerate(pool.sentences) if _runs_on(pool.hits[sentence.hit], hit)]
    return closing[-1] if closing else None


def _opens_passage(pool: SentencePool, i: int) -> bool:
    """Whether pool sentence ``i`` is the first of its passage (a passage's sentences are pooled together, in order)."""
    return i == 0 or pool.sentences[i - 1].hit != pool.sentences[i].hit


def _runs_on(first: Hit, second: Hit) -> bool:
    """Whether passage ``second`` comes right after ``first`` in one article, within one paragraph."""
    before, after = first.chunk, second.chunk
    if after.doc_id != before.doc_id or after.position != before.position + 1:
        return False
    return "\n" not in first.article.text[before.end : after.start]


def _speech_goes_on(pool: SentencePool, first: int, second: int, language: str) -> bool:
    """Whether pool sentence ``second``, after the quoted ``first`` in its article, reports by pronoun what was said.

    "Ryabkov was equally downbeat, saying he was "disappointed" by signals from Washington
    and Brussels." goes on with what he said: ""In short, they reflect a lack of
    understanding of what we need," he said". Not when the two report by pronouns that tell
    two people apart: ""We are ready," he said." does not go on from ""The talks will
    fail," she said.".
    """
    text = pool.sentences[second].text
    if not (is_a_statement(text) and reports_by_pronoun(text, language)):
        return False
    said_by, said_before = reporting_pronoun(text, language), reporting_pronoun(pool.sentences[first].text, language)
    return said_by is None or said_before is None or said_by == said_before


def _continues(pool: SentencePool, first: int, second: int, language: str) -> bool:
    """Whether pool sentence ``second`` continues ``first``, the one before it in its article, both statements."""
    before, after = pool.sentences[first], pool.sentences[second]
    if not (is_a_statement(before.text) and is_a_statement(after.text)):
        return False
    return points_back(after.text, language, opens_paragraph=_opens_paragraph(pool, first, second))


def _opens_paragraph(pool: SentencePool, first: int, second: int) -> bool:
    """Whether pool sentence ``second``, the one after ``first`` in its article, opens a new paragraph.

    Two passages' sentences are of one paragraph (see :func:`_next_in_article`).
    """
    before, after = pool.sentences[first], pool.sentences[second]
    return before.hit == after.hit and "\n" in pool.hits[before.hit].chunk.text[before.end : after.start]
