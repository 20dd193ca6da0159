"""Anonymous statistics: what is counted, what is never stored, and that nothing is lost."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.stats import EVENTS, Event, StatsStore
from bot.stats.report import read_rows, shown, summarize, table

from .bot_api_double import User
from .helpers import ADMIN_ID, Person, make_services, polling

DAY = dt.date(2026, 11, 30)


def counters(path: Path) -> dict[tuple[str, str, str], int]:
    return {(event, key, lang): n for _day, event, key, lang, n in read_rows([path])}


async def scripted_conversation(running, user: User, catalog, translators) -> None:
    """A conversation touching every counter, by the labels a Russian speaker sees."""
    ru = translators["ru"].gettext
    pack = catalog.pack("ru")
    violence = pack.topics["domestic_violence"]
    person = Person(running.api, user)
    await person.send("/start")
    await person.press(violence.title)
    await person.press(violence.section("act_now").title)
    await person.press(ru("📞 Where to get help"))
    await person.press(ru("👍 Helpful"))
    await person.press(f"111 · {pack.contacts['line_111'].name}")
    await person.press(ru("🆘 SOS"))
    await person.send("/sos")
    # the emergency card, then the topics the words name (counted as a search)
    await person.send_expecting("муж бьет меня, помогите. Меня зовут Айгерим, тел 87011234567", 2)
    await person.press(ru("🏠 Home"))
    await person.press(ru("📍 Your region"))
    await person.press(catalog.regions["shymkent"].names["ru"])
    await person.press(ru("🏠 Home"))
    await person.press(f"❓ {pack.safety.selfcheck.title}")
    for _question in pack.safety.selfcheck.questions:
        await person.press(ru("No"))
    await person.press(ru("🚪 Quick exit"))


async def test_counters_after_a_scripted_conversation(running, catalog, translators):
    user = User(id=5151, language_code="ru")
    await scripted_conversation(running, user, catalog, translators)
    await running.stop()  # shutdown flushes
    assert counters(running.stats.path) == {
        ("started", "", "ru"): 1,
        ("topic", "domestic_violence", "ru"): 1,
        ("section", "domestic_violence/act_now", "ru"): 1,
        ("helpful", "domestic_violence:yes", "ru"): 1,
        ("contact", "line_111", "ru"): 1,
        ("emergency", "button", "ru"): 1,
        ("emergency", "command", "ru"): 1,
        ("emergency", "danger_words", "ru"): 1,
        ("search", "domestic_violence", "ru"): 1,
        ("region", "shymkent", "ru"): 1,
        ("selfcheck", "", "ru"): 1,
        ("quick_exit", "", "ru"): 1,
    }


async def test_nothing_identifying_anywhere_in_the_file(running, catalog, translators):
    user = User(id=918273645, first_name="Aigerim", username="aigerim_k", language_code="ru")
    await scripted_conversation(running, user, catalog, translators)
    await running.stop()
    path = running.stats.path
    needles = ["918273645", "Aigerim", "aigerim_k", "Айгерим", "87011234567", "бьет", "помогите"]
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        cells = [str(v) for t in tables for row in db.execute(f"SELECT * FROM {t}") for v in row]
        days = [r[0] for r in db.execute("SELECT DISTINCT day FROM counters")]
    assert tables == ["counters"]
    for needle in needles:
        assert not any(needle in cell for cell in cells), needle
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    for needle in needles:
        assert needle.encode() not in raw, needle
    assert all(len(day) == 10 for day in days)  # a date, nothing finer


async def test_flush_happens_on_shutdown_not_on_every_reply(running):
    await Person(running.api, User(id=5252, language_code="en")).send("/start")
    assert running.stats.pending == 1
    assert not running.stats.path.exists() or counters(running.stats.path) == {}
    await running.stop()
    assert counters(running.stats.path) == {("started", "", "en"): 1}


async def test_stats_for_admins_only(running):
    api = running.api
    admin = Person(api, User(id=ADMIN_ID, language_code="en"))
    stranger = Person(api, User(id=5353, language_code="en"))
    for _ in range(6):
        await stranger.send("/start")
    await admin.send("/start")
    report = await admin.send("/stats")
    started = next(line for line in report.splitlines() if "conversations started" in line)
    assert started.split()[-2:] == ["7", "7"]  # 6 + the admin's, in 7 days and in 30
    await stranger.send("/stats")
    await stranger.send("/no_such_command")
    replies = api.bot_messages(stranger.chat_id)
    assert replies[-1].text == replies[-2].text
    assert replies[-1].markup == replies[-2].markup


def make_unreadable(path: Path, how: str) -> None:
    if how == "a directory":
        path.mkdir()
    else:
        path.write_bytes(b"these are not the statistics " * 200)


@pytest.mark.parametrize("how", ["a directory", "not a database"])
async def test_stats_says_when_the_file_cannot_be_read(api, catalog, translators, tmp_path, how):
    """The admin is told the figures are only what is still in memory, not the history."""
    path = tmp_path / "stats.sqlite3"
    make_unreadable(path, how)
    services = make_services(catalog, translators, StatsStore(path))
    async with polling(api, services):
        admin = Person(api, User(id=ADMIN_ID, language_code="ru"))
        await admin.send("/start")
        report = await admin.send("/stats")
    warning, _, counts = report.partition("\n\n")
    assert warning.startswith("⚠️"), report
    assert "⚠️" not in counts
    started = translators["ru"].gettext("conversations started with /start")
    assert started in counts  # what is in memory is still shown, under the warning


async def test_stats_from_a_good_file_carry_no_warning(running):
    admin = Person(running.api, User(id=ADMIN_ID, language_code="en"))
    await admin.send("/start")
    report = await admin.send("/stats")
    assert "⚠️" not in report
    assert "7 days" in report.split("\n")[0]  # the table comes first
    assert "conversations started with /start" in report


async def test_report_is_in_the_admins_language(running, catalog, translators):
    admin = Person(running.api, User(id=ADMIN_ID, language_code="ru"))
    await admin.send("/start")
    await admin.press(catalog.pack("ru").topics["labour"].title)
    await admin.send("/sos")
    report = await admin.send("/stats")
    ru = translators["ru"].gettext
    assert "  команда " in report  # the emergency card's route
    for label in ("conversations started with /start", "quick exits used", "topics opened"):
        assert ru(label) in report
    assert "conversations" not in report  # no English left
    assert "topics" not in report
    assert "Трудовые права" in report  # the topic by its Russian title


async def test_report_hides_small_counts(running, catalog):
    admin = Person(running.api, User(id=ADMIN_ID, language_code="en"))
    await admin.send("/start")
    await admin.press(catalog.pack("en").topics["labour"].title)
    report = await admin.send("/stats")
    labour = next(line for line in report.splitlines() if "Labour" in line)
    assert "<5" in labour
    assert " 1 " not in f" {labour} "


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
async def test_privacy_lists_exactly_the_counters(running, translators, lang):
    text = await Person(running.api, User(id=5454, language_code=lang)).send("/privacy")
    tr = translators[lang]
    for info in EVENTS:
        assert tr.gettext(info.counts) in text
    assert text.count("•") == len(EVENTS)
    assert "730" in text


def test_suppression():
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]
    assert shown(3, exact=True) == "3"
    rows = [
        (DAY.isoformat(), "topic", "labour", "ru", 3),
        (DAY.isoformat(), "started", "", "ru", 9),
    ]
    lines = table(summarize(rows, DAY, 7), summarize(rows, DAY, 30))
    assert ("conversations started with /start", "9", "9") in lines
    assert ("  labour", "<5", "<5") in lines


async def test_unwritable_database_keeps_counts_until_it_can_write(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the directory should be")
    store = StatsStore(blocker / "stats.sqlite3", clock=lambda: DAY)
    store.record(Event.STARTED, "", "kk")
    assert await store.flush() is False
    store.record(Event.STARTED, "", "kk")
    assert await store.flush() is False
    assert store.pending == 2
    warnings = [r for r in caplog.records if "statistics not written" in r.getMessage()]
    assert len(warnings) == 1  # one warning, not one per retry
    blocker.unlink()
    assert await store.flush() is True
    await store.close()
    assert counters(blocker / "stats.sqlite3") == {("started", "", "kk"): 2}


async def test_counts_that_cannot_be_written_at_shutdown_are_reported(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the directory should be")
    store = StatsStore(blocker / "stats.sqlite3", clock=lambda: DAY)
    for _ in range(3):
        store.record(Event.TOPIC, "labour", "en")
    await store.close()
    assert "3 count(s) could not be written before shutdown" in caplog.text


async def store_with_one_count(path: Path) -> StatsStore:
    store = StatsStore(path, clock=lambda: DAY)
    store.record(Event.TOPIC, "labour", "ru")
    assert await store.flush()
    return store


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another process holds the file's write lock."""
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.rollback()
        other.close()


