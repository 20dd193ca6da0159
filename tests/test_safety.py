"""Survivor safety over the Bot API double: danger words, quick exit, forgetting, self-check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.callbacks import SelfCheckStep
from bot.content import LANGUAGES
from bot.conversation import DELETE_WINDOW, ConversationLog
from bot.danger import DangerMatcher
from bot.textnorm import skeleton

from .bot_api_double import User
from .helpers import Person

PHRASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "danger_phrases.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def matcher(catalog):
    return DangerMatcher({lang: catalog.pack(lang).safety.danger_words for lang in LANGUAGES})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_danger_phrases_trigger(matcher, lang):
    missed = [p for p in PHRASES[lang]["trigger"] if matcher.match(p) is None]
    assert not missed
    assert len(PHRASES[lang]["trigger"]) >= 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_harmless_questions_do_not_trigger(matcher, lang):
    wrongly = [p for p in PHRASES[lang]["no_trigger"] if matcher.match(p) is not None]
    assert not wrongly
    assert len(PHRASES[lang]["no_trigger"]) >= 10


def test_one_skeleton_for_every_spelling():
    assert skeleton("Күйеуім ұрады!") == skeleton("куйеуим урады") == skeleton("kuieuim urady")
    assert skeleton("Муж меня бьёт 😢") == skeleton("muzh menya b'et")


async def test_conversation_log_is_bounded_and_expires():
    now = [1000.0]
    log = ConversationLog(per_chat=3, chats=2, clock=lambda: now[0])
    for message_id in range(5):
        await log.add(1, message_id)
    await log.add(2, 10)
    await log.add(3, 20)  # the least recently used chat (1) is dropped
    assert await log.take(1) == []
    now[0] += DELETE_WINDOW + 1
    await log.add(2, 11)
    assert await log.take(2) == [11]  # message 10 is too old for Telegram to delete
    assert len(log) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_danger_words_get_the_emergency_card_first(running, catalog, lang):
    person = Person(running.api, User(id=2000 + LANGUAGES.index(lang), language_code=lang))
    for phrase in PHRASES[lang]["trigger"][:5]:
        card = await person.send(phrase)
        for number in ("112", "102", "111", "150"):
            assert number in card
        assert catalog.pack(lang).contacts["emergency_112"].when in card


async def test_danger_words_before_any_language_is_known(running, catalog):
    person = Person(running.api, User(id=2100, language_code=None))
    card = await person.send(PHRASES["kk"]["trigger"][0])
    assert catalog.pack("kk").contacts["line_111"].when in card


# What the person presses before the quick exit, by the labels they see (in Russian).
ROUTES = {
    "from home": lambda ru, ru_pack: [],
    "from a topic": lambda ru, ru_pack: [ru_pack.topics["domestic_violence"].title],
    "from a contact card": lambda ru, ru_pack: [
        ru("📞 Help contacts"),
        f"111 · {ru_pack.contacts['line_111'].name}",
    ],
    "from the emergency card": lambda ru, ru_pack: [ru("🆘 SOS")],
    "in the self-check": lambda ru, ru_pack: [f"❓ {ru_pack.safety.selfcheck.title}", ru("Yes")],
}


@pytest.mark.parametrize("route", ROUTES)
async def test_quick_exit_leaves_only_a_harmless_message(running, catalog, translators, route):
    api = running.api
    ru = translators["ru"].gettext
    person = Person(api, User(id=2200 + list(ROUTES).index(route), language_code="ru"))
    await person.send("/start")
    await person.send("как подать жалобу")
    await person.send("/start")
    for label in ROUTES[route](ru, catalog.pack("ru")):
        await person.press(label)
    await person.press(ru("🚪 Quick exit"))
    (left,) = api.chat(person.chat_id)
    assert left.from_bot
    assert left.text == catalog.pack("ru").safety.exit_message
    assert not left.markup
    assert not api.rejected


async def test_exit_command_survives_messages_already_gone(running, catalog):
    api = running.api
    person = Person(api, User(id=2300, language_code="en"))
    await person.send("/start")
    await person.send("/sos")
    api.bot_messages(person.chat_id)[0].deleted = True  # the user deleted it already
    api.fail_next("deleteMessages", 400, "Bad Request: message to delete not found")
    exit_message = catalog.pack("en").safety.exit_message
    await api.send_text(person.user, "/exit")
    await api.wait_for(lambda: any(m.text == exit_message for m in api.chat(person.chat_id)))
    assert [m.text for m in api.chat(person.chat_id)] == [exit_message]


async def test_forget_clears_the_language_choice(running):
    person = Person(running.api, User(id=2400, language_code="de"))
    await person.send("/start")
    await person.press("Қазақ тілі")
    assert "Тақырыпты таңдаңыз" in await person.send("/start")
    await person.send("/forget")
    await person.send("/start")
    assert person.labels() == ["Қазақ тілі", "Русский", "English"]  # the picker again


async def test_selfcheck_keeps_answers_only_in_its_buttons(running, catalog, translators):
    en = translators["en"].gettext
    person = Person(running.api, User(id=2500, language_code="en"))
    check = catalog.pack("en").safety.selfcheck
    await person.send("/start")
    await person.press(f"❓ {check.title}")
    for index, question in enumerate(check.questions):
        assert question in person.screen.text
        await person.press(en("Yes") if index == 1 else en("No"))
    result = person.screen
    assert check.result_yes.split("\n")[0].strip()[:40] in result.raw
    assert not any(d.startswith(f"{SelfCheckStep.__prefix__}:") for d in result.callback_data())
    assert person.labels() == [en("⬅️ Back"), en("🏠 Home"), en("🆘 SOS"), en("🚪 Quick exit")]
