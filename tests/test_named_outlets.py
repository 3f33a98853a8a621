"""The outlet a question names as its source, and answers from it."""

from __future__ import annotations

import pytest

from index.named_outlets import named_outlet, shorter_names

OUTLETS = ["MarketWatch", "Fox Business", "CNN", "The New York Times", "BBC News", "CNBC", ""]


@pytest.mark.parametrize(
    ("question", "outlet"),
    [
        ("Menurut MarketWatch, berapa poin Dow Jones merosot?", "MarketWatch"),
        ("How dependent is the EU on Russian gas, according to CNN Business?", "CNN"),  # CNN's business desk
        ("How much had gas prices gone up, according to the BBC piece on energy bills?", "BBC News"),
        ("Menurut The New York Times, pemerintah mana saja di Asia membatasi ekspor?", "The New York Times"),
        ("What did the New York Times report about sanctions?", "The New York Times"),
        ("How long has Kim ruled, per the CNN analysis?", "CNN"),
        # Named, but not as the source: a reporter, an interview, a word.
        ("What did CNN's Jake Tapper ask McCaul?", None),
        ("What did Biden tell CNN?", None),
        ("Menurut laporan, berapa tentara Rusia di perbatasan?", None),
        ("According to CNN and the BBC, what happened?", None),  # two: neither alone
        ("according to the bbc, what happened?", "BBC News"),  # typed in lower case
        ("What does CNN say about the sanctions?", "CNN"),
        # An ordinary word that begins an outlet's name names no outlet in a question.
        ("New reports say what about Russian troops?", None),
        ("According to New York officials, what happened?", None),
    ],
)
def test_the_outlet_a_question_names_as_its_source_is_read(question: str, outlet: str | None):
    assert named_outlet(question, OUTLETS) == outlet


def test_the_longer_of_two_outlets_sharing_words_is_the_one_named():
    assert named_outlet("Menurut CNN Indonesia, berapa tentara Rusia?", [*OUTLETS, "CNN Indonesia"]) == "CNN Indonesia"
    assert named_outlet("Menurut CNN, berapa tentara Rusia?", [*OUTLETS, "CNN Indonesia"]) == "CNN"


def test_an_outlet_goes_by_its_first_words_but_in_prose_not_by_an_ordinary_word():
    assert shorter_names("The New York Times") == ["the new york times", "new york times", "new york", "new"]
    assert shorter_names("The New York Times", in_prose=True) == ["the new york times", "new york times"]
    assert shorter_names("Fox Business", in_prose=True) == ["fox business"]  # source:Fox still finds it
    assert shorter_names("BBC News", in_prose=True) == ["bbc news", "bbc"]
