"""One poll of the followed feeds: new entries fetched, extracted and indexed; each feed's failure its own.

A feed is fetched with a conditional GET (its last ETag and Last-Modified), so an unchanged
feed costs one small request. Of its entries not taken before, at most ``per_poll`` are
fetched, each only where the site's robots.txt allows, with a pause between requests to one
host. The new articles of every feed are saved into the corpus (the feed named as their
origin) and indexed in one build. A feed that fails keeps its error and backs off; the
others go on.
"""

from __future__ import annotations

import asyncio
import logging
import time
import urllib.robotparser
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TypeVar
from urllib.parse import urlsplit

from index.builder import BuildReport
from index.coverage import Coverage
from index.documents import Article
from index.feed_store import Feed, FeedStore
from index.feeds import FEED_TYPES, entry_links
from index.input_errors import CoverageInputError
from index.web_fetch import FetchedPage, FetchError, fetch_page

logger = logging.getLogger(__name__)
USER_AGENT = "negobot"
_ROBOTS_MAX_BYTES = 500_000


@dataclass(frozen=True)
class IngestConfig:
    """How a poll behaves."""

    per_poll: int = 20  # new entries fetched per feed per poll
    host_pause_seconds: float = 1.0  # between two requests to one host
    retry_interval: timedelta = timedelta(minutes=15)  # the first wait after a failure; it doubles
    max_feed_bytes: int = 5_000_000


@dataclass
class FeedResult:
    """What one poll did with one feed."""

    feed: Feed
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # entries refused: robots.txt, not an article, 404...
    not_modified: bool = False
    error: str = ""


@dataclass
class IngestReport:
    """What one poll did: per feed, and the build that indexed the new articles (None when nothing was new)."""

    feeds: list[FeedResult] = field(default_factory=list)
    build: BuildReport | None = None

    @property
    def added(self) -> list[str]:
        """Every article added, over all feeds."""
        return [doc_id for result in self.feeds for doc_id in result.added]


Fetch = Callable[..., Awaitable[FetchedPage]]
Fetched = TypeVar("Fetched")


async def ingest(
    store: FeedStore,
    coverage: Coverage,
    is_indexed: Callable[[str], bool],
    now: datetime,
    config: IngestConfig | None = None,
    fetch: Fetch = fetch_page,
) -> IngestReport:
    """Poll every feed that is due, add their new articles, and index them in one build."""
    config = config or IngestConfig()
    polite = _HostPauses(config.host_pause_seconds)
    robots = _Robots(coverage, fetch, polite)
    report = IngestReport()
    found: list[tuple[FeedResult, list[Article], list[str]]] = []
    for feed in store.due(now):
        result = FeedResult(feed)
        report.feeds.append(result)
        try:
            page = await polite.around(feed.url, _feed_fetch(fetch, feed, coverage, config))
        except CoverageInputError as error:
            result.error = str(error)
            store.record_failure(feed.id, now, result.error, config.retry_interval)
            continue
        if page.not_modified:
            result.not_modified = True
            store.record_poll(feed.id, now, page.etag or feed.etag, page.last_modified or feed.last_modified)
            continue
        try:
            links = entry_links(page.text, feed.url)
        except CoverageInputError as error:
            result.error = str(error)
            store.record_failure(feed.id, now, result.error, config.retry_interval)
            continue
        new = store.unseen(feed.id, links)[: config.per_poll]
        articles = await _articles(new, coverage, robots, polite, result)
        found.append((result, articles, new))
        store.record_poll(feed.id, now, page.etag, page.last_modified)
    fetched = [(result, article) for result, batch, _ in found for article in batch]
    if fetched:
        entries = [(article, result.feed.url) for result, article in fetched]
        change, refused = await asyncio.to_thread(coverage.add_articles, entries, is_indexed)
        report.build = change.report
        saved = set(change.doc_ids)
        for result, article in fetched:
            (result.added if article.doc_id in saved else result.skipped).append(article.doc_id)
        for reason in refused:
            logger.info("feed entry not added: %s", reason)
    for result, _, new in found:
        store.mark_seen(result.feed.id, new)
        store.count_added(result.feed.id, len(result.added))
    return report


def _feed_fetch(fetch: Fetch, feed: Feed, coverage: Coverage, config: IngestConfig) -> Awaitable[FetchedPage]:
    policy = replace(
        coverage.config.fetch, max_bytes=config.max_feed_bytes, accepted_types=FEED_TYPES, kind_name="a feed"
    )
    return fetch(feed.url, policy, etag=feed.etag, last_modified=feed.last_modified)


async def _articles(
    links: list[str], coverage: Coverage, robots: _Robots, polite: _HostPauses, result: FeedResult
) -> list[Article]:
    """The articles of a feed's new entries; entries refused or failing are skipped, and said so."""
    articles = []
    for link in links:
        if not await robots.allows(link):
            result.skipped.append(f"{link} (robots.txt)")
            continue
        try:
            articles.append(await polite.around(link, coverage.fetch_article(link)))
        except CoverageInputError as error:
            result.skipped.append(f"{link} ({error})")
    return articles


class _HostPauses:
    """Keeps ``seconds`` between two requests to one host."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._last: dict[str, float] = {}

    async def around(self, url: str, request: Awaitable[Fetched]) -> Fetched:
        """Await ``request`` to ``url``'s host once the pause since the last one has passed."""
        host = urlsplit(url).netloc
        wait = self._last.get(host, -self._seconds) + self._seconds - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        try:
            return await request
        finally:
            self._last[host] = time.monotonic()


class _Robots:
    """The robots.txt rules of each host, fetched once per poll; a host without one allows everything."""

    def __init__(self, coverage: Coverage, fetch: Fetch, polite: _HostPauses) -> None:
        self._coverage, self._fetch, self._polite = coverage, fetch, polite
        self._rules: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    async def allows(self, url: str) -> bool:
        """Whether the site's robots.txt lets negobot fetch ``url``."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            self._rules[origin] = await self._load(origin)
        rules = self._rules[origin]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    async def _load(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        policy = replace(
            self._coverage.config.fetch, max_bytes=_ROBOTS_MAX_BYTES, accepted_types=("text/plain",), kind_name="text"
        )
        try:
            page = await self._polite.around(origin, self._fetch(f"{origin}/robots.txt", policy))
        except FetchError:  # none, or unreadable: nothing is disallowed
            return None
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(page.text.splitlines())
        return rules


__all__ = ["USER_AGENT", "FeedResult", "IngestConfig", "IngestReport", "ingest"]
