"""A question's words become the words another language's passages use for them."""

from __future__ import annotations

import pytest

from index.embedder import Encoder, LoadedEncoder
from index.relevance import judge_for
from index.translated_words import WordVectors
from index.word_translation import Vocabulary, vocabulary_words

ENGLISH_NEWS = [
    "Germany already imports 35% of the gas it needs from Russia.",
    "Gold and wheat rose on Friday as oil prices closed higher.",
    "The talks in Geneva ended without a deal.",
]


@pytest.fixture(scope="module")
def english_words(multilingual: LoadedEncoder) -> tuple[Vocabulary, WordVectors]:
    usem3: Encoder = judge_for(multilingual.encoder).encoder
    vectors = WordVectors(usem3)
    words = vocabulary_words(ENGLISH_NEWS)
    return Vocabulary(words, vectors.of(words)), vectors


def test_indonesian_question_words_become_the_english_words_of_the_coverage(
    english_words: tuple[Vocabulary, WordVectors],
):
    vocabulary, vectors = english_words
    # "Berapa persen kebutuhan gas Jerman yang diimpor?": needs, Germany, imported
    assert vocabulary.translations(["kebutuhan", "jerman", "diimpor"], vectors) == ["needs", "germany", "imports"]
    assert vocabulary.translations(["pembicaraan", "jenewa"], vectors) == ["talks", "geneva"]


def test_a_word_the_coverage_has_no_translation_for_adds_nothing(english_words: tuple[Vocabulary, WordVectors]):
    vocabulary, vectors = english_words
    assert vocabulary.translations(["sepakbola", "resep", "nasi", "goreng"], vectors) == []  # football, a recipe


def test_only_words_worth_searching_are_kept():
    words = vocabulary_words(["The US and NATO met on Jan. 10, 2022 in Geneva; they talked of it."])
    assert words == ["geneva", "jan", "met", "nato", "talked"]  # no stop words, figures or two-letter words


def test_a_vocabulary_too_large_keeps_the_words_most_passages_hold():
    passages = ["Oil prices rose.", "Oil and gas prices fell.", "Oil, gas and gold."]
    assert vocabulary_words(passages, limit=2) == ["gas", "oil"]  # oil in three, gas and prices in two: gas first
