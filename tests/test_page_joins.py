"""A flattened page's ", " joins and glued datelines are left out where a reader sees the text.

Abbreviations keep their commas, and brackets the text writes stay.
"""

from __future__ import annotations

import pytest

from bot.presenting import render_plain
from index.answer import Answer, AnswerSentence, Citation
from index.documents import Article, Chunk, Hit
from index.page_joins import as_read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (  # a sentence run into the next with ", "
            '"Threat remains dead," he said., Sen. Ted Cruz of Texas also spoke.',
            '"Threat remains dead," he said. Sen. Ted Cruz of Texas also spoke.',
        ),
        (  # after a closing quotation mark
            'Bucharest Nine format as well as Ukraine.", The Bucharest Nine is a group.',
            'Bucharest Nine format as well as Ukraine." The Bucharest Nine is a group.',
        ),
        (", Stock futures were higher.\n\n, Oil rose.", "Stock futures were higher.\n\nOil rose."),
        # a dateline glued to the report's first word, alone or after its place
        ("(CNN)The State Department announced it.", "The State Department announced it."),
        (
            "New York (CNN Business)On a wild day on Wall Street, stocks rose.",
            "On a wild day on Wall Street, stocks rose.",
        ),
        (
            "Oil rose.\n\nKyiv, Ukraine (CNN)The morning after, shops opened.",
            "Oil rose.\n\nThe morning after, shops opened.",
        ),
        ("New Delhi/Beijing   (CNN Business)Chinese live-streamers sold out.", "Chinese live-streamers sold out."),
    ],
)
def test_the_joins_are_left_out(text: str, read: str) -> None:
    assert as_read(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "Talks between the U.S., European and Russian officials.",
        "Shares of Apple Inc., Google and Amazon fell.",
        "Shares of Microsoft Corp., Alphabet Inc. and Warner Bros., Disney fell.",
        "Oil, gas, wheat etc., The report said.",
        "The company is based in Sacramento, Calif., Reuters reported.",
        "(AP) A spokesman said the talks would resume.",  # a dateline the text spaces is the text's own
        "Talks at the Organization for Security and Cooperation in Europe (OSCE)Vienna office.",  # a line's middle
    ],
)
def test_commas_that_belong_to_the_text_stay(text: str) -> None:
    assert as_read(text) == text


def test_the_command_lines_sources_leave_them_out() -> None:
    text = ", The talks ended., Both sides agreed to meet again."
    article = Article(doc_id="talks", title="Talks", text=text, date="2022-01-14", source="CNN")
    hit = Hit(row=0, chunk=Chunk("talks", 0, 0, len(text), text), article=article, score=1.0, dense=0.5, lexical=1.0)
    answer = Answer("Did the talks end?", True, [AnswerSentence("The talks ended.", 1)], [Citation(1, hit)], "fake")
    assert "    > The talks ended. Both sides agreed to meet again." in render_plain(answer).splitlines()
