"""The words saying how far before or after an event a question places itself."""

from __future__ import annotations

import pytest

from index.event_offsets import offset_start


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("Two days", "Two days"),
        ("What did Biden say two days", "two days"),
        ("Sekitar sepuluh hari", "Sekitar sepuluh hari"),  # about ten days
        ("Apa kata Lavrov dua belas hari", "dua belas hari"),  # twelve, two words in Indonesian
        ("What happened twenty-one days", "twenty-one days"),
        ("Whom did the White House blame, a few days", "a few days"),
        ("Seminggu lebih", "Seminggu lebih"),  # more than a week
        ("Sepekan", "Sepekan"),
        ("What did Biden promise Zelensky in their call the day", "the day"),
        ("In the weeks", "In the weeks"),
        ("more than a week", "more than a week"),
        ("What was said a week or so", "a week or so"),
        ("Sesaat", "Sesaat"),  # a moment
        ("Right", "Right"),
        ("48 hours", "48 hours"),
    ],
)
def test_the_offset_before_an_event_word_is_found_in_either_language(text: str, offset: str):
    start = offset_start(text)
    assert start is not None and text[start:] == offset


@pytest.mark.parametrize("text", ["Apa yang terjadi", "What happened", "What happened this week", "Berapa hari", ""])
def test_words_that_name_no_offset_are_none(text: str):
    assert offset_start(text) is None
