"""Feeds polled over real HTTP from a local server: new entries indexed, unchanged feeds cheap, bad feeds contained."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from index.builder import BuildConfig
from index.coverage import Coverage, CoverageConfig
from index.embedder import LoadedEncoder
from index.feed_store import FEEDS_DB, FeedExists, FeedStore, UnknownFeed
from index.ingest import IngestConfig, ingest
from index.integrity import INDEX_DB
from index.store import IndexStore
from index.versions import DataDir
from index.web_fetch import FetchPolicy
from tests.helpers.fake_encoder import HashedEncoder
from tests.helpers.web_server import web_server

NOW = datetime(2022, 2, 24, 12, 0, tzinfo=UTC)
CONFIG = IngestConfig(host_pause_seconds=0.0, max_feed_bytes=100_000)
PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"


def rss(base: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


class Site:
    """A news site: a feed with an ETag, a sitemap, pages, robots.txt, and broken feeds."""

    def __init__(self) -> None:
        self.base = ""
        self.feed_paths = ["/news/geneva", "/news/vienna", "/private/secret"]
        self.conditional_hits = 0
        self.full_feed_fetches = 0

    def routes(self) -> dict[str, object]:
        return {
            "/feed.xml": self.feed,
            "/sitemap.xml": self.sitemap,
            "/broken.xml": self.serving("<rss><channel><item>", "application/xml"),
            "/page-as-feed.xml": self.serving("<html><body>Hello</body></html>", "text/html"),
            "/robots.txt": self.serving("User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/html-as-xml.xml": self.serving("<html><body><p>Hello</p></body></html>", "application/xml"),
            "/huge.xml": self.serving(rss("http://x", [f"/n{i}" for i in range(5_000)]), "application/rss+xml"),
            "/loop.xml": self.loop,
            "/news/{name}": self.page,
            "/private/{name}": self.page,
        }

    @staticmethod
    def serving(body: str, kind: str) -> object:
        async def route(request: web.Request) -> web.Response:
            return web.Response(text=body, content_type=kind)

        return route

    async def feed(self, request: web.Request) -> web.Response:
        etag = f'"{len(self.feed_paths)}"'
        if request.headers.get("If-None-Match") == etag:
            self.conditional_hits += 1
            return web.Response(status=304, headers={"ETag": etag})
        self.full_feed_fetches += 1
        return web.Response(
            text=rss(self.base, self.feed_paths), content_type="application/rss+xml", headers={"ETag": etag}
        )

    async def loop(self, request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop.xml")

    async def sitemap(self, request: web.Request) -> web.Response:
        body = (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{self.base}/news/brussels</loc></url><url><loc>{self.base}/news/missing</loc></url></urlset>"
        )
        return web.Response(text=body, content_type="application/xml")

    async def page(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name == "missing":
            return web.Response(status=404, text="gone")
        text = f"Negotiators from the United States and Russia met in {name.title()} to discuss missile limits. " * 4
        return web.Response(text=PAGE.format(title=f"Talks in {name.title()}", text=text), content_type="text/html")


@pytest.fixture
def coverage(tmp_path: Path) -> Coverage:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    data = DataDir(tmp_path / "data")
    loaded = LoadedEncoder(HashedEncoder(), "fake")
    fetch = FetchPolicy(max_bytes=1_000_000, allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))
    return Coverage(CoverageConfig(corpus, BuildConfig(chunk_tokens=48), 1_000_000, fetch), data, loaded)


@pytest.fixture
def feeds(coverage: Coverage) -> Iterator[FeedStore]:
    store = FeedStore(coverage.data_dir.root / FEEDS_DB)
    yield store
    store.close()


def indexed(coverage: Coverage) -> set[str]:
    folder = coverage.data_dir.current()
    if folder is None:
        return set()
    store = IndexStore(folder / INDEX_DB, read_only=True)
    try:
        return {article.title for article in store.article_headers(0, 100)}
    finally:
        store.close()


async def test_new_entries_are_indexed_once_and_an_unchanged_feed_costs_one_conditional_request(coverage, feeds):
    site = Site()
    async with web_server(site.routes()) as base:  # type: ignore[arg-type]
        site.base = base
        feeds.add(f"{base}/feed.xml", NOW)
        report = await ingest(feeds, coverage, lambda doc_id: False, NOW, CONFIG)
        assert indexed(coverage) == {"Talks in Geneva", "Talks in Vienna"}  # /private/ is disallowed
        assert any("robots.txt" in skipped for skipped in report.feeds[0].skipped)
        assert (
            (corpus_file := next(coverage.config.corpus_dir.glob("*.md"))).read_text().count(f"feed: {base}/feed.xml")
        )
        version = coverage.data_dir.current()

        again = await ingest(feeds, coverage, lambda doc_id: False, NOW + timedelta(minutes=15), CONFIG)
        assert again.feeds[0].not_modified and again.build is None and coverage.data_dir.current() == version
        assert (site.full_feed_fetches, site.conditional_hits) == (1, 1)
        assert feeds.feeds()[0].articles == 2 and corpus_file.exists()


async def test_a_sitemap_is_a_feed_and_an_entry_that_404s_is_skipped_not_fatal(coverage, feeds):
    site = Site()
    async with web_server(site.routes()) as base:  # type: ignore[arg-type]
        site.base = base
        feeds.add(f"{base}/sitemap.xml", NOW)
        report = await ingest(feeds, coverage, lambda doc_id: False, NOW, CONFIG)
    assert indexed(coverage) == {"Talks in Brussels"}
    assert any("404" in skipped for skipped in report.feeds[0].skipped)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/broken.xml", "is malformed XML"),
        ("/page-as-feed.xml", "is text/html, not a feed"),
        ("/nowhere.xml", "the server answered 404"),
        ("/html-as-xml.xml", "is not an RSS, Atom or sitemap feed"),
        ("/huge.xml", "bytes; the limit is 100,000"),
        ("/loop.xml", "more than 5 redirects"),
    ],
)
async def test_a_bad_feed_gets_a_named_error_and_backs_off_while_the_others_go_on(coverage, feeds, path, message):
    site = Site()
    async with web_server(site.routes()) as base:  # type: ignore[arg-type]
        site.base = base
        bad = feeds.add(f"{base}{path}", NOW)
        feeds.add(f"{base}/feed.xml", NOW)
        report = await ingest(feeds, coverage, lambda doc_id: False, NOW, CONFIG)
        assert message in report.feeds[0].error and report.feeds[1].added
        listed = feeds.feed(bad.id)
        assert message in listed.last_error and listed.failures == 1
        assert [feed.id for feed in feeds.due(NOW + timedelta(minutes=5))] == [2]  # backing off
        assert bad.id in [feed.id for feed in feeds.due(NOW + timedelta(minutes=16))]
        await ingest(feeds, coverage, lambda doc_id: False, NOW + timedelta(minutes=16), CONFIG)
        assert feeds.feed(bad.id).failures == 2
        assert [feed.id for feed in feeds.due(NOW + timedelta(minutes=16 + 20))] == [2]  # the wait doubled


def test_feeds_are_followed_once_and_removed_by_number(feeds: FeedStore):
    feed = feeds.add("https://example.com/feed.xml", NOW)
    with pytest.raises(FeedExists, match="already followed"):
        feeds.add("https://example.com/feed.xml", NOW)
    assert feeds.remove(feed.id).url == "https://example.com/feed.xml" and feeds.feeds() == []
    with pytest.raises(UnknownFeed, match="no feed has the number 1"):
        feeds.remove(feed.id)
