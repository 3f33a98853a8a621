"""A local stand-in for the Telegram Bot API, served over real HTTP for end-to-end tests.

A python-telegram-bot ``Application`` pointed at :class:`FakeBotApi` (``base_url`` and
``base_file_url``) talks to it exactly as it talks to Telegram: form-encoded, JSON or multipart
POSTs to ``/bot<token>/<method>``. The fake answers with Telegram's full objects and refuses what
Telegram refuses, with Telegram's error shapes and descriptions, so a test fails where production
would. HTML is parsed by a port of the algorithm Telegram's own server library (tdlib) uses.

Typical use::

    async with FakeBotApi(token=TOKEN) as api:
        app = Application.builder().token(TOKEN).base_url(f"{api.url}/bot")...build()
        ...  # start the app and polling
        api.push_message(42, "hello")
        call = await api.wait_for(lambda c: c.method == "sendMessage")
        assert not api.refused
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Self

from aiohttp import web

JsonDict = dict[str, Any]

MAX_MESSAGE_LENGTH = 4096  # characters of plain text, after entity parsing
MAX_CALLBACK_DATA_BYTES = 64
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses larger files
DEFAULT_GROUP_USER_ID = 5550001

# Parameters Telegram reads as text; every other form value is read as JSON when it parses
# (numbers, booleans, objects, arrays), as Telegram does for typed fields.
_STRING_PARAMS = frozenset(
    {
        "action", "business_connection_id", "callback_query_id", "caption", "description", "emoji",
        "file_id", "inline_message_id", "ip_address", "language_code", "message_effect_id", "name",
        "parse_mode", "query", "secret_token", "short_description", "text", "url",
    }
)  # fmt: skip
_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    }
)  # fmt: skip
_INLINE_BUTTON_KINDS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
)  # fmt: skip
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/<>])")
_BOT_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


class BotApiError(Exception):
    """A refusal, answered as ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(self, description: str, error_code: int = 400) -> None:
        super().__init__(description)
        self.description = description
        self.error_code = error_code


def bad_request(reason: str) -> BotApiError:
    """A 400 refusal worded as Telegram words it."""
    return BotApiError(f"Bad Request: {reason}")


# --- Telegram's HTML parse mode ----------------------------------------------------------------

_HTML_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre", "code",
     "blockquote"}
)  # fmt: skip
_SIMPLE_TAG_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
    "span": "spoiler",
}  # fmt: skip
_SPACES = " \t\r\n\v\0"  # tdlib's is_space; "\0" also stands for the end of the text
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tdlib orders entities that start together by length (longest first), then by this priority.
_ENTITY_PRIORITY = {
    "blockquote": 0, "expandable_blockquote": 0, "pre": 11, "code": 20, "text_link": 49, "bold": 90, "italic": 91,
    "underline": 92, "strikethrough": 93, "spoiler": 94, "custom_emoji": 99,
}  # fmt: skip


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_html_entity(text: str, pos: int) -> tuple[str, int] | None:
    """The character of the entity at ``text[pos] == "&"`` and the index after it, if it is one."""

    def at(i: int) -> str:
        return text[i] if i < len(text) else "\0"

    end = pos + 1
    if at(end) == "#":
        end += 1
        digits, base = "0123456789", 10
        if at(end) == "x":
            end += 1
            digits, base = "0123456789abcdefABCDEF", 16
        start = end
        while at(end) in digits:
            end += 1
        code = int(text[start:end], base) if end > start else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(code)
    else:
        while at(end).isascii() and at(end).isalpha():
            end += 1
        if text[pos + 1 : end] not in _NAMED_ENTITIES:
            return None  # tdlib keeps an unknown "&..." as literal text
        char = _NAMED_ENTITIES[text[pos + 1 : end]]
    return char, end + 1 if at(end) == ";" else end


@dataclass
class _OpenTag:
    name: str
    argument: str
    offset: int  # UTF-16 offset in the plain text where the tag's content starts
    start: int  # index into the output characters, for <a> without href


