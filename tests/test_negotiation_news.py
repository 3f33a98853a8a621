"""The latest on "the talks" is the newest news of the coverage's own negotiation, not of any talks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from index.answer import Answer, answer_question
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.filters import Filters
from index.negotiation_news import NegotiationAsked, negotiation_asked, negotiation_lines
from index.question import read_question
from index.search import Searcher
from index.versions import DataDir

_OWN = {"russia", "rusia", "ukraine", "ukraina"}.__contains__


@pytest.mark.parametrize(
    ("question", "with_own_subject"),
    [
        ("What is the latest news on the talks?", False),
        ("Apa kabar terbaru soal perundingan?", False),
        ("Bagaimana perkembangan terbaru negosiasi?", False),
        ("What's the latest on the negotiations with Russia?", True),
        ("What is the latest on diplomacy?", False),
        ("What's the latest on the peace talks?", False),  # what kind of talks, or how they stand
        ("What's the current status of the talks?", False),
        ("Apa perkembangan terbaru perundingan damai?", False),
        ("What is the latest on the Ukraine crisis talks?", True),  # the coverage's own story
        ("What is the latest on the US-Russia talks?", True),  # the US's initials name no party to read for
        ("Apa kabar terbaru soal perundingan AS dan Rusia?", True),
        ("Any Update On The Talks?", False),  # a word of the talks in capitals is none
        ("What's The Latest On The Negotiations?", False),
    ],
)
def test_the_talks_with_no_other_party_named_are_the_coverages_own(question: str, with_own_subject: bool):
    assert negotiation_asked(read_question(question), no_subject=_OWN) == NegotiationAsked((), with_own_subject)


@pytest.mark.parametrize(
    ("question", "parties"),
    [
        ("What's the latest on the NATO talks?", ("NATO",)),
        ("Any news on the talks with Moscow?", ("Moscow",)),
        ("Apa kabar terbaru soal pembicaraan dengan Moskow?", ("Moskow",)),
        ("What is the latest on the Iran talks?", ("Iran",)),
        ("What's the latest on the talks between the US and Iran?", ("Iran",)),
        ("What's the latest on the Geneva talks?", ("Geneva",)),
        ("What's The Latest On The Geneva Talks?", ("Geneva",)),
        ("Any update on the US talks with Saudi Arabia?", ("Saudi Arabia",)),  # one party of two words
        ("Ada kabar terbaru soal pembicaraan Olaf Scholz dengan Putin?", ("Olaf Scholz", "Putin")),
        ("Apa kabar terbaru soal pembicaraan Presiden Joe Biden dengan Putin?", ("Joe Biden", "Putin")),  # titles aside
        ("What's the latest on the Biden-Putin talks?", ("Biden", "Putin")),  # a hyphen parts two
        ("What's the latest on the US/NATO talks?", ("NATO",)),
        ("What's the latest on the EU talks?", ("EU",)),
    ],
)
def test_a_party_named_asks_for_the_talks_it_takes_part_in(question: str, parties: tuple[str, ...]):
    assert negotiation_asked(read_question(question), no_subject=_OWN) == NegotiationAsked(parties)


@pytest.mark.parametrize(
    ("question", "parties"),
    [
        ("Apa kabar terbaru perundingan NATO dan Rusia?", ("NATO",)),
        ("What's the latest on the NATO–Russia talks?", ("NATO",)),  # an en dash parts two
        ("Apa kabar terbaru soal pembicaraan Menlu Rusia Sergei Lavrov?", ("Sergei Lavrov",)),
    ],
)
def test_talks_between_a_party_and_the_coverages_subject_are_about_both(question: str, parties: tuple[str, ...]):
    assert negotiation_asked(read_question(question), no_subject=_OWN) == NegotiationAsked(parties, True)


@pytest.mark.parametrize(
    "question",
    [
        "What's new in the Iran nuclear talks?",  # which talks of Iran's
        "What's the latest?",  # the news, of anything (index.latest_news)
        "What is the latest on sanctions?",
        "Is the proposed summit still on the table?",  # asks more than the news
        "What has Russia said about the talks recently?",  # asked of Russia, as "what Russia said" is
        "Apa kata Rusia soal perundingan terbaru?",
        "What did NATO say about the talks recently?",  # asked of NATO
    ],
)
def test_a_question_naming_more_than_a_negotiation_is_not(question: str):
    assert negotiation_asked(read_question(question), no_subject=_OWN) is None


def test_the_outlet_the_answer_comes_from_is_no_subject():
    question = read_question("What is CNN's latest on the talks?")
    assert negotiation_asked(question, ["CNN"], _OWN) == NegotiationAsked()
    assert negotiation_asked(question, [], _OWN) == NegotiationAsked(("CNN",))


# Twenty reports name Russia, so it is the coverage's own subject (index.coverage_words).
_FILLER = [
    (
        f"troops-{day}",
        "Wire",
        f"2022-02-{day:02d}T12:00:00",
        f"Russia kept troops near Ukraine on day {day} of the month.",
    )
    for day in range(1, 18)
]
_GENEVA = (
    "geneva",
    "Daily",
    "2022-02-10T12:00:00",
    "US and Russian negotiators held talks in Geneva on security guarantees.",
)
_EXPLAINER_FIRST = (
    "explainer-9",
    "Courier",
    "2022-02-09T12:00:00",
    "Russia has massed troops on the border.\n\n"
    "The United States, NATO and Russia have been engaged in a whirlwind of diplomacy to prevent a war.",
)
_CANCELLED = (
    "cancelled",
    "Courier",
    "2022-02-22T18:00:00",
    "Russia recognised two breakaway regions of Ukraine.\n\n"
    "Secretary of State Antony Blinken canceled plans to meet the Russian foreign minister, saying it made "
    "no sense to hold talks while Russian forces were on the move.",
)
# The newest reports: another party's talks, and the explainer reprinted.
_IRAN = (
    "oil",
    "Markets Daily",
    "2022-02-23T20:00:00",
    "Oil prices fell on Wednesday as traders watched Russia.\n\n"
    "Prices were also steadied by progress in talks on a nuclear deal between the U.S. and Iran.",
)
_EXPLAINER_AGAIN = (
    "explainer-23",
    "Courier",
    "2022-02-23T12:00:00",
    "Russia has ordered troops into eastern Ukraine.\n\n"
    "The United States, NATO and Russia have been engaged in a whirlwind of diplomacy to prevent a war.",
)
COVERAGE = [*_FILLER, _GENEVA, _EXPLAINER_FIRST, _CANCELLED, _IRAN, _EXPLAINER_AGAIN]


def _index(reports: list[tuple[str, str, str, str]], encoder: LoadedEncoder, tmp_path: Path) -> DataDir:
    """An index of English ``reports`` (id, outlet, time, text)."""
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": key, "title": key, "date": day, "source": outlet, "language": "en", "text": text}) + "\n"
            for key, outlet, day, text in reports
        )
    )
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, encoder, BuildConfig())
    return data


def _answer_over(
    reports: list[tuple[str, str, str, str]],
    question: str,
    encoder: LoadedEncoder,
    tmp_path: Path,
    filters: Filters | None = None,
) -> Answer:
    """The answer to ``question`` over an index of ``reports``, under the reader's ``filters``."""
    searcher = Searcher.open_current(_index(reports, encoder, tmp_path), encoder.encoder)
    try:
        return answer_question(question, searcher, 5, filters)
    finally:
        searcher.close()


