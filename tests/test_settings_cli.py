"""Settings and the command line: clear one-line errors, never a traceback or the token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.settings import (
    DEFAULT_API_URL,
    SETTINGS,
    SettingsError,
    load_settings,
    read_env_file,
    shown_default,
)

from .helpers import ROOT, TOKEN


def test_defaults_and_env_file(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        f'# comment\nBOT_TOKEN="{TOKEN}"\nBOT_ADMIN_IDS=1, 22\nexport BOT_LOG_LEVEL=debug\n'
    )
    settings = load_settings({}, env_file)
    assert settings.token == TOKEN
    assert settings.api_url == DEFAULT_API_URL
    assert settings.admin_ids == {1, 22}
    assert settings.log_level == "DEBUG"
    assert settings.content_dir == Path("content")
    assert settings.db_path == Path("data/stats.sqlite3")
    assert TOKEN not in repr(settings)


def test_environment_wins_over_env_file(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text("BOT_API_URL=http://file.example\n")
    settings = load_settings(
        {"BOT_TOKEN": TOKEN, "BOT_API_URL": "http://127.0.0.1:8081/"}, env_file
    )
    assert settings.api_url == "http://127.0.0.1:8081"
    assert read_env_file(tmp_path / "missing") == {}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "BOT_TOKEN is not set"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN is malformed"),
        ({"BOT_TOKEN": TOKEN, "BOT_ADMIN_IDS": "12,abc"}, "BOT_ADMIN_IDS"),
        ({"BOT_TOKEN": TOKEN, "BOT_LOG_LEVEL": "LOUD"}, "BOT_LOG_LEVEL"),
        ({"BOT_TOKEN": TOKEN, "BOT_API_URL": "ftp://x"}, "BOT_API_URL"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, env, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(env, tmp_path / ".env")


@pytest.mark.parametrize("token", ["", "12345:short", "secret-secret-secret-secret-secret"])
def test_run_with_bad_token_exits_2_with_one_line(monkeypatch, tmp_path, capsys, token):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", token)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: BOT_TOKEN")
    if token:
        assert token not in err


def test_run_refuses_invalid_content(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_CONTENT_DIR", str(tmp_path / "nothing-here"))
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert "contacts.yaml:1:1" in err
    assert "not started" in err


def test_help_lists_every_command_and_setting(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    listed = re.findall(r"^ {4}([a-z]+) ", out, re.MULTILINE)
    assert listed == ["run", "check", "chat", "preview", "stats", "poster"]
    for spec in SETTINGS:
        assert spec.metadata["env"] in out, f"--help does not mention {spec.metadata['env']}"


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda spec: spec.metadata["env"])
def test_every_setting_is_documented_with_its_default(spec):
    """Declared once in bot/settings.py; .env.example and the README only repeat it."""
    name, default = spec.metadata["env"], shown_default(spec)
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert f"{name}=" in example, f".env.example does not list {name}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next((line for line in readme.splitlines() if f"`{name}`" in line), None)
    assert row is not None, f"the README's settings table has no row for {name}"
    if default:
        assert f"`{default}`" in row, f"the README gives another default for {name}: {row}"


def test_listen_is_read_as_host_and_port():
    settings = load_settings({"BOT_TOKEN": TOKEN, "BOT_LISTEN": "[::1]:8443"}, ROOT / "no.env")
    assert (settings.listen_host, settings.listen_port) == ("::1", 8443)
