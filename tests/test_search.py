"""Vector search is exact where it claims to be, and results are language-aware and distinct."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index import vectors
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.question import read_question
from index.search import SearchConfig, Searcher
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder


def random_unit_vectors(count: int, dimension: int, seed: int) -> np.ndarray:
    matrix = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_faiss_top_k_equals_exact_numpy_search():
    corpus, queries = random_unit_vectors(2000, 64, 1), random_unit_vectors(20, 64, 2)
    index = vectors.build_vector_index(corpus, approximate_above=10_000, factory="HNSW32,Flat")
    for query in queries:
        expected = np.argsort(-(corpus @ query))[:10]
        found = [row for row, _ in vectors.search_range(index, query, 10, 0, len(corpus))]
        assert found == expected.tolist()


def test_range_search_stays_inside_the_range():
    corpus, query = random_unit_vectors(500, 32, 3), random_unit_vectors(1, 32, 4)[0]
    index = vectors.build_vector_index(corpus, approximate_above=10_000, factory="HNSW32,Flat")
    found = vectors.search_range(index, query, 5, 100, 200)
    expected = 100 + np.argsort(-(corpus[100:200] @ query))[:5]
    assert [row for row, _ in found] == expected.tolist()


def test_approximate_index_above_the_threshold_finds_nearly_all_exact_neighbours():
    corpus, queries = random_unit_vectors(3000, 32, 5), random_unit_vectors(20, 32, 6)
    index = vectors.build_vector_index(corpus, approximate_above=1000, factory="HNSW32,Flat")
    assert "HNSW" in index.describe()
    recalls = []
    for query in queries:
        exact = set(np.argsort(-(corpus @ query))[:10].tolist())
        recalls.append(len(exact & {r for r, _ in vectors.search_range(index, query, 10, 0, 3000)}) / 10)
    assert np.mean(recalls) >= 0.9


def two_languages(majority: int, minority: int, dimension: int, seed: int) -> np.ndarray:
    """Unit vectors in two clusters, as a multilingual encoder places two languages: majority rows first."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(2, dimension))
    rows = np.vstack(
        [centres[0] + rng.normal(size=(majority, dimension)), centres[1] + rng.normal(size=(minority, dimension))]
    )
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_each_language_keeps_its_true_neighbours_however_small(tmp_path):
    corpus = two_languages(4950, 50, 32, 8)  # the second language: 1% of the rows, apart in vector space
    questions = np.vstack([corpus[:20] + 0.1, corpus[-20:] + 0.1])  # asked in either language
    questions /= np.linalg.norm(questions, axis=1, keepdims=True)
    built = vectors.build_vector_index(corpus, 1000, "HNSW32,Flat", ranges=[(0, 4950), (4950, 5000)])
    vectors.save(built, tmp_path / "vectors.faiss")
    index = vectors.load(tmp_path / "vectors.faiss")
    assert index.describe() == "IndexHNSWFlat+IndexFlatIP" and index.ntotal == 5000
    recalls = []
    for query in questions:
        small = 4950 + np.argsort(-(corpus[4950:] @ query))[:10]
        assert [row for row, _ in vectors.search_range(index, query, 10, 4950, 5000)] == small.tolist()
        large = set(np.argsort(-(corpus[:4950] @ query))[:10].tolist())
        recalls.append(len(large & {row for row, _ in vectors.search_range(index, query, 10, 0, 4950)}) / 10)
    assert np.mean(recalls) >= 0.95
    rows = np.array([4999, 0, 4950], dtype=np.int64)
    assert np.allclose(index.reconstruct_batch(rows), corpus[rows])


