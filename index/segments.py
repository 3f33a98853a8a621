"""A version's segments: what a small change appends instead of writing the whole index again.

A full build writes one segment, the *base*: the version folder's own ``index.sqlite``,
``vectors.faiss`` and ``lexical/``. A small change publishes a version that hard-links
every file of the served one (files are never written after they are published, so
sharing them is safe and costs no copy), adds one segment under ``segments/<name>/``
holding the new and changed articles, and writes ``changes.sqlite``: the appended
segments in order, the articles of each segment that are no longer served (removed,
or replaced by a newer copy in a later segment), and the version's stories.

Rows count on across segments: an appended segment's rows follow all earlier rows, and
within each segment each language's rows are one unbroken run (its own FAISS part and
Tantivy index). Rows of articles no longer served stay in their segment's files and are
left out of every search.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

INDEX_DB = "index.sqlite"
VECTORS_FILE = "vectors.faiss"
CHANGES_DB = "changes.sqlite"
SEGMENTS_DIR = "segments"
BASE = ""  # the base segment's folder, relative to the version folder
MAX_APPENDED = 8  # appended segments before a build writes one base again (SQLite attaches at most 10 databases)
MAX_DEAD_SHARE = 0.25  # of a version's rows that may belong to articles no longer served before it is rewritten
_NAME = re.compile(r"[0-9A-Za-z-]+")

_SCHEMA = """
CREATE TABLE segments (
    position INTEGER PRIMARY KEY,  -- 1 for the first appended segment
    folder TEXT NOT NULL UNIQUE,   -- relative to the version folder
    first_row INTEGER NOT NULL,
    end_row INTEGER NOT NULL
);
CREATE TABLE dead (  -- articles of a segment that the version does not serve
    segment TEXT NOT NULL,  -- the segment's folder, "" for the base
    doc_id TEXT NOT NULL,
    PRIMARY KEY (segment, doc_id)
) WITHOUT ROWID;
CREATE TABLE stories (doc_id TEXT PRIMARY KEY, story TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX stories_by_story ON stories(story);
"""


@dataclass(frozen=True)
class Segment:
    """An appended segment: its folder (relative to the version) and its rows ``[first_row, end_row)``."""

    folder: str
    first_row: int
    end_row: int


@dataclass(frozen=True)
class RowRun:
    """The rows ``[low, high)`` of one language in one segment (``segment`` "" is the base)."""

    segment: str
    low: int
    high: int


def language_runs(languages: Sequence[str]) -> list[tuple[int, int]]:
    """The half-open row ranges of each run of one language, given each row's language in order."""
    starts = [row for row in range(len(languages)) if row == 0 or languages[row] != languages[row - 1]]
    return list(zip(starts, [*starts[1:], len(languages)][: len(starts)], strict=True))


def segment_folder(name: str) -> str:
    """The folder, relative to a version, of the appended segment ``name``."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"bad segment name {name!r}")
    return f"{SEGMENTS_DIR}/{name}"


def appended_segments(version: Path) -> list[Segment]:
    """The appended segments of a version, in order; none for a version written whole."""
    path = version / CHANGES_DB
    if not path.is_file():
        return []
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT folder, first_row, end_row FROM segments ORDER BY position").fetchall()
    finally:
        db.close()
    segments = [Segment(folder, first, end) for folder, first, end in rows]
    for segment in segments:
        if not all(_NAME.fullmatch(part) for part in segment.folder.split("/")):
            raise ValueError(f"{path} names a bad segment folder {segment.folder!r}")
    return segments


def write_changes(
    path: Path, segments: Iterable[Segment], dead: Iterable[tuple[str, str]], stories: Mapping[str, str]
) -> None:
    """Write a version's ``changes.sqlite``: appended segments, (segment, article) pairs not served, stories."""
    db = sqlite3.connect(path)
    try:
        with db:
            db.executescript(_SCHEMA)
            db.executemany(
                "INSERT INTO segments VALUES (?, ?, ?, ?)",
                [(i, s.folder, s.first_row, s.end_row) for i, s in enumerate(segments, start=1)],
            )
            db.executemany("INSERT INTO dead VALUES (?, ?)", sorted(set(dead)))
            db.executemany("INSERT INTO stories VALUES (?, ?)", sorted(stories.items()))
    finally:
        db.close()


def link_version(source: Path, target: Path) -> None:
    """Hard-link every segment file of the version in ``source`` into ``target`` (not its manifest or changes)."""
    for directory, _, files in os.walk(source):
        relative = Path(directory).relative_to(source)
        for name in files:
            if relative == Path(".") and name not in (INDEX_DB, VECTORS_FILE):
                continue
            (target / relative).mkdir(parents=True, exist_ok=True)
            os.link(Path(directory) / name, target / relative / name)


__all__ = [
    "BASE",
    "CHANGES_DB",
    "INDEX_DB",
    "MAX_APPENDED",
    "MAX_DEAD_SHARE",
    "SEGMENTS_DIR",
    "VECTORS_FILE",
    "RowRun",
    "Segment",
    "appended_segments",
    "language_runs",
    "link_version",
    "segment_folder",
    "write_changes",
]
