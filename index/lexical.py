"""The words a lexical search looks for: a question's content words, or those that passages share."""

from __future__ import annotations

import re
from functools import lru_cache

import stopwords

_WORD = re.compile(r"\w+", re.UNICODE)
# The languages questions are asked in: their function words are left out of query terms
# (and their names of countries and languages compared, index.place_names).
ASKED_LANGUAGES = ("en", "id")
# Indonesian function words the package's list lacks, though their English equivalents or
# their formal spellings are on the lists: "untuk" (for), "soal" (about), and the chat
# spellings of "bagaimana", "tidak", "sudah" and "saja", and particles like its "dong".
_MORE_INDONESIAN = frozenset({"untuk", "soal", "gimana", "nggak", "gak", "udah", "aja", "sih", "deh", "nih", "tuh"})


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words: set[str] = set(_MORE_INDONESIAN)
    for language in ASKED_LANGUAGES:
        # The Indonesian list joins some entries ("di dia", "sempat semua"): without the split,
        # "di", the commonest preposition, matched every word starting "di" as a question's term.
        words.update(word for entry in stopwords.get_stopwords(language) for word in entry.split())
    return frozenset(words)


def is_stopword(word: str) -> bool:
    """Whether the lower-cased ``word`` is a stop word of a supported language."""
    return word in _stopwords()


def query_terms(question: str) -> list[str]:
    """The content words of a question, lower-cased, in order, without repeats.

    Stop words of the supported languages are dropped, except when written as
    acronyms ("US" is a country, "us" is not).
    """
    terms: list[str] = []
    for word in _WORD.findall(question):
        lowered = word.lower()
        is_acronym = len(word) > 1 and word.isupper()
        if len(lowered) < 2 or (lowered in _stopwords() and not is_acronym) or lowered in terms:
            continue
        terms.append(lowered)
    return terms


def feedback_terms(passages: list[str], terms: int = 10, min_shared: int = 2) -> list[str]:
    """The content words (4+ letters) that at least ``min_shared`` passages share, most shared first."""
    counts: dict[str, int] = {}
    for passage in passages:
        for word in set(query_terms(passage)):
            if len(word) >= 4 and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    shared = sorted((w for w, c in counts.items() if c >= min_shared), key=lambda w: (-counts[w], w))
    return shared[:terms]
