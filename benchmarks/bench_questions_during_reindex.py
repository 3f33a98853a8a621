"""How long questions wait while /reindex runs: many chats at once, over the real Application and HTTP.

Starts the bot against the local Bot API stand-in of the tests with an index of the
seed, adds ARTICLES articles of ../shared/data/news-en-scale.jsonl to the corpus, sends
/reindex and, as soon as its progress message appears, one question from each of CHATS
chats. Prints the median, p95 and longest wait for an answer, and how long the
re-index took. Timings come from one run on a shared machine: compare runs made one
after the other, not absolute values.

    .venv/bin/python benchmarks/bench_questions_during_reindex.py [--chats 50] [--articles 300] [--no-reindex]

``--no-reindex`` asks the same questions with no build running: the answer path's own
throughput, which bounds what any build priority can achieve.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import application as bot_application  # noqa: E402 (the repository root goes on the path first)
from bot import opening  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embedder import DEFAULT_MODEL, load_encoder  # noqa: E402
from tests.helpers.fake_bot_api import FakeBotApi  # noqa: E402
from tests.helpers.running_bot import ADMIN, TOKEN  # noqa: E402

SEED = ROOT / "corpus" / "000_a76710580f32f6bc.md"
SCALE = ROOT.parent / "shared" / "data" / "news-en-scale.jsonl"
QUESTIONS = [
    "What did the US offer on missiles?",
    "Apa yang ditawarkan AS terkait rudal?",
    "Who met for the US-Russia security talks in Geneva?",
    "What guarantees did Russia demand from NATO?",
    "How many troops had Russia massed near Ukraine?",
    "Apa tanggapan NATO terhadap tuntutan Rusia?",
]


async def run(chats: int, articles: int, reindex: bool) -> None:
    """Measure and print."""
    loaded = load_encoder(DEFAULT_MODEL)
    opening.load_encoder = lambda model, cache_dir=None, backend=None: loaded  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="negobot-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        shutil.copy(SEED, corpus / SEED.name)
        async with FakeBotApi(token=TOKEN) as api:
            settings = Settings(
                data_dir=Path(tmp) / "data",
                corpus_dir=corpus,
                telegram_api_url=api.url,
                admin_ids=[ADMIN],
                questions_per_minute=1000,
            )
            application = bot_application.build_application(settings, TOKEN)
            async with application:
                assert application.post_init is not None and application.updater is not None
                await application.post_init(application)
                await application.start()
                await application.updater.start_polling(poll_interval=0.0, timeout=1)
                try:
                    waits, took = await _measure(api, corpus, chats, articles, reindex)
                finally:
                    await application.updater.stop()
                    await application.stop()
    waits.sort()
    during = f"during a /reindex of {articles} new articles (it took {took:.0f} s)" if reindex else "with no build"
    print(
        f"{chats} questions {during}: wait p50 {statistics.median(waits):.2f} s,"
        f" p95 {waits[int(0.95 * (len(waits) - 1))]:.2f} s, max {waits[-1]:.2f} s"
    )


async def _measure(
    api: FakeBotApi, corpus: Path, chats: int, articles: int, reindex: bool
) -> tuple[list[float], float]:
    started = time.monotonic()
    before = len(api.sent)
    if reindex:
        with SCALE.open(encoding="utf-8") as source:
            (corpus / "more.jsonl").write_text("".join(islice(source, articles)), encoding="utf-8")
        api.push_message(ADMIN, "/reindex")
        await api.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == ADMIN, timeout=60)
    asked = {}
    for i in range(chats):
        chat = 10_000 + i
        api.push_message(chat, QUESTIONS[i % len(QUESTIONS)])
        asked[chat] = time.monotonic()
    answered: dict[int, float] = {}
    done = None if reindex else started
    while len(answered) < chats or done is None:
        for call in api.sent[before:]:
            chat = call.params.get("chat_id")
            if call.method == "sendMessage" and chat in asked and chat not in answered:
                answered[chat] = time.monotonic()
            if call.method == "editMessageText" and "now served" in str(call.params.get("text")) and done is None:
                done = time.monotonic()
        await asyncio.sleep(0.02)
    return [answered[chat] - asked[chat] for chat in asked], done - started


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--no-reindex", action="store_true", help="ask with no build running")
    args = parser.parse_args()
    if not SCALE.exists():
        raise SystemExit(f"{SCALE} is missing: this benchmark needs ../shared/data beside the checkout")
    asyncio.run(run(args.chats, args.articles, not args.no_reindex))


if __name__ == "__main__":
    main()
