"""The answer quotes statements that answer: not a live blog's time stamps, the figure a "what price" asks for,
and, across languages, the sentence whose words translate the question's."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from index.answer import answer_question
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.named_subjects import Subject
from index.question import read_question
from index.relevance import judge_for
from index.search import Searcher
from index.sentence_choice import as_compared, choose_sentences, rule_scores
from index.sentence_features import Contest
from index.sentence_pool import SentencePool
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder
from tests.helpers.hits import one_passage_reports


def _searcher_over(tmp_path: Path, articles: list[dict[str, str]], loaded: LoadedEncoder | None = None) -> Searcher:
    """A searcher over ``articles`` (one JSONL file), indexed with ``loaded`` or the bag-of-words test encoder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    data = DataDir(tmp_path / "data")
    loaded = loaded or LoadedEncoder(HashedEncoder(), "fake")
    build_index([corpus], data, loaded, BuildConfig())
    return Searcher.open_current(data, loaded.encoder)


LIVE_BLOG = (
    "Feb. 17\n\nThe Dow fell 622 points on Feb. 17 as Russia massed troops near Ukraine.\n\n"
    "Feb. 16\n\nOil prices eased after talks in Moscow."
)


def test_a_time_stamp_is_not_quoted_as_the_answer(tmp_path: Path):
    article = {"id": "blog", "title": "Markets live", "language": "en", "date": "2022-02-17", "text": LIVE_BLOG}
    searcher = _searcher_over(tmp_path, [article])
    # The bag-of-words encoder rates "Feb. 17" closest to the question: only its words are asked.
    answer = answer_question("What happened on Feb. 17?", searcher, 5)
    assert answer.found
    assert answer.sentences[0].text.startswith("The Dow fell 622 points")
    assert all(sentence.text.strip() not in {"Feb. 17", "Feb. 16"} for sentence in answer.sentences)


def test_an_answer_asked_for_one_source_quotes_only_that_source(tmp_path: Path):
    reports = [
        {"id": f"report-{i}", "title": f"Talks {i}", "language": "en", "text": text}
        for i, text in enumerate(
            [
                "Envoys met in Geneva for talks on missiles.",
                "Talks on missiles in Geneva ended without a deal.",
                "Missiles and troops dominated the Geneva talks.",
            ]
        )
    ]
    searcher = _searcher_over(tmp_path, reports)
    # Three one-sentence reports, each quotable: only the best one's may be.
    answer = answer_question("What happened at the Geneva talks on missiles?", searcher, 1)
    assert answer.found
    assert len(answer.citations) == 1
    assert {sentence.n for sentence in answer.sentences} == {1}


OIL_WRAP = "Oil closed higher on Friday after the warning. Oil closed at $93.10 on Friday after the news."


def test_a_question_asking_what_price_quotes_the_sentence_with_the_price(tmp_path: Path):
    article = {"id": "oil", "title": "Oil ends higher", "language": "en", "date": "2022-02-11", "text": OIL_WRAP}
    searcher = _searcher_over(tmp_path, [article])
    # The bag-of-words encoder rates the first sentence, which holds "the warning", a little
    # closer; the question asks for a price, which only the second holds.
    answer = answer_question("What price did oil close at on Friday, February 11, after the warning?", searcher, 5)
    assert answer.found and "$93.10" in answer.sentences[0].text


BUILDUP = (
    "Russia massed troops near the border, 30 miles from Kharkiv. Officials counted 127,000 troops near the border."
)


def test_a_question_asking_how_many_quotes_the_sentence_with_a_count(tmp_path: Path):
    article = {"id": "buildup", "title": "Buildup", "language": "en", "date": "2022-01-20", "text": BUILDUP}
    searcher = _searcher_over(tmp_path, [article])
    # The bag-of-words encoder rates the first sentence closer: it holds "Russia massed". Its
    # figure is a distance; only the second counts troops.
    answer = answer_question("How many troops has Russia massed near the border?", searcher, 5)
    assert answer.found and answer.sentences[0].text.startswith("Officials counted 127,000"), answer.text


