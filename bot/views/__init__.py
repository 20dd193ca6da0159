"""Screens: the text and buttons a user sees, built from the catalog and the interface strings.
Pure functions: no aiogram dispatching, no I/O; bot.screens caches what they build."""

from .content import (
    contact_card,
    emergency,
    fallback,
    help_contacts,
    home,
    language_picker,
    nothing_found,
    region,
    regions,
    search_results,
    section,
    selfcheck,
    sources,
    topic,
    topic_contacts,
)
from .format import Screen, card_label, clip, contact_line
from .info import group_pointer, privacy, reload_report, stats_report
from .inline import inline_results, read_result_id

__all__ = [
    "Screen",
    "card_label",
    "clip",
    "contact_card",
    "contact_line",
    "emergency",
    "fallback",
    "group_pointer",
    "help_contacts",
    "home",
    "inline_results",
    "language_picker",
    "nothing_found",
    "privacy",
    "read_result_id",
    "region",
    "regions",
    "reload_report",
    "search_results",
    "section",
    "selfcheck",
    "sources",
    "stats_report",
    "topic",
    "topic_contacts",
]
