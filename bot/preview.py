"""The real dispatcher and handlers without Telegram: `python -m bot chat` for content editors,
and the client the tests and the screen crawl use to send text and press buttons by label.

Screens are kept as Telegram would show them; a button is pressed by its label, so callers never
build callback data by hand.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import re
import tempfile
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    DeleteMessages,
    EditMessageText,
    GetMe,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import Chat, InlineKeyboardMarkup, Message, Update, User

from .app import Services, create_dispatcher
from .content import Catalog
from .content_store import ContentStore
from .i18n import load_translators
from .middlewares.flood import FloodControl
from .middlewares.tracking import track_bot
from .stats import StatsStore

BOT_USER = User(id=1, is_bot=True, first_name="Preview", username="preview_bot")
EDITOR_ID = 2
TOKEN = "1:preview-preview-preview-preview-preview"
_TAGS = re.compile(r"<[^>]+>")


def as_text(markup_html: str) -> str:
    text = re.sub(r"</?b>", "*", markup_html)
    return html.unescape(_TAGS.sub("", text))


class PreviewSession(BaseSession):
    """Answers the bot's API calls itself and keeps what the user would see."""

    def __init__(self, show: Callable[[str], None] = lambda _line: None) -> None:
        super().__init__()
        self.show = show
        self.text = ""
        self.markup: InlineKeyboardMarkup | None = None
        self.sent: list[str] = []  # every text the bot sent or edited, in order
        self.popup: str | None = None
        self.deleted: list[int] = []
        self.calls: list[TelegramMethod[Any]] = []  # every Bot API call, in order
        self._ids = itertools.count(10)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109 - BaseSession's signature
    ) -> Any:
        self.calls.append(method)
        if isinstance(method, GetMe):
            return BOT_USER
        if isinstance(method, SendMessage | EditMessageText):
            self.text = method.text or ""
            self.sent.append(self.text)
            markup = method.reply_markup
            self.markup = markup if isinstance(markup, InlineKeyboardMarkup) else None
            return Message(
                message_id=next(self._ids),
                date=dt.datetime.now(dt.UTC),
                chat=Chat(id=int(method.chat_id or EDITOR_ID), type="private"),
                from_user=BOT_USER,
                text=method.text,
            ).as_(bot)
        if isinstance(method, AnswerCallbackQuery):
            self.popup = method.text
            if method.text:
                self.show(f"  (pop-up: {method.text})")
        if isinstance(method, DeleteMessages):
            self.deleted += method.message_ids
        if isinstance(method, DeleteMessage):
            self.deleted.append(method.message_id)
        return True

    def stream_content(  # pragma: no cover - the bot downloads no files
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError

    async def close(self) -> None:
        pass

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data or url) of every button on the screen shown."""
        rows = self.markup.inline_keyboard if self.markup else []
        return [(b.text, b.callback_data or b.url or "") for row in rows for b in row]

    def is_link(self, label: str) -> bool:
        return any(text == label and data.startswith("http") for text, data in self.buttons())

    def render(self) -> str:
        lines = ["", "─" * 60, as_text(self.text), ""]
        lines += [f"  [{i}] {label}" for i, (label, _) in enumerate(self.buttons(), start=1)]
        lines.append("─" * 60)
        return "\n".join(lines)


class Preview:
    """One person talking to the real dispatcher, in memory: `send` text, `press` by label."""

    def __init__(
        self,
        catalog: Catalog,
        content_dir: Path | None,
        lang: str | None,
        scratch: Path,
        show: Callable[[str], None] = lambda _line: None,
        *,
        user_id: int = EDITOR_ID,
        **services: Any,
    ) -> None:
        """`services` override the defaults of bot.app.Services (memory, conversation…)."""
        self.session = PreviewSession(show)
        self.bot = Bot(
            TOKEN, session=self.session, default=DefaultBotProperties(parse_mode="HTML")
        )
        # Statistics of a preview are not real usage: they go to a throwaway file.
        self.stats: StatsStore = services.pop("stats", None) or StatsStore(
            scratch / "preview.sqlite3"
        )
        self.services = Services(
            content=ContentStore(catalog, content_dir),
            translators=load_translators(),
            stats=self.stats,
            flood=FloodControl(rate=1e6, burst=1e6),  # a preview presses faster than a person
            register_menu=False,
            **services,
        )
        self.content = self.services.content
        self.dp: Dispatcher = create_dispatcher(self.services)
        track_bot(self.bot, self.services.conversation)  # a quick exit knows what was sent
        self.chat_id = user_id
        self.user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Editor"}
        if lang is not None:
            self.user["language_code"] = lang
        self.show = show
        self._counter = itertools.count(1)

    async def __aenter__(self) -> Preview:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stats.close()
        await self.bot.session.close()

    async def feed(self, kind: str, payload: dict[str, Any]) -> None:
        self.session.popup = None
        update = Update.model_validate({"update_id": next(self._counter), kind: payload})
        await self.dp.feed_update(self.bot, update)

    async def send(self, text: str) -> str:
        """Send a message as the user; returns the text of the screen shown afterwards."""
        await self.feed(
            "message",
            {
                "message_id": next(self._counter),
                "date": 0,
                "text": text,
                "from": self.user,
                "chat": {"id": self.chat_id, "type": "private"},
            },
        )
        return self.session.text

    async def press(self, label: str) -> str:
        """Press the button with this label on the screen shown; returns the new screen's text."""
        data = next((d for text, d in self.session.buttons() if text == label), None)
        if data is None:
            raise LookupError(f"no button {label!r} on this screen: {self.session.buttons()}")
        await self.press_data(data)
        return self.session.text

    async def press_data(self, data: str) -> None:
        """Press a button by its raw callback data (for forged or stale data)."""
        shown = {
            "message_id": 1,
            "date": 0,
            "from": BOT_USER.model_dump(),
            "chat": {"id": self.chat_id, "type": "private"},
            "text": "screen",
        }
        query = {
            "id": str(next(self._counter)),
            "from": self.user,
            "chat_instance": "preview",
            "data": data,
            "message": shown,
        }
        await self.feed("callback_query", query)


async def chat(
    catalog: Catalog,
    content_dir: Path,
    lang: str,
    lines: Iterator[str],
    show: Callable[[str], None] = print,
) -> None:
    """Screens are printed as text with numbered buttons; typing a number presses that button,
    anything else is sent as a message. Content is reloaded when a file changes, so an edit to
    a YAML file shows at once (or its errors do, while the previous content keeps being shown)."""
    with tempfile.TemporaryDirectory() as scratch:
        await _chat(Preview(catalog, content_dir, lang, Path(scratch), show), lines, show)


async def _chat(preview: Preview, lines: Iterator[str], show: Callable[[str], None]) -> None:
    async with preview:

        async def step(action: Callable[[], Awaitable[object]]) -> None:
            if preview.content.changed():  # rebuilding the search index costs ~60 ms
                for problem in preview.content.reload_here():
                    show(f"! {problem}")
            await action()
            show(preview.session.render())

        show("Type a button's number to press it, any text to send it, q to quit.")
        await step(lambda: preview.send("/start"))
        for raw in lines:
            line = raw.strip()
            if line in ("q", "quit", "exit()"):
                break
            buttons = preview.session.buttons()
            if line.isdigit() and 1 <= int(line) <= len(buttons):
                _label, data = buttons[int(line) - 1]
                if data.startswith("http"):
                    show(f"  (opens {data})")
                    continue
                await step(functools.partial(preview.press_data, data))
            elif line:
                await step(functools.partial(preview.send, line))
