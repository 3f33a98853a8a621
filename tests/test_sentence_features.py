"""The features answer sentences are scored on say what they claim, for any pair of languages."""

from __future__ import annotations

import numpy as np
import pytest

from index.dictionary_names import DICTIONARY
from index.documents import Article, Chunk, Hit
from index.encoder_registry import E5
from index.question import read_question
from index.sentence_features import FEATURES, Contest, asks_quantity, hypothetical, sentence_features
from index.sentence_pool import SentencePool
from index.typicality import Typicality
from tests.helpers.fake_encoder import HashedEncoder


def hit(row: int, text: str, language: str, dense: float, title: str = "Talks") -> Hit:
    article = Article(f"doc-{row}", title, text, language=language)
    return Hit(
        row=row,
        chunk=Chunk(article.doc_id, 0, 0, len(text), text),
        article=article,
        score=0.0,
        dense=dense,
        lexical=0.0,
    )


def features_of(
    question: str, hits: list[Hit], ranks: list[int], judged: list[float], typicality: Typicality | None = None
) -> dict[str, np.ndarray]:
    pool = SentencePool.of(hits)
    contest = Contest(pool, list(range(len(hits))), ranks, np.array(judged), typicality=typicality)
    rows = sentence_features(
        read_question(question), contest, list(range(len(pool.sentences))), HashedEncoder(), HashedEncoder("fake:judge")
    )
    return {name: rows[:, i] for i, name in enumerate(FEATURES)}


def test_a_number_counts_only_when_the_question_asks_how_many():
    hits = [
        hit(0, "The paper obtained two confidential documents.", "en", 0.8),
        hit(1, "The paper obtained confidential documents.", "en", 0.7),
        hit(2, "Media itu mengakses dua dokumen rahasia.", "id", 0.6),
    ]
    asked = features_of("How many documents did the paper obtain?", hits, [0, 1, 2], [0.5, 0.4, 0.3])
    assert asked["number_asked"].tolist() == [1.0, 0.0, 1.0]  # "two" and "dua" are numbers
    plain = features_of("Which documents did the paper obtain?", hits, [0, 1, 2], [0.5, 0.4, 0.3])
    assert plain["number_asked"].tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("question", "wants_a_number"),
    [
        ("What is the latest settlement price for U.S. crude?", True),
        ("What's the UK's inflation rate right now?", True),
        ("What was the price of regular gas when it hit its seven-year high?", True),
        ("What did the Fed say about rates?", False),  # asks what was said
        ("What rate did the bank choose for the loan", False),
        ("What number of US soldiers was readied for Eastern Europe?", True),
        ("What was the total number of troops at the border?", True),
    ],
)
def test_a_question_whose_head_is_a_measure_asks_for_a_number(question: str, wants_a_number: bool):
    assert asks_quantity(read_question(question)) is wants_a_number


@pytest.mark.parametrize(
    ("question", "sentence", "is_hypothetical"),
    [
        ("What is the latest on oil prices?", "If oil increases to $120 per barrel, inflation could climb.", True),
        ("Berapa harga minyak?", "Jika harga minyak naik, inflasi bisa melonjak.", True),
        ("How much could inflation climb if oil hits $120?", "If oil increases to $120, inflation could climb.", False),
        # Quoted speech reports what someone said: a fact about them.
        ("What did Biden call an invasion?", '"If Russian units cross the border, that is an invasion."', False),
        ("What is the latest on oil prices?", "Oil rose even as traders asked if supply would hold.", False),
    ],
)
def test_a_sentence_opening_with_a_condition_is_hypothetical_unless_the_question_asks_one(
    question: str, sentence: str, is_hypothetical: bool
):
    assert hypothetical(read_question(question), sentence) is is_hypothetical


def test_language_passage_standing_and_words_are_read_per_sentence():
    hits = [
        hit(0, "The paper obtained two confidential documents.", "en", 0.8),
        hit(1, "Media itu mengakses dua dokumen rahasia.", "id", 0.6),
        hit(2, "The talks ended without a deal.", "en", 0.7),  # a neighbour of the first: its standing
    ]
    found = features_of("Which documents did the paper obtain?", hits, [0, 1, 0], [0.5, 0.3, 0.5])
    assert found["other_language"].tolist() == [0.0, 1.0, 0.0]
    assert found["overlap"][1] == 0.0 and found["overlap"][0] > found["overlap"][2]  # words match within a language
    assert np.allclose(found["passage"], [0.0, -0.2, -0.1])  # the passage's cosine, relative to the best
    assert np.allclose(found["rank"], [1.0, 0.5, 1.0]) and np.allclose(found["judge_gap"], [0.0, -0.2, 0.0])
    assert found["sentence"].max() == 0.0 and found["judged_sentence"].max() == 0.0  # relative to the best
    assert np.allclose(found["other_language_sentence"], found["sentence"] * found["other_language"])


