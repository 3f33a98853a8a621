"""End to end: admins keep the coverage current from the chat; nobody else can."""

from __future__ import annotations

import asyncio
import fcntl
import json
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web

from bot import admin
from tests.helpers.fake_bot_api import UploadedDocument
from tests.helpers.running_bot import ADMIN, RunningBot, running_bot
from tests.helpers.web_server import web_server as local_web_server

USER = 3003
WEB_HOST = "127.0.0.2"  # the test web servers' address, allowed explicitly: every other internal one is refused
ALLOW_WEB_HOST = {"fetch_allowed_networks": [f"{WEB_HOST}/32"]}


def web_server(routes: dict[str, Callable[[web.Request], Awaitable[web.StreamResponse]]], host: str = WEB_HOST):
    """A local web server on the allowed test address unless told otherwise."""
    return local_web_server(routes, host)


GENEVA = (
    "Geneva security talks\n"
    "GENEVA, Monday, Jan. 10, 2022 - Deputy Secretary of State Wendy Sherman met Sergei Ryabkov in Geneva. "
    "The delegations discussed limits on military exercises and the placement of missiles in Europe.\n"
)


@pytest.fixture
async def bot(tmp_path, multilingual, monkeypatch):
    async with running_bot(tmp_path, multilingual, monkeypatch, **ALLOW_WEB_HOST) as running:
        yield running


async def send(bot: RunningBot, text: str, *, user_id: int = ADMIN, **kwargs):
    before = len(bot.api.sent)
    bot.api.push_message(user_id, text, **kwargs)
    return await bot.reply(user_id, before)


@pytest.mark.parametrize("command", ["/reindex", "/add https://example.org/a", "/remove x", "/sources", "/stats"])
async def test_non_admins_are_refused_and_the_attempt_is_audited(bot: RunningBot, command: str):
    reply = await send(bot, command, user_id=USER)
    assert "only the bot's admins" in reply.params["text"]
    await eventually(lambda: len(bot.state.records.audit_log()) == 1)
    [(_, user_id, action, detail, result)] = bot.state.records.audit_log()
    assert (user_id, action, detail, result) == (USER, command.split()[0][1:], command, "refused")


