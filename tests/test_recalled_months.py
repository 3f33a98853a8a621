"""Which later reports tell of a month a question asks about."""

from __future__ import annotations

from datetime import date

import pytest

from index.documents import Article
from index.question_time import AskedTime, TimeKind
from index.recalled_months import recalls_month, whole_months

JANUARY_2022 = AskedTime(date(2022, 1, 1), date(2022, 1, 31), TimeKind.PERIOD)
INFLATION = "The annual inflation rate in Ukraine was steady at 10 percent in January of 2022."


def _report(day: str) -> Article:
    return Article(doc_id="a", title="Ukraine Inflation Rate", text="", date=day)


def test_a_report_after_the_month_naming_it_tells_of_it():
    assert recalls_month(INFLATION, _report("2022-02-10"), JANUARY_2022)
    assert recalls_month("Inflasi Ukraina stabil pada Januari.", _report("2022-02-10"), JANUARY_2022)


def test_a_report_of_the_month_itself_or_before_it_does_not_recall_it():
    assert not recalls_month(INFLATION, _report("2022-01-31"), JANUARY_2022)  # one of January's own reports
    # Written in December, "talks in January" tell what was to come.
    assert not recalls_month("Talks are set for January.", _report("2021-12-30"), JANUARY_2022)


def test_a_month_without_its_year_is_the_last_one_before_the_report():
    # In a report of February 2023, "January" is January 2023.
    assert not recalls_month("Prices rose in January.", _report("2023-02-10"), JANUARY_2022)
    assert not recalls_month("Prices rose in January 2021.", _report("2022-02-10"), JANUARY_2022)


def test_a_month_a_span_starts_or_ends_at_or_of_another_year_is_not_recalled():
    report = _report("2022-03-09")
    assert not recalls_month("Inflation fell to its lowest since January.", report, JANUARY_2022)
    assert not recalls_month("Biden took office in January of last year.", _report("2022-02-03"), JANUARY_2022)
    assert recalls_month("Inflation rose to 10.7% in February from 10% in January.", report, JANUARY_2022)


def test_a_month_without_its_year_is_recalled_only_in_the_months_just_after_it():
    # In December, "January" is the month ahead, not January eleven months back.
    assert not recalls_month("Talks are planned for January.", _report("2022-12-20"), JANUARY_2022)
    assert recalls_month("Prices rose in January.", _report("2022-04-05"), JANUARY_2022)
    assert not recalls_month("Prices rose in January.", _report("2022-05-05"), JANUARY_2022)


def test_may_and_march_are_months_only_with_their_day_or_year():
    may = AskedTime(date(2022, 5, 1), date(2022, 5, 31), TimeKind.PERIOD)
    assert not recalls_month("May the talks go well.", _report("2022-06-10"), may)
    assert recalls_month("Sales fell in May 2022.", _report("2022-06-10"), may)


@pytest.mark.parametrize(
    "time",
    [
        AskedTime(date(2022, 1, 10), date(2022, 1, 31), TimeKind.PERIOD),  # part of a month: "late January"
        AskedTime(date(2022, 1, 1), date(2022, 1, 1), TimeKind.DAY),
        AskedTime(date(2022, 1, 1), date(2022, 1, 31), TimeKind.RECENT),
    ],
)
def test_only_whole_months_asked_are_recalled(time: AskedTime):
    assert not whole_months(time)
    assert not recalls_month(INFLATION, _report("2022-02-10"), time)


def test_a_span_of_months_holds_each_of_them():
    winter = AskedTime(date(2021, 12, 1), date(2022, 2, 28), TimeKind.PERIOD)
    assert whole_months(winter) == {(2021, 12), (2022, 1), (2022, 2)}
