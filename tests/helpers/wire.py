"""A small wire coverage for tests: English reports, each an id, title, publication time and text, indexed for real."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.search import Searcher
from index.versions import DataDir

Report = tuple[str, str, str, str]  # id, title, publication time (ISO), text


@contextmanager
def wire_searcher(reports: list[Report], encoder: LoadedEncoder, tmp_path: Path) -> Iterator[Searcher]:
    """A searcher over an index of ``reports`` from the outlet "Wire", closed on leaving."""
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": key, "title": title, "date": day, "source": "Wire", "language": "en", "text": text})
            + "\n"
            for key, title, day, text in reports
        )
    )
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, encoder, BuildConfig())
    searcher = Searcher.open_current(data, encoder.encoder)
    try:
        yield searcher
    finally:
        searcher.close()
