"""Content administrators: check warnings, translation drift, hot reload, /reload, preview."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.app import create_bot, create_dispatcher
from bot.content.lint import confirm, lint
from bot.preview import chat
from bot.settings import Settings

from .bot_api_double import User
from .conftest import ADMIN_ID, CONTENT_DIR, TOKEN, unlimited
from .helpers import send

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_stale_contacts_are_warned_about_and_fail_only_when_strict(content, capsys):
    path = content / "contacts.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index('verified: "2026-11-30"', text.index("  line_150:"))
    path.write_text(text[:at] + 'verified: "2025-01-10"' + text[at + 22 :], encoding="utf-8")
    line = text[:at].count("\n") + 1
    result = lint(content, TODAY, stale_days=180)
    (warning,) = result.warnings
    assert str(warning).startswith(f"content/contacts.yaml:{line}:")
    assert "line_150 was last verified 689 days ago" in warning.message
    assert main(["check", "--content", str(content)]) == 0
    assert main(["check", "--content", str(content), "--strict"]) == 1
    assert main(["check", "--content", str(content), "--stale-days", "1000", "--strict"]) == 0
    assert "warning: line_150" in capsys.readouterr().out


def test_translation_drift_is_flagged_until_confirmed(content, capsys):
    path = content / "en" / "topics" / "labour.yaml"
    edit(path, "Wages must", "By law, wages must") if "Wages must" in path.read_text() else edit(
        path, '  - id: wages\n    title: "', '  - id: wages\n    title: "Pay: '
    )
    result = lint(content, TODAY)
    flagged = sorted(str(w.location.file) for w in result.warnings)
    assert flagged == ["content/kk/topics/labour.yaml", "content/ru/topics/labour.yaml"]
    assert all("the en text changed" in w.message for w in result.warnings)
    assert main(["check", "--content", str(content), "--strict"]) == 1
    confirm(content, result.catalog)
    assert lint(content, TODAY).warnings == []


def test_changing_all_three_languages_is_not_drift(content):
    for lang in ("en", "ru", "kk"):
        path = content / lang / "topics" / "gender.yaml"
        edit(path, '  - id: wps\n    title: "', '  - id: wps\n    title: "1: ')
    assert lint(content, TODAY).warnings == []


async def running_with(content: Path, api, catalog, translators, stats, reload_seconds=0.0):
    bot = create_bot(Settings(token=TOKEN, api_url=api.base_url))
    dp = create_dispatcher(
        catalog,
        translators,
        stats,
        admin_ids=frozenset({ADMIN_ID}),
        content_dir=content,
        reload_seconds=reload_seconds,
        flood=unlimited(),
    )
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    await api.wait_polling()
    return dp, task


async def test_reload_keeps_old_content_when_new_is_broken(
    content, api, catalog, translators, stats
):
    dp, task = await running_with(content, api, catalog, translators, stats)
    try:
        swaps: list[int] = []
        dp["content"].after_reload.append(lambda: swaps.append(1))
        admin = User(id=ADMIN_ID, language_code="en")
        question = "my employer has not paid my wages"
        assert "Labour rights" in await send(api, admin, question)
        path = content / "en" / "topics" / "labour.yaml"
        edit(path, 'title: "', 'title: "<br>')
        reply = await send(api, admin, "/reload")
        assert "keeps serving the previous version" in reply
        assert swaps == []  # nothing was swapped, so nothing to settle
        assert "content/en/topics/labour.yaml:" in reply
        menu = await send(api, admin, "/start")
        assert "Choose a topic" in menu
        assert "<br>" not in str(api.last_bot_message(ADMIN_ID).markup)

        edit(path, 'title: "<br>', 'title: "Work: ')
        assert "Content reloaded" in await send(api, admin, "/reload")
        assert swaps == [1]
        assert "Work: Labour rights" in await send(api, admin, question)  # no stale screen
        await send(api, admin, "/start")
        assert "Work: " in str(api.last_bot_message(ADMIN_ID).markup)

        stranger = User(id=999, language_code="en")
        assert await send(api, stranger, "/reload") == await send(api, stranger, "/nonsense")
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(task, 5)


async def test_content_reloads_by_itself_when_files_change(
    content, api, catalog, translators, stats
):
    dp, task = await running_with(content, api, catalog, translators, stats, reload_seconds=0.1)
    try:
        user = User(id=31337, language_code="ru")
        await send(api, user, "/start")
        path = content / "ru" / "topics" / "labour.yaml"
        edit(path, 'title: "', 'title: "Работа: ')
        store = dp.workflow_data["content"]
        await api.wait_for(lambda: "Работа: " in store.catalog.pack("ru").topics["labour"].title)
        await send(api, user, "/start")
        assert "Работа: " in str(api.last_bot_message(user.id).markup)
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(task, 5)


async def test_chat_preview_is_driven_by_keystrokes(content, catalog):
    screens: list[str] = []
    keys = iter(["3", "1", "зарплату не платят", "q"])
    await chat(catalog, content, "ru", keys, screens.append)
    shown = "\n".join(screens)
    assert "[3] Домашнее насилие" in shown
    assert "*Домашнее насилие*" in shown  # pressing 3 opened the topic
    assert "Это может помочь" in shown  # free text went to search
    assert "[1]" in screens[-1]


async def test_chat_preview_shows_edits_at_once(content, catalog):
    screens: list[str] = []
    path = content / "en" / "topics" / "domestic_violence.yaml"

    def keys():
        yield "3"
        edit(path, 'title: "', 'title: "Edited: ')
        yield "2"  # back home

    await chat(catalog, content, "en", keys(), screens.append)
    assert "Edited: " in screens[-1]
