"""The screens handlers show, built by the pure functions in bot.views and kept per content
version: a screen depends only on the content, the language and what was asked, and building a
keyboard is the costly part of a reply. This is the one place screens are cached."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from . import views
from .content import Catalog, LanguagePack
from .content_store import ContentStore
from .i18n import Translator
from .search import Hit
from .views import Screen

MAX_CACHED = 10_000


class Screens:
    def __init__(self, content: ContentStore, translators: dict[str, Translator]) -> None:
        self.content = content
        self.translators = translators
        self._version = -1
        self._cache: dict[Hashable, Screen | None] = {}
        self._sharing = False

    @property
    def sharing(self) -> bool:
        """Whether screens offer "Share with a friend" (only when inline mode is on: without
        it the button would open a chat where nothing can be shared)."""
        return self._sharing

    @sharing.setter
    def sharing(self, on: bool) -> None:
        if on != self._sharing:
            self._sharing = on
            self._cache.clear()

    def _get(
        self,
        key: Hashable,
        lang: str,
        build: Callable[[Translator, Catalog, LanguagePack], Screen | None],
    ) -> Screen | None:
        if self._version != self.content.version:
            self._cache.clear()
            self._version = self.content.version
        if key in self._cache:
            return self._cache[key]
        catalog = self.content.catalog
        screen = build(self.translators[lang], catalog, catalog.pack(lang))
        if len(self._cache) >= MAX_CACHED:
            self._cache.clear()
        self._cache[key] = screen
        return screen

    def _always(
        self,
        key: Hashable,
        lang: str,
        build: Callable[[Translator, Catalog, LanguagePack], Screen],
    ) -> Screen:
        screen = self._get(key, lang, build)
        assert screen is not None  # these views always build a screen
        return screen

    def home(self, lang: str) -> Screen:
        return self._always(("home", lang), lang, views.home)

    def emergency(self, lang: str) -> Screen:
        return self._always(
            ("sos", lang),
            lang,
            lambda tr, catalog, pack: views.emergency(tr, catalog, pack, share=self._sharing),
        )

    def help_contacts(self, lang: str) -> Screen:
        return self._always(("help", lang), lang, views.help_contacts)

    def regions(self, lang: str) -> Screen:
        return self._always(("regions", lang), lang, views.regions)

    def fallback(self, lang: str) -> Screen:
        return self._always(("fallback", lang), lang, views.fallback)

    def languages(self, lang: str | None) -> Screen:
        """The language picker; with a way home once a language is known."""
        translators = self.translators
        return self._always(
            ("languages", lang),
            lang or "en",
            lambda _tr, catalog, _pack: views.language_picker(
                translators, catalog, translators[lang] if lang else None
            ),
        )

    def region(self, lang: str, region_id: str) -> Screen | None:
        return self._get(
            ("region", lang, region_id),
            lang,
            lambda tr, catalog, pack: views.region(tr, catalog, pack, region_id),
        )

    def topic(self, lang: str, topic_id: str) -> Screen | None:
        return self._get(
            ("topic", lang, topic_id),
            lang,
            lambda tr, _catalog, pack: (
                views.topic(tr, pack.topics[topic_id]) if topic_id in pack.topics else None
            ),
        )

    def section(self, lang: str, topic_id: str, section_id: str) -> Screen | None:
        return self._get(
            ("section", lang, topic_id, section_id),
            lang,
            lambda tr, catalog, pack: (
                views.section(tr, catalog, pack.topics[topic_id], section_id, share=self._sharing)
                if topic_id in pack.topics
                else None
            ),
        )

    def sources(self, lang: str, topic_id: str, section_id: str) -> Screen | None:
        return self._get(
            ("sources", lang, topic_id, section_id),
            lang,
            lambda tr, catalog, pack: (
                views.sources(tr, catalog, pack.topics[topic_id], section_id)
                if topic_id in pack.topics
                else None
            ),
        )

    def topic_contacts(self, lang: str, topic_id: str) -> Screen | None:
        return self._get(
            ("topic_contacts", lang, topic_id),
            lang,
            lambda tr, catalog, pack: (
                views.topic_contacts(tr, catalog, pack, pack.topics[topic_id])
                if topic_id in pack.topics
                else None
            ),
        )

    def contact(self, lang: str, contact_id: str, origin_topic: str) -> Screen | None:
        return self._get(
            ("contact", lang, contact_id, origin_topic),
            lang,
            lambda tr, catalog, pack: views.contact_card(
                tr, catalog, pack, contact_id, origin_topic
            ),
        )

    def selfcheck(self, lang: str, answers: str) -> Screen | None:
        return self._get(
            ("selfcheck", lang, answers),
            lang,
            lambda tr, catalog, pack: views.selfcheck(tr, catalog, pack, answers),
        )

    def search(self, lang: str, hits: Sequence[Hit]) -> Screen:
        found = tuple((hit.topic, hit.section) for hit in hits)  # all the screen depends on
        return self._always(
            ("search", lang, found),
            lang,
            lambda tr, catalog, pack: (
                views.search_results(tr, pack, hits)
                if hits
                else views.nothing_found(tr, catalog, pack)
            ),
        )
