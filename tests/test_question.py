"""A question is read once: its language, terms and the words it writes as names."""

from __future__ import annotations

from datetime import date

import pytest

from index.question import names_in, read_question
from index.question_time import asked_time, relative_event
from tests.helpers.fake_encoder import HashedEncoder


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What did Putin say after meeting Macron in Moscow?", ["Putin", "Macron", "Moscow"]),
        ("Apakah Erdogan menawarkan diri menjadi mediator?", ["Erdogan"]),
        ("What did the US offer on missiles?", ["US"]),
        ("How many S-400 systems did Turkey's army buy?", ["S-400", "Turkey"]),
        ("Were 50-plus battalions sent in the 1990s or on the 10th?", []),
        ("Apa yang terjadi pada hari ke-10 pembicaraan?", []),
        ("Serangan siber apa pada 13-15 Januari?", []),  # a range of days
        ("Kapan Blinken bertemu Lavrov? Di mana mereka bertemu?", ["Blinken", "Lavrov"]),
        ("Baerbock's Kyiv visit?", ["Baerbock", "Kyiv"]),  # an opening word that owns something
        ("What's the latest? Who's there?", []),
        ("Tonight's talks? Nobody's sure.", []),  # days and pronouns own things too
        # An abbreviated title's or an initial's full stop ends no sentence; a short name's does.
        ("How many trainers, according to Gen. Jack Keane?", ["Gen", "Jack", "Keane"]),
        ("What did Sens. Jim Risch say?", ["Sens", "Jim", "Risch"]),
        ("Was John F. Kennedy named?", ["John", "F", "Kennedy"]),
        ("Who was in Kyiv. Then who left?", ["Kyiv"]),
    ],
)
def test_names_are_the_capitalised_words_past_the_opening_acronyms_and_numbers(question: str, names: list[str]):
    assert names_in(question) == names


def test_a_question_is_read_once_and_encoded_once_per_encoder():
    question = read_question("  Apa yang ditawarkan AS terkait rudal?  ")
    assert question.text == "Apa yang ditawarkan AS terkait rudal?" and question.language == "id"
    assert "rudal" in question.terms and question.names == ["AS"]
    encoder = CountingEncoder()
    first, second = question.vector(encoder), question.vector(encoder)
    assert first is second and encoder.calls == 1


def test_an_empty_question_is_refused():
    with pytest.raises(ValueError, match="the question is empty"):
        read_question("   ")


class CountingEncoder(HashedEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def encode_queries(self, texts):  # type: ignore[no-untyped-def]
        self.calls += 1
        return super().encode_queries(texts)


@pytest.mark.parametrize(
    ("shouted", "typed", "names"),
    [
        ("APA YANG DITAWARKAN AS TERKAIT RUDAL?", "Apa yang ditawarkan AS terkait rudal?", ["AS"]),
        ("WHAT DID MACRON SAY ABOUT THE SUMMIT?", "What did Macron Say about the Summit?", ["Macron", "Say", "Summit"]),
        ("WHAT IS THE UN DOING IN UKRAINE?", "What is the UN doing in Ukraine?", ["UN", "Ukraine"]),
        ("DI MANA PUTIN SEKARANG?", "Di mana Putin sekarang?", ["Putin"]),
        ("WHAT ABOUT THE S-400 AND G20?", "What about the S-400 and G20?", ["S-400", "G20"]),
    ],
)
def test_a_question_typed_in_capitals_is_read_as_typed_normally(shouted: str, typed: str, names: list[str]):
    # Ordinary words small, other words capitalised as names may be, two letters kept unless a function word.
    asked = read_question(shouted)
    assert (asked.text, asked.names) == (typed, names)


def test_the_month_of_a_question_typed_in_capitals_is_still_read():
    asked = read_question("APA KATA RUSIA AWAL FEBRUARI?")
    found = asked_time(asked.text, asked.language, date(2022, 2, 24))
    assert found is not None and (found.since, found.until) == (date(2022, 2, 1), date(2022, 2, 10))


@pytest.mark.parametrize(
    "question", ["NATO?", "NATO EU?", "STOLTENBERG?", "What did NATO and the EU say?", "Apa kata NATO?"]
)
def test_acronyms_and_short_shouts_keep_their_capitals(question: str):
    assert read_question(question).text == question


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("sanksi", "id"),  # Polish to the identifier alone
        ("invasi", "id"),  # Spanish
        ("Siapa Mike Sommers?", "id"),  # French
        ("Best pizza in New York?", "en"),  # Italian
        ("Who is Anne Neuberger?", "en"),  # German
    ],
)
def test_a_short_question_is_read_in_one_of_the_bots_languages(question: str, language: str):
    assert read_question(question).language == language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Welche Sicherheitsgarantien fordert Russland?", "de"),
        ("¿Qué ofreció Estados Unidos sobre los misiles?", "es"),
        ("Что предложили США по ракетам?", "ru"),
    ],
)
def test_a_question_plainly_in_another_language_keeps_it(question: str, language: str):
    assert read_question(question).language == language


