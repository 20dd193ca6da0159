"""Logging that cannot leak the bot token."""

from __future__ import annotations

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


def setup_logging(level: str, secret: str = "") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecret(secret))
    logging.basicConfig(level=level, handlers=[handler], force=True)
