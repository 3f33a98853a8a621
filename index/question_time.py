"""The time a question asks about: a day, a month or part of one, a week, "the latest", before or after a day.

Spans that look like dates ("February 11", "17 Februari 2022", "11/2", "Feb. 14") are
found with a small pattern and read by dateparser, which also says whether the span names
a day or a month. Years left out, and "latest", are read against the newest day of the
coverage rather than today's clock, so an archive answers as it did when it was current.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from dateparser.date import DateDataParser

from index.dictionary_words import is_noun_or_verb
from index.event_offsets import counts_a_distance, number_words, offset_start, words_pattern
from index.filters import FilterError

if TYPE_CHECKING:
    from index.question import Question

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "januari",
    "februari",
    "maret",
    "mei",
    "juni",
    "juli",
    "agustus",
    "oktober",
    "desember",
    "agu",
    "okt",
    "des",
    "agt",
]
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NUMBER_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_DAY = rf"{_NUMBER_DAY}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
# Words saying which year a date is in, other than its digits: "26 February '21", "last year", "tahun lalu".
_YEAR_WORDS = re.compile(
    r"['’]\d\d\b|\b(?:last|this|next|that|the\s+same)\s+year\b|\btahun\s+(?:lalu|ini|depan|itu|yang\s+sama)\b",
    re.IGNORECASE,
)
# "February 11, 2022", "Feb. 11", "17 Februari 2022", "the 1st of February", "11/2", "11/2/2022",
# "January", "Januari 2022"
_ISO_DATE = re.compile(rf"({_YEAR})-(\d\d?)-(\d\d?)")  # read by hand (_read_span), any digits, to name bad ones
_DATE_SPAN = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s+{_YEAR})?|"
    rf"{_NUMBER_DAY}/{_NUMBER_DAY}(?:/(?:{_YEAR}|\d\d))?|{_ISO_DATE.pattern}|"
    rf"{_MONTH}(?:\s+{_YEAR})?)(?![\w/-])",
    re.IGNORECASE,
)
# "11/2" is a day only after a word that introduces one, or with its year: "2/3 of senators",
# "24/7" are not days.
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
# The words before a date that make it the edge of a span, not a day things happen on:
# "since Nov. 30", "sejak tanggal 10 Februari", "sejak Kamis (17/2)", "since Thursday, Feb. 10",
# "sampai dengan 14 Februari".
_EDGE_WORD = r"\b(?:since|until|till|sejak|semenjak|hingga|sampai)\s+(?:dengan\s+)?"
_SPAN_EDGE = re.compile(rf"{_EDGE_WORD}(?:the\s+|tanggal\s+|hari\s+)?(?:{_WEEKDAY}\.?,?\s*\(?\s*)?$", re.IGNORECASE)
# "since Monday", "sejak hari Senin": a weekday that ends a span (see :func:`without_span_edges`).
_WEEKDAY_EDGE = re.compile(rf"{_EDGE_WORD}(?:last\s+|hari\s+)?{_WEEKDAY}\b", re.IGNORECASE)
_SLASH_DAY_BEFORE = re.compile(
    rf"\b(?:on|pada|tanggal|tgl|hari|date|day|{_WEEKDAY}(?:\s+\w+)?,?)\s*$",  # "Sunday evening, 2/13"
    re.IGNORECASE,
)
# "between February 10 and February 14", "from late January to February 3", "antara 10 Februari dan 14 Februari"
_RANGE_TO = re.compile(r"\s*(?:and|up\s+to|to|until|through|dan|hingga|sampai|-|–)\s*(?:the\s+)?", re.IGNORECASE)
_RANGE_FROM = re.compile(r"\b(?:between|from|antara|dari)\s+(?:the\s+|tanggal\s+)?$", re.IGNORECASE)
# Words before a month that keep a part of it: (first day, last day); None is the month's last
# day, and a first day below 1 counts back from it (0: the last day, -6: its last seven days).
_PART_OF_MONTH: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "beginning of": (1, 10),
    "start of": (1, 10),
    "awal": (1, 10),
    "mid": (11, 20),
    "middle of": (11, 20),
    "mid-": (11, 20),
    "pertengahan": (11, 20),
    "late": (21, None),
    "end of": (21, None),
    "akhir": (21, None),
    "first day of": (1, 1),
    "hari pertama": (1, 1),
    "last day of": (0, None),
    "final day of": (0, None),
    "hari terakhir": (0, None),
    "last days of": (21, None),
    "final days of": (21, None),
    "hari-hari terakhir": (21, None),
    "first half of": (1, 15),
    "paruh pertama": (1, 15),
    "second half of": (16, None),
    "paruh kedua": (16, None),
    **{f"{nth} week of": days for nth, days in (("first", (1, 7)), ("second", (8, 14)), ("third", (15, 21)))},
    **{"fourth week of": (22, 28), "last week of": (-6, None), "final week of": (-6, None)},
    **{
        f"{week} {nth}": days
        for week in ("pekan", "minggu")
        for nth, days in (("pertama", (1, 7)), ("kedua", (8, 14)), ("ketiga", (15, 21)), ("keempat", (22, 28)))
    },
    **{f"first {count} weeks of": (1, last) for count, last in (("two", 14), ("three", 21))},
    **{
        f"{count} {week} pertama": (1, last)
        for count, last in (("dua", 14), ("tiga", 21))
        for week in ("pekan", "minggu")
    },
    "pekan terakhir": (-6, None),
    "minggu terakhir": (-6, None),
}
_PARTS = "|".join(re.escape(words) for words in sorted(_PART_OF_MONTH, key=len, reverse=True))
_PART_BEFORE = re.compile(rf"\b({_PARTS})\s*(?:bulan\s+)?$", re.IGNORECASE)  # "late ", "pekan kedua bulan "
_PART_AT = re.compile(rf"(?:the\s+)?({_PARTS})\s*(?:bulan\s+)?", re.IGNORECASE)  # after "between mid-January and "
_SATURDAY, _SUNDAY = 5, 6  # date.weekday()
_WEEK_BEFORE = re.compile(r"\b(?:(?:the\s+)?week\s+of|(?:pekan|minggu)\s+(?:tanggal\s+)?)\s*$", re.IGNORECASE)
# "the week ending February 18", "the week that ended Friday, February 18", "the week leading up to
# Sunday, Feb. 20", "pekan yang berakhir Jumat, 11 Februari", "sepekan menjelang 20 Februari":
# the seven days up to that day.
_WEEK_ENDING_BEFORE = re.compile(
    r"\b(?:(?:the\s+)?week\s+(?:ending|ended|to|that\s+ended|leading\s+up\s+to)|"
    r"(?:pekan|minggu)\s+yang\s+berakhir|(?:se)?(?:pekan|minggu)\s+menjelang)\s+(?:on\s+|pada\s+)?"
    rf"(?:the\s+|tanggal\s+)?(?:{_WEEKDAY},?\s+)?$",
    re.IGNORECASE,
)
# Two days of one month written together: "10-14 February", "10 dan 14 Februari 2022", "Feb 14-18",
# "January 10th and 13th". Each day is read by dateparser as "DAY MONTH YEAR".
_JOINT = r"\s*(?:-|–|to|and|until|till|through|thru|dan|hingga|sampai|s/d)\s*"
_DAYS_THEN_MONTH = re.compile(
    rf"(?<![\w/.,$])({_DAY}){_JOINT}({_DAY})\s+(?:of\s+)?({_MONTH})(?:,?\s+({_YEAR}))?(?![\w/])", re.IGNORECASE
)
_MONTH_THEN_DAYS = re.compile(rf"\b({_MONTH})\s+({_DAY}){_JOINT}({_DAY})(?:,?\s+({_YEAR}))?(?![\w/])", re.IGNORECASE)
# Open ranges: (pattern before the date, whether the named day itself is in)
# Words for "after" and "before" in either language. Indonesian news writes "usai" and "pasca" for
# after as often as "setelah", and "jelang" for "menjelang"; "usai" after "sudah", "telah", "belum",
# "akan" or "yang" is the verb (finished: "perundingan sudah usai"). "pasca" may be joined to what
# follows by a hyphen ("pasca-invasi", "pasca-24 Februari").
_AFTER_WORDS = (
    r"after|in\s+the\s+wake\s+of|setelah|sesudah|(?<!sudah\s)(?<!telah\s)(?<!belum\s)(?<!akan\s)(?<!yang\s)usai"
    r"|seusai|selepas|sehabis|pasca"
)
_BEFORE_WORDS = r"before|prior\s+to|ahead\s+of|in\s+the\s+run[-\s]?up\s+to|sebelum|menjelang|jelang"
_BEFORE = re.compile(rf"\b(?:({_BEFORE_WORDS})|until|till|hingga|sampai)\s+(?:the\s+|tanggal\s+)?$", re.I)
_AFTER = re.compile(rf"\b(?:(?:({_AFTER_WORDS})|since|from|sejak|mulai)\s+|(pasca-))(?:the\s+|tanggal\s+)?$", re.I)
# An event dated in the question: "Before the Geneva talks opened on January 10", "After Putin
# recognized the regions on Feb. 21", "sebelum perundingan dimulai pada 10 Januari".
_BEFORE_EVENT_ON = re.compile(rf"\b(?:{_BEFORE_WORDS})\s+[^,;:?.!]{{3,80}}?\s+(?:on|pada|tanggal)\s+$", re.I)
_AFTER_EVENT_ON = re.compile(
    rf"\b(?:{_AFTER_WORDS}|following|since|sejak)\s+[^,;:?.!]{{3,80}}?\s+(?:on|pada|tanggal)\s+$", re.I
)
# A month named alone is a month only after such a word: "may" and "March" are also other words.
_BARE_MONTH_BEFORE = re.compile(
    r"\b(?:in|of|during|since|until|from|between|through|early|mid|late|end\s+of|beginning\s+of|start\s+of|"
    r"middle\s+of|pada|bulan|selama|antara|dari|sejak|hingga|sampai|awal|akhir|pertengahan|mulai|"
    rf"{_AFTER_WORDS}|{_BEFORE_WORDS})"
    r"\s*-?\s*$",
    re.IGNORECASE,
)
# The words before a date that belong to it: prepositions, a weekday, "the week of", "late", "before".
_LEAD_IN = re.compile(
    r"(?:\b(?:on|in|of|during|at|the|week|early|mid|late|end|beginning|start|middle|since|until|from|"
    r"pada|tanggal|tgl|bulan|hari|pekan|minggu|awal|akhir|pertengahan|sejak|hingga|sampai|mulai|"
    rf"{_AFTER_WORDS}|{_BEFORE_WORDS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|senin|selasa|rabu|kamis|"
    r"jumat|jum'at|sabtu|ahad)\b[\s,-]*)+$",
    re.IGNORECASE,
)
# "terakhir" after a span of a month or longer is that span's last one, as "the last three months" and
# "the last quarter" are in English: "kuartal terakhir 2021", "tiga bulan terakhir tahun 2021" ask
# about a quarter's figures, which are not the coverage's last week (nor is "setahun terakhir").
_LAST_OF_LONG_SPAN = r"(?<!bulan\s)(?<!tahun\s)(?<!kuartal\s)(?<!triwulan\s)(?<!semester\s)(?<!dekade\s)"
RECENCY = re.compile(  # the words that ask for "the latest"
    r"\b(?:latest|most\s+recent|newest|recently|right\s+now|now|currently|current(?![\s-]+accounts?\b)|today|this\s+week|"
    r"past\s+(?:few\s+|several\s+)?(?:days|week)|last\s+(?:few|several)\s+days|the\s+last\s+week(?!\s+(?:of|in)\b)|"
    # Indonesian ones may carry the enclitic "-nya": "perkembangan terakhirnya", "kabar terbarunya".
    rf"in\s+recent\s+days|(?:terbaru|terkini|{_LAST_OF_LONG_SPAN}terakhir|teranyar)(?:nya)?|paling\s+(?:baru|akhir)|"
    r"baru-baru\s+ini|belakangan\s+ini|kini|sekarang|"
    r"saat\s+ini|hari\s+ini|(?:minggu|pekan)\s+ini|"
    # "Any update on the talks?", "What's new in the talks?", "Ada update soal perundingan?"
    r"any\s+(?:updates?|news)|what(?:'|’)?s\s+new|what\s+is\s+new|ada\s+(?:update|kabar\s+baru)|apa\s+yang\s+baru)\b",
    re.IGNORECASE,
)
# A quoted phrase: straight or curly quotes, the opening one not within a word ("Sullivan's")
# nor before a digit ("the '90s"); an apostrophe within a word may stand inside ("'Russia's
# attack could come any day now'").
_QUOTED = re.compile(
    r"(?<!\w)'(?!\d)(?:[^'\n]|(?<=\w)'(?=\w)){1,200}'(?!\w)|\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”"
    r"|‘(?!\d)(?:[^’\n]|(?<=\w)’(?=\w)){1,200}’(?!\w)"
)
# "When did Biden announce ...?", "And when was ...?", "Kapan AS dan Rusia bertemu?", "On what day ...": a question
# asking for a day, which the answer names. A "when" not followed by a verb asking is a conjunction ("When Russia
# invaded, how did oil react?", "What did he say when ...?").
_ASKS_WHEN = re.compile(
    r"^\W*(?:(?:and|so|but)\W+)?(?:since\s+|until\s+)?when\s+(?:did|does|do|was|were|is|are|will|would|has|have|had)\b"
    r"|\b(?:kapan|what\s+(?:day|date|dates)|which\s+(?:day|date)|tanggal\s+berapa|hari\s+apa)\b"
    r"|^\W*(?:tell\s+me|do\s+you\s+know|any\s+idea)\s+when\b",
    re.IGNORECASE,
)
_NOW = re.compile(r"(?:now|today|the\s+present|kini|sekarang|saat\s+ini|hari\s+ini)\b", re.IGNORECASE)
RECENT_DAYS = 7  # "the latest": the last week of the coverage (or of a subject's, see index.answer)
_MONTH_AHEAD_DAYS = 31  # a month starting this soon after the coverage's end is "the month ahead"


class TimeKind(StrEnum):
    """How a question names its time."""

    DAY = "day"
    PERIOD = "period"  # a month, part of one, a week, or an open range
    RECENT = "recent"


@dataclass(frozen=True)
class AskedTime:
    """The days a question asks about, inclusive, and how it named them."""

    since: date
    until: date
    kind: TimeKind
    words: tuple[int, int] = (0, 0)  # where the question names a date ("on Friday, February 11"), if it does

    def question_without_date(self, text: str) -> str:
        """The question with the words that name its date taken out: what the passages must match."""
        return without_span(text, self.words)

    def describe(self, language: str = "en") -> str:
        """The range as a reader writes it: "11 February 2022", "1–31 January 2022", "before 24 February 2022"."""  # noqa: RUF002
        before, since = ("sebelum", "sejak") if language == "id" else ("before", "since")
        if self.since == date.min:
            return f"{before} {day_in_words(self.until + timedelta(days=1), language)}"
        if self.until == date.max:
            return f"{since} {day_in_words(self.since, language)}"
        if self.since == self.until:
            return day_in_words(self.since, language)
        if self.since.year == self.until.year and self.since.month == self.until.month:
            return f"{self.since.day}–{day_in_words(self.until, language)}"
        return f"{day_in_words(self.since, language)} – {day_in_words(self.until, language)}"


def asked_time(
    text: str, language: str, newest: date | None, oldest: date | None = None, latest: date | None = None
) -> AskedTime | None:
    """The time ``text`` asks about, read against the coverage's newest day; None when it names none.

    ``oldest``, the coverage's first day, tells a month it holds from the month ahead (see
    :func:`_coming_month`); unknown, a month named in the weeks just ahead is taken as ahead.
    ``latest``, the newest day of the reports a reader's filters leave (``newest`` when not
    given), is where "the latest", "last week", "this month" and "now" are read from; a
    year left out is still read against ``newest``.

    Raises:
        FilterError: the question names a day that does not exist ("February 30",
            "2022-13-45"), or a span that ends before it begins ("between February 20 and
            February 10").

    """
    if newest is None:
        return None
    latest = latest or newest
    text = _quotes_blanked(text)
    for phrase in _phrases(text, language, newest, oldest) or _calendar_phrases(text, language, latest):
        before = text[: phrase.start]
        lead_in = _LEAD_IN.search(before)
        opening = _RANGE_FROM.search(before)
        words = (lead_in.start() if lead_in else phrase.start, phrase.end)
        start = opening.start() if opening else words[0]  # of a span's words, "between" included
        if end := _range_end(text, phrase.end, language, newest, latest):
            until, words_end = end  # "between mid-January and early February", "late January to February 3"
            if until < phrase.since:
                until = _end_after_start(phrase.since, until, text[start:words_end], text[phrase.end : words_end])
            until = _week_end(before, phrase.since, max(until, phrase.until))
            return AskedTime(phrase.since, until, TimeKind.PERIOD, (start, words_end))
        if phrase.whole:  # "between Feb 14 and 18"; "the week of Feb 14 to Feb 18" is still that week
            until = _week_end(before, phrase.since, phrase.until)
            kind = TimeKind.PERIOD if until > phrase.since else phrase.kind
            return AskedTime(phrase.since, until, kind, (start, phrase.end))
        if opening := _BEFORE.search(before):
            until = phrase.since - timedelta(days=1) if opening.group(1) else phrase.until
            return AskedTime(date.min, until, TimeKind.PERIOD, words)
        if opening := _AFTER.search(before):
            since = phrase.until + timedelta(days=1) if opening.group(1) or opening.group(2) else phrase.since
            return AskedTime(since, date.max, TimeKind.PERIOD, words)
        if phrase.kind is TimeKind.DAY and _BEFORE_EVENT_ON.search(before):  # before the event's day
            return AskedTime(date.min, phrase.since - timedelta(days=1), TimeKind.PERIOD, words)
        if phrase.kind is TimeKind.DAY and _AFTER_EVENT_ON.search(before):  # its day too: reports follow it
            return AskedTime(phrase.since, date.max, TimeKind.PERIOD, words)
        return AskedTime(phrase.since, phrase.until, phrase.kind, words)
    return recent_week(latest) if RECENCY.search(" ".join(text.split())) else None


def _end_after_start(since: date, until: date, span: str, end_words: str) -> date:
    """The end of a span that was read as before its start, or a FilterError naming the span.

    An end written without its year is in the year that puts it after the start
    ("between February 20 and March 3" of coverage ending in February, whose March a
    missing year reads as the year before; "from December 20 to January 10"), unless
    both ends are of one month ("between February 20 and February 10"); "now"
    before the start (a reader's filters end earlier) is the start itself.
    """
    if _NOW.search(end_words):
        return since
    # An end read in another year than its start's, of one month with it ("between February 25
    # and February 27", the start the day just ahead): the start's year.
    same = _in_year(until, since.year) if not re.search(_YEAR, end_words) and until.year != since.year else None
    if same is not None and same >= since:
        return same
    if not re.search(_YEAR, end_words) and until.month != since.month:  # "February 20 and February 10" is reversed
        later = _in_year(until, until.year + 1) or until.replace(year=until.year + 1, day=28)
        if later >= since:
            return later
    raise FilterError(f"{span!r} in the question ends before it begins")


def _quotes_blanked(text: str) -> str:
    """``text`` with what it quotes blanked out (same length): someone's words, not when the asker means.

    "Did the call that followed Sullivan's 'any day now' warning achieve anything?" asks
    about that call, not about the latest news. An apostrophe within a word ("Sullivan's")
    opens no quote.
    """
    return _QUOTED.sub(lambda quoted: " " * len(quoted.group()), text)


def _week_end(before: str, since: date, until: date) -> date:
    """The end of a span, which "the week of" before it widens to the whole week ("the week of Feb 14 to Feb 18")."""
    return max(until, since + timedelta(days=6)) if _WEEK_BEFORE.search(before) else max(until, since)


@dataclass(frozen=True)
class _Phrase:
    """Days that words of a question name, and where those words are (with "the week of" or "late")."""

    since: date
    until: date
    kind: TimeKind
    start: int
    end: int
    whole: bool = False  # a span in itself ("10-14 February"): "from" or "until" before it does not open it


def _phrases(text: str, language: str, newest: date, oldest: date | None) -> list[_Phrase]:
    """The times ``text`` names by date, in the order it names them: days, months or their parts, weeks."""
    phrases = _days_of_a_month(text, language, newest)
    taken = [(phrase.start, phrase.end) for phrase in phrases]
    for match in _DATE_SPAN.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        phrase = _phrase(text, match, language, newest, oldest)
        if phrase is not None:
            phrases.append(phrase)
    return sorted(phrases, key=lambda phrase: phrase.start)


def _days_of_a_month(text: str, language: str, newest: date) -> list[_Phrase]:
    """Two days of one month written together ("10-14 February", "Feb 14 and 18"), as one period."""
    phrases = []
    for pattern, (first, second, month) in ((_DAYS_THEN_MONTH, (1, 2, 3)), (_MONTH_THEN_DAYS, (2, 3, 1))):
        for match in pattern.finditer(text):
            year = f" {match.group(4)}" if match.group(4) else ""
            days = [
                _read_span(f"{match.group(i)} {match.group(month)}{year}", language, newest) for i in (first, second)
            ]
            if days[0] is None or days[1] is None:
                raise FilterError(f"{match.group()!r} in the question is not a date")
            since, until = days[0][0], days[1][0]
            if until < since:
                raise FilterError(f"{match.group()!r} in the question ends before it begins")
            kind = TimeKind.DAY if since == until else TimeKind.PERIOD
            phrases.append(_Phrase(since, until, kind, match.start(), match.end(), whole=True))
    return phrases


def _phrase(text: str, match: re.Match[str], language: str, newest: date, oldest: date | None) -> _Phrase | None:
    """The days one date span names, widened or narrowed by the words before it; None when it names no time."""
    before = text[: match.start()]
    if "/" in match.group() and match.group().count("/") == 1 and not _SLASH_DAY_BEFORE.search(before):
        return None
    span = _read_span(match.group(), language, newest)
    if span is None:
        if re.search(r"\d", match.group()):
            raise FilterError(f"{match.group()!r} in the question is not a date")
        return None
    if "/" in match.group() and oldest is not None and not oldest <= span[0] <= newest:
        # "on 11/2" read month first in English is 2 November, which the coverage does not hold;
        # day first, 11 February, which it does: the reader wrote the order their coverage is in.
        other = _read_span(match.group(), language, newest, other_order=True)
        span = other if other is not None and oldest <= other[0] <= newest else span
    since, until, kind = span
    if kind is TimeKind.DAY and not _names_a_year(text) and (coming := _coming_day(since, newest, oldest)):
        since = until = coming
    if re.search(r"\bthe\s+(?:following\s+)?$", before, re.IGNORECASE) and re.match(r"\s+[^\W\d]", text[match.end() :]):
        return None  # "the January 10 talks", "the following February 20 meeting": an event's name, not the time asked
    part = _PART_BEFORE.search(before)
    bare_month = kind is TimeKind.PERIOD and not re.search(r"\d", match.group())
    if bare_month and not (match.group()[0].isupper() and (part or _BARE_MONTH_BEFORE.search(before))):
        return None
    if bare_month and _coming_month(since, until, newest, oldest):
        return None  # "a rate rise in March", asked of coverage that ends in February: not a report's time
    start = match.start()
    if part and kind is TimeKind.PERIOD:
        since, until = _part_of_month(since, until, part.group(1))
        kind, start = TimeKind.DAY if since == until else kind, part.start()
    elif (week := _WEEK_BEFORE.search(before)) and kind is TimeKind.DAY and not _names_sunday(week.group(), since):
        until, kind, start = since + timedelta(days=6), TimeKind.PERIOD, week.start()
    elif (week := _WEEK_ENDING_BEFORE.search(before)) and kind is TimeKind.DAY:
        since, kind, start = since - timedelta(days=6), TimeKind.PERIOD, week.start()
    return _Phrase(since, until, kind, start, match.end())


def _names_sunday(week_words: str, day: date) -> bool:
    """Whether "minggu" before a date is the weekday, Sunday, not the week: "Minggu 20 Februari 2022" is a Sunday.

    "Minggu" is both; before a date that falls on a Sunday, a reader means the day
    (Indonesian datelines write "Minggu (20/2/2022)"). "Pekan" is only the week.
    """
    return week_words.split()[0].casefold() == "minggu" and day.weekday() == _SUNDAY


def _part_of_month(first_day: date, last_day: date, part: str) -> tuple[date, date]:
    """The days of a month that words such as "late" or "the second week of" keep."""
    first, last = _PART_OF_MONTH[part.lower()]
    since = first_day.replace(day=first) if first >= 1 else last_day + timedelta(days=first)
    return since, last_day if last is None else first_day.replace(day=last)


# Calendar words, read against ``latest`` (the newest report the reader's filters leave):
# "last week" is the Monday-to-Sunday week before its week, "last month" the month before
# its month, "this month" its month so far, the weekend its last Saturday and Sunday.
# "The last week" asks for the latest (RECENCY).
_LAST_WEEK = re.compile(r"\blast\s+week(?:['’]s)?(?!\w)|\b(?:pekan|minggu)\s+(?:lalu|kemarin)\b", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_LAST_MONTH = re.compile(r"\blast\s+month(?:['’]s)?(?!\w)|\bbulan\s+(?:lalu|kemarin)\b", re.IGNORECASE)
_THIS_MONTH = re.compile(r"\bthis\s+month(?:['’]s)?(?!\w)|\bbulan\s+ini\b", re.IGNORECASE)
_WEEKEND = re.compile(
    r"\b(?:over\s+the|last|this|the\s+past)\s+weekend(?:['’]s)?(?!\w)|\bakhir\s+pekan\s+(?:lalu|kemarin|ini)\b",
    re.IGNORECASE,
)
# Days counted back from ``latest``, which dateparser reads ("yesterday", "two days ago", "kemarin",
# "3 hari yang lalu").
_DAYS_BACK = re.compile(
    r"\b(?:the\s+day\s+before\s+yesterday|yesterday(?:['’]s)?|kemarin\s+lusa|kemarin|"
    r"(?:\d{1,2}|an?|one|two|three|four|five|six|seven)\s+days?\s+ago|"
    r"(?:\d{1,2}|satu|dua|tiga|empat|lima|enam|tujuh)\s+hari\s+(?:yang\s+)?lalu|sehari\s+(?:yang\s+)?lalu)(?!\w)",
    re.IGNORECASE,
)
# "Januari kemarin", "pekan kemarin", "Senin kemarin", "tanggal 10 kemarin": "kemarin" is "last",
# of what it follows, not yesterday.
_BEFORE_KEMARIN_NOT_YESTERDAY = re.compile(
    r"\b(?:pekan|minggu|bulan|tahun|kuartal|triwulan|semester|januari|februari|maret|april|mei|juni|juli|agustus|"
    r"september|oktober|november|desember|senin|selasa|rabu|kamis|jum['’]?at|sabtu|tanggal\s+\d{1,2})\s+$",
    re.IGNORECASE,
)
# A day of the month named alone, or two of them, at the end of a clause ("on the 15th?",
# "tanggal 15?", "from the 15th to the 20th", "tanggal 10 kemarin"): the newest such days
# up to ``latest``. Not "the 15th division".
_MONTH_DAYS = re.compile(
    r"\b(?:the\s+(?P<first>\d{1,2})(?:st|nd|rd|th)|(?:tanggal|tgl\.?)\s+(?P<first_id>\d{1,2}))"
    r"(?:\s*(?:to|and|until|till|through|-|–|sampai|hingga|dan|s/d)\s*(?:the\s+|tanggal\s+)?"
    r"(?P<last>\d{1,2})(?:st|nd|rd|th)?)?"
    r"(?:\s+(?:kemarin|lalu))?(?=\s*(?:[?.!,;]|$))",
    re.IGNORECASE,
)
_DAYS_BACK_REACH = 62  # days: "the 29th" is of the last months, not a leap year's February


@cache
def _weeks_back() -> re.Pattern[str]:
    """Weeks counted back: "a week ago" (the day), "two weeks ago", "dua minggu lalu", "the week before last"."""
    counts = words_pattern(number_words())
    return re.compile(
        rf"\b(?:(?P<count>\d{{1,2}}|{counts}|se)\s*(?:weeks?\s+ago|(?:minggu|pekan)\s+(?:yang\s+)?lalu)"
        r"|the\s+week\s+before\s+last(?:\s+week)?)(?!\w)",
        re.IGNORECASE,
    )


def _calendar_phrases(text: str, language: str, latest: date) -> list[_Phrase]:
    """The times ``text`` names in calendar words, read against ``latest``: "last week", "yesterday", "the 15th".

    In the order they are named; of two that overlap, the one starting first and reaching
    furthest comes first ("akhir pekan lalu", the weekend, holds "pekan lalu"; "dua minggu
    lalu" holds "minggu lalu"), as the first phrase is the question's time.
    """
    try:
        phrases = [*_calendar_spans(text, latest), *_weeks_back_phrases(text, latest)]
        phrases += [*_days_back_phrases(text, language, latest), *_month_day_phrases(text, latest)]
    except OverflowError:  # a coverage at the very start of the calendar
        return []
    return sorted(phrases, key=lambda phrase: (phrase.start, -phrase.end))


def _calendar_spans(text: str, latest: date) -> list[_Phrase]:
    """Last week, last month, this month and the weekend, each as the days it names."""
    monday = latest - timedelta(days=latest.weekday())
    month_end = latest.replace(day=1) - timedelta(days=1)
    saturday = latest - timedelta(days=(latest.weekday() - _SATURDAY) % 7)
    spans = (
        (_LAST_WEEK, monday - timedelta(days=7), monday - timedelta(days=1)),
        (_LAST_MONTH, month_end.replace(day=1), month_end),
        (_THIS_MONTH, latest.replace(day=1), latest),
        (_WEEKEND, saturday, min(saturday + timedelta(days=1), latest)),
    )
    return [
        _Phrase(since, until, TimeKind.PERIOD, *match.span())
        for pattern, since, until in spans
        for match in pattern.finditer(text)
        if not (pattern is _LAST_WEEK and _THE_BEFORE.search(text[: match.start()]))
    ]


def _weeks_back_phrases(text: str, latest: date) -> list[_Phrase]:
    """A week counted back: one week is the day seven days back, more the Monday-to-Sunday week they reach."""
    phrases = []
    monday = latest - timedelta(days=latest.weekday())
    for match in _weeks_back().finditer(text):
        count = " ".join((match.group("count") or "2").casefold().split())  # "the week before last": two
        weeks = int(count) if count.isdigit() else {**number_words(), "se": 1}[count]
        if weeks == 1:
            day = latest - timedelta(days=7)
            phrases.append(_Phrase(day, day, TimeKind.DAY, *match.span()))
        elif weeks > 1:
            since = monday - timedelta(days=7 * weeks)
            phrases.append(_Phrase(since, since + timedelta(days=6), TimeKind.PERIOD, *match.span()))
    return phrases


def _days_back_phrases(text: str, language: str, latest: date) -> list[_Phrase]:
    """Days counted back, as dateparser reads them from ``latest`` ("yesterday", "3 hari yang lalu")."""
    phrases = []
    for match in _DAYS_BACK.finditer(text):
        if match.group().casefold() == "kemarin" and _BEFORE_KEMARIN_NOT_YESTERDAY.search(text[: match.start()]):
            continue
        read = _read_span(re.sub(r"['’]s$", "", " ".join(match.group().split())), language, latest)
        if read is not None and read[2] is TimeKind.DAY and latest - timedelta(days=_DAYS_BACK_REACH) <= read[0]:
            phrases.append(_Phrase(read[0], read[0], TimeKind.DAY, *match.span()))
    return phrases


def _month_day_phrases(text: str, latest: date) -> list[_Phrase]:
    """Days of the month named alone ("on the 15th?", "tanggal 15 sampai 20"): the newest such up to ``latest``."""
    phrases = []
    for match in _MONTH_DAYS.finditer(text):
        first = int(match.group("first") or match.group("first_id"))
        last_day = _newest_day_of_month(int(match.group("last") or first), latest)
        if last_day is None or not 1 <= first <= last_day.day:
            continue
        since = last_day.replace(day=first)
        kind = TimeKind.DAY if since == last_day else TimeKind.PERIOD
        phrases.append(_Phrase(since, last_day, kind, *match.span(), whole=kind is TimeKind.PERIOD))
    return phrases


def _newest_day_of_month(day: int, latest: date) -> date | None:
    """The newest date on ``day`` of its month up to ``latest``, within :data:`_DAYS_BACK_REACH` days; else None."""
    year, month = latest.year, latest.month
    for _ in range(_DAYS_BACK_REACH // 28 + 1):
        try:
            found = date(year, month, day)
        except ValueError:  # no such day in that month ("the 31st" of February), or none at all ("the 0th")
            found = None
        if found is not None and found <= latest:
            return found if (latest - found).days <= _DAYS_BACK_REACH else None
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def asks_when(text: str) -> bool:
    """Whether a question asks on what day something happened ("When did ...?", "Kapan ...?")."""
    return _ASKS_WHEN.search(text) is not None


def recent_week(until: date) -> AskedTime:
    """The week "the latest" asks about: the :data:`RECENT_DAYS` up to ``until``, inclusive."""
    return AskedTime(until - timedelta(days=RECENT_DAYS - 1), until, TimeKind.RECENT)


# "after the Geneva talks", "sesaat setelah Rusia mengumumkan ...", "usai pertemuan di Jenewa",
# "pasca-invasi", "jelang pertemuan Dewan NATO-Rusia", "Once Putin recognized the regions, ...": an event the
# coverage itself must date.
_RELATIVE_EVENT = re.compile(
    rf"\b(?:(?P<after>(?:{_AFTER_WORDS}|following|since|sejak)\s+|pasca-|^once\s+)|(?P<before>(?:{_BEFORE_WORDS})\s+))"
    r"(?P<event>[^,?;:]{3,})",
    re.IGNORECASE,
)
_MIN_EVENT_WORDS = 2
# Not an event the coverage can date: "before any deal", "since the start of the year", "sejak
# kapan" (since when: a question), "sejak pagi" (since the morning: a time of day), and what opens
# with a function word: "Kapan perang usai di Ukraina?" ends the war, it places nothing after it,
# and "what is Putin really after with the Ukraine standoff?" asks what he seeks.
_NOT_AN_EVENT = re.compile(
    r"(?:any|some|a|an|that|this|then|now|it|ini|itu|the\s+(?:start|beginning|end|middle)|awal|akhir|when|kapan"
    r"|pagi|siang|sore|malam|hari|minggu|pekan|bulan|tahun|jam|pukul|lama"
    r"|in|at|on|of|to|with|and|or|di|ke|dari|pada|atau|dan|yang|dengan|untuk)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RelativeEvent:
    """A question's "before X" or "after X", where X is an event, not a date."""

    event: str
    after: bool
    # Where in the question, as character offsets: "Two days after the Geneva talks".
    words: tuple[int, int] = field(default=(0, 0), compare=False)
    # Whether a counted distance comes before the word placing it ("two days after", "sehari sebelum";
    # not "right after" or "in the days after").
    at_a_distance: bool = field(default=False, compare=False)

    def taken_out_of(self, question: Question) -> Question:
        """``question`` without the words placing it before or after the event: "What happened?"."""
        return question.rephrased(self.question_without_event(question.text))

    def question_without_event(self, text: str) -> str:
        """The question with the words placing it before or after the event taken out: what the passages must match."""
        return without_span(text, self.words)

    def time(self, event_days: list[date]) -> AskedTime | None:
        """The time asked about, given the days the coverage reports the event on: after its first, before its last.

        The widest reading, since a question's time only prefers reports; None without days.
        """
        if not event_days:
            return None
        if self.after:
            return AskedTime(min(event_days), date.max, TimeKind.PERIOD)
        return AskedTime(date.min, max(event_days) - timedelta(days=1), TimeKind.PERIOD)


def relative_event(text: str) -> RelativeEvent | None:
    """The event a question places itself before or after ("two days after the Geneva talks"), or None."""
    for match in _RELATIVE_EVENT.finditer(text):
        event = match.group("event").strip().rstrip(".!\"'”’)")
        if _NOT_AN_EVENT.match(event) or _DATE_SPAN.match(re.sub(r"^(?:the|tanggal)\s+", "", event)):
            continue
        if len(event.split()) >= _MIN_EVENT_WORDS or is_noun_or_verb(event):
            start = offset_start(text[: match.start()])  # "Two days after ..."
            # To the end of the event as written, closing quotation marks and brackets included.
            end = match.start("event") + len(match.group("event").rstrip())
            words = (match.start() if start is None else start, end)
            counted = start is not None and counts_a_distance(text[start : match.start()])
            return RelativeEvent(event, after=match.group("after") is not None, words=words, at_a_distance=counted)
    return None


def without_span(text: str, span: tuple[int, int]) -> str:
    """``text`` without the characters of ``span`` and the punctuation it leaves orphaned; as it is for an empty span.

    "What did Lavrov say, two days after the Geneva talks?" becomes "What did Lavrov say?".
    """
    start, end = span
    if end <= start:
        return text
    rest = " ".join(f"{text[:start]} {text[end:]}".split())
    rest = re.sub(r"\s+([?.!,;:])", r"\1", rest)  # no space before punctuation
    # An opening bracket the span closed, and a comma running into other punctuation.
    rest = re.sub(r"\s*\((?=[?.!,;:]|$)|[,;:](?=[,?.!;:])", "", rest)
    return rest.strip(" ,;:")


def without_span_edges(text: str) -> str:
    """``text`` without the weekdays that end a span ("since Monday", "sejak hari Senin"): they date nothing in it."""
    return _WEEKDAY_EDGE.sub(" ", text)


def named_day(text: str, language: str, written_on: date) -> date | None:
    """The first day ``text`` names by its date ("on January 10", "12 Februari"), or None.

    A date without a year is taken in the year that puts it nearest ``written_on``: a
    report of 30 December writing "January 10" means the coming one. A date after
    "since" or "until" ends a span and is not the day of what the text tells: "Thursday's
    8% slide was its largest daily drop since Nov. 30" (MarketWatch, 18 February) was
    listed in a timeline under 30 November.
    """
    for match in _DATE_SPAN.finditer(text):
        if _SPAN_EDGE.search(text[: match.start()]):
            continue
        span = _read_span(match.group(), language, written_on)
        if span is None or span[2] is not TimeKind.DAY:
            continue
        found = span[0]
        if re.search(_YEAR, match.group()):
            return found
        years = (written_on.year - 1, written_on.year, written_on.year + 1)
        candidates = [_in_year(found, year) for year in years]
        return min((day for day in candidates if day), key=lambda day: abs((day - written_on).days))
    return None


def _coming_month(since: date, until: date, newest: date, oldest: date | None) -> bool:
    """Whether a month named without its year, read by dateparser in the past, means the month just ahead.

    dateparser reads "March", asked of coverage that runs from December 2021 to 24
    February 2022, as March 2021, before anything it reports; the reader means the March
    ahead, which no report can be from. A month the coverage holds keeps its reading.
    """
    return _just_ahead(since, newest) is not None and (oldest is None or until < oldest)


def _coming_day(day: date, newest: date, oldest: date | None) -> date | None:
    """The day a year on, when a day named without its year, read by dateparser in the past, means the one just ahead.

    "What happened on February 26?", asked of coverage that runs from December 2021 to 24
    February 2022, is read as 26 February 2021, ten months before anything it reports,
    and the reply said it had no reports of that day; the reader means two days after
    its newest. A day the coverage holds, or one months back, keeps its reading.
    """
    coming = _just_ahead(day, newest)
    return coming if coming is not None and (oldest is None or day < oldest) else None


def _just_ahead(day: date, newest: date) -> date | None:
    """``day`` a year on, when that falls within :data:`_MONTH_AHEAD_DAYS` after ``newest``; else None."""
    coming = _in_year(day, day.year + 1)
    return coming if coming is not None and newest < coming <= newest + timedelta(days=_MONTH_AHEAD_DAYS) else None


def _names_a_year(text: str) -> bool:
    """Whether ``text`` says which year it means anywhere ("of 2021", "'21", "last year", "tahun lalu")."""
    return bool(re.search(_YEAR, text) or _YEAR_WORDS.search(text))


def _in_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _range_end(text: str, position: int, language: str, newest: date, latest: date) -> tuple[date, int] | None:
    """The last day of "X to Y" after X ends at ``position``, and where Y ends; None when no Y follows.

    Y may be "now" (``latest``), a date, a month (capitalised: "and may" is a verb) or a part of one ("early February").
    """
    joint = _RANGE_TO.match(text, position)
    if not joint:
        return None
    if now := _NOW.match(text, joint.end()):  # "dari 10 Februari sampai kini": to the newest report's day
        return latest, now.end()
    part = _PART_AT.match(text, joint.end())
    second = _DATE_SPAN.match(text, part.end() if part else joint.end())
    span = _read_span(second.group(), language, newest) if second else None
    if not span or not second:
        return None
    if span[2] is TimeKind.PERIOD and not re.search(r"\d", second.group()) and not second.group()[0].isupper():
        return None
    if part and span[2] is TimeKind.PERIOD:
        return _part_of_month(span[0], span[1], part.group(1))[1], second.end()
    return span[1], second.end()


def _read_span(
    span: str, language: str, newest: date, *, other_order: bool = False
) -> tuple[date, date, TimeKind] | None:
    """A date span's first and last day: dateparser reads it; a missing year is the one up to ``newest``.

    Digits are read month first in English and day first otherwise; ``other_order`` swaps the two.
    """
    if iso := _ISO_DATE.fullmatch(span):  # dateparser reads "2022-13-05" as 13 May
        try:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
        return day, day, TimeKind.DAY
    order = "MDY" if (language == "en") != other_order else "DMY"
    parser = _parser(language, order, newest)
    data = parser.get_date_data(span.replace(".", " "))
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "month":
        last = calendar.monthrange(found.year, found.month)[1]
        return found.replace(day=1), found.replace(day=last), TimeKind.PERIOD
    if data.period == "year":
        return found.replace(month=1, day=1), found.replace(month=12, day=31), TimeKind.PERIOD
    return found, found, TimeKind.DAY


def _parser(language: str, order: str, newest: date) -> DateDataParser:
    """A parser of English and Indonesian dates, the question's language first ("pada 11 February" mixes)."""
    languages = [language, *({"en", "id"} - {language})] if language in {"en", "id"} else ["en", "id"]
    settings = {
        "RELATIVE_BASE": datetime(newest.year, newest.month, newest.day),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": order,
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=languages, settings=settings)


_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


_ON_DAY = {"en": "On", "id": "Pada"}


def day_label(day: str, outlet: str, language: str = "en") -> str:
    """The words naming a quote's day (ISO) and outlet before it ("On 11 February 2022 (CNN): "); "" without a day."""
    if not day:
        return ""
    on_day = f"{_ON_DAY.get(language, _ON_DAY['en'])} {day_in_words(date.fromisoformat(day), language)}"
    return on_day + (f" ({outlet})" if outlet else "") + ": "


def day_in_words(day: date, language: str = "en") -> str:
    """A day as a reader writes it: "11 February 2022", in Indonesian "11 Februari 2022"."""
    if language == "id":
        return f"{day.day} {_MONTHS_ID[day.month - 1]} {day.year}"
    return f"{day.day} {day.strftime('%B')} {day.year}"


__all__ = [
    "RECENCY",
    "RECENT_DAYS",
    "AskedTime",
    "RelativeEvent",
    "TimeKind",
    "asked_time",
    "asks_when",
    "day_in_words",
    "day_label",
    "named_day",
    "recent_week",
    "relative_event",
    "without_span_edges",
]
