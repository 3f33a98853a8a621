"""What followed an event: the story's developments of the next week, not the event or the plans announced before it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.embedder import LoadedEncoder
from index.filters import Filters
from index.question import read_question
from index.question_time import relative_event
from index.what_followed import asks_what_followed, lines_after
from tests.helpers.wire import Report, wire_searcher

MEETING_DAY = date(2022, 2, 21)  # Monday
REPORTS: list[Report] = [
    (
        "preview",
        "Ministers to meet in Geneva",
        "2022-02-18T12:00:00",
        "The foreign ministers of the two countries will meet in Geneva on Monday. "
        "After the foreign ministers meet in Geneva, their deputies will sign on Thursday a ceasefire accord, "
        "officials said.",
    ),
    (
        "meeting",
        "Ministers meet in Geneva",
        "2022-02-21T20:00:00",
        "The foreign ministers of the two countries met in Geneva on Monday and agreed to keep talking.",
    ),
    (
        "follow-up",
        "Deputies draft an accord",
        "2022-02-23T12:00:00",
        "On Wednesday, after the Geneva meeting of the foreign ministers, their deputies began drafting a ceasefire "
        "accord.",
    ),
    (
        "plans",
        "Accord to be signed Friday",
        "2022-02-22T12:00:00",
        "After the Geneva meeting of the foreign ministers, their deputies will sign the ceasefire accord on Friday.",
    ),
    ("weather", "Snow in the north", "2022-02-22T12:00:00", "Snow fell across the north on Tuesday."),
]


def _lines_after_meeting(encoder: LoadedEncoder, tmp_path: Path, filters: Filters) -> list[tuple[str, str]]:
    """(day, sentence) of what followed the ministers' meeting, over an index of ``REPORTS``."""
    with wire_searcher(REPORTS, encoder, tmp_path) as searcher:
        lines = lines_after("the foreign ministers met in Geneva", MEETING_DAY, searcher, filters, 5)
    return [(line.day, line.sentence) for line in lines]


def test_what_followed_is_the_next_development_not_the_event_nor_a_plan(multilingual: LoadedEncoder, tmp_path: Path):
    # The timeline also lists the meeting (21 February), the preview's accord "on Thursday"
    # (24 February, reported on the 18th) and the signing "on Friday" (25 February, reported
    # on the 22nd): none is what happened after the meeting.
    assert _lines_after_meeting(multilingual, tmp_path, Filters()) == [
        (
            "2022-02-23",
            "On Wednesday, after the Geneva meeting of the foreign ministers, their deputies began drafting a "
            "ceasefire accord.",
        )
    ]


def test_the_readers_dates_outside_the_week_after_leave_nothing(multilingual: LoadedEncoder, tmp_path: Path):
    assert _lines_after_meeting(multilingual, tmp_path, Filters(until=MEETING_DAY)) == []


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What happened after the Geneva talks?", True),
        ("Apa yang terjadi setelah perundingan Jenewa?", True),
        ("What did Biden say after the Geneva talks?", False),
        ("What happened in Kyiv after the Geneva talks?", False),
        ("What happened right after the Geneva talks?", True),
        ("What happened in the days after the Geneva talks?", True),
        ("Apa yang terjadi tak lama setelah perundingan Jenewa?", True),
        ("What happened two days after the Geneva talks?", False),
        ("Apa yang terjadi sehari setelah perundingan Jenewa?", False),
        ("What happened before the Geneva talks?", False),
    ],
)
def test_only_a_question_asking_what_happened_right_after_an_event_asks_what_followed(question: str, asks: bool):
    event = relative_event(question)
    assert event is not None and asks_what_followed(read_question(question), event) is asks
