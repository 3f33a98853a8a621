"""A question that asks for the news and names no subject is told so by the newest reports, main news first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.answer import Answer, answer_question
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.latest_news import asks_only_for_news
from index.question import read_question
from index.search import Searcher
from index.versions import DataDir


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


# One Tuesday's reports: three outlets tell the day's main news in their own words, a fourth,
# published last, a side story, and a fifth opens with a video's teaser before its news.
DAY_REPORTS = [
    (
        "recognition",
        "Wire",
        "2022-02-22T09:00:00",
        "Russia recognised two breakaway regions of eastern Ukraine as independent states on Tuesday "
        "and ordered troops into them.\n\nThe move drew swift condemnation.",
    ),
    (
        "condemnation",
        "Daily",
        "2022-02-22T11:00:00",
        "Western leaders condemned on Tuesday Russia's recognition of the two separatist regions of eastern "
        "Ukraine as independent states.\n\nSanctions are expected.",
    ),
    (
        "law",
        "Courier",
        "2022-02-22T13:00:00",
        "European officials said on Tuesday that Moscow's recognition of the breakaway regions of eastern "
        "Ukraine as independent broke international law.\n\nA summit is planned.",
    ),
    (
        "teaser",
        "Business TV",
        "2022-02-22T15:00:00",
        "Market strategist Jane Roe argues that investors should stay calm whatever happens in Europe.\n\n"
        "Oil prices climbed on Tuesday as traders weighed the risk to supplies from Russia.",
    ),
    (
        "games",
        "Tech Times",
        "2022-02-22T20:00:00",
        "Shares of a video game maker rose 5% on Tuesday after it reported strong holiday sales.",
    ),
]


def _answer_over(
    reports: list[tuple[str, str, str, str]],
    question: str,
    encoder: LoadedEncoder,
    tmp_path: Path,
    addresses: dict[str, str] | None = None,
) -> Answer:
    """The answer to ``question`` over an index of ``reports`` (id, outlet, time, text), some with an address."""
    addresses = addresses or {}
    corpus = tmp_path / "day.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {"id": key, "title": key, "date": day, "source": outlet, "language": "en", "text": text}
                | ({"url": addresses[key]} if key in addresses else {})
            )
            + "\n"
            for key, outlet, day, text in reports
        )
    )
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, encoder, BuildConfig())
    searcher = Searcher.open_current(data, encoder.encoder)
    try:
        return answer_question(question, searcher, 5)
    finally:
        searcher.close()


def _quotes_of_the_day(reports: list[tuple[str, str, str, str]], encoder: LoadedEncoder, tmp_path: Path) -> list[str]:
    """The quotes answering "What happened on February 22?" over an index of ``reports`` (id, outlet, time, text)."""
    return [
        sentence.text
        for sentence in _answer_over(reports, "What happened on February 22?", encoder, tmp_path).sentences
    ]


@pytest.mark.slow
def test_a_days_news_opens_with_what_most_of_its_reports_tell_once(multilingual: LoadedEncoder, tmp_path: Path):
    quoted = _quotes_of_the_day(DAY_REPORTS, multilingual, tmp_path)
    # Newest first, the side story published last opened the answer.
    assert "recognition" in quoted[0] or "recognised" in quoted[0], quoted
    assert sum("recogni" in text for text in quoted) == 1, quoted  # the main news is told once
    assert any(text.startswith("Oil prices climbed") for text in quoted), quoted  # not the guest's teaser
    assert not any("Jane Roe" in text for text in quoted), quoted


@pytest.mark.slow
def test_one_outlets_many_look_alike_reports_are_not_the_days_main_news(multilingual: LoadedEncoder, tmp_path: Path):
    # A statistics wire prints one survey country by country; each of its reports "tells" the others.
    surveys = [
        (f"survey-{country}", "Stats Wire", f"2022-02-22T1{n}:00:00", f"Manufacturing activity in {country} rose "
         f"in February, the purchasing managers' survey showed on Tuesday.")
        for n, country in enumerate(["Latvia", "Vietnam", "Chile", "Kenya"])
    ]  # fmt: skip
    quoted = _quotes_of_the_day([*DAY_REPORTS[:2], *surveys], multilingual, tmp_path)
    assert "recognition" in quoted[0] or "recognised" in quoted[0], quoted  # told by two outlets


def test_the_coverages_own_subject_names_none_unless_its_words_are_asked_for():
    everywhere = {"ukraine", "russia"}.__contains__
    assert asks_only_for_news(read_question("What's the latest on Ukraine?"), no_subject=everywhere)
    assert not asks_only_for_news(read_question("What's the latest on Ukraine's border?"), no_subject=everywhere)
    assert not asks_only_for_news(read_question("What did Russia say recently?"), no_subject=everywhere)
    assert asks_only_for_news(read_question("What did CNN say recently?"), ["CNN"], everywhere)


def test_a_story_noun_beside_the_coverages_own_subject_names_the_coverages_story():
    everywhere = {"ukraine", "ukraina", "russia", "rusia"}.__contains__
    assert asks_only_for_news(read_question("What is the latest on the Ukraine crisis?"), no_subject=everywhere)
    assert asks_only_for_news(read_question("Apa kabar terbaru soal ketegangan Rusia-Ukraina?"), no_subject=everywhere)
    # Alone, or beside another subject, it may be another story.
    assert not asks_only_for_news(read_question("What is the latest on the crisis?"), no_subject=everywhere)
    assert not asks_only_for_news(read_question("Latest on the Ukraine banking crisis?"), no_subject=everywhere)
    assert not asks_only_for_news(read_question("What is the latest on the Ukraine crisis?"))


@pytest.mark.slow
def test_the_latest_news_is_dated_by_the_newsrooms_day_not_by_utcs(multilingual: LoadedEncoder, tmp_path: Path):
    # Published at 07:28 UTC on the 24th, 02:28 in New York on the 23rd's night, where its address was dated;
    # its lead names no day. The evening's other report says "Wednesday", the 23rd.
    reports = [
        (
            "stocks",
            "Wire",
            "2022-02-24T05:07:35",
            "Stocks ended sharply lower on Wednesday as fears of an invasion grew.",
        ),
        ("trump", "Daily", "2022-02-24T07:28:30", "Former President Donald Trump called Vladimir Putin a genius."),
    ]
    address = {"trump": "https://www.daily.example/2022/02/23/politics/trump-putin-genius/index.html"}
    answer = _answer_over(reports, "What's the latest?", multilingual, tmp_path, address)
    assert "Trump" in answer.text and "Stocks ended" in answer.text, answer.text
    assert "24 February" not in answer.text and "On 23 February 2022" in answer.text, answer.text


@pytest.mark.slow
def test_a_day_after_the_coverage_is_told_so_with_the_last_days_news(multilingual: LoadedEncoder, tmp_path: Path):
    answer = _answer_over(DAY_REPORTS[:3], "What happened on February 26?", multilingual, tmp_path)
    assert answer.found and answer.outside_time and not answer.time_reported, answer
    assert answer.time is not None and answer.time.describe() == "26 February 2022"  # not 2021
    assert "recogni" in answer.sentences[0].text and answer.sentences[0].day == "2022-02-22", answer.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["Apa yang terjadi pada 20 Februari 2022?", "What happened before February 20, 2022?"]
)
def test_a_day_before_the_coverage_gets_its_first_days_news(question, multilingual: LoadedEncoder, tmp_path: Path):
    answer = _answer_over(DAY_REPORTS[:3], question, multilingual, tmp_path)
    assert answer.found and answer.outside_time and not answer.time_reported, answer
    assert all(sentence.day == "2022-02-22" for sentence in answer.sentences if sentence.day), answer.text
    assert "recogni" in answer.sentences[0].text, answer.text
