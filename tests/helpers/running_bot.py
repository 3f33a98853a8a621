"""Start the real negobot Application against the local Bot API stand-in."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot import application as bot_application
from bot import opening
from bot.settings import Settings
from bot.state import BotState
from index.embedder import LoadedEncoder
from tests.conftest import SEED
from tests.helpers.fake_bot_api import Call, FakeBotApi

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"
ADMIN = 1001


@dataclass
class RunningBot:
    """The fake server, the running application, and the folders it serves."""

    api: FakeBotApi
    application: Any
    corpus: Path

    @property
    def state(self) -> BotState:
        state = self.application.bot_data["negobot"]
        assert isinstance(state, BotState)
        return state

    async def reply(self, chat_id: int, before: int, method: str = "sendMessage", timeout: float = 20) -> Call:
        """The first ``method`` call to ``chat_id`` recorded after position ``before``."""
        return await self.wait(lambda c: c.method == method and c.params.get("chat_id") == chat_id, before, timeout)

    async def wait(self, predicate: Callable[[Call], bool], before: int, timeout: float = 20) -> Call:
        """The first call after position ``before`` that matches ``predicate``."""
        return await self.api.wait_for(lambda c: predicate(c) and _after(self.api.sent, c, before), timeout)


def _after(sent: list[Call], call: Call, before: int) -> bool:
    return any(other is call for other in sent[before:])


@asynccontextmanager
async def running_bot(
    tmp_path: Path, encoder: LoadedEncoder, monkeypatch: pytest.MonkeyPatch, **overrides: Any
) -> AsyncIterator[RunningBot]:
    """The real Application over real HTTP, serving an index of the seed article."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    shutil.copy(SEED, corpus / SEED.name)
    monkeypatch.setattr(opening, "load_encoder", lambda model, cache_dir=None, backend=None: encoder)
    async with FakeBotApi(token=TOKEN) as api:
        settings = Settings(
            data_dir=tmp_path / "data",
            corpus_dir=corpus,
            telegram_api_url=api.url,
            admin_ids=[ADMIN],
            **overrides,
        )
        application = bot_application.build_application(settings, TOKEN)
        async with application:
            assert application.post_init is not None
            await application.post_init(application)  # run_polling() would call it
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                yield RunningBot(api, application, corpus)
            finally:
                await application.updater.stop()
                await application.stop()
