"""How a story developed: its dated developments over the time asked, oldest first, one a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.answer import answer_question
from index.embedder import LoadedEncoder
from index.question_time import AskedTime, asked_time
from index.story_course import asked_course, chosen_lines
from index.timeline import TimelineLine
from tests.helpers.wire import Report, wire_searcher

NEWEST = date(2022, 2, 24)
REPORTS: list[Report] = [
    (
        "opening",
        "Security talks open in Geneva",
        "2022-01-10T20:00:00",
        "The security talks opened in Geneva on Monday. The security talks are the first of three meetings planned "
        "this week.",
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
        "On Tuesday the minister cancelled a meeting on the security talks planned in Geneva.",
    ),
    (
        "background",
        "What the security talks are",
        "2022-01-13T08:00:00",
        "The security talks are a format of security talks between the two delegations, set up in 2021.",
    ),
    ("weather", "Snow in the north", "2022-01-11T12:00:00", "Snow fell across the north on Tuesday."),
]
# A second outlet tells the third round too: the day two outlets told outranks closer lines.
AGENCY_REPORT: Report = (
    "agency",
    "Vienna round ends",
    "2022-01-13T21:00:00",
    "In Vienna on Thursday, the third round of the security talks ended with no agreement.",
)
OUTLETS = {"agency": "Agency"}
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
        ("How did Russia develop its military presence near Ukraine?", "en", None),  # how, not how it went
        ("How did analysts expect the crisis to unfold?", "en", None),  # a forecast
        ("What is the timeline for the Fed to raise rates?", "en", None),  # when
        ("How did oil prices evolve on February 22?", "en", None),  # one day: what happened that day
        # Calendar words are found and taken out of the topic, as dates are (until the
        # forty-seventh session they were not, and the question was not taken).
        ("Bagaimana perkembangan sanksi bulan lalu?", "id", "sanksi"),
        ("How did the sanctions develop over the past week?", "en", None),  # the latest: where they stand
        ("Menurut CNN, bagaimana perkembangan sanksi?", "id", "sanksi"),
        ("According to CNN, how did the sanctions develop?", "en", "the sanctions"),
        ("Give me a timeline of the sanctions", "en", "the sanctions"),
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


def test_the_days_kept_are_those_more_outlets_told_then_those_naming_their_day(
    multilingual: LoadedEncoder, tmp_path: Path
):
    # With room for one line of January's three days, the third round, which two outlets
    # told, not the opening, which is older and closer to the topic.
    with wire_searcher([*REPORTS, AGENCY_REPORT], multilingual, tmp_path, OUTLETS) as searcher:
        answer = answer_question("How did the security talks evolve in January?", searcher, 1)
    assert [sentence.day for sentence in answer.sentences] == ["2022-01-13"]
    assert any(weekday in answer.sentences[0].text for weekday in _WEEKDAYS)


def test_asked_of_no_time_how_a_story_went_ends_where_it_stands(multilingual: LoadedEncoder, tmp_path: Path):
    # The whole coverage, with room for two lines: the round two outlets told, and the
    # newest day, February's cancellation, where the story stands, though the opening is
    # closer to the topic.
    with wire_searcher([*REPORTS, AGENCY_REPORT], multilingual, tmp_path, OUTLETS) as searcher:
        answer = answer_question("How did the security talks evolve?", searcher, 2)
    assert [sentence.day for sentence in answer.sentences] == ["2022-01-13", "2022-02-22"]


def test_a_sentence_already_shown_as_another_lines_context_is_not_shown_again():
    # "It is good to see ..." points back at who said it, so its line opens with that
    # sentence, which a report of the next day prints again as its own line.
    said = TimelineLine(
        "2022-02-23",
        '"It is good to see President Biden do the right thing," Sen. Jim Risch said.',
        [],
        context="After Biden enacted sanctions, some Republicans were complimentary.",
    )
    again = TimelineLine("2022-02-24", "After Biden enacted sanctions, some Republicans were complimentary.", [])
    other = TimelineLine("2022-02-25", "The sanctions took effect on Friday.", [])
    assert chosen_lines([said, again, other], 2, ends_now=False) == [said, other]