def test_a_question_in_time_counts_its_words_translated_in_another_languages_sentences(multilingual: LoadedEncoder):
    reports = one_passage_reports(
        ["Oil rose 1% on Friday.", "Gold rose 1% on Friday."], title="Markets", date="2022-02-23"
    )
    pool = SentencePool.of(reports)
    question = read_question("Berapa harga emas terbaru?")  # gold's price, the latest
    usem3 = judge_for(multilingual.encoder).encoder
    # The bag-of-words encoder shares no word with the Indonesian question: only the
    # translated word ("emas": gold) tells the two sentences apart, whether usem3's word
    # vectors or the dictionary translate it.
    by_dictionary = rule_scores(question, pool, HashedEncoder(), [0, 1])
    by_both = rule_scores(question, pool, HashedEncoder(), [0, 1], judge=usem3)
    assert by_dictionary[1] > by_dictionary[0]
    assert by_both[1] > by_both[0]


def test_the_rule_prefers_a_sentence_whose_passage_names_what_the_question_asks_about():
    # Two reports print the same sentence; only one is about gold, by its title and its other sentence.
    gold, wheat = (
        one_passage_reports([text], title=title, date="2022-02-23")[0]
        for text, title in (
            ("Prices rose 1% on Friday. Gold traders bought.", "Gold climbs"),
            ("Prices rose 1% on Friday. Farmers sold early.", "Wheat slips"),
        )
    )
    pool = SentencePool.of([wheat, gold])
    scores = rule_scores(read_question("How much did gold prices rise on Friday?"), pool, HashedEncoder(), [0, 2])
    assert [pool.sentences[i].text for i in (0, 2)] == ["Prices rose 1% on Friday."] * 2
    assert scores[1] > scores[0]


def test_the_latest_quotes_the_newest_report_of_the_same_figure_first(tmp_path: Path, multilingual: LoadedEncoder):
    older = {
        "id": "monday",
        "title": "Fuel prices",
        "language": "en",
        "date": "2022-02-22",
        "text": "The latest UK diesel price hit 152.51p a litre on Monday, the RAC said.",
    }
    newer = {
        "id": "wednesday",
        "title": "Fuel prices",
        "language": "en",
        "date": "2022-02-24",
        "text": "UK diesel prices rose again, hitting 152.68p a litre on Wednesday, the RAC said.",
    }
    searcher = _searcher_over(tmp_path, [older, newer], multilingual)
    # The question's own words fit Monday's sentence better; Wednesday's says the same, newer.
    answer = answer_question("What is the latest UK diesel price?", searcher, 5)
    assert answer.found
    assert "152.68p" in answer.sentences[0].text
    assert any("152.51p" in sentence.text for sentence in answer.sentences[1:])


def test_a_sentence_two_reports_share_is_quoted_once(tmp_path: Path):
    background = "In recent months Russia has built up troops near its border with Ukraine."
    reports = [
        {"id": "markets", "title": "Markets fall", "language": "en", "text": f"{background} Stocks fell on Tuesday."},
        {"id": "energy", "title": "Gas prices", "language": "en", "text": f"Gas prices rose in Europe. {background}"},
    ]
    searcher = _searcher_over(tmp_path, reports)
    # Both reports print the same background sentence; the reader should read it once.
    answer = answer_question("Has Russia built up troops near its border with Ukraine?", searcher, 5)
    assert answer.found and answer.sentences[0].text.startswith(background)
    assert " ".join(sentence.text for sentence in answer.sentences).count(background) == 1


@pytest.mark.parametrize(
    ("text", "question", "answer_opens", "not_quoted"),
    [
        # A report's rhetorical question shares the asker's words.
        (
            "What on earth happened to turn stocks around? Stocks rebounded after the Fed said it would go slowly.",
            "What happened to turn stocks around?",
            "Stocks rebounded",
            "What on earth",
        ),
        # The New York Times' explainer runs its subheadings into the paragraph they head, in sentence case.
        (
            "How the recent tensions began. In recent months Russia has built up a military presence near its "
            "border with Ukraine.",
            "How did the recent tensions begin?",
            "In recent months Russia",
            "How the recent",
        ),
    ],
)
def test_a_sentence_stating_nothing_is_not_quoted_as_the_answer(
    tmp_path: Path, text: str, question: str, answer_opens: str, not_quoted: str
):
    article = {"id": "report", "title": "A report", "language": "en", "text": text}
    searcher = _searcher_over(tmp_path, [article])
    # The bag-of-words encoder rates the sentence stating nothing closest: it is little more than the asker's words.
    answer = answer_question(question, searcher, 5)
    assert answer.found and answer.sentences[0].text.startswith(answer_opens)
    assert all(not sentence.text.startswith(not_quoted) for sentence in answer.sentences)


