"""The coverage service: what admins change, for every front end, with input errors typed and nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.builder import BuildConfig, build_index
from index.coverage import Coverage, CoverageConfig, coverage_stats
from index.embedder import LoadedEncoder
from index.input_errors import AlreadyInCorpus, BuildBusy, NotAnArticle, TooLarge, UnknownArticle
from index.integrity import INDEX_DB
from index.store import IndexStore
from index.versions import DataDir
from index.web_fetch import FetchPolicy
from tests.helpers.fake_encoder import HashedEncoder

CONFIG = BuildConfig(chunk_tokens=48)


def jsonl(*articles: tuple[str, str, str]) -> bytes:
    rows = [
        {"id": i, "title": i, "date": day, "source": "Wire", "url": "", "language": "en", "text": text}
        for i, day, text in articles
    ]
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


@pytest.fixture
def coverage(tmp_path: Path) -> Coverage:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "first.jsonl").write_bytes(jsonl(("geneva", "2022-01-10", "Negotiators met in Geneva.")))
    data = DataDir(tmp_path / "data")
    loaded = LoadedEncoder(HashedEncoder(), "fake")
    build_index([corpus], data, loaded, CONFIG)
    config = CoverageConfig(corpus, CONFIG, max_upload_bytes=2_000, fetch=FetchPolicy(max_bytes=2_000))
    return Coverage(config, data, loaded)


def served_ids(coverage: Coverage) -> set[str]:
    folder = coverage.data_dir.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        return {article.doc_id for article in store.article_headers(0, 100)}
    finally:
        store.close()


def corpus_files(coverage: Coverage) -> set[str]:
    return {path.name for path in coverage.config.corpus_dir.iterdir() if not path.name.startswith(".")}


def test_an_added_file_is_indexed_and_published(coverage: Coverage):
    change = coverage.add_document(
        "talks.jsonl", jsonl(("vienna", "2022-01-13", "The OSCE met in Vienna.")), set().__contains__
    )
    assert change.doc_ids == ["vienna"] and change.report.published
    assert served_ids(coverage) == {"geneva", "vienna"}


@pytest.mark.parametrize(
    ("filename", "data", "error"),
    [
        ("big.jsonl", b"x" * 3_000, TooLarge),
        ("notes.pdf", b"%PDF-1.4", NotAnArticle),
        ("broken.jsonl", b"{not json", NotAnArticle),
        ("first.jsonl", jsonl(("geneva", "2022-01-10", "Negotiators met in Geneva.")), AlreadyInCorpus),
    ],
)
def test_input_that_cannot_be_taken_gets_its_own_error_and_changes_nothing(coverage, filename, data, error):
    before = (corpus_files(coverage), coverage.data_dir.current())
    with pytest.raises(error):
        coverage.add_document(filename, data, {"geneva"}.__contains__)
    assert (corpus_files(coverage), coverage.data_dir.current()) == before


def test_an_id_already_indexed_is_refused(coverage: Coverage):
    with pytest.raises(AlreadyInCorpus, match="geneva"):
        coverage.add_document("again.jsonl", jsonl(("geneva", "2022-01-11", "Another text.")), {"geneva"}.__contains__)


def test_removing_takes_the_article_out_of_the_index(coverage: Coverage):
    folder = coverage.data_dir.current()
    assert folder is not None
    store = IndexStore(folder / INDEX_DB, read_only=True)
    article = store.article("geneva")
    store.close()
    change = coverage.remove(article, "geneva")
    assert change.report.removed == ["geneva"] and served_ids(coverage) == set()
    with pytest.raises(UnknownArticle, match="'nowhere'"):
        coverage.remove(None, "nowhere")


def test_a_change_while_another_build_runs_is_refused_before_the_corpus_is_touched(coverage: Coverage):
    with coverage.data_dir.build_lock(), pytest.raises(BuildBusy, match="nothing was changed"):
        coverage.add_document(
            "talks.jsonl", jsonl(("vienna", "2022-01-13", "The OSCE met in Vienna.")), set().__contains__
        )
    assert corpus_files(coverage) == {"first.jsonl"}


def test_stats_describe_the_served_version_once(coverage: Coverage):
    folder = coverage.data_dir.current()
    assert folder is not None
    stats = coverage_stats(folder)
    assert (stats.documents, stats.languages, stats.first_day, stats.last_day) == (
        1,
        {"en": 1},
        "2022-01-10",
        "2022-01-10",
    )
    assert stats.outlets == {"Wire": 1} and stats.encoder == "fake:hashed"
