"""Handlers for everyone: help, questions, and the buttons under answers."""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import CallbackQuery, LinkPreviewOptions, Message, MessageEntity, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest

from bot.keyboards import Callback, answer_keyboard, timeline_keyboard
from bot.messages import text, ui_language
from bot.state import BotState, NegobotContext
from bot.telegram_format import (
    render_answer,
    render_more_sources,
    render_passage,
    render_timeline_page,
    timeline_pages,
)
from index.answer import Answer, Citation, answer_question
from index.answer_scope import scope_for
from index.coverage import coverage_stats
from index.documents import Hit
from index.filters import FilterError, Filters, split_filters
from index.question import read_question
from index.search import Searcher
from index.timeline import Timeline, build_timeline

logger = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def help_command(update: Update, context: NegobotContext) -> None:
    """Explain what the bot knows and how to ask (/start and /help)."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    searcher = context.state.searcher
    served = coverage_stats(searcher.folder, searcher.store)
    languages = ", ".join(f"{lang}: {count}" for lang, count in served.languages.items())
    language = ui_language(user.language_code if user else None)
    first, last = served.first_day or "?", served.last_day or "?"
    await message.reply_html(
        text("help", language, documents=served.documents, languages=languages, first=first, last=last)
    )


async def ask_command(update: Update, context: NegobotContext) -> None:
    """Answer ``/ask QUESTION`` (the way to ask in groups)."""
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question:
        await message.reply_html(text("ask_usage", _language(update)))
        return
    await answer_in_chat(update, context, question)


async def timeline_command(update: Update, context: NegobotContext) -> None:
    """Answer ``/timeline TOPIC``: the first page of what the coverage reports on it, day by day."""
    message, user, state = update.effective_message, update.effective_user, context.state
    if message is None or user is None:
        return
    language = ui_language(user.language_code)
    topic = " ".join(context.args or [])
    if not topic:
        await message.reply_html(text("timeline_usage", language))
        return
    wait = state.wait_before_asking(user.id)
    if wait:
        await message.reply_html(text("slow_down", language, seconds=wait))
        return
    try:
        with state.lease() as searcher:
            version = searcher.manifest.version
            timeline = await asyncio.to_thread(_timeline, searcher, topic)
    except FilterError as error:
        await message.reply_html(text("filter_error", language, error=str(error)))
        return
    if timeline is None:
        await message.reply_html(text("timeline_usage", language))
        return
    timeline_id = state.records.record_timeline(user_id=user.id, chat_id=message.chat_id, topic=topic)
    state.keep_timeline(timeline_id, version, timeline)
    keyboard = timeline_keyboard(timeline_id, 0, timeline_pages(timeline), language)
    await message.reply_html(
        render_timeline_page(timeline, 0, language), reply_markup=keyboard, link_preview_options=NO_PREVIEW
    )


def _timeline(searcher: Searcher, written: str) -> Timeline | None:
    """The timeline of a topic as written, filters included; None when only filters were written."""
    topic, filters = split_filters(written)
    return build_timeline(topic, searcher, filters) if topic else None


async def private_question(update: Update, context: NegobotContext) -> None:
    """Answer any text sent to the bot in a private chat."""
    message = update.effective_message
    if message is not None and message.text:
        await answer_in_chat(update, context, message.text)


async def group_question(update: Update, context: NegobotContext) -> None:
    """Answer a group message that replies to the bot or mentions it; ignore the rest."""
    message = update.effective_message
    if message is None or not message.text:
        return
    replied = message.reply_to_message
    to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id
    mention = f"@{context.bot.username}".lower()
    mentions = [m for m in message.parse_entities([MessageEntity.MENTION]).values() if m.lower() == mention]
    if not (to_bot or mentions):
        return
    question = message.text
    for found in mentions:
        question = question.replace(found, " ")
    if question.strip():
        await answer_in_chat(update, context, question.strip())


# "typing…" only for an answer that keeps the user waiting: most take a tenth of this, and
# every request counts against Telegram's 30 a second for the whole bot, which 50 chats
# asking at once would otherwise spend twice.
_TYPING_AFTER_SECONDS = 0.5


async def answer_in_chat(update: Update, context: NegobotContext, question: str) -> None:
    """Answer a question with citations, sources and buttons, off the event loop."""
    message, user, state = update.effective_message, update.effective_user, context.state
    if message is None or user is None:
        return
    language = ui_language(user.language_code)
    wait = state.wait_before_asking(user.id)
    if wait:
        await message.reply_html(text("slow_down", language, seconds=wait))
        return
    try:
        asked, filters = split_filters(question)
    except FilterError as error:
        await message.reply_html(text("filter_error", language, error=str(error)))
        return
    if not asked:
        await message.reply_html(text("question_usage", language))
        return
    started = time.perf_counter()
    with state.lease() as searcher:
        answering = asyncio.ensure_future(
            asyncio.to_thread(answer_question, asked, searcher, state.settings.top_k, filters)
        )
        try:
            try:
                answer = await asyncio.wait_for(asyncio.shield(answering), _TYPING_AFTER_SECONDS)
            except TimeoutError:
                await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
                answer = await answering
        except FilterError as error:  # an outlet or language the coverage does not have
            await message.reply_html(text("filter_error", language, error=str(error)))
            return
    latency_ms = (time.perf_counter() - started) * 1000
    question_id = _record(state, update, question, answer, language, latency_ms, searcher.manifest.version)
    keyboard = answer_keyboard(question_id, [c.n for c in answer.citations], language) if answer.found else None
    await message.reply_html(render_answer(answer, language), reply_markup=keyboard, link_preview_options=NO_PREVIEW)


async def _pressed(update: Update) -> tuple[CallbackQuery, Callback, str] | None:
    """The button press of an update, decoded, with the presser's language; None (answered) for anything else."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_user is None:
        return None
    try:
        return query, Callback.decode(query.data), ui_language(update.effective_user.language_code)
    except ValueError:
        await query.answer()
        return None


