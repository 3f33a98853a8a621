"""Timelines over a small corpus: what a report tells as a sequence stays one sequence."""

from __future__ import annotations

import json
from pathlib import Path

from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.search import Searcher
from index.timeline import build_timeline
from index.versions import DataDir

REPORTS = [
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


def test_a_step_a_report_tells_between_two_listed_steps_is_listed_on_its_day(
    multilingual: LoadedEncoder, tmp_path: Path
):
    # Alone, "the alliance's council will gather in Brussels" is too far from the topic to
    # be a line; told between the Geneva and Vienna talks, on a day between theirs, it is one.
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": key, "title": title, "date": day, "source": "Wire", "language": "en", "text": text})
            + "\n"
            for key, title, day, text in REPORTS
        )
    )
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, multilingual, BuildConfig())
    searcher = Searcher.open_current(data, multilingual.encoder)
    try:
        timeline = build_timeline("talks between the US and Russia", searcher)
    finally:
        searcher.close()
    assert [(line.day, line.sentence.split(",")[0]) for line in timeline.lines] == [
        ("2022-01-10", "US and Russian diplomats opened security talks in Geneva on Monday"),
        ("2022-01-12", "Two days later"),
        ("2022-01-13", "The US and Russia will continue the security talks in Vienna on Thursday at the OSCE."),
    ]
