"""Retrieval quality on the project's QA sets: the seed among a hundred times more English text.

negotiations.jsonl chose the search weights and the not-found thresholds; holdout.jsonl
was written without running negobot and tunes nothing.

Uses the shared third-party data, read in place; skipped where it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.evaluation import evaluate, read_qa
from index.search import SearchConfig, Searcher
from index.versions import DataDir
from tests.conftest import CORPUS, HOLDOUT_FILE, QA_FILE, SHARED_DATA

UKRAINE = SHARED_DATA / "news-en-ukraine-2022.jsonl"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not UKRAINE.exists(), reason="../shared/data is not beside this checkout"),
]


@pytest.fixture(scope="module")
def mixed_index(tmp_path_factory: pytest.TempPathFactory, multilingual: LoadedEncoder) -> DataDir:
    data = DataDir(tmp_path_factory.mktemp("mixed"))
    report = build_index([CORPUS, UKRAINE], data, multilingual, BuildConfig())
    assert report.errors == [] and report.documents == 96
    return data


def scores(data: DataDir, multilingual: LoadedEncoder, qa_files: tuple[Path, ...] = (QA_FILE,), **config: bool):
    searcher = Searcher.open_current(data, multilingual.encoder, SearchConfig(**config))
    items = [item for path in qa_files for item in read_qa(path)]
    overall, groups = evaluate(items, lambda q: (searcher.is_answered(q, hits := searcher.search(q, 5)), hits))
    return overall.summary(), {name: s.summary() for name, s in groups.items()}


def cross_language_recall(groups: dict) -> float:
    cross = [groups[g] for g in ("en-id", "id-en")]
    return sum(g["R@5"] * g["n"] for g in cross) / sum(g["n"] for g in cross)


def test_hybrid_retrieval_meets_the_quality_floor(mixed_index: DataDir, multilingual: LoadedEncoder):
    overall, groups = scores(mixed_index, multilingual)
    assert overall["n"] >= 40
    assert groups["offtopic"]["R@1"] == 1.0  # every off-topic question is reported not found
    # Floors just under what the offline encoder measures (README: 0.91 overall, 0.86
    # cross-language), so that one question flipping on another CPU does not fail CI.
    assert cross_language_recall(groups) >= 0.82
    assert overall["R@5"] >= 0.88


def test_hybrid_retrieval_holds_up_on_questions_it_was_not_tuned_on(mixed_index: DataDir, multilingual: LoadedEncoder):
    overall, groups = scores(mixed_index, multilingual, (HOLDOUT_FILE,))
    assert overall["n"] >= 40
    assert overall["R@5"] >= 0.70
    assert groups["offtopic"]["R@1"] >= 0.7  # news-like questions on other elections still pass (README)


def test_hybrid_beats_dense_only_and_lexical_only(mixed_index: DataDir, multilingual: LoadedEncoder):
    both = (QA_FILE, HOLDOUT_FILE)
    hybrid, _ = scores(mixed_index, multilingual, both)
    dense, _ = scores(mixed_index, multilingual, both, lexical=False)
    lexical, _ = scores(mixed_index, multilingual, both, dense=False)
    assert hybrid["MRR"] > max(dense["MRR"], lexical["MRR"])
    assert hybrid["R@5"] > max(dense["R@5"], lexical["R@5"])


def test_english_question_finds_the_indonesian_passage(mixed_index: DataDir, multilingual: LoadedEncoder):
    searcher = Searcher.open_current(mixed_index, multilingual.encoder)
    hits = searcher.search("How could Russia check that there are no Tomahawk missiles at NATO bases?", 5)
    assert any("Tomahawk" in h.chunk.text and h.article.language == "id" for h in hits)
