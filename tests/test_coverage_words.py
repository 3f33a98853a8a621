"""The words the whole coverage is about name no subject; in a small or broad coverage they do."""

from __future__ import annotations

import json
from pathlib import Path

from index.builder import BuildConfig, build_index
from index.coverage_words import FEWEST_REPORTS, has_own_subject, is_coverage_wide
from index.embedder import LoadedEncoder
from index.integrity import INDEX_DB
from index.store import IndexStore
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder


def _store_of(texts: list[str], tmp_path: Path) -> IndexStore:
    """The served store of an index of English reports with these texts."""
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": f"r{i}", "title": f"Report {i}", "language": "en", "text": text}) + "\n"
            for i, text in enumerate(texts)
        )
    )
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), BuildConfig())
    folder = data.current()
    assert folder is not None
    return IndexStore(folder / INDEX_DB, read_only=True)


def test_a_word_nearly_every_report_holds_is_the_coverages_own_subject_in_either_language(tmp_path: Path):
    texts = [f"Troops massed near Ukraine on day {i} as talks went on." for i in range(FEWEST_REPORTS - 1)]
    texts.append("Oil prices rose as traders watched the talks.")
    store = _store_of(texts, tmp_path)
    try:
        assert is_coverage_wide("ukraine", store)  # 19 of 20 reports
        assert is_coverage_wide("ukraina", store)  # its Indonesian name
        assert is_coverage_wide("talks", store)
        assert not is_coverage_wide("oil", store)  # one report: a subject
    finally:
        store.close()


def test_in_a_handful_of_reports_every_word_still_names_a_subject(tmp_path: Path):
    store = _store_of(["Troops massed near Ukraine.", "Ukraine asked for help."], tmp_path)
    try:
        assert not is_coverage_wide("ukraine", store)
    finally:
        store.close()


def test_a_coverage_has_a_subject_of_its_own_when_nearly_every_report_names_one(tmp_path: Path):
    texts = [f"Troops massed near Ukraine on day {i} as talks went on." for i in range(FEWEST_REPORTS - 1)]
    store = _store_of([*texts, "Oil prices rose as traders watched."], tmp_path)
    try:
        assert has_own_subject(store)
    finally:
        store.close()


def test_a_broad_coverage_has_none(tmp_path: Path):
    texts = [f"Shares of Company{i} rose on day {i} as its earnings beat forecasts." for i in range(FEWEST_REPORTS)]
    store = _store_of(texts, tmp_path)
    try:
        assert not has_own_subject(store)
    finally:
        store.close()


def test_an_ordinary_word_in_capitals_is_no_subject_though_every_report_holds_the_word(tmp_path: Path):
    # One report names the US; every report holds "us", which the full-text index cannot tell from it.
    texts = [f"Analysts told us that stocks rose on day {i}." for i in range(FEWEST_REPORTS - 1)]
    store = _store_of(["The US economy grew, analysts told us.", *texts], tmp_path)
    try:
        assert not has_own_subject(store)
    finally:
        store.close()
