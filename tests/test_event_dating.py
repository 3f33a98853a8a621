"""The days an event is dated to from the reports closest to it, previews and look-backs weeks off left out."""

from __future__ import annotations

from datetime import date

from index.event_dating import clustered


def day(month: int, day_of_month: int) -> date:
    return date(2022, month, day_of_month)


def test_a_report_weeks_from_the_others_does_not_date_the_event():
    # The lone Indonesian article of 2 February against four reports of the recognition.
    days = [day(2, 23), day(2, 2), day(2, 22), day(2, 23), day(2, 22)]
    assert clustered(days) == [day(2, 22), day(2, 22), day(2, 23), day(2, 23)]


def test_of_an_even_number_of_days_the_earlier_middle_one_is_the_median():
    # The median is the 10th, not the 20th: the 25th is 15 days after it, the 1st 9 before.
    assert clustered([day(1, 25), day(1, 1), day(1, 20), day(1, 10)]) == [day(1, 1), day(1, 10), day(1, 20)]


def test_a_day_two_weeks_from_the_median_counts_and_one_a_day_further_does_not():
    assert clustered([day(1, 10), day(1, 10), day(1, 24)]) == [day(1, 10), day(1, 10), day(1, 24)]
    assert clustered([day(1, 10), day(1, 10), day(1, 25)]) == [day(1, 10), day(1, 10)]


def test_no_reports_date_nothing():
    assert clustered([]) == []
