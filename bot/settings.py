"""Settings from the environment and an optional .env file (the environment wins).

Each setting is declared once, as a field of `Settings` with its environment variable, its
one-line help and how its text is read; loading, the command line's help and the checks that
keep .env.example and the README in step all come from that declaration.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_API_URL = "https://api.telegram.org"
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{30,}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("plain", "json")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it and never echoes a secret."""


Parse = Callable[[str, str], Any]  # (environment variable, its text) -> value


def text(_name: str, raw: str) -> str:
    return raw


def path(_name: str, raw: str) -> Path:
    return Path(raw)


def number(minimum: float, kind: type = float) -> Parse:
    def parse(name: str, raw: str) -> Any:
        try:
            value = float(raw)
        except ValueError:
            raise SettingsError(f"{name} must be a number, got {raw!r}") from None
        if value < minimum:
            raise SettingsError(f"{name} must be at least {minimum:g}")
        return kind(value)

    return parse


def choice(options: tuple[str, ...], normalise: Callable[[str], str]) -> Parse:
    def parse(name: str, raw: str) -> str:
        value = normalise(raw)
        if value not in options:
            raise SettingsError(f"{name} must be one of {', '.join(options)}")
        return value

    return parse


def web_address(name: str, raw: str) -> str:
    if not re.match(r"^https?://[^\s/]+", raw):
        raise SettingsError(f"{name} must be an http(s) address, got {raw!r}")
    return raw.rstrip("/")


def ids(name: str, raw: str) -> frozenset[int]:
    found: set[int] = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not re.fullmatch(r"-?\d+", part):
            raise SettingsError(f"{name} must be Telegram ids separated by commas")
        found.add(int(part))
    return frozenset(found)


def username(name: str, raw: str) -> str:
    value = raw.removeprefix("@")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{4,31}", value):
        raise SettingsError(f"{name} must be a Telegram username (5-32 of A-Z a-z 0-9 _)")
    return value


def host_port(name: str, raw: str) -> str:
    host, _, port = raw.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingsError(f"{name} must be host:port, got {raw!r}")
    return raw


def setting(
    env: str, default: Any, help: str, parse: Parse = text, *, secret: bool = False
) -> Any:
    return field(
        default=default, metadata={"env": env, "help": help, "parse": parse}, repr=not secret
    )


