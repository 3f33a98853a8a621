"""How a story developed: its dated developments over the time asked, oldest first, one a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.answer import answer_question
from index.embedder import LoadedEncoder
from index.question_time import AskedTime, asked_time
from index.story_course import asked_course
from tests.helpers.wire import Report, wire_searcher

NEWEST = date(2022, 2, 24)
REPORTS: list[Report] = [
    (
        "opening",
        "Security talks open in Geneva",
        "2022-01-10T20:00:00",
        "The security talks between the two delegations opened in Geneva on Monday with eight hours of "
        "discussion. The security talks are the first of three meetings planned this week.",
    ),
    (
        "council",
        "Alliance council meets",
        "2022-01-12T20:00:00",
        "The alliance council met the delegation in Brussels on Wednesday for the second round of security talks.",
    ),
    (
        "vienna",
        "Third round in Vienna",
        "2022-01-13T20:00:00",
        "On Thursday the security talks moved to Vienna, where the third round ended without agreement.",
    ),
    (
        "plans",
        "More security talks planned",
        "2022-01-14T12:00:00",
        "The delegations will hold more security talks in March, officials said.",
    ),
    (
        "february",
        "Security talks called off",
        "2022-02-22T12:00:00",
        "The foreign minister called off the next round of security talks on Tuesday.",
    ),
    (
        "background",
        "What the security talks are",
        "2022-01-13T08:00:00",
        "The security talks are a format of security talks between the two delegations, set up in 2021.",
    ),
    ("weather", "Snow in the north", "2022-01-11T12:00:00", "Snow fell across the north on Tuesday."),
]
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _time(question: str, language: str = "en") -> AskedTime | None:
    return asked_time(question, language, NEWEST, date(2021, 12, 1))


@pytest.mark.parametrize(
    ("question", "language", "topic"),
    [
        ("How did the talks evolve in January?", "en", "the talks"),
        ("How has the Nord Stream 2 dispute developed?", "en", "the Nord Stream 2 dispute"),
        ("How did oil prices unfold between February 14 and 18?", "en", "oil prices"),
        ("What was the timeline of the embassy evacuations?", "en", "the embassy evacuations"),
        ("Bagaimana perkembangan sanksi selama Februari?", "id", "sanksi"),
        ("Bagaimana jalannya perundingan pada bulan Januari?", "id", "perundingan"),
        ("Bagaimana harga minyak berkembang?", "id", "harga minyak"),
        ("Kronologi evakuasi kedutaan?", "id", "evakuasi kedutaan"),
        # Where a story stands now, or one fact of it, is not how it went.
        ("Bagaimana perkembangan terbaru negosiasi?", "id", None),
        ("What is the latest on the talks?", "en", None),
        ("How did the talks in Geneva end?", "en", None),
        ("What did the delegations discuss in January?", "en", None),
    ],
)
def test_a_question_asking_how_a_story_went_names_its_topic_without_its_time(
    question: str, language: str, topic: str | None
):
    assert asked_course(question, _time(question, language)) == topic


def test_how_a_story_went_is_its_developments_of_that_time_oldest_first(multilingual: LoadedEncoder, tmp_path: Path):
    # Matched to its words, the question was answered with one report's sentences. The
    # plan for March and February's cancellation are not of January; the snow is not the
    # talks; on 13 January the third round is told, not the format's description.
    with wire_searcher(REPORTS, multilingual, tmp_path) as searcher:
        answer = answer_question("How did the security talks evolve in January?", searcher, 5)
    assert answer.found
    assert [(sentence.day, sentence.text.split()[:3]) for sentence in answer.sentences] == [
        ("2022-01-10", ["The", "security", "talks"]),
        ("2022-01-12", ["The", "alliance", "council"]),
        ("2022-01-13", ["On", "Thursday", "the"]),
    ]
    assert answer.time is not None
    assert (answer.time.since, answer.time.until) == (date(2022, 1, 1), date(2022, 1, 31))
    cited = {citation.hit.article.doc_id for citation in answer.citations}
    assert cited == {"opening", "council", "vienna"}


def test_the_lines_kept_tell_what_happened_on_their_day(multilingual: LoadedEncoder, tmp_path: Path):
    # Asked of the whole coverage with room for two lines, of the five days with one: two
    # whose line names the day of what it tells, in the order they happened. The line
    # describing the format names none, nor does the plan for March, which did not happen.
    with wire_searcher(REPORTS, multilingual, tmp_path) as searcher:
        answer = answer_question("How did the security talks evolve?", searcher, 2)
    days = [sentence.day for sentence in answer.sentences]
    assert len(days) == 2
    assert days == sorted(days)
    assert all(any(weekday in sentence.text for weekday in _WEEKDAYS) for sentence in answer.sentences)
