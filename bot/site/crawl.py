"""Every screen the bot can show, in kk, ru and en at once, found by pressing the buttons of the
real dispatcher (bot.preview.Preview): what the site draws is what the bot sends.

A screen is known by the callback data of the button that opens it, which is the same in every
language, so one page holds the same screen in all three. Screens reached by typing have a name
of their own ("/start", "/privacy", "search"). One person presses every button in each language
in turn (the language set as choosing it in the bot sets it); a button opens a screen already
seen when the screen is the same in every language.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from ..callbacks import (
    Feedback,
    Go,
    OpenContact,
    OpenRegion,
    OpenSection,
    OpenSources,
    OpenTopic,
    SelfCheckStep,
    SetLanguage,
    TopicContacts,
)
from ..content import LANGUAGES, Catalog
from ..preview import Preview

START, PRIVACY, SEARCH = "/start", "/privacy", "search"
# Typed queries that match no topic; the first one the search index finds nothing for is sent.
NOTHING_QUERIES = ("zzzz", "?", "…")
KINDS: dict[str, type[CallbackData]] = {
    kind.__prefix__: kind
    for kind in (
        Go,
        OpenTopic,
        OpenSection,
        OpenSources,
        TopicContacts,
        OpenContact,
        OpenRegion,
        SelfCheckStep,
        Feedback,
        SetLanguage,
    )
}


@functools.lru_cache(maxsize=4096)
def parse(key: str) -> CallbackData | None:
    """The button a screen key is the callback data of, or None for a typed entry."""
    kind = KINDS.get(key.split(":", 1)[0])
    if kind is None:
        return None
    try:
        return kind.unpack(key)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # callback data, or the address a link button opens
    target: str | None = None  # key of the screen it opens
    target_lang: str | None = None  # the language that screen is in, when it switches language
    popup: str | None = None  # the pop-up shown instead of a new screen

    @property
    def is_link(self) -> bool:
        return self.data.startswith(("http://", "https://", "tg://"))


@dataclass
class Shot:
    """One screen in one language, as Telegram would show it."""

    text: str
    rows: list[list[Button]]
    path: tuple[str, ...]  # what the person typed and pressed from the start to get here


@dataclass
class Page:
    key: str
    shots: dict[str, Shot] = field(default_factory=dict)  # language -> screen
    parent: str | None = None

    def buttons(self) -> Iterator[tuple[str, Button]]:
        for lang, shot in self.shots.items():
            for row in shot.rows:
                for button in row:
                    yield lang, button


# What one press showed: (text, rows of (label, data)), a pop-up text, or nothing (it failed).
Raw = tuple[str, tuple[tuple[tuple[str, str], ...], ...]]


@dataclass(frozen=True)
class Outcome:
    screen: Raw | None = None
    popup: str | None = None


def _raw(text: str, markup: InlineKeyboardMarkup | None) -> Raw:
    rows = markup.inline_keyboard if markup else []
    return text, tuple(
        tuple((b.text, b.callback_data or b.url or "") for b in row) for row in rows
    )


def _visible(raw: Raw) -> tuple[str, tuple[tuple[str, ...], ...]]:
    return raw[0], tuple(tuple(label for label, _ in row) for row in raw[1])


def _mixed_answers(data: str) -> bool:
    """A self-check answer after different earlier ones: it shows what all-yes or all-no show
    (the crawl walks those two paths only, not all 2^n)."""
    button = parse(data)
    return isinstance(button, SelfCheckStep) and len(set(button.answers)) > 1


class Crawler:
    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.pages: dict[str, Page] = {}
        self._exact: dict[tuple[Raw | None, ...], str] = {}
        self._seen: dict[tuple[object, ...], str] = {}  # what the screens look like -> key
        self._raws: dict[str, dict[str, Raw]] = {}  # key -> language -> screen
        self._done: dict[str, dict[str, Outcome]] = {}  # callback data -> language -> outcome

    async def _speak(self, lang: str) -> None:
        """From now on the person uses `lang`, as if they had chosen it in the bot."""
        await self.preview.services.memory.set(self.preview.user["id"], lang)

    async def _press(self, lang: str, data: str) -> Outcome:
        await self._speak(lang)
        session = self.preview.session
        sent = len(session.sent)
        await self.preview.press_data(data)
        if len(session.sent) > sent:
            return Outcome(screen=_raw(session.text, session.markup))
        return Outcome(popup=session.popup)

    async def _send(self, lang: str, text: str) -> Outcome:
        await self._speak(lang)
        session = self.preview.session
        sent = len(session.sent)
        await self.preview.send(text)
        if len(session.sent) > sent:
            return Outcome(screen=_raw(session.text, session.markup))
        return Outcome()

    def _add(self, key: str, raws: dict[str, Raw], paths: dict[str, tuple[str, ...]]) -> Page:
        page = Page(key)
        self.pages[key] = page
        self._raws[key] = raws
        self._exact[tuple(raws.get(lang) for lang in LANGUAGES)] = key
        self._seen[tuple(_visible(r) if (r := raws.get(lang)) else None for lang in LANGUAGES)] = (
            key
        )
        for lang, raw in raws.items():
            page.shots[lang] = Shot(raw[0], [], paths[lang])
        return page

    async def entries(self) -> list[str]:
        """The screens reached by typing: /start, /privacy and a search that finds nothing."""
        found = []
        for key, typed in (
            (START, {lang: START for lang in LANGUAGES}),
            (PRIVACY, {lang: PRIVACY for lang in LANGUAGES}),
            (SEARCH, {lang: self._nothing_query(lang) for lang in LANGUAGES}),
        ):
            raws: dict[str, Raw] = {}
            paths: dict[str, tuple[str, ...]] = {}
            for lang, text in typed.items():
                outcome = await self._send(lang, text)
                if outcome.screen is not None:
                    raws[lang] = outcome.screen
                    paths[lang] = (text if key != SEARCH else f"“{text}”",)
            if raws:
                self._add(key, raws, paths)
                found.append(key)
        return found

    def _nothing_query(self, lang: str) -> str:
        search = self.preview.content.search
        return next((q for q in NOTHING_QUERIES if not search.search(q, lang)), NOTHING_QUERIES[0])

    async def _outcomes(self, data: str) -> dict[str, Outcome]:
        if data not in self._done:
            self._done[data] = {lang: await self._press(lang, data) for lang in LANGUAGES}
        return self._done[data]

    def _find_language_target(self, code: str, raw: Raw | None) -> str | None:
        return next((k for k, raws in self._raws.items() if raws.get(code) == raw), None)

    async def run(self) -> dict[str, Page]:
        queue = await self.entries()
        while queue:
            key = queue.pop(0)
            page = self.pages[key]
            for data in dict.fromkeys(d for _, row in self._rows(key) for _, d in row):
                if data.startswith(("http://", "https://", "tg://")):
                    continue
                opened = await self._open(key, data)
                if opened is not None:
                    queue.append(opened)
            self._link(page)
        return self.pages

    def _rows(self, key: str) -> Iterator[tuple[str, tuple[tuple[str, str], ...]]]:
        for lang, raw in self._raws[key].items():
            for row in raw[1]:
                yield lang, row

    async def _open(self, parent: str, data: str) -> str | None:
        """Press `data` everywhere; the key of a screen not seen before, else None."""
        outcomes = await self._outcomes(data)
        if isinstance(parse(data), SetLanguage):
            return None
        screens = {lang: o.screen for lang, o in outcomes.items() if o.screen is not None}
        if not screens:
            return None
        exact = tuple(screens.get(lang) for lang in LANGUAGES)
        if exact in self._exact:
            return None
        look = tuple(_visible(r) if (r := screens.get(lang)) else None for lang in LANGUAGES)
        if _mixed_answers(data) and look in self._seen:
            self._exact[exact] = self._seen[look]
            return None
        paths = {}
        for lang in screens:
            before = self.pages[parent].shots.get(lang)
            label = next(
                (
                    lab
                    for row in self._raws[parent].get(lang, ("", ()))[1]
                    for lab, d in row
                    if d == data
                ),
                "?",
            )
            paths[lang] = (*(before.path if before else ()), label)
        self._add(data, screens, paths).parent = parent
        return data

    def _link(self, page: Page) -> None:
        """Each button of the page with the screen it opens, or the pop-up it shows."""
        for lang, raw in self._raws[page.key].items():
            rows = []
            for row in raw[1]:
                rows.append([self._button(lang, label, data) for label, data in row])
            page.shots[lang].rows = rows

    def _button(self, lang: str, label: str, data: str) -> Button:
        if data.startswith(("http://", "https://", "tg://")):
            return Button(label, data)
        outcome = self._done[data][lang]
        switch = parse(data)
        if isinstance(switch, SetLanguage):
            target = self._find_language_target(switch.code, outcome.screen)
            return Button(label, data, target, target_lang=switch.code)
        if outcome.screen is None:
            return Button(label, data, popup=outcome.popup)
        exact = tuple(o.screen for o in (self._done[data][code] for code in LANGUAGES))
        return Button(label, data, self._exact.get(exact))


async def crawl(catalog: Catalog, content_dir: Path | None) -> dict[str, Page]:
    """Every page, in the order a person pressing every button from /start first sees them."""
    with tempfile.TemporaryDirectory() as scratch:
        async with Preview(catalog, content_dir, None, Path(scratch)) as preview:
            return await Crawler(preview).run()
