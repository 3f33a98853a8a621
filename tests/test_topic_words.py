"""A short topic's words named in a sentence: by stem in its own language, through the dictionary in the other."""

from __future__ import annotations

import threading

import pytest

from index import dictionary_words
from index.dictionary_names import DICTIONARY
from index.dictionary_words import phrase_translations
from index.stemming import stem
from index.topic_words import topic_units, topic_words, translated_topic, untranslated_words
from tests.helpers.dictd import use_dictionary

INSTALLED = DICTIONARY.with_suffix(".index").exists()
BOTH = ["en", "id"]


def test_a_word_is_named_by_any_form_of_it_in_its_own_language():
    sanctions = topic_words("sanctions", BOTH)
    assert sanctions.named_in("Washington sanctioned two Russian banks.", "en")
    assert not sanctions.named_in("Washington froze two Russian banks.", "en")
    talks = topic_words("perundingan", BOTH)
    assert talks.named_in("Kedua negara akan berunding di Jenewa.", "id")  # one root, runding


def test_every_word_of_the_topic_must_be_named_as_the_question_splits_it():
    pipeline = topic_words("Nord Stream 2", BOTH)
    assert pipeline.named_in("Germany halted Nord Stream 2.", "en")
    assert not pipeline.named_in("Germany halted the Nord pipeline.", "en")
    assert topic_words("de-escalation", BOTH).named_in("Moscow spoke of de-escalation on Tuesday.", "en")
    assert topic_words("false flag", BOTH).named_in("officials warned of a false-flag operation", "en")


def test_a_word_with_figures_is_named_as_written():
    assert topic_words("S-400 missiles", BOTH).named_in("Turkey bought the S-400 missiles from Russia.", "en")


def test_an_acronym_is_named_by_itself_not_by_the_pronoun_or_conjunction():
    us_sanctions = topic_words("US sanctions", BOTH)
    assert us_sanctions.named_in("The US announced sanctions on Tuesday.", "en")
    assert not us_sanctions.named_in("Let us talk about sanctions.", "en")
    assert topic_words("sanctions AS", BOTH).named_in("Biden said the US sanctions would hurt.", "en")


def test_a_name_is_named_as_itself_in_the_other_language():
    assert topic_words("Donetsk", BOTH).named_in("Putin recognized Donetsk and Luhansk.", "en")


@pytest.mark.skipif(not INSTALLED, reason="the Debian package dict-freedict-eng-ind is not installed")
def test_the_dictionary_translates_a_topic_into_the_other_language():
    assert topic_words("sanksi", BOTH).named_in("Biden announced sanctions on two banks.", "en")
    assert topic_words("invasi", BOTH).named_in("A Russian invasion could begin any day.", "en")
    assert topic_words("missiles", BOTH).named_in("AS menawarkan batasan pada rudal.", "id")
    assert topic_words("Jenewa", BOTH).named_in("Talks began in Geneva on Sunday.", "en")
    assert not topic_words("sanksi", BOTH).named_in("Biden announced talks.", "en")


@pytest.mark.skipif(not INSTALLED, reason="the Debian package dict-freedict-eng-ind is not installed")
def test_the_share_of_a_topics_words_a_sentence_names_counts_each_word_once():
    offer = topic_words("What did the US offer on missiles?", ["id"])
    assert offer.share_named_in("AS menawarkan batasan pada rudal.", "id") == 1.0
    assert offer.share_named_in("AS mengirim rudal ke Ukraina.", "id") == pytest.approx(2 / 3)
    assert topic_words("", ["id"]).share_named_in("AS menawarkan batasan pada rudal.", "id") == 0.0


def test_a_word_of_either_language_is_translated_whichever_the_topic_is_read_as():
    # "Russian invasion" is read as Indonesian; its words are still translated from English.
    assert topic_words("Russian invasion", BOTH).named_in("Rusia melancarkan invasi ke Ukraina.", "id")


def test_the_dictionarys_words_are_translated_both_ways(tmp_path, monkeypatch):
    use_dictionary(
        tmp_path,
        monkeypatch,
        [
            ("missile", "missile //m\u026as\u0259l// <n>\nmisil, rudal, peluru kendali\nprojectile\n"),
            ("geneva", "Geneva /x/ <pn>\nJenewa\ncity\n"),
        ],
    )
    # By stem; "peluru kendali" is two words for one, a gloss.
    assert phrase_translations(["missiles"], "en", "id") == {("misil",), ("rudal",)}
    assert phrase_translations(["rudal"], "id", "en") == {("missile",)}
    assert phrase_translations(["Jenewa"], "id", "en") == set()  # a name: index.dictionary_names'


