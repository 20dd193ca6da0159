"""Content administrators: check warnings, translation drift, hot reload, /reload, preview."""

from __future__ import annotations

import datetime as dt

from bot.__main__ import main
from bot.content.lint import confirm, lint
from bot.preview import chat

from .bot_api_double import User
from .helpers import ADMIN_ID, Person, make_services, polling, replace, set_line

TODAY = dt.date(2026, 11, 30)
LABOUR = "en/topics/labour.yaml"

# `content` (conftest.py) is a private copy of the real content directory.


def test_stale_contacts_are_warned_about_and_fail_only_when_strict(content, capsys):
    line = set_line(
        content,
        "contacts.yaml",
        "    verified:",
        '    verified: "2025-01-10"',
        after="  line_150:",
    )
    result = lint(content, TODAY, stale_days=180)
    (warning,) = result.warnings
    assert str(warning).startswith(f"content/contacts.yaml:{line}:")
    assert "line_150 was last verified 689 days ago" in warning.message
    assert main(["check", "--content", str(content)]) == 0
    assert main(["check", "--content", str(content), "--strict"]) == 1
    assert main(["check", "--content", str(content), "--stale-days", "1000", "--strict"]) == 0
    assert "warning: line_150" in capsys.readouterr().out


def test_translation_drift_is_flagged_until_confirmed(content, capsys):
    replace(content, LABOUR, '  - id: wages\n    title: "', '  - id: wages\n    title: "Pay: ')
    result = lint(content, TODAY)
    flagged = sorted(str(w.location.file) for w in result.warnings)
    assert flagged == ["content/kk/topics/labour.yaml", "content/ru/topics/labour.yaml"]
    assert all("the en text changed" in w.message for w in result.warnings)
    assert main(["check", "--content", str(content), "--strict"]) == 1
    confirm(content, result.catalog)
    assert lint(content, TODAY).warnings == []


def test_changing_all_three_languages_is_not_drift(content):
    for lang in ("en", "ru", "kk"):
        old = '  - id: wps\n    title: "'
        replace(content, f"{lang}/topics/gender.yaml", old, f"{old}1: ")
    assert lint(content, TODAY).warnings == []


async def test_reload_keeps_old_content_when_new_is_broken(
    content, api, catalog, translators, stats
):
    services = make_services(catalog, translators, stats, content_dir=content)
    async with polling(api, services):
        swaps: list[int] = []
        services.content.after_reload.append(lambda: swaps.append(1))
        admin = Person(api, User(id=ADMIN_ID, language_code="en"))
        question = "my employer has not paid my wages"
        assert "Labour rights" in await admin.send(question)
        replace(content, LABOUR, 'title: "Labour rights"', 'title: "<br>Labour rights"')
        reply = await admin.send("/reload")
        assert "keeps serving the previous version" in reply
        assert swaps == []  # nothing was swapped, so nothing to settle
        assert "content/en/topics/labour.yaml:" in reply
        assert "Choose a topic" in await admin.send("/start")
        assert "Labour rights" in admin.labels()
        assert not any("<br>" in label for label in admin.labels())

        replace(content, LABOUR, 'title: "<br>Labour rights"', 'title: "Work: Labour rights"')
        assert "Content reloaded" in await admin.send("/reload")
        assert swaps == [1]
        assert "Work: Labour rights" in await admin.send(question)  # no stale screen
        await admin.send("/start")
        assert "Work: Labour rights" in admin.labels()

        stranger = Person(api, User(id=999, language_code="en"))
        assert await stranger.send("/reload") == await stranger.send("/nonsense")


async def test_content_reloads_by_itself_when_files_change(
    content, api, catalog, translators, stats
):
    services = make_services(catalog, translators, stats, content_dir=content, reload_seconds=0.1)
    async with polling(api, services):
        person = Person(api, User(id=31337, language_code="ru"))
        await person.send("/start")
        old = 'title: "Трудовые права"'
        replace(content, "ru/topics/labour.yaml", old, 'title: "Работа: Трудовые права"')
        store = services.content
        await api.wait_for(lambda: "Работа: " in store.catalog.pack("ru").topics["labour"].title)
        await person.send("/start")
        assert "Работа: Трудовые права" in person.labels()


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

    def keys():
        yield "3"
        old = 'title: "Domestic violence"'
        replace(
            content, "en/topics/domestic_violence.yaml", old, 'title: "Edited: Domestic violence"'
        )
        yield "2"  # back home

    await chat(catalog, content, "en", keys(), screens.append)
    assert "Edited: " in screens[-1]
