"""Admin commands: /reindex, /add, /remove, /feeds, /duplicates, /sources, /stats. Allow-listed users only, audited."""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import math
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from html import escape
from typing import Any, TypeVar

from telegram import Document, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.error import BadRequest

from bot.keyboards import Callback, pages_keyboard
from bot.messages import text
from bot.presenting import describe_feed, describe_story
from bot.state import BotState, NegobotContext
from index.builder import BuildReport
from index.coverage import Change, coverage_stats
from index.ingest import IngestReport, ingest
from index.input_errors import BuildBusy, CoverageInputError, TooLarge

logger = logging.getLogger(__name__)
AdminHandler = Callable[[Update, NegobotContext], Coroutine[Any, Any, str]]
Handler = Callable[[Update, NegobotContext], Coroutine[Any, Any, None]]
Published = TypeVar("Published")
_PAGE_SIZE = 10
_LISTED = 10  # articles or errors listed in one reply
_EDIT_EVERY_SECONDS = 1.5
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def admin_only(action: str) -> Callable[[AdminHandler], Handler]:
    """Run the handler for allow-listed admins and audit its result; refuse, log and audit everyone else."""

    def decorate(handler: AdminHandler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: NegobotContext) -> None:
            user, message = update.effective_user, update.effective_message
            if user is None or message is None:
                return
            query = update.callback_query
            detail = (query.data if query else None) or message.text or message.caption or ""
            if user.id not in context.state.settings.admin_ids:
                logger.warning("refused /%s to non-admin user %s", action, user.id)
                context.state.records.audit(user.id, action, detail, "refused")
                await message.reply_html(
                    text("not_admin", "id" if (user.language_code or "").startswith("id") else "en")
                )
                return
            try:
                result = await handler(update, context)
            except Exception as error:
                context.state.records.audit(user.id, action, detail, f"error: {error}")
                raise
            context.state.records.audit(user.id, action, detail, result)

        return guarded

    return decorate


@admin_only("reindex")
async def reindex(update: Update, context: NegobotContext) -> str:
    """Refresh the index from the corpus directory in the background, editing one progress message."""
    message, user, state = update.effective_message, update.effective_user, context.state
    assert message is not None and user is not None
    if state.building.locked():
        await message.reply_html(text("reindex_busy"))
        return "refused: a re-index is already running"
    await state.building.acquire()  # released by the background task
    try:
        progress = await message.reply_html(text("reindex_started"))
    except BaseException:
        state.building.release()
        raise
    state.reindex = context.application.create_task(_reindex(state, progress, user.id), update=update)
    return "started"


async def _reindex(state: BotState, progress: Message, user_id: int) -> None:
    """The background part of /reindex: build, publish, switch, report."""
    reporter = _ProgressEditor(progress, asyncio.get_running_loop())
    try:
        report = await _publish(state, lambda: state.coverage.rebuild(reporter))
    except CoverageInputError as error:  # another build holds the data directory
        state.records.audit(user_id, "reindex", "finished", f"refused: {error}")
        await reporter.finish(text("reindex_failed", error=_shorten(str(error))))
        return
    except Exception as error:
        logger.exception("re-index failed")
        state.records.audit(user_id, "reindex", "finished", f"failed: {error}")
        await reporter.finish(text("reindex_failed", error=_shorten(str(error))))
        return
    finally:
        state.building.release()
    state.records.audit(user_id, "reindex", "finished", _summary(report))
    await reporter.finish(_report_text(report))


