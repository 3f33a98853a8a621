"""Alerts: /follow TOPIC tells a chat when newly indexed coverage answers it; /following, /unfollow N.

Follows are kept in the bot's records, so they survive restarts. Whenever a newer version
is served (published by the bot, by a feed poll or by another process), each followed
topic is asked of the articles that version added or changed, and only of those; a topic
they answer, by the same relevance rule as any answer, gets one message citing them.
"""

from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import Bot, LinkPreviewOptions, Update
from telegram.error import TelegramError

from bot.messages import text, ui_language
from bot.state import ALERTED_VERSION, BotState, NegobotContext
from bot.telegram_format import TELEGRAM_LIMIT, render_answer
from index.answer import Answer, answer_question
from index.filters import Filters
from index.search import Searcher

logger = logging.getLogger(__name__)
MAX_FOLLOWS_PER_CHAT = 20
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def follow(update: Update, context: NegobotContext) -> None:
    """Follow a topic in this chat: ``/follow TOPIC``."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    language = ui_language(user.language_code)
    topic = " ".join(context.args or []).strip()
    if not topic:
        await message.reply_html(text("follow_usage", language))
        return
    records = context.state.records
    if len(records.follows(message.chat_id)) >= MAX_FOLLOWS_PER_CHAT:
        await message.reply_html(text("follow_limit", language, limit=MAX_FOLLOWS_PER_CHAT))
        return
    number = records.follow(chat_id=message.chat_id, user_id=user.id, topic=topic, language=language)
    await message.reply_html(text("followed", language, n=number, topic=topic))


async def following(update: Update, context: NegobotContext) -> None:
    """List this chat's follows: ``/following``."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    language = ui_language(user.language_code if user else None)
    follows = context.state.records.follows(message.chat_id)
    if not follows:
        await message.reply_html(text("no_follows", language))
        return
    await message.reply_html("\n".join(f"{f.id}. {escape(f.topic)}" for f in follows))


async def unfollow(update: Update, context: NegobotContext) -> None:
    """Stop one of this chat's follows: ``/unfollow N``."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    language = ui_language(user.language_code if user else None)
    argument = (context.args or [""])[0]
    topic = context.state.records.unfollow(message.chat_id, int(argument)) if argument.isdigit() else None
    if topic is None:
        await message.reply_html(text("unfollow_usage", language))
        return
    await message.reply_html(text("unfollowed", language, topic=topic))


async def send_alerts(bot: Bot, state: BotState) -> int:
    """Tell every chat whose followed topic the newly served articles answer; returns the messages sent."""
    new = state.take_new_coverage()
    with state.lease() as searcher:
        sent = await _alert_chats(bot, state, searcher, new) if new else 0
        state.records.remember(ALERTED_VERSION, searcher.manifest.version)
    return sent


async def _alert_chats(bot: Bot, state: BotState, searcher: Searcher, new: set[str]) -> int:
    """Send each follow the new articles answer its message; returns how many were sent."""
    sent = 0
    filters = Filters(articles=frozenset(new))
    for followed in state.records.follows():
        answer: Answer = await asyncio.to_thread(
            answer_question, followed.topic, searcher, state.settings.top_k, filters
        )
        if not answer.found:
            continue
        lead = text("alert", followed.language, topic=followed.topic)
        body = render_answer(answer, followed.language, limit=TELEGRAM_LIMIT - len(lead) - 2)
        try:
            await bot.send_message(
                followed.chat_id, f"{lead}\n\n{body}", parse_mode="HTML", link_preview_options=_NO_PREVIEW
            )
            sent += 1
        except TelegramError as error:  # a chat that blocked the bot, say: the others still hear
            logger.warning("could not send the alert of follow %s: %s", followed.id, error)
    return sent


__all__ = ["MAX_FOLLOWS_PER_CHAT", "follow", "following", "send_alerts", "unfollow"]