def parse_html(text: str) -> tuple[str, list[JsonDict]]:
    """Plain text and entities of Telegram-HTML ``text``; refuses what Telegram refuses.

    A port of tdlib's ``parse_html``: the same supported tags, attributes and entities, and the
    same error descriptions (prefixed with "Bad Request: can't parse entities: ").
    """

    def at(i: int) -> str:
        return text[i] if i < len(text) else "\0"

    def fail(reason: str) -> BotApiError:
        return bad_request(f"can't parse entities: {reason}")

    out: list[str] = []
    entities: list[JsonDict] = []
    nested: list[_OpenTag] = []
    utf16 = 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == "&" and (decoded := _decode_html_entity(text, i)) is not None:
            out.append(decoded[0])
            utf16 += utf16_len(decoded[0])
            i = decoded[1]
            continue
        if c != "<":
            out.append(c)
            utf16 += utf16_len(c)
            i += 1
            continue

        begin = i
        offset = _byte_offset(text, begin)
        i += 1
        if at(i) != "/":  # a start tag
            while at(i) not in _SPACES and at(i) != ">":
                i += 1
            if at(i) == "\0":
                raise fail(f"Unclosed start tag at byte offset {offset}")
            tag = text[begin + 1 : i].lower()
            if tag not in _HTML_TAGS:
                raise fail(f'Unsupported start tag "{tag}" at byte offset {offset}')
            argument = ""
            while at(i) != ">":
                while at(i) != "\0" and at(i) in _SPACES:
                    i += 1
                if at(i) == ">":
                    break
                name_start = i
                while at(i) not in _SPACES and at(i) not in "=>/\"'":
                    i += 1
                attribute = text[name_start:i]
                if not attribute:
                    raise fail(f'Empty attribute name in the tag "{tag}" at byte offset {offset}')
                while at(i) != "\0" and at(i) in _SPACES:
                    i += 1
                if at(i) != "=":
                    if at(i) == "\0":
                        raise fail(f'Unclosed start tag "{tag}" at byte offset {offset}')
                    if tag == "blockquote" and attribute == "expandable":
                        argument = "1"
                    continue
                i += 1
                while at(i) != "\0" and at(i) in _SPACES:
                    i += 1
                if at(i) == "\0":
                    raise fail(f'Unclosed start tag "{tag}" at byte offset {offset}')
                if at(i) not in "'\"":  # a name token: letters, digits, periods or hyphens
                    token_start = i
                    while at(i).isascii() and (at(i).isalnum() or at(i) in ".-"):
                        i += 1
                    value = text[token_start:i].lower()
                    if at(i) not in _SPACES and at(i) != ">":
                        raise fail(f"Unexpected end of name token at byte offset {_byte_offset(text, token_start)}")
                else:  # a quoted string, in which entities are decoded
                    quote = at(i)
                    i += 1
                    chars: list[str] = []
                    while at(i) not in (quote, "\0"):
                        if at(i) == "&" and (decoded := _decode_html_entity(text, i)) is not None:
                            chars.append(decoded[0])
                            i = decoded[1]
                            continue
                        chars.append(text[i])
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = "".join(chars)
                if at(i) == "\0":
                    raise fail(f"Unclosed start tag at byte offset {offset}")
                if (tag, attribute) in (("a", "href"), ("tg-emoji", "emoji-id")):
                    argument = value
                elif tag == "code" and attribute == "class" and value.startswith("language-"):
                    argument = value.removeprefix("language-")
                elif tag == "span" and attribute == "class" and value.startswith("tg-"):
                    argument = value.removeprefix("tg-")
                elif tag == "blockquote" and attribute == "expandable":
                    argument = "1"
            if tag == "span" and argument != "spoiler":
                raise fail(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
            nested.append(_OpenTag(tag, argument, utf16, len(out)))
        else:  # an end tag
            if not nested:
                raise fail(f"Unexpected end tag at byte offset {offset}")
            while at(i) not in _SPACES and at(i) != ">":
                i += 1
            end_tag = text[begin + 2 : i].lower()
            while at(i) != "\0" and at(i) in _SPACES:
                i += 1
            if at(i) != ">":
                raise fail(f"Unclosed end tag at byte offset {offset}")
            opened = nested.pop()
            if end_tag and end_tag != opened.name:
                raise fail(
                    f'Unmatched end tag at byte offset {offset}, expected "</{opened.name}>", found "</{end_tag}>"'
                )
            if utf16 > opened.offset:
                _close_entity(opened, utf16 - opened.offset, "".join(out[opened.start :]), entities)
        i += 1  # past the ">"
    if nested:
        raise fail(f'Can\'t find end tag corresponding to start tag "{nested[-1].name}"')
    for entity in entities:
        entity.pop("_language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"], _ENTITY_PRIORITY.get(e["type"], 50)))
    plain = "".join(out)
    try:
        plain = plain.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        raise fail(
            "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate "
            "code units"
        ) from None
    return plain, entities


