"""The real bot over HTTP against the Bot API double: every button reachable from /start."""

from __future__ import annotations

import re

import pytest

from bot.callbacks import Nav, To
from bot.content import LANGUAGES, unknown_numbers

from .bot_api_double import User

HOME = Nav(to=To.HOME).pack()
SOS = Nav(to=To.SOS).pack()
EXIT = Nav(to=To.EXIT).pack()


def worth_pressing(data: str) -> bool:
    """Every button, except self-check answers that mix yes and no: all-yes and all-no reach
    every question and both results without walking all 2^n answer paths."""
    if not data.startswith("n:"):
        return True
    nav = Nav.unpack(data)
    return nav.to is not To.QUIZ or len(set(nav.item)) <= 1


async def start(api, user: User) -> None:
    before = len(api.bot_messages(user.id))
    await api.send_text(user, "/start")
    await api.wait_bot_messages(user.id, before + 1)


async def press(api, user: User, data: str) -> str:
    message = api.last_bot_message(user.id)
    query_id = await api.press(user, message, data)
    await api.wait_answered(query_id)
    return api.last_bot_message(user.id).text


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_crawl_every_button(running, catalog, lang):
    """Press every button reachable from /start; each press answered, nothing rejected,
    every screen fits, shows only defined numbers and has a way home."""
    api = running.api
    user = User(id=1000 + LANGUAGES.index(lang), language_code=lang)
    known = frozenset(catalog.phone_numbers | set(catalog.other_numbers))
    await start(api, user)
    home = api.last_bot_message(user.id)
    assert HOME not in home.callback_data()
    assert SOS in home.callback_data()
    assert EXIT in home.callback_data()

    # breadth-first over callback data; a path is replayed from a fresh /start each time
    paths: dict[str, list[str]] = {}
    queue: list[list[str]] = [[]]
    seen_topics: set[str] = set()
    while queue:
        path = queue.pop(0)
        await start(api, user)
        for data in path:
            await press(api, user, data)
        screen = api.last_bot_message(user.id)
        for data in screen.callback_data():
            if data in paths or data.startswith("l:") or not worth_pressing(data):
                continue
            paths[data] = [*path, data]
            if data == EXIT:
                await press(api, user, data)
                (left,) = api.chat(user.id)
                assert left.text == catalog.pack(lang).safety.exit_message
                await start(api, user)
                for step in path:
                    await press(api, user, step)
                continue
            text = await press(api, user, data)
            shown = api.last_bot_message(user.id)
            assert len(text.encode("utf-16-le")) // 2 <= 3900, data
            assert not unknown_numbers(text, known), (data, unknown_numbers(text, known))
            if data != HOME:
                assert HOME in shown.callback_data(), f"no way home from {data}"
            assert SOS in shown.callback_data(), f"no SOS button on {data}"
            assert EXIT in shown.callback_data(), f"no quick exit on {data}"
            unpacked = Nav.unpack(data) if data.startswith("n:") else None
            if unpacked and unpacked.to is To.TOPIC:
                seen_topics.add(unpacked.topic)
            queue.append(paths[data])
            await start(api, user)
            for step in path:
                await press(api, user, step)

    assert seen_topics == set(catalog.topic_order)
    sections = sum(len(t.sections) for t in catalog.pack(lang).topics.values())
    assert sum(1 for d in paths if d.startswith("n:sec:")) == sections
    reached_regions = {Nav.unpack(d).item for d in paths if d.startswith("n:reg:")}
    assert reached_regions == set(catalog.regions)
    questions = len(catalog.pack(lang).safety.selfcheck.questions)
    assert Nav(to=To.QUIZ, item="y" * questions).pack() in paths
    assert Nav(to=To.QUIZ, item="n" * questions).pack() in paths
    assert not api.rejected, [(r.method, r.error) for r in api.rejected]
    assert all(q["answered"] for q in api.queries.values())
    # every screen is in the user's language, not the fallback
    assert re.search(r"[а-яәғқңөұүһі]" if lang != "en" else r"[a-z]", home.text)
