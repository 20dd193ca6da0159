"""The real bot over HTTP against the Bot API double: every button reachable from /start.

The crawl enumerates the buttons' callback data, not their labels: the same button (say
"⬅️ Back") leads to different screens, and each distinct press needs pressing only once."""

from __future__ import annotations

import re

import pytest
from aiogram.filters.callback_data import CallbackData

from bot.callbacks import (
    Feedback,
    Go,
    OpenContact,
    OpenRegion,
    OpenSection,
    OpenTopic,
    Place,
    SelfCheckStep,
    SetLanguage,
    TopicContacts,
)
from bot.content import LANGUAGES, unknown_numbers

from .bot_api_double import User
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


async def replay(person: Person, path: list[str]) -> None:
    await person.send("/start")
    for data in path:
        await person.press_data(data)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_crawl_every_button(running, catalog, lang):
    """Press every button reachable from /start; each press answered, nothing rejected,
    every screen fits, shows only defined numbers and has a way home."""
    api = running.api
    person = Person(api, User(id=1000 + LANGUAGES.index(lang), language_code=lang))
    known = frozenset(catalog.phone_numbers | set(catalog.other_numbers))
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
                assert not unknown_numbers(shown.text, known), (data, shown.text)
                if data != HOME:
                    assert HOME in shown.callback_data(), f"no way home from {data}"
                assert SOS in shown.callback_data(), f"no SOS button on {data}"
                assert EXIT in shown.callback_data(), f"no quick exit on {data}"
                queue.append(paths[data])
            await replay(person, path)

    pressed = [unpack(data) for data in paths]
    assert {b.topic for b in pressed if isinstance(b, OpenTopic)} == set(catalog.topic_order)
    sections = sum(len(t.sections) for t in catalog.pack(lang).topics.values())
    assert sum(isinstance(b, OpenSection) for b in pressed) == sections
    assert {b.region for b in pressed if isinstance(b, OpenRegion)} == set(catalog.regions)
    questions = len(catalog.pack(lang).safety.selfcheck.questions)
    assert SelfCheckStep(answers="y" * questions).pack() in paths
    assert SelfCheckStep(answers="n" * questions).pack() in paths
    assert not api.rejected, [(r.method, r.error) for r in api.rejected]
    assert all(q["answered"] for q in api.queries.values())
    # every screen is in the user's language, not the fallback
    assert re.search(r"[а-яәғқңөұүһі]" if lang != "en" else r"[a-z]", home.text)
