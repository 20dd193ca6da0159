"""What a test user does over the Bot API double, waiting for the bot as a person would."""

from __future__ import annotations

from .bot_api_double import BotApiDouble, User


async def send(api: BotApiDouble, user: User, text: str, timeout: float = 10.0) -> str:
    """Send `text` and return the bot's next message in that chat."""
    chat = user.chat["id"]
    before = len(api.bot_messages(chat))
    await api.send_text(user, text)
    await api.wait_bot_messages(chat, before + 1, timeout=timeout)
    return api.bot_messages(chat)[-1].text


async def press(api: BotApiDouble, user: User, data: str, *, forged: bool = False) -> dict:
    """Press a button on the bot's last message and return the answered callback query."""
    query_id = await api.press(user, api.last_bot_message(user.id), data, forged=forged)
    return await api.wait_answered(query_id)
