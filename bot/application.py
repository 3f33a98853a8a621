"""Wiring of the Telegram bot: one ``build_application()``, start-up in ``post_init``, one error handler."""

from __future__ import annotations

import asyncio
import logging
import secrets
import traceback
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import admin, alerts, handlers
from bot.messages import text, ui_language
from bot.opening import load_serving_encoder
from bot.records import Records
from bot.settings import Settings
from bot.state import BotState, NegobotContext, attach_state
from index.answer import warm_up
from index.builder import build_index
from index.input_errors import CoverageInputError
from index.search import Searcher
from index.versions import DataDir

logger = logging.getLogger(__name__)
RECORDS_FILE = "bot.sqlite"
COMMANDS = [
    BotCommand("help", "What I know and how to ask"),
    BotCommand("ask", "Ask a question (in groups)"),
    BotCommand("timeline", "What the coverage reports on a topic, day by day"),
    BotCommand("follow", "Be told here when new coverage answers a topic"),
    BotCommand("following", "The topics this chat follows"),
    BotCommand("unfollow", "Stop following topic N"),
    BotCommand("reindex", "Admins: refresh the index from the corpus"),
    BotCommand("add", "Admins: add a document or a URL"),
    BotCommand("remove", "Admins: remove an article by id"),
    BotCommand("feeds", "Admins: follow RSS, Atom and sitemap feeds"),
    BotCommand("duplicates", "Admins: stories told by several outlets"),
    BotCommand("sources", "Admins: list the indexed articles"),
    BotCommand("stats", "Admins: index and usage figures"),
]


