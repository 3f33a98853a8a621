"""End to end: filters written in a question, and /timeline paged with buttons, over real HTTP."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from bot.telegram_format import visible_length
from index.dictionary_names import DICTIONARY
from tests.helpers.running_bot import RunningBot, running_bot

USER = 3003
CITIES = ["Geneva", "Brussels", "Vienna", "Warsaw", "Helsinki", "Oslo", "Riga", "Tallinn", "Vilnius", "Prague"]


@pytest.fixture
async def bot(tmp_path, multilingual, monkeypatch):
    """The seed, and ten days of reports on the missile talks, each in another city, published the day after."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = date(2022, 1, 10)
    lines = []
    for i, city in enumerate(CITIES):
        day = first + timedelta(days=i)
        text = (
            f"US and Russian negotiators held talks on missile limits in {city} on {day.strftime('%A')}. "
            f"The delegations discussed inspections of missile sites in {city}, officials said."
        )
        published = (day + timedelta(days=1)).isoformat() + " 03:00:00"
        record = {"id": f"talks-{i}", "title": f"Missile talks in {city}", "date": published, "source": "Wire"}
        lines.append(json.dumps({**record, "url": "", "language": "en", "text": text}))
    (corpus / "talks.jsonl").write_text("\n".join(lines) + "\n")
    async with running_bot(tmp_path, multilingual, monkeypatch) as running:
        yield running


async def send(bot: RunningBot, text: str, *, language_code: str = "en"):
    before = len(bot.api.sent)
    bot.api.push_message(USER, text, language_code=language_code)
    return await bot.reply(USER, before)


async def test_timeline_pages_through_the_talks_oldest_first_with_buttons(bot: RunningBot):
    reply = await send(bot, "/timeline missile talks between the US and Russia")
    first_page = bot.api.messages(USER)[-1]
    assert "Timeline: missile talks" in first_page.text and "page 1 of 2" in first_page.text
    assert visible_length(reply.params["text"]) <= 4096
    shown = [city for city in CITIES if city in first_page.text]
    assert shown == CITIES[:6]  # in the order the talks happened
    assert "10 January 2022" in first_page.text  # the day of the talks, not of the report
    later = [d for d in first_page.callback_data() if d.startswith("tl:")]
    assert len(later) == 1

    before = len(bot.api.sent)
    bot.api.push_callback(USER, USER, first_page.message_id, later[0])
    await bot.reply(USER, before, method="editMessageText")
    second_page = bot.api.messages(USER)[-1]
    assert "page 2 of 2" in second_page.text
    assert [city for city in CITIES if city in second_page.text.split("Sources")[0]] == CITIES[6:]
    assert [d.split(":")[2] for d in second_page.callback_data()] == ["0"]  # only "earlier" is left
    assert not bot.api.refused


async def test_an_indonesian_user_gets_the_timeline_in_indonesian(bot: RunningBot):
    await send(bot, "/timeline perundingan rudal AS dan Rusia", language_code="id")
    page = bot.api.messages(USER)[-1]
    assert "Linimasa" in page.text and "Januari 2022" in page.text and "halaman 1 dari" in page.text


async def test_a_timeline_filtered_to_an_outlet_it_lacks_names_the_outlets_there_are(bot: RunningBot):
    reply = await send(bot, "/timeline missile talks source:Reuters")
    assert "source:Reuters matches no outlet" in reply.params["text"] and "Wire" in reply.params["text"]


async def test_a_filter_in_a_question_limits_the_sources(bot: RunningBot):
    await send(bot, "Where were the missile talks held? since:2022-01-18")
    answer = bot.api.messages(USER)[-1].text
    assert any(city in answer for city in CITIES[7:])
    assert not any(city in answer for city in CITIES[:7])  # Riga's talks of the 16th were published the 17th


async def test_a_filter_that_matches_nothing_says_which(bot: RunningBot):
    reply = await send(bot, "Where were the missile talks held? since:2023-01-01")
    assert "No article in the coverage matches since:2023-01-01" in reply.params["text"]


async def test_a_bad_filter_gets_a_clear_message_not_an_error(bot: RunningBot):
    reply = await send(bot, "Where were the talks? since:2022-02-30")
    assert "since:2022-02-30 is not a date" in reply.params["text"]
    reply = await send(bot, "Where were the talks? since:2022-02-10 until:2022-02-01")
    assert "since:2022-02-10 is after until:2022-02-01" in reply.params["text"]
    await send(bot, "Where were the missile talks held on February 30?")
    assert "'February 30' in the question is not a date" in bot.api.messages(USER)[-1].text


@pytest.mark.skipif(not DICTIONARY.with_suffix(".index").exists(), reason="needs dict-freedict-eng-ind")
async def test_a_one_word_indonesian_topic_lists_the_english_reports_naming_it(bot: RunningBot):
    # "rudal" is "missile" by the dictionary; one word is never as close to a sentence as an answer.
    await send(bot, "/timeline rudal", language_code="id")
    page = bot.api.messages(USER)[-1]
    assert "Linimasa" in page.text and "Geneva" in page.text and "10 Januari 2022" in page.text
