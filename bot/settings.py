"""Settings from the environment and an optional .env file (the environment wins)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_API_URL = "https://api.telegram.org"
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{30,}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("plain", "json")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it and never echoes a secret."""


@dataclass(frozen=True)
class Settings:
    token: str = field(repr=False)
    api_url: str = DEFAULT_API_URL
    db_path: Path = Path("data/stats.sqlite3")
    admin_ids: frozenset[int] = frozenset()
    content_dir: Path = Path("content")
    log_level: str = "INFO"
    stats_retention_days: int = 730
    stats_flush_seconds: float = 5.0
    reload_seconds: float = 3.0  # 0: reload only on /reload
    webhook_url: str = ""
    webhook_secret: str = field(default="", repr=False)
    listen_host: str = "127.0.0.1"
    listen_port: int = 8080
    log_format: str = "plain"
    redis_url: str = field(default="", repr=False)
    flood_per_second: float = 1.0
    flood_burst: float = 4.0
    api_timeout: float = 30.0

    def require_webhook(self) -> None:
        """Webhook mode cannot run without its address and a secret Telegram sends back."""
        if not re.match(r"^https://[^\s/]+", self.webhook_url):
            raise SettingsError("BOT_WEBHOOK_URL must be the public https:// address of the bot")
        if not SECRET_PATTERN.match(self.webhook_secret):
            raise SettingsError(
                "BOT_WEBHOOK_SECRET is required in webhook mode: 1-256 characters of "
                "A-Z, a-z, 0-9, _ and -"
            )


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; blank lines and # comments ignored; surrounding quotes removed."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read {path}: {type(exc).__name__}") from None
    for raw in text.splitlines():
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
    token = env.get("BOT_TOKEN", "").strip()
    if need_token and not token:
        raise SettingsError("BOT_TOKEN is not set: put the token from @BotFather in .env")
    if need_token and not TOKEN_PATTERN.match(token):
        raise SettingsError(
            "BOT_TOKEN is malformed: expected digits, a colon and the secret part from @BotFather"
        )
    api_url = env.get("BOT_API_URL", "").strip() or DEFAULT_API_URL
    if not re.match(r"^https?://[^\s/]+", api_url):
        raise SettingsError(f"BOT_API_URL must be an http(s) address, got {api_url!r}")
    admin_ids: set[int] = set()
    for part in env.get("BOT_ADMIN_IDS", "").replace(" ", "").split(","):
        if not part:
            continue
        if not re.fullmatch(r"-?\d+", part):
            raise SettingsError("BOT_ADMIN_IDS must be Telegram ids separated by commas")
        admin_ids.add(int(part))
    log_level = (env.get("BOT_LOG_LEVEL", "").strip() or "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise SettingsError(f"BOT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
    retention = _number(env, "BOT_STATS_RETENTION_DAYS", 730, minimum=1)
    flush_every = _number(env, "BOT_STATS_FLUSH_SECONDS", 5, minimum=0.1)
    reload_every = _number(env, "BOT_RELOAD_SECONDS", 3, minimum=0)
    listen = env.get("BOT_LISTEN", "").strip() or "127.0.0.1:8080"
    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingsError(f"BOT_LISTEN must be host:port, got {listen!r}")
    flood_rate = _number(env, "BOT_FLOOD_PER_SECOND", 1, minimum=0.01)
    flood_burst = _number(env, "BOT_FLOOD_BURST", 4, minimum=1)
    api_timeout = _number(env, "BOT_API_TIMEOUT", 30, minimum=0.1)
    log_format = (env.get("BOT_LOG_FORMAT", "").strip() or "plain").lower()
    if log_format not in LOG_FORMATS:
        raise SettingsError(f"BOT_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
    return Settings(
        token=token,
        api_url=api_url.rstrip("/"),
        db_path=Path(env.get("BOT_DB", "").strip() or "data/stats.sqlite3"),
        admin_ids=frozenset(admin_ids),
        content_dir=Path(env.get("BOT_CONTENT_DIR", "").strip() or "content"),
        log_level=log_level,
        stats_retention_days=int(retention),
        stats_flush_seconds=float(flush_every),
        reload_seconds=float(reload_every),
        webhook_url=env.get("BOT_WEBHOOK_URL", "").strip(),
        webhook_secret=env.get("BOT_WEBHOOK_SECRET", "").strip(),
        listen_host=host.strip("[]"),
        listen_port=int(port),
        log_format=log_format,
        redis_url=env.get("BOT_REDIS_URL", "").strip(),
        flood_per_second=flood_rate,
        flood_burst=flood_burst,
        api_timeout=api_timeout,
    )


def _number(env: Mapping[str, str], name: str, default: float, minimum: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum:g}")
    return value