async def test_reindex_edits_one_progress_message_while_questions_are_answered(bot: RunningBot, monkeypatch):
    monkeypatch.setattr(admin, "_EDIT_EVERY_SECONDS", 0.0)
    rows = [
        {"id": f"filler-{i}", "title": f"Market report {i}", "language": "en",
         "text": f"Stocks moved on day {i}. " * 40 + "Oil prices rose as traders watched Ukraine."}
        for i in range(150)
    ]  # fmt: skip
    (bot.corpus / "markets.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (bot.corpus / "geneva.txt").write_text(GENEVA)
    old_version = bot.state.searcher.manifest.version

    before = len(bot.api.sent)
    bot.api.push_message(ADMIN, "/reindex")
    progress = await bot.reply(ADMIN, before)
    bot.api.push_message(USER, "Apa yang ditawarkan AS terkait rudal?")
    answered = await bot.reply(USER, before)
    assert "rudal" in answered.params["text"]  # answered from the index still being served
    done = await bot.wait(lambda c: c.method == "editMessageText" and "now served" in c.params["text"], before, 60)
    answered_at = bot.api.sent.index(answered)
    assert answered_at < bot.api.sent.index(done)

    [message] = [m for m in bot.api.messages(ADMIN) if m.message_id == progress.params.get("message_id", 0)] or [
        m for m in bot.api.messages(ADMIN) if "now served" in m.text
    ]
    assert len(message.texts) >= 3 and any("▓" in t for t in message.texts)  # stage, counts and a bar
    assert bot.state.searcher.manifest.version != old_version

    reply = await send(bot, "Who did Wendy Sherman meet in Geneva?", user_id=USER + 1)
    assert "Ryabkov" in reply.params["text"]
    assert not bot.api.refused


async def test_a_second_reindex_while_one_runs_is_told_so(bot: RunningBot):
    rows = [{"id": f"n{i}", "title": "t", "language": "en", "text": f"Filler text {i}. " * 200} for i in range(150)]
    (bot.corpus / "more.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    before = len(bot.api.sent)
    bot.api.push_message(ADMIN, "/reindex")
    await bot.reply(ADMIN, before)
    second = await send(bot, "/reindex")
    assert "already running" in second.params["text"]
    served = lambda c: c.method == "editMessageText" and "now served" in c.params["text"]  # noqa: E731
    await bot.wait(served, before, 180)  # a long build, on a machine that may be busy


async def test_add_and_remove_leave_the_corpus_untouched_while_another_build_runs(bot: RunningBot):
    with (bot.state.data_dir.root / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as `negobot index` in another process holds it
        try:
            added = await send(bot, "/add", document=UploadedDocument("geneva.txt", GENEVA.encode(), "text/plain"))
            removed = await send(bot, "/remove 000_a76710580f32f6bc")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    for reply in (added, removed):
        assert "another index build is running" in reply.params["text"]
        assert "nothing was changed" in reply.params["text"]
    assert sorted(p.name for p in bot.corpus.iterdir()) == ["000_a76710580f32f6bc.md"]
    retry = await send(bot, "/add", document=UploadedDocument("geneva.txt", GENEVA.encode(), "text/plain"))
    assert "Added 1 article" in retry.params["text"]


async def test_add_a_document_then_its_content_is_cited(bot: RunningBot):
    reply = await send(bot, "/add", document=UploadedDocument("geneva.txt", GENEVA.encode(), "text/plain"))
    text = reply.params["text"]
    assert "Geneva security talks" in text and "2022-01-10" in text and "en" in text and "passages" in text
    assert (bot.corpus / "geneva.txt").exists()
    answer = await send(bot, "Who did Wendy Sherman meet in Geneva?", user_id=USER)
    assert "Ryabkov" in answer.params["text"]
    await eventually(lambda: bot.state.records.audit_log()[0][2] == "add")


async def test_bad_uploads_get_a_clear_error_and_change_nothing(bot: RunningBot):
    version = bot.state.searcher.manifest.version
    pdf = await send(bot, "/add", document=UploadedDocument("report.pdf", b"%PDF-1.4", "application/pdf"))
    assert "unsupported extension" in pdf.params["text"]
    latin1 = await send(bot, "/add", document=UploadedDocument("latin.txt", "Caf\xe9\nbody".encode("latin-1")))
    assert "not UTF-8" in latin1.params["text"]
    offline = await send(bot, "/add https://negobot.invalid/article")
    assert "could not fetch" in offline.params["text"]
    assert sorted(p.name for p in bot.corpus.iterdir()) == ["000_a76710580f32f6bc.md"]
    assert bot.state.searcher.manifest.version == version


async def test_remove_sources_and_stats(bot: RunningBot):
    await send(bot, "/add", document=UploadedDocument("geneva.txt", GENEVA.encode(), "text/plain"))
    listing = await send(bot, "/sources")
    assert "<code>geneva</code>" in listing.params["text"] and "000_a76710580f32f6bc" in listing.params["text"]
    removed = await send(bot, "/remove geneva")
    assert "Removed geneva" in removed.params["text"]
    assert bot.state.searcher.store.article("geneva") is None
    await send(bot, "Apa yang ditawarkan AS terkait rudal?", user_id=USER)
    stats = await send(bot, "/stats")
    text = stats.params["text"]
    assert "1 articles" in text and "1 answered" in text and "p95" in text
    assert "Encoder: e5-q4:intfloat/multilingual-e5-small" in text
    await eventually(
        lambda: [entry[2] for entry in bot.state.records.audit_log()][:4] == ["stats", "remove", "sources", "add"]
    )


async def eventually(condition, timeout: float = 5.0) -> None:
    """The audit entry is written just after the reply is sent: wait for it briefly."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def test_uploads_over_the_size_limit_are_refused(tmp_path, multilingual, monkeypatch):
    async with running_bot(tmp_path, multilingual, monkeypatch, max_upload_bytes=100) as bot:
        reply = await send(bot, "/add", document=UploadedDocument("big.txt", b"Title\n" + b"word " * 100, "text/plain"))
        assert "the limit is 100" in reply.params["text"]
        assert not (bot.corpus / "big.txt").exists()


GENEVA_PARAGRAPH = "Wendy Sherman met Sergei Ryabkov in Geneva for strategic stability talks on missiles. " * 3
GENEVA_PAGE = (
    "<html><head><title>Geneva talks | Example News</title>"
    '<meta property="article:published_time" content="2022-01-10T08:00:00Z"></head>'
    f"<body><nav>Home | World</nav><article><h1>Geneva talks</h1><p>{GENEVA_PARAGRAPH}</p><p>{GENEVA_PARAGRAPH}</p>"
    "</article></body></html>"
)


async def test_add_a_url_fetches_the_page_and_extracts_the_article(bot: RunningBot):
    async def serve_page(request: web.Request) -> web.Response:
        return web.Response(text=GENEVA_PAGE, content_type="text/html")

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound("/geneva")

    async with web_server({"/geneva": serve_page, "/old-link": moved}) as base:
        reply = await send(bot, f"/add {base}/old-link")
    assert "Added 1 article" in reply.params["text"] and "Geneva talks" in reply.params["text"]
    assert "2022-01-10" in reply.params["text"]
    saved = list(bot.corpus.glob("web-*.md"))
    assert len(saved) == 1 and "Ryabkov" in saved[0].read_text()
    assert f"{base}/geneva" in saved[0].read_text()  # cited by where the link led, not the old link
    answer = await send(bot, "Who did Wendy Sherman meet in Geneva?", user_id=USER)
    assert "Ryabkov" in answer.params["text"]


async def test_add_refuses_internal_pages_so_nobody_can_read_them_through_answers(bot: RunningBot):
    requested: list[str] = []

    async def secret(request: web.Request) -> web.Response:
        requested.append(request.path)
        return web.Response(text=GENEVA_PAGE.replace("Ryabkov", "the internal wiki"), content_type="text/html")

    async with web_server({"/secret": secret}, host="127.0.0.1") as inside:
        port = inside.rsplit(":", 1)[1]
        async with web_server({"/moved": _redirect_to(f"{inside}/secret")}) as outside:
            direct = await send(bot, f"/add {inside}/secret")
            decimal = await send(bot, f"/add http://2130706433:{port}/secret")
            redirected = await send(bot, f"/add {outside}/moved")
    for reply in (direct, decimal, redirected):
        assert "refused to fetch" in reply.params["text"] and "internal address 127.0.0.1" in reply.params["text"]
    assert requested == []
    assert sorted(p.name for p in bot.corpus.iterdir()) == ["000_a76710580f32f6bc.md"]
    answer = await send(bot, "What does the internal wiki say?", user_id=USER)
    assert "internal wiki" not in answer.params["text"]


def _redirect_to(location: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound(location)

    return moved


async def test_a_page_is_decoded_by_the_charset_it_declares_itself(bot: RunningBot):
    legacy = (
        GENEVA_PAGE.replace("in Geneva for", "in Genève, déjà again, for")
        .replace("<head>", '<head><meta charset="windows-1252">')
        .encode("cp1252")
    )

    async def serve_page(request: web.Request) -> web.Response:
        return web.Response(body=legacy, content_type="text/html")  # no charset in the HTTP header

    async with web_server({"/legacy": serve_page}) as base:
        reply = await send(bot, f"/add {base}/legacy")
    assert "Added 1 article" in reply.params["text"]
    [saved] = bot.corpus.glob("web-*.md")
    assert "Ryabkov in Genève, déjà again, for" in saved.read_text(encoding="utf-8")


async def test_add_a_url_refuses_pages_too_big_or_not_html(tmp_path, multilingual, monkeypatch):
    async def huge(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})  # no length: streamed
        await response.prepare(request)
        for _ in range(100):
            await response.write(b"<p>" + b"word " * 200 + b"</p>")
        return response

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.4", content_type="application/pdf")

    async with running_bot(tmp_path, multilingual, monkeypatch, max_upload_bytes=10_000, **ALLOW_WEB_HOST) as bot:
        async with web_server({"/huge": huge, "/report": pdf}) as base:
            too_big = await send(bot, f"/add {base}/huge")
            not_html = await send(bot, f"/add {base}/report")
        assert "over 10,000 bytes" in too_big.params["text"]
        assert "application/pdf, not an HTML page" in not_html.params["text"]
        assert sorted(p.name for p in bot.corpus.iterdir()) == ["000_a76710580f32f6bc.md"]


async def test_sources_are_paged_with_buttons(bot: RunningBot):
    rows = [
        {"id": f"art-{i:02d}", "title": f"Article {i}", "language": "en", "text": f"Text {i}. " * 20} for i in range(14)
    ]
    batch = "".join(json.dumps(r) + "\n" for r in rows).encode()
    await send(bot, "/add", document=UploadedDocument("batch.jsonl", batch, "application/jsonl"))
    first = await send(bot, "/sources")
    assert "Articles 1–10 of 15" in first.params["text"]
    listing = bot.api.messages(ADMIN)[-1]
    before = len(bot.api.sent)
    bot.api.push_callback(ADMIN, ADMIN, listing.message_id, "page:0:1")
    edited = await bot.wait(lambda c: c.method == "editMessageText", before)
    assert "Articles 11–15 of 15" in edited.params["text"] and "art-13" in edited.params["text"]


async def test_adding_an_article_whose_id_is_taken_is_refused(bot: RunningBot):
    clash = "---\nid: 000_a76710580f32f6bc\ntitle: Impostor\n---\nNothing to see.\n"
    reply = await send(bot, "/add", document=UploadedDocument("impostor.md", clash.encode(), "text/markdown"))
    assert "already has articles with the ids 000_a76710580f32f6bc" in reply.params["text"]
    assert not (bot.corpus / "impostor.md").exists()
