"""Deep links: https://t.me/<bot>?start=<payload>, with the payload <lang>[-<target>[-<campaign>]].

`lang` is kk, ru or en; `target` is one of the fixed screens (sos, help, regions, quiz) or a topic
id; `campaign` is 1-16 characters of a-z and 0-9. Topic ids hold underscores but never a hyphen,
so the payload is split from the left on '-'. Pure: no aiogram, no content; whether a topic id
names a topic of the content being served is for the handler to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .content import LANGUAGES

MAX_PAYLOAD = 64  # Telegram's limit for a start parameter
SCREENS = ("sos", "help", "regions", "quiz")
TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]{0,19}$")  # content ids: at most 20 ASCII characters
CAMPAIGN = re.compile(r"^[a-z0-9]{1,16}$")
PAYLOAD_CHARS = re.compile(r"^[A-Za-z0-9_-]+$")  # what Telegram allows in a start parameter
SHARE = "share"  # the campaign of links in messages shared through inline mode


@dataclass(frozen=True)
class Link:
    lang: str
    target: str = ""  # "" for the home screen; a screen of SCREENS or a topic id
    campaign: str = ""

    @property
    def is_topic(self) -> bool:
        return bool(self.target) and self.target not in SCREENS

    @property
    def payload(self) -> str:
        return "-".join(part for part in (self.lang, self.target, self.campaign) if part)


def parse(payload: str | None) -> Link | None:
    """The link a payload asks for, or None for anything malformed (the caller then shows the
    home screen or the language picker, never an error)."""
    if not payload or len(payload) > MAX_PAYLOAD or not PAYLOAD_CHARS.fullmatch(payload):
        return None
    parts = payload.split("-")
    if len(parts) > 3 or parts[0] not in LANGUAGES:
        return None
    target = parts[1] if len(parts) > 1 else ""
    campaign = parts[2] if len(parts) > 2 else ""
    if len(parts) > 1 and not (target in SCREENS or TOPIC_ID.fullmatch(target)):
        return None
    if len(parts) > 2 and not CAMPAIGN.fullmatch(campaign):
        return None
    return Link(parts[0], target, campaign)


def build(lang: str, target: str = "", campaign: str = "") -> str:
    """The payload of a link; raises ValueError for one `parse` would not read back."""
    link = Link(lang, target, campaign)
    if campaign and not target:
        raise ValueError("a campaign needs a target")
    if parse(link.payload) != link:
        raise ValueError(f"not a valid deep link: {link.payload!r}")
    return link.payload


USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{4,31}$")  # 5-32 characters


def url(username: str, payload: str) -> str:
    """https://t.me/<username>?start=<payload>"""
    name = username.removeprefix("@")
    if not USERNAME.fullmatch(name):
        raise ValueError(f"not a Telegram username: {username!r}")
    return f"https://t.me/{name}?start={payload}"


MAX_CAMPAIGNS_A_DAY = 100
OTHER = "other"


class Campaigns:
    """Which campaign names are counted: anyone can write a link, so at most
    MAX_CAMPAIGNS_A_DAY distinct names a day (per process) are counted by name, and the rest
    as "other"; the statistics file cannot be filled with made-up names."""

    def __init__(self, limit: int = MAX_CAMPAIGNS_A_DAY) -> None:
        self.limit = limit
        self._day = ""
        self._seen: set[str] = {SHARE}

    def admit(self, day: str, campaign: str) -> str:
        if day != self._day:
            self._day, self._seen = day, {SHARE}
        if campaign in self._seen or len(self._seen) < self.limit + 1:
            self._seen.add(campaign)
            return campaign
        return OTHER
