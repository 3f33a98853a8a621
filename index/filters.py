"""What a reader limits answers to: a range of days, outlets, languages; and the days a question names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


class FilterError(ValueError):
    """A filter that cannot be applied: impossible dates, a range that ends before it starts, an unknown outlet."""


@dataclass(frozen=True)
class DayRange:
    """Reports about days ``since`` to ``until`` (inclusive), by the day they describe or were published on.

    ``late_days`` also admits reports published that many days after ``until`` (an evening's
    market report comes out after midnight UTC); ``keep_undated`` admits reports whose day is
    unknown, so a question's date never hides an answer only an undated article gives.
    """

    since: date = date.min
    until: date = date.max
    late_days: int = 0
    keep_undated: bool = False

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

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"since:{self.since} is after until:{self.until}")

    @property
    def active(self) -> bool:
        """Whether any field limits anything."""
        return bool(self.since or self.until or self.sources or self.languages)

    @property
    def days(self) -> DayRange | None:
        """The range of days, or None when neither end is set."""
        if not (self.since or self.until):
            return None
        return DayRange(self.since or date.min, self.until or date.max)

    def describe(self) -> str:
        """The filters as the reader writes them in a question: "source:CNN since:2022-02-01"."""
        parts = [f"source:{source}" for source in self.sources]
        parts += [f"language:{language}" for language in self.languages]
        parts += [f"since:{self.since}"] if self.since else []
        parts += [f"until:{self.until}"] if self.until else []
        return " ".join(parts)


def parse_day(value: str, name: str) -> date:
    """A filter's day written as YYYY-MM-DD; a FilterError naming the filter otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FilterError(f"{name}:{value} is not a date; write it as YYYY-MM-DD, e.g. {name}:2022-02-01") from None


__all__ = ["DayRange", "FilterError", "Filters", "parse_day"]
