"""Corpus edits for /add and /remove: checked first, written atomically, nothing lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.builder import BuildConfig, build_index
from index.corpus import REMOVED_DIR, add_document, remove_article
from index.embedder import LoadedEncoder
from index.loaders import load_paths
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_an_upload_is_saved_only_when_it_reads_as_articles(tmp_path: Path):
    path, ids = add_document(tmp_path, "../../etc/talks.txt", b"Talks\nThey met.\n")
    assert path == tmp_path / "talks.txt" and ids == ["talks"]
    with pytest.raises(ValueError, match="line 2: malformed JSON"):
        add_document(tmp_path, "bad.jsonl", b'{"id": "x", "text": "t"}\n{oops\n')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talks.txt"]


def test_an_upload_with_a_very_long_name_is_saved_under_a_shorter_one(tmp_path: Path):
    first, [first_id] = add_document(tmp_path, "talks-" + "a" * 300 + ".txt", b"Talks\nThey met.\n")
    second, [second_id] = add_document(tmp_path, "talks-" + "a" * 299 + "b.txt", b"Talks\nThey met again.\n")
    assert first.suffix == ".txt" and first.name.startswith("talks-aaa") and len(first.name) <= 120
    assert first != second and first_id != second_id  # names that differ late stay apart
    assert [a.doc_id for a in load_paths([tmp_path]).articles] == sorted([first_id, second_id])


def test_an_upload_reusing_an_indexed_id_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="already has articles with the ids a1"):
        add_document(tmp_path, "new.jsonl", jsonl({"id": "a1", "text": "x"}).encode(), lambda doc_id: doc_id == "a1")
    assert not (tmp_path / "new.jsonl").exists()


def test_removing_a_jsonl_article_keeps_the_rest_and_the_files_mode(tmp_path: Path):
    news = tmp_path / "news.jsonl"
    news.write_text(jsonl({"id": "a", "text": "first\u2028still first"}, {"id": "b", "text": "second"}))
    os.chmod(news, 0o644)
    articles = {a.doc_id: a for a in load_paths([tmp_path]).articles}
    assert articles["a"].text == "first\u2028still first"  # U+2028 does not end a JSONL line
    remove_article(tmp_path, articles["a"])
    assert [a.doc_id for a in load_paths([tmp_path]).articles] == ["b"]
    assert oct(news.stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.jsonl"]


def test_removed_files_are_kept_aside_without_overwriting(tmp_path: Path):
    for round_ in range(2):
        (tmp_path / "a.txt").write_text(f"Title {round_}\nBody {round_}.\n")
        [article] = load_paths([tmp_path / "a.txt"]).articles
        remove_article(tmp_path, article)
    kept = sorted(p.read_text() for p in (tmp_path / REMOVED_DIR).iterdir())
    assert kept == ["Title 0\nBody 0.\n", "Title 1\nBody 1.\n"]


def test_a_removed_article_leaves_the_index_even_when_its_file_has_a_bad_line(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(jsonl({"id": "a", "text": "Alpha talks."}, {"id": "b", "text": "Beta talks."}))
    data, encoder = DataDir(tmp_path / "data"), LoadedEncoder(HashedEncoder(), "fake")
    build_index([corpus], data, encoder, BuildConfig(chunk_tokens=48))
    with (corpus / "news.jsonl").open("a") as handle:
        handle.write("{broken\n")
    article = next(a for a in load_paths([corpus]).articles if a.doc_id == "a")
    remove_article(corpus, article)
    report = build_index([corpus], data, encoder, BuildConfig(chunk_tokens=48), forget={"a"})
    assert report.removed == ["a"] and report.kept_after_error == []
