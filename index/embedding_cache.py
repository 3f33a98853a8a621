"""A persistent cache of passage vectors keyed by (encoder, passage hash).

It outlives index versions, so re-indexing never re-embeds a passage the same
encoder has seen before.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index.documents import content_hash
from index.embedder import Encoder
from index.parallel import encode_batches

logger = logging.getLogger(__name__)

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
        """Open the cache; a damaged one is moved aside with a warning and started anew.

        It is a cache: losing it costs embedding time, never a build.
        """
        try:
            self._db = _open(path)
        except sqlite3.DatabaseError as error:
            aside = path.with_name(f"{path.name}.damaged-{datetime.now(UTC):%Y%m%dT%H%M%S}")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{path}{suffix}")
                if part.exists():
                    part.replace(Path(f"{aside}{suffix}"))
            logger.warning(
                "the embedding cache %s is damaged (%s): moved it to %s and started a new one", path, error, aside
            )
            self._db = _open(path)
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


def embed_with_cache(
    texts: Sequence[str],
    encoder: Encoder,
    cache_path: Path,
    batch: int,
    notify: Callable[[int, int], None] = lambda done, total: None,
) -> tuple[np.ndarray, int]:
    """Passage vectors of ``texts`` in order, encoding only those the cache lacks; also how many were encoded.

    A cache found sound earlier in this process and damaged since is checked again (and
    moved aside), then the work is done once more.
    """
    try:
        return _embed_with_cache(texts, encoder, cache_path, batch, notify)
    except sqlite3.DatabaseError as error:
        if cache_path.resolve() not in _CHECKED:
            raise
        _CHECKED.discard(cache_path.resolve())
        logger.warning("the embedding cache %s failed (%s); checking it again", cache_path, error)
        return _embed_with_cache(texts, encoder, cache_path, batch, notify)


def _embed_with_cache(
    texts: Sequence[str],
    encoder: Encoder,
    cache_path: Path,
    batch: int,
    notify: Callable[[int, int], None],
) -> tuple[np.ndarray, int]:
    hashes = [content_hash(t) for t in texts]
    cache = EmbeddingCache(cache_path, encoder.name, encoder.dimension)
    try:
        found = cache.get_many(hashes)
        missing = sorted({h: i for i, h in enumerate(hashes) if h not in found}.items(), key=lambda item: item[1])
        parts = [missing[start : start + batch] for start in range(0, len(missing), batch)]
        done = 0
        computed_parts = encode_batches(encoder, [[texts[i] for _, i in part] for part in parts])
        for part, computed in zip(parts, computed_parts, strict=True):
            cache.put_many([h for h, _ in part], computed)
            found.update({h: v for (h, _), v in zip(part, computed, strict=True)})
            done += len(part)
            notify(done, len(missing))
    finally:
        cache.close()
    matrix = np.vstack([found[h] for h in hashes]) if hashes else np.zeros((0, encoder.dimension), np.float32)
    return matrix.astype(np.float32), len(missing)


_CHECKED: set[Path] = set()  # caches this process found sound (a check reads the whole file)


def _open(path: Path) -> sqlite3.Connection:
    """Connect, check the file is a sound SQLite database (once per process), and create the table."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        if path.resolve() not in _CHECKED:
            (verdict,) = db.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(verdict)
        db.executescript(_SCHEMA)
        _CHECKED.add(path.resolve())
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db
