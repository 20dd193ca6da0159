"""Puts the user's language into every handler's arguments, and the danger-words match."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject, User

from ..content import LANGUAGES
from ..content_store import ContentStore
from ..i18n import Translator
from ..memory import LanguageStore


def language_from_telegram(code: str | None) -> str | None:
    """'kk', 'ru-RU', 'en-US' -> the language we serve; anything else -> None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else None


class ContextMiddleware(BaseMiddleware):
    """Adds `lang` (None until known: the language gate answers those), `tr` (its interface
    strings, English until known) and `danger_lang` (the language of danger words in a
    message, if any)."""

    def __init__(
        self, memory: LanguageStore, translators: dict[str, Translator], content: ContentStore
    ) -> None:
        self.memory = memory
        self.translators = translators
        self.content = content

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        lang = None
        if user is not None:
            lang = await self.memory.get(user.id) or language_from_telegram(user.language_code)
        data["lang"] = lang
        data["tr"] = self.translators[lang or "en"]
        # Matched once here, before any filter: danger words win over everything but commands.
        text = (event.text or event.caption or "") if isinstance(event, Message) else ""
        data["danger_lang"] = self.content.danger.match(text) if text and text[0] != "/" else None
        return await handler(event, data)
