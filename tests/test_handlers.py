"""Handlers through Dispatcher.feed_update with a recording session: no network at all."""

from __future__ import annotations

import itertools

import pytest
from aiogram import Bot
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import Update

from bot.app import create_dispatcher
from bot.callbacks import Nav, SetLanguage, To
from bot.memory import LanguageMemory

from .conftest import TOKEN, unlimited
from .recording import BOT, RecordingSession

_ids = itertools.count(1)


def message_update(
    text: str | None = None,
    *,
    lang: str | None = None,
    user_id: int = 42,
    chat_type: str = "private",
    **content,
) -> Update:
    user = {"id": user_id, "is_bot": False, "first_name": "Dana"}
    if lang:
        user["language_code"] = lang
    chat = {"id": user_id if chat_type == "private" else -100, "type": chat_type}
    message = {"message_id": next(_ids), "date": 0, "chat": chat, "from": user, **content}
    if text is not None:
        message["text"] = text
    return Update.model_validate({"update_id": next(_ids), "message": message})


def callback_update(data: str, *, lang: str | None = "en", user_id: int = 42) -> Update:
    user = {"id": user_id, "is_bot": False, "first_name": "Dana"}
    if lang:
        user["language_code"] = lang
    message = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": user_id, "type": "private"},
        "from": BOT.model_dump(),
        "text": "old screen",
    }
    query = {
        "id": str(next(_ids)),
        "from": user,
        "chat_instance": "1",
        "data": data,
        "message": message,
    }
    return Update.model_validate({"update_id": next(_ids), "callback_query": query})


@pytest.fixture
def session():
    return RecordingSession()


@pytest.fixture
def bot(session):
    from aiogram.client.default import DefaultBotProperties

    return Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))


@pytest.fixture
def memory():
    return LanguageMemory()


@pytest.fixture
def dp(catalog, translators, memory, stats):
    return create_dispatcher(
        catalog, translators, stats, memory=memory, register_menu=False, flood=unlimited()
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("kk", "Тақырыпты таңдаңыз"),
        ("ru", "Выберите тему"),
        ("en", "Choose a topic"),
        ("ru-RU", "Выберите тему"),
        ("kk-KZ", "Тақырыпты таңдаңыз"),
    ],
)
async def test_start_opens_home_in_telegram_language(dp, bot, session, code, expected):
    await dp.feed_update(bot, message_update("/start", lang=code))
    (sent,) = session.sent(SendMessage)
    assert expected in sent.text
    assert "<b>112</b>" in sent.text
    assert "<b>111</b>" in sent.text


@pytest.mark.parametrize("command", ["/sos", "/help"])
@pytest.mark.parametrize(
    ("lang", "heading"),
    [("kk", "Дәл қазір көмек"), ("ru", "Помощь прямо сейчас"), ("en", "Help right now")],
)
async def test_emergency_card_on_command(dp, bot, session, catalog, command, lang, heading):
    await dp.feed_update(bot, message_update(command, lang=lang))
    (sent,) = session.sent(SendMessage)
    assert heading in sent.text
    for number in ("112", "102", "111", "150"):
        assert f"<b>{number}</b>" in sent.text
    assert catalog.pack(lang).contacts["line_111"].when in sent.text


@pytest.mark.parametrize("code", [None, "de", "uz"])
async def test_start_without_known_language_offers_picker_with_112(dp, bot, session, code):
    await dp.feed_update(bot, message_update("/start", lang=code))
    (sent,) = session.sent(SendMessage)
    assert "<b>112</b>" in sent.text
    buttons = [b.callback_data for row in sent.reply_markup.inline_keyboard for b in row]
    assert buttons == [SetLanguage(code=c).pack() for c in ("kk", "ru", "en")]


async def test_language_choice_is_remembered_in_memory(dp, bot, session, memory):
    await dp.feed_update(bot, callback_update(SetLanguage(code="kk").pack(), lang="en"))
    assert await memory.get(42) == "kk"
    (edit,) = session.sent(EditMessageText)
    assert "Тақырыпты таңдаңыз" in edit.text
    session.calls.clear()
    await dp.feed_update(bot, message_update("/start", lang="en"))
    assert "Тақырыпты таңдаңыз" in session.sent(SendMessage)[0].text


