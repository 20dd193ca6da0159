"""Callback data of every inline button: one class per action, short ASCII ids, packed by
aiogram's factories. A handler registers for exactly one of them, so nothing is decoded twice."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class Place(StrEnum):
    """Screens that need no id."""

    HOME = "home"
    SOS = "sos"
    EXIT = "exit"
    HELP = "help"
    LANGUAGES = "lang"
    REGIONS = "regs"


class Go(CallbackData, prefix="g"):
    to: Place


class OpenTopic(CallbackData, prefix="t"):
    topic: str  # content ids are at most 20 ASCII characters


class OpenSection(CallbackData, prefix="s"):
    topic: str
    section: str


class OpenSources(CallbackData, prefix="src"):
    """Where a section's facts come from."""

    topic: str
    section: str


class TopicContacts(CallbackData, prefix="tc"):
    topic: str


class OpenContact(CallbackData, prefix="c"):
    contact: str
    topic: str = ""  # the topic whose contact list it was opened from, for "Back"


class OpenRegion(CallbackData, prefix="r"):
    region: str


class SelfCheckStep(CallbackData, prefix="q"):
    """The answers so far, one letter each (y/n): they live only in the button."""

    answers: str = ""


class Feedback(CallbackData, prefix="f"):
    topic: str
    helpful: bool


class SetLanguage(CallbackData, prefix="l"):
    code: str
