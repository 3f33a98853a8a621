"""Which questions ask for a length of time, a sum, a rate or an age, and which texts state one."""

from __future__ import annotations

import pytest

from index.answer_types import Measure, asks_a_count, holds_a_count, measure_asked, states


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("How long did Biden's phone call with Putin last?", Measure.DURATION),
        ("Berapa lama perjanjian itu akan berlaku?", Measure.DURATION),
        ("Berapa menit Biden dan Putin berbicara lewat telepon?", Measure.DURATION),
        ("How many hours did the delegations spend at the table in Geneva?", Measure.DURATION),
        ("Ukraina menetapkan keadaan darurat selama berapa hari?", Measure.DURATION),
        ("How much money was in the financial package Zelensky asked Biden for?", Measure.MONEY),
        ("How much would the pipeline cost Germany?", Measure.MONEY),
        ("Berapa nilai bantuan militer yang dikirim AS ke Ukraina?", Measure.MONEY),
        ("Berapa suku bunga acuan yang ditetapkan bank sentral Rusia?", Measure.RATE),
        ("Bank sentral Ukraina menaikkan suku bunga acuannya menjadi berapa?", Measure.RATE),
        ("What was the National Bank of Ukraine's key policy rate after January 20?", Measure.RATE),
        ("By how much did the Fed raise interest rates?", Measure.RATE),
        ("What percentage stake does Gennady Timchenko hold in Novatek?", Measure.RATE),
        ("Berapa persen kebutuhan gas Jerman yang diimpor dari Rusia?", Measure.RATE),
        ("How old is Gennady Timchenko?", Measure.AGE),
        ("Gennady Timchenko umurnya berapa?", Measure.AGE),
        ("Berapa usia Presiden Biden?", Measure.AGE),
        ("At what age did Fiona Hill leave Britain?", Measure.AGE),
        ("Berapa tahun usia Putin?", Measure.AGE),  # an age in years, no length of time
        ("Fiona Hill berusia berapa?", Measure.AGE),
    ],
)
def test_a_question_asking_for_a_kind_of_figure_is_read_as_asking_for_it(question: str, measure: Measure):
    assert measure_asked(question) is measure


@pytest.mark.parametrize(
    "question",
    [
        "How many troops has Russia massed near Ukraine?",  # a count is often given in words
        "What did Powell say about interest rates?",  # asks what he said, not the rate
        "Berapa nilai tukar rubel terhadap dolar?",  # an exchange rate, not a sum
        "Berapa harga bensin di Inggris?",  # prices are written in pence, cents, per barrel ...
        "What did the US offer on missiles?",
        "What was the Fed's interest rate decision in January?",  # what it decided, not the rate
        "What will be the impact of interest rates on stocks?",
        "Berapa kali suku bunga dinaikkan?",  # how many times
        # An offset from another event ("two days later"), or a day named: no length of time asked.
        "How many days after the Geneva talks did the NATO-Russia Council meet?",
        "Emas ditutup di harga berapa hari Selasa?",
        "Berapa hari menjelang invasi Biden menelepon Putin?",
        "How many weeks are left before the deadline?",  # "some weeks left" answers it
        "Kekayaan Alekperov sudah turun berapa tahun ini?",
        "Berapa anggota Asosiasi Perminyakan yang terdampak?",  # "usia" within a word
    ],
)
def test_other_questions_ask_for_no_kind_of_figure(question: str):
    assert measure_asked(question) is None


