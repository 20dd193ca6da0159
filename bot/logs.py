"""Logging to stdout, plain or JSON, that cannot leak the bot token."""

from __future__ import annotations

import json
import logging
import sys


class RedactSecret(logging.Filter):
    def __init__(self, secret: str) -> None:
        super().__init__()
        self._secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self._secret and self._secret in record.getMessage():
            record.msg = record.getMessage().replace(self._secret, "<token>")
            record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else ""
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str, secret: str = "", log_format: str = "plain") -> None:
    handler = logging.StreamHandler(sys.stdout)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecret(secret))
    logging.basicConfig(level=level, handlers=[handler], force=True)
