"""Reaching people where they are, over HTTP against the Bot API double: deep links from
posters, and help shared into a friend's chat through inline mode."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import AsyncIterator

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)

from bot.content import LANGUAGES
from bot.stats.report import read_rows

from .bot_api_double import BOT_USER, User
from .helpers import ADMIN_ID, Person, RunningBot, make_services, polling

PICKER = ["Қазақ тілі", "Русский", "English"]
HOME = {"kk": "Тақырыпты таңдаңыз", "ru": "Выберите тему", "en": "Choose a topic"}


def counters(path) -> dict[tuple[str, str, str], int]:
    return {(event, key, lang): n for _day, event, key, lang, n in read_rows([path])}


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_deep_link_opens_its_topic_in_its_language(running, catalog, lang):
    """Someone whose Telegram speaks none of the three languages scans a poster."""
    person = Person(running.api, User(id=6100 + LANGUAGES.index(lang), language_code="de"))
    text = await person.send(f"/start {lang}-domestic_violence-school")
    topic = catalog.pack(lang).topics["domestic_violence"]
    assert topic.title in text
    assert topic.sections[0].title in person.labels()
    # the link set the language, as choosing it would: a plain /start now opens home in it
    assert HOME[lang] in await person.send("/start")
    assert not running.api.rejected


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_deep_link_to_each_screen(running, catalog, translators, lang):
    tr = translators[lang]
    pack = catalog.pack(lang)
    person = Person(running.api, User(id=6200 + LANGUAGES.index(lang), language_code="en"))
    assert tr.gettext("Help right now") in await person.send(f"/start {lang}-sos")
    assert tr.gettext("Help contacts") in await person.send(f"/start {lang}-help-bus")
    assert pack.regions.title in await person.send(f"/start {lang}-regions")
    assert pack.safety.selfcheck.title in await person.send(f"/start {lang}-quiz")
    assert HOME[lang] in await person.send(f"/start {lang}")
    assert not running.api.rejected


@pytest.mark.parametrize(
    "payload",
    ["de-sos", "kk-", "kk-sos-School", "kk-sos-" + "a" * 17, "x" * 64, "kk-sos-a-b", "ru-%20"],
)
async def test_malformed_link_gives_the_picker_never_an_error(running, payload):
    person = Person(running.api, User(id=6300, language_code=None))
    await person.send(f"/start {payload}")
    assert person.labels() == PICKER
    assert not running.api.rejected


async def test_malformed_or_unknown_link_with_a_language_gives_home(running):
    person = Person(running.api, User(id=6301, language_code="ru"))
    assert HOME["ru"] in await person.send("/start kk-sos-Bad")  # malformed: ignored whole
    assert HOME["kk"] in await person.send("/start kk-no_such_topic-school")  # unknown topic
    assert not running.api.rejected


async def test_campaigns_are_counted_without_anyone(running, catalog):
    api = running.api
    for number, lang in enumerate(["kk", "kk", "ru"]):
        user = User(id=918273600 + number, first_name="Aigerim", username=f"aigerim{number}")
        await Person(api, user).send(f"/start {lang}-domestic_violence-school")
    await Person(api, User(id=918273699)).send("/start en-sos-bus12")
    admin = Person(api, User(id=ADMIN_ID, language_code="en"))
    report = await admin.send("/stats")
    line = next(line for line in report.splitlines() if "school/domestic_violence/kk" in line)
    assert "<5" in line  # small counts are hidden in the report as everywhere else
    await running.stop()
    found = counters(running.stats.path)
    assert found[("campaign", "school/domestic_violence", "kk")] == 2
    assert found[("campaign", "school/domestic_violence", "ru")] == 1
    assert found[("campaign", "bus12/sos", "en")] == 1
    assert found[("emergency", "link", "en")] == 1
    with sqlite3.connect(running.stats.path) as db:
        cells = [str(v) for row in db.execute("SELECT * FROM counters") for v in row]
    for needle in ("9182736", "Aigerim", "aigerim"):
        assert not any(needle in cell for cell in cells), needle


# --- inline mode ------------------------------------------------------------------------------

USERNAME = BOT_USER["username"]


@pytest.fixture
async def sharing(api, catalog, translators, stats) -> AsyncIterator[RunningBot]:
    """The bot with inline mode on (@BotFather, /setinline), as the README tells."""
    api.inline_mode = True
    async with polling(api, make_services(catalog, translators, stats)) as bot:
        yield bot


async def ask_inline(api, user: User, query: str) -> dict:
    return await api.wait_inline_answer(await api.inline_query(user, query))


def share_buttons(screen) -> list[str]:
    return [b["switch_inline_query"] for b in screen.buttons() if "switch_inline_query" in b]


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_empty_inline_query_offers_the_emergency_card_and_help(sharing, catalog, lang):
    answer = await ask_inline(sharing.api, User(id=6400, language_code=lang), "")
    assert [r["id"] for r in answer["results"]] == [
        f"{lang}.sos",
        f"{lang}.help",
        f"{lang}.neutral",
    ]
    assert answer["is_personal"] is True
    assert 0 < answer["cache_time"] <= 60
    sos, help_card, neutral = answer["results"]
    pack = catalog.pack(lang)
    for result in answer["results"]:  # HTML, read as Telegram reads it
        assert result["input_message_content"]["parse_mode"] == "HTML"
        assert "<b>" in result["input_message_content"]["message_text"]
        assert "<b>" not in result["visible_text"]
    for number in ("112", "102", "103", "111"):
        assert number in sos["visible_text"]
    assert pack.contacts["line_111"].name in sos["visible_text"]
    assert "1414" in help_card["visible_text"]
    for result, target in ((sos, "sos"), (help_card, "help"), (neutral, "help")):
        (button,) = [b for row in result["reply_markup"]["inline_keyboard"] for b in row]
        assert button["url"] == f"https://t.me/{USERNAME}?start={lang}-{target}-share"
    assert not sharing.api.rejected


@pytest.mark.parametrize(
    ("lang", "query", "topic"),
    [
        ("en", "my husband beats me", "domestic_violence"),
        ("ru", "уволили с работы", "labour"),
        ("kk", "алимент", "alimony"),
    ],
)
async def test_inline_words_find_the_same_topics_as_search(sharing, catalog, lang, query, topic):
    answer = await ask_inline(sharing.api, User(id=6401, language_code=lang), query)
    ids = [r["id"] for r in answer["results"]]
    assert ids[0] == f"{lang}.sos"  # the emergency card first, always
    assert f"{lang}.{topic}" in ids
    assert ids[-1] == f"{lang}.neutral"
    card = next(r for r in answer["results"] if r["id"] == f"{lang}.{topic}")
    assert card["title"] == catalog.pack(lang).topics[topic].title
    assert "112" in card["visible_text"]
    assert "111" in card["visible_text"]
    (button,) = card["reply_markup"]["inline_keyboard"][0]
    assert button["url"].endswith(f"?start={lang}-{topic}-share")
    assert not sharing.api.rejected


async def test_neutral_card_names_no_topic(sharing, catalog):
    for lang in LANGUAGES:
        answer = await ask_inline(sharing.api, User(id=6402, language_code=lang), "")
        neutral = answer["results"][-1]["visible_text"].lower()
        for word in ("violence", "abuse", "насили", "зорлық", "зомбылық", "бьёт", "побои"):
            assert word not in neutral, (lang, word)
        assert "112" in neutral
        assert "111" in neutral


async def test_share_buttons_send_the_cards_into_a_friends_chat(sharing, catalog, translators):
    api = sharing.api
    en = translators["en"].gettext
    person = Person(api, User(id=6403, language_code="en"))
    await person.send("/sos")
    assert share_buttons(person.screen) == [""]  # the emergency card and help contacts
    violence = catalog.pack("en").topics["domestic_violence"]
    await person.send("/start")
    await person.press(violence.title)
    await person.press(violence.section("help_friend").title)
    assert share_buttons(person.screen) == [violence.title]
    assert en("📤 Share with a friend") in person.labels()
    # the query the button puts after @bot finds that topic's card first after the emergency card
    answer = await ask_inline(api, person.user, violence.title)
    assert [r["id"] for r in answer["results"]][:2] == ["en.sos", "en.domestic_violence"]
    safe = catalog.pack("en").topics["staying_safe"]
    await person.send("/start")
    await person.press(safe.title)
    await person.press(safe.section("help_someone").title)
    assert share_buttons(person.screen) == [safe.title]
    await person.press(en("⬅️ Back"))
    await person.press(safe.sections[0].title)
    assert share_buttons(person.screen) == []  # only on the helping-someone sections
    assert not api.rejected


async def test_no_share_buttons_without_inline_mode(running, catalog):
    person = Person(running.api, User(id=6404, language_code="en"))
    await person.send("/sos")
    assert share_buttons(person.screen) == []
    violence = catalog.pack("en").topics["domestic_violence"]
    await person.send("/start")
    await person.press(violence.title)
    await person.press(violence.section("help_friend").title)
    assert share_buttons(person.screen) == []


async def test_polling_asks_for_inline_updates(sharing):
    polls = [r for r in sharing.api.requests if r.method == "getUpdates"]
    allowed = json.loads(polls[0].params["allowed_updates"])
    assert {"inline_query", "chosen_inline_result"} <= set(allowed)


async def test_shared_cards_are_counted_and_the_query_is_kept_nowhere(sharing, caplog):
    caplog.set_level(logging.DEBUG)
    api = sharing.api
    user = User(id=918273650, first_name="Gulnara", username="gulnara_secret", language_code="ru")
    query_id = await api.inline_query(user, "secret-phrase муж бьёт сестру")
    answer = await api.wait_inline_answer(query_id)
    chosen = answer["results"][1]["id"]
    await api.choose_inline_result(user, query_id, chosen)
    await api.choose_inline_result(user, query_id, "ru.sos")
    await api.choose_inline_result(
        user, query_id, "xx.forged", forged=True
    )  # not ours: not counted
    await asyncio.sleep(0.3)
    await sharing.stop()
    found = counters(sharing.stats.path)
    target = chosen.split(".", 1)[1]
    assert {k: n for k, n in found.items() if k[0] == "shared"} == {
        ("shared", target, "ru"): 1,
        ("shared", "sos", "ru"): 1,
    }
    raw = b"".join(p.read_bytes() for p in sharing.stats.path.parent.glob("stats.sqlite3*"))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for needle in ("918273650", "Gulnara", "gulnara_secret", "secret-phrase", "сестру"):
        assert needle.encode() not in raw, needle
        assert needle not in logged, needle


async def test_double_holds_answers_to_telegrams_rules(sharing):
    """The double refuses what Telegram refuses, so the tests above mean something."""
    api, bot = sharing.api, sharing.bot
    user = User(id=6405, language_code="en")
    answered = await api.inline_query(user, "")
    await api.wait_inline_answer(answered)

    def article(result_id: str, text: str = "ok") -> InlineQueryResultArticle:
        return InlineQueryResultArticle(
            id=result_id,
            title="t",
            input_message_content=InputTextMessageContent(message_text=text),
        )

    async def refused(query_id: str, results, **options) -> str:
        with pytest.raises(TelegramBadRequest) as error:
            await bot.answer_inline_query(query_id, results, **options)
        return error.value.message

    assert "query is too old" in await refused(answered, [article("a")])  # answered already
    assert "query is too old" in await refused("999999", [article("a")])  # unknown
    api.inline_queries["q1"] = {"answered": False, "created": 0, "query": ""}
    assert "RESULTS_TOO_MUCH" in await refused("q1", [article(str(i)) for i in range(51)])
    assert "RESULT_ID_INVALID" in await refused("q1", [article("x" * 65)])
    assert "RESULT_ID_DUPLICATE" in await refused("q1", [article("a"), article("a")])
    refusal = await refused("q1", [article("a", "<div>x</div>")])
    assert "unsupported start tag" in refusal.lower()
    assert "too long" in await refused("q1", [article("a", "x" * 4097)])
    button = InlineQueryResultsButton(text="Open", start_parameter="bad param")
    assert "START_PARAM_INVALID" in await refused("q1", [article("a")], button=button)
    long_switch = InlineKeyboardButton(text="s", switch_inline_query="x" * 257)
    bad_markup = article("a").model_copy(
        update={"reply_markup": InlineKeyboardMarkup(inline_keyboard=[[long_switch]])}
    )
    assert "BUTTON_TYPE_INVALID" in await refused("q1", [bad_markup])
    assert await bot.answer_inline_query("q1", [article(str(i)) for i in range(50)])