@pytest.mark.parametrize("question", ["Kremlin", "Biden", "2022"])
def test_a_question_the_identifier_has_no_clue_about_has_no_language(question: str):
    # Every language scored alike; the first of them (Arabic) used to be taken.
    assert read_question(question).language == ""


def test_a_question_typed_with_double_spaces_places_itself_in_time_as_single_spaced():
    # "usai" after "sudah" is the verb (to end), however many spaces stand between them.
    asked = read_question("Apakah perundingan sudah  usai atau\nmasih berlangsung?")
    assert asked.text == "Apakah perundingan sudah usai atau masih berlangsung?"
    assert relative_event(asked.text) is None


def test_a_question_without_the_names_it_asks_about_keeps_what_it_asks_and_its_language():
    question = read_question("Menurut Rose Gottemoeller, apa yang janggal dari tank-tank Rusia?")
    asked = question.without(["Rose", "Gottemoeller"])
    assert asked.text == "Menurut, apa yang janggal dari tank-tank Rusia?"
    assert asked.language == question.language == "id"
    assert asked.terms == ["menurut", "janggal", "tank", "rusia"]
    # A possessive goes with its name; a longer word holding the name stays.
    possessive = read_question("What did Hill's memoir say about Hillary?").without(["Hill"])
    assert possessive.text == "What did memoir say about Hillary?"


@pytest.mark.parametrize(
    ("question", "names", "asked"),
    [
        # The report's lead introduces them by the same words ("Former Deputy Secretary General of NATO Rose
        # Gottemoeller"): left in, they made that lead the best sentence for anything asked of them.
        (
            "Kata mantan wakil sekjen NATO Rose Gottemoeller, ada apa dengan tank itu?",
            ["Gottemoeller"],
            "Kata mantan wakil sekjen, ada apa dengan tank itu?",
        ),
        ("Apa bukti yang ditunjukkan Menhan AS Lloyd Austin?", ["Austin"], "Apa bukti yang ditunjukkan?"),
        (
            "What did Jerome Powell and Christine Lagarde say about Europe?",
            ["Powell", "Lagarde"],
            "What did and say about Europe?",
        ),
        (
            "How many trainers are in Ukraine according to Gen. Jack Keane?",
            ["Gen", "Keane"],
            "How many trainers are in Ukraine according to?",
        ),
        (
            "Menurut Jenderal (Purn.) Jack Keane, berapa pelatih di Ukraina?",
            ["Keane"],
            "Menurut, berapa pelatih di Ukraina?",
        ),
        ("What did the general (Keane) say about trainers?", ["Keane"], "What did the general say about trainers?"),
        # A short name's full stop ends a sentence: no title, the next sentence's opening word stays.
        ("Who was in Kyiv. Then Putin left?", ["Putin"], "Who was in Kyiv. Then left?"),
        # Marks left together where the names stood are one.
        ("Dan Eberhart, CEO Canary, menyalahkan apa?", ["Eberhart", "Canary"], "Dan, menyalahkan apa?"),
        # What follows a name, an owner's name, the question's day, a date in brackets, a word opening the
        # question and one joined by "dari" (from) are something else.
        ("Menurut Jack Keane Rusia menyerang kapan?", ["Keane"], "Menurut Rusia menyerang kapan?"),
        ("What did Bank of America's Brian Moynihan warn?", ["Moynihan"], "What did Bank of America's warn?"),
        ("On Monday Lloyd Austin said what?", ["Austin"], "On Monday said what?"),
        ("Selasa (28/12/2021) Karen Donfried bilang apa?", ["Donfried"], "Selasa (28/12/2021) bilang apa?"),
        ("Kekayaan Timchenko sekarang?", ["Timchenko"], "Kekayaan sekarang?"),
        ("Senjata apa yang diminta Kyiv dari Lloyd Austin?", ["Austin"], "Senjata apa yang diminta Kyiv dari?"),
    ],
)
def test_a_question_without_a_name_loses_the_first_names_and_title_written_before_it(
    question: str, names: list[str], asked: str
):
    assert read_question(question).without(names).text == asked
