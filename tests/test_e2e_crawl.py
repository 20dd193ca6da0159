"""The real bot over HTTP against the Bot API double: every button reachable from /start.

The crawl enumerates the buttons' callback data, not their labels: the same button (say
"⬅️ Back") leads to different screens, and each distinct press needs pressing only once."""

from __future__ import annotations

import html
import re

import pytest
from aiogram.filters.callback_data import CallbackData

from bot.callbacks import (
    Feedback,
    Go,
    OpenContact,
    OpenRegion,
    OpenSection,
    OpenSources,
    OpenTopic,
    Place,
    SelfCheckStep,
    SetLanguage,
    TopicContacts,
)
from bot.content import LANGUAGES, Catalog, unknown_numbers
from bot.i18n import Translator

from .bot_api_double import ChatMessage, User
from .helpers import Person

HOME = Go(to=Place.HOME).pack()
SOS = Go(to=Place.SOS).pack()
EXIT = Go(to=Place.EXIT).pack()
KINDS: dict[str, type[CallbackData]] = {
    kind.__prefix__: kind
    for kind in (
        Go,
        OpenTopic,
        OpenSection,
        OpenSources,
        TopicContacts,
        OpenContact,
        OpenRegion,
        SelfCheckStep,
        Feedback,
        SetLanguage,
    )
}


def unpack(data: str) -> CallbackData:
    return KINDS[data.split(":", 1)[0]].unpack(data)


def worth_pressing(data: str) -> bool:
    """Every button, except other languages and self-check answers that mix yes and no: all-yes
    and all-no reach every question and both results without walking all 2^n answer paths."""
    button = unpack(data)
    if isinstance(button, SetLanguage):
        return False
    return not isinstance(button, SelfCheckStep) or len(set(button.answers)) <= 1


HREF = re.compile(r"href=\"([^\"]*)\"")
# A document code such as adilet's K1400000226 is a name, not a number anyone could dial.
DOCUMENT_CODE = re.compile(r"(?<=[A-Za-z])\d+")


def defined_urls(catalog: Catalog) -> frozenset[str]:
    """Every address a screen may link to: contacts, their sources, the sections' sources."""
    urls = {c.url for c in catalog.contacts.values() if c.url}
    urls |= {c.source for c in catalog.contacts.values()}
    urls |= {s.url for s in catalog.sources.values() if s.url}
    return frozenset(urls)


def without(text: str, urls: frozenset[str]) -> str:
    """The text less the defined addresses it shows (a card shows its contact's address)."""
    for url in sorted(urls, key=len, reverse=True):
        text = text.replace(url, "")
    return text


def links(screen: ChatMessage) -> list[str]:
    """The addresses a screen links to, in its text and on its buttons."""
    found = [html.unescape(url) for url in HREF.findall(screen.raw)]
    return found + [b["url"] for b in screen.buttons() if "url" in b]


def check_section(
    screen: ChatMessage, catalog: Catalog, tr: Translator, lang: str, data: str
) -> None:
    """A section with a legal basis ends with it, in italics: the laws and their articles."""
    button = unpack(data)
    assert isinstance(button, OpenSection)
    section = catalog.pack(lang).topics[button.topic].section(button.section)
    assert section is not None
    prefix, _, suffix = tr.gettext("Legal basis: {laws}.").partition("{laws}")
    last = screen.text.rstrip().split("\n")[-1]
    if not section.basis:
        assert not last.startswith(prefix), (data, last)
        return
    assert last.startswith(prefix), (data, last)
    assert last.endswith(suffix), (data, last)
    assert screen.raw.rstrip().split("\n")[-1].startswith("<i>"), data
    for citation in section.basis:
        assert catalog.laws[citation.law].names[lang] in last, (data, citation)
        if citation.article:
            number = rf"(?<![\d-]){re.escape(citation.article)}(?!\d|-\d)"  # kk: "73-бап"
            assert re.search(number, last), (data, citation)


async def replay(person: Person, path: list[str]) -> None:
    await person.send("/start")
    for data in path:
        await person.press_data(data)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_crawl_every_button(running, catalog, translators, lang):
    """Press every button reachable from /start; each press answered, nothing rejected,
    every screen fits, shows only defined numbers, links only to defined addresses and has a
    way home; every section ends with its legal basis and opens its sources."""
    api = running.api
    tr = translators[lang]
    person = Person(api, User(id=1000 + LANGUAGES.index(lang), language_code=lang))
    known = catalog.known_numbers
    urls = defined_urls(catalog)
    sources_shown: set[tuple[str, str]] = set()
    await person.send("/start")
    home = person.screen
    assert HOME not in home.callback_data()
    assert SOS in home.callback_data()
    assert EXIT in home.callback_data()

    # breadth-first over callback data; a path is replayed from a fresh /start each time
    paths: dict[str, list[str]] = {}
    queue: list[list[str]] = [[]]
    while queue:
        path = queue.pop(0)
        await replay(person, path)
        for data in person.screen.callback_data():
            if data in paths or not worth_pressing(data):
                continue
            paths[data] = [*path, data]
            await person.press_data(data)
            if data == EXIT:
                (left,) = api.chat(person.chat_id)
                assert left.text == catalog.pack(lang).safety.exit_message
            else:
                shown = person.screen
                assert len(shown.text.encode("utf-16-le")) // 2 <= 3900, data
                numbers = DOCUMENT_CODE.sub("", without(shown.text, urls))
                assert not unknown_numbers(numbers, known), (data, shown.text)
                for url in links(shown):
                    assert url in urls or url.startswith("https://t.me/"), (data, url)
                button = unpack(data)
                if isinstance(button, OpenSection):
                    check_section(shown, catalog, tr, lang, data)
                if isinstance(button, OpenSources) and shown.text.startswith("📚 "):
                    section = catalog.pack(lang).topics[button.topic].section(button.section)
                    assert section is not None
                    assert section.title in shown.text.split("\n")[0], data
                    sources_shown.add((button.topic, button.section))
                if data != HOME:
                    assert HOME in shown.callback_data(), f"no way home from {data}"
                assert SOS in shown.callback_data(), f"no SOS button on {data}"
                assert EXIT in shown.callback_data(), f"no quick exit on {data}"
                # explored later only if it has a button not pressed yet (a screen's buttons
                # are known now, so leaves such as a sources list cost no second visit)
                if any(d not in paths and worth_pressing(d) for d in shown.callback_data()):
                    queue.append(paths[data])
            await replay(person, path)

    pressed = [unpack(data) for data in paths]
    assert {b.topic for b in pressed if isinstance(b, OpenTopic)} == set(catalog.topic_order)
    sections = sum(len(t.sections) for t in catalog.pack(lang).topics.values())
    assert sum(isinstance(b, OpenSection) for b in pressed) == sections
    every_section = {
        (topic.id, section.id)
        for topic in catalog.pack(lang).topics.values()
        for section in topic.sections
    }
    assert sources_shown == every_section  # each section's "📚 Sources" opens its sources
    assert {b.region for b in pressed if isinstance(b, OpenRegion)} == set(catalog.regions)
    questions = len(catalog.pack(lang).safety.selfcheck.questions)
    assert SelfCheckStep(answers="y" * questions).pack() in paths
    assert SelfCheckStep(answers="n" * questions).pack() in paths
    assert not api.rejected, [(r.method, r.error) for r in api.rejected]
    assert all(q["answered"] for q in api.queries.values())
    # every screen is in the user's language, not the fallback
    assert re.search(r"[а-яәғқңөұүһі]" if lang != "en" else r"[a-z]", home.text)
