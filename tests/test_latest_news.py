"""A question that asks for the news and names no subject is told so by the newest reports."""

from __future__ import annotations

import pytest

from index.latest_news import asks_only_for_news
from index.question import read_question


@pytest.mark.parametrize(
    "question", ["What's the latest?", "Any news today?", "Apa perkembangan terbaru?", "Ada kabar terbaru?"]
)
def test_a_question_asking_only_for_news_is_recognised(question: str):
    assert asks_only_for_news(read_question(question))


@pytest.mark.parametrize(
    "question",
    ["What is the latest on the talks?", "Berita terkini soal Ukraina?", "What did the US offer on missiles?"],
)
def test_a_question_naming_a_subject_is_not(question: str):
    assert not asks_only_for_news(read_question(question))


def test_the_outlet_the_answer_comes_from_is_no_subject():
    question = read_question("What did CNN report?")
    assert asks_only_for_news(question, ["CNN"]) and not asks_only_for_news(question)
    assert asks_only_for_news(read_question("What did the New York Times say?"), ["The New York Times"])
