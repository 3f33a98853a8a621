"""A small wire coverage for tests: English reports, each an id, title, publication time and text, indexed for real."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.search import Searcher
from index.versions import DataDir

Report = tuple[str, str, str, str]  # id, title, publication time (ISO), text


@contextmanager
def wire_searcher(
    reports: list[Report], encoder: LoadedEncoder, tmp_path: Path, outlets: Mapping[str, str] | None = None
) -> Iterator[Searcher]:
    """A searcher over an index of ``reports``, each from the outlet ``outlets`` names for it ("Wire" if none)."""
    outlets = outlets or {}
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps(_record(report, outlets.get(report[0], "Wire"))) + "\n" for report in reports))
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, encoder, BuildConfig())
    searcher = Searcher.open_current(data, encoder.encoder)
    try:
        yield searcher
    finally:
        searcher.close()


def _record(report: Report, outlet: str) -> dict[str, str]:
    """One line of the corpus: the report as the loaders read it."""
    key, title, day, text = report
    return {"id": key, "title": title, "date": day, "source": outlet, "language": "en", "text": text}
