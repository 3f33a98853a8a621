"""The outlet a question names as its source, and answers from it."""

from __future__ import annotations

import pytest

from index.named_outlets import named_outlet

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
    ],
)
def test_the_outlet_a_question_names_as_its_source_is_read(question: str, outlet: str | None):
    assert named_outlet(question, OUTLETS) == outlet
