"""Whether an index version is sound: its files as they were written, and facts that must agree.

Each version records the size and SHA-256 of its files in its manifest, the lexical
index's many files included. Loading checks the cheap facts every time (files present,
sizes, vector and lexical counts and dimension against the manifest); ``negobot verify``
and ``negobot index`` also check the checksums.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from index import vectors
from index.bm25 import LEXICAL_DIR, LexicalIndex
from index.manifest import MANIFEST_FILE, IndexDamagedError, Manifest

INDEX_DB = "index.sqlite"
VECTORS_FILE = "vectors.faiss"
REQUIRED_FILES = (INDEX_DB, VECTORS_FILE)  # the lexical index's files are named by Tantivy


def data_files(folder: Path) -> list[str]:
    """The data files of a version, as paths relative to it: the store, the vectors, the lexical index."""
    lexical = folder / LEXICAL_DIR
    found = sorted(path.relative_to(folder).as_posix() for path in lexical.rglob("*") if path.is_file())
    return [*REQUIRED_FILES, *found]


def file_records(folder: Path) -> dict[str, dict[str, int | str]]:
    """Size and SHA-256 of each data file of a version, for its manifest."""
    return {
        name: {"bytes": (folder / name).stat().st_size, "sha256": _sha256(folder / name)} for name in data_files(folder)
    }


def check_version(
    folder: Path, manifest: Manifest, *, checksums: bool = False, dimension: int | None = None
) -> vectors.VectorIndex:
    """The version's vector index, once it is checked; else IndexDamagedError naming the first damaged file.

    Always checked: each file is there with its recorded size, the vectors are as many
    as the passages and of the manifest's (and ``dimension``'s) width, and the passage
    table can be read. With ``checksums``, every file's SHA-256 too.
    """
    for name in dict.fromkeys([*REQUIRED_FILES, *manifest.files]):
        path = folder / name
        if not path.is_file():
            raise _damaged(path, "missing")
        record = manifest.files.get(name, {})
        if "bytes" in record and path.stat().st_size != record["bytes"]:
            raise _damaged(path, f"{path.stat().st_size:,} bytes where {int(record['bytes']):,} were written")
        if checksums and "sha256" in record and _sha256(path) != record["sha256"]:
            raise _damaged(path, "its checksum differs from the one recorded when it was written")
    try:
        index = vectors.load(folder / VECTORS_FILE)
    except RuntimeError as error:
        raise _damaged(folder / VECTORS_FILE, f"FAISS cannot read it: {str(error).splitlines()[0]}") from None
    if index.ntotal != manifest.chunks:
        raise _damaged(folder / VECTORS_FILE, f"{index.ntotal:,} vectors for {manifest.chunks:,} passages")
    for width, source in ((manifest.dimension, MANIFEST_FILE), (dimension, "the encoder")):
        if width is not None and index.d != width:
            raise _damaged(folder / VECTORS_FILE, f"vectors of {index.d} dimensions, {source} says {width}")
    try:
        db = sqlite3.connect(f"file:{folder / INDEX_DB}?mode=ro", uri=True)
        try:
            (passages,) = db.execute("SELECT COUNT(*) FROM chunks").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        raise _damaged(folder / INDEX_DB, f"SQLite cannot read it: {error}") from None
    if passages != manifest.chunks:
        raise _damaged(folder / INDEX_DB, f"{passages:,} passages where the manifest says {manifest.chunks:,}")
    return index


def open_lexical(folder: Path, manifest: Manifest, ranges: Mapping[str, tuple[int, int]]) -> LexicalIndex:
    """The version's lexical index, holding as many passages as the manifest says; else IndexDamagedError."""
    try:
        lexical = LexicalIndex(folder, ranges)
    except (OSError, ValueError) as error:
        raise _damaged(folder / LEXICAL_DIR, f"Tantivy cannot read it: {str(error).splitlines()[0]}") from None
    indexed = sum(lexical.passages(language) for language in ranges)
    if indexed != manifest.chunks:
        raise _damaged(folder / LEXICAL_DIR, f"{indexed:,} passages where the manifest says {manifest.chunks:,}")
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
