"""Whether a word is an ordinary English word: in Webster's Second word list, in any of its forms.

A question's first word is capitalised whatever it is, so capitals cannot tell
"Kuleba bilang apa?" (a name) from "Summarize the talks" (a verb). A word list can:
the `english-words` package ships Webster's Second International (about 236,000
words), which writes common words in lower case and names capitalised. It lists base
forms ("explain", not "explaining"), so a word also counts when its Snowball stem is
listed ("tip", from "Tips") or, four letters or more, begins a listed word ("summar",
from "Summarizing", begins "summarize"). It predates most
of today's names, and some are words there as well ("macron", a diacritic; "trump"),
which then count as ordinary.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

from english_words import get_english_words_set

from index.stemming import stem

_SHORTEST_STEM = 4  # letters; a shorter stem begins too many words ("liz", "lizard")


def is_english_word(word: str) -> bool:
    """Whether ``word``, in any case or form ("Summarizing"), is an ordinary English word."""
    folded = word.casefold()
    words = _lower_case_words()
    if _begins_one(words, folded, whole=True):
        return True
    root = stem(folded, "en")
    if _begins_one(words, root, whole=True):
        return True
    return len(root) >= _SHORTEST_STEM and _begins_one(words, root, whole=False)


def _begins_one(words: tuple[str, ...], start: str, *, whole: bool) -> bool:
    """Whether one of the sorted ``words`` is ``start`` (``whole``) or begins with it."""
    at = bisect_left(words, start)
    return at < len(words) and (words[at] == start if whole else words[at].startswith(start))


@cache
def _lower_case_words() -> tuple[str, ...]:
    """Webster's Second's words written in lower case, sorted: its names are capitalised."""
    return tuple(sorted(word for word in get_english_words_set(["web2"]) if word.islower()))


def warm_up() -> None:
    """Read the word list now (about a second), not in the first question that needs it."""
    _lower_case_words()


__all__ = ["is_english_word", "warm_up"]
