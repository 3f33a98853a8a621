"""What the bot remembers in SQLite: questions asked, their citations, feedback, and the admin audit log."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    asked_at TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    language TEXT NOT NULL,
    found INTEGER NOT NULL,
    latency_ms REAL NOT NULL,
    index_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS citations (
    question_id INTEGER NOT NULL REFERENCES questions(id),
    n INTEGER NOT NULL,
    chunk_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (question_id, n)
);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions(id),
    user_id INTEGER NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
CREATE TABLE IF NOT EXISTS timelines (  -- a /timeline as asked, so its page buttons can rebuild it
    id INTEGER PRIMARY KEY,
    asked_at TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    topic TEXT NOT NULL  -- with the filters written in it
);
CREATE TABLE IF NOT EXISTS follows (  -- /follow: a chat is told when new coverage answers the topic
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    topic TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bot_state (  -- what the bot must remember across restarts, by name
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    result TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class AskedQuestion:
    """A question as recorded, with the chunks its answer cited."""

    id: int
    question: str
    language: str
    citations: dict[int, str]  # citation number -> chunk id


@dataclass(frozen=True)
class Follow:
    """A topic a chat follows."""

    id: int
    chat_id: int
    topic: str
    language: str


class Records:
    """The bot's own database, beside the index versions in the data directory."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def record_question(
        self,
        *,
        user_id: int,
        chat_id: int,
        question: str,
        language: str,
        found: bool,
        latency_ms: float,
        index_version: str,
        citations: list[tuple[int, str, str]],
    ) -> int:
        """Store a question and its citations (n, chunk id, doc id); returns its id."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO questions (asked_at, user_id, chat_id, question, language, found, latency_ms,"
                " index_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (_now(), user_id, chat_id, question, language, int(found), latency_ms, index_version),
            )
            question_id = int(cursor.lastrowid or 0)
            self._db.executemany(
                "INSERT INTO citations VALUES (?, ?, ?, ?)", [(question_id, *citation) for citation in citations]
            )
        return question_id

    def question(self, question_id: int) -> AskedQuestion | None:
        """A recorded question, or None."""
        with self._lock:
            row = self._db.execute("SELECT question, language FROM questions WHERE id = ?", (question_id,)).fetchone()
            if row is None:
                return None
            cited = self._db.execute("SELECT n, chunk_id FROM citations WHERE question_id = ?", (question_id,))
            return AskedQuestion(question_id, row[0], row[1], dict(cited.fetchall()))

    def record_timeline(self, *, user_id: int, chat_id: int, topic: str) -> int:
        """Store a /timeline topic as written (filters included); returns its id."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO timelines (asked_at, user_id, chat_id, topic) VALUES (?, ?, ?, ?)",
                (_now(), user_id, chat_id, topic),
            )
            return int(cursor.lastrowid or 0)

    def timeline_topic(self, timeline_id: int) -> str | None:
        """A recorded /timeline topic, or None."""
        with self._lock:
            row = self._db.execute("SELECT topic FROM timelines WHERE id = ?", (timeline_id,)).fetchone()
        return str(row[0]) if row else None

    def remembered(self, key: str) -> str | None:
        """A value the bot kept across restarts, or None."""
        with self._lock:
            row = self._db.execute("SELECT value FROM bot_state WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def remember(self, key: str, value: str) -> None:
        """Keep a value across restarts."""
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO bot_state VALUES (?, ?)", (key, value))

    def follow(self, *, chat_id: int, user_id: int, topic: str, language: str) -> int:
        """Follow a topic in a chat; returns the follow's number."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO follows (chat_id, user_id, topic, language, created_at) VALUES (?, ?, ?, ?, ?)",
                (chat_id, user_id, topic, language, _now()),
            )
            return int(cursor.lastrowid or 0)

    def unfollow(self, chat_id: int, follow_id: int) -> str | None:
        """Stop a chat's follow; its topic, or None when the chat has no follow of that number."""
        with self._lock, self._db:
            row = self._db.execute(
                "SELECT topic FROM follows WHERE id = ? AND chat_id = ?", (follow_id, chat_id)
            ).fetchone()
            if row is not None:
                self._db.execute("DELETE FROM follows WHERE id = ?", (follow_id,))
        return str(row[0]) if row else None

    def follows(self, chat_id: int | None = None) -> list[Follow]:
        """A chat's follows, or every chat's, oldest first."""
        query = "SELECT id, chat_id, topic, language FROM follows"
        with self._lock:
            rows = (
                self._db.execute(query + " WHERE chat_id = ? ORDER BY id", (chat_id,))
                if chat_id is not None
                else self._db.execute(query + " ORDER BY id")
            ).fetchall()
        return [Follow(*row) for row in rows]

    def record_feedback(self, question_id: int, user_id: int, vote: int) -> None:
        """Store a user's 👍 (1) or 👎 (-1) on an answer; a new vote replaces the old one."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?)", (question_id, user_id, vote, _now())
            )

    def audit(self, user_id: int, action: str, detail: str, result: str) -> None:
        """Append one admin action to the audit log."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO audit (at, user_id, action, detail, result) VALUES (?, ?, ?, ?, ?)",
                (_now(), user_id, action, detail, result),
            )

    def audit_log(self, limit: int = 50) -> list[tuple[str, int, str, str, str]]:
        """The newest audit entries: (at, user id, action, detail, result)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT at, user_id, action, detail, result FROM audit ORDER BY id DESC LIMIT ?", (limit,)
            )
            return [tuple(row) for row in rows.fetchall()]

    def usage(self) -> dict[str, float | int]:
        """Questions answered and not found, latency p50/p95 in ms, and feedback counts."""
        with self._lock:
            found, missed = self._db.execute(
                "SELECT COALESCE(SUM(found), 0), COALESCE(SUM(1 - found), 0) FROM questions"
            ).fetchone()
            latencies = [row[0] for row in self._db.execute("SELECT latency_ms FROM questions")]
            up, down = self._db.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM feedback"
            ).fetchone()
        p50, p95 = np.percentile(latencies, [50, 95]).tolist() if latencies else [0.0, 0.0]
        return {
            "answered": int(found),
            "not_found": int(missed),
            "latency_p50_ms": round(p50, 1),
            "latency_p95_ms": round(p95, 1),
            "feedback_up": int(up),
            "feedback_down": int(down),
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