@pytest.mark.parametrize(
    ("measure", "text"),
    [
        (Measure.DURATION, "The call lasted about an hour, a White House official said."),
        (Measure.DURATION, "Pembicaraan berlangsung selama dua jam."),
        (Measure.DURATION, "A war could impact oil prices for decades."),
        (Measure.DURATION, "The council has not met since 2019."),
        (Measure.DURATION, "The pipeline runs 1,230 km under the Baltic Sea."),  # "How long is the pipeline?"
        (Measure.DURATION, "Prices will remain stable over the next two to four weeks before rising."),
        (Measure.DURATION, "The state of emergency runs for thirteen days."),
        (Measure.DURATION, "Keadaan darurat berlaku dua belas hari."),
        (Measure.MONEY, "Zelensky asked for a $1.5bn package."),
        (Measure.MONEY, "Bantuan senilai 200 juta dolar dikirim."),
        (Measure.MONEY, "The package is worth 1.2bn."),
        (Measure.RATE, "The NBU hiked its policy rate by 100bps to 10%."),
        (Measure.RATE, "Markets expect a quarter percentage point increase."),
        (Measure.AGE, "The 69-year-old has family ties to Putin."),
        (Measure.AGE, "Gennady Timchenko, 69, has family ties to Putin."),
        (Measure.AGE, "Timchenko, yang berusia 69 tahun, dekat dengan Putin."),
    ],
)
def test_a_text_giving_such_a_figure_states_it(measure: Measure, text: str):
    assert states(measure, text)


@pytest.mark.parametrize(
    ("measure", "text"),
    [
        (Measure.DURATION, "Biden and Putin spoke by phone on Saturday and failed to achieve a breakthrough."),
        # When it happened, not how long: an offset from another event, a weekend.
        (Measure.DURATION, "Their latest call Sunday came a day after Biden warned Putin."),
        (Measure.DURATION, "Dua hari kemudian, Dewan NATO-Rusia akan bersidang di Brussel."),
        (Measure.DURATION, "A phone call over the weekend failed to achieve a breakthrough."),
        (Measure.DURATION, "Oil rose for the first time since the crisis began."),
        (Measure.RATE, "Stocks fell in the first half of the session, by several points."),
        (Measure.MONEY, "Zelensky stressed the need for a significant financial package for Ukraine."),
        (Measure.RATE, "Tensions could force central bank officials to take a more nimble approach."),
        (Measure.AGE, "Timchenko's fortune fell by nearly one-third in 2022, to $16 billion."),
        (Measure.AGE, "Russia massed troops near Ukraine, 100,000 of them, officials said."),  # a count
    ],
)
def test_a_text_on_the_subject_without_the_figure_does_not_state_it(measure: Measure, text: str):
    assert not states(measure, text)


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        ("How many troops has Russia massed near Ukraine?", True),
        ("What was the total number of troops at the border?", True),
        ("Berapa banyak tentara Rusia di perbatasan?", True),
        ("Harga solar di Inggris naik sampai berapa per liter?", False),  # "berapa" alone asks any figure
        ("How many hours did the delegations spend at the table in Geneva?", False),  # a length of time
        ("How much did oil rise on Wednesday?", False),
        ("Berapa harga minyak hari Rabu?", False),
        ("Berapa persen gas Eropa berasal dari Rusia?", False),
        ("Tanggal berapa perundingan di Jenewa dimulai?", False),
        ("How many percent of Europe's gas comes from Russia?", False),  # units measure
        ("How many days after the talks did Russia invade?", False),
        ("How many barrels did US crude stocks fall?", False),
    ],
)
def test_a_question_asking_how_many_asks_a_count(question: str, counts: bool):
    assert asks_a_count(question) is counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Russia has now deployed more than 127,000 troops in the region.", True),
        ("Rusia menarik kembali sekitar 100 ribu tentaranya.", True),
        ("Some 8,500 American troops were placed on high alert.", True),
        ("Russia has massed troops and equipment as close as 30 miles away from Ukraine's border.", False),
        ("Oil rose 2% to $91.91 on Feb. 23, 2022.", False),
        ("The talks began on January 10 at 10:30 and lasted eight hours.", False),
        ("Russia set up a new regiment within its 3rd Motor Rifle Division.", False),
        ("Up to 50 may have been killed.", True),  # "may" is no month
        ("Fifty soldiers died.", True),
        ("Rusia mengerahkan seratus ribu tentara.", True),
        ("The EU pledged 1.25 billion euros.", False),
        ("Five percent of its gas comes from Russia.", False),
        ("Putin berbicara dengan Macron pada Senin (21/2) malam.", False),
    ],
)
def test_only_a_figure_that_counts_gives_a_count(text: str, counts: bool):
    assert holds_a_count(text) is counts
