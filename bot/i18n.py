"""Interface strings (buttons, prompts, errors) from gettext catalogs in locales/, via Babel.

The .po files are compiled in memory at start-up, so a fresh clone needs no compile step and
no .mo file can go stale. Fuzzy entries are skipped by the compiler; `bot check` reports them.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .content import LANGUAGES, Location, Problem

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALES_DIR = PACKAGE_DIR.parent / "locales"
DOMAIN = "bot"
KEYWORDS = {"gettext": None, "_": None}


class Translator:
    """The interface strings and locale formatting of one language."""

    def __init__(self, lang: str, translations: Translations) -> None:
        self.lang = lang
        self._translations = translations
        self._locale = Locale.parse(lang)

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def date(self, iso: str) -> str:
        """A YYYY-MM-DD date written the way this language writes dates."""
        try:
            return format_date(dt.date.fromisoformat(iso), format="long", locale=self._locale)
        except ValueError:
            return iso

    def month(self, year_month: str) -> str:
        """A YYYY-MM month, e.g. "March 2026" / «март 2026 г.»."""
        try:
            day = dt.date.fromisoformat(f"{year_month}-01")
        except ValueError:
            return year_month
        return format_date(day, format="LLLL y", locale=self._locale)

    def language_name(self, code: str) -> str:
        name: str = self._locale.languages.get(code, code)
        return name


def po_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str, locales_dir: Path = LOCALES_DIR) -> PoCatalog:
    with po_path(lang, locales_dir).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def load_translators(locales_dir: Path = LOCALES_DIR) -> dict[str, Translator]:
    translators = {}
    for lang in LANGUAGES:
        buffer = BytesIO()
        write_mo(buffer, read_catalog(lang, locales_dir), use_fuzzy=False)
        buffer.seek(0)
        translators[lang] = Translator(lang, Translations(buffer, domain=DOMAIN))
    return translators


def messages_in_code(package_dir: Path = PACKAGE_DIR) -> set[str]:
    """Every interface string the code asks for, as `pybabel extract` would find it."""
    return {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(package_dir), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
        if isinstance(message, str)
    }


def check_locales(
    locales_dir: Path = LOCALES_DIR, package_dir: Path = PACKAGE_DIR
) -> list[Problem]:
    """Missing, fuzzy, empty or obsolete translations, as located problems."""
    problems: list[Problem] = []
    wanted = messages_in_code(package_dir)
    for lang in LANGUAGES:
        path = po_path(lang, locales_dir)
        name = (
            str(path.relative_to(locales_dir.parent))
            if path.is_relative_to(locales_dir.parent)
            else str(path)
        )
        try:
            catalog = read_catalog(lang, locales_dir)
        except Exception as exc:  # babel raises several types for broken files
            problems.append(Problem(Location(name, 1, 1), f"cannot read catalog: {exc}"))
            continue
        present = set()
        for message in catalog:
            if not message.id:
                continue
            line = message.lineno or 1
            present.add(message.id)
            if message.fuzzy:
                problems.append(
                    Problem(
                        Location(name, line, 1),
                        f"fuzzy translation of {message.id!r}",
                        "check the text, then remove the '#, fuzzy' line",
                    )
                )
            if not message.string:
                problems.append(
                    Problem(Location(name, line, 1), f"empty translation of {message.id!r}")
                )
            if message.id not in wanted:
                problems.append(
                    Problem(
                        Location(name, line, 1),
                        f"{message.id!r} is no longer used by the code",
                        "remove the entry",
                    )
                )
        for missing in sorted(wanted - present):
            problems.append(
                Problem(
                    Location(name, 1, 1),
                    f"no translation for {missing!r}",
                    "add a msgid/msgstr pair",
                )
            )
    return problems
