"""The days an event is dated to from the reports closest to it, previews and look-backs weeks off left out."""

from __future__ import annotations

from datetime import date

from index.event_dating import agreed_days, clustered


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


def test_two_reports_a_day_apart_date_an_event_and_scattered_ones_do_not():
    # Closest first: a report of the 2nd, then reports weeks apart, two of them on the 23rd and 24th.
    reported = [day(1, 9), day(2, 23)]
    assert agreed_days([day(2, 2), day(1, 9), day(2, 23), day(1, 16), day(2, 24)], reported) == [day(2, 23), day(2, 24)]
    assert agreed_days([day(2, 2), date(2021, 12, 17), day(1, 21), day(1, 16)], reported) == []
    assert agreed_days([], reported) == []


def test_of_two_agreeing_groups_the_one_around_the_closest_report_dates_the_event():
    # The year-end call of 30 December against two reports on the February call.
    days = [date(2021, 12, 30), day(2, 13), day(2, 13), day(2, 18), date(2021, 12, 29)]
    assert agreed_days(days, [date(2021, 12, 30), day(2, 13)]) == [date(2021, 12, 29), date(2021, 12, 30)]


def test_reports_agreeing_on_a_day_the_timeline_has_no_line_near_date_nothing():
    # The warnings of 11 and 12 February that the invasion could come "any day now".
    assert agreed_days([day(2, 12), day(2, 22), day(2, 11)], [day(1, 25), day(2, 20), day(2, 23)]) == []


def test_the_closest_reports_pair_wins_over_a_larger_group_further_down():
    days = [day(1, 23), day(2, 20), day(2, 21), day(1, 24), day(2, 21)]
    assert agreed_days(days, [day(1, 23), day(2, 21)]) == [day(1, 23), day(1, 24)]
