"""`negobot serve` as a real process: logs what it serves, never the token, and stops on SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import ROOT, SEED
from tests.helpers.fake_bot_api import Call, FakeBotApi
from tests.helpers.running_bot import ADMIN, TOKEN

# Start-up loads the encoder and builds the seed's index before the bot's first call: under a
# minute on a quiet machine, two on two cores shared with four busy processes. The waits end as
# soon as the bot is ready or its process stops, so this bound only ends a start-up that hangs.
STARTUP_TIMEOUT = 600
STOP_TIMEOUT = 30  # from SIGTERM to exit, once started


@dataclass
class ServeRun:
    """A `negobot serve` process, and its log once it has stopped."""

    process: asyncio.subprocess.Process
    api: FakeBotApi
    log: str = ""

    async def wait_for(self, method: str, timeout: float) -> Call:
        """The bot's first ``method`` call; fails as soon as the process stops without making it."""
        called = asyncio.ensure_future(self.api.wait_for(lambda c: c.method == method, timeout))
        stopped = asyncio.ensure_future(self.process.wait())
        try:
            await asyncio.wait([called, stopped], return_when=asyncio.FIRST_COMPLETED)
        finally:
            called.cancel()
            stopped.cancel()
        if called.done() and not called.cancelled():
            return called.result()
        raise AssertionError(f"negobot serve stopped with exit code {self.process.returncode} before {method}")


@contextlib.asynccontextmanager
async def negobot_serve(tmp_path: Path, api: FakeBotApi, **settings: str) -> AsyncIterator[ServeRun]:
    """Run `negobot serve` on a corpus of the seed against ``api``, with extra NEGOBOT_ settings; stop it on exit.

    Wait for the bot with ``ServeRun.wait_for`` before leaving: a SIGTERM during start-up
    interrupts PTB's ``post_init`` half-way (its log then ends in a shut-down bot's errors).
    """
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    env = {name: value for name, value in os.environ.items() if not name.startswith("NEGOBOT_WEBHOOK")}
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "NEGOBOT_TELEGRAM_API_URL": api.url,
        "NEGOBOT_DATA_DIR": str(tmp_path / "data"),
        "NEGOBOT_CORPUS_DIR": str(corpus),
        "HF_HUB_OFFLINE": "1",
    } | {f"NEGOBOT_{name.upper()}": value for name, value in settings.items()}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    output = asyncio.create_task(process.stdout.read())  # read as it comes, so that a full pipe never blocks it
    run = ServeRun(process, api)
    try:
        yield run
    finally:
        if process.returncode is None:  # it may have stopped on its own: its log then tells why
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=STOP_TIMEOUT)
        except TimeoutError:
            process.kill()  # no bot outlives its test
            await process.wait()
        run.log = (await output).decode()
        print(run.log)  # shown by pytest when the test fails
    assert process.returncode != -signal.SIGKILL, f"negobot serve did not stop within {STOP_TIMEOUT} s of SIGTERM"


async def test_serve_answers_logs_its_index_and_stops_gracefully(tmp_path):
    async with FakeBotApi(token=TOKEN) as api, negobot_serve(tmp_path, api) as run:
        await run.wait_for("setMyCommands", STARTUP_TIMEOUT)
        api.push_message(77, "Apa yang ditawarkan AS terkait rudal?", language_code="id")
        reply = await run.wait_for("sendMessage", 30)
        assert "rudal" in reply.params["text"]
    assert run.process.returncode == 0, run.log
    assert "serving index version" in run.log and "e5-q4:intfloat/multilingual-e5-small" in run.log
    assert TOKEN not in run.log and TOKEN.split(":")[1] not in run.log
    assert ROOT.exists()


@pytest.mark.parametrize("configured_secret", [None, "deployment-secret_1"])
async def test_webhook_updates_without_the_secret_are_refused(tmp_path, configured_secret):
    port = _free_port()
    webhook = {"admin_ids": str(ADMIN), "webhook_url": "https://bot.example.org", "webhook_listen": "127.0.0.1"}
    webhook |= {"webhook_port": str(port)} | ({"webhook_secret": configured_secret} if configured_secret else {})
    async with FakeBotApi(token=TOKEN) as api, negobot_serve(tmp_path, api, **webhook) as run:
        await run.wait_for("setWebhook", STARTUP_TIMEOUT)
        secret = api.webhook_secret
        assert secret and (configured_secret is None or secret == configured_secret)
        forged = {"update_id": 1, "message": api.push_message(ADMIN, "/stats")}
        url = f"http://127.0.0.1:{port}/telegram"
        async with aiohttp.ClientSession() as session:
            no_secret = await _post(session, url, forged, {})
            wrong_secret = await _post(session, url, forged, {SECRET_HEADER: "guess"})
            await asyncio.sleep(1)
            assert not [c for c in api.sent if c.method == "sendMessage"]
            right = await _post(session, url, forged | {"update_id": 2}, {SECRET_HEADER: secret})
        stats = await run.wait_for("sendMessage", 30)
    assert (no_secret, wrong_secret, right) == (403, 403, 200)
    assert "articles" in stats.params["text"]
    assert secret not in run.log


SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def _post(session: aiohttp.ClientSession, url: str, update: dict[str, object], headers: dict[str, str]) -> int:
    """POST an update, waiting up to 10 s for the webhook server to listen (it may start just after setWebhook)."""
    for _ in range(100):
        try:
            async with session.post(url, json=update, headers=headers) as response:
                return response.status
        except aiohttp.ClientConnectorError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listens on {url}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
