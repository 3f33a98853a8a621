"""A sentence restating the story is more typical of the coverage than one holding a fact.

Copies of it and its own article's sentences do not count.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from index.embedder import LoadedEncoder
from index.search import SearchConfig, Searcher
from index.sentence_pool import SentencePool
from index.typicality import Typicality
from index.versions import DataDir


def unit(*rows: list[float]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    normalised: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return normalised


def test_only_other_articles_count_and_copies_of_the_sentence_do_not():
    cosines = np.linspace(0.3, 0.9, 12)  # twelve sample sentences, from far to near
    angles = np.arccos(np.r_[cosines, 1.0])  # and a copy of the sentence itself
    vectors = np.column_stack([np.cos(angles), np.sin(angles)]).astype(np.float32)
    sample = Typicality.of_sentences(vectors, [f"other-{i}" for i in range(12)] + ["copy"])
    sentence = unit([1.0, 0.0])
    assert np.isclose(sample.of(sentence, ["x"])[0], cosines[-10:].mean(), atol=1e-5)  # its ten nearest, no copy
    # The nearest sentence is of its own article: not evidence that it is typical of the coverage.
    assert np.isclose(sample.of(sentence, ["other-11"])[0], np.r_[-1.0, cosines[-11:-1]][-10:].mean(), atol=1e-5)


def test_a_version_without_stored_sentences_makes_no_sentence_typical():
    empty = Typicality.of_sentences(np.zeros((0, 0), dtype=np.float32), [])
    assert empty.of(unit([1, 0], [0, 1]), ["a", "b"]).tolist() == [0.0, 0.0]


@pytest.fixture
def mixed_searcher(mixed_index: DataDir, multilingual: LoadedEncoder) -> Iterator[Searcher]:
    """A searcher over the seed and news-en-ukraine-2022's served version."""
    folder = mixed_index.current()
    assert folder is not None
    searcher = Searcher(folder, multilingual.encoder, SearchConfig(per_document=20))  # the seed lends more than two
    yield searcher
    searcher.close()


def test_the_seed_restating_the_replies_is_more_typical_than_its_tomahawk_fact(
    mixed_searcher: Searcher, multilingual: LoadedEncoder
):
    searcher = mixed_searcher
    assert len(searcher.typicality.vectors) > 1000  # a sample of the version's stored sentences
    hits = [
        hit for hit in searcher.search("Tomahawk Rumania Bulgaria tanggapan AS NATO", 8) if hit.article.language == "id"
    ]
    pool = SentencePool.of(hits, searcher.store)
    wanted = {
        "restating": "telah memberikan tanggapan terhadap tuntutan Rusia",
        "fact": "rudal jelajah Tomahawk di pangkalan NATO",
    }
    found = {name: next(i for i, s in enumerate(pool.sentences) if part in s.text) for name, part in wanted.items()}
    indexes = list(found.values())
    articles = [pool.hits[pool.sentences[i].hit].article.doc_id for i in indexes]
    typical = searcher.typicality.of(pool.sentence_vectors(multilingual.encoder, indexes), articles)
    assert typical[0] > typical[1]


def test_a_few_more_passages_leave_the_sample_of_the_others_as_it_was(mixed_searcher: Searcher):
    """An article added to the coverage changes the sample by its own passages, not every answer's contest."""
    store = mixed_searcher.store
    rows = len(store.rows_with_chunk_ids_below("g"))  # every passage
    name = mixed_searcher.encoder.name
    before = Typicality.sample(store, name, rows - 10, size=400)  # about 100 passages of ~750
    after = Typicality.sample(store, name, rows, size=400)  # ten passages later
    kept = {vector.tobytes() for vector in after.vectors}
    assert len(before.vectors) > 200
    assert sum(vector.tobytes() in kept for vector in before.vectors) >= 0.95 * len(before.vectors)
