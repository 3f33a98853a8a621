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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from index.durable import fsync_directory, fsync_tree
from index.manifest import MANIFEST_FILE

CURRENT_FILE = "CURRENT"
HISTORY_FILE = "HISTORY"  # the published versions, one name a line, oldest first
VERSIONS_DIR = "versions"
EMBEDDING_CACHE_FILE = "embeddings.sqlite"

logger = logging.getLogger(__name__)


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

    def version(self, name: str) -> Path | None:
        """The folder of a published version still on disk, by name, or None."""
        folder = self.root / VERSIONS_DIR / name
        return folder if name and "/" not in name and (folder / MANIFEST_FILE).is_file() else None

    def new_version(self) -> Path:
        """Create an empty folder for a version being built."""
        name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        folder = self.root / VERSIONS_DIR / name
        folder.mkdir(parents=True)
        return folder

    def publish(self, folder: Path) -> None:
        """Make ``folder`` the served version in one atomic step, then clean up (see :meth:`clean_up`)."""
        fsync_tree(folder)
        with (self.root / HISTORY_FILE).open("a", encoding="utf-8") as history:
            history.write(folder.name + "\n")
            history.flush()
            os.fsync(history.fileno())
        pointer = self.root / f".{CURRENT_FILE}.{uuid.uuid4().hex}"
        pointer.write_text(folder.name + "\n")
        with pointer.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, self.root / CURRENT_FILE)
        fsync_directory(self.root)
        self.clean_up()

    def rollback_version(self) -> Path | None:
        """The version published before the served one, if it is still there: the rollback."""
        serving = self.current()
        history = self._history()
        for name in reversed(history):
            folder = self.root / VERSIONS_DIR / name
            if folder.is_dir() and (serving is None or name != serving.name):
                return folder
        if history:
            return None
        # A data directory from before the history was kept: the newest complete version.
        versions = self.root / VERSIONS_DIR
        complete = [p for p in versions.iterdir() if (p / MANIFEST_FILE).is_file()] if versions.is_dir() else []
        return next((p for p in sorted(complete, reverse=True) if p != serving), None)

    def clean_up(self) -> None:
        """Remove what crashes leave behind, keeping the served version and the rollback.

        Folders that were never published (a build killed while writing) and folders
        half removed (a clean-up killed midway) go, and so do temporary CURRENT and HISTORY files.
        The rollback is the version published last before the served one, by the
        publication history, not by folder name. Call it holding the build lock.
        """
        keep = {folder for folder in (self.current(), self.rollback_version()) if folder is not None}
        versions = self.root / VERSIONS_DIR
        for folder in versions.iterdir() if versions.is_dir() else []:
            if folder.is_dir() and folder not in keep:
                logger.info("removing index version %s (neither served nor the rollback)", folder.name)
                shutil.rmtree(folder, ignore_errors=True)
        for pattern in (f".{CURRENT_FILE}.*", f".{HISTORY_FILE}.*"):
            for leftover in self.root.glob(pattern):
                leftover.unlink(missing_ok=True)
        kept_names = {folder.name for folder in keep}
        history = self._history()
        if any(name not in kept_names for name in history):
            self._write_history([name for name in history if name in kept_names])

    def _history(self) -> list[str]:
        try:
            lines = (self.root / HISTORY_FILE).read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        return [line.strip() for line in lines if line.strip()]

    def _write_history(self, names: list[str]) -> None:
        temporary = self.root / f".{HISTORY_FILE}.{uuid.uuid4().hex}"
        temporary.write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
        os.replace(temporary, self.root / HISTORY_FILE)

    def discard(self, folder: Path) -> None:
        """Remove an unpublished version folder."""
        shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def build_lock(self) -> Iterator[None]:
        """Hold the data directory's build lock, or raise if another build has it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".build.lock").open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise BuildInProgressError(f"another index build is running in {self.root}") from error
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
