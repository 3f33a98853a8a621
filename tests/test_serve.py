"""`negobot serve` as a real process: logs what it serves, never the token, and stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys

from tests.conftest import ROOT, SEED
from tests.helpers.fake_bot_api import FakeBotApi
from tests.helpers.running_bot import TOKEN


async def test_serve_answers_logs_its_index_and_stops_gracefully(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    async with FakeBotApi(token=TOKEN) as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "NEGOBOT_TELEGRAM_API_URL": api.url,
            "NEGOBOT_DATA_DIR": str(tmp_path / "data"),
            "NEGOBOT_CORPUS_DIR": str(corpus),
            "HF_HUB_OFFLINE": "1",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "serve", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        try:
            await api.wait_for(lambda c: c.method == "setMyCommands", timeout=60)
            api.push_message(77, "Apa yang ditawarkan AS terkait rudal?", language_code="id")
            reply = await api.wait_for(lambda c: c.method == "sendMessage", timeout=30)
            assert "rudal" in reply.params["text"]
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    log = output.decode()
    assert process.returncode == 0, log
    assert "serving index version" in log and "e5-q4:intfloat/multilingual-e5-small" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert ROOT.exists()
