"""A video's teaser opening a report is told from the report's own lead."""

from __future__ import annotations

import pytest

from index.documents import Article, Chunk, Hit
from index.video_teasers import in_teaser, teaser_end


@pytest.mark.parametrize(
    "opening",
    [
        "Former Navy Secretary John Smith argues the fleet is ready for a long standoff.",
        "Jane Roe, R-Ohio, weighs in on the pipeline decision on 'The Evening Show.'",
        "Market strategists Ann Lee and Bob Ray discuss the rally in energy stocks.",
        "Acme Corp. CEO Tom Brown provides insight on supply chains and the price of wheat.",
        "FOX Business host gives his take on the standoff and tax cuts on 'Kudlow.'",
        "Former ambassador to the U.K. John Doe weighs in on the sanctions.",
        "Rep. Jane Roe, R-N.C., discusses the aid package on 'Evening Edit.'",
        "Jane Roe, Acme Asset Management president, analyzes the sell-off.",
        "Acme Drilling CEO John Smith warns oil prices will soar if the standoff escalates.",
    ],
)
def test_a_guest_arguing_in_the_present_tense_is_a_teaser(opening: str):
    text = f"{opening}\n\nOil prices rose on Tuesday as traders weighed the risk of war."
    assert text[: teaser_end(text)] == opening


@pytest.mark.parametrize(
    "opening",
    [
        "Acme Motors says it has paused the delivery of its cars to Russia.",  # how the BBC opens its reports
        "A majority of economists argue that the central bank can afford to wait.",
        "The archives have asked the Justice Department to examine the records.",
        "Jane Doe is the editor of a newsletter which reports on the roots of crises.",
        "Stocks fell on Tuesday as the president warned of more sanctions.",
        "Stocks fell. The Fed warns of rate hikes.",  # no subject runs over a sentence's end
        "Police released new details on Tuesday about the attack.",
        "Investors await quarterly earnings reports from the banks.",
        "Russia warns the West against more sanctions.",
        "The European Central Bank warns of slower growth.",
        "But as the virus spreads, Dr Jane Roe warns the pandemic may force companies' hands.",
        "China's foreign ministry reacts angrily to the report.",
        "The fast food chain joins a growing list of western brands leaving Russia.",
        "The billionaire investor has proposed two candidates for the board. The company argues otherwise.",
        "Mr. Doe, the former commissioner, argues that the cuts open the way for tax cheats.",
    ],
)
def test_a_report_opening_with_its_news_has_no_teaser(opening: str):
    assert teaser_end(f"{opening}\n\nMore follows.") == 0


def test_a_later_passage_opening_with_a_teaser_is_one_only_when_it_begins_a_paragraph():
    text = "Stocks rose on Tuesday.\n\nAnalyst John Smith argues the rally will not last.\n\nOil fell."
    article = Article("a", "Markets", text)
    at_paragraph = text.index("Analyst")
    mid_paragraph = text.index("John")  # a passage cut in the caption's paragraph: "John Smith argues ..."
    begins, cut = (
        Hit(1, Chunk("a", 1, start, len(text), text[start:]), article, 0.0, 0.0, 0.0)
        for start in (at_paragraph, mid_paragraph)
    )
    assert in_teaser(begins, 0) and not in_teaser(begins, begins.chunk.text.index("Oil"))
    assert not in_teaser(cut, 0)


def test_a_teaser_further_down_a_report_is_a_teaser_and_the_report_around_it_is_not():
    text = "Stocks rose on Tuesday.\n\nAnalyst John Smith argues the rally will not last.\n\nOil fell on Tuesday."
    passage = Hit(1, Chunk("a", 1, 0, len(text), text), Article("a", "Markets", text), 0.0, 0.0, 0.0)
    assert in_teaser(passage, text.index("Analyst")) and in_teaser(passage, text.index("rally"))
    assert not in_teaser(passage, 0) and not in_teaser(passage, text.index("Oil"))