@dataclass(frozen=True)
class Settings:
    token: str = setting(
        "BOT_TOKEN", "", "bot token from @BotFather (required for run)", secret=True
    )
    api_url: str = setting(
        "BOT_API_URL",
        DEFAULT_API_URL,
        "Bot API server address (a self-hosted one, or a test double)",
        web_address,
    )
    api_timeout: float = setting(
        "BOT_API_TIMEOUT", 30.0, "seconds to wait for one Bot API request", number(0.1)
    )
    db_path: Path = setting(
        "BOT_DB", Path("data/stats.sqlite3"), "SQLite file for anonymous usage counters", path
    )
    admin_ids: frozenset[int] = setting(
        "BOT_ADMIN_IDS",
        frozenset(),
        "Telegram ids of administrators (/stats, /reload), comma-separated",
        ids,
    )
    bot_username: str = setting(
        "BOT_USERNAME",
        "",
        "the bot's @username, for posters' links (default: asked from Telegram)",
        username,
    )
    content_dir: Path = setting("BOT_CONTENT_DIR", Path("content"), "content directory", path)
    reload_seconds: float = setting(
        "BOT_RELOAD_SECONDS",
        3.0,
        "how often to look for changed content files (0: only on /reload)",
        number(0),
    )
    log_level: str = setting(
        "BOT_LOG_LEVEL",
        "INFO",
        "DEBUG, INFO, WARNING, ERROR or CRITICAL",
        choice(LOG_LEVELS, str.upper),
    )
    log_format: str = setting(
        "BOT_LOG_FORMAT",
        "plain",
        "plain, or json (one object a line)",
        choice(LOG_FORMATS, str.lower),
    )
    stats_retention_days: int = setting(
        "BOT_STATS_RETENTION_DAYS",
        730,
        "counters older than this many days are deleted",
        number(1, int),
    )
    stats_flush_seconds: float = setting(
        "BOT_STATS_FLUSH_SECONDS", 5.0, "how often counters are written", number(0.1)
    )
    flood_per_second: float = setting(
        "BOT_FLOOD_PER_SECOND", 1.0, "per-user flood control: replies per second", number(0.01)
    )
    flood_burst: float = setting(
        "BOT_FLOOD_BURST", 4.0, "per-user flood control: burst", number(1)
    )
    remembered_messages: int = setting(
        "BOT_REMEMBERED_MESSAGES",
        1_000_000,
        "message ids kept for quick exits, in all chats; oldest dropped first (~12 bytes each)",
        number(1, int),
    )
    webhook_url: str = setting("BOT_WEBHOOK_URL", "", "public https address, for run --webhook")
    webhook_secret: str = setting(
        "BOT_WEBHOOK_SECRET",
        "",
        "secret Telegram sends with every update, for run --webhook",
        secret=True,
    )
    listen: str = setting(
        "BOT_LISTEN", "127.0.0.1:8080", "host:port the webhook server listens on", host_port
    )
    redis_url: str = setting(
        "BOT_REDIS_URL",
        "",
        "share conversation state between replicas (needs the redis extra)",
        secret=True,
    )

    @property
    def listen_host(self) -> str:
        return self.listen.rpartition(":")[0].strip("[]")

    @property
    def listen_port(self) -> int:
        return int(self.listen.rpartition(":")[2])

    def require_webhook(self) -> None:
        """Webhook mode cannot run without its address and a secret Telegram sends back."""
        if not re.match(r"^https://[^\s/]+", self.webhook_url):
            raise SettingsError("BOT_WEBHOOK_URL must be the public https:// address of the bot")
        if not SECRET_PATTERN.match(self.webhook_secret):
            raise SettingsError(
                "BOT_WEBHOOK_SECRET is required in webhook mode: 1-256 characters of "
                "A-Z, a-z, 0-9, _ and -"
            )


SETTINGS: tuple[dataclasses.Field[Any], ...] = dataclasses.fields(Settings)


def shown_default(spec: dataclasses.Field[Any]) -> str:
    """The default as an editor would write it in .env ("" for none)."""
    value = spec.default
    if isinstance(value, frozenset):
        return ",".join(map(str, sorted(value)))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe() -> str:
    """Every setting with its default, for `python -m bot --help`."""
    lines = []
    for spec in SETTINGS:
        default = shown_default(spec)
        lines.append(
            f"  {spec.metadata['env']}: {spec.metadata['help']}"
            + (f" (default {default})" if default else "")
        )
    return "\n".join(lines)


def read_env_file(env_path: Path) -> dict[str, str]:
    """KEY=VALUE lines; blank lines and # comments ignored; surrounding quotes removed."""
    values: dict[str, str] = {}
    if not env_path.is_file():
        return values
    try:
        content = env_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read {env_path}: {type(exc).__name__}") from None
    for raw in content.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: Path = Path(".env"),
    *,
    need_token: bool = True,
) -> Settings:
    env = {**read_env_file(env_file), **(os.environ if environ is None else environ)}
    values: dict[str, Any] = {}
    for spec in SETTINGS:
        name = spec.metadata["env"]
        raw = env.get(name, "").strip()
        if raw:
            values[spec.name] = spec.metadata["parse"](name, raw)
    token = values.get("token", "")
    if need_token and not token:
        raise SettingsError("BOT_TOKEN is not set: put the token from @BotFather in .env")
    if need_token and not TOKEN_PATTERN.match(token):
        raise SettingsError(
            "BOT_TOKEN is malformed: expected digits, a colon and the secret part from @BotFather"
        )
    return Settings(**values)
