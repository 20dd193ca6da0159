"""`python -m bot preview --html DIR`: crawl every screen through the real dispatcher, mark the
problems on them, and write the site.

Content with errors still gives a site: the loader's catalog as far as it could be read, with
each error as a badge at its file:line on the screens it affects, and listed on the index.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..content import LANGUAGES, Catalog, Problem
from ..content.loader import read_catalog
from ..i18n import Translator, check_locales, load_translators
from . import badges as marks
from .badges import ERROR, NOTE, WARNING, Badge, Badges, Phone
from .crawl import Page, crawl
from .html import esc
from .pages import CSS, GENERATOR, STYLESHEET, Chrome, index_page, screen_page, slugs
from .places import Places

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int
    errors: int
    warnings: int
    notes: int

    def __str__(self) -> str:
        return (
            f"{self.pages} screens in kk, ru and en written to {self.out / 'index.html'} "
            f"({self.errors} errors, {self.warnings} warnings, {self.notes} notes)"
        )


async def _crawl_or_problem(catalog: Catalog, root: Path, found: Badges) -> dict[str, Page]:
    try:
        return await crawl(catalog, root)
    except Exception as exc:  # broken content can break any screen; the site says so
        log.warning("the screens could not be drawn: %s", type(exc).__name__)
        found.unplaced.append(
            Badge(
                ERROR,
                f"the screens could not be drawn ({type(exc).__name__}: {exc})",
                hint="fix the content errors listed here first",
            )
        )
        return {}


async def build_site(
    content_dir: Path,
    out: Path,
    *,
    today: dt.date | None = None,
    stale_days: int = 180,
    phone: Phone | None = None,
) -> Built:
    root = Path(content_dir)
    today = today or dt.datetime.now(dt.UTC).date()
    phone = phone or Phone()
    catalog, errors = read_catalog(root)
    translators = load_translators()
    warnings = marks.content_warnings(root, catalog, today, stale_days)
    # Contacts a year old also fail CI (`make check`): those are drawn as errors.
    failing = {p.location for p in marks.stale(root, catalog, today, marks.CI_STALE_DAYS)}
    found = Badges()
    pages = await _crawl_or_problem(catalog, root, found)
    listed = marks.contact_lister(catalog, translators, pages)
    places = Places(root, catalog, pages, lambda lang, cid: listed.get((lang, cid), set()))
    problems: list[Problem] = [*errors, *warnings, *check_locales()]
    marks.place_problems(found, places, problems, failing)
    marks.tall_screens(found, pages, phone)
    marks.failed_buttons(found, pages)
    names = translators_names(translators)
    return write_site(out, pages, found, names, root, today, refused=bool(errors))


def translators_names(translators: dict[str, Translator]) -> dict[str, str]:
    """Each language by its own name, as the language picker writes it."""
    return {lang: translators[lang].language_name(lang).capitalize() for lang in LANGUAGES}


def _write(path: Path, text: str) -> Path:
    """Whole or not at all: a browser reading the page during a rebuild never gets half."""
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)
    return path


def write_site(
    out: Path,
    pages: dict[str, Page],
    found: Badges,
    names: dict[str, str],
    root: Path,
    today: dt.date,
    *,
    refused: bool = False,
) -> Built:
    out.mkdir(parents=True, exist_ok=True)
    files = slugs(pages)
    footer = (
        f"Drawn on {today.isoformat()} from {esc(root.name)}/ by <code>python -m bot "
        "preview</code>, with the bot's own screens. Telegram's fonts and line breaks differ "
        "a little."
    )
    chrome = Chrome(names, footer)
    every = found.every()
    summary = f"{len(pages)} screens, each in {', '.join(names[lang] for lang in LANGUAGES)}."
    written = {
        _write(out / STYLESHEET, CSS),
        _write(
            out / "index.html", index_page(pages, found, chrome, files, summary, refused=refused)
        ),
    }
    for key, page in pages.items():
        html = screen_page(page, pages, found, chrome, files)
        written.add(_write(out / f"{files[key]}.html", html))
    for old in out.glob("*.html"):  # screens that no longer exist, from an earlier build
        if old not in written and GENERATOR in old.read_text(encoding="utf-8", errors="replace"):
            old.unlink()
    return Built(
        out,
        len(pages),
        sum(b.level == ERROR for b in every),
        sum(b.level == WARNING for b in every),
        sum(b.level == NOTE for b in every),
    )
