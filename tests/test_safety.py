"""Survivor safety over the Bot API double: danger words, quick exit, forgetting, self-check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.callbacks import Nav, SetLanguage, To
from bot.content import LANGUAGES
from bot.conversation import DELETE_WINDOW, ConversationLog
from bot.danger import DangerMatcher
from bot.textnorm import skeleton

from .bot_api_double import User
from .helpers import press, send

PHRASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "danger_phrases.yaml").read_text(encoding="utf-8")
)
HOME = Nav(to=To.HOME).pack()
EXIT = Nav(to=To.EXIT).pack()


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
    api = running.api
    user = User(id=2000 + LANGUAGES.index(lang), language_code=lang)
    for phrase in PHRASES[lang]["trigger"][:5]:
        await send(api, user, phrase)
        card = api.last_bot_message(user.id)
        for number in ("112", "102", "111", "150"):
            assert number in card.text
        assert catalog.pack(lang).contacts["emergency_112"].when in card.text


async def test_danger_words_before_any_language_is_known(running, catalog):
    api = running.api
    user = User(id=2100, language_code=None)
    await send(api, user, PHRASES["kk"]["trigger"][0])
    assert catalog.pack("kk").contacts["line_111"].when in api.last_bot_message(user.id).text


@pytest.mark.parametrize(
    "route",
    [
        [],
        [Nav(to=To.TOPIC, topic="domestic_violence").pack()],
        [Nav(to=To.HELP).pack(), Nav(to=To.CONTACT, item="line_111").pack()],
        [Nav(to=To.SOS).pack()],
        [Nav(to=To.QUIZ).pack(), Nav(to=To.QUIZ, item="y").pack()],
    ],
)
async def test_quick_exit_leaves_only_a_harmless_message(running, catalog, route):
    api = running.api
    user = User(id=2200 + len(route), language_code="ru")
    await send(api, user, "/start")
    await send(api, user, "как подать жалобу")
    await send(api, user, "/start")
    for data in route:
        await press(api, user, data)
    await press(api, user, EXIT)
    (left,) = api.chat(user.id)
    assert left.from_bot
    assert left.text == catalog.pack("ru").safety.exit_message
    assert not left.markup
    assert not api.rejected


async def test_exit_command_survives_messages_already_gone(running, catalog):
    api = running.api
    user = User(id=2300, language_code="en")
    await send(api, user, "/start")
    await send(api, user, "/sos")
    first_bot_message = api.bot_messages(user.id)[0]
    first_bot_message.deleted = True  # the user deleted it already
    api.fail_next("deleteMessages", 400, "Bad Request: message to delete not found")
    before = len(api.bot_messages(user.id))
    await api.send_text(user, "/exit")
    await api.wait_for(
        lambda: any(
            m.text == catalog.pack("en").safety.exit_message for m in api.bot_messages(user.id)
        )
    )
    assert [m.text for m in api.chat(user.id)] == [catalog.pack("en").safety.exit_message]
    assert before >= 1


async def test_forget_clears_the_language_choice(running):
    api = running.api
    user = User(id=2400, language_code="de")
    await send(api, user, "/start")
    await press(api, user, SetLanguage(code="kk").pack())
    await send(api, user, "/start")
    assert "Тақырыпты таңдаңыз" in api.last_bot_message(user.id).text
    await send(api, user, "/forget")
    await send(api, user, "/start")
    picker = api.last_bot_message(user.id)
    assert SetLanguage(code="kk").pack() in picker.callback_data()


async def test_selfcheck_keeps_answers_only_in_its_buttons(running, catalog):
    api = running.api
    user = User(id=2500, language_code="en")
    check = catalog.pack("en").safety.selfcheck
    await send(api, user, "/start")
    await press(api, user, Nav(to=To.QUIZ).pack())
    answers = ""
    for index, question in enumerate(check.questions):
        screen = api.last_bot_message(user.id)
        assert question in screen.text
        answers += "y" if index == 1 else "n"
        await press(api, user, Nav(to=To.QUIZ, item=answers).pack())
    result = api.last_bot_message(user.id)
    assert check.result_yes.split("\n")[0].strip()[:40] in result.raw
    assert not any(d.startswith("n:quiz") for d in result.callback_data())
    assert HOME in result.callback_data()