def test_a_sentence_restating_what_other_reports_say_is_more_typical_than_one_holding_a_fact():
    others = [
        "The United States and NATO sent written replies to the demands of Russia.",
        "Washington and NATO delivered written replies to Russia on its demands.",
        "NATO and the United States answered the Russian demands in writing.",
    ] * 4
    sample = Typicality.of_sentences(HashedEncoder().encode_passages(others), [f"other-{i}" for i in range(12)])
    hits = [
        hit(0, "The United States and NATO replied to the demands of Russia.", "en", 0.8),
        hit(1, "Russia could check for Tomahawk missiles at two bases in Romania and Bulgaria.", "en", 0.8),
    ]
    found = features_of("What did the US offer on missiles?", hits, [0, 1], [0.5, 0.5], sample)
    assert found["typicality"][0] == 0.0 and found["typicality"][1] < 0.0  # relative to the most typical
    assert features_of("What did the US offer on missiles?", hits, [0, 1], [0.5, 0.5])["typicality"].tolist() == [0, 0]


def test_the_fitted_weights_have_one_weight_per_feature():
    assert E5.sentence_weights is not None and len(E5.sentence_weights) == len(FEATURES)


def test_a_pool_grown_by_more_hits_keeps_what_it_knew_and_scores_the_rest():
    encoder = HashedEncoder()
    question = read_question("Which documents did the paper obtain?")
    first = hit(0, "The paper obtained two confidential documents. It said so on Wednesday.", "en", 0.8)
    pool = SentencePool.of([first])
    pool.score_everything(question, encoder)
    known = pool.sentence_scores(question, encoder)
    grown = pool.with_hits([hit(1, "Media itu mengakses dua dokumen rahasia.", "id", 0.6)])
    assert [s.hit for s in grown.sentences] == [0, 0, 1] and grown.hits[1].row == 1
    before = encoder.encoded
    scores = grown.sentence_scores(question, encoder)
    assert encoder.encoded == before + 1  # only the new sentence is encoded
    assert np.allclose(scores[:2], known)
    passages, sentences = grown.score_everything(question, encoder)
    assert len(passages) == 2 and len(sentences) == 3
    assert encoder.encoded == before + 2  # and the new passage: the first one's score was kept


def test_words_are_matched_across_languages_only_for_sentences_in_another_language():
    hits = [
        hit(0, "Stoltenberg said NATO is open.", "en", 0.8),
        hit(1, "Stoltenberg menilai NATO terbuka.", "id", 0.7),  # "menilai" (judges): no translation of "say"
        hit(2, "Pembicaraan berakhir tanpa kesepakatan.", "id", 0.6),
    ]
    found = features_of("What did Stoltenberg say about NATO?", hits, [0, 1, 2], [0.5, 0.4, 0.3])
    # The fake judge's word vectors match identical words only: "stoltenberg" and "nato" of three terms.
    assert found["translated_overlap"][0] == 0.0 and found["overlap"][0] > 0  # within a language, plain overlap
    assert found["translated_overlap"][1] == pytest.approx(2 / 3) and found["overlap"][1] == 0.0
    assert found["translated_overlap"][2] == 0.0


@pytest.mark.skipif(not DICTIONARY.with_suffix(".index").exists(), reason="needs dict-freedict-eng-ind")
def test_a_sentence_counts_the_question_words_its_passage_holds_and_those_the_dictionary_translates():
    hits = [
        hit(0, "US Patriot missile defenses intercepted missiles over the UAE.", "en", 0.8, "The end of an order"),
        hit(
            1,
            "Sejumlah proposal AS menyarankan batasan pada rudal. Dokumen itu bocor ke media.",
            "id",
            0.7,
            "AS dan NATO Tawarkan Langkah-langkah Perlucutan Senjata ke Rusia",
        ),
    ]
    found = features_of("What did the US offer on missiles?", hits, [0, 1], [0.5, 0.4])
    # The fake judge's word vectors translate nothing: "AS" and "rudal" are the dictionary's "US" and "missiles".
    assert found["translated_overlap"].tolist() == pytest.approx([0.0, 2 / 3, 0.0])
    # The headline's "Tawarkan" is the offer: the Indonesian passage holds all three words, for each of its sentences.
    assert found["passage_words"].tolist() == pytest.approx([2 / 3, 1.0, 1.0])
