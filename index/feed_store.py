"""The feeds an admin follows, what each last said and when to ask again, and the entries already taken: SQLite."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from index.input_errors import AlreadyInCorpus, UnknownArticle

FEEDS_DB = "feeds.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    added_at TEXT NOT NULL,
    etag TEXT NOT NULL DEFAULT '',           -- the validators of the last full fetch, for conditional GET
    last_modified TEXT NOT NULL DEFAULT '',
    polled_at TEXT NOT NULL DEFAULT '',
    articles INTEGER NOT NULL DEFAULT 0,     -- articles added from it so far
    failures INTEGER NOT NULL DEFAULT 0,     -- failed polls in a row
    last_error TEXT NOT NULL DEFAULT '',
    retry_after TEXT NOT NULL DEFAULT ''     -- no poll before this (backoff after failures)
);
CREATE TABLE IF NOT EXISTS seen (            -- entries taken (or given up on), never fetched again
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    PRIMARY KEY (feed_id, url)
) WITHOUT ROWID;
"""
MAX_BACKOFF = timedelta(days=1)


class FeedExists(AlreadyInCorpus):
    """The feed is already followed."""


class UnknownFeed(UnknownArticle):
    """No followed feed has that number."""


@dataclass(frozen=True)
class Feed:
    """A followed feed and its state."""

    id: int
    url: str
    added_at: str
    etag: str
    last_modified: str
    polled_at: str
    articles: int
    failures: int
    last_error: str
    retry_after: str


class FeedStore:
    """Read and change the followed feeds; safe to share across threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def add(self, url: str, now: datetime) -> Feed:
        """Follow a feed; FeedExists when it is followed already."""
        with self._lock, self._db:
            try:
                cursor = self._db.execute("INSERT INTO feeds (url, added_at) VALUES (?, ?)", (url, _iso(now)))
            except sqlite3.IntegrityError:
                raise FeedExists(f"{url} is already followed") from None
        return self.feed(int(cursor.lastrowid or 0))

    def remove(self, feed_id: int) -> Feed:
        """Stop following a feed (its articles stay in the corpus); UnknownFeed for a number not in the list."""
        feed = self.feed(feed_id)
        with self._lock, self._db:
            self._db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return feed

    def feed(self, feed_id: int) -> Feed:
        """One feed by number; UnknownFeed when there is none."""
        with self._lock:
            row = self._db.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            raise UnknownFeed(f"no feed has the number {feed_id} (see the list of feeds)")
        return Feed(**dict(row))

    def feeds(self) -> list[Feed]:
        """Every followed feed, in the order they were added."""
        with self._lock:
            return [Feed(**dict(row)) for row in self._db.execute("SELECT * FROM feeds ORDER BY id")]

    def due(self, now: datetime) -> list[Feed]:
        """The feeds that may be polled now: not backing off after failures."""
        return [feed for feed in self.feeds() if not feed.retry_after or feed.retry_after <= _iso(now)]

    def unseen(self, feed_id: int, urls: Iterable[str]) -> list[str]:
        """The entries of ``urls`` not taken from this feed before, in their order."""
        wanted = list(dict.fromkeys(urls))
        with self._lock:
            seen = {row[0] for row in self._db.execute("SELECT url FROM seen WHERE feed_id = ?", (feed_id,))}
        return [url for url in wanted if url not in seen]

    def mark_seen(self, feed_id: int, urls: Iterable[str]) -> None:
        """Remember entries as taken."""
        with self._lock, self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", [(feed_id, url) for url in urls])

    def record_poll(self, feed_id: int, now: datetime, etag: str, last_modified: str) -> None:
        """A poll that worked: keep the validators, clear the failures."""
        with self._lock, self._db:
            self._db.execute(
                "UPDATE feeds SET etag = ?, last_modified = ?, polled_at = ?, failures = 0, last_error = '',"
                " retry_after = '' WHERE id = ?",
                (etag, last_modified, _iso(now), feed_id),
            )

    def count_added(self, feed_id: int, added: int) -> None:
        """Count articles added from a feed."""
        with self._lock, self._db:
            self._db.execute("UPDATE feeds SET articles = articles + ? WHERE id = ?", (added, feed_id))

    def record_failure(self, feed_id: int, now: datetime, error: str, interval: timedelta) -> None:
        """A poll that failed: keep the error and back off, doubling the wait each time up to a day."""
        feed = self.feed(feed_id)
        wait = min(interval * 2**feed.failures, MAX_BACKOFF)
        with self._lock, self._db:
            self._db.execute(
                "UPDATE feeds SET polled_at = ?, failures = failures + 1, last_error = ?, retry_after = ? WHERE id = ?",
                (_iso(now), error, _iso(now + wait), feed_id),
            )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


__all__ = ["FEEDS_DB", "Feed", "FeedExists", "FeedStore", "UnknownFeed"]