async def test_a_batch_being_written_still_counts_as_pending(tmp_path):
    store = await store_with_one_count(tmp_path / "stats.sqlite3")
    with locked(store.path):  # the next write waits for this lock
        store.record(Event.TOPIC, "gender", "ru")
        writing = asyncio.create_task(store.flush())
        await asyncio.sleep(0.2)
        assert store.pending == 1  # not on disk yet, so not reported as written
    assert await writing
    assert store.pending == 0
    await store.close()


async def test_stopping_during_a_timed_write_loses_nothing(tmp_path):
    store = await store_with_one_count(tmp_path / "stats.sqlite3")
    with locked(store.path):
        for _ in range(3):
            store.record(Event.TOPIC, "labour", "ru")
        store.start(0.01)
        await asyncio.sleep(0.2)  # the timer's write is now waiting for the lock
        closing = asyncio.create_task(store.close())  # shutdown stops the timer mid-write
        await asyncio.sleep(0.2)
    await closing
    assert counters(store.path) == {("topic", "labour", "ru"): 4}


async def test_locked_database_is_retried(tmp_path):
    store = await store_with_one_count(tmp_path / "stats.sqlite3")
    with locked(store.path):
        store.record(Event.TOPIC, "labour", "ru")
        assert await store.flush() is False
    assert await store.flush() is True
    await store.close()
    assert counters(store.path) == {("topic", "labour", "ru"): 2}


