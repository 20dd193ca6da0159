"""What a user notices, over HTTP against the Bot API double."""

from __future__ import annotations

import asyncio
import logging

import pytest

from .bot_api_double import User
from .helpers import Person

MENU = ["start", "sos", "help", "language", "exit", "forget", "privacy"]


async def test_command_menu_registered_in_every_language(running):
    api = running.api
    await api.wait_for(lambda: {"", "kk", "ru", "en"} <= set(api.commands))
    for lang in ("", "kk", "ru", "en"):
        assert [c["command"] for c in api.commands[lang]] == MENU, lang
    assert api.commands["kk"][0]["description"] == "Басты мәзір"
    await api.wait_for(lambda: {"kk", "ru", "en"} <= set(api.short_descriptions))
    assert "құқықтарыңыз" in api.descriptions["kk"]
    assert "права" in api.descriptions["ru"].lower()
    assert "Kazakhstan" in api.short_descriptions["en"]


async def test_switch_language_at_any_time(running, catalog, translators):
    en = translators["en"].gettext
    person = Person(running.api, User(id=301, language_code="en"))
    await person.send("/start")
    await person.press(catalog.pack("en").topics["children"].title)
    await person.press(en("🏠 Home"))
    await person.press(en("🌐 Language"))
    assert en("🏠 Home") in person.labels()  # the picker has a way back once a language is known
    await person.press("Русский")
    assert "Выберите тему" in person.screen.text
    await person.send("/language")
    await person.press("Қазақ тілі")
    assert "Тақырыпты таңдаңыз" in person.screen.text
    await person.send("/start")
    assert "Тақырыпты таңдаңыз" in person.screen.text
    assert not running.api.rejected


async def test_unknown_language_gets_picker_then_home(running):
    person = Person(running.api, User(id=302, language_code="de"))
    await person.send("/start")
    assert "112" in person.screen.text
    await person.press("English")
    assert "Choose a topic" in person.screen.text


async def test_stickers_voice_and_free_text_get_a_way_home(running, catalog, translators):
    api = running.api
    ru = translators["ru"].gettext
    user = User(id=303, language_code="ru")
    person = Person(api, user)
    for action in (api.send_sticker, api.send_voice):
        before = len(api.bot_messages(user.id))
        await action(user)
        await api.wait_bot_messages(user.id, before + 1)
        assert ru("🏠 Home") in person.labels()
        assert "112" in person.screen.text
    # a very long message is searched by its start, and still finds its topic
    await person.send("работодатель не платит зарплату, что делать? " + "очень " * 700)
    labour = catalog.pack("ru").topics["labour"].title
    first = person.labels()[0]  # the topic, or the section that answers it
    assert first == f"📖 {labour}" or first.startswith(f"📖 {labour}: ")
    assert not api.rejected


async def test_forged_callback_is_answered(running):
    person = Person(running.api, User(id=304, language_code="en"))
    await person.send("/start")
    answer = await person.press_data("x" * 64, forged=True)
    assert "out of date" in answer["text"]
    assert "Choose a topic" in person.screen.text


async def test_pressing_the_screen_already_shown_is_quiet(running, catalog):
    api = running.api
    person = Person(api, User(id=305, language_code="en"))
    await person.send("/start")
    home = person.screen
    title = catalog.pack("en").topics["complain"].title
    (data,) = [b["callback_data"] for b in home.buttons() if b["text"] == title]
    await person.press(title)
    await person.press_data(data, home, forged=True)  # a double tap from a slow client
    assert [r.error for r in api.rejected] == [
        r.error for r in api.rejected if r.error and "not modified" in r.error
    ]
    assert all(q["answered"] for q in api.queries.values())


async def test_screen_that_cannot_be_edited_is_sent_anew(running, translators):
    api = running.api
    person = Person(api, User(id=306, language_code="en"))
    await person.send("/start")
    api.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    before = len(api.bot_messages(person.chat_id))
    await person.press(translators["en"].gettext("📞 Help contacts"))
    await api.wait_bot_messages(person.chat_id, before + 1)
    assert "Help contacts" in person.screen.text


@pytest.mark.parametrize("kind", ["group", "supergroup"])
async def test_group_gets_pointer_to_private_chat(running, kind):
    api = running.api
    member = User(id=307, language_code="en", chat_id=-1001, chat_type=kind)
    await api.send_text(member, "/start@kz_rights_test_bot")
    await api.wait_bot_messages(-1001, 1)
    (reply,) = api.bot_messages(-1001)
    assert "private chat" in reply.text
    assert [b.get("url") for b in reply.buttons()] == ["https://t.me/kz_rights_test_bot"]
    await api.send_text(member, "just chatting")
    await asyncio.sleep(0.3)
    assert len(api.bot_messages(-1001)) == 1  # group talk is not for the bot


async def test_logs_hold_no_personal_data(running, catalog, translators, caplog):
    caplog.set_level(logging.DEBUG)
    user = User(id=987654321, first_name="Gulnara", username="gulnara_secret", language_code="ru")
    person = Person(running.api, user)
    await person.send("/start")
    # the emergency card, then the topics the words name
    await person.send_expecting("мой муж меня бьёт secret-phrase", 2)
    await person.press(translators["ru"].gettext("🏠 Home"))
    await person.press(catalog.pack("ru").topics["domestic_violence"].title)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    for needle in ("987654321", "Gulnara", "gulnara_secret", "secret-phrase", running.bot.token):
        assert needle not in logged