@admin_only("add")
async def add(update: Update, context: NegobotContext) -> str:
    """Add a document (sent with the caption /add, or replied to with /add) or a URL to the corpus."""
    message, user, state = update.effective_message, update.effective_user, context.state
    assert message is not None and user is not None
    document = message.document or (message.reply_to_message.document if message.reply_to_message else None)
    url = next((arg for arg in context.args or [] if arg.startswith(("http://", "https://"))), None)
    if document is None and url is None:
        await message.reply_html(text("add_usage"))
        return "usage shown"
    if state.building.locked():
        await message.reply_html(text("reindex_busy"))
        return "refused: a re-index is running"
    try:
        async with state.building:
            change = await _add(state, document, url)
    except CoverageInputError as error:
        await message.reply_html(text("add_failed", error=_shorten(str(error))))
        return f"failed: {error}"
    doc_ids, report = change.doc_ids, change.report
    reply = text("add_done", count=len(doc_ids), articles=_describe_articles(state, doc_ids))
    if report.errors:
        reply += "\n" + text("input_errors", errors=_list_errors(report))
    await message.reply_html(reply)
    return f"added {', '.join(doc_ids)}; {_summary(report)}"


async def _add(state: BotState, document: Document | None, url: str | None) -> Change:
    """Save a document or a fetched page into the corpus, then index it."""
    coverage = state.coverage

    def taken(doc_id: str) -> bool:
        return state.searcher.store.article(doc_id) is not None

    if document is not None:
        limit = state.settings.max_upload_bytes
        if document.file_size and document.file_size > limit:  # refused before it is downloaded
            raise TooLarge(f"the file is {document.file_size:,} bytes; the limit is {limit:,}")
        data = bytes(await (await document.get_file()).download_as_bytearray())
        name = document.file_name or "upload.txt"
        return await _publish(state, lambda: coverage.add_document(name, data, taken))
    assert url is not None
    article = await coverage.fetch_article(url)
    return await _publish(state, lambda: coverage.add_article(article, taken))


@admin_only("remove")
async def remove(update: Update, context: NegobotContext) -> str:
    """Remove an article from the corpus and the index: /remove DOC_ID."""
    message, user, state = update.effective_message, update.effective_user, context.state
    assert message is not None and user is not None
    if not context.args:
        await message.reply_html(text("remove_usage"))
        return "usage shown"
    doc_id = context.args[0]
    article = state.searcher.store.article(doc_id)
    try:
        if state.building.locked():
            raise BuildBusy("a re-index is running; try again when it has finished")
        async with state.building:
            change = await _publish(state, lambda: state.coverage.remove(article, doc_id))
    except CoverageInputError as error:
        await message.reply_html(text("remove_failed", doc_id=doc_id, error=_shorten(str(error))))
        return f"failed: {error}"
    await message.reply_html(text("remove_done", doc_id=doc_id))
    return _summary(change.report)


@admin_only("feeds")
async def feeds(update: Update, context: NegobotContext) -> str:
    """Follow, list and stop following feeds: /feeds add URL, /feeds list, /feeds remove N."""
    message, state = update.effective_message, context.state
    assert message is not None
    action, *rest = context.args or ["list"]
    try:
        if action == "add" and rest and rest[0].startswith(("http://", "https://")):
            feed = state.feeds.add(rest[0], datetime.now(UTC))
            await message.reply_html(text("feed_added", n=feed.id, url=feed.url))
            return f"following {feed.url}"
        if action == "remove" and rest and rest[0].isdigit():
            feed = state.feeds.remove(int(rest[0]))
            await message.reply_html(text("feed_removed", n=feed.id, url=feed.url))
            return f"stopped {feed.url}"
    except CoverageInputError as error:
        await message.reply_html(text("feeds_failed", error=_shorten(str(error))))
        return f"failed: {error}"
    if action != "list":
        await message.reply_html(text("feeds_usage"))
        return "usage shown"
    listed = state.feeds.feeds()
    body = "\n".join(escape(_shorten(describe_feed(feed), 600)) for feed in listed[: _LISTED * 3])
    await message.reply_html(body or text("no_feeds"), link_preview_options=NO_PREVIEW)
    return f"listed {len(listed)}"


