"""A poll of unchanged feeds: how long it takes, and whether it downloads anything in full.

    .venv/bin/python benchmarks/bench_ingest.py [--feeds 20] [--entries 3] [--polls 5]

Serves ``--feeds`` RSS feeds with ETags from a local HTTP server, each listing ``--entries``
article pages; the first poll takes them all (and builds the index with the configured
encoder); the next ``--polls`` polls find every feed unchanged. Prints the first poll's
time, then the median and maximum of the unchanged polls and what they downloaded.

``--corpus N`` first indexes N articles synthesised from news-en-scale (see
bench_publish.py), with a hashed encoder of the default encoder's width instead of the
configured one (embedding N articles is not what is measured), to show what corpus size
does to a poll (run with ``PYTHONPATH=.``).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

from bot.settings import get_settings
from index.coverage import Coverage
from index.embedder import load_encoder
from index.feed_store import FEEDS_DB, FeedStore
from index.ingest import IngestConfig, ingest
from index.versions import DataDir
from index.web_fetch import FetchPolicy

PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"


class Counter:
    """What the server sent: full feed bodies, 304s, pages."""

    def __init__(self) -> None:
        self.full, self.not_modified, self.pages = 0, 0, 0


def site(feeds: int, entries: int, counter: Counter, base: list[str]) -> web.Application:
    """Feeds 0..feeds-1 with ETags, and their article pages."""

    async def feed(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        etag = f'"feed-{n}"'
        if request.headers.get("If-None-Match") == etag:
            counter.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        counter.full += 1
        items = "".join(
            f"<item><title>{n}-{i}</title><link>{base[0]}/news/{n}/{i}</link></item>" for i in range(entries)
        )
        body = f'<rss version="2.0"><channel><title>Feed {n}</title>{items}</channel></rss>'
        return web.Response(text=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def page(request: web.Request) -> web.Response:
        counter.pages += 1
        n, i = request.match_info["n"], request.match_info["i"]
        text = f"Report {i} of feed {n}: negotiators discussed missile limits and troop movements. " * 5
        return web.Response(text=PAGE.format(title=f"Report {n}-{i}", text=text), content_type="text/html")

    app = web.Application()
    app.router.add_get("/feed/{n}.xml", feed)
    app.router.add_get("/news/{n}/{i}", page)
    return app


async def run(feeds: int, entries: int, polls: int, corpus_size: int) -> None:
    """Serve, follow, poll once to take everything, then time the unchanged polls."""
    counter, base = Counter(), [""]
    runner = web.AppRunner(site(feeds, entries, counter, base))
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    base[0] = f"http://127.0.0.1:{server._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    settings = get_settings()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        if corpus_size:
            from benchmarks.bench_publish import synthetic_articles, write_corpus
            from index.builder import build_index
            from index.embedder import LoadedEncoder
            from tests.helpers.fake_encoder import HashedEncoder

            loaded = LoadedEncoder(HashedEncoder(name="fake:hashed-384", dimension=384, max_tokens=512), "fake")
            write_corpus(root / "corpus", synthetic_articles(corpus_size))
            build_index([root / "corpus"], DataDir(root / "data"), loaded, settings.coverage_config().build)
            print(f"indexed {corpus_size:,} synthetic articles first (hashed encoder)")
        else:
            loaded = load_encoder(settings.embedding_model, settings.model_cache_dir, settings.encoder_backend)
            (root / "corpus").mkdir()
        fetch = FetchPolicy(max_bytes=1_000_000, allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))
        config = settings.coverage_config()
        coverage = Coverage(
            type(config)(root / "corpus", config.build, config.max_upload_bytes, fetch), DataDir(root / "data"), loaded
        )
        store = FeedStore(root / "data" / FEEDS_DB)
        now = datetime.now(UTC)
        for n in range(feeds):
            store.add(f"{base[0]}/feed/{n}.xml", now)
        poll = IngestConfig(host_pause_seconds=0.0)
        started = time.perf_counter()
        first = await ingest(store, coverage, lambda doc_id: False, now, poll)
        first_seconds = time.perf_counter() - started
        print(f"first poll: {len(first.added)} articles from {feeds} feeds in {first_seconds:.1f} s (build included)")
        before = (counter.full, counter.pages)
        timings = []
        for round_ in range(1, polls + 1):
            started = time.perf_counter()
            report = await ingest(store, coverage, lambda doc_id: False, now + timedelta(hours=round_), poll)
            timings.append(time.perf_counter() - started)
            assert not report.added and report.build is None
        store.close()
    await runner.cleanup()
    full, pages = counter.full - before[0], counter.pages - before[1]
    print(
        f"unchanged poll of {feeds} feeds: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms over {polls} polls; "
        f"{counter.not_modified} answered 304, {full} full feed downloads, {pages} pages fetched"
    )


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=3)
    parser.add_argument("--polls", type=int, default=5)
    parser.add_argument("--corpus", type=int, default=0, help="index this many synthetic articles first")
    args = parser.parse_args()
    asyncio.run(run(args.feeds, args.entries, args.polls, args.corpus))


if __name__ == "__main__":
    main()
