"""A quoted sentence that points back at the one before it is quoted with it, so that every quote stands alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.answer import answer_question
from index.continuations import points_back, quotes_with_context, read_alone
from index.documents import Article, Chunk, Hit
from index.sentence_pool import SentencePool
from tests.helpers.hits import one_passage_reports
from tests.helpers.one_article import searcher_over


@pytest.mark.parametrize(
    ("sentence", "language", "opens_paragraph", "expected"),
    [
        ("Itu juga sebagai langkah untuk membangun kepercayaan di berbagai forum.", "id", False, True),
        ("Salah satunya adalah melarang Ukraina bergabung dengan NATO.", "id", False, True),
        ("Namun, agar hal ini terjadi, para pejabat AS ingin memverifikasi kapasitas rudal.", "id", True, True),
        ("Mereka menolak tuntutan itu.", "id", True, True),
        ("Sementara itu, Rusia menempatkan pasukan di perbatasan.", "id", False, False),
        ("Pada tahun ini Rusia menempatkan pasukan di perbatasan.", "id", False, False),
        ("Salah satu pejabat AS mengatakan perundingan berlanjut.", "id", False, False),
        ("He said the talks were frank.", "en", True, True),
        ("However, for this to happen, officials want to verify the bases.", "en", True, True),
        ("One of them was a ban on NATO expansion.", "en", False, True),
        ("That's why the talks matter.", "en", False, True),
        # after a connective "that" is no conjunction, even opening a paragraph (the BBC's gas explainer)
        ("However, that could change quite rapidly if Russian gas becomes scarce.", "en", True, True),
        ("That Russia would move was clear to everyone.", "en", True, False),
        ("These tech stocks may have further to fall.", "en", True, False),
        ("But this week Russia moved more troops.", "en", False, False),
        ("Officials said that the talks were frank.", "en", False, False),
        ("The US offered limits on missiles.", "en", False, False),
        ("Il a dit que les pourparlers étaient francs.", "fr", False, False),
        ("That’s why the talks matter.", "en", False, True),  # a curly apostrophe
        ("This year’s declines were the steepest since 2008.", "en", False, False),
        ("Saat itu, Blinken mengatakan AS siap berdialog.", "id", False, True),  # "at that time": back
        ("Those who fled reached Poland.", "en", False, False),
        ("Menurutnya, sanksi itu akan berdampak besar.", "id", True, True),
        ("He declined.", "en-GB", False, True),
        ("", "en", False, False),
        ("But", "en", False, False),
        ("The 69-year-old is now worth an estimated $16 billion.", "en", True, True),  # the person just named
        ("The 69-year-old man was not named.", "en", False, False),
        ("The 30-year-old pipeline needs repairs.", "en", False, False),
        ("However, the 69-year-old's fortune fell by a third.", "en", True, True),
    ],
)
def test_a_sentence_points_back_when_it_opens_with_a_pronoun_or_demonstrative(
    sentence: str, language: str, opens_paragraph: bool, expected: bool
):
    assert points_back(sentence, language, opens_paragraph=opens_paragraph) is expected


OIL = (
    "Oil settled at $92.10 a barrel on Friday. It was the highest close since 2014.\n\n"
    "These tech stocks may have further to fall, traders warned."
)


def test_a_sentence_pointing_back_is_quoted_after_the_one_it_points_at(tmp_path: Path):
    searcher = searcher_over(tmp_path, OIL, title="Markets", date="2022-02-18")
    # The bag-of-words encoder rates "It was the highest close since 2014." best: only its words are asked.
    answer = answer_question("Was it the highest close since 2014?", searcher, 5)
    assert answer.found
    assert answer.sentences[0].text == "Oil settled at $92.10 a barrel on Friday. It was the highest close since 2014."


def test_a_chosen_sentence_right_after_a_quote_goes_on_with_it():
    pool = _pool("Blinken met Lavrov in Geneva. He said the talks were frank. Markets rose.", "Oil fell.")
    # "He said ..." brings the sentence it points back at; "Markets rose." follows it in one quote.
    assert _texts(pool, quotes_with_context([1, 2], pool, budget=3)) == [
        ["Blinken met Lavrov in Geneva.", "He said the talks were frank.", "Markets rose."]
    ]
    # Not past three sentences: a sentence after a full quote is a quote of its own.
    longer = _pool("Blinken met Lavrov in Geneva. He said the talks were frank. Markets rose. Oil fell.")
    assert _texts(longer, quotes_with_context([1, 2, 3], longer, budget=4)) == [
        ["Blinken met Lavrov in Geneva.", "He said the talks were frank.", "Markets rose."],
        ["Oil fell."],
    ]
    # Nor across paragraphs.
    parted = _pool("Blinken met Lavrov in Geneva. He said the talks were frank.\nMarkets rose.")
    assert _texts(parted, quotes_with_context([1, 2], parted, budget=3)) == [
        ["Blinken met Lavrov in Geneva.", "He said the talks were frank."],
        ["Markets rose."],
    ]
    # Only the last quote goes on: the third chosen sentence is not read before the second.
    two = _pool("Oil fell. Gold rose.", "Wheat rose.")
    assert _texts(two, quotes_with_context([0, 2, 1], two, budget=3)) == [
        ["Oil fell."],
        ["Wheat rose."],
        ["Gold rose."],
    ]


def test_a_chosen_sentence_opening_the_next_passage_of_a_paragraph_goes_on_with_the_quote_before():
    run_on = SentencePool.of(_article_passages("Oil fell. Gold rose.", "Wheat rose. Rice fell."))
    assert _texts(run_on, quotes_with_context([1, 2], run_on, budget=3)) == [["Gold rose.", "Wheat rose."]]
    parted = SentencePool.of(_article_passages("Oil fell. Gold rose.", "Wheat rose. Rice fell.", between="\n"))
    assert _texts(parted, quotes_with_context([1, 2], parted, budget=3)) == [["Gold rose."], ["Wheat rose."]]


def test_a_new_paragraph_opening_with_a_demonstrative_is_quoted_alone(tmp_path: Path):
    searcher = searcher_over(tmp_path, OIL, title="Markets", date="2022-02-18")
    answer = answer_question("Which tech stocks may have further to fall, traders warned?", searcher, 5)
    assert answer.found
    assert answer.sentences[0].text == "These tech stocks may have further to fall, traders warned."


def _pool(*passages: str) -> SentencePool:
    """The sentences of some English passages, one report each."""
    return SentencePool.of(one_passage_reports(list(passages), date="2022-01-10"))


def _texts(pool: SentencePool, quotes: list[list[int]]) -> list[list[str]]:
    return [[pool.sentences[i].text for i in quote] for quote in quotes]


def test_quotes_stay_within_the_answers_three_sentences():
    pool = _pool("Blinken met Lavrov in Geneva. He said the talks were frank. Markets rose.", "Oil fell. Gold rose.")
    # "He said ..." brings its antecedent; the third sentence still fits, the fourth does not.
    quotes = quotes_with_context([1, 3, 4], pool, budget=3)
    assert _texts(pool, quotes) == [["Blinken met Lavrov in Geneva.", "He said the talks were frank."], ["Oil fell."]]
    # With room for one sentence only, a continuation is quoted alone.
    assert _texts(pool, quotes_with_context([1], pool, budget=1)) == [["He said the talks were frank."]]


def test_a_quote_never_joins_two_passages_nor_repeats_a_quoted_text():
    background = "Russia has massed about 100,000 troops near Ukraine's border."
    pool = _pool(background, f"{background} It denies planning an invasion.")
    # The second report's "It denies ..." points back at the background the first report's quote holds.
    quotes = quotes_with_context([0, 2], pool, budget=3)
    assert _texts(pool, quotes) == [[background], ["It denies planning an invasion."]]
    # The first passage's sentence does not join the second's, though they follow each other in the pool.
    assert _texts(pool, quotes_with_context([1], pool, budget=3)) == [[background, "It denies planning an invasion."]]


def test_a_heading_in_capitals_is_never_quoted_as_what_a_sentence_points_back_at():
    # A link to another story, ending in no full stop, before a sentence that points back.
    pool = _pool(
        "UKRAINE RACING TO DOWNPLAY FEARS OF RUSSIA INVASION AS US SENDS MILITARY AID\n\n"
        "Yes, those troops should have been in NATO's countries weeks ago."
    )
    assert _texts(pool, quotes_with_context([1], pool, budget=3)) == [
        ["Yes, those troops should have been in NATO's countries weeks ago."]
    ]


def test_a_sentence_read_alone_comes_after_the_one_it_points_back_at_within_its_passage():
    pool = _pool("Blinken met Lavrov in Geneva. He said the talks were frank. Markets rose.", "He declined.")
    assert _texts(pool, [read_alone(1, pool), read_alone(2, pool), read_alone(3, pool)]) == [
        ["Blinken met Lavrov in Geneva.", "He said the talks were frank."],
        ["Markets rose."],
        ["He declined."],  # the first sentence of its passage: nothing before it to read
    ]


def test_what_a_named_speaker_said_next_is_quoted_after_them_when_no_chosen_sentence_is_left_out():
    pool = _pool(
        'Ryabkov was downbeat about the replies. "The replies miss what we need," he said. Talks ended.',
        "Oil fell. Gold rose.",
    )
    speech = ["Ryabkov was downbeat about the replies.", '"The replies miss what we need," he said.']
    assert _texts(pool, quotes_with_context([0, 3], pool, budget=3)) == [speech, ["Oil fell."]]
    # Quoting it would leave a chosen sentence out: the chosen ones come first.
    assert _texts(pool, quotes_with_context([0, 3, 4], pool, budget=3)) == [
        ["Ryabkov was downbeat about the replies."],
        ["Oil fell.", "Gold rose."],
    ]


def test_a_quote_pointing_back_goes_on_with_what_its_speaker_said_next_when_no_chosen_sentence_is_left_out():
    pool = _pool(
        "Rasa Juknevičienė is Lithuania's former defence minister. She said Putin is afraid of his people. "
        "She believes that now is the time to accelerate Ukraine's accession to NATO.",
        "Oil fell.",
    )
    # "She said ..." brings its antecedent, and her next words follow: what she thinks should happen.
    speech = [
        "Rasa Juknevičienė is Lithuania's former defence minister.",
        "She said Putin is afraid of his people.",
        "She believes that now is the time to accelerate Ukraine's accession to NATO.",
    ]
    assert _texts(pool, quotes_with_context([1], pool, budget=3)) == [speech]
    # Quoting them would leave a chosen sentence out: the chosen ones come first.
    assert _texts(pool, quotes_with_context([1, 3], pool, budget=3)) == [speech[:2], ["Oil fell."]]


def test_a_quote_goes_on_only_with_what_the_same_person_said():
    pool = _pool(
        "Rasa Juknevičienė is Lithuania's former defence minister. She said Putin is afraid of his people. "
        "He added that the talks were over.",
        'Oil fell. "The talks will fail," she said. "We are ready," he said.',
    )
    # "He added ..." is someone else's, after "She said ...": her quote ends with her words.
    assert _texts(pool, quotes_with_context([1], pool, budget=3)) == [
        ["Rasa Juknevičienė is Lithuania's former defence minister.", "She said Putin is afraid of his people."]
    ]
    assert _texts(pool, quotes_with_context([4], pool, budget=3)) == [['"The talks will fail," she said.']]


def _article_passages(*passages: str, between: str = " ") -> list[Hit]:
    """Consecutive passages of one English report, in that order, ``between`` each and the next in its text."""
    text = between.join(passages)
    starts = [text.index(passage) for passage in passages]
    article = Article("fox", "Russian oligarchs lose $32B", text, language="en", date="2022-02-24")
    return [
        Hit(i, Chunk("fox", i, start, start + len(passage), passage), article, 0.0, 0.8, 0.0)
        for i, (start, passage) in enumerate(zip(starts, passages, strict=True))
    ]


def test_a_sentence_opening_the_next_passage_continues_the_last_of_the_one_before():
    named = "Gennady Timchenko, an oligarch, has seen his fortune plunge by nearly one-third this year."
    aged = "The 69-year-old is now worth an estimated $16 billion."
    first, second = _article_passages(f"Oil fell. {named}", f"{aged} Markets fell.")
    # The pool holds the later passage first, as retrieval may rank it.
    pool = SentencePool.of([second, first])
    named_at = next(i for i, sentence in enumerate(pool.sentences) if sentence.text == named)
    aged_at = next(i for i, sentence in enumerate(pool.sentences) if sentence.text == aged)
    assert _texts(pool, quotes_with_context([named_at], pool, budget=3)) == [[named, aged]]
    assert _texts(pool, [read_alone(aged_at, pool)]) == [[named, aged]]
    # Without the passage before it retrieved, the sentence is read alone.
    alone = SentencePool.of([second])
    assert _texts(alone, quotes_with_context([0], alone, budget=3)) == [[aged]]
    # A passage opening a new paragraph does not go on from the one before ("It's hard to see ..." is no "it").
    first, second = _article_passages(f"Oil fell. {named}", f"{aged} Markets fell.", between="\n\n")
    apart = SentencePool.of([first, second])
    assert _texts(apart, quotes_with_context([1], apart, budget=3)) == [[named]]