@pytest.mark.parametrize(
    "data",
    [
        "garbage",
        "n:nowhere::",
        "n:topic:no_such_topic:",
        "n:sec:domestic_violence:nope",
        "l:de",
        "n:card::no_such_contact",
        "ж" * 20,
    ],
)
async def test_forged_or_stale_callbacks_are_answered_and_lead_home(dp, bot, session, data):
    await dp.feed_update(bot, callback_update(data))
    (answer,) = session.sent(AnswerCallbackQuery)
    assert answer.text
    assert "out of date" in answer.text
    (edit,) = session.sent(EditMessageText)
    assert "Choose a topic" in edit.text


async def test_contact_card_says_who_runs_the_service_and_where_the_facts_come_from(
    dp, bot, session, catalog
):
    data = Nav(to=To.CONTACT, item="line_150").pack()
    await dp.feed_update(bot, callback_update(data, lang="ru"))
    (edit,) = session.sent(EditMessageText)
    assert "Союз кризисных центров" in edit.text
    assert "<b>150</b>" in edit.text
    assert catalog.contacts["line_150"].source in edit.text
    assert "бесплатно" not in edit.text  # not free from mobiles in our sources: not claimed


async def test_every_topic_and_section_renders(dp, bot, session, catalog):
    for lang in ("kk", "ru", "en"):
        for topic in catalog.pack(lang).topics.values():
            for section in topic.sections:
                session.calls.clear()
                data = Nav(to=To.SECTION, topic=topic.id, item=section.id).pack()
                await dp.feed_update(bot, callback_update(data, lang=lang))
                (edit,) = session.sent(EditMessageText)
                assert section.title in edit.text
                assert len(session.sent(AnswerCallbackQuery)) == 1


@pytest.mark.parametrize(
    "content",
    [
        {
            "sticker": {
                "file_id": "x",
                "file_unique_id": "y",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"voice": {"file_id": "x", "file_unique_id": "y", "duration": 2}},
        {"text": "/unknown_command"},
    ],
)
async def test_anything_else_gets_a_friendly_answer_with_home_and_112(dp, bot, session, content):
    await dp.feed_update(bot, message_update(lang="en", **content))
    (sent,) = session.sent(SendMessage)
    assert "<b>112</b>" in sent.text
    buttons = [b.callback_data for row in sent.reply_markup.inline_keyboard for b in row]
    assert Nav(to=To.HOME).pack() in buttons


@pytest.mark.parametrize("text", ["hello " * 700, "<b>&", "🙂🙂🙂", "asdfgh qwerty"])
async def test_free_text_nobody_can_match_gets_the_menu_and_help_lines(dp, bot, session, text):
    await dp.feed_update(bot, message_update(text, lang="en"))
    (sent,) = session.sent(SendMessage)
    assert "did not find a topic" in sent.text
    assert "<b>112</b>" in sent.text
    assert "<b>111</b>" in sent.text
    buttons = [b.callback_data for row in sent.reply_markup.inline_keyboard for b in row]
    assert Nav(to=To.TOPIC, topic="domestic_violence").pack() in buttons
    assert Nav(to=To.SOS).pack() in buttons


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        ("ru", "зарплату не платят третий месяц", "labour"),
        ("kk", "жумыстан себепсиз шыгарды", "labour"),
        ("en", "how do i complain about an official", "complain"),
    ],
)
async def test_free_text_is_answered_with_the_best_topics(
    dp, bot, session, stats, lang, text, topic
):
    await dp.feed_update(bot, message_update(text, lang=lang))
    (sent,) = session.sent(SendMessage)
    buttons = [b.callback_data for row in sent.reply_markup.inline_keyboard for b in row]
    assert any(
        b.startswith(f"n:topic:{topic}:") or b.startswith(f"n:sec:{topic}:") for b in buttons[:3]
    )
    assert Nav(to=To.HOME).pack() in buttons
    assert stats.pending == 1  # one counter: the topic found, never the words


async def test_group_command_points_to_private_chat(dp, bot, session):
    await dp.feed_update(bot, message_update("/start", lang="en", chat_type="supergroup"))
    (sent,) = session.sent(SendMessage)
    assert "private chat" in sent.text
    assert sent.reply_markup.inline_keyboard[0][0].url == "https://t.me/kz_rights_test_bot"


async def test_group_chatter_is_ignored(dp, bot, session):
    await dp.feed_update(bot, message_update("hi all", lang="en", chat_type="group"))
    assert not session.sent(SendMessage)