def _close_entity(tag: _OpenTag, length: int, content: str, entities: list[JsonDict]) -> None:
    """Append the entity a closed tag makes, merging <pre><code class="language-x"> as tdlib does."""
    span = {"offset": tag.offset, "length": length}
    last = entities[-1] if entities else None
    same_span = last is not None and {"offset": last["offset"], "length": last["length"]} == span
    if tag.name in _SIMPLE_TAG_TYPES:
        entities.append({"type": _SIMPLE_TAG_TYPES[tag.name]} | span)
    elif tag.name == "tg-emoji":
        if not tag.argument.isdigit() or int(tag.argument) == 0:
            raise bad_request("can't parse entities: Invalid custom emoji identifier specified")
        entities.append({"type": "custom_emoji"} | span | {"custom_emoji_id": tag.argument})
    elif tag.name == "a":
        if url := tag.argument or content:  # tdlib drops a link it cannot check
            entities.append({"type": "text_link"} | span | {"url": url})
    elif tag.name == "pre":
        if last is not None and same_span and last["type"] == "code" and last.get("_language"):
            last |= {"type": "pre", "language": last["_language"]}
        else:
            entities.append({"type": "pre"} | span)
    elif tag.name == "code":
        if last is not None and same_span and last["type"] == "pre" and tag.argument:
            last["language"] = tag.argument
        else:
            entities.append({"type": "code"} | span | {"_language": tag.argument})
    else:  # blockquote
        entities.append({"type": "expandable_blockquote" if tag.argument else "blockquote"} | span)


def _trim(text: str, entities: list[JsonDict]) -> tuple[str, list[JsonDict]]:
    """Strip surrounding whitespace as Telegram does, keeping entities aligned."""
    stripped = text.strip()
    if not stripped:
        return "", []
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    kept: list[JsonDict] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            kept.append(entity | {"offset": start, "length": end - start})
    return stripped, kept


# --- What the fake records ---------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """A bot call the fake answered with ``ok: true`` (polling's getUpdates is not recorded)."""

    method: str
    params: JsonDict


@dataclass(frozen=True)
class Refusal:
    """A bot call the fake refused, with the description Telegram would give."""

    method: str
    params: JsonDict
    error_code: int
    description: str


@dataclass(frozen=True)
class MessageVersion:
    """One state of a bot message: its plain text, entities and inline keyboard."""

    text: str
    entities: tuple[JsonDict, ...] = ()
    reply_markup: JsonDict | None = None


