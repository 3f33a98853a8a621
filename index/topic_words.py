"""Whether a sentence names every word of a short topic, in the topic's language or translated.

A timeline of "sanctions" or "sanksi" is made of the sentences that name sanctions, but
the judge's encoder rates a word or two against a whole sentence low (0.22 for
"sanksi" against "Daleep Singh ... called the sanctions ..."), under what an answer
needs. So for a short topic, naming it is the test. Its words are the question's
content words (index.lexical.query_terms), and a sentence is split the same way. A
sentence names a topic's word when one of its words has the stem (index.stemming) of:
- the word itself, as in its own language ("sanctions" is named by "sanctioned") and as
  names are in any ("Donetsk");
- one of the dictionary's single-word translations of it (index.dictionary_words:
  "sanksi" is "sanction", "invasion" is "invasi"), or of its names (index.dictionary_names:
  "Jenewa" is "Geneva"). A word or two cannot be told English or Indonesian for sure
  ("invasion" is read as Indonesian), so a word is translated as either. Translations of
  several words ("Amerika Serikat") are left out: a sentence is matched word by word.
An acronym written in capitals ("US", "AS") is named only by itself or its other
names in capitals, not by the pronoun "us" or the conjunction "as".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from index.dictionary_names import translated_names
from index.dictionary_words import translations
from index.lexical import ASKED_LANGUAGES, query_terms
from index.stemming import stem

_WORD = re.compile(r"\w+")  # as index.lexical reads a question's words
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True, eq=False)
class TopicWords:
    """A short topic's words, each as what names it in each language: stems, or an acronym's cased forms."""

    naming: tuple[Mapping[str, frozenset[str]], ...]  # per word: language -> stems (or cased acronyms)
    acronyms: tuple[bool, ...]  # per word: named with its case, unstemmed

    def named_in(self, text: str, language: str) -> bool:
        """Whether ``text``, written in ``language``, names every word of the topic."""
        if not self.naming:
            return False
        words = _WORD.findall(text)
        stems = {stem(word, language) for word in words}
        cased = set(words)
        return all(
            (cased if acronym else stems) & forms.get(language, frozenset())
            for forms, acronym in zip(self.naming, self.acronyms, strict=True)
        )


def topic_words(topic: str, languages: Sequence[str]) -> TopicWords:
    """What names each content word of ``topic`` in each of ``languages`` (those of the passages searched)."""
    words = _content_words(topic)
    acronyms = tuple(bool(_ACRONYM.match(word)) for word in words)
    naming = tuple(
        {language: _naming(word, language, acronym) for language in languages}
        for word, acronym in zip(words, acronyms, strict=True)
    )
    return TopicWords(naming, acronyms)


def translated_topic(topic: str) -> str:
    """``topic`` word by word in the other language, each word as either bot language; "" when none translates.

    A word without a translation stays as it is. "harga emas" is "price gold": searched
    as well, it retrieves the English reports that name gold, where the Indonesian words
    alone retrieve oil prices.
    """
    words = _content_words(topic)
    translated = [sorted(_other_forms(word, ASKED_LANGUAGES)) for word in words]
    if not any(translated):
        return ""
    forms = (form for word, found in zip(words, translated, strict=True) for form in found or [word])
    return " ".join(dict.fromkeys(forms))


def _content_words(topic: str) -> list[str]:
    """The topic's content words (index.lexical.query_terms), as it writes them ("US", not "us")."""
    written = {word.casefold(): word for word in _WORD.findall(topic)}
    return [written.get(term, term) for term in query_terms(topic)]


def _other_forms(word: str, into: Sequence[str]) -> set[str]:
    """``word``'s one-word names and dictionary translations into ``into``, the word read as each other bot language."""
    names = {name for name in translated_names(word) if " " not in name}
    return names | {
        translation
        for other in into
        for asked_in in ASKED_LANGUAGES
        if asked_in != other
        for translation in translations(word, asked_in, other)
    }


def _naming(word: str, language: str, acronym: bool) -> frozenset[str]:
    """The stems (an acronym's cased forms) that name ``word`` in a sentence of ``language``."""
    if acronym:
        names = (name for name in translated_names(word) if _ACRONYM.match(name))
        return frozenset({word, *names})
    return frozenset(stem(form, language) for form in {word, *_other_forms(word, [language])})


__all__ = ["TopicWords", "topic_words", "translated_topic"]
