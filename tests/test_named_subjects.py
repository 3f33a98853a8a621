"""A question naming someone few passages name is about the coverage when a retrieved passage names them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.answer import answer_question
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.named_subjects import Subject, subject_of
from index.question import read_question
from index.search import SearchConfig, Searcher
from index.versions import DataDir
from tests.helpers.dictd import use_dictionary
from tests.helpers.fake_encoder import HashedEncoder

ARTICLES = [
    "Russia moved more troops to the border, officials said on Monday.",
    "Russia rejected the proposals, its foreign ministry said.",
    "Russia and NATO met in Brussels for four hours of talks.",
    "Russia presented Assistant Secretary of State Karen Donfried with its draft treaty in Moscow.",
    "Russia sold wheat to Africa at record prices this winter.",
    "Russia will keep supplying gas, and oil besides, the Kremlin said.",
    "Deputy Foreign Minister Sergei Ryabkov said the talks were useful.",
    "The Organization for Security and Cooperation in Europe met in Vienna on Thursday.",
]
TITLED = {"id": "front", "title": "Zaluzhnyi visits the front", "text": "The commander saw the trenches on Tuesday."}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    root = tmp_path_factory.mktemp("subjects")
    corpus = root / "corpus"
    corpus.mkdir()
    lines = [
        json.dumps({"id": f"a{i}", "title": f"Report {i}", "language": "en", "text": text})
        for i, text in enumerate(ARTICLES)
    ]
    lines.append(json.dumps({**TITLED, "language": "en"}))
    (corpus / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = DataDir(root / "data")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), BuildConfig())
    return Searcher.open_current(data, HashedEncoder())


def test_names_few_passages_hold_are_rare_and_common_ones_are_not(searcher: Searcher):
    # "Russia" is in six passages; a name must be in at most five (or 2% of a large coverage).
    subject = subject_of(read_question("Did Karen Donfried meet Russia's envoy?"), searcher.store)
    assert set(subject.held_by) == {"Karen", "Donfried"}


def test_countries_regions_and_names_held_nowhere_are_no_subject(searcher: Searcher):
    assert subject_of(read_question("What is the tallest mountain in Africa?"), searcher.store).held_by == {}
    assert subject_of(read_question("What did Emmanuel Macron say?"), searcher.store).held_by == {}
    # A name no passage holds (one the coverage writes only in translation, if at all) leaves
    # no passage that can be seen to name everything asked.
    assert subject_of(read_question("Did Karen Donfried meet Emmanuel Macron?"), searcher.store).held_by == {}


def test_whom_a_question_asks_about_is_named_neither_by_initials_nor_by_a_city(searcher: Searcher):
    subject = subject_of(read_question("What did Ryabkov tell NATO in Vienna?"), searcher.store, unknown_voids=False)
    assert set(subject.held_by) == {"Ryabkov", "NATO", "Vienna"}
    assert set(subject.whom().held_by) == {"Ryabkov"}
    assert subject.whom().together == frozenset({6})


def test_a_citys_name_written_with_another_name_is_a_persons():
    rows = frozenset({0})
    full = Subject({"Lloyd": rows, "Austin": rows}, given=frozenset({"Lloyd"}), surnames=frozenset({"Austin"}))
    assert set(full.whom().held_by) == {"Lloyd", "Austin"}
    assert full.whom().given == frozenset({"Lloyd"})
    assert Subject({"Austin": rows}).whom().held_by == {}


def test_names_held_nowhere_can_be_left_out_instead(searcher: Searcher):
    # Dating an event: "the US-Russia talks in Geneva" are named by the reports writing "Geneva",
    # whatever they call the sides.
    question = read_question("Did Karen Donfried meet Emmanuel Macron?")
    subject = subject_of(question, searcher.store, unknown_voids=False)
    assert set(subject.held_by) == {"Karen", "Donfried"}
    assert subject.together == frozenset({3})
    # The reports' own name for the sides is left out, and the place still names the event ...
    sides_unknown = subject_of(read_question("the US-Russia talks in Vienna"), searcher.store, unknown_voids=False)
    assert set(sides_unknown.held_by) == {"Vienna"}
    # ... but an acronym the coverage writes out is named by passages that cannot be told from
    # the others: "Vienna" alone would name any talks there.
    assert subject_of(read_question("the OSCE talks in Vienna"), searcher.store, unknown_voids=False).held_by == {}


def test_a_name_is_held_where_the_passages_write_it_in_the_other_language(
    searcher: Searcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # "Jenewa" is Geneva in Indonesian: no English report writes it, so "Apa kata Blinken tentang
    # perundingan Jenewa?" had no subject and was told the coverage held nothing related.
    use_dictionary(tmp_path, monkeypatch, [("brussels", "Brussels /x/ <pn>\nBrussel\ncapital of Belgium\n")])
    subject = subject_of(read_question("Berapa jam perundingan di Brussel?"), searcher.store)
    assert subject.held_by == {"Brussel": frozenset({2})}  # the one passage on the Brussels talks
    assert subject.names_one("The talks in Brussels lasted four hours.")
    assert not subject.names_one("The talks lasted four hours.")


def test_the_subject_is_named_only_by_a_passage_holding_every_rare_name(searcher: Searcher):
    question = read_question("Who is Karen Donfried?")
    hits = searcher.search(question, 6)
    naming = [hit for hit in hits if "Donfried" in hit.chunk.text]
    others = [hit for hit in hits if "Donfried" not in hit.chunk.text]
    assert naming and others
    subject = subject_of(question, searcher.store)
    assert subject.named_in(naming)
    assert not subject.named_in(others)
    # A passage holding one of two rare names does not name the subject of a question asking about both.
    assert not subject_of(read_question("Did Karen Donfried meet Sergei Ryabkov?"), searcher.store).named_in(hits)


def test_a_sentence_names_the_subject_by_one_of_its_names_as_a_whole_word(searcher: Searcher):
    subject = subject_of(read_question("What did Karen Donfried say?"), searcher.store)
    assert subject.names_one("Donfried's aides declined to comment.")
    assert subject.names_one("Donfried flew home.")  # stories go on by surname ...
    assert not subject.names_one("Karen Smith sang.")  # ... and a given name alone is someone else's
    assert not subject.names_one("The envoy spoke in Moscow.")
    assert not subject.names_one("Karenina was read; Donfriedman spoke.")  # whole words only


def test_the_passages_naming_the_subject_can_be_fetched_though_not_retrieved(searcher: Searcher):
    question = read_question("Who is Karen Donfried?")
    rows = subject_of(question, searcher.store).together
    assert len(rows) == 1
    (hit,) = searcher.passages_at(question, sorted(rows))
    assert "Karen Donfried" in hit.chunk.text and hit.article.doc_id == "a3"
    assert hit.score == 0.0 and -1.0 <= hit.dense <= 1.0


def test_a_first_word_counts_as_a_name_when_the_coverage_writes_it_as_one(searcher: Searcher):
    # Every question capitalises its first word; the passages tell a name from a word.
    assert set(subject_of(read_question("Donfried got what draft?"), searcher.store).held_by) == {"Donfried"}
    assert subject_of(read_question("Besides gas, what else?"), searcher.store).held_by == {}
    # A country opening the question is where, as anywhere else in it.
    assert subject_of(read_question("Africa wheat prices?"), searcher.store).held_by == {}
    # A date is no subject, and does not hide the names that are.
    dated = subject_of(read_question("Did Karen Donfried meet anyone on 2022-01-09?"), searcher.store)
    assert set(dated.held_by) == {"Karen", "Donfried"}


def test_a_subject_only_a_title_names_gets_the_closest_coverage_not_an_answer(searcher: Searcher):
    # The passage holds the name (its title does), but no sentence that could be quoted names him.
    # The judge's threshold is set out of reach, so that only the name could make it answered.
    strict = Searcher(searcher.folder, HashedEncoder(), SearchConfig(min_relevance=0.99))
    answer = answer_question("Who is Zaluzhnyi?", strict, 5)
    assert (answer.found, answer.reason) == (False, "not_answered")
    assert any(citation.hit.article.doc_id == "front" for citation in answer.closest)


def test_a_name_does_not_answer_a_question_asking_something_else_of_it(searcher: Searcher):
    # "How do I reset the password on my Wi-Fi router?" was answered from the one report naming Wi-Fi.
    # The judge's threshold is out of reach, so that only the name could make either answered.
    strict = Searcher(searcher.folder, HashedEncoder(), SearchConfig(min_relevance=0.99))
    unrelated = answer_question("How should Karen Donfried bake sourdough bread?", strict, 5)
    assert not unrelated.found
    # Asked what she presented, or where (one word besides her name), the passage naming her answers ...
    assert answer_question("What did Karen Donfried present in Moscow?", strict, 5).found
    assert answer_question("Where was Donfried?", strict, 5).found
    # ... and asked more, it answers when it holds one of the other words ("treaty").
    assert answer_question("Which draft treaty did Russia hand Karen Donfried last week?", strict, 5).found


def test_a_passage_in_another_language_is_not_held_to_the_questions_words(searcher: Searcher):
    # The dictionary lacks too many of the press's words: held to them, "Apa judul buku memoar
    # Fiona Hill?" lost the English report of her memoir.
    strict = Searcher(searcher.folder, HashedEncoder(), SearchConfig(min_relevance=0.99))
    assert answer_question("Berkas apa yang diterima Karen Donfried kemarin sore?", strict, 5).found


def test_an_answer_given_for_a_name_quotes_only_passages_naming_it(searcher: Searcher):
    # Answered only because a passage names her (the judge's threshold out of reach): a sentence from a
    # passage that does not name her, quoted after hers, answers nothing about her ("Siapa yang memimpin
    # delegasi AS di Jenewa?" went on to a congressman thanking the head of the FAA).
    strict = Searcher(searcher.folder, HashedEncoder(), SearchConfig(min_relevance=0.99))
    answer = answer_question("What did Karen Donfried present?", strict, 5)
    assert answer.found and answer.sentences
    quoted = {sentence.n for sentence in answer.sentences}
    assert all("Donfried" in c.hit.chunk.text for c in answer.citations if c.n in quoted)


def test_a_passage_going_on_by_surname_names_whom_its_article_names_in_full(tmp_path: Path):
    filler = " ".join(f"Officials met for the {n}th time on the border question." for n in range(40))
    articles = {
        "profile": f"Karen Donfried arrived in Kyiv. {filler}\n\nDonfried then flew to Moscow.",
        "other": f"{filler}\n\nDonfried is a common name in Bavaria.",  # never "Karen Donfried": someone else
        # "Karen" and "Donfried" in two passages, never together: no one named in full.
        "split": f"Karen Smith sang in Kyiv. {filler}\n\nDonfried stayed in Berlin.",
    }
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [json.dumps({"id": i, "title": i, "language": "en", "text": t}) for i, t in articles.items()]
    (corpus / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), BuildConfig())
    searcher = Searcher.open_current(data, HashedEncoder())
    question = read_question("What did Karen Donfried do in Moscow?")
    hits = searcher.passages_at(question, sorted(searcher.store.rows_mentioning("Donfried", 10)))
    going_on = [hit for hit in hits if "Donfried then" in hit.chunk.text and "Karen" not in hit.chunk.text]
    elsewhere = [hit for hit in hits if hit.chunk.doc_id in ("other", "split")]
    assert going_on and len(elsewhere) == 2  # the later passage of her profile names her by surname only
    subject = subject_of(question, searcher.store)
    assert subject.named_in(going_on) and subject.whom().named_in(going_on)
    assert not any(subject.held_by_hit(hit) for hit in elsewhere)
    searcher.close()
