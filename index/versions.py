"""Index versions on disk, and their atomic publication.

A data directory holds ``versions/<name>/`` folders and a ``CURRENT`` file
naming the one being served. A build writes a new folder and then replaces
``CURRENT`` in one ``os.replace``: readers see the old version or the new one,
never half of either, and a crash mid-build leaves the old one serving.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from index.durable import fsync_directory, fsync_tree

CURRENT_FILE = "CURRENT"
VERSIONS_DIR = "versions"
EMBEDDING_CACHE_FILE = "embeddings.sqlite"

logger = logging.getLogger(__name__)
_held_locks = threading.local()  # the data directories whose build lock this thread holds


class BuildInProgressError(RuntimeError):
    """Another build holds the data directory."""


class DataDir:
    """The layout of one data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def embedding_cache(self) -> Path:
        """The embedding cache shared by all versions."""
        return self.root / EMBEDDING_CACHE_FILE

    def current(self) -> Path | None:
        """The folder of the version being served, or None before the first build."""
        pointer = self.root / CURRENT_FILE
        try:
            name = pointer.read_text(encoding="utf-8", errors="replace").strip()
        except FileNotFoundError:
            return None
        folder = self.root / VERSIONS_DIR / name
        if not name or "/" in name or not folder.is_dir():
            logger.warning("%s names no version (%r); run `negobot index` to rebuild the index", pointer, name[:80])
            return None
        return folder

    def new_version(self) -> Path:
        """Create an empty folder for a version being built."""
        name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        folder = self.root / VERSIONS_DIR / name
        folder.mkdir(parents=True)
        return folder

    def publish(self, folder: Path, keep: int = 2) -> None:
        """Make ``folder`` the served version in one atomic step, then prune old versions."""
        fsync_tree(folder)
        pointer = self.root / f".{CURRENT_FILE}.{uuid.uuid4().hex}"
        pointer.write_text(folder.name + "\n")
        with pointer.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, self.root / CURRENT_FILE)
        fsync_directory(self.root)
        self._prune(keep, serving=folder)

    def discard(self, folder: Path) -> None:
        """Remove an unpublished version folder."""
        shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def build_lock(self) -> Iterator[None]:
        """Hold the data directory's build lock, or raise if another build has it.

        Re-entrant within a thread, so that a corpus edit and the build it needs can
        hold it together: the corpus is never changed for a build that cannot run.
        """
        key = str(self.root.resolve())
        held: frozenset[str] = getattr(_held_locks, "roots", frozenset())
        if key in held:
            yield
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".build.lock").open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise BuildInProgressError(f"another index build is running in {self.root}") from error
            _held_locks.roots = held | {key}
            try:
                yield
            finally:
                _held_locks.roots = held
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _prune(self, keep: int, serving: Path) -> None:
        """Remove all but the newest ``keep`` versions (never the one being served)."""
        folders = sorted((p for p in (self.root / VERSIONS_DIR).iterdir() if p.is_dir()), key=lambda p: p.name)
        for folder in folders[:-keep]:
            if folder != serving:
                shutil.rmtree(folder, ignore_errors=True)
