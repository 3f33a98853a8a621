"""The days a news report is about: when it was published, and the day its lead describes.

A market report published at 05:04 UTC on the 12th describes trading of the 11th and
says "Friday"; only the weekday, read against the publication day, tells the two apart.
Where the lead names no weekday, the newsroom's own date in the report's address
("cnn.com/2022/02/23/...", published at 07:28 UTC on the 24th) tells the day as the
newsroom lived it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit

from htmldate import find_date

from index.documents import Article, Hit
from index.event_offsets import number_words, words_pattern
from index.question_time import named_day, without_span_edges

WEEKDAYS = {  # datetime.weekday(): Monday is 0
    **dict.fromkeys(("monday", "mon"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues"), 1),
    **dict.fromkeys(("wednesday", "wed"), 2),
    **dict.fromkeys(("thursday", "thu", "thurs"), 3),
    **dict.fromkeys(("friday", "fri"), 4),
    **dict.fromkeys(("saturday", "sat"), 5),
    **dict.fromkeys(("sunday", "sun"), 6),
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    **dict.fromkeys(("jumat", "jum'at"), 4),
    "sabtu": 5,
    **dict.fromkeys(("minggu", "ahad"), 6),
}
# Only whole weekday names, capitalised as both languages write them: "sat", "wed" or
# "minggu" (also "week" in Indonesian) in lower case are other words.
_FULL_NAMES = sorted((name for name in WEEKDAYS if len(name) > 4 or name in {"rabu", "ahad"}), key=len, reverse=True)
_WEEKDAY_WORD = re.compile(r"\b(" + "|".join(name.capitalize() for name in _FULL_NAMES) + r")\b")
# A sentence about what is still to come: its weekday is ahead of the day it was written.
_FUTURE = re.compile(
    r"\b(will|is expected to|are expected to|is scheduled|are scheduled|plans? to|is set to|are set to|"
    r"akan|dijadwalkan|direncanakan)\b",
    re.IGNORECASE,
)
# A sentence telling of something as only possible: "Russia could launch an invasion", "the
# possibility of an invasion", "invasi bisa terjadi sewaktu-waktu". Any such word counts, not
# only one bearing on the event asked about (9% of news-en-ukraine-2022's sentences hold one):
# "... evacuated its embassy staff as fears mount over a possible Russian invasion" gives no
# day either. Not "could not" or "couldn't" (what did not happen happened), nor "if", which
# also opens the conditions of what did happen ("... sanctions if Russia escalates"), nor
# "threat", often the reason for what did ("ordered ... to leave, citing the threat of ...").
_POSSIBLE = re.compile(
    r"\b(?:(?:[Cc]ould|[Mm]ight)(?! not\b|n['’]t\b)|may|[Pp]ossib(?:le|ly|ility)|any (?:day|moment|point|time)|"
    r"(?i:bisa|mungkin|kemungkinan|sewaktu-waktu))\b"
)
# A verb of saying between a weekday and a word for the future: the weekday dates the saying,
# "Putin on Tuesday said Russia will continue to supply gas" (written on that Tuesday).
_SAYING = re.compile(
    r"\b(?:said|says|told|announced|warned|stated|argued|wrote|added|noted|insisted|claimed|declared|confirmed|"
    r"pledged|vowed|promised|signaled|signalled|indicated|predicted|reported|suggested|urged|"
    r"mengatakan|menyatakan|mengumumkan|berkata|menegaskan|memperingatkan|menjanjikan|menyebut(?:kan)?)\b",
    re.IGNORECASE,
)
_FUTURE_REACH = 6  # words before a weekday in which a word for the future sends it ahead
# Words opening another clause: a word for the future beyond one is not the weekday's ("Asian
# stocks were mixed Monday ahead of data ... amid speculation that officials there will act").
# Not a comma ("On Monday, officials will meet" is one clause), and "as", not "AS" (Amerika Serikat).
_CLAUSE_BREAK = re.compile(
    r"\b(?:(?-i:as|As)|amid|ahead of|after|following|while|before|despite|because|since|but|though|although|"
    r"karena|setelah|sebelum|sementara|namun|menjelang|di tengah|seiring|meski(?:pun)?)\b|;|—|--",
    re.IGNORECASE,
)
# A weekday opening its sentence ("On Monday, as talks resume, officials will meet") belongs
# to the sentence's main clause, wherever that is.
_OPENING_WEEKDAY = re.compile(r"^\W*(?:(?:on|pada|hari|early|late|by|this|last)\s+)*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_LEAD_CHARS = 600  # the lead: where a report says which day it describes
_LATER_DAYS_UP_TO = 14  # "two weeks later" is too loose to date a line by
_NO_PAGE = "<html><body></body></html>"  # htmldate dates a page; with none, it reads the address alone
_FIRST_DAY = "1995-01-01"  # htmldate's own floor: no news address is dated before the web
# A newsroom's day is at most a day from UTC's: New York is 5 hours behind, Jakarta 7 ahead.
_ADDRESS_DAY_REACH = timedelta(days=1)


def published_timestamp(value: str) -> str:
    """The publication time as ISO 8601 ("2022-02-12T05:04:26") when ``value`` gives a time, else ""."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return ""
    if not re.search(r"\d[T ]\d{1,2}:\d{2}", value):
        return ""  # a bare date: no time to keep
    return parsed.isoformat(timespec="seconds")


