"""A small coverage for tests: one English article, indexed with the fake encoder."""

from __future__ import annotations

import json
from pathlib import Path

from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.search import Searcher
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder


def searcher_over(tmp_path: Path, text: str, **fields: str) -> Searcher:
    """A searcher over one English article holding ``text``; ``fields`` add to its record (the caller closes it)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = {"id": "one", "title": "News", "language": "en", "source": "Wire", "text": text, **fields}
    (corpus / "articles.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    data = DataDir(tmp_path / "data")
    loaded = LoadedEncoder(HashedEncoder(), "fake")
    build_index([corpus], data, loaded, BuildConfig())
    return Searcher.open_current(data, loaded.encoder)
