"""Buttons and the rows every screen ends with."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from ..callbacks import Feedback, Go, Place
from ..i18n import Translator

Row = list[InlineKeyboardButton]


def button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=label, callback_data=data.pack())


def go(label: str, to: Place) -> InlineKeyboardButton:
    return button(label, Go(to=to))


def nav_rows(tr: Translator, back: CallbackData | None) -> list[Row]:
    """Every screen ends with a way back, a way home, SOS and the quick exit."""
    row = []
    if back is not None:
        row.append(button(tr.gettext("⬅️ Back"), back))
    row.append(go(tr.gettext("🏠 Home"), Place.HOME))
    return [row, safety_row(tr)]


def safety_row(tr: Translator) -> Row:
    return [go(tr.gettext("🆘 SOS"), Place.SOS), go(tr.gettext("🚪 Quick exit"), Place.EXIT)]


def feedback_row(tr: Translator, topic_id: str) -> Row:
    return [
        button(tr.gettext("👍 Helpful"), Feedback(topic=topic_id, helpful=True)),
        button(tr.gettext("👎 Not helpful"), Feedback(topic=topic_id, helpful=False)),
    ]


def share_row(tr: Translator, query: str) -> Row:
    """Opens the chat list; in the chat chosen, `@<bot> <query>` offers the cards to send."""
    label = tr.gettext("📤 Share with a friend")
    return [InlineKeyboardButton(text=label, switch_inline_query=query)]


def pairs(buttons: list[InlineKeyboardButton]) -> list[Row]:
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def markup(rows: list[Row]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=rows)