def test_a_separator_a_flattened_page_left_before_a_sentence_is_not_quoted(tmp_path: Path):
    # CNBC's exports open with ", "; the index keeps it, the quote does not.
    text = ", Stock futures were slightly higher Sunday evening as investors watched Ukraine."
    article = {"id": "futures", "title": "Futures", "language": "en", "date": "2022-02-13", "text": text}
    searcher = _searcher_over(tmp_path, [article])
    answer = answer_question("Were stock futures higher on Sunday evening?", searcher, 5)
    assert answer.found and answer.sentences[0].text.startswith("Stock futures were slightly higher")
    assert answer.citations[0].hit.chunk.text.startswith(", Stock futures")


OIL_OUTLOOK = (
    "If oil closed at $120 a barrel on Friday, inflation could climb to 9 percent. "
    "Oil settled at $93.10 a barrel on Friday."
)


def test_a_sentence_opening_with_a_condition_answers_only_a_question_that_asks_one(tmp_path: Path):
    article = {"id": "oil", "title": "Oil outlook", "language": "en", "date": "2022-02-11", "text": OIL_OUTLOOK}
    searcher = _searcher_over(tmp_path, [article])
    # The bag-of-words encoder rates the conditional closer: it holds "oil closed at", as asked.
    # It says what would happen, not where oil closed.
    answer = answer_question("What price did oil close at on Friday, February 11?", searcher, 5)
    assert answer.found and answer.sentences[0].text.startswith("Oil settled at $93.10")
    asked = answer_question("What could inflation reach if oil closed at $120 on Friday, February 11?", searcher, 5)
    assert asked.found and asked.sentences[0].text.startswith("If oil closed at $120")


def test_a_quote_repeated_by_its_speaker_is_one_sentence_to_quote():
    # 'Something's gonna happen." "Something's gonna happen."' splits into two sentences differing in their marks.
    assert as_compared("Something's gonna happen.\"") == as_compared('"Something\'s gonna happen."')
    assert as_compared("“Talks  Failed.”") == as_compared("talks failed.")


INTERVIEW = "Rose Gottemoeller, a former NATO official, said Putin was muddying the waters. " + (
    "The tanks going in were unmarked, not marked as army vehicles."
)


def _naming_contest(naming_articles: frozenset[str]) -> Contest:
    """An interview naming Rose Gottemoeller and an oil report, competing; ``naming_articles`` are said to name her."""
    interview, oil = one_passage_reports([INTERVIEW, "Oil prices rose on Tuesday."])
    subject = Subject({"Rose": frozenset({0}), "Gottemoeller": frozenset({0})}, given=frozenset({"Rose"}))
    pool = SentencePool.of([interview, oil])
    return Contest(pool, [0, 1], [0, 1], np.array([0.5, 0.3]), subject=subject, naming_articles=naming_articles)


def test_of_a_report_naming_whom_the_question_asks_about_the_sentence_on_what_it_asks_comes_first():
    def first(question: str, naming_articles: frozenset[str]) -> str:
        contest = _naming_contest(naming_articles)
        chosen = choose_sentences(read_question(question), contest, HashedEncoder(), HashedEncoder("fake:judge"))
        return contest.pool.sentences[chosen[0]].text

    lead = "Rose Gottemoeller, a former NATO official, said Putin was muddying the waters."
    # The bag-of-words encoder rates the lead closer, for her name. Every sentence of a report naming her
    # is about her: the one on the tanks answers what the question asks of her.
    asked = "What did Rose Gottemoeller say about the tanks?"
    assert first(asked, frozenset()) == lead
    assert first(asked, frozenset({"report-0"})).startswith("The tanks going in were unmarked")
    # Asked nothing besides who she is or what she says, the sentence naming her answers.
    assert first("Who is Rose Gottemoeller?", frozenset({"report-0"})) == lead
    assert first("What did Rose Gottemoeller say?", frozenset({"report-0"})) == lead
