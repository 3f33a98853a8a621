"""The words saying how far before or after an event a question places itself: "Two days after", "sepekan sebelum".

They belong to the question's time, not to what it asks, like the event they precede
(index.question_time.RelativeEvent). They are not turned into a narrower time: dated by
the coverage's own timeline, an event's day is too often days off for "the day after" to
pick the right reports (see benchmarks/HISTORY.md, the twenty-fourth session). Number words
come from num2words' tables, so that "sepuluh" (ten) and "dua belas" (twelve) are read
as numbers in either language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from num2words import num2words

_NUMBERS_UP_TO = 31
_APPROXIMATE = r"(?:about|around|roughly|some|nearly|almost|sekitar|kira-kira|kurang\s+lebih|hampir)"
_MORE_THAN = r"(?:more\s+than|over|at\s+least|lebih\s+dari)"
_UNIT = r"(?:hours?|days?|weeks?|months?|jam|hari|minggu|pekan|bulan)"
# "right after", "shortly after", "sesaat setelah", "tak lama setelah".
_SOON = r"(?:right|just|immediately|shortly|soon|sesaat|segera|tak\s+lama|tidak\s+lama)"


@cache
def number_words() -> dict[str, int]:
    """The numbers up to 31 written in words in English and Indonesian ("twelve", "dua belas"), with their values."""
    words = {"a": 1, "an": 1}
    for n in range(1, _NUMBERS_UP_TO + 1):
        words |= {num2words(n, lang="en"): n, num2words(n, lang="id"): n}
    return words


def words_pattern(words: Iterable[str]) -> str:
    """An alternation of ``words``, longest first, a space in one matching any spacing ("dua  belas")."""
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


@cache
def _count() -> str:
    """An alternation of the words counting units: "two", "dua belas", "a few", "beberapa"."""
    return words_pattern({*number_words(), "a couple of", "a few", "few", "several", "beberapa"})


@cache
def _offset_words() -> re.Pattern[str]:
    """The words naming an offset, at the end of a text: "Sekitar sepuluh hari", "a week or so", "In the days"."""
    number = _count()
    return re.compile(
        rf"(?<!\w)(?:(?:{_APPROXIMATE}|{_MORE_THAN})\s+)?"
        rf"(?:(?:\d{{1,3}}|{number})\s+{_UNIT}|se(?:hari|jam|minggu|pekan|bulan)"
        rf"|(?:in\s+|during\s+|within\s+|on\s+|pada\s+)?the\s+{_UNIT}|^\s*{_UNIT}|{_SOON})"
        r"(?:\s+(?:lebih|or\s+so|or\s+more|or\s+two|later|earlier|kemudian))*\s*$",
        re.IGNORECASE,
    )


@cache
def _counted() -> re.Pattern[str]:
    """An offset that counts its distance: "two days", "sehari", "a week or so"; not "right" or "in the days"."""
    return re.compile(rf"(?:\d{{1,3}}|{_count()})\s+{_UNIT}|\bse(?:hari|jam|minggu|pekan|bulan)\b", re.IGNORECASE)


def counts_a_distance(offset: str) -> bool:
    """Whether ``offset`` (words :func:`offset_start` found) counts how far: "two days", not "shortly" or "the days"."""
    return _counted().search(offset) is not None


def offset_start(text: str) -> int | None:
    """Where the offset ``text`` ends with begins ("two days" in "What did Lavrov say two days"), or None."""
    match = _offset_words().search(text)
    return None if match is None else match.start()


__all__ = ["counts_a_distance", "number_words", "offset_start", "words_pattern"]
