"""Passages are sentence-aware and always fit the encoder's real token window."""

from __future__ import annotations

import itertools

import pytest

from index.chunking import chunk_article, embedding_text, sentence_spans
from index.cleaning import clean_article
from index.documents import Article
from index.loaders import load_paths
from index.transformer_encoders import SentenceTransformerEncoder
from tests.conftest import SEED


def seed() -> Article:
    return clean_article(load_paths([SEED]).articles[0])


def test_sentences_do_not_cross_paragraphs():
    text = "First sentence here. Second one.\n\nA new paragraph starts."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "First sentence here.",
        "Second one.",
        "A new paragraph starts.",
    ]


def test_chunks_keep_provenance_and_cover_the_text_in_order(multilingual):
    article = seed()
    encoder = multilingual.encoder
    chunks = chunk_article(article, encoder.count_tokens, encoder.max_tokens, 120)
    assert len(chunks) > 1
    assert [c.position for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert chunk.doc_id == article.doc_id
    assert all(a.end <= b.start for a, b in itertools.pairwise(chunks))
    assert chunks[0].text.startswith("MADRID") and chunks[-1].text.endswith("Ukraina.")
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_chunk_ids_are_content_hashes():
    article = seed()
    first = chunk_article(article, lambda ts: [len(t.split()) for t in ts], 512, 80)
    again = chunk_article(article, lambda ts: [len(t.split()) for t in ts], 512, 80)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]


def test_no_passage_exceeds_the_model_window_even_for_one_huge_sentence(minilm: SentenceTransformerEncoder):
    sentence = " ".join(f"word{i} negotiation missile guarantee" for i in range(400)) + "."
    article = Article(doc_id="long", title="A very long sentence", text=sentence)
    chunks = chunk_article(article, minilm.count_tokens, minilm.max_tokens, minilm.max_tokens)
    assert len(chunks) > 1
    counts = minilm.count_tokens([embedding_text(article.title, c.text) for c in chunks])
    assert max(counts) <= minilm.max_tokens
    assert " ".join(c.text for c in chunks).split() == sentence.split()  # nothing dropped


def test_target_above_window_is_refused(minilm: SentenceTransformerEncoder):
    with pytest.raises(ValueError, match="exceeds the encoder window"):
        chunk_article(seed(), minilm.count_tokens, minilm.max_tokens, minilm.max_tokens + 1)


def test_a_title_before_a_name_does_not_end_a_sentence():
    # Bling Fire ends a sentence at "Mr." here; the reader would be quoted "Smith left." alone.
    text = "It ended. Mr. Smith left.\nHe met Ms.\nErickson later."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "It ended.",
        "Mr. Smith left.",
        "He met Ms.",  # a paragraph break still ends it
        "Erickson later.",
    ]
