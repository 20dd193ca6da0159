"""Inline mode: `@<bot> <words>` in any chat offers the emergency card and the topics the words
find (the same search as free text), in the user's language, to send into that chat.

Nothing of the query is stored or logged: the words are searched and forgotten. When inline
feedback is on (@BotFather, /setinlinefeedback), the card someone chose is counted as
"shared", by its topic only."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import ChosenInlineResult, InlineQuery, InlineQueryResultUnion

from .. import views
from ..content import LANGUAGES
from ..content_store import ContentStore
from ..i18n import Translator
from ..stats import Event, StatsStore
from ..views.inline import CARDS
from .search import MAX_QUERY

CACHE_SECONDS = 30  # short: content reloads and language changes show soon
FALLBACK = "en"  # the language of the cards when Telegram tells us none we serve


def matching_topics(content: ContentStore, text: str, lang: str) -> list[str] | None:
    """None for no words; else the topics they name exactly (a title, or an id, as the share
    buttons send them), then those search finds."""
    words = text.strip()[:MAX_QUERY]
    if not words:
        return None
    pack = content.catalog.pack(lang)
    wanted = words.casefold()
    exact = [t.id for t in pack.topics.values() if wanted in (t.title.casefold(), t.id)]
    return exact + [hit.topic for hit in content.search.search(words, lang)]


async def offer_help(
    query: InlineQuery,
    bot: Bot,
    lang: str | None,
    translators: dict[str, Translator],
    content: ContentStore,
) -> None:
    shown = lang or FALLBACK
    me = await bot.me()  # cached by aiogram after the first call
    catalog = content.catalog
    topics = matching_topics(content, query.query, shown)
    results: list[InlineQueryResultUnion] = [
        *views.inline_results(
            translators[shown], catalog, catalog.pack(shown), topics, me.username
        )
    ]
    # Personal: the cards are in this person's language, and never shown to someone else.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


async def count_shared(
    result: ChosenInlineResult, content: ContentStore, stats: StatsStore
) -> None:
    """Only which card, from our own result id; never the query Telegram sends back with it."""
    read = views.read_result_id(result.result_id)
    if read is None:
        return
    lang, target = read
    if lang in LANGUAGES and (target in CARDS or target in content.catalog.pack(lang).topics):
        stats.record(Event.SHARED, target, lang)


def create_router() -> Router:
    router = Router(name="inline")
    router.inline_query.register(offer_help)
    router.chosen_inline_result.register(count_shared)
    return router
