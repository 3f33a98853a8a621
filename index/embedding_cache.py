"""A persistent cache of passage vectors keyed by (encoder, passage hash).

It outlives index versions, so re-indexing never re-embeds a passage the same
encoder has seen before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    encoder TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (encoder, text_hash)
) WITHOUT ROWID;
"""
_BATCH = 500


class EmbeddingCache:
    """Look up and store float32 vectors for one encoder."""

    def __init__(self, path: Path, encoder: str, dimension: int) -> None:
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._encoder = encoder
        self._dimension = dimension

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def get_many(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors among ``hashes``."""
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(hashes), _BATCH):
            batch = list(hashes[i : i + _BATCH])
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE encoder = ? AND text_hash IN ({marks})",
                [self._encoder, *batch],
            )
            for text_hash, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (self._dimension,):
                    found[text_hash] = vector
        return found

    def put_many(self, hashes: Sequence[str], vectors: np.ndarray) -> None:
        """Store vectors (one row per hash)."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                [
                    (self._encoder, h, np.ascontiguousarray(v, dtype=np.float32).tobytes())
                    for h, v in zip(hashes, vectors, strict=True)
                ],
            )
