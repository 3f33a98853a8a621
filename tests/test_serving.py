"""A running bot serves whatever version is published, by whom ever, without closing an index under a question."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot import application
from bot.records import Records
from bot.settings import Settings
from bot.state import BotState
from index.builder import BuildConfig, build_index
from index.embedder import LoadedEncoder
from index.input_errors import CoverageInputError
from index.search import Searcher
from index.versions import DataDir
from tests.helpers.fake_encoder import HashedEncoder
from tests.helpers.running_bot import RunningBot, running_bot

USER = 4004
CONFIG = BuildConfig(chunk_tokens=48)


def write_article(folder: Path, doc_id: str, text: str) -> None:
    record = {"id": doc_id, "title": doc_id, "date": "2022-02-10", "source": "Wire", "url": "", "language": "en"}
    (folder / f"{doc_id}.jsonl").write_text(json.dumps({**record, "text": text}) + "\n")


def serving_one_article(tmp_path: Path) -> tuple[Path, DataDir, LoadedEncoder, BotState]:
    """A bot's state serving a one-article index built with the fake encoder: corpus, data, encoder, state."""
    corpus, data = tmp_path / "corpus", DataDir(tmp_path / "data")
    corpus.mkdir()
    encoder = LoadedEncoder(HashedEncoder(), "fake")
    write_article(corpus, "first", "Negotiators met in Geneva about missiles.")
    build_index([corpus], data, encoder, CONFIG)
    settings = Settings(data_dir=data.root, corpus_dir=corpus)
    state = BotState(settings, data, encoder, Searcher.open_current(data, encoder.encoder), Records(tmp_path / "r.db"))
    return corpus, data, encoder, state


async def test_a_swap_waits_for_the_questions_in_flight_on_the_old_index(tmp_path: Path):
    corpus, data, encoder, state = serving_one_article(tmp_path)
    assert not await state.serve_newest()  # nothing new

    write_article(corpus, "second", "Negotiators met in Vienna about troops.")
    build_index([corpus], data, encoder, CONFIG)  # as `negobot index` would, from another process
    with state.lease() as old:
        assert await state.serve_newest()
        assert state.searcher is not old and state.searcher.store.counts()["documents"] == 2
        await state.serve_newest()  # a later check: the question on the old index is still running
        assert old.search("Geneva missiles", 1)  # so the old index still answers
    await state.serve_newest()  # the next check after it finished closes it
    with pytest.raises(Exception, match="closed"):
        old.search("Geneva missiles", 1)
    state.close()
    state.records.close()


async def test_a_version_another_encoder_built_is_not_served_and_said_once(tmp_path: Path, caplog):
    corpus, data, _, state = serving_one_article(tmp_path)
    served = state.searcher.folder

    write_article(corpus, "second", "Negotiators met in Vienna about troops.")
    other = LoadedEncoder(HashedEncoder(name="fake:other"), "other")
    build_index([corpus], data, other, CONFIG)  # `negobot index` with another encoder, from another process
    with caplog.at_level(logging.WARNING, logger="bot.state"):
        assert not await state.serve_newest()
        assert not await state.serve_newest()  # the next check says nothing more
    said = [record.getMessage() for record in caplog.records if "not serving index version" in record.getMessage()]
    assert len(said) == 1 and "fake:other" in said[0] and "Restart negobot" in said[0]
    assert state.searcher.folder == served and state.searcher.search("Geneva missiles", 1)  # still answering
    # Its own builds (feeds, /add, /reindex) would re-embed everything with its encoder on top: refused.
    with pytest.raises(CoverageInputError, match=r"built with fake:other.*restart negobot"):
        state.coverage.rebuild()
    state.close()
    state.records.close()


@pytest.fixture
async def bot(tmp_path, multilingual, monkeypatch):
    async with running_bot(tmp_path, multilingual, monkeypatch, version_check_seconds=0.2) as running:
        yield running


async def test_the_bot_serves_a_version_the_command_line_published_within_seconds(bot: RunningBot, multilingual):
    before = bot.state.searcher.manifest.version
    text = "Negotiators from Finland and Russia agreed to reopen the Vaalimaa border crossing on Tuesday."
    write_article(bot.corpus, "vaalimaa", text)
    await asyncio.to_thread(build_index, [bot.corpus], DataDir(bot.state.data_dir.root), multilingual, BuildConfig())
    for _ in range(50):
        if bot.state.searcher.manifest.version != before:
            break
        await asyncio.sleep(0.1)
    assert bot.state.searcher.manifest.version != before
    sent = len(bot.api.sent)
    bot.api.push_message(USER, "Which border crossing did Finland and Russia agree to reopen?")
    reply = await bot.reply(USER, sent)
    assert "Vaalimaa" in reply.params["text"]


async def test_a_refused_feed_poll_is_one_warning_line_not_a_traceback(monkeypatch, caplog):
    async def refused(state: object) -> None:
        raise CoverageInputError("index version v2 was built with fake:other: restart negobot")

    monkeypatch.setattr(application.admin, "poll_feeds", refused)
    with caplog.at_level(logging.WARNING, logger="bot.application"):
        await application._poll_feeds(SimpleNamespace(state=None))  # type: ignore[arg-type]
    (record,) = [r for r in caplog.records if r.name == "bot.application"]
    assert "not polling the feeds" in record.getMessage() and "restart negobot" in record.getMessage()
    assert record.exc_info is None
