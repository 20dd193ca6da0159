"""The baseline: a bare aiogram bot with one handler that replies with a fixed text.

Run by bench/bench.py exactly like the real bot: BOT_TOKEN and BOT_API_URL from the
environment, long polling against the local Bot API double.
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message


async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["BOT_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    dp = Dispatcher()

    @dp.message()
    async def reply(message: Message) -> None:
        await message.answer("Hello")

    @dp.callback_query()
    async def press(query: CallbackQuery) -> None:
        await query.answer()

    await dp.start_polling(bot)


if __name__ == "__main__":
    asyncio.run(main())
