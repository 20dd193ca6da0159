"""Reaching people where they are, over HTTP against the Bot API double: deep links from
posters, and help shared into a friend's chat through inline mode."""

from __future__ import annotations

import sqlite3

import pytest

from bot.content import LANGUAGES
from bot.stats.report import read_rows

from .bot_api_double import User
from .helpers import ADMIN_ID, Person

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
