"""The days an event is dated to from the reports closest to it, previews and look-backs weeks off left out."""

from __future__ import annotations

from datetime import date

import pytest

from index.documents import Article
from index.event_dating import ReportVote, agreed_days, clustered, day_given, day_told_by, days_voted


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


def report_of(published: str) -> Article:
    return Article(doc_id="report", title="", text="", date=published, source="CNN", language="en")


def test_a_sentence_telling_of_the_event_gives_the_day_it_names_else_its_reports():
    assert day_given("On Sunday, the State Department ordered families to leave.", report_of("2022-01-24")) == (
        "2022-01-23"
    )
    assert day_given("Putin recognized the two breakaway regions of Ukraine.", report_of("2022-02-22")) == "2022-02-22"


def test_a_preview_of_the_event_gives_no_day_unless_it_names_one():
    assert day_given("The NATO-Russia Council will convene in Brussels.", report_of("2022-01-10")) == ""
    assert day_given("On Wednesday, the NATO-Russia Council will convene.", report_of("2022-01-10")) == "2022-01-12"


@pytest.mark.parametrize(
    "sentence",
    [
        'A Russian invasion of Ukraine could begin "any day now," Jake Sullivan said Friday.',
        "Biden said on Thursday that the possibility of an invasion remained very high.",
        'Psaki said Russia was in a position to launch an invasion "at any point."',
        "Sullivan pada hari Jumat mengatakan invasi Rusia bisa terjadi sewaktu-waktu.",
        "Mungkin invasi dimulai pada hari Rabu, kata Sullivan.",
    ],
)
def test_before_an_event_a_warning_that_it_could_come_dates_nothing(sentence: str):
    assert day_given(sentence, report_of("2022-02-12"), warnings_date=False) == ""
    # After an event, the event may be the warning itself ("After Sullivan warned that ...").
    assert day_given(sentence, report_of("2022-02-12"), warnings_date=True)


def test_what_could_not_be_done_happened():
    failed = "US and Russian diplomats could not bridge their differences in Geneva on Monday."
    assert day_given(failed, report_of("2022-01-11"), warnings_date=False) == "2022-01-10"


def test_a_condition_or_a_threat_beside_what_happened_does_not_make_it_a_warning():
    # Biden on the recognition of the regions, and the order of 23 January with its reason.
    beginning = (
        "This is the beginning of a Russian invasion, he said, adding that sanctions follow if Russia escalates."
    )
    assert day_given(beginning, report_of("2022-02-22"), warnings_date=False) == "2022-02-22"
    ordered = "On Sunday, the State Department ordered families to leave, citing the threat of Russian military action."
    assert day_given(ordered, report_of("2022-01-24"), warnings_date=False) == "2022-01-23"


def test_after_an_event_only_the_reports_about_as_close_as_the_closest_vote():
    # "Russia rescinded its pledge to pull troops back from Ukraine's northern border": the report
    # telling it, then January's reports on troops at the border, much further off to E5.
    reports = [
        ReportVote(0.944, "2022-02-20", "en"),
        ReportVote(0.869, "2022-01-16", "en"),
        ReportVote(0.856, "2021-12-17", "en"),
    ]
    assert days_voted(reports, only_the_closest=True) == [day(2, 20)]
    assert days_voted(reports) == [day(2, 20), day(1, 16), date(2021, 12, 17)]


def test_a_report_within_the_margin_of_the_closest_still_votes():
    reports = [ReportVote(0.904, "2022-02-22", "en"), ReportVote(0.86, "2022-02-23", "en")]
    assert days_voted(reports, only_the_closest=True) == [day(2, 22), day(2, 23)]


def test_the_closest_report_of_each_language_sets_that_languages_margin():
    # An Indonesian event: E5 rates the lone Indonesian article closer than any English report,
    # which still vote by how close they are to the closest English one.
    reports = [
        ReportVote(0.90, "2022-02-02", "id"),
        ReportVote(0.86, "2022-01-16", "en"),
        ReportVote(0.84, "2022-01-17", "en"),
        ReportVote(0.80, "2022-02-22", "en"),
    ]
    assert days_voted(reports, only_the_closest=True) == [day(2, 2), day(1, 16), day(1, 17)]


def test_a_report_giving_no_day_gives_none():
    assert days_voted([ReportVote(0.9, "", "en"), ReportVote(0.89, "2022-02-22", "en")], only_the_closest=True) == [
        day(2, 22)
    ]


def test_the_day_an_event_was_told_is_the_one_most_close_reports_give_not_a_stray_earlier_one():
    # "Putin mengakui wilayah separatis": one report of the 12th among three of the 22nd.
    reports = [ReportVote(0.86, "2022-02-12", "en")] + [ReportVote(0.85, "2022-02-22", "en")] * 3
    assert day_told_by(reports) == day(2, 22)


def test_the_closest_report_alone_that_close_tells_the_day():
    reports = [ReportVote(0.944, "2022-02-20", "en"), ReportVote(0.869, "2022-01-16", "en")]
    assert day_told_by(reports) == day(2, 20)


def test_the_lone_article_of_another_language_does_not_keep_the_closest_report_from_standing_alone():
    reports = [ReportVote(0.944, "2022-02-20", "en"), ReportVote(0.9, "2022-02-02", "id")]
    assert day_told_by(reports) == day(2, 20)


@pytest.mark.parametrize(
    "reports",
    [
        # "The invasion", which the coverage only warns of: five close reports, five days.
        [ReportVote(0.86, f"2022-0{month}-{d:02d}", "en") for month, d in ((2, 12), (1, 25), (2, 22), (1, 20), (2, 3))],
        # Most tell it as only possible (no day); one gives a day.
        [ReportVote(0.888, "", "en"), ReportVote(0.887, "", "en"), ReportVote(0.872, "2022-02-12", "en")],
        # Two reports for one day, two for another.
        [ReportVote(0.86, d, "en") for d in ("2022-02-12", "2022-02-22", "2022-02-12", "2022-02-22")],
        [],
    ],
)
def test_close_reports_that_do_not_agree_tell_no_day(reports: list[ReportVote]):
    assert day_told_by(reports) is None
