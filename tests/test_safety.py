"""Survivor safety over the Bot API double: danger words, quick exit, forgetting, self-check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.callbacks import SelfCheckStep
from bot.content import LANGUAGES, Catalog
from bot.danger import DangerMatcher
from bot.handlers.search import MAX_QUERY
from bot.textnorm import skeleton

from .bot_api_double import User
from .helpers import Person, card_text

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


def card_numbers(text: str) -> list[str]:
    """The numbers of the emergency card, in the order it shows them."""
    return re.findall(r"^☎️ (\d+) ", text, flags=re.MULTILINE)


def replies_to_danger(running, text: str, lang: str) -> int:
    """The emergency card, and the topics found as a second message if the words name one."""
    return 1 + bool(running.content.search.search(text[:MAX_QUERY], lang))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_danger_words_get_the_emergency_card_first(running, catalog, lang):
    person = Person(running.api, User(id=2000 + LANGUAGES.index(lang), language_code=lang))
    card_phones = [catalog.contacts[cid].phone for cid in catalog.emergency_card]
    for phrase in PHRASES[lang]["trigger"][:5]:
        replies = replies_to_danger(running, phrase, lang)
        card, *after = await person.send_expecting(phrase, replies)
        assert card_numbers(card.text) == card_phones
        assert card_phones[0] == "112"
        assert card_text(catalog.pack(lang).contacts["emergency_112"]) in card.text
        for screen in after:  # the topics the words named, never a second card
            assert not card_numbers(screen.text)
            assert screen.buttons()[0]["text"].startswith("📖 ")


async def test_danger_words_before_any_language_is_known(running, catalog):
    person = Person(running.api, User(id=2100, language_code=None))
    phrase = PHRASES["kk"]["trigger"][0]
    card, *_ = await person.send_expecting(phrase, replies_to_danger(running, phrase, "kk"))
    assert card_text(catalog.pack("kk").contacts["line_111"]) in card.text


def stalking(catalog: Catalog, lang: str) -> dict[str, str]:
    """The button of the section on stalking -> the title its screen shows."""
    topic = catalog.pack(lang).topics["domestic_violence"]
    section = topic.section("stalking")
    assert section is not None
    return {f"📖 {topic.title}: {section.title}": section.title}


def police_or_torture(catalog: Catalog, lang: str) -> dict[str, str]:
    """A button of either topic, the topic itself or one of its sections -> its title."""
    labels = {}
    for tid in ("torture", "police"):
        topic = catalog.pack(lang).topics[tid]
        labels[f"📖 {topic.title}"] = topic.title
        labels |= {f"📖 {topic.title}: {s.title}": s.title for s in topic.sections}
    return labels


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "the police beat me in custody", police_or_torture),
        ("ru", "полицейские избили моего сына в изоляторе", police_or_torture),
        ("kk", "полицейлер ұлымды изоляторда ұрды", police_or_torture),
        ("en", "a stalker follows me and threatens to kill me", stalking),
        ("ru", "он преследует меня и угрожает убить", stalking),
        ("kk", "ол мені аңдып жүр, өлтіремін дейді", stalking),
        ("en", "the police beat my son in custody", police_or_torture),
    ],
)
async def test_danger_words_naming_a_topic_get_the_card_then_the_topic(
    running, catalog, lang, text, expected
):
    """Police violence or a stalker: the emergency card first, then the topic the words name,
    as a second message, so the card is never replaced."""
    api = running.api
    person = Person(api, User(id=2150, language_code=lang))
    before = len(api.bot_messages(person.chat_id))
    card = await person.send(text)
    assert card_numbers(card)[:1] == ["112"], card
    await api.wait_bot_messages(person.chat_id, before + 2)
    first, topics = api.bot_messages(person.chat_id)[before:]
    assert card_numbers(first.text)[0] == "112"
    wanted = expected(catalog, lang)
    labels = [b["text"] for b in topics.buttons()]
    found = [label for label in labels if label in wanted]
    assert found, labels
    await person.press(found[0])  # and the button opens it
    assert wanted[found[0]] in person.screen.text


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
