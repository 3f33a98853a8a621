"""A sentence reporting by pronoun what someone said is attributed to the sentence naming them before it."""

from __future__ import annotations

import pytest

from index.attributed_speech import REACH, reporting_pronoun, reports_by_pronoun, speaker_sentence
from index.documents import Article, Chunk, Hit
from index.named_subjects import Subject
from index.question import read_question
from index.sentence_features import word_shares
from index.sentence_pool import SentencePool

INTRODUCED = "Western restraint is likely, said Shaistah Akhtar, an expert on sanctions law."
ADDED = "But some of the restraint so far is deliberate, she added."
QUOTED = '"They needed to allow some room to manoeuvre," she said.'


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        (QUOTED, "en", True),
        (ADDED, "en", True),
        ("He says nobody is placing big orders.", "en", True),
        ("The company, she said, will grow.", "en", True),
        ('"Kami siap," katanya.', "id", True),
        ("Ia mengatakan bahwa pasukan sudah siap.", "id", True),
        # A named speaker's reported clause: "he" is Kasman, or Biden.
        ("Late last week, economist Bruce Kasman said he expects growth.", "en", False),
        ("Biden said he thinks so.", "en", False),
        ("Shaistah Akhtar said the restraint was deliberate.", "en", False),
        ("“He told me to leave,” Kasman said.", "en", False),  # the quotation's own "he"
        ("They said the talks had failed.", "en", False),  # several people
        ("He also said the talks were frank.", "en", True),
        ("The market is fragile, he said, “and it will fall.”", "en", True),
        ("Ia juga mengatakan pasukan sudah siap.", "id", True),
        ("Harga akan naik, ujar dia.", "id", True),
        ("Il a dit que les pourparlers étaient francs.", "fr", False),
    ],
)
def test_a_sentence_reports_by_pronoun_when_a_pronoun_says_it_at_its_start_or_end(
    sentence: str, language: str, expected: bool
):
    assert reports_by_pronoun(sentence, language) is expected


@pytest.mark.parametrize(
    ("sentence", "language", "said_by"),
    [
        (QUOTED, "en", "she"),
        ("He also said the talks were frank.", "en", "he"),
        ("“He told me to leave,” she said.", "en", "she"),  # the quotation's "He" is someone else
        ("'He told me to leave,' she said.", "en", "she"),
        ("«He told me to leave», she said.", "en", "she"),
        ('He is afraid of his own people," says Rasa Juknevičienė.', "en", None),  # she is named, not a pronoun
        ("Biden said he thinks so.", "en", None),
        ("He also said the talks were frank.", "en-GB", "he"),
    ],
)
def test_the_pronoun_reporting_what_was_said_tells_he_from_she_in_english(
    sentence: str, language: str, said_by: str | None
):
    assert reporting_pronoun(sentence, language) == said_by


def _passages(*texts: str) -> list[Hit]:
    """One report's consecutive passages (positions 0, 1, ...), as retrieved hits."""
    article = Article("report", "Oil surges", " ".join(texts), language="en")
    return [
        Hit(row=i, chunk=Chunk("report", i, 0, len(text), text), article=article, score=0.0, dense=0.8, lexical=0.0)
        for i, text in enumerate(texts)
    ]


def test_the_speaker_is_the_sentence_before_the_run_of_pronoun_reports():
    pool = SentencePool.of(_passages(f"Oil rose. {INTRODUCED} {ADDED} {QUOTED}"))
    texts = [sentence.text for sentence in pool.sentences]
    assert texts[speaker_sentence(pool, texts.index(QUOTED))] == INTRODUCED
    assert speaker_sentence(pool, texts.index(INTRODUCED)) is None  # it names its speaker itself


def test_the_speaker_may_close_the_passage_before_when_the_pool_holds_it():
    first, second = _passages(f"Oil rose. {INTRODUCED}", QUOTED)
    pool = SentencePool.of([second, first])  # a neighbour comes after the passage it is next to
    assert pool.sentences[speaker_sentence(pool, 0)].text == INTRODUCED
    assert speaker_sentence(SentencePool.of([second]), 0) is None


def test_a_pronoun_report_of_the_person_asked_about_holds_their_name():
    question = read_question("Why did Shaistah Akhtar say the sanctions were not at their maximum?")
    other = "Analyst Phil Flynn expects more. Sanctions were not at their maximum, he said."
    pool = SentencePool.of(_passages(f"{INTRODUCED} {QUOTED}", other))
    subject = Subject({"Shaistah": frozenset({0}), "Akhtar": frozenset({0})})
    _, without = word_shares(question, pool, [1, 3], None)
    _, with_names = word_shares(question, pool, [1, 3], None, subject)
    assert with_names[0] > without[0]  # she said it, right after her name
    assert with_names[1] == without[1]  # he is Flynn, named just before


def test_a_speaker_further_back_than_the_reach_is_not_found():
    reports = " ".join(f"Prices rose {n} percent, she said." for n in range(REACH))
    pool = SentencePool.of(_passages(f"{INTRODUCED} {reports} {QUOTED}"))
    assert speaker_sentence(pool, len(pool.sentences) - 2) == 0
    assert speaker_sentence(pool, len(pool.sentences) - 1) is None


def test_a_pronoun_report_holds_only_the_names_its_speaker_sentence_writes():
    question = read_question("What did Shaistah Akhtar tell Phil Flynn about the sanctions?")
    pool = SentencePool.of(_passages(f"{INTRODUCED} {QUOTED}"))
    names = {"Shaistah": frozenset({0}), "Akhtar": frozenset({0}), "Phil": frozenset({1}), "Flynn": frozenset({1})}
    subject = Subject(names, frozenset({"Shaistah", "Phil"}))
    _, without = word_shares(question, pool, [1], None)
    _, with_names = word_shares(question, pool, [1], None, subject)
    assert with_names[0] == pytest.approx(without[0] + 2 / len(question.terms))  # Shaistah Akhtar, not Flynn
