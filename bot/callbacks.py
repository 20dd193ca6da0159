"""Callback data of every inline button: short ASCII ids, packed by aiogram's factories."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class To(StrEnum):
    HOME = "home"
    SOS = "sos"
    EXIT = "exit"
    QUIZ = "quiz"
    HELPFUL = "fb"
    TOPIC = "topic"
    SECTION = "sec"
    TOPIC_CONTACTS = "tc"
    HELP = "help"
    CONTACT = "card"
    LANGUAGES = "lang"
    REGIONS = "regs"
    REGION = "reg"


class Nav(CallbackData, prefix="n"):
    """Opens a screen. `topic` and `item` are content ids (at most 20 ASCII characters each)."""

    to: To
    topic: str = ""
    item: str = ""


class SetLanguage(CallbackData, prefix="l"):
    code: str
