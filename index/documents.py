"""The typed records that flow through the index: articles and their chunks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def content_hash(*parts: str) -> str:
    """Return a short, stable SHA-256 hex digest of the given text parts."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:24]


@dataclass(frozen=True)
class Article:
    """One cleaned news article, ready to be chunked.

    Empty strings mean "unknown"; nothing is invented to fill a field.
    """

    doc_id: str
    title: str
    text: str
    date: str = ""
    source: str = ""
    url: str = ""
    language: str = ""
    origin: str = ""  # the file (and line) the article was read from
    raw_hash: str = ""  # hash of the uncleaned input, to skip unchanged articles
    published: str = ""  # ISO publication time, when the input gives a time (``date`` is its day)
    event_date: str = ""  # ISO day the report describes: its lead's weekday, else its address's date

    @property
    def content_hash(self) -> str:
        """Hash of everything that ends up in the index for this article."""
        return content_hash(
            self.doc_id, self.title, self.text, self.date, self.source, self.url, self.language, self.published
        )


@dataclass(frozen=True)
class Chunk:
    """A passage of an article, with the provenance a citation needs."""

    doc_id: str
    position: int
    start: int  # character offset of the passage in the article text
    end: int
    text: str
    chunk_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.chunk_id:
            object.__setattr__(self, "chunk_id", content_hash(self.doc_id, self.text))

    @property
    def text_hash(self) -> str:
        """Hash of the passage text alone: the embedding cache key."""
        return content_hash(self.text)


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with the article it belongs to and its scores."""

    row: int
    chunk: Chunk
    article: Article
    score: float  # fused rank score, higher is better
    dense: float  # cosine similarity of question and passage
    lexical: float  # BM25 score, 0 when no question word matches
    also_reported_by: tuple[str, ...] = ()  # the other outlets of the same story (syndicated copies)
