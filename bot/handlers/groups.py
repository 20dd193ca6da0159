"""Group chats: the bot talks about violence and rights only in private, and says so."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from ..i18n import Translator
from .filters import in_group_chat, is_command, pressed_in_group_chat


async def point_to_private_chat(message: Message, bot: Bot, tr: Translator) -> None:
    me = await bot.me()
    text = tr.gettext(
        "I answer only in a private chat, so that what you ask stays between you and me. "
        "Tap the button to open it."
    )
    markup = None
    if me.username:
        button = InlineKeyboardButton(
            text=tr.gettext("Open a private chat"), url=f"https://t.me/{me.username}"
        )
        markup = InlineKeyboardMarkup(inline_keyboard=[[button]])
    await message.reply(text, reply_markup=markup)


async def ignore(message: Message) -> None:
    """Ordinary group talk is not for the bot."""


async def group_button(
    query: CallbackQuery, callback_answer: CallbackAnswer, tr: Translator
) -> None:
    callback_answer.text = tr.gettext("Please write to me in a private chat.")


def create_router() -> Router:
    """Commands in groups get a pointer to the private chat; other group messages are ignored."""
    router = Router(name="groups")
    router.message.filter(in_group_chat)
    router.message.register(point_to_private_chat, is_command)
    router.message.register(ignore)
    router.callback_query.filter(pressed_in_group_chat)
    router.callback_query.register(group_button)
    return router