@dataclass
class BotMessage:
    """A message the bot sent, with every version it showed (the first as sent, then each edit)."""

    chat_id: int
    message_id: int
    date: int
    versions: list[MessageVersion]
    reply_to: JsonDict | None = None
    edit_date: int | None = None
    deleted: bool = False

    @property
    def text(self) -> str:
        """The current plain text."""
        return self.versions[-1].text

    @property
    def texts(self) -> list[str]:
        """Every text the message showed, oldest first."""
        return [version.text for version in self.versions]

    @property
    def reply_markup(self) -> JsonDict | None:
        """The current inline keyboard, if any."""
        return self.versions[-1].reply_markup

    def callback_data(self) -> list[str]:
        """The callback_data of the buttons currently under the message."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button["callback_data"] for row in rows for button in row if "callback_data" in button]


@dataclass(frozen=True)
class UploadedDocument:
    """A file a user sends to the bot; its bytes are served to getFile and the file URL."""

    file_name: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    document: UploadedDocument


@dataclass
class _PendingCallback:
    query_id: str
    answered: bool = False
    answer: JsonDict = field(default_factory=dict)


# --- The server --------------------------------------------------------------------------------

Handler = Callable[[JsonDict], Awaitable[Any]]


class FakeBotApi:
    """The Telegram Bot API for one bot, on 127.0.0.1 at an OS-assigned port.

    Use as an async context manager; ``url`` is the server root, so the bot's ``base_url`` is
    ``f"{url}/bot"`` and its ``base_file_url`` is ``f"{url}/file/bot"``.
    """

    def __init__(
        self,
        token: str,
        bot_username: str = "negobot_test_bot",
        *,
        bot_id: int | None = None,
        first_name: str = "Negobot",
    ) -> None:
        self.token = token
        self.bot_user: JsonDict = {
            "id": bot_id if bot_id is not None else _bot_id_from(token),
            "is_bot": True,
            "first_name": first_name,
            "username": bot_username,
        }
        self.sent: list[Call] = []
        self.refused: list[Refusal] = []
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self._updates: list[JsonDict] = []
        self._update_ids = itertools.count(10_000)
        self._chats: dict[int, JsonDict] = {}
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._bot_messages: dict[tuple[int, int], BotMessage] = {}
        self._user_messages: dict[tuple[int, int], JsonDict] = {}
        self._callbacks: dict[str, _PendingCallback] = {}
        self._callback_ids = itertools.count(1)
        self._files: dict[str, _StoredFile] = {}
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.url = ""
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "sendChatAction": self._send_chat_action,
                "setMyCommands": self._set_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "getMyCommands": self._get_my_commands,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "getFile": self._get_file,
                "close": self._true,
                "logOut": self._true,
            }.items()
        }

    # -- lifecycle --

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle_call)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        # handler_cancellation: a long poll whose client went away stops instead of lingering.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._closing = True
        self._notify()  # pending long polls answer now
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- what tests drive --

    def push_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Tester",
        language_code: str = "en",
        chat_type: str = "private",
        reply_to_bot_message_id: int | None = None,
        entities: list[JsonDict] | None = None,
        document: UploadedDocument | None = None,
    ) -> JsonDict:
        """Queue an Update with a user's message, as Telegram builds it; returns the message.

        Text starting with a command gets a bot_command entity; with a document, ``text`` becomes
        the caption and the file is registered for getFile.
        """
        if not text and document is None:
            raise ValueError("a message needs text or a document")
        if user_id is None:
            user_id = chat_id if chat_type == "private" else DEFAULT_GROUP_USER_ID
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language_code}
        chat = self._chats.setdefault(chat_id, self._new_chat(chat_id, chat_type, first_name))
        message: JsonDict = {"message_id": self._next_message_id(chat_id), "from": user, "chat": chat, "date": _now()}
        if reply_to_bot_message_id is not None:
            replied = self._bot_messages.get((chat_id, reply_to_bot_message_id))
            if replied is None or replied.deleted:
                raise ValueError(f"the bot has no message {reply_to_bot_message_id} in chat {chat_id}")
            message["reply_to_message"] = self._message_payload(replied)
        if entities is None:
            command = _COMMAND_RE.match(text)
            entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(command.group())}] if command else []
        text_key, entities_key = ("caption", "caption_entities") if document else ("text", "entities")
        if text:
            message[text_key] = text
        if entities:
            message[entities_key] = entities
        if document is not None:
            message["document"] = self._register_file(document)
        self._user_messages[(chat_id, message["message_id"])] = message
        self._queue({"message": message})
        return message

    def push_callback(self, chat_id: int, user_id: int, message_id: int, data: str) -> str:
        """Queue a press of the button with ``data`` under a bot message; returns the query id."""
        message = self._bot_messages.get((chat_id, message_id))
        if message is None or message.deleted:
            raise ValueError(f"the bot has no message {message_id} in chat {chat_id}")
        if data not in message.callback_data():
            raise ValueError(f"message {message_id} has no button with callback_data {data!r}")
        query_id = f"{user_id}{next(self._callback_ids):06d}"
        self._callbacks[query_id] = _PendingCallback(query_id)
        user = {"id": user_id, "is_bot": False, "first_name": "Tester", "language_code": "en"}
        query = {
            "id": query_id,
            "from": user,
            "message": self._message_payload(message),
            "chat_instance": f"-{abs(chat_id)}0",
            "data": data,
        }
        self._queue({"callback_query": query})
        return query_id

    def messages(self, chat_id: int) -> list[BotMessage]:
        """The bot's messages in a chat, oldest first, each with its edit history."""
        return [m for (chat, _), m in sorted(self._bot_messages.items()) if chat == chat_id]

    def calls(self, method: str) -> list[Call]:
        """The recorded successful calls of one method."""
        return [call for call in self.sent if call.method == method]

    def callback_answer(self, query_id: str) -> JsonDict | None:
        """The parameters the bot answered a callback query with, or None while unanswered."""
        pending = self._callbacks[query_id]
        return pending.answer if pending.answered else None

    @property
    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        return len(self._updates)

    async def wait_for(self, predicate: Callable[[Call], bool], timeout: float = 10) -> Call:
        """The first recorded call matching ``predicate``, waiting up to ``timeout`` seconds for it."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for call in self.sent:
                if predicate(call):
                    return call
            if not await self._wait_changed(deadline):
                raise TimeoutError(
                    f"no matching call within {timeout}s; sent: {[c.method for c in self.sent]}; "
                    f"refused: {[(r.method, r.description) for r in self.refused]}"
                )

    # -- HTTP --

    async def _handle_call(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        try:
            params = await _read_params(request)
        except BotApiError as error:
            return self._refuse(name, {}, error)
        if request.match_info["token"] != self.token:
            return self._refuse(name, params, BotApiError("Unauthorized", 401))
        entry = self._methods.get(name.lower())
        if entry is None:
            return self._refuse(name, params, BotApiError("Not Found: method not found", 404))
        method, handler = entry
        try:
            result = await handler(params)
        except BotApiError as error:
            return self._refuse(method, params, error)
        if method != "getUpdates":
            self.sent.append(Call(method, params))
            self._notify()
        return web.json_response({"ok": True, "result": result})

    def _refuse(self, method: str, params: JsonDict, error: BotApiError) -> web.Response:
        self.refused.append(Refusal(method, params, error.error_code, error.description))
        self._notify()
        body = {"ok": False, "error_code": error.error_code, "description": error.description}
        return web.json_response(body, status=error.error_code)

    async def _handle_file(self, request: web.Request) -> web.Response:
        stored = next((f for f in self._files.values() if f.file_path == request.match_info["file_path"]), None)
        if request.match_info["token"] != self.token or stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.document.content, content_type=stored.document.mime_type)

    # -- Bot API methods --

    async def _true(self, params: JsonDict) -> bool:
        return True

    async def _get_me(self, params: JsonDict) -> JsonDict:
        return self.bot_user | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        if self.webhook_url:
            raise BotApiError(
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
                "webhook first",
                409,
            )
        offset = _int(params, "offset", 0)
        limit = min(max(_int(params, "limit", 100), 1), 100)
        timeout = params.get("timeout") or 0
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            raise bad_request("invalid timeout specified")
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        deadline = asyncio.get_running_loop().time() + max(timeout, 0)
        while not self._updates and not self._closing and await self._wait_changed(deadline):
            pass
        return self._updates[:limit]

    async def _send_message(self, params: JsonDict) -> JsonDict:
        chat = self._chat(params)
        text, entities = _formatted_text(params)
        markup = _check_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat["id"], params)
        message_id = self._next_message_id(chat["id"])
        inline = markup if markup and "inline_keyboard" in markup else None
        message = BotMessage(chat["id"], message_id, _now(), [MessageVersion(text, tuple(entities), inline)], reply_to)
        self._bot_messages[(chat["id"], message_id)] = message
        return self._message_payload(message)

    async def _edit_message_text(self, params: JsonDict) -> JsonDict:
        message = self._editable(params)
        text, entities = _formatted_text(params)
        return self._edit(message, MessageVersion(text, tuple(entities), _inline_markup(params)))

    async def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        message = self._editable(params)
        current = message.versions[-1]
        return self._edit(message, MessageVersion(current.text, current.entities, _inline_markup(params)))

    async def _delete_message(self, params: JsonDict) -> bool:
        chat = self._chat(params)
        key = (chat["id"], _int(params, "message_id", 0))
        message = self._bot_messages.get(key)
        if message is not None and not message.deleted:
            message.deleted = True
        elif self._user_messages.pop(key, None) is None:
            raise bad_request("message to delete not found")
        return True

    async def _answer_callback_query(self, params: JsonDict) -> bool:
        pending = self._callbacks.get(str(params.get("callback_query_id", "")))
        if pending is None or pending.answered:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        if len(str(params.get("text", ""))) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        pending.answered, pending.answer = True, params
        return True

    async def _send_chat_action(self, params: JsonDict) -> bool:
        self._chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _set_my_commands(self, params: JsonDict) -> bool:
        commands = params.get("commands", [])
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for entry in commands:
            if not isinstance(entry, dict):
                raise bad_request("can't parse BotCommand JSON object")
            command, description = str(entry.get("command", "")), str(entry.get("description", "")).strip()
            if not command:
                raise bad_request("command must be non-empty")
            if len(command) > 32:
                raise bad_request("command length must not exceed 32")
            if not _BOT_COMMAND_RE.fullmatch(command):
                raise bad_request("BOT_COMMAND_INVALID")
            if not description:
                raise bad_request("command description must be non-empty")
            if len(description) > 256:
                raise bad_request("command description length must not exceed 256")
        self.commands[_commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def _delete_my_commands(self, params: JsonDict) -> bool:
        self.commands.pop(_commands_key(params), None)
        return True

    async def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        return self.commands.get(_commands_key(params), [])

    async def _set_webhook(self, params: JsonDict) -> bool:
        url, secret = str(params.get("url", "")), params.get("secret_token")
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        self.webhook_url, self.webhook_secret = url, (str(secret) if secret is not None else None)
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _delete_webhook(self, params: JsonDict) -> bool:
        return await self._set_webhook(params | {"url": ""})

    async def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _get_file(self, params: JsonDict) -> JsonDict:
        stored = self._files.get(str(params.get("file_id", "")))
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.document.content) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.document.content),
            "file_path": stored.file_path,
        }

    # -- state --

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_changed(self, deadline: float) -> bool:
        """Wait for the next update or recorded call; False once the deadline has passed."""
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return False
        try:
            await asyncio.wait_for(self._changed.wait(), remaining)
        except TimeoutError:
            return False
        return True

    def _queue(self, update: JsonDict) -> None:
        self._updates.append({"update_id": next(self._update_ids)} | update)
        self._notify()

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    @staticmethod
    def _new_chat(chat_id: int, chat_type: str, first_name: str) -> JsonDict:
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": first_name}
        return {"id": chat_id, "type": chat_type, "title": f"Test {chat_type}"}

    def _register_file(self, document: UploadedDocument) -> JsonDict:
        number = len(self._files) + 1
        suffix = document.file_name.rsplit(".", 1)[-1] if "." in document.file_name else ""
        stored = _StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:08d}",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"documents/file_{number}{'.' + suffix if suffix else ''}",
            document=document,
        )
        self._files[stored.file_id] = stored
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": document.file_name,
            "mime_type": document.mime_type,
            "file_size": len(document.content),
        }

    def _chat(self, params: JsonDict) -> JsonDict:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self._chats:
            raise bad_request("chat not found")
        return self._chats[chat_id]

    def _reply_target(self, chat_id: int, params: JsonDict) -> JsonDict | None:
        reply = params.get("reply_parameters") or {}
        if not isinstance(reply, dict):
            raise bad_request("can't parse reply parameters JSON object")
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        bot_message = self._bot_messages.get((chat_id, message_id))
        if bot_message is not None and not bot_message.deleted:
            return self._message_payload(bot_message)
        if (chat_id, message_id) in self._user_messages:
            return self._user_messages[(chat_id, message_id)]
        if reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")

    def _editable(self, params: JsonDict) -> BotMessage:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")  # the fake has no inline mode
        chat = self._chat(params)
        key = (chat["id"], _int(params, "message_id", 0))
        message = self._bot_messages.get(key)
        if message is None or message.deleted:
            if key in self._user_messages:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return message

    def _edit(self, message: BotMessage, version: MessageVersion) -> JsonDict:
        if version == message.versions[-1]:
            raise bad_request(_NOT_MODIFIED)
        message.versions.append(version)
        message.edit_date = _now()
        return self._message_payload(message)

    def _message_payload(self, message: BotMessage) -> JsonDict:
        version = message.versions[-1]
        payload: JsonDict = {
            "message_id": message.message_id,
            "from": self.bot_user,
            "chat": self._chats[message.chat_id],
            "date": message.date,
            "text": version.text,
        }
        if version.entities:
            payload["entities"] = list(version.entities)
        if version.reply_markup:
            payload["reply_markup"] = version.reply_markup
        if message.reply_to is not None:
            payload["reply_to_message"] = message.reply_to
        if message.edit_date is not None:
            payload["edit_date"] = message.edit_date
        return payload


# --- Parameters --------------------------------------------------------------------------------


async def _read_params(request: web.Request) -> JsonDict:
    """The call's parameters from the query string and a JSON, form or multipart body."""
    raw: JsonDict = dict(request.query)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON encoded request") from None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON encoded request")
        raw |= body
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for name, value in (await request.post()).items():
            raw[name] = value.file.read() if isinstance(value, web.FileField) else value
    return {name: _decode_value(name, value) for name, value in raw.items()}