async def test_deleted_database_is_recreated(tmp_path):
    path = tmp_path / "stats.sqlite3"
    store = StatsStore(path, clock=lambda: DAY)
    store.record(Event.TOPIC, "labour", "ru")
    assert await store.flush()
    for file in tmp_path.glob("stats.sqlite3*"):
        file.unlink()
    store.record(Event.TOPIC, "gender", "ru")
    assert await store.flush()
    await store.close()
    assert counters(path) == {("topic", "gender", "ru"): 1}


async def test_schema_version_and_retention(tmp_path):
    path = tmp_path / "stats.sqlite3"
    today = [DAY - dt.timedelta(days=800)]
    store = StatsStore(path, retention_days=730, clock=lambda: today[0])
    store.record(Event.STARTED, "", "en")
    await store.flush()
    today[0] = DAY
    store.record(Event.STARTED, "", "kk")
    await store.flush()
    await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert counters(path) == {("started", "", "kk"): 1}


async def test_command_line_report_csv_and_chart(tmp_path, capsys):
    path = tmp_path / "stats.sqlite3"
    today = dt.datetime.now(dt.UTC).date()
    store = StatsStore(path, clock=lambda: today)
    for _ in range(3):
        store.record(Event.TOPIC, "labour", "ru")
    for _ in range(7):
        store.record(Event.STARTED, "", "ru")
    await store.close()
    second = tmp_path / "replica.sqlite3"
    other = StatsStore(second, clock=lambda: today)
    other.record(Event.STARTED, "", "kk")
    await other.close()

    csv_file, chart = tmp_path / "out.csv", tmp_path / "chart.png"
    assert (
        main(
            [
                "stats",
                "--db",
                str(path),
                "--db",
                str(second),
                "--days",
                "30",
                "--csv",
                str(csv_file),
                "--chart",
                str(chart),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "conversations started" in out
    assert "8" in out  # 7 + 1 from the second replica
    assert "<5" in out
    assert "<5" in csv_file.read_text()
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    assert main(["stats", "--db", str(path), "--exact", "--csv", str(csv_file)]) == 0
    assert ",3" in csv_file.read_text()


def test_command_line_report_on_a_missing_file(tmp_path, capsys):
    assert main(["stats", "--db", str(tmp_path / "missing.sqlite3")]) == 1
    assert "cannot read statistics" in capsys.readouterr().err
