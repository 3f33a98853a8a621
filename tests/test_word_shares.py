"""A question's words held by a passage: as written, translated across languages, and read once per answer."""

from __future__ import annotations

import pytest

import index.sentence_pool
from index.documents import Article, Chunk, Hit
from index.question import Question, read_question
from index.sentence_pool import SentencePool
from index.word_shares import word_overlap


def _passage(text: str, language: str) -> Hit:
    article = Article(doc_id="x", title="", text=text, language=language)
    return Hit(0, Chunk("x", 0, 0, len(text), text), article, 0, 0, 0)


def test_a_passage_in_the_other_language_shares_the_words_it_translates():
    # Counted as written, the Indonesian answer held none of "US", "offer", "missiles", and an
    # English report of Patriot missiles two of them: the judge left the seed out of the sources.
    offer = read_question("What did the US offer on missiles?")
    assert word_overlap(offer, _passage("AS menawarkan batasan pada rudal.", "id")) == 1.0
    assert word_overlap(offer, _passage("Patriot missiles intercepted two missiles.", "en")) == pytest.approx(1 / 3)


def test_words_asking_for_the_latest_share_nothing_in_the_other_language():
    # "terbaru" is "new", which any report holds: an off-topic question was answered from one.
    app = _passage("The new app had a glitchy start.", "en")
    assert word_overlap(read_question("Promo iPhone terbaru?"), app) == 0.0
    assert word_overlap(read_question("Promo iPhone baru?"), app) == pytest.approx(1 / 3)  # "baru" asks for no time


def test_a_pool_reads_each_passage_share_once_and_only_the_new_ones_after_growing(monkeypatch: pytest.MonkeyPatch):
    offer = read_question("What did the US offer on missiles?")
    read: list[str] = []

    def counting(question: Question, hit: Hit) -> float:
        read.append(hit.chunk.text)
        return word_overlap(question, hit)

    monkeypatch.setattr(index.sentence_pool, "word_overlap", counting)
    pool = SentencePool.of([_passage("AS menawarkan batasan pada rudal.", "id")])
    assert pool.passage_word_shares(offer).tolist() == [1.0]
    assert pool.passage_word_shares(offer).tolist() == [1.0]  # the judge's and the sentences' reading: once
    grown = pool.with_hits([_passage("Patriot missiles intercepted two missiles.", "en")])
    assert grown.passage_word_shares(offer).tolist() == pytest.approx([1.0, 1 / 3])
    assert read == ["AS menawarkan batasan pada rudal.", "Patriot missiles intercepted two missiles."]
