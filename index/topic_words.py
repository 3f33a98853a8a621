"""Whether a sentence names every word of a short topic, in the topic's language or translated.

A timeline of "sanctions" or "sanksi" is made of the sentences that name sanctions, but
the judge's encoder rates a word or two against a whole sentence low (0.22 for
"sanksi" against "Daleep Singh ... called the sanctions ..."), under what an answer
needs. So for a short topic, naming it is the test. Its words are the question's
content words (index.lexical.query_terms), and a sentence is split the same way. A
sentence names a topic's word when one of its words has the stem (index.stemming) of:
- the word itself, as in its own language ("sanctions" is named by "sanctioned") and as
  names are in any ("Donetsk");
- one of the dictionary's translations of it (index.dictionary_words: "sanksi" is
  "sanction", "invasion" is "invasi"), or of its names (index.dictionary_names: "Jenewa"
  is "Geneva"). A word or two cannot be told English or Indonesian for sure ("invasion"
  is read as Indonesian), so a word is translated as either.
Words the dictionary translates together are one unit of the topic: "suku bunga" is
named by a sentence naming "interest" and "rate", not "tribe" and "flower", and
"kedutaan besar" by "embassy" alone. A translation of several words is named when the
sentence names each of them, in any order ("gencatan senjata": "cease" and "fire", or
"ceasefire"). A translation longer than its headword is a gloss, not read
(index.dictionary_words: "stream" is not "anak sungai", a small river).
An acronym written in capitals ("US", "AS") is named only by itself or its other
names in capitals, not by the pronoun "us" or the conjunction "as".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from index.dictionary_names import translated_names
from index.dictionary_words import LONGEST_PHRASE, Phrase, phrase_translations
from index.lexical import ASKED_LANGUAGES, query_terms
from index.stemming import stem

_WORD = re.compile(r"\w+")  # as index.lexical reads a question's words
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True, eq=False)
class TopicWords:
    """A short topic's units, each as what names it in each language: phrases of stems, or an acronym's cased forms."""

    naming: tuple[Mapping[str, frozenset[Phrase]], ...]  # per unit: language -> its forms, any of which names it
    acronyms: tuple[bool, ...]  # per unit: named with its case, unstemmed

    def named_in(self, text: str, language: str) -> bool:
        """Whether ``text``, written in ``language``, names every unit of the topic."""
        return bool(self.naming) and all(self._units_named(text, language))

    def share_named_in(self, text: str, language: str) -> float:
        """The share of the topic's units that ``text``, written in ``language``, names; 0 without units."""
        return sum(self._units_named(text, language)) / len(self.naming) if self.naming else 0.0

    def _units_named(self, text: str, language: str) -> list[bool]:
        words = _WORD.findall(text)
        stems = {stem(word, language) for word in words}
        cased = set(words)
        return [
            any(set(form) <= (cased if acronym else stems) for form in forms.get(language, frozenset()))
            for forms, acronym in zip(self.naming, self.acronyms, strict=True)
        ]


def topic_units(topic: str) -> list[Phrase]:
    """The topic's content words (index.lexical.query_terms, as it writes them), the dictionary's phrases joined.

    "suku bunga AS" is ("suku", "bunga") and ("AS",). The longest phrase the dictionary
    translates is taken first, from the left.
    """
    written = {word.casefold(): word for word in _WORD.findall(topic)}
    words = [written.get(term, term) for term in query_terms(topic)]
    units: list[Phrase] = []
    start = 0
    while start < len(words):
        length = next(
            (
                length
                for length in range(min(LONGEST_PHRASE, len(words) - start), 1, -1)
                if _other_forms(tuple(words[start : start + length]), ASKED_LANGUAGES)
            ),
            1,
        )
        units.append(tuple(words[start : start + length]))
        start += length
    return units


def topic_words(topic: str, languages: Sequence[str]) -> TopicWords:
    """What names each unit of ``topic`` in each of ``languages`` (those of the passages searched)."""
    units = topic_units(topic)
    acronyms = tuple(_is_acronym(unit) for unit in units)
    naming = tuple(
        {language: _naming(unit, language, acronym) for language in languages}
        for unit, acronym in zip(units, acronyms, strict=True)
    )
    return TopicWords(naming, acronyms)


def untranslated_words(topic: str, other_language_texts: Sequence[str]) -> list[str]:
    """The topic's words that no translation is known of and that none of ``other_language_texts`` writes.

    A short topic is named in another language's reports through its words' translations,
    so with such a word ("perundingan", talks) it names nothing there. A word those reports
    write as it is needs none ("zelensky" typed in lower case), nor does a capitalised
    word (a name), a figure or an acronym; and without reports in another language nothing
    was to be translated.
    """
    written = {word.casefold() for text in other_language_texts for word in _WORD.findall(text)}
    if not written:
        return []
    words = [unit[0] for unit in topic_units(topic) if len(unit) == 1]
    return [
        word
        for word in words
        if word.isalpha() and word.islower() and word not in written and not _other_forms((word,), ASKED_LANGUAGES)
    ]


def translated_topic(topic: str) -> str:
    """``topic`` unit by unit in the other language, each as either bot language; "" when none translates.

    A unit without a translation stays as it is. "harga emas" is "price gold": searched
    as well, it retrieves the English reports that name gold, where the Indonesian words
    alone retrieve oil prices. "suku bunga" is "interest rate".
    """
    units = topic_units(topic)
    translated = [sorted(_other_forms(unit, ASKED_LANGUAGES)) for unit in units]
    if not any(translated):
        return ""
    forms = (word for unit, found in zip(units, translated, strict=True) for form in found or [unit] for word in form)
    return " ".join(dict.fromkeys(forms))


def _other_forms(unit: Phrase, into: Sequence[str]) -> set[Phrase]:
    """``unit``'s names and dictionary translations into ``into``, the unit read as each other bot language."""
    # A word's names of several words ("US": "Soviet Union", by its initials) are left out, as before phrases.
    names = {
        tuple(_WORD.findall(name)) for name in translated_names(" ".join(unit)) if len(unit) > 1 or " " not in name
    }
    return names | {
        translation
        for other in into
        for asked_in in ASKED_LANGUAGES
        if asked_in != other
        for translation in phrase_translations(unit, asked_in, other)
    }


def _naming(unit: Phrase, language: str, acronym: bool) -> frozenset[Phrase]:
    """The forms (phrases of stems; an acronym's cased forms) that name ``unit`` in a sentence of ``language``."""
    if acronym:
        names = (name for name in translated_names(unit[0]) if _ACRONYM.match(name))
        return frozenset({unit, *((name,) for name in names)})
    forms = {unit, *_other_forms(unit, [language])}
    return frozenset(tuple(stem(word, language) for word in form) for form in forms)


def _is_acronym(unit: Phrase) -> bool:
    return len(unit) == 1 and bool(_ACRONYM.match(unit[0]))


__all__ = ["TopicWords", "topic_units", "topic_words", "translated_topic", "untranslated_words"]