async def button(update: Update, context: NegobotContext) -> None:
    """Handle the buttons under an answer: a full source, more sources, or feedback."""
    press = await _pressed(update)
    if press is None or update.effective_user is None:
        return
    (query, pressed, language), state = press, context.state
    asked = state.records.question(pressed.question_id)
    if asked is None:
        await query.answer(text("stale_button", language), show_alert=True)
        return
    if pressed.action == "fb":
        state.records.record_feedback(asked.id, update.effective_user.id, 1 if pressed.argument > 0 else -1)
        await query.answer(text("thanks", language))
        return
    await query.answer()
    if isinstance(query.message, Message):
        more = pressed.action == "more"
        reply = await _more_sources(state, asked.question, set(asked.citations.values()), language) if more else None
        if pressed.action == "src":
            reply = _full_passage(state, asked.citations.get(pressed.argument), pressed.argument, language)
        await query.message.reply_html(reply or text("stale_button", language), link_preview_options=NO_PREVIEW)


async def timeline_button(update: Update, context: NegobotContext) -> None:
    """Show another page of a /timeline in place (rebuilt from its recorded topic after a re-index)."""
    press = await _pressed(update)
    if press is None:
        return
    (query, pressed, language), state = press, context.state
    if not isinstance(query.message, Message):
        await query.answer(text("stale_button", language), show_alert=True)
        return
    timeline = state.timeline(pressed.question_id)
    if timeline is None:
        topic = state.records.timeline_topic(pressed.question_id)
        try:
            with state.lease() as searcher:
                version = searcher.manifest.version
                timeline = await asyncio.to_thread(_timeline, searcher, topic) if topic else None
        except FilterError:  # the coverage changed since: no outlet by that name any more
            timeline = None
        if timeline is None:
            await query.answer(text("stale_button", language), show_alert=True)
            return
        state.keep_timeline(pressed.question_id, version, timeline)
    await query.answer()
    pages = timeline_pages(timeline)
    page = min(pressed.argument, pages - 1)
    try:
        await query.message.edit_text(
            render_timeline_page(timeline, page, language),
            parse_mode=ParseMode.HTML,
            reply_markup=timeline_keyboard(pressed.question_id, page, pages, language),
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as error:  # a double tap: the page is already shown
        if "not modified" not in str(error).lower():
            raise


async def _more_sources(state: BotState, question: str, cited: set[str], language: str) -> str | None:
    """Up to ``top_k`` further sources for a question, none of them already ``cited``, or None.

    The filters written in the question limit them as they limited the answer.
    """
    k = state.settings.top_k
    try:
        asked, filters = split_filters(question)
        with state.lease() as searcher:
            hits = await asyncio.to_thread(_search_within, searcher, asked, filters, 2 * k + len(cited))
    except FilterError:  # the coverage changed since: no outlet by that name any more
        return None
    fresh = [hit for hit in hits if hit.chunk.chunk_id not in cited][:k]
    extra = [Citation(n, hit) for n, hit in enumerate(fresh, start=len(cited) + 1)]
    return render_more_sources(extra, language, start_number=len(cited) + 1) if extra else None


def _search_within(searcher: Searcher, question: str, filters: Filters, count: int) -> list[Hit]:
    """The best ``count`` passages for a question among those its filters allow."""
    if not filters.active:
        return searcher.search(question, count)
    asked = read_question(question)
    scope = scope_for(asked, searcher.store, filters)
    return searcher.search(asked, count, scope.rows) if scope.has_rows else []


def _full_passage(state: BotState, chunk_id: str | None, n: int, language: str) -> str | None:
    hit = state.searcher.passage(chunk_id) if chunk_id else None
    return render_passage(Citation(n, hit), language) if hit else None


def _record(
    state: BotState, update: Update, question: str, answer: Answer, language: str, latency_ms: float, version: str
) -> int:
    """Keep the question as written, filters included, for the buttons under its answer."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    return state.records.record_question(
        user_id=user.id,
        chat_id=message.chat_id,
        question=question,
        language=language,
        found=answer.found,
        latency_ms=latency_ms,
        index_version=version,
        citations=[(c.n, c.hit.chunk.chunk_id, c.hit.article.doc_id) for c in answer.citations],
    )


def _language(update: Update) -> str:
    return ui_language(update.effective_user.language_code if update.effective_user else None)


__all__ = [
    "answer_in_chat",
    "ask_command",
    "button",
    "group_question",
    "help_command",
    "private_question",
    "timeline_button",
    "timeline_command",
]
