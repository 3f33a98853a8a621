"""End to end: people ask the real bot over real HTTP and get cited answers Telegram accepts."""

from __future__ import annotations

import time

import pytest

from bot import handlers
from bot.telegram_format import visible_length
from index.answer import answer_question
from tests.helpers.running_bot import RunningBot, running_bot

USER = 2002
MISSILE_LIMITS = "batasan pada rudal"


@pytest.fixture
async def bot(tmp_path, multilingual, monkeypatch):
    async with running_bot(tmp_path, multilingual, monkeypatch) as running:
        yield running


async def ask(bot: RunningBot, text: str, *, chat_id: int = USER, language_code: str = "en", **kwargs):
    before = len(bot.api.sent)
    bot.api.push_message(chat_id, text, language_code=language_code, **kwargs)
    return await bot.reply(chat_id, before)


async def test_a_question_is_answered_with_citations_and_buttons(bot: RunningBot):
    reply = await ask(bot, "What did the US offer on missiles?")
    assert MISSILE_LIMITS in reply.params["text"] and "[1]" in reply.params["text"]
    assert reply.params["parse_mode"] == "HTML"
    assert reply.params["link_preview_options"]["is_disabled"] is True
    message = bot.api.messages(USER)[-1]
    assert any(data.startswith("more:") for data in message.callback_data())
    assert any(data.startswith("src:") for data in message.callback_data())
    assert not bot.api.refused


async def test_typing_shows_only_while_an_answer_keeps_the_user_waiting(bot: RunningBot, monkeypatch):
    """A quick answer spends none of the bot's 30 requests a second on "typing…"; a slow one shows it."""
    await ask(bot, "Apa yang ditawarkan AS terkait rudal?")  # the first answer loads what answers share
    before = len(bot.api.sent)
    await ask(bot, "What did the US offer on missiles?")
    assert not any(c.method == "sendChatAction" for c in bot.api.sent[before:])

    def slowly(*args, **kwargs):
        time.sleep(1.5)
        return answer_question(*args, **kwargs)

    monkeypatch.setattr(handlers, "answer_question", slowly)
    before = len(bot.api.sent)
    reply = await ask(bot, "What did the US offer on missiles?")
    assert MISSILE_LIMITS in reply.params["text"]
    typing = [i for i, c in enumerate(bot.api.sent[before:]) if c.method == "sendChatAction"]
    answered = [i for i, c in enumerate(bot.api.sent[before:]) if c.method == "sendMessage"]
    assert typing and bot.api.sent[before + typing[0]].params["action"] == "typing" and typing[0] < answered[0]


async def test_an_indonesian_user_gets_indonesian_replies(bot: RunningBot):
    reply = await ask(bot, "Apa yang ditawarkan AS terkait rudal?", language_code="id")
    assert "Sumber" in bot.api.messages(USER)[-1].text
    assert "rudal" in reply.params["text"]


async def test_not_found_is_said_plainly_in_the_users_language(bot: RunningBot):
    english = await ask(bot, "Who won the 2018 World Cup?")
    indonesian = await ask(bot, "Siapa yang memenangkan Piala Dunia 2018?", chat_id=USER + 1, language_code="id")
    assert "not found" in english.params["text"].lower()
    assert "reply_markup" not in english.params
    assert english.params["text"] != indonesian.params["text"]
    assert bot.state.records.usage()["not_found"] == 2


async def test_a_question_about_someone_the_coverage_never_mentions_says_so(bot: RunningBot):
    english = await ask(bot, "What did Putin say after meeting Macron in Moscow?")
    indonesian = await ask(bot, "Apakah Macron menawarkan diri menjadi mediator?", chat_id=USER + 1, language_code="id")
    assert "never mentions Putin or Macron" in english.params["text"]  # the seed names neither
    assert "tidak pernah menyebut Macron" in indonesian.params["text"]
    assert "reply_markup" not in english.params


async def test_more_sources_full_passage_and_feedback_buttons(bot: RunningBot):
    await ask(bot, "Apa yang ditawarkan AS terkait rudal?")
    message = bot.api.messages(USER)[-1]
    data = {d.split(":")[0]: d for d in message.callback_data()}
    question_id = int(data["fb"].split(":")[1])

    before = len(bot.api.sent)
    bot.api.push_callback(USER, USER, message.message_id, f"src:{question_id}:1")
    passage = await bot.reply(USER, before)
    assert visible_length(passage.params["text"]) <= 4096 and "[1]" in bot.api.messages(USER)[-1].text

    before = len(bot.api.sent)
    bot.api.push_callback(USER, USER, message.message_id, f"more:{question_id}:0")
    more = await bot.reply(USER, before)
    assert more.params["parse_mode"] == "HTML"

    query = bot.api.push_callback(USER, USER, message.message_id, f"fb:{question_id}:1")
    await bot.wait(lambda c: c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query, before)
    usage = bot.state.records.usage()
    assert (usage["feedback_up"], usage["feedback_down"]) == (1, 0)
    asked = bot.state.records.question(question_id)
    assert asked is not None and asked.citations  # feedback is stored with the question and its cited chunks
    assert not bot.api.refused


