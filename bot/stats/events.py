"""The only things the bot counts. /privacy is generated from this list, so it cannot drift.

Each counter is (day, event, key, language) -> count. `key` never holds anything a user typed:
only ids from the content (topic, section, contact, region), a language code, a route name, or
a deep link's campaign and screen (from a poster's link: lower-case letters and digits, and
at most a hundred distinct campaigns a day; see bot.deeplinks).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Event(StrEnum):
    STARTED = "started"
    LANGUAGE = "language"
    TOPIC = "topic"
    SECTION = "section"
    SOURCES = "sources"
    CONTACT = "contact"
    REGION = "region"
    SEARCH = "search"
    EMERGENCY = "emergency"
    QUICK_EXIT = "quick_exit"
    SELFCHECK = "selfcheck"
    HELPFUL = "helpful"
    CAMPAIGN = "campaign"
    SHARED = "shared"


class Route(StrEnum):
    """How the emergency card was reached."""

    BUTTON = "button"
    COMMAND = "command"
    DANGER_WORDS = "danger_words"
    LINK = "link"


@dataclass(frozen=True)
class EventInfo:
    event: Event
    counts: str  # English source text; translated through the interface catalogs
    key: str  # what the key holds, or "" if nothing


def _(text: str) -> str:
    """Marks a string for extraction; translated where it is shown."""
    return text


# How each route reads in a report.
ROUTE_NAMES = {
    Route.BUTTON: _("button"),
    Route.COMMAND: _("command"),
    Route.DANGER_WORDS: _("danger words"),
    Route.LINK: _("link"),
}

EVENTS: tuple[EventInfo, ...] = (
    EventInfo(Event.STARTED, _("conversations started with /start"), ""),
    EventInfo(Event.LANGUAGE, _("languages chosen"), _("the language")),
    EventInfo(Event.TOPIC, _("topics opened"), _("the topic")),
    EventInfo(Event.SECTION, _("sections read"), _("the topic and section")),
    EventInfo(Event.SOURCES, _("source lists opened"), _("the topic and section")),
    EventInfo(Event.CONTACT, _("contact cards opened"), _("the contact")),
    EventInfo(Event.REGION, _("regions chosen"), _("the region")),
    EventInfo(
        Event.SEARCH,
        _("free-text searches"),
        _("the topic found, or 'none' (never the words typed)"),
    ),
    EventInfo(
        Event.EMERGENCY,
        _("emergency cards shown"),
        _("the route: button, command, danger words or link"),
    ),
    EventInfo(Event.QUICK_EXIT, _("quick exits used"), ""),
    EventInfo(Event.SELFCHECK, _("self-checks completed (never the answers)"), ""),
    EventInfo(Event.HELPFUL, _("'was this helpful' answers"), _("the topic and yes or no")),
    EventInfo(
        Event.CAMPAIGN,
        _("links opened from a poster or a shared message"),
        _("the campaign and the screen"),
    ),
    EventInfo(
        Event.SHARED,
        _("help cards shared into another chat (never the words typed, never the chat)"),
        _("the topic or card"),
    ),
)
