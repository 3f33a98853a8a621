"""The days an event is dated to from the reports closest to it, previews and look-backs weeks off left out."""

from __future__ import annotations

from datetime import date

from index.event_dating import clustered


def test_a_report_weeks_from_the_others_does_not_date_the_event():
    # The lone Indonesian article of 2 February against four reports of the recognition.
    days = [date(2022, 2, 23), date(2022, 2, 2), date(2022, 2, 22), date(2022, 2, 23), date(2022, 2, 22)]
    assert clustered(days) == [date(2022, 2, 22), date(2022, 2, 22), date(2022, 2, 23), date(2022, 2, 23)]


def test_reports_of_the_days_around_the_event_all_count():
    days = [date(2022, 1, 10), date(2022, 1, 9), date(2022, 1, 12), date(2022, 1, 23)]
    assert clustered(days) == sorted(days)  # within two weeks of the median, the 10th


def test_no_reports_date_nothing():
    assert clustered([]) == []