def build_application(settings: Settings, token: str) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot, with every handler registered; heavy resources load in ``post_init``."""
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{settings.telegram_api_url.rstrip('/')}/bot")
        .base_file_url(f"{settings.telegram_api_url.rstrip('/')}/file/bot")
        .context_types(ContextTypes(context=NegobotContext))
        .concurrent_updates(True)
        .rate_limiter(AIORateLimiter(max_retries=2))
        .post_init(lambda app: _post_init(app, settings))
        .post_shutdown(_post_shutdown)
        .build()
    )
    add_document = filters.Document.ALL & filters.CaptionRegex(r"^/add(@\w+)?(\s|$)")
    application.add_handlers(
        [
            CommandHandler(["start", "help"], handlers.help_command),
            CommandHandler("ask", handlers.ask_command),
            CommandHandler("timeline", handlers.timeline_command),
            CommandHandler("follow", alerts.follow),
            CommandHandler("following", alerts.following),
            CommandHandler("unfollow", alerts.unfollow),
            CommandHandler("reindex", admin.reindex),
            CommandHandler("add", admin.add),
            MessageHandler(add_document, admin.add),
            CommandHandler("remove", admin.remove),
            CommandHandler("feeds", admin.feeds),
            CommandHandler("duplicates", admin.duplicates),
            CommandHandler("sources", admin.sources),
            CommandHandler("stats", admin.stats),
            CallbackQueryHandler(admin.sources_page_button, pattern=r"^page:"),
            CallbackQueryHandler(handlers.timeline_button, pattern=r"^tl:"),
            CallbackQueryHandler(handlers.button),
            MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, handlers.private_question),
            MessageHandler(filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND, handlers.group_question),
        ]
    )
    application.add_error_handler(_on_error)
    return application


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any], settings: Settings) -> None:
    """Load the encoder and the served index (building one first if there is none), register commands."""
    data_dir = DataDir(settings.data_dir)
    loaded = await asyncio.to_thread(load_serving_encoder, settings, data_dir)
    if data_dir.current() is None:
        logger.info("no index in %s yet: building one from %s", data_dir.root, settings.corpus_dir)
        config = settings.build_config()
        if not settings.corpus_dir.is_dir():
            raise ValueError(f"NEGOBOT_CORPUS_DIR {settings.corpus_dir} is not a directory, and there is no index yet")
        report = await asyncio.to_thread(build_index, [settings.corpus_dir], data_dir, loaded, config)
        for error in report.errors:
            logger.warning("could not index %s", error)
    searcher = await asyncio.to_thread(Searcher.open_current, data_dir, loaded.encoder, settings.search_config())
    await asyncio.to_thread(warm_up, searcher)
    records = Records(data_dir.root / RECORDS_FILE)
    state = BotState(settings, data_dir, loaded, searcher, records)
    await asyncio.to_thread(state.resume_alerts)  # versions published while the bot was down still alert
    attach_state(application, state)
    logger.info(
        "serving index version %s (%d articles) with encoder %s",
        searcher.manifest.version,
        searcher.manifest.documents,
        loaded.encoder.name,
    )
    await application.bot.set_my_commands(COMMANDS)
    assert application.job_queue is not None  # the job-queue extra is a dependency
    every = settings.version_check_seconds
    application.job_queue.run_repeating(_serve_newest, interval=every, first=every, name="serve newest version")
    poll = settings.feed_poll_minutes * 60
    application.job_queue.run_repeating(_poll_feeds, interval=poll, first=min(poll, 60), name="poll feeds")


async def _poll_feeds(context: NegobotContext) -> None:
    """Poll the followed feeds; a failure is logged and the next poll tries again."""
    try:
        await admin.poll_feeds(context.state)
    except CoverageInputError as refused:  # the coverage cannot change now (another encoder's version): say why
        logger.warning("not polling the feeds: %s", refused)
    except Exception:
        logger.exception("polling the feeds failed")


async def _serve_newest(context: NegobotContext) -> None:
    """Serve a version another process published, then send the alerts of whatever came; log failures, go on."""
    try:
        await context.state.serve_newest()
    except Exception:
        logger.exception("could not serve the newest index version; still serving %s", context.state.searcher.folder)
    try:
        await alerts.send_alerts(context.bot, context.state)
    except Exception:
        logger.exception("could not send the alerts of the new coverage")


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Close the bot's database and the served index."""
    state = application.bot_data.get("negobot")
    if isinstance(state, BotState):
        state.records.close()
        state.close()


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every error with its traceback, then tell the user something went wrong."""
    logger.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        language = ui_language(update.effective_user.language_code if update.effective_user else None)
        await update.effective_message.reply_html(text("error", language))


def serve(settings: Settings) -> None:
    """Run the bot until SIGINT/SIGTERM: long polling, or a webhook when ``webhook_url`` is set."""
    token = settings.require_token()
    secret = webhook_secret(settings) if settings.webhook_url else None
    _keep_secrets_out_of_logs(token, *([secret] if secret else []))
    application = build_application(settings, token)
    if settings.webhook_url:
        # PTB answers 403 to every update whose secret header is missing or wrong.
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=f"{settings.webhook_url.rstrip('/')}/telegram",
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    logger.info("stopped")


def webhook_secret(settings: Settings) -> str:
    """The secret Telegram must send with every webhook update: the configured one, else a new one per run.

    Without it anybody who can reach the port could post an update "from" an admin.
    A generated secret reaches Telegram with setWebhook at start-up, so it needs no setting.
    """
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    logger.info("NEGOBOT_WEBHOOK_SECRET is not set: using a secret generated for this run")
    return secrets.token_urlsafe(32)


def _keep_secrets_out_of_logs(token: str, *others: str) -> None:
    """Httpx logs every request URL, which holds the token: quieten it and redact the secrets everywhere."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    redactor = _Redactor(token, *others)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)


class _Redactor(logging.Filter):
    """Replaces the bot token and other secrets in log records, in case a library logs a URL or a request."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self._secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self._secrets):
            record.msg, record.args = self._redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            # Tracebacks are formatted later from exc_info; render and redact them now.
            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info, record.exc_text = None, self._redact(text).rstrip("\n")
        return True

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "<secret>")
        return text
