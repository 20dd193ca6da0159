"""Group chats: the bot talks about violence and rights only in private, and says so."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from .. import views
from ..filters import in_group_chat, is_command
from ..i18n import Translator


async def point_to_private_chat(message: Message, bot: Bot, tr: Translator) -> None:
    me = await bot.me()
    screen = views.group_pointer(tr, me.username)
    await message.reply(screen.text, reply_markup=screen.markup)


async def group_button(
    query: CallbackQuery, callback_answer: CallbackAnswer, tr: Translator
) -> None:
    callback_answer.text = tr.gettext("Please write to me in a private chat.")


def create_router() -> Router:
    """Commands in groups get a pointer to the private chat; other group talk is not for the
    bot, and no handler takes it."""
    router = Router(name="groups")
    router.message.filter(in_group_chat)
    router.callback_query.filter(in_group_chat)
    router.message.register(point_to_private_chat, is_command)
    router.callback_query.register(group_button)
    return router