async def poll_feeds(state: BotState) -> IngestReport | None:
    """Poll the followed feeds and serve what they added; None when a build is running (the next poll will do)."""
    if state.building.locked() or not state.feeds.feeds():
        return None
    async with state.building:

        def taken(doc_id: str) -> bool:
            return state.searcher.store.article(doc_id) is not None

        with state.lease():
            report = await ingest(state.feeds, state.coverage, taken, datetime.now(UTC), state.settings.ingest_config())
    if report.build is not None and report.build.published:
        await state.serve_newest()
    for result in report.feeds:
        if result.error:
            logger.warning("feed %s failed: %s", result.feed.url, result.error)
    return report


@admin_only("duplicates")
async def duplicates(update: Update, context: NegobotContext) -> str:
    """List the stories told by several outlets (syndicated copies), with their article ids."""
    message = update.effective_message
    assert message is not None
    groups = context.state.searcher.store.duplicate_groups()
    if not groups:
        await message.reply_html(text("no_duplicates"))
        return "none"
    lines = [escape(_shorten(describe_story(group), 600)) for group in groups[:_LISTED]]
    if len(groups) > _LISTED:
        lines.append(f"…and {len(groups) - _LISTED} more")
    await message.reply_html("\n".join(lines), link_preview_options=NO_PREVIEW)
    return f"listed {len(groups)}"


@admin_only("sources")
async def sources(update: Update, context: NegobotContext) -> str:
    """List the indexed articles with their ids, a page at a time."""
    message = update.effective_message
    assert message is not None
    page = int(context.args[0]) - 1 if context.args and context.args[0].isdigit() else 0
    body, keyboard = _sources_page(context.state, max(page, 0))
    await message.reply_html(body, reply_markup=keyboard)
    return f"page {max(page, 0) + 1}"


@admin_only("sources")
async def sources_page_button(update: Update, context: NegobotContext) -> str:
    """Turn the page of a /sources list in place."""
    query = update.callback_query
    assert query is not None and query.data is not None
    body, keyboard = _sources_page(context.state, Callback.decode(query.data).argument)
    await query.answer()
    try:
        await query.edit_message_text(body, parse_mode="HTML", reply_markup=keyboard)
    except BadRequest as error:  # the same page pressed twice
        logger.debug("sources page not changed: %s", error)
    return f"page {Callback.decode(query.data).argument + 1}"


@admin_only("stats")
async def stats(update: Update, context: NegobotContext) -> str:
    """Documents, passages, languages, encoder, index version, usage, latency and feedback."""
    message, state = update.effective_message, context.state
    assert message is not None
    served = coverage_stats(state.searcher.folder, state.searcher.store)
    usage = state.records.usage()
    lines = [
        f"Index {served.version} built {served.built_at}",
        f"{served.documents} articles, {served.chunks} passages, {served.first_day or '?'} to {served.last_day or '?'}",
        "Languages: " + ", ".join(f"{lang} {n}" for lang, n in served.languages.items()),
        f"Encoder: {served.encoder}",
        f"Questions: {usage['answered']} answered, {usage['not_found']} not found",
        f"Latency: p50 {usage['latency_p50_ms']} ms, p95 {usage['latency_p95_ms']} ms",
        f"Feedback: 👍 {usage['feedback_up']} 👎 {usage['feedback_down']}",
    ]
    if served.fallback:
        lines.append(f"⚠️ {served.fallback}")
    await message.reply_html("\n".join(escape(line) for line in lines))
    return "shown"


async def _publish(state: BotState, work: Callable[[], Published]) -> Published:
    """Run a coverage change off the event loop, then serve the version it published.

    The change reads the served index (is an id taken?), so it holds a lease on it.
    """
    with state.lease():
        result = await asyncio.to_thread(work)
    await state.serve_newest()
    return result


