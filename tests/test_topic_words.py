"""A short topic's words named in a sentence: by stem in its own language, through the dictionary in the other."""

from __future__ import annotations

import pytest

from index.dictionary_names import DICTIONARY
from index.topic_words import topic_words

INSTALLED = DICTIONARY.with_suffix(".index").exists()
BOTH = ["en", "id"]


def test_a_word_is_named_by_any_form_of_it_in_its_own_language():
    sanctions = topic_words(["sanctions"], "en", BOTH)
    assert sanctions.named_in("Washington sanctioned two Russian banks.", "en")
    assert not sanctions.named_in("Washington froze two Russian banks.", "en")
    talks = topic_words(["perundingan"], "id", BOTH)
    assert talks.named_in("Kedua negara akan berunding di Jenewa.", "id")  # one root, runding


def test_every_word_of_the_topic_must_be_named():
    pipeline = topic_words(["nord", "stream"], "en", BOTH)
    assert pipeline.named_in("Germany halted Nord Stream 2.", "en")
    assert not pipeline.named_in("Germany halted the Nord pipeline.", "en")


def test_a_name_is_named_as_itself_in_the_other_language():
    assert topic_words(["donetsk"], "id", BOTH).named_in("Putin recognized Donetsk and Luhansk.", "en")


@pytest.mark.skipif(not INSTALLED, reason="the Debian package dict-freedict-eng-ind is not installed")
def test_the_dictionary_translates_a_topic_into_the_other_language():
    assert topic_words(["sanksi"], "id", BOTH).named_in("Biden announced sanctions on two banks.", "en")
    assert topic_words(["invasi"], "id", BOTH).named_in("A Russian invasion could begin any day.", "en")
    assert topic_words(["missiles"], "en", BOTH).named_in("AS menawarkan batasan pada rudal.", "id")
    assert topic_words(["jenewa"], "id", BOTH).named_in("Talks began in Geneva on Sunday.", "en")
    assert not topic_words(["sanksi"], "id", BOTH).named_in("Biden announced talks.", "en")
