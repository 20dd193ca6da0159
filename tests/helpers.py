"""What the tests share: the bot built as production builds it, one polling harness, and a
person who types and presses buttons by their labels, as a user does."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher

from bot.app import Services, create_bot, create_dispatcher
from bot.content import Catalog, ContactText
from bot.content_store import ContentStore
from bot.i18n import Translator
from bot.middlewares.flood import FloodControl
from bot.settings import Settings
from bot.stats import StatsStore

from .bot_api_double import BotApiDouble, ChatMessage, User

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
TOKEN = "123456789:AAExampleExampleExampleExampleExam"
ADMIN_ID = 4242


def replace(root: Path, rel: str, old: str, new: str) -> int:
    """Replace the only occurrence of `old` in <root>/<rel>; return the line it started on."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def set_line(root: Path, rel: str, prefix: str, new: str, *, after: str | None = None) -> int:
    """Replace the first line of <root>/<rel> that starts with `prefix` (the first after the
    line that starts with `after`, if given) with `new`; return its line number. For values an
    editor may change (a date, a list), so a test does not depend on what they are today."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    start = (
        0 if after is None else next(i for i, line in enumerate(lines) if line.startswith(after))
    )
    index = next((i for i in range(start, len(lines)) if lines[i].startswith(prefix)), None)
    assert index is not None, f"no line starting with {prefix!r} in {rel}"
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def card_text(text: ContactText) -> str:
    """What the emergency card says about a contact: its short 'card' line, else its 'when'."""
    return text.card or text.when


def unlimited() -> FloodControl:
    """Tests press buttons far faster than a person; flood control has its own tests."""
    return FloodControl(rate=1e6, burst=1e6)


def make_services(
    catalog: Catalog,
    translators: dict[str, Translator],
    stats: StatsStore,
    *,
    content_dir: Path | None = None,
    **overrides: Any,
) -> Services:
    """The services of a test bot: no flood control, no profile registration, one admin."""
    options: dict[str, Any] = {
        "flood": unlimited(),
        "register_menu": False,
        "admin_ids": frozenset({ADMIN_ID}),
        **overrides,
    }
    return Services(ContentStore(catalog, content_dir), translators, stats, **options)


@dataclass
class RunningBot:
    """The real bot, long polling the Bot API double."""

    api: BotApiDouble
    services: Services
    dp: Dispatcher
    bot: Bot
    task: asyncio.Task[None]

    @property
    def stats(self) -> StatsStore:
        return self.services.stats

    @property
    def content(self) -> ContentStore:
        return self.services.content

    async def stop(self) -> None:
        if not self.task.done():
            await self.dp.stop_polling()
        await asyncio.wait_for(self.task, 5)


@contextlib.asynccontextmanager
async def polling(
    api: BotApiDouble, services: Services, **settings: Any
) -> AsyncIterator[RunningBot]:
    """Start the bot polling `api`, as `python -m bot run` would, and stop it afterwards."""
    bot = create_bot(Settings(token=TOKEN, api_url=api.base_url, **settings))
    dp = create_dispatcher(services)
    task = asyncio.create_task(
        dp.start_polling(
            bot,
            handle_signals=False,
            polling_timeout=1,
            allowed_updates=dp.resolve_used_update_types(),
        )
    )
    running = RunningBot(api, services, dp, bot, task)
    try:
        await api.wait_polling()
        yield running
    finally:
        await running.stop()  # a test may have stopped it already, to check the shutdown flush


class Person:
    """Someone in a private chat with the bot over the double: types, and presses buttons by
    their labels on the bot's last message, then waits for the bot as a person would."""

    def __init__(self, api: BotApiDouble, user: User) -> None:
        self.api = api
        self.user = user

    @property
    def chat_id(self) -> int:
        return int(self.user.chat["id"])

    @property
    def screen(self) -> ChatMessage:
        return self.api.last_bot_message(self.chat_id)

    def labels(self) -> list[str]:
        return [b["text"] for b in self.screen.buttons()]

    async def send(self, text: str, timeout: float = 10.0) -> str:
        """Send `text` and return the text of the bot's next message in this chat."""
        before = len(self.api.bot_messages(self.chat_id))
        await self.api.send_text(self.user, text)
        await self.api.wait_bot_messages(self.chat_id, before + 1, timeout=timeout)
        return self.api.bot_messages(self.chat_id)[-1].text

    async def send_expecting(
        self, text: str, replies: int, timeout: float = 10.0
    ) -> list[ChatMessage]:
        """Send `text` and wait for all `replies` bot messages it gets (danger words get two
        when they also name a topic); returns them in order."""
        before = len(self.api.bot_messages(self.chat_id))
        await self.api.send_text(self.user, text)
        await self.api.wait_bot_messages(self.chat_id, before + replies, timeout=timeout)
        return self.api.bot_messages(self.chat_id)[before:]

    async def press(self, label: str) -> dict[str, Any]:
        """Press the button labelled `label` on the bot's last message; returns the answered
        callback query (its pop-up text, if any, is under "text")."""
        message = self.screen
        data = next(
            (b.get("callback_data") for b in message.buttons() if b["text"] == label), None
        )
        assert data is not None, f"no button {label!r} on the screen; there are {self.labels()}"
        return await self.press_data(data, message)

    async def press_data(
        self, data: str, message: ChatMessage | None = None, *, forged: bool = False
    ) -> dict[str, Any]:
        """Press by raw callback data: for forged or stale buttons, and for the crawl, which
        presses each distinct button once (one label can lead to different screens)."""
        query_id = await self.api.press(self.user, message or self.screen, data, forged=forged)
        return await self.api.wait_answered(query_id)
