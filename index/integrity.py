"""Whether an index version is sound: its files as they were written, and facts that must agree.

Each version records the size and SHA-256 of its files in its manifest, the lexical
index's many files included. Loading checks the cheap facts every time (files present,
sizes, vector and lexical counts and dimension against the manifest); ``negobot verify``
and ``negobot index`` also check the checksums.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from index import vectors
from index.bm25 import LEXICAL_DIR, LexicalIndex, range_folder
from index.manifest import MANIFEST_FILE, IndexDamagedError, Manifest
from index.segments import CHANGES_DB, INDEX_DB, VECTORS_FILE, RowRun, appended_segments
from index.store import IndexStore

REQUIRED_FILES = (INDEX_DB, VECTORS_FILE)  # in each segment; the lexical index's files are named by Tantivy


def data_files(folder: Path) -> list[str]:
    """The data files of a version, as paths relative to it: every segment's store, vectors and lexical index."""
    found = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).as_posix() not in (*REQUIRED_FILES, MANIFEST_FILE)
    )
    return [*REQUIRED_FILES, *found]


def file_records(
    folder: Path, known: Mapping[str, dict[str, int | str]] | None = None
) -> dict[str, dict[str, int | str]]:
    """Size and SHA-256 of each data file of a version, for its manifest.

    ``known`` are the records of files linked unchanged from the version before: they are
    the same files, so they are not read again.
    """
    known = known or {}
    records: dict[str, dict[str, int | str]] = {}
    for name in data_files(folder):
        size = (folder / name).stat().st_size
        reused = known.get(name)
        if reused is not None and reused.get("bytes") == size and name != CHANGES_DB:
            records[name] = dict(reused)
        else:
            records[name] = {"bytes": size, "sha256": _sha256(folder / name)}
    return records


def files_problem(folder: Path, manifest: Manifest) -> str:
    """Why the files of a version are not as written (missing, or of another size), or "" (no checksums read)."""
    damage = _file_damage(folder, manifest.files, manifest)
    return str(damage) if damage else ""


def _file_damage(
    folder: Path, names: Iterable[str], manifest: Manifest, *, checksums: bool = False
) -> IndexDamagedError | None:
    """The first of ``names`` that is missing or not as the manifest recorded it, as an error; None when all are."""
    for name in names:
        path = folder / name
        if not path.is_file():
            return _damaged(path, "missing")
        record = manifest.files.get(name, {})
        if "bytes" in record and path.stat().st_size != record["bytes"]:
            return _damaged(path, f"{path.stat().st_size:,} bytes where {int(record['bytes']):,} were written")
        if checksums and "sha256" in record and _sha256(path) != record["sha256"]:
            return _damaged(path, "its checksum differs from the one recorded when it was written")
    return None


def check_version(
    folder: Path, manifest: Manifest, *, checksums: bool = False, dimension: int | None = None
) -> vectors.VectorIndex:
    """The version's vector index, once it is checked; else IndexDamagedError naming the first damaged file.

    Always checked: each file is there with its recorded size, the vectors are as many
    as the rows and of the manifest's (and ``dimension``'s) width, and the passage
    table can be read. With ``checksums``, every file's SHA-256 too.
    """
    try:
        segments = ["", *(segment.folder for segment in appended_segments(folder))]
    except (sqlite3.DatabaseError, ValueError) as error:
        raise _damaged(folder / CHANGES_DB, f"SQLite cannot read it: {error}") from None
    required = [f"{segment}/{name}".lstrip("/") for segment in segments for name in REQUIRED_FILES]
    if damage := _file_damage(folder, dict.fromkeys([*required, *manifest.files]), manifest, checksums=checksums):
        raise damage
    parts = []
    for segment in segments:
        path = folder / segment / VECTORS_FILE
        try:
            parts.append(vectors.load(path))
        except RuntimeError as error:
            raise _damaged(path, f"FAISS cannot read it: {str(error).splitlines()[0]}") from None
    passages, unserved = _served_passages(folder)
    try:
        index = vectors.VectorIndex.joined(parts, unserved)
    except RuntimeError as error:
        raise _damaged(folder / VECTORS_FILE, str(error)) from None
    rows = manifest.rows or manifest.chunks
    if index.ntotal != rows:
        raise _damaged(folder / VECTORS_FILE, f"{index.ntotal:,} vectors for {rows:,} passages")
    for width, source in ((manifest.dimension, MANIFEST_FILE), (dimension, "the encoder")):
        if width is not None and index.d != width:
            raise _damaged(folder / VECTORS_FILE, f"vectors of {index.d} dimensions, {source} says {width}")
    if passages != manifest.chunks:
        raise _damaged(folder / INDEX_DB, f"{passages:,} passages where the manifest says {manifest.chunks:,}")
    return index


def _served_passages(folder: Path) -> tuple[int, np.ndarray]:
    """How many passages the version serves, and the rows it holds but no longer serves."""
    try:
        store = IndexStore(folder / INDEX_DB, read_only=True)
        try:
            return store.counts()["chunks"], store.unserved_rows()
        finally:
            store.close()
    except sqlite3.DatabaseError as error:
        raise _damaged(folder / INDEX_DB, f"SQLite cannot read it: {error}") from None


def open_lexical(
    folder: Path, manifest: Manifest, ranges: Mapping[str, Sequence[RowRun]], unserved: np.ndarray | None = None
) -> LexicalIndex:
    """The version's lexical index, holding as many passages as the manifest says; else IndexDamagedError."""
    folders = {
        language: [folder / run.segment / LEXICAL_DIR / range_folder(run.low, run.high) for run in runs]
        for language, runs in ranges.items()
    }
    try:
        lexical = LexicalIndex(folders, unserved)
    except (OSError, ValueError) as error:
        raise _damaged(folder / LEXICAL_DIR, f"Tantivy cannot read it: {str(error).splitlines()[0]}") from None
    indexed = sum(lexical.passages(language) for language in ranges)
    rows = manifest.rows or manifest.chunks
    if indexed != rows:
        raise _damaged(folder / LEXICAL_DIR, f"{indexed:,} passages where the manifest says {rows:,}")
    return lexical


def served_version_problem(folder: Path | None) -> str:
    """Why the served version (``folder``) is damaged, checksums included, or "" when it is sound."""
    if folder is None:
        return ""
    try:
        check_version(folder, Manifest.load(folder), checksums=True)
    except IndexDamagedError as error:
        return str(error)
    return ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _damaged(path: Path, reason: str) -> IndexDamagedError:
    return IndexDamagedError(f"{path} is damaged ({reason}); run `negobot index` to rebuild the index")


__all__ = [
    "INDEX_DB",
    "REQUIRED_FILES",
    "VECTORS_FILE",
    "check_version",
    "data_files",
    "file_records",
    "files_problem",
    "open_lexical",
    "served_version_problem",
]