def weekday_day(sentence: str, written_on: date) -> date | None:
    """The day the first weekday name of ``sentence`` points to, seen from the day it was written.

    It is the nearer of the last and the next such day ("meets on Thursday", written on
    a Monday, is in three days; "fell Friday", written on a Saturday, was yesterday), the
    last one when they are as near; but the next one shortly after a word for the future
    ("will meet on Wednesday", written on a Friday; not "will give in talks that began on
    Sunday").
    """
    found = _WEEKDAY_WORD.search(sentence)
    if found is None:
        return None
    weekday = WEEKDAYS[found.group(1).lower()]
    ahead = (weekday - written_on.weekday()) % 7
    try:
        if _FUTURE.search(" ".join(sentence[: found.start()].split()[-_FUTURE_REACH:])) or 0 < ahead < 7 - ahead:
            return written_on + timedelta(days=ahead)
        return written_on - timedelta(days=(7 - ahead) % 7)
    except OverflowError:  # a report dated at the very end (or start) of the calendar
        return None


def named_day_of(text: str, article: Article) -> str:
    """The day a sentence names, by date or weekday, read from its report's day; "" when it names none.

    A date or weekday ending a span ("since Nov. 30", "sejak hari Senin") names none (index.question_time).
    """
    if not article.date:
        return ""
    written_on = date.fromisoformat(article.date)
    day = named_day(text, article.language, written_on) or weekday_day(without_span_edges(text), written_on)
    return day.isoformat() if day else ""


@cache
def _days_later_pattern() -> re.Pattern[str]:
    """The words placing a sentence days after the one before: "Two days later", "keesokan harinya"."""
    numbers = words_pattern(number_words())
    return re.compile(
        rf"\b(?:(?P<count>\d{{1,2}}|{numbers})\s+(?:days?\s+later(?!\s+than)|hari\s+kemudian)"
        r"|the\s+(?:next|following)\s+day(?!'s|’s)|sehari\s+kemudian|keesokan\s+harinya)\b",
        re.IGNORECASE,
    )


def days_later(sentence: str) -> int | None:
    """How many days after the day of the sentence before a sentence places itself ("Two days later, ..."), or None.

    Not beyond two weeks: "Fifteen days later" dates nothing as closely as a timeline's day.
    """
    match = _days_later_pattern().search(sentence)
    if match is None:
        return None
    count = " ".join((match.group("count") or "one").casefold().split())
    days = int(count) if count.isdigit() else number_words()[count]
    return days if days <= _LATER_DAYS_UP_TO else None


def event_day(text: str, published_day: str) -> str:
    """The day a report's lead describes (ISO), when a past-tense weekday in it says so; else "".

    Only the lead counts: later paragraphs recall other days. Of the days the lead
    names, the newest: a lead recalls what came before the news ("The gains follow a
    sell-off on Monday ... On Tuesday, US President Joe Biden said", BBC, published early
    on Wednesday, is Tuesday's report). A weekday in a clause about what is to come does
    not date the report ("On Monday, officials will meet"), unless it dates someone saying
    so (:func:`_dates_a_saying`); one in a clause of its own does ("Stocks faltered
    Thursday as traders await clues on how quickly central banks will tighten").
    """
    if not published_day:
        return ""
    written_on = date.fromisoformat(published_day[:10])
    days = []
    for sentence in _SENTENCE_END.split(text[:_LEAD_CHARS]):
        if speaks_of_the_future(_weekday_clause(sentence)) and not _dates_a_saying(sentence):
            continue
        day = weekday_day(sentence, written_on)
        if day is not None and day <= written_on:  # a report describes what has happened
            days.append(day)
    return max(days).isoformat() if days else ""


