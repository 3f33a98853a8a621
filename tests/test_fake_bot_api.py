"""A real python-telegram-bot Application against the fake Bot API, over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, EndPointNotFound, InvalidToken
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from tests.helpers.fake_bot_api import FakeBotApi, UploadedDocument, parse_html

TOKEN = "123456:TEST-fake-bot-api"
CHAT = 4201


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Repeat the user's text."""
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_text(update.effective_message.text)


def build_app(api: FakeBotApi) -> Application:
    return Application.builder().token(TOKEN).base_url(f"{api.url}/bot").base_file_url(f"{api.url}/file/bot").build()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN) as server:
        yield server


@pytest.fixture
async def app(api: FakeBotApi) -> AsyncIterator[Application]:
    application = build_app(api)
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def test_get_me_gives_the_fakes_bot(app: Application, api: FakeBotApi) -> None:
    assert app.bot.username == "negobot_test_bot"
    me = await app.bot.get_me()
    assert me.is_bot and me.id == 123456 and me.can_join_groups is True
    assert me.supports_inline_queries is False


async def test_a_private_message_reaches_the_handler_and_the_reply_is_recorded(
    app: Application,
    api: FakeBotApi,
) -> None:
    pushed = api.push_message(CHAT, "hello & <world>")
    call = await api.wait_for(lambda c: c.method == "sendMessage")
    assert call.params["chat_id"] == CHAT and call.params["text"] == "hello & <world>"
    [reply] = api.messages(CHAT)
    assert reply.text == "hello & <world>" and reply.message_id == pushed["message_id"] + 1
    assert api.refused == []


async def test_text_length_counts_plain_text_after_html_parsing(app: Application, api: FakeBotApi) -> None:
    api.push_message(CHAT, "/start")
    sent = await app.bot.send_message(CHAT, "<b>" + "&lt;" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    assert sent.text == "<" * 4096 and sent.entities[0].type == "bold"
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await app.bot.send_message(CHAT, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await app.bot.send_message(CHAT, "<b> </b>", parse_mode=ParseMode.HTML)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<p>hi</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>bold <i>both</b></i>", 'Unmatched end tag at byte offset 15, expected "</i>", found "</b>"'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_malformed_html_is_refused(app: Application, api: FakeBotApi, html: str, reason: str) -> None:
    api.push_message(CHAT, "/start")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await app.bot.send_message(CHAT, html, parse_mode=ParseMode.HTML)
    assert api.refused[-1].description == f"Bad Request: can't parse entities: {reason}"


def test_supported_html_becomes_plain_text_and_entities() -> None:
    text, entities = parse_html(
        '<b>B</b> <a href="https://x.org/?a=1&amp;b=2">L</a> a &amp; b &#128512; '
        '<pre><code class="language-python">x</code></pre> <blockquote expandable>q</blockquote> R&D'
    )
    assert text == "B L a & b \U0001f600 x q R&D"
    assert [e["type"] for e in entities] == ["bold", "text_link", "pre", "expandable_blockquote"]
    assert entities[1]["url"] == "https://x.org/?a=1&b=2" and entities[2] == {
        "type": "pre",
        "offset": 13,
        "length": 1,
        "language": "python",
    }


async def test_inline_keyboards_are_checked(app: Application, api: FakeBotApi) -> None:
    api.push_message(CHAT, "/start")
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("go", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await app.bot.send_message(CHAT, "pick", reply_markup=too_long)
    bare = InlineKeyboardMarkup([[InlineKeyboardButton("go")]])
    with pytest.raises(BadRequest, match=r"(?i)can't parse inline keyboard button"):
        await app.bot.send_message(CHAT, "pick", reply_markup=bare)


async def test_unknown_methods_and_wrong_tokens_are_refused(app: Application, api: FakeBotApi) -> None:
    with pytest.raises(EndPointNotFound):
        await app.bot.do_api_request("sendTelepathy")
    assert api.refused[-1].error_code == 404
    requests = (HTTPXRequest(), HTTPXRequest())
    stranger = Bot("999:wrong", base_url=f"{api.url}/bot", request=requests[0], get_updates_request=requests[1])
    try:
        with pytest.raises(InvalidToken):
            await stranger.initialize()
    finally:
        for request in requests:
            await request.shutdown()
    assert api.refused[-1].description == "Unauthorized"


async def test_an_edit_is_recorded_with_its_history_and_a_button_press_arrives(
    app: Application,
    api: FakeBotApi,
) -> None:
    api.push_message(CHAT, "/start")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("more", callback_data="more:1")]])
    sent = await app.bot.send_message(CHAT, "<i>first</i>", parse_mode=ParseMode.HTML, reply_markup=keyboard)
    edited = await app.bot.edit_message_text("second", chat_id=CHAT, message_id=sent.message_id)
    assert edited.text == "second" and edited.edit_date is not None and edited.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await app.bot.edit_message_text("second", chat_id=CHAT, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await app.bot.edit_message_text("third", chat_id=CHAT, message_id=999)
    [message] = api.messages(CHAT)
    assert message.texts == ["first", "second"] and message.versions[0].reply_markup is not None

    await app.bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard)
    answered: list[str] = []

    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer the button press."""
        assert update.callback_query is not None and update.callback_query.data is not None
        answered.append(update.callback_query.data)
        await update.callback_query.answer("ok")

    app.add_handler(CallbackQueryHandler(on_press))
    query_id = api.push_callback(CHAT, CHAT, sent.message_id, "more:1")
    await api.wait_for(lambda c: c.method == "answerCallbackQuery")
    assert answered == ["more:1"] and api.callback_answer(query_id) == {"callback_query_id": query_id, "text": "ok"}


async def test_documents_download_and_json_bodies_work(app: Application, api: FakeBotApi) -> None:
    message = api.push_message(CHAT, "", document=UploadedDocument("notes.md", b"# Notes\n", "text/markdown"))
    file = await app.bot.get_file(message["document"]["file_id"])
    assert bytes(await file.download_as_bytearray()) == b"# Notes\n"
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{api.url}/bot{TOKEN}/sendMessage", json={"chat_id": CHAT, "text": ""})
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
