"""/start with a deep link's payload (a poster's QR code, a shared message): sets the language
the link names, as choosing it would (memory only), and opens the screen it names. Routed
before the language gate, because it sets the language. A payload that does not parse falls
through to the plain /start: the home screen, or the picker while no language is known."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from ..deeplinks import Campaigns, Link, parse
from ..memory import LanguageStore
from ..middlewares.flood import URGENT
from ..screens import Screens
from ..stats import Event, StatsStore
from ..stats.events import Route
from ..views import Screen
from .reply import send

HOME = "home"  # how a link that opened the home screen is counted


async def readable_link(message: Message, command: CommandObject) -> bool | dict[str, Any]:
    link = parse(command.args)
    return False if link is None else {"link": link}


def screen_for(link: Link, screens: Screens) -> tuple[Screen, str]:
    """The screen a link opens, and what was opened (a content id or a screen name)."""
    lang = link.lang
    fixed = {
        "sos": screens.emergency,
        "help": screens.help_contacts,
        "regions": screens.regions,
    }
    if link.target in fixed:
        return fixed[link.target](lang), link.target
    if link.target == "quiz":
        quiz = screens.selfcheck(lang, "")
        if quiz is not None:
            return quiz, link.target
    if link.is_topic:
        topic = screens.topic(lang, link.target)
        if topic is not None:
            return topic, link.target
    # No target, or a topic the content does not have (any more): the home screen.
    return screens.home(lang), HOME


async def open_link(
    message: Message,
    link: Link,
    memory: LanguageStore,
    stats: StatsStore,
    screens: Screens,
    campaigns: Campaigns,
) -> None:
    if message.from_user is not None:
        await memory.set(message.from_user.id, link.lang)
    screen, opened = screen_for(link, screens)
    stats.record(Event.STARTED, "", link.lang)
    if opened == "sos":
        stats.record(Event.EMERGENCY, Route.LINK, link.lang)
    elif link.is_topic and opened == link.target:
        stats.record(Event.TOPIC, opened, link.lang)
    if link.campaign:
        campaign = campaigns.admit(stats.today().isoformat(), link.campaign)
        stats.record(Event.CAMPAIGN, f"{campaign}/{opened}", link.lang)
    await send(message, screen)


def create_router() -> Router:
    router = Router(name="deeplink")
    router.message.register(open_link, CommandStart(deep_link=True), readable_link, flags=URGENT)
    return router
