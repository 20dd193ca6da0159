"""`python -m bot chat`: the real dispatcher and handlers in a terminal, for content editors.

Screens are printed as text with numbered buttons; typing a number presses that button,
anything else is sent as a message. Content is reloaded before every screen, so an edit to a
YAML file shows at once (or its errors do, while the previous content keeps being shown).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetMe,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import Chat, InlineKeyboardMarkup, Message, Update, User

from .app import create_dispatcher
from .content import Catalog
from .content_store import ContentStore
from .i18n import load_translators
from .stats import StatsStore

BOT_USER = User(id=1, is_bot=True, first_name="Preview", username="preview_bot")
EDITOR = {"id": 2, "is_bot": False, "first_name": "Editor"}
TOKEN = "1:preview-preview-preview-preview-preview"
_TAGS = re.compile(r"<[^>]+>")


def as_text(markup_html: str) -> str:
    text = re.sub(r"</?b>", "*", markup_html)
    return html.unescape(_TAGS.sub("", text))


class TerminalSession(BaseSession):
    """Answers the bot's API calls itself and keeps the screen the user would see."""

    def __init__(self, show: Callable[[str], None]) -> None:
        super().__init__()
        self.show = show
        self.text = ""
        self.markup: InlineKeyboardMarkup | None = None
        self._ids = itertools.count(10)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109 - BaseSession's signature
    ) -> Any:
        if isinstance(method, GetMe):
            return BOT_USER
        if isinstance(method, SendMessage | EditMessageText):
            self.text = method.text
            markup = method.reply_markup
            self.markup = markup if isinstance(markup, InlineKeyboardMarkup) else None
            return Message(
                message_id=next(self._ids),
                date=dt.datetime.now(dt.UTC),
                chat=Chat(id=EDITOR["id"], type="private"),
                from_user=BOT_USER,
                text=method.text,
            ).as_(bot)
        if isinstance(method, AnswerCallbackQuery) and method.text:
            self.show(f"  (pop-up: {method.text})")
        return True

    async def stream_content(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover
        raise NotImplementedError

    async def close(self) -> None:
        pass

    def buttons(self) -> list[tuple[str, str]]:
        rows = self.markup.inline_keyboard if self.markup else []
        return [(b.text, b.callback_data or b.url or "") for row in rows for b in row]

    def render(self) -> str:
        lines = ["", "─" * 60, as_text(self.text), ""]
        lines += [f"  [{i}] {label}" for i, (label, _) in enumerate(self.buttons(), start=1)]
        lines.append("─" * 60)
        return "\n".join(lines)


async def chat(
    catalog: Catalog,
    content_dir: Path,
    lang: str,
    lines: Iterator[str],
    show: Callable[[str], None] = print,
) -> None:
    session = TerminalSession(show)
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    with tempfile.TemporaryDirectory() as scratch:
        # Statistics of a preview are not real usage: they go to a throwaway file.
        stats = StatsStore(Path(scratch) / "preview.sqlite3")
        dp = create_dispatcher(
            catalog, load_translators(), stats, register_menu=False, content_dir=content_dir
        )
        content: ContentStore = dp.workflow_data["content"]
        user = {**EDITOR, "language_code": lang}
        counter = itertools.count(1)

        async def feed(kind: str, payload: dict[str, Any]) -> None:
            if content.changed():  # rebuilding the search index costs ~60 ms; only on edits
                for problem in content.reload():
                    show(f"! {problem}")
            update = Update.model_validate({"update_id": next(counter), kind: payload})
            await dp.feed_update(bot, update)
            show(session.render())

        def message(text: str) -> dict[str, Any]:
            return {
                "message_id": next(counter),
                "date": 0,
                "text": text,
                "from": user,
                "chat": {"id": EDITOR["id"], "type": "private"},
            }

        show("Type a button's number to press it, any text to send it, q to quit.")
        await feed("message", message("/start"))
        for raw in lines:
            line = raw.strip()
            if line in ("q", "quit", "exit()"):
                break
            buttons = session.buttons()
            if line.isdigit() and 1 <= int(line) <= len(buttons):
                _label, data = buttons[int(line) - 1]
                if data.startswith("http"):
                    show(f"  (opens {data})")
                    continue
                shown = {
                    "message_id": 1,
                    "date": 0,
                    "from": BOT_USER.model_dump(),
                    "chat": {"id": EDITOR["id"], "type": "private"},
                    "text": "screen",
                }
                query = {
                    "id": str(next(counter)),
                    "from": user,
                    "chat_instance": "preview",
                    "data": data,
                    "message": shown,
                }
                await feed("callback_query", query)
            elif line:
                await feed("message", message(line))
        await stats.close()
        await bot.session.close()
