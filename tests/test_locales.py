"""Interface strings: complete in kk, ru and en, never fuzzy, never stale."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from bot.content import LANGUAGES
from bot.i18n import (
    LOCALES_DIR,
    PACKAGE_DIR,
    check_locales,
    load_translators,
    messages_in_code,
    read_catalog,
)


def test_catalogs_are_complete_and_current():
    assert check_locales() == []


# Understood everywhere, so deliberately not translated.
SAME_IN_EVERY_LANGUAGE = {"🆘 SOS"}
# Rightly the same word in Kazakh and Russian, with its exact text: the reader of Kazakh chose
# the loanword "команда" for a bot command.
SAME_IN_KAZAKH_AND_RUSSIAN = {"command": "команда"}


def test_every_string_is_translated_differently_from_english():
    translators = load_translators()
    for message in sorted(messages_in_code() - SAME_IN_EVERY_LANGUAGE):
        kk, ru = translators["kk"].gettext(message), translators["ru"].gettext(message)
        assert kk != message, message
        assert ru != message, message
        assert kk != ru or SAME_IN_KAZAKH_AND_RUSSIAN.get(message) == kk, message


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda s: s.replace(
                'msgid "free"\nmsgstr "тегін"', '#, fuzzy\nmsgid "free"\nmsgstr "тегін"'
            ),
            "fuzzy translation of 'free'",
        ),
        (lambda s: s.replace('msgstr "тегін"', 'msgstr ""'), "empty translation of 'free'"),
        (lambda s: s.replace('msgid "free"\nmsgstr "тегін"\n', ""), "no translation for 'free'"),
        (
            lambda s: s + '\nmsgid "Old text"\nmsgstr "Ескі мәтін"\n',
            "'Old text' is no longer used",
        ),
    ],
)
def test_broken_catalog_is_reported(tmp_path: Path, edit, expected):
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    po = locales / "kk" / "LC_MESSAGES" / "bot.po"
    po.write_text(edit(po.read_text(encoding="utf-8")), encoding="utf-8")
    problems = [str(p) for p in check_locales(locales)]
    assert any("kk/LC_MESSAGES/bot.po:" in p and expected in p for p in problems), problems


def test_fuzzy_entries_never_reach_users(tmp_path: Path):
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    po = locales / "ru" / "LC_MESSAGES" / "bot.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "free"', '#, fuzzy\nmsgid "free"'), encoding="utf-8")
    assert load_translators(locales)["ru"].gettext("free") == "free"
    assert read_catalog("ru", locales)["free"].fuzzy


def test_dates_are_written_in_each_language():
    translators = load_translators()
    written = {lang: translators[lang].date("2024-06-16") for lang in LANGUAGES}
    # CLDR puts a narrow no-break space before the year marker
    assert written == {
        "kk": "2024\u202fж. 16 маусым",
        "ru": "16 июня 2024\u202fг.",
        "en": "June 16, 2024",
    }


def test_every_gettext_call_in_the_code_is_extracted():
    """pybabel does not see a gettext call inside an f-string, so its text would reach
    Kazakh and Russian users in English; every call with a literal must be in the catalogs."""
    called = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            first = node.args[0]
            if name in ("gettext", "_") and isinstance(first, ast.Constant):
                called.add(first.value)
    assert called - messages_in_code() == set()
