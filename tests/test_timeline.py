"""Timelines: what a report tells as a sequence stays one sequence."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.documents import Article, Chunk, Hit
from index.embedder import LoadedEncoder
from index.report_days import named_day_of
from index.timeline import Timeline, _accounts, _between_in_order, build_timeline
from tests.helpers.wire import Report, wire_searcher

REPORTS: list[Report] = [
    (
        "week-of-talks",
        "Diplomats begin a week of talks",
        "2022-01-10T18:00:00",
        "US and Russian diplomats opened security talks in Geneva on Monday, with missiles and troops on the agenda. "
        "Two days later, the alliance's council will gather in Brussels. "
        "The US and Russia will continue the security talks in Vienna on Thursday at the OSCE.\n\n"
        "Analysts expect little progress.",
    ),
    ("markets", "Markets fall", "2022-01-11T12:00:00", "Stocks fell on Tuesday as oil prices rose."),
    ("weather", "Snow in the north", "2022-01-12T12:00:00", "Snow fell across the north on Wednesday."),
]


def _timeline_over(reports: list[Report], topic: str, encoder: LoadedEncoder, tmp_path: Path) -> Timeline:
    """The timeline of ``topic`` over an index of English ``reports`` (id, title, publication time, text)."""
    with wire_searcher(reports, encoder, tmp_path) as searcher:
        return build_timeline(topic, searcher)


def test_a_step_a_report_tells_between_two_listed_steps_is_listed_on_its_day(
    multilingual: LoadedEncoder, tmp_path: Path
):
    # Alone, "the alliance's council will gather in Brussels" is too far from the topic to
    # be a line; told between the Geneva and Vienna talks, on a day between theirs, it is one.
    timeline = _timeline_over(REPORTS, "talks between the US and Russia", multilingual, tmp_path)
    assert [(line.day, line.sentence.split(",")[0]) for line in timeline.lines] == [
        ("2022-01-10", "US and Russian diplomats opened security talks in Geneva on Monday"),
        ("2022-01-12", "Two days later"),
        ("2022-01-13", "The US and Russia will continue the security talks in Vienna on Thursday at the OSCE."),
    ]


def _hit(doc_id: str, position: int) -> Hit:
    article = Article(doc_id, "Talks", "", date="2022-01-10")
    return Hit(
        row=position, chunk=Chunk(doc_id, position, 0, 0, ""), article=article, score=0.0, dense=0.0, lexical=0.0
    )


def test_consecutive_passages_of_a_report_are_one_account_and_others_are_not():
    hits = [_hit("cnn", 4), _hit("cnn", 3), _hit("cnn", 6), _hit("bbc", 5)]
    read = [(0, [10, 11]), (1, [7, 8, 9]), (2, [14]), (3, [12, 13])]
    # Passages 3 and 4 of the CNN report join, in the report's order; 6 follows a gap; the BBC's is its own.
    assert _accounts(read, hits) == [[12, 13], [7, 8, 9, 10, 11], [14]]


@pytest.mark.parametrize(
    ("middle_day", "listed"),
    [
        ("2022-01-12", True),  # a step between the talks of the 10th and the meeting of the 13th
        ("2022-01-10", False),  # the same day as the step before: "On Monday, stocks fell."
        ("2022-01-15", False),  # out of the sequence's order
        ("", False),  # names no day
    ],
)
def test_a_step_is_listed_only_right_between_two_listed_ones_and_strictly_between_their_days(
    middle_day: str, listed: bool
):
    days = {0: "2022-01-10", 1: middle_day, 2: "2022-01-13", 3: "2022-01-14"}
    assert _between_in_order([[0, 1, 2, 3]], {0, 2}, days) == ({1} if listed else set())
    assert _between_in_order([[0, 3, 1, 2]], {0, 2}, days) == set()  # not right between two listed ones


def test_a_heading_or_link_in_capitals_is_no_development(multilingual: LoadedEncoder, tmp_path: Path):
    # Fox Business prints links to its other stories, in capitals, inside a report.
    reports = [
        (
            "banks",
            "Sanctions",
            "2022-02-22T20:00:00",
            "President Biden announced sanctions on two Russian banks on Tuesday.",
        ),
        (
            "stocks",
            "Markets",
            "2022-01-27T20:00:00",
            "Stocks swung on Thursday as investors weighed the Fed's plans.\n\n"
            "BIDEN ADMINISTRATION WEIGHING 'SEVERE' RUSSIA SANCTIONS IN CASE OF UKRAINE INVASION\n\n"
            "Treasury yields rose for a second day.",
        ),
    ]
    timeline = _timeline_over(reports, "sanctions on Russia", multilingual, tmp_path)
    assert timeline.lines  # the banks report
    assert not [line.text for line in timeline.lines if "BIDEN ADMINISTRATION WEIGHING" in line.text]


def test_a_line_pointing_back_is_read_after_the_sentence_it_points_at(multilingual: LoadedEncoder, tmp_path: Path):
    text = (
        "President Biden spoke at the White House on Tuesday.\n\n"
        "He said the United States would impose sanctions on two large Russian banks."
    )
    timeline = _timeline_over(
        [("wh", "Biden", "2022-02-22T20:00:00", text)], "sanctions on Russian banks", multilingual, tmp_path
    )
    assert [line.text for line in timeline.lines] == [
        "President Biden spoke at the White House on Tuesday. "
        "He said the United States would impose sanctions on two large Russian banks."
    ]
    assert timeline.lines[0].sentence.startswith("He said")  # the development, matched as before


def test_a_weekday_ending_a_span_dates_no_sentence():
    # A report of Friday 18 February: "since Monday" is where a rise began, not the day of anything it tells.
    report = Article(doc_id="wrap", title="Oil", text="", language="en", date="2022-02-18")
    assert named_day_of("Oil has risen since Monday.", report) == ""
    assert named_day_of("Harga naik sejak hari Senin dan turun Kamis.", report) == "2022-02-17"
