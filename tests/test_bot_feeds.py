"""End to end: an admin follows a feed from the chat, a poll indexes its articles, and people get answers from them."""

from __future__ import annotations

import asyncio

import pytest
import time_machine
from aiohttp import web

from index.feed_store import FEEDS_DB, FeedStore
from tests.helpers.running_bot import ADMIN, RunningBot, running_bot
from tests.helpers.web_server import web_server

USER = 5005
PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"


@pytest.fixture
async def bot(tmp_path, multilingual, monkeypatch):
    settings = {"fetch_allowed_networks": ["127.0.0.0/8"], "feed_host_pause_seconds": 0.0}
    async with running_bot(tmp_path, multilingual, monkeypatch, **settings) as running:
        yield running


async def send(bot: RunningBot, chat_id: int, text: str):
    before = len(bot.api.sent)
    bot.api.push_message(chat_id, text)
    return await bot.reply(chat_id, before)


async def scheduled_poll(bot: RunningBot) -> None:
    """Move a fake clock past the next scheduled poll, wake the scheduler, and wait until its articles are served.

    The feed counts its articles once the build is published, a moment before the bot
    serves the new version: waiting for the version, not the count, keeps a loaded
    machine from asking the old one.
    """
    assert bot.application.job_queue is not None
    (job,) = bot.application.job_queue.get_jobs_by_name("poll feeds")
    assert job.next_t is not None
    store = FeedStore(bot.state.data_dir.root / FEEDS_DB)
    served = bot.state.searcher.manifest.version
    try:
        with time_machine.travel(job.next_t, tick=True):  # the scheduler reads this clock
            bot.application.job_queue.scheduler.wakeup()
            for _ in range(300):
                if any(feed.articles for feed in store.feeds()) and bot.state.searcher.manifest.version != served:
                    break
                await asyncio.sleep(0.1)
        polled = any(feed.articles for feed in store.feeds())
    finally:
        store.close()
    assert polled, "the scheduled poll indexed nothing"
    assert bot.state.searcher.manifest.version != served, "the poll's build was not served"


async def test_a_followed_feed_is_polled_on_a_schedule_and_its_articles_answer(bot: RunningBot):
    base = ""

    async def feed(request: web.Request) -> web.Response:
        item = f"<item><title>Border</title><link>{base}/news/border</link></item>"
        return web.Response(
            text=f'<rss version="2.0"><channel>{item}</channel></rss>', content_type="application/rss+xml"
        )

    async def page(request: web.Request) -> web.Response:
        text = "Finland and Russia agreed on Tuesday to reopen the Vaalimaa border crossing for freight. " * 3
        return web.Response(text=PAGE.format(title="Vaalimaa reopens", text=text), content_type="text/html")

    async with web_server({"/feed.xml": feed, "/news/border": page}) as served:
        base = served
        assert "only the bot's admins" in (await send(bot, USER, f"/feeds add {base}/feed.xml")).params["text"]
        reply = await send(bot, ADMIN, f"/feeds add {base}/feed.xml")
        assert "Following feed 1" in reply.params["text"]
        await scheduled_poll(bot)
    listing = await send(bot, ADMIN, "/feeds list")
    assert f"1. {base}/feed.xml: 1 articles" in listing.params["text"]
    answer = await send(bot, USER, "Which border crossing did Finland and Russia agree to reopen?")
    assert "Vaalimaa" in answer.params["text"]
    assert "No longer following feed 1" in (await send(bot, ADMIN, "/feeds remove 1")).params["text"]
    assert "no feed has the number 1" in (await send(bot, ADMIN, "/feeds remove 1")).params["text"]