@pytest.mark.slow
@pytest.mark.parametrize("question", ["What is the latest news on the talks?", "Apa kabar terbaru soal perundingan?"])
def test_the_latest_on_the_talks_is_the_newest_development_of_the_coverages_negotiation(
    question: str, multilingual: LoadedEncoder, tmp_path: Path
):
    answer = _answer_over(COVERAGE, question, multilingual, tmp_path)
    assert answer.found, answer
    first = answer.sentences[0]
    assert "canceled plans to meet" in first.text and first.day == "2022-02-22", answer.text
    assert "Iran" not in answer.text, answer.text  # newer, but another party's talks
    # The explainer reprinted on the 23rd is not that day's news; if quoted, it is as first told, on the 9th.
    assert all(sentence.day != "2022-02-23" for sentence in answer.sentences), answer.text


@pytest.mark.slow
def test_a_coverage_without_a_subject_of_its_own_has_no_talks_of_its_own(multilingual: LoadedEncoder, tmp_path: Path):
    markets = [
        (
            f"stocks-{day}",
            "Wire",
            f"2022-02-{day:02d}T12:00:00",
            f"Stocks rose on day {day} as earnings beat forecasts.",
        )
        for day in range(1, 18)
    ]
    data = _index([*markets, _GENEVA, _CANCELLED, _IRAN], multilingual, tmp_path)
    searcher = Searcher.open_current(data, multilingual.encoder)
    try:
        assert not negotiation_lines(read_question("What is the latest news on the talks?"), searcher, None, 3)
    finally:
        searcher.close()