async def test_in_groups_the_bot_answers_ask_replies_and_mentions_only(bot: RunningBot):
    group = -5000
    before = len(bot.api.sent)
    bot.api.push_message(group, "just chatting about lunch", chat_type="group", user_id=USER)
    reply = await ask(bot, "/ask Apa yang ditawarkan AS terkait rudal?", chat_id=group, chat_type="group", user_id=USER)
    assert "rudal" in reply.params["text"]
    assert len([c for c in bot.api.sent[before:] if c.method == "sendMessage"]) == 1
    mention = "@negobot_test_bot apa yang ditawarkan AS terkait rudal?"
    entities = [{"type": "mention", "offset": 0, "length": len("@negobot_test_bot")}]
    reply = await ask(bot, mention, chat_id=group, chat_type="group", user_id=USER, entities=entities)
    assert "rudal" in reply.params["text"]


async def test_per_user_rate_limit_replies_politely(tmp_path, multilingual, monkeypatch):
    async with running_bot(tmp_path, multilingual, monkeypatch, questions_per_minute=1) as bot:
        await ask(bot, "Apa yang ditawarkan AS terkait rudal?")
        second = await ask(bot, "What did the US offer on missiles?")
        assert "wait" in second.params["text"].lower()


async def test_a_hostile_article_is_rendered_safely(tmp_path, multilingual, monkeypatch):
    hostile = (
        "---\ntitle: '<b>Breaking</b> & <script>alert(1)</script> **bold** _x_'\nsource: 'Evil <i>News'\n"
        "url: 'javascript:alert(1)'\nlanguage: en\n---\n"
        + "The missile talks </b> collapsed & <a href='x'>click</a> **really** _now_. "
        * 400
    )
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "hostile.md").write_text(hostile)
    async with running_bot(tmp_path, multilingual, monkeypatch) as bot:
        reply = await ask(bot, "What happened to the missile talks?")
        text = reply.params["text"]
        assert "&lt;script&gt;" in text and "<script>" not in text and "javascript:" not in text.split("href=")[-1][:30]
        assert visible_length(text) <= 4096
        assert not bot.api.refused


async def test_help_says_what_the_bot_knows_in_the_users_language(bot: RunningBot):
    english = await ask(bot, "/start")
    assert "1 articles" in english.params["text"] and "2022-02-02" in english.params["text"]
    indonesian = await ask(bot, "/help", chat_id=USER + 5, language_code="id")
    assert "Saya mengetahui 1 artikel" in indonesian.params["text"] and "id: 1" in indonesian.params["text"]
    # The filters and the timeline, as they are written in each language.
    assert all(
        f"<code>{syntax}" in english.params["text"] for syntax in ("source:CNN", "since:2022-02-01", "/timeline")
    )
    assert all(
        f"<code>{syntax}" in indonesian.params["text"] for syntax in ("sumber:", "sejak:2022-02-01", "/timeline")
    )


async def test_a_reply_to_the_bot_in_a_group_is_a_question(bot: RunningBot):
    group = -6000
    first = await ask(bot, "/ask Apa yang ditawarkan AS terkait rudal?", chat_id=group, chat_type="group", user_id=USER)
    bot_message_id = bot.api.messages(group)[-1].message_id
    assert first.params["chat_id"] == group
    reply = await ask(
        bot,
        "Bagaimana Rusia bisa memverifikasi rudal Tomahawk di Rumania?",
        chat_id=group,
        chat_type="group",
        user_id=USER,
        reply_to_bot_message_id=bot_message_id,
    )
    assert "Tomahawk" in reply.params["text"]


async def test_many_chats_at_once_are_all_answered(bot: RunningBot):
    before = len(bot.api.sent)
    users = list(range(7000, 7008))
    for user in users:
        bot.api.push_message(user, "Apa yang ditawarkan AS terkait rudal?", language_code="id")
    for user in users:
        reply = await bot.reply(user, before)
        assert "rudal" in reply.params["text"]
    assert not bot.api.refused


async def test_more_sources_never_repeat_a_cited_passage():
    from contextlib import nullcontext
    from types import SimpleNamespace

    from bot.handlers import _more_sources
    from index.documents import Article, Chunk, Hit

    def hit(doc_id: str) -> Hit:
        chunk = Chunk(doc_id, 0, 0, 7, f"Text of {doc_id}.")
        return Hit(0, chunk, Article(doc_id=doc_id, title=doc_id.upper(), text=chunk.text), 0.0, 0.0, 0.0)

    hits = [hit(name) for name in ("a", "b", "c", "d", "e")]
    searcher = SimpleNamespace(search=lambda q, k: hits[:k])
    state = SimpleNamespace(settings=SimpleNamespace(top_k=2), lease=lambda: nullcontext(searcher))
    # The answer cited a and c (c came in when a weak language gave up a place).
    more = await _more_sources(state, "question", {hits[0].chunk.chunk_id, hits[2].chunk.chunk_id}, "en")
    assert more is not None and "B" in more and "D" in more and "C" not in more and "[3]" in more
