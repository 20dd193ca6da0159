"""Puts the user's language and the current content into every handler's arguments."""

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
    """Adds `lang` (None until known), `tr`, `catalog`, `pack`, `search` and `danger_lang`
    (the language of the danger words in a message, if any) to the handler data."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        memory: LanguageStore = data["memory"]
        translators: dict[str, Translator] = data["translators"]
        store: ContentStore = data["content"]
        user: User | None = data.get("event_from_user")
        lang = None
        if user is not None:
            lang = await memory.get(user.id) or language_from_telegram(user.language_code)
        data["lang"] = lang
        data["tr"] = translators[lang or "en"]
        data["catalog"] = store.catalog
        # Matched once here; flood control and the danger-words handler both use the result.
        text = (event.text or event.caption or "") if isinstance(event, Message) else ""
        data["danger_lang"] = store.danger.match(text) if text and text[0] != "/" else None
        data["search"] = store.search
        data["pack"] = store.catalog.pack(lang or "en")
        return await handler(event, data)