def address_day(url: str, published_day: str) -> str:
    """The newsroom's date in a report's address ("/2022/02/23/"), when it is within a day of publication; else "".

    US outlets publish into the night: CNN's "Trump spoke. Will Republicans follow him on
    Russia?" went out at 07:28 UTC on 24 February 2022, still the 23rd in New York, where
    its address was dated. A date further from the publication (an old story republished,
    an archive path) tells nothing of the day. htmldate reads the address, as it does for
    pages it dates; it is given no page, so only the address counts.
    """
    if not url or not published_day:
        return ""
    # Only the path: a query's date is something else's ("calendar?...&startdate=2022-01-14", a week's preview).
    path = urlsplit(url)._replace(query="", fragment="").geturl()
    found = find_date(_NO_PAGE, url=path, extensive_search=False, original_date=True, min_date=_FIRST_DAY)
    if found is None:
        return ""
    published = date.fromisoformat(published_day[:10])
    return found if abs(date.fromisoformat(found) - published) <= _ADDRESS_DAY_REACH else ""


def speaks_of_the_future(sentence: str) -> bool:
    """Whether ``sentence`` tells what is still to come ("will meet", "akan bertemu", "is expected to")."""
    return _FUTURE.search(sentence) is not None


def speaks_of_the_possible(sentence: str) -> bool:
    """Whether ``sentence`` speaks of something as only possible ("could begin any day now", "bisa terjadi")."""
    return _POSSIBLE.search(sentence) is not None


def _weekday_clause(sentence: str) -> str:
    """The clause of ``sentence`` holding its first weekday name; the whole sentence when none, or one opening it."""
    weekday = _WEEKDAY_WORD.search(sentence)
    if weekday is None or _OPENING_WEEKDAY.match(sentence[: weekday.start()]):
        return sentence
    start = max((found.end() for found in _CLAUSE_BREAK.finditer(sentence, 0, weekday.start())), default=0)
    end = next((found.start() for found in _CLAUSE_BREAK.finditer(sentence, weekday.end())), len(sentence))
    return sentence[start:end]


def _dates_a_saying(sentence: str) -> bool:
    """Whether the sentence's weekday dates a statement about the future, not the future itself.

    "Putin on Tuesday said Russia will continue ...": a verb of saying stands between the
    weekday and every word for the future, and none comes before the weekday.
    """
    weekday = _WEEKDAY_WORD.search(sentence)
    if weekday is None or _FUTURE.search(sentence[: weekday.start()]):
        return False
    after = sentence[weekday.end() :]
    future = _FUTURE.search(after)
    return future is not None and _SAYING.search(after[: future.start()]) is not None


def published_seconds(article: Article) -> float:
    """When ``article`` was published, in POSIX seconds; 0.0 when the input gave no time.

    A time without an offset is read as UTC, so that an order by it does not depend on the host's time zone.
    """
    if not article.published:
        return 0.0
    moment = datetime.fromisoformat(article.published)
    return moment.replace(tzinfo=moment.tzinfo or UTC).timestamp()


def report_day(hit: Hit) -> str:
    """The day a retrieved report describes, where it could be read, else its publication day; "" for an undated one."""
    return article_day(hit.article)


def report_day_not_ahead(hit: Hit) -> str:
    """:func:`report_day`, but never after the publication day: a lead's weekday can point ahead ("" undated)."""
    return min(filter(None, (hit.article.event_date, hit.article.date)), default="")


def article_day(article: Article) -> str:
    """The day a report describes, where it could be read, else its publication day; "" for an undated one."""
    return article.event_date or article.date


__all__ = [
    "WEEKDAYS",
    "address_day",
    "article_day",
    "days_later",
    "event_day",
    "named_day_of",
    "published_seconds",
    "published_timestamp",
    "report_day",
    "report_day_not_ahead",
    "speaks_of_the_future",
    "speaks_of_the_possible",
    "weekday_day",
]
