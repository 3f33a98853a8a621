"""The not-found rule: a passage with one answering sentence counts, off-topic questions find none."""

from __future__ import annotations

import pytest

from index.cleaning import clean_article
from index.documents import Article, Chunk, Hit
from index.embedder import LoadedEncoder
from index.loaders import load_paths
from index.relevance import RelevanceJudge, judge_for
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_lead() -> Hit:
    """The seed's first seven paragraphs as one retrieved passage, as the index cuts it."""
    article = clean_article(load_paths([SEED]).articles[0])
    text = "\n\n".join(article.text.split("\n\n")[:7])
    return Hit(
        row=0, chunk=Chunk(article.doc_id, 0, 0, len(text), text), article=article, score=1.0, dense=0.0, lexical=0.0
    )


@pytest.fixture(scope="module")
def judge(multilingual: LoadedEncoder) -> RelevanceJudge:
    return judge_for(multilingual.encoder)


def test_a_question_answered_by_one_sentence_of_a_long_passage_is_found(judge: RelevanceJudge, seed_lead: Hit):
    # The passage covers the whole leak and only one sentence answers this; judged on the
    # passage's vector alone it scores like an off-topic question.
    assert judge.is_answered("Berapa dokumen rahasia yang diakses El Pais?", [seed_lead])


def test_an_off_topic_question_is_not_found_in_the_same_passage(judge: RelevanceJudge, seed_lead: Hit):
    assert not judge.is_answered("How do I make a sourdough starter at home?", [seed_lead])
    assert not judge.is_answered("Who won the 2018 FIFA World Cup?", [seed_lead])


def test_nothing_retrieved_is_never_answered(judge: RelevanceJudge):
    empty = Article(doc_id="x", title="", text="")
    assert not judge.is_answered("What did the US offer on missiles?", [])
    assert not judge.is_answered(
        "What did the US offer on missiles?", [Hit(0, Chunk("x", 0, 0, 0, ""), empty, 0, 0, 0)]
    )
