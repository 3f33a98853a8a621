"""What a reader limits answers to: a range of days, outlets, languages; and the days a question names."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from index.documents import Article


class FilterError(ValueError):
    """A limit on the sources that cannot be applied.

    An impossible date (in a filter or in the question), a range that ends before it
    starts, an outlet or language the coverage does not have.
    """


@dataclass(frozen=True)
class DayRange:
    """Reports about days ``since`` to ``until`` (inclusive), by the day they describe or were published on.

    Both count: the day read from a report's lead is sometimes wrong (a wrap of Thursday's
    trading that says "Wednesday"). ``late_days`` also admits reports published that many
    days after ``until`` (an evening's market report comes out after midnight UTC);
    ``keep_undated`` admits reports whose day is unknown, so a question's date never hides
    an answer only an undated article gives.
    """

    since: date = date.min
    until: date = date.max
    late_days: int = 0
    keep_undated: bool = False

    def admits(self, article: Article) -> bool:
        """Whether ``article`` is one of these reports: the rule ``IndexStore.rows_of_articles`` applies in SQL."""
        if not article.date:
            return self.keep_undated
        described = bool(article.event_date) and self.since.isoformat() <= article.event_date <= self.until.isoformat()
        return described or self.since.isoformat() <= article.date <= self.published_until.isoformat()

    @property
    def published_until(self) -> date:
        """The last publication day admitted."""
        try:
            return self.until + timedelta(days=self.late_days)
        except OverflowError:
            return date.max


@dataclass(frozen=True)
class Filters:
    """The reader's own limits on an answer's sources; empty fields limit nothing."""

    since: date | None = None
    until: date | None = None
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    articles: frozenset[str] = frozenset()  # only these articles (new coverage for alerts); not written by readers

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"since:{self.since} is after until:{self.until}")

    @property
    def active(self) -> bool:
        """Whether any field limits anything."""
        return bool(self.since or self.until or self.sources or self.languages or self.articles)

    @property
    def days(self) -> DayRange | None:
        """The range of days, or None when neither end is set."""
        if not (self.since or self.until):
            return None
        return DayRange(self.since or date.min, self.until or date.max)

    def narrowed(self, since: date, until: date) -> Filters | None:
        """These filters kept to the days from ``since`` to ``until`` too; None when the two share no day."""
        first, last = max(since, self.since or date.min), min(until, self.until or date.max)
        if first > last:
            return None
        return replace(self, since=None if first == date.min else first, until=None if last == date.max else last)

    def describe(self) -> str:
        """The filters as the reader writes them in a question: "source:CNN since:2022-02-01"."""
        parts = [f"source:{_quoted(source)}" for source in self.sources]
        parts += [f"language:{language}" for language in self.languages]
        parts += [f"since:{self.since}"] if self.since else []
        parts += [f"until:{self.until}"] if self.until else []
        return " ".join(parts)


def _quoted(value: str) -> str:
    return f'"{value}"' if any(character.isspace() for character in value) else value


def parse_day(value: str, name: str) -> date:
    """A filter's day written as YYYY-MM-DD; a FilterError naming the filter otherwise.

    A day written right that does not exist is told why ("February 2022 has 28 days"),
    not asked to be written as it already is.
    """
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        if written := _DAY_SHAPE.fullmatch(value.strip()):
            year, month = int(written.group(1)), int(written.group(2))
            if not 1 <= month <= 12:
                why = f"there is no month {written.group(2)}"
            elif year < 1:
                why = f"there is no year {written.group(1)}"
            elif int(written.group(3)) < 1:
                why = f"there is no day {written.group(3)}"
            else:
                why = f"{date(year, month, 1):%B %Y} has {calendar.monthrange(year, month)[1]} days"
            raise FilterError(f"{name}:{value} is not a date: {why}") from None
        raise FilterError(f"{name}:{value} is not a date; write it as YYYY-MM-DD, e.g. {name}:2022-02-01") from None


_DAY_SHAPE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


# Filters written in a question: "source:CNN", 'source:"Fox Business"' (curly quotes too),
# "since:2022-02-01", with Indonesian names too (sumber, bahasa, sejak, hingga). A name followed
# by a space ("Language: what does Russia want?") is ordinary text.
_WRITTEN = re.compile(
    r'(?<!\S)(source|sumber|language|lang|bahasa|since|sejak|until|hingga):(?:["“„«]([^"”“»]*)["”“»]?|(\S+))',
    re.IGNORECASE,
)
_NAMES = {"sumber": "source", "lang": "language", "bahasa": "language", "sejak": "since", "hingga": "until"}
_TRAILING = "?.,!;:)"  # the sentence's punctuation after an unquoted value


def split_filters(text: str) -> tuple[str, Filters]:
    """The question without the filters written in it, and those filters; a FilterError naming a bad one."""
    values: dict[str, list[str]] = {"source": [], "language": [], "since": [], "until": []}
    for match in _WRITTEN.finditer(text):
        name = _NAMES.get(match.group(1).lower(), match.group(1).lower())
        quoted = match.group(2)
        value = quoted.strip() if quoted is not None else match.group(3).rstrip(_TRAILING)
        if not value:
            raise FilterError(f"{name}: needs a value, e.g. {name}:{_EXAMPLES[name]}")
        values[name].append(value)
    for name in ("since", "until"):
        if len(values[name]) > 1:
            raise FilterError(f"{name}: is given twice ({', '.join(values[name])})")
    filters = Filters(
        since=parse_day(values["since"][0], "since") if values["since"] else None,
        until=parse_day(values["until"][0], "until") if values["until"] else None,
        sources=tuple(values["source"]),
        languages=tuple(language.lower() for language in values["language"]),
    )
    question = _WRITTEN.sub(lambda m: _punctuation_after(m), text)
    return re.sub(r"\s+([?.!,])", r"\1", " ".join(question.split())), filters


def both_filters(given: Filters, written: Filters) -> Filters:
    """The limits of both the command line's ``given`` filters and those ``written`` in the question.

    Outlets (case aside) and languages of either count, and the articles either keeps; a
    day set by both must be the same day, else a FilterError names the two ("since: is
    given twice (2022-02-01, 2022-02-10)").
    """
    days: dict[str, date | None] = {}
    for name in ("since", "until"):
        first, second = getattr(given, name), getattr(written, name)
        if first is not None and second is not None and first != second:
            raise FilterError(f"{name}: is given twice ({first.isoformat()}, {second.isoformat()})")
        days[name] = first if first is not None else second
    sources: dict[str, str] = {}  # each outlet once, as first written
    for source in (*given.sources, *written.sources):
        sources.setdefault(source.casefold(), source)
    return Filters(
        since=days["since"],
        until=days["until"],
        sources=tuple(sources.values()),
        languages=tuple(dict.fromkeys((*given.languages, *written.languages))),
        articles=given.articles | written.articles,
    )


def _punctuation_after(match: re.Match[str]) -> str:
    """What of a filter stays in the question: the sentence's punctuation after an unquoted value."""
    unquoted = match.group(3)
    return " " + unquoted[len(unquoted.rstrip(_TRAILING)) :] if unquoted else " "


_EXAMPLES = {"source": "CNN", "language": "id", "since": "2022-02-01", "until": "2022-02-24"}

__all__ = ["DayRange", "FilterError", "Filters", "both_filters", "parse_day", "split_filters"]
