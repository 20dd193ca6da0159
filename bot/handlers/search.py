"""Free text: answered with the topics that fit best, or the menu and the 111 line."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from .. import views
from ..content import Catalog, LanguagePack
from ..content_store import ContentStore
from ..i18n import Translator
from ..search import SearchIndex
from ..stats import Event, StatsStore
from . import screens
from .filters import is_free_text
from .screens import send

MAX_QUERY = 500  # longer messages are searched by their start; the rest adds only noise


async def free_text(
    message: Message,
    lang: str | None,
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    translators: dict[str, Translator],
    search: SearchIndex,
    stats: StatsStore,
    content: ContentStore,
) -> None:
    if lang is None:
        await send(message, screens.languages(content, translators, None))
        return
    hits = search.search((message.text or "")[:MAX_QUERY], lang)
    # Only whether something was found, and which topic: never the words typed.
    stats.record(Event.SEARCH, hits[0].topic if hits else "none", lang)
    found = tuple((hit.topic, hit.section) for hit in hits)  # all the screen depends on
    screen = content.cached(
        (id(catalog), lang, "search", found),
        lambda: (
            views.search_results(tr, pack, hits)
            if hits
            else views.nothing_found(tr, catalog, pack)
        ),
    )
    await send(message, screen)


def create_router() -> Router:
    router = Router(name="search")
    router.message.register(free_text, is_free_text)
    return router