def test_an_index_written_before_languages_had_their_own_still_loads(tmp_path):
    import faiss

    corpus, query = random_unit_vectors(300, 16, 12), random_unit_vectors(1, 16, 13)[0]
    old = faiss.IndexFlatIP(16)
    old.add(corpus)
    faiss.write_index(old, str(tmp_path / "vectors.faiss"))
    index = vectors.load(tmp_path / "vectors.faiss")
    assert index.ntotal == 300 and index.d == 16
    expected = 100 + np.argsort(-(corpus[100:200] @ query))[:5]
    assert [row for row, _ in vectors.search_range(index, query, 5, 100, 200)] == expected.tolist()


def test_compressed_approximate_indexes_search_ranges_and_give_vectors_back():
    corpus, query = two_languages(2970, 30, 32, 10), random_unit_vectors(1, 32, 11)[0]
    for factory in ("HNSW32,SQ8", "HNSW16,PQ8x4"):
        index = vectors.build_vector_index(corpus, approximate_above=1000, factory=factory)  # one graph, filtered
        found = vectors.search_range(index, query, 5, 2970, 3000)
        assert len(found) == 5 and all(2970 <= row < 3000 for row, _ in found)
        assert index.reconstruct_batch(np.array([0, 2999], dtype=np.int64)).shape == (2, 32)


def indexed(rows: list[dict[str, str]], folder: Path, encoder: HashedEncoder, chunk_tokens: int) -> DataDir:
    """A data directory with ``rows`` (JSONL articles) built into a version by ``encoder``."""
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    data = DataDir(folder / "data")
    build_index([folder / "news.jsonl"], data, LoadedEncoder(encoder, "fake"), BuildConfig(chunk_tokens=chunk_tokens))
    return data


def test_near_duplicate_passages_collapse_and_one_article_cannot_fill_the_results(tmp_path, hashed):
    wire = "Russia and NATO envoys met in Brussels for talks on European security and missiles."
    rows = [
        {"id": "wire-cnn", "title": "Talks", "language": "en", "text": wire},
        {"id": "wire-bbc", "title": "Talks", "language": "en", "text": wire},  # the same wire copy
        {
            "id": "long",
            "title": "Long",
            "language": "en",
            "text": " ".join(f"Paragraph {i} on the Brussels security talks and missiles.\n" for i in range(12)),
        },
        {"id": "other", "title": "Other", "language": "en", "text": "Brussels talks on missiles ended early."},
    ]
    searcher = Searcher.open_current(indexed(rows, tmp_path, hashed, 16), hashed)
    hits = searcher.search("Brussels security talks on missiles", 5)
    doc_ids = [h.article.doc_id for h in hits]
    assert len({d for d in doc_ids if d.startswith("wire-")}) == 1  # one copy of the wire story
    assert doc_ids.count("long") <= 2
    assert "other" in doc_ids


class CrowdedEncoder(HashedEncoder):
    """Hashed words plus one direction every text shares: any two texts score above 0.92, as E5's passages do."""

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        matrix = super()._encode(texts) * 0.3
        matrix[:, 1] += 1.0
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_passages_an_encoder_rates_alike_are_distinct_unless_their_words_are_copies(tmp_path):
    copied = "Russia supplies gas to Germany through pipelines under the Baltic Sea."
    rows = [
        {
            "id": "report",
            "title": "Report",
            "language": "en",
            "text": "Nord Stream 2 runs from Russia to Germany under the Baltic.\n"
            "Germany imports 35% of the gas it needs from Russia.",
        },
        {
            "id": "agency",
            "title": "Agency",
            "language": "en",
            "text": f"Envoys met in Brussels for talks on missiles in Europe.\n{copied}\n"
            "Oil prices rose on Monday in Asian trade.\nGold fell in London.",
        },
        {
            "id": "blog",
            "title": "Blog",
            "language": "en",
            "text": f"Winter has been mild across Europe this year.\n{copied}\n"
            "Grain exports from Ukraine slowed in January.\nTroops gathered near Belarus.",
        },
    ]
    encoder = CrowdedEncoder()
    searcher = Searcher.open_current(indexed(rows, tmp_path, encoder, 16), encoder)
    assert searcher.store.stories_of({"agency", "blog"}) == {}  # not one story: only the paragraph is copied
    hits = searcher.search("How much of its gas does Germany import from Russia?", 5)
    texts = [h.chunk.text for h in hits]
    assert any("35%" in text for text in texts) and [h.article.doc_id for h in hits].count("report") == 2
    assert sum(copied in text for text in texts) == 1


