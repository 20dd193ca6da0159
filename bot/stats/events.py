"""The only things the bot counts. /privacy is generated from this list, so it cannot drift.

Each counter is (day, event, key, language) -> count. `key` never holds anything a user typed:
only ids from the content (topic, section, contact, region), a language code or a route name.
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


class Route(StrEnum):
    """How the emergency card was reached."""

    BUTTON = "button"
    COMMAND = "command"
    DANGER_WORDS = "danger_words"


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
        _("the route: button, command or danger words"),
    ),
    EventInfo(Event.QUICK_EXIT, _("quick exits used"), ""),
    EventInfo(Event.SELFCHECK, _("self-checks completed (never the answers)"), ""),
    EventInfo(Event.HELPFUL, _("'was this helpful' answers"), _("the topic and yes or no")),
)
