"""What a user notices, over HTTP against the Bot API double."""

from __future__ import annotations

import asyncio
import logging

from bot.app import COMMANDS
from bot.callbacks import Nav, SetLanguage, To

from .bot_api_double import User
from .helpers import press, send

HOME = Nav(to=To.HOME).pack()


async def test_command_menu_registered_in_every_language(running):
    api = running.api
    await api.wait_for(lambda: {"", "kk", "ru", "en"} <= set(api.commands))
    commands = [c["command"] for c in api.commands["kk"]]
    assert commands == list(COMMANDS)
    assert {"start", "sos", "help", "language", "exit", "forget", "privacy"} <= set(commands)
    assert api.commands["kk"][0]["description"] == "Басты мәзір"
    await api.wait_for(lambda: {"kk", "ru", "en"} <= set(api.short_descriptions))
    assert "құқықтарыңыз" in api.descriptions["kk"]
    assert "права" in api.descriptions["ru"].lower()
    assert "Kazakhstan" in api.short_descriptions["en"]


async def test_switch_language_at_any_time(running):
    api = running.api
    user = User(id=301, language_code="en")
    await send(api, user, "/start")
    await press(api, user, Nav(to=To.TOPIC, topic="children").pack())
    await press(api, user, HOME)
    await press(api, user, Nav(to=To.LANGUAGES).pack())
    picker = api.last_bot_message(user.id)
    assert HOME in picker.callback_data()
    await press(api, user, SetLanguage(code="ru").pack())
    assert "Выберите тему" in api.last_bot_message(user.id).text
    await send(api, user, "/language")
    await press(api, user, SetLanguage(code="kk").pack())
    assert "Тақырыпты таңдаңыз" in api.last_bot_message(user.id).text
    await send(api, user, "/start")
    assert "Тақырыпты таңдаңыз" in api.last_bot_message(user.id).text
    assert not api.rejected


async def test_unknown_language_gets_picker_then_home(running):
    api = running.api
    user = User(id=302, language_code="de")
    await send(api, user, "/start")
    picker = api.last_bot_message(user.id)
    assert "112" in picker.text
    await press(api, user, SetLanguage(code="en").pack())
    assert "Choose a topic" in api.last_bot_message(user.id).text


async def test_stickers_voice_and_free_text_get_a_way_home(running):
    api = running.api
    user = User(id=303, language_code="ru")
    for action in (api.send_sticker, api.send_voice):
        before = len(api.bot_messages(user.id))
        await action(user)
        await api.wait_bot_messages(user.id, before + 1)
        reply = api.last_bot_message(user.id)
        assert HOME in reply.callback_data()
        assert "112" in reply.text
    await send(api, user, "что делать " * 500)
    reply = api.last_bot_message(user.id).callback_data()
    assert HOME in reply or Nav(to=To.TOPIC, topic="labour").pack() in reply
    assert not api.rejected


async def test_forged_callback_is_answered(running):
    api = running.api
    user = User(id=304, language_code="en")
    await send(api, user, "/start")
    answer = await press(api, user, "x" * 64, forged=True)
    assert "out of date" in answer["text"]
    assert "Choose a topic" in api.last_bot_message(user.id).text


async def test_pressing_the_screen_already_shown_is_quiet(running):
    api = running.api
    user = User(id=305, language_code="en")
    await send(api, user, "/start")
    data = Nav(to=To.TOPIC, topic="complain").pack()
    await press(api, user, data)
    await press(api, user, data, forged=True)  # a double tap from a slow client
    assert [r.error for r in api.rejected] == [
        r.error for r in api.rejected if r.error and "not modified" in r.error
    ]
    assert all(q["answered"] for q in api.queries.values())


async def test_screen_that_cannot_be_edited_is_sent_anew(running):
    api = running.api
    user = User(id=306, language_code="en")
    await send(api, user, "/start")
    api.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    before = len(api.bot_messages(user.id))
    await press(api, user, Nav(to=To.HELP).pack())
    await api.wait_bot_messages(user.id, before + 1)
    assert "Help contacts" in api.last_bot_message(user.id).text


async def test_group_gets_pointer_to_private_chat(running):
    api = running.api
    member = User(id=307, language_code="en", chat_id=-1001, chat_type="supergroup")
    await send(api, member, "/start@kz_rights_test_bot")
    reply = api.bot_messages(-1001)[-1]
    assert "private chat" in reply.text
    await api.send_text(member, "just chatting")
    await asyncio.sleep(0.3)
    assert len(api.bot_messages(-1001)) == 1


async def test_logs_hold_no_personal_data(running, caplog):
    api = running.api
    caplog.set_level(logging.DEBUG)
    user = User(id=987654321, first_name="Gulnara", username="gulnara_secret", language_code="ru")
    await send(api, user, "/start")
    await send(api, user, "мой муж меня бьёт secret-phrase")
    await press(api, user, HOME)
    await press(api, user, Nav(to=To.TOPIC, topic="domestic_violence").pack())
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    for needle in ("987654321", "Gulnara", "gulnara_secret", "secret-phrase", running.bot.token):
        assert needle not in logged