@pytest.mark.slow
def test_a_sentence_naming_no_party_is_of_the_talks_its_passage_tells_of(multilingual: LoadedEncoder, tmp_path: Path):
    dead_end = (
        "dead-end",
        "Daily",
        "2022-02-22T20:00:00",
        "Russia's president spoke on television on Tuesday.\n\n"
        "\u201cNegotiations have reached a dead end,\u201d he said.",
    )
    # Newer, naming no party either, in a report on a budget: the talks of another story.
    snags = (
        "budget",
        "Capitol Daily",
        "2022-02-23T21:00:00",
        "Lawmakers worked late on the spending bill.\n\nThe talks hit snags last week, they said.",
    )
    answer = _answer_over([*COVERAGE, dead_end, snags], "What is the latest news on the talks?", multilingual, tmp_path)
    assert "dead end" in answer.text and "canceled plans to meet" in answer.text, answer.text
    assert "snags" not in answer.text, answer.text


@pytest.mark.slow
def test_talks_whose_newest_news_is_older_than_the_last_week_say_so(multilingual: LoadedEncoder, tmp_path: Path):
    # Until the 20th, the newest report is of the 17th, and the talks' newest news the Geneva talks of the
    # 10th: the last week (11-17 February) has none.
    answer = _answer_over(
        COVERAGE, "What is the latest news on the talks?", multilingual, tmp_path, Filters(until=date(2022, 2, 20))
    )
    assert answer.found and answer.outside_time, answer
    assert answer.sentences[0].day == "2022-02-10" and "Geneva" in answer.sentences[0].text, answer.text
    assert "canceled plans" not in answer.text, answer.text


@pytest.mark.slow
def test_history_and_figures_in_a_sentence_are_not_names_of_another_party(multilingual: LoadedEncoder, tmp_path: Path):
    # The newest report recalls a ceasefire of 2015; the one before announces the next round, naming only its day.
    history = (
        "history",
        "Courier",
        "2022-02-23T12:00:00",
        "Russia moved more troops to the border.\n\nA ceasefire was negotiated in 2015, but fighting continued.",
    )
    next_round = (
        "next-round",
        "Daily",
        "2022-02-22T12:00:00",
        "Russia's foreign ministry spoke on Tuesday.\n\nThe talks will resume on March 10.",
    )
    answer = _answer_over(
        [*_FILLER, _GENEVA, next_round, history], "What is the latest news on the talks?", multilingual, tmp_path
    )
    assert answer.found and "resume on March 10" in answer.sentences[0].text, answer.text
    assert "2015" not in answer.text, answer.text


@pytest.mark.slow
def test_a_sentence_opening_with_the_coverages_subject_names_it(multilingual: LoadedEncoder, tmp_path: Path):
    rejected = (
        "rejected",
        "Wire",
        "2022-02-24T12:00:00",
        "Troops crossed the border overnight.\n\nRussia rejected new talks with Washington on Thursday.",
    )
    answer = _answer_over([*COVERAGE, rejected], "What is the latest news on the talks?", multilingual, tmp_path)
    assert answer.found and answer.sentences[0].text.startswith("Russia rejected new talks"), answer.text


@pytest.mark.slow
def test_a_sentence_opening_with_another_name_is_not_the_talks_news(multilingual: LoadedEncoder, tmp_path: Path):
    # The newest report quotes a bystander on Putin, in a report on Russia's troops.
    bystander = (
        "bystander",
        "Wire",
        "2022-02-24T12:00:00",
        'Russia moved more troops overnight.\n\n"Putin does not understand what diplomacy is," one resident said.',
    )
    answer = _answer_over([*COVERAGE, bystander], "What is the latest news on the talks?", multilingual, tmp_path)
    assert answer.found and "canceled plans to meet" in answer.sentences[0].text, answer.text
    assert "does not understand" not in answer.text, answer.text


# Older than Blinken's cancelled meeting of the 22nd, the newest news naming NATO, and one naming Moscow.
_NATO_TALKS = (
    "nato-council",
    "Wire",
    "2022-02-16T12:00:00",
    "Russia kept its troops near the border.\n\nNATO offered Russia new talks on arms control in Brussels.",
)
_DIALOGUE = (
    "dialogue",
    "Courier",
    "2022-02-15T12:00:00",
    "Troops stayed on the border.\n\nWestern countries have tried to keep a dialogue with Moscow.",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("What's the latest on the NATO talks?", "NATO offered Russia new talks"),
        ("Apa kabar terbaru soal perundingan dengan NATO?", "NATO offered Russia new talks"),
        ("Apa kabar terbaru soal pembicaraan dengan Moskow?", "a dialogue with Moscow"),  # "Moskow" is "Moscow"
        ("What is the latest on the Iran talks?", "nuclear deal between the U.S. and Iran"),
    ],
)
def test_the_latest_on_a_partys_talks_is_the_newest_naming_it(
    question: str, quoted: str, multilingual: LoadedEncoder, tmp_path: Path
):
    answer = _answer_over([*COVERAGE, _NATO_TALKS, _DIALOGUE], question, multilingual, tmp_path)
    assert answer.found and quoted in answer.sentences[0].text, answer.text
    assert "canceled plans to meet" not in answer.text, answer.text  # the newest talks, but naming neither


