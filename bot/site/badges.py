"""The marks on the preview where something needs an editor: every problem `bot check` reports
(errors and warnings, with their file and line), contacts nobody has re-verified for 180 days
(and for a year, when CI fails), translations not confirmed since their source text changed,
and screens taller than a phone (a section without sources is the loader's error).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..callbacks import OpenContact
from ..content import LANGUAGES, Catalog, Location, Problem
from ..content.lint import drift, stale_contacts
from ..content.telegram_text import MESSAGE_LIMIT, check_html, utf16_len
from ..i18n import Translator
from ..views import contact_line
from .crawl import Page, parse
from .places import Places

ERROR, WARNING, NOTE = "error", "warning", "note"
CI_STALE_DAYS = 365  # `make check` fails on a contact older than this
TALL_SCREENS = 3  # phone screens of text that make a screen "too tall"


@dataclass(frozen=True)
class Badge:
    level: str  # ERROR, WARNING or NOTE
    text: str
    where: str = ""  # file:line:column, when a line of a content file is the cause
    hint: str = ""


@dataclass(frozen=True)
class Phone:
    """How much of a message a phone shows without scrolling (a guess, for editors)."""

    line_chars: int = 36
    screen_lines: int = 20

    def lines(self, visible: str) -> int:
        return sum(max(1, math.ceil(len(line) / self.line_chars)) for line in visible.split("\n"))


@dataclass
class Badges:
    page: dict[str, list[Badge]] = field(default_factory=dict)  # key -> for every language
    column: dict[tuple[str, str], list[Badge]] = field(default_factory=dict)  # (key, lang)
    unplaced: list[Badge] = field(default_factory=list)  # shown on the index only
    placed: dict[Badge, list[tuple[str, str | None]]] = field(default_factory=dict)

    def add(self, badge: Badge, key: str, lang: str | None = None) -> None:
        box = (
            self.page.setdefault(key, [])
            if lang is None
            else self.column.setdefault((key, lang), [])
        )
        if badge not in box:
            box.append(badge)
            self.placed.setdefault(badge, []).append((key, lang))

    def of(self, key: str, lang: str | None = None) -> list[Badge]:
        return self.page.get(key, []) if lang is None else self.column.get((key, lang), [])

    def all_of(self, key: str) -> list[Badge]:
        found = list(self.page.get(key, []))
        for lang in LANGUAGES:
            found += [b for b in self.column.get((key, lang), []) if b not in found]
        return found

    def every(self) -> list[Badge]:
        return list(self.placed) + self.unplaced


def from_problem(problem: Problem, level: str | None = None) -> Badge:
    kind = level or (WARNING if problem.warning else ERROR)
    return Badge(kind, problem.message, str(problem.location), problem.hint)


def stale(root: Path, catalog: Catalog, today: dt.date, days: int) -> list[Problem]:
    """Contacts not re-verified for `days` days; [] when the dates themselves are broken (the
    loader reports that)."""
    try:
        return stale_contacts(root, catalog, today, days)
    except ValueError:
        return []


def content_warnings(root: Path, catalog: Catalog, today: dt.date, days: int) -> list[Problem]:
    """What `bot check` warns about, also for content with errors (which it would not reach)."""
    try:
        drifted = drift(root, catalog)
    except (ValueError, KeyError):
        drifted = []
    return sorted(stale(root, catalog, today, days) + drifted, key=lambda p: p.location)


def place_problems(
    badges: Badges, places: Places, problems: list[Problem], old: set[Location]
) -> None:
    """Each problem on the screens its line is shown on; `old`: stale contacts that also fail
    CI (a year or more), drawn as errors."""
    for problem in problems:
        level = ERROR if problem.location in old else None
        badge = from_problem(problem, level)
        if level == ERROR:
            badge = Badge(
                ERROR, f"{badge.text}: CI fails after {CI_STALE_DAYS}", badge.where, badge.hint
            )
        span = places.find(problem.location)
        if span is None:
            badges.unplaced.append(badge)
            continue
        for key in sorted(span.keys, key=list(places.pages).index):
            badges.add(badge, key, span.lang)


def tall_screens(badges: Badges, pages: dict[str, Page], phone: Phone) -> None:
    """A note on every screen that scrolls on a phone, a warning on one over three screens,
    an error on one Telegram would refuse."""
    for key, page in pages.items():
        for lang, shot in page.shots.items():
            errors, visible = check_html(shot.text)
            length = utf16_len(visible)
            lines = phone.lines(visible)
            screens = lines / phone.screen_lines
            size = f"{length} characters, about {lines} lines of {phone.line_chars}"
            if shot.rows:
                size += f" and {len(shot.rows)} rows of buttons"
            hint = f"a phone shows about {phone.screen_lines} lines"
            if length > MESSAGE_LIMIT or errors:
                why = "; ".join(errors) or f"over Telegram's limit of {MESSAGE_LIMIT}"
                badges.add(Badge(ERROR, f"Telegram would refuse this message: {why}"), key, lang)
            elif screens > TALL_SCREENS:
                text = f"taller than {TALL_SCREENS} phone screens: {size}"
                badges.add(Badge(WARNING, text, hint=f"{hint}; split the section"), key, lang)
            elif screens > 1:
                text = f"scrolls on a phone ({screens:.1f} screens): {size}"
                badges.add(Badge(NOTE, text, hint=hint), key, lang)


def failed_buttons(badges: Badges, pages: dict[str, Page]) -> None:
    for key, page in pages.items():
        for lang, button in page.buttons():
            if not button.is_link and button.target is None and button.popup is None:
                text = f"the button {button.label!r} shows nothing: the bot failed on it"
                badges.add(Badge(ERROR, text, hint="see the content errors above"), key, lang)


def contact_lister(
    catalog: Catalog, translators: dict[str, Translator], pages: dict[str, Page]
) -> dict[tuple[str, str], set[str]]:
    """(language, contact id) -> keys of the screens that list the contact in a line."""
    found: dict[tuple[str, str], set[str]] = {}
    for lang in LANGUAGES:
        pack = catalog.pack(lang)
        for cid, contact in catalog.contacts.items():
            text = pack.contacts.get(cid)
            if text is None:
                continue
            line = contact_line(translators[lang], contact, text)
            found[(lang, cid)] = {
                key
                for key, page in pages.items()
                if lang in page.shots
                and line in page.shots[lang].text
                and not isinstance(parse(key), OpenContact)
            }
    return found