def _decode_value(name: str, value: Any) -> Any:
    if name in _STRING_PARAMS or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _int(params: JsonDict, name: str, default: int) -> int:
    value = params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(f"invalid {name} specified")
    return value


def _commands_key(params: JsonDict) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code", ""))


def _bot_id_from(token: str) -> int:
    """The bot's user id, which Telegram puts before the colon of its token."""
    prefix = token.split(":", 1)[0]
    return int(prefix) if prefix.isdigit() else 777000


def _now() -> int:
    return int(time.time())


def _formatted_text(params: JsonDict) -> tuple[str, list[JsonDict]]:
    """The message text as Telegram stores it, refusing empty, too long or unparsable text."""
    text = params.get("text", "")
    if not isinstance(text, str):
        text = str(text)
    parse_mode = str(params.get("parse_mode") or "")
    entities = params.get("entities")
    if entities is not None:
        if not isinstance(entities, list):
            raise bad_request("can't parse entities JSON object")
    elif parse_mode.lower() == "html":
        text, entities = parse_html(text)
    elif parse_mode.lower() in ("markdown", "markdownv2"):
        raise BotApiError(f"Not Implemented: the fake Bot API does not parse {parse_mode}", 501)
    elif parse_mode:
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    text, entities = _trim(text, entities or [])
    if not text:
        raise bad_request("message text is empty")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise bad_request("message is too long")
    return text, entities


def _inline_markup(params: JsonDict) -> JsonDict | None:
    markup = _check_reply_markup(params.get("reply_markup"))
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def _check_reply_markup(markup: Any) -> JsonDict | None:
    """The reply markup, refused as Telegram refuses malformed inline keyboards."""
    if markup is None or markup == "":
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup  # reply keyboards, ForceReply and ReplyKeyboardRemove are accepted as given
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    for row in rows:
        for button in row:
            _check_inline_button(button)
    return markup


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not any(kind in button for kind in _INLINE_BUTTON_KINDS):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and (not isinstance(button["url"], str) or not button["url"].strip()):
        raise bad_request("BUTTON_URL_INVALID")
