"""Alerts end to end: a chat follows a topic and is told, once, when newly published coverage answers it."""

from __future__ import annotations

import asyncio
import json

import pytest

from index.builder import BuildConfig, build_index
from index.versions import DataDir
from tests.helpers.running_bot import RunningBot, running_bot

USER = 6006
OTHER = 6007


@pytest.fixture
async def bot(tmp_path, multilingual, monkeypatch):
    async with running_bot(tmp_path, multilingual, monkeypatch, version_check_seconds=0.2) as running:
        yield running


async def send(bot: RunningBot, chat_id: int, text: str, language_code: str = "en"):
    before = len(bot.api.sent)
    bot.api.push_message(chat_id, text, language_code=language_code)
    return await bot.reply(chat_id, before)


async def publish(bot: RunningBot, multilingual, doc_id: str, text: str) -> None:
    record = {"id": doc_id, "title": doc_id, "date": "2022-02-10", "source": "Wire", "url": "", "language": "en"}
    (bot.corpus / f"{doc_id}.jsonl").write_text(json.dumps({**record, "text": text}) + "\n")
    await asyncio.to_thread(build_index, [bot.corpus], DataDir(bot.state.data_dir.root), multilingual, BuildConfig())


async def test_a_followed_topic_is_told_when_new_coverage_answers_it_and_only_then(bot: RunningBot, multilingual):
    assert "Following 1" in (await send(bot, USER, "/follow the Vaalimaa border crossing")).params["text"]
    await send(bot, OTHER, "/follow Olympic figure skating results")
    assert "1. the Vaalimaa border crossing" in (await send(bot, USER, "/following")).params["text"]

    before = len(bot.api.sent)
    sentence = "Finland and Russia agreed on Tuesday to reopen the Vaalimaa border crossing for freight trucks."
    await publish(bot, multilingual, "vaalimaa", " ".join([sentence] * 3))
    alert = await bot.reply(USER, before, timeout=30)
    assert "New coverage on" in alert.params["text"] and "Vaalimaa" in alert.params["text"]
    await asyncio.sleep(1.0)  # a few more checks: nothing else is sent
    sent = [c for c in bot.api.sent[before:] if c.method == "sendMessage"]
    assert [c.params["chat_id"] for c in sent] == [USER]  # one message; the skating topic is not answered

    assert "No longer following" in (await send(bot, USER, "/unfollow 1")).params["text"]
    assert "/unfollow N" in (await send(bot, USER, "/unfollow 1")).params["text"]
    assert "follows no topics" in (await send(bot, USER, "/following")).params["text"]
    assert bot.state.records.follows(OTHER)  # follows live in the records database, so they survive restarts


async def test_a_version_published_while_the_bot_was_down_still_alerts(tmp_path, multilingual, monkeypatch):
    async with running_bot(tmp_path, multilingual, monkeypatch, version_check_seconds=0.2) as first:
        await send(first, USER, "/follow the Vaalimaa border crossing")
        await asyncio.sleep(0.5)  # a version check records the version alerts were sent for
    record = {"id": "vaalimaa", "title": "Border", "date": "2022-02-10", "source": "Wire", "url": "", "language": "en"}
    text = "Finland and Russia agreed on Tuesday to reopen the Vaalimaa border crossing for freight trucks. " * 3
    corpus = tmp_path / "corpus"
    (corpus / "vaalimaa.jsonl").write_text(json.dumps({**record, "text": text}) + "\n")
    build_index([corpus], DataDir(tmp_path / "data"), multilingual, BuildConfig())  # while the bot is down
    async with running_bot(tmp_path, multilingual, monkeypatch, version_check_seconds=1.0) as second:
        await send(second, USER, "/following")  # the stand-in Bot API learns the chat before the first check
        before = len(second.api.sent)
        alert = await second.reply(USER, before, timeout=30)
        assert "New coverage on" in alert.params["text"] and "Vaalimaa" in alert.params["text"]
