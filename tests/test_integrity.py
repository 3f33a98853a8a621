"""A damaged index version names itself, the previous one serves meanwhile, and the next build heals it."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from index.bm25 import LEXICAL_DIR
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.integrity import INDEX_DB, VECTORS_FILE, served_version_problem
from index.manifest import IndexDamagedError
from index.search import Searcher
from index.versions import DataDir
from tests.conftest import SEED
from tests.helpers.fake_encoder import HashedEncoder

CONFIG = BuildConfig(chunk_tokens=48, append_small_changes=False)  # two versions that share no file


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, DataDir]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    data = DataDir(tmp_path / "data")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), CONFIG)
    (corpus / "geneva.txt").write_text("Geneva talks\nSherman met Ryabkov in Geneva on missiles.\n")
    build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), CONFIG)
    return corpus, data


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def largest_lexical_file(folder: Path) -> Path:
    return max((p for p in (folder / LEXICAL_DIR).rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def other_dimension(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps(manifest | {"dimension": 384}))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "vectors truncated": (lambda f: truncate(f / VECTORS_FILE), VECTORS_FILE),
    "vectors emptied": (lambda f: (f / VECTORS_FILE).write_bytes(b""), VECTORS_FILE),
    "garbage database": (lambda f: (f / INDEX_DB).write_bytes(b"garbage" * 1000), INDEX_DB),
    "database deleted": (lambda f: (f / INDEX_DB).unlink(), INDEX_DB),
    "wrong dimension": (other_dimension, VECTORS_FILE),
    "lexical file truncated": (lambda f: truncate(largest_lexical_file(f)), f"{LEXICAL_DIR}/rows-"),
    "lexical index deleted": (lambda f: shutil.rmtree(f / LEXICAL_DIR), f"{LEXICAL_DIR}/rows-"),
}


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_version_is_named_the_previous_serves_and_index_heals_it(
    two_versions: tuple[Path, DataDir], case: str, caplog: pytest.LogCaptureFixture
):
    corpus, data = two_versions
    served, rollback = data.current(), data.rollback_version()
    assert served is not None and rollback is not None
    damage, named = DAMAGE[case]
    damage(served)
    with caplog.at_level(logging.WARNING):
        searcher = Searcher.open_current(data, HashedEncoder())
    assert searcher.folder == rollback  # one warning, naming the file, and answers from the rollback
    assert [r.getMessage() for r in caplog.records if named in r.getMessage() and rollback.name in r.getMessage()]
    searcher.close()
    assert named in served_version_problem(served)
    report = build_index([corpus], data, LoadedEncoder(HashedEncoder(), "fake"), CONFIG)
    assert report.published and data.current() != served  # never "up to date" over a damaged version
    assert Searcher.open_current(data, HashedEncoder()).folder == data.current()


def test_vectors_copied_from_another_version_are_caught(two_versions: tuple[Path, DataDir]):
    _, data = two_versions
    served, rollback = data.current(), data.rollback_version()
    assert served is not None and rollback is not None
    shutil.copy(rollback / VECTORS_FILE, served / VECTORS_FILE)
    assert VECTORS_FILE in served_version_problem(served)


def test_a_lexical_file_altered_in_place_is_caught_by_its_checksum(two_versions: tuple[Path, DataDir]):
    _, data = two_versions
    served = data.current()
    assert served is not None
    damaged = largest_lexical_file(served)
    flip_a_byte(damaged)
    assert damaged.relative_to(served).as_posix() in served_version_problem(served)


def test_with_no_good_version_one_error_names_the_file_and_the_fix(two_versions: tuple[Path, DataDir]):
    _, data = two_versions
    served, rollback = data.current(), data.rollback_version()
    assert served is not None and rollback is not None
    for folder in (served, rollback):
        (folder / VECTORS_FILE).write_bytes(b"")
    with pytest.raises(IndexDamagedError, match=rf"{served.name}/vectors.faiss is damaged .*run `negobot index`"):
        Searcher.open_current(data, HashedEncoder())
