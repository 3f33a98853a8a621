"""Making written files and folders survive a crash before they are published."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_tree(folder: Path) -> None:
    """Flush every file below ``folder``, then the folders' own entries."""
    for path in folder.iterdir():
        if path.is_dir():
            fsync_tree(path)
            continue
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    fsync_directory(folder)


def fsync_directory(folder: Path) -> None:
    """Make a directory's entries (new files, a replaced CURRENT) durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