def test_without_the_dictionary_a_word_has_no_translation(tmp_path, monkeypatch):
    monkeypatch.setattr(dictionary_words, "DICTIONARY", tmp_path / "absent")
    assert phrase_translations(["rudal"], "id", "en") == set()
    assert topic_words("rudal", BOTH).named_in("Russia moved rudal launchers.", "en")  # as itself still


def test_stems_stay_right_when_threads_stem_at_once():
    words = ["sanctions", "conditional", "invasion", "negotiations", "pipelines"]
    expected = {word: stem(word, "en") for word in words}
    wrong: list[str] = []

    def stem_repeatedly() -> None:
        for _ in range(300):
            for word in words:
                stem.cache_clear()  # every call reaches the shared Snowball stemmer
                if stem(word, "en") != expected[word]:
                    wrong.append(word)

    threads = [threading.Thread(target=stem_repeatedly) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


@pytest.mark.skipif(not INSTALLED, reason="the Debian package dict-freedict-eng-ind is not installed")
def test_a_short_topic_is_also_searched_word_by_word_in_the_other_language():
    assert translated_topic("harga emas") == "price gold"
    assert translated_topic("perundingan Jenewa") == "perundingan Geneva"  # a word it lacks stays


def test_a_topic_with_nothing_to_translate_is_searched_once():
    assert translated_topic("Nord Stream 2") == ""


PHRASE_ENTRIES = [
    ("interest rate", "interest rate /x/ <n>\nsuku bunga\npercentage charged\n"),
    ("embassy", "embassy /x/ <n>\nkedutaan, kedutaan besar\nmission\n"),
    ("cease-fire", "cease-fire /x/ <n>\ngencatan senjata\nhalt to fighting\n"),
    ("big", "big /x/ <adj>\nbesar\nlarge\n"),
    ("tribe", "tribe /x/ <n>\nsuku\ngroup\n"),
    ("flower", "flower /x/ <n>\nbunga\nbloom\n"),
]


def test_words_the_dictionary_translates_together_are_one_unit_of_the_topic(tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch, PHRASE_ENTRIES)
    rates = topic_words("suku bunga", BOTH)
    assert rates.named_in("The Fed is expected to raise interest rates in March.", "en")
    assert not rates.named_in("A tribe laid a flower at the memorial.", "en")  # not word by word
    assert translated_topic("suku bunga") == "interest rate"
    assert translated_topic("interest rates") == "suku bunga"  # by the English words' stems


def test_a_phrase_translates_into_one_word_and_a_hyphenated_word_is_also_read_joined(tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch, PHRASE_ENTRIES)
    embassy = topic_words("kedutaan besar", BOTH)
    assert embassy.named_in("Staff left the US embassy in Kyiv.", "en")  # "besar" (big) need not be named
    ceasefire = topic_words("gencatan senjata", BOTH)
    assert ceasefire.named_in("Both sides agreed to a ceasefire.", "en")
    assert ceasefire.named_in("The cease-fire held overnight.", "en")
    assert topic_words("gencatan senjata", BOTH).named_in("Gencatan senjata berlaku sejak Senin.", "id")
    # One word keeps its one-word translations: "kedutaan", not the gloss "kedutaan besar".
    assert translated_topic("embassy") == "kedutaan"


def test_a_phrase_counts_as_one_unit_of_a_short_topic(tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch, PHRASE_ENTRIES)
    assert topic_units("suku bunga AS") == [("suku", "bunga"), ("AS",)]
    assert topic_units("harga suku") == [("harga",), ("suku",)]


def test_the_words_no_translation_is_known_of_are_told_apart(tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch, PHRASE_ENTRIES)
    english = ["Zelensky met the troops.", "Markets fell."]
    assert untranslated_words("pasukan suku", english) == ["pasukan"]  # "suku" is "tribe"
    # A phrase, a name (even in lower case, as the reports write it), an acronym and a figure need none.
    assert untranslated_words("suku bunga Zelensky NATO 2022", english) == []
    assert untranslated_words("pasukan zelensky", english) == ["pasukan"]
    assert untranslated_words("pasukan", []) == []  # no report in another language: nothing to translate into


def test_a_hyphenated_word_is_one_word_and_a_longer_translation_a_gloss(tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch, [*PHRASE_ENTRIES, ("spy", "spy /x/ <n>\nmata-mata\nagent\n")])
    assert phrase_translations(["spy"], "en", "id") == {("mata", "mata")}  # "mata-mata", one word
    assert translated_topic("spy") == "mata"
    assert topic_words("ceasefire", BOTH).named_in("Gencatan senjata berlaku sejak Senin.", "id")  # "cease-fire"