def _sources_page(state: BotState, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    store = state.searcher.store
    total = store.counts()["documents"]
    if not total:
        return text("no_sources"), None
    pages = math.ceil(total / _PAGE_SIZE)
    page = min(page, pages - 1)
    shown = store.article_headers(offset=page * _PAGE_SIZE, limit=_PAGE_SIZE)
    lines = "\n".join(
        f"<code>{escape(a.doc_id)}</code> {escape(a.title[:80])} ({escape(a.date or '?')}, {escape(a.language)})"
        for a in shown
    )
    start = page * _PAGE_SIZE + 1
    body = text("sources_page", start=start, end=start + len(shown) - 1, total=total)
    return f"{body}\n{lines}", pages_keyboard(page, pages)


def _describe_articles(state: BotState, doc_ids: list[str]) -> str:
    store = state.searcher.store
    shown = doc_ids[:_LISTED]
    chunks = store.chunks_of(shown)
    lines = []
    for doc_id in shown:
        article = store.article(doc_id)
        if article is not None:
            lines.append(
                f"• {_shorten(article.title or doc_id, 100)} — {article.date or 'date unknown'}, "
                f"{article.language or '?'}, {len(chunks.get(doc_id, []))} passages (id {doc_id})"
            )
    if len(doc_ids) > _LISTED:
        lines.append(f"…and {len(doc_ids) - _LISTED} more")
    return "\n".join(lines)


def _list_errors(report: BuildReport) -> str:
    errors = [_shorten(str(error), 200) for error in report.errors[:_LISTED]]
    if len(report.errors) > _LISTED:
        errors.append(f"…and {len(report.errors) - _LISTED} more")
    return "\n".join(errors)


def _shorten(value: str, limit: int = 500) -> str:
    """Keep replies well inside Telegram's 4096 characters, however long an error or title is."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _summary(report: BuildReport) -> str:
    return (
        f"version {report.version or 'unchanged'}: {len(report.added)} added, {len(report.changed)} changed, "
        f"{len(report.removed)} removed, {len(report.errors)} input errors"
    )


def _report_text(report: BuildReport) -> str:
    if report.published:
        message = text(
            "reindex_done",
            version=report.version,
            documents=report.documents,
            chunks=report.chunks,
            added=len(report.added),
            changed=len(report.changed),
            removed=len(report.removed),
        )
    else:
        message = text("reindex_unchanged", documents=report.documents, chunks=report.chunks)
    if report.errors:
        message += "\n" + text("input_errors", errors=_list_errors(report))
    return message


class _ProgressEditor:
    """Turns build progress from the worker thread into throttled edits of one message, in order."""

    def __init__(self, message: Message, loop: asyncio.AbstractEventLoop) -> None:
        self._message, self._loop = message, loop
        self._last_edit, self._last_text = 0.0, ""
        self._pending: list[concurrent.futures.Future[None]] = []
        self._order = asyncio.Lock()  # edits reach Telegram in the order they were made

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_edit < _EDIT_EVERY_SECONDS:
            return
        self._last_edit = now
        edit = self._edit(_progress_line(stage, done, total))
        self._pending.append(asyncio.run_coroutine_threadsafe(edit, self._loop))

    async def finish(self, final: str) -> None:
        """Wait for the progress edits already sent, then replace the progress with the outcome."""
        await asyncio.gather(*(asyncio.wrap_future(pending) for pending in self._pending), return_exceptions=True)
        await self._edit(final)

    async def _edit(self, body: str) -> None:
        async with self._order:
            if body == self._last_text:
                return
            self._last_text = body
            try:
                await self._message.edit_text(body, parse_mode="HTML")
            except BadRequest as error:
                logger.warning("could not edit the progress message: %s", error)


def _progress_line(stage: str, done: int, total: int, width: int = 20) -> str:
    """E.g. "embedding ▓▓▓▓▓░░░░░ 512/1024 (50%)"."""
    share = done / total if total else 1.0
    filled = round(share * width)
    return f"Re-indexing: {stage} {'▓' * filled}{'░' * (width - filled)} {done}/{total} ({share:.0%})"


__all__ = ["add", "duplicates", "feeds", "poll_feeds", "reindex", "remove", "sources", "sources_page_button", "stats"]