def test_only_hnsw_approximate_indexes_are_accepted():
    with pytest.raises(ValueError, match="only HNSW"):
        vectors.build_vector_index(random_unit_vectors(50, 8, 7), approximate_above=10, factory="IVF4,Flat")
    vectors.check_factory("HNSW32,PQ16")  # depends on the dimension: checked in full once it is known
    vectors.check_factory("HNSW32,PQ16", 384)
    with pytest.raises(ValueError, match="FAISS cannot build it"):
        vectors.check_factory("HNSW32,Nonsense", 384)


def test_a_search_among_many_allowed_rows_keeps_to_them_in_both_kinds_of_index(monkeypatch):
    monkeypatch.setattr(vectors, "_EXACT_AMONG", 0)  # take the filtered FAISS path, not the exact one
    corpus, queries = random_unit_vectors(3000, 32, 11), random_unit_vectors(10, 32, 12)
    allowed = np.arange(0, 3000, 2, dtype=np.int64)
    for approximate_above in (10_000, 1000):  # exact, then HNSW
        index = vectors.build_vector_index(corpus, approximate_above, "HNSW32,Flat")
        recalls = []
        for query in queries:
            found = [row for row, _ in vectors.search_range(index, query, 10, 0, 3000, allowed=allowed)]
            assert found and all(row % 2 == 0 for row in found)
            exact = allowed[np.argsort(-(corpus[allowed] @ query))[:10]]
            recalls.append(len(set(found) & set(exact.tolist())) / 10)
        assert np.mean(recalls) >= 0.9


_SUBJECTS = (
    "gas prices",
    "troop numbers",
    "missile limits",
    "drill notices",
    "embassy staff",
    "oil futures",
    "grain exports",
    "cyber attacks",
)


def test_neighbours_are_the_passages_next_to_each_hit_in_its_own_article(tmp_path, hashed):
    rows = [
        {"id": "before", "title": "Before", "language": "en", "text": "Oil prices rose on Monday in Asian trade."},
        {
            "id": "long",
            "title": "Long",
            "language": "en",
            "text": " ".join(f"Paragraph {i} of the report, on {subject}.\n" for i, subject in enumerate(_SUBJECTS)),
        },
        {"id": "after", "title": "After", "language": "en", "text": "Gold prices fell on Tuesday in London."},
    ]
    searcher = Searcher.open_current(indexed(rows, tmp_path, hashed, 12), hashed, SearchConfig(per_document=20))
    question = read_question(f"Paragraph 3 of the report, on {_SUBJECTS[3]}")
    passages = {h.chunk.position: h for h in searcher.search(question, 50) if h.article.doc_id == "long"}
    assert len(passages) >= 5  # the long article is cut into several passages
    middle, first, last = passages[2], passages[0], passages[max(passages)]
    found = searcher.neighbours(question, [middle, first, last, passages[1]])
    # Only the passages next to a hit, never the hits themselves, never another article's.
    assert sorted((hit.chunk.position, beside.chunk.position) for hit, beside in found) == [
        (2, 3),
        (max(passages), max(passages) - 1),
    ]
    assert {beside.article.doc_id for _, beside in found} == {"long"}
    for _, beside in found:  # each with its own cosine, as the search itself gives it
        assert beside.dense == pytest.approx(passages[beside.chunk.position].dense)
    # Nor a passage the caller already holds besides the hits.
    held = searcher.neighbours(question, [middle], besides=[passages[3]])
    assert [beside.chunk.position for _, beside in held] == [1]