@pytest.mark.slow
def test_a_party_is_named_in_any_of_its_forms(multilingual: LoadedEncoder, tmp_path: Path):
    searcher = Searcher.open_current(
        _index([*COVERAGE, _NATO_TALKS, _DIALOGUE], multilingual, tmp_path), multilingual.encoder
    )
    try:
        question = read_question("Apa kabar terbaru soal pembicaraan dengan Moskow?")
        news = negotiation_lines(question, searcher, None, 3, NegotiationAsked(("Moskow",)))
    finally:
        searcher.close()
    assert news is not None
    assert [line.text for line in news.lines] == ["Western countries have tried to keep a dialogue with Moscow."]


@pytest.mark.slow
def test_talks_asked_of_a_party_and_the_coverages_subject_name_both(multilingual: LoadedEncoder, tmp_path: Path):
    trade = (
        "trade",
        "Wire",
        "2022-02-24T12:00:00",
        "Soybean exports rose in January.\n\nThe United States and China held talks on trade tariffs.",
    )
    question = "What is the latest on the talks between Russia and the United States?"
    answer = _answer_over([*COVERAGE, trade], question, multilingual, tmp_path)
    assert answer.found and "whirlwind of diplomacy" in answer.sentences[0].text, answer.text
    assert "China" not in answer.text, answer.text


# Newer than anything else: a meeting of two leaders (no word of negotiation), and Belarus named beside no talks.
# Nearly every report names Russia, which keeps it the coverage's own subject (index.coverage_words).
_LEADERS_MET = (
    "leaders",
    "Courier",
    "2022-02-24T10:00:00",
    "Russia's gas exports held steady.\n\nGerman Chancellor Olaf Scholz and President Vladimir Putin met on Tuesday.",
)
_ORBAN = (
    "orban",
    "Wire",
    "2022-02-02T12:00:00",
    "Russia hosted a visitor.\n\nHungary's Prime Minister Viktor Orbán held talks with Putin in the Kremlin.",
)
_CALL = (
    "call",
    "Wire",
    "2022-02-14T12:00:00",
    "Russia's troops stayed near Ukraine.\n\nBiden spoke with Zelensky by phone on Sunday.",
)
_PIPELINES = (
    "pipelines",
    "Wire",
    "2022-02-24T11:00:00",
    "Gazprom says it will meet Europe's need for gas through pipelines across Belarus and Ukraine.",
)
_OSCE_TALKS = (
    "osce",
    "Daily",
    "2022-01-14T12:00:00",
    "Russia refused to pull back its troops.\n\nFollowing the failed talks, the US ambassador to the Organization "
    "for Security and Cooperation in Europe said the drumbeat of war was loud.",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        # A party's meeting or call is its talks' news.
        (
            "Bagaimana perkembangan terbaru pembicaraan Kanselir Jerman Olaf Scholz dengan Putin?",
            "Scholz and President",
        ),
        ("What's the latest on Scholz's talks with Putin?", "Scholz and President"),
        ("What is the latest on the OSCE talks with Russia?", "Following the failed talks"),  # written out in full
        ("Any news on the talks with Belarus?", None),  # named beside no talks: not found
        ("Any news on Orban's talks with Putin?", "Viktor Orbán held talks"),  # accents aside
        ("What's the latest on the Biden-Zelensky talks?", "Biden spoke with Zelensky"),  # a name opening it
        ("Apa kabar terbaru soal pembicaraan Presiden Biden dengan Zelensky?", "Biden spoke with Zelensky"),  # a title
    ],
)
def test_a_partys_talks_are_its_meetings_and_calls_too(
    question: str, quoted: str | None, multilingual: LoadedEncoder, tmp_path: Path
):
    answer = _answer_over(
        [*COVERAGE, _LEADERS_MET, _PIPELINES, _OSCE_TALKS, _ORBAN, _CALL], question, multilingual, tmp_path
    )
    if quoted is None:
        assert not answer.found, answer.text
    else:
        assert answer.found and quoted in answer.sentences[0].text, answer.text


@pytest.mark.slow
def test_two_parties_told_of_apart_are_asked_of_retrieval(multilingual: LoadedEncoder, tmp_path: Path):
    # NATO is named in talks of the 16th, Moscow in a dialogue of the 15th, never both in one sentence:
    # not "not found", as Belarus is, but the passages retrieval finds.
    question = "Any news on the talks between NATO and Moscow?"
    answer = _answer_over([*COVERAGE, _NATO_TALKS, _DIALOGUE], question, multilingual, tmp_path)
    assert answer.found, answer
