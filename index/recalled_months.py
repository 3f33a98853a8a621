"""Later reports that recall a month: "The annual inflation rate in Ukraine was steady at 10 percent in January".

Figures of a month are reported after it ends: Trading Economics gave Ukraine's inflation
"in January of 2022" on 10 February. A question asking of January ("What was Ukraine's
inflation in January 2022?") is answered by such a passage as by the reports of January
(index.answer), the way a later report naming a day answers for that day
(index.recalled_days). An earlier report naming the month tells what was to come.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache

from index.documents import Article
from index.question_time import AskedTime, TimeKind
from index.report_days import article_day

_MONTH_NAMES = {
    **{name: number for number, name in enumerate(calendar.month_name) if name},
    **dict(
        zip(
            (
                "Januari",
                "Februari",
                "Maret",
                "April",
                "Mei",
                "Juni",
                "Juli",
                "Agustus",
                "September",
                "Oktober",
                "November",
                "Desember",
            ),
            range(1, 13),
            strict=True,
        )
    ),
}
# Words that are also verbs: a month only before its day or year ("May 2022", "March 3").
_ALSO_WORDS = frozenset({"May", "March"})


# A month a span starts or ends at tells of the months after or before it: "the lowest since January".
_SPAN_EDGE = re.compile(
    r"\b(?:since|until|till|from|sejak|semenjak|hingga|sampai|dari)\s+(?:early\s+|mid-|late\s+)?$", re.I
)
# Another year than the report's named in words: "in January of last year", "Januari tahun lalu".
_OTHER_YEAR = re.compile(r"^,?\s+(?:of\s+)?(?:last|next)\s+year\b|^\s+tahun\s+(?:lalu|depan)\b", re.I)
# A month named without its year is told of only in the months just after it: a report of December
# naming "January" looks ahead to next month, not back eleven months.
_MONTHS_BACK = 3


@cache
def _month_pattern() -> re.Pattern[str]:
    """A month's name, capitalised, and the year or day after it if any: "January of 2022", "Februari 2022"."""
    names = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
    return re.compile(rf"\b({names})\b(?:,?\s+(?:of\s+)?((?:19|20)\d\d)\b|\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)?")


def whole_months(time: AskedTime) -> frozenset[tuple[int, int]]:
    """The (year, month) pairs a question's time spans whole, as "in January 2022" does; none for other times."""
    if time.kind is not TimeKind.PERIOD or time.since == date.min or time.until == date.max:
        return frozenset()
    last_day = calendar.monthrange(time.until.year, time.until.month)[1]
    if time.since.day != 1 or time.until.day != last_day:
        return frozenset()
    months: set[tuple[int, int]] = set()
    year, month = time.since.year, time.since.month
    while (year, month) <= (time.until.year, time.until.month):
        months.add((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return frozenset(months)


def recalls_month(text: str, article: Article, time: AskedTime) -> bool:
    """Whether a report after ``time`` tells, in ``text``, of a month that ``time`` spans whole.

    A month named without its year is the last one before the report's day ("January" in a
    report of 10 February 2022 is January 2022), within :data:`_MONTHS_BACK` months of it.
    A month starting or ending a span ("the lowest since January") or of another year in
    words ("in January of last year") does not count.
    """
    months = whole_months(time)
    day = article_day(article)
    if not months or not day or date.fromisoformat(day) <= time.until:
        return False
    written_on = date.fromisoformat(day)
    for match in _month_pattern().finditer(text):
        name, year, day_number = match.groups()
        if name in _ALSO_WORDS and not (year or day_number):
            continue
        if _SPAN_EDGE.search(text[: match.start()]) or _OTHER_YEAR.match(text[match.end() :]):
            continue
        month = _MONTH_NAMES[name]
        if year:
            told = (int(year), month)
        else:
            told = (written_on.year, month) if month <= written_on.month else (written_on.year - 1, month)
            if (written_on.year - told[0]) * 12 + written_on.month - month > _MONTHS_BACK:
                continue
        if told in months:
            return True
    return False


__all__ = ["recalls_month", "whole_months"]
