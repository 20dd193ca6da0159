"""Deep-link payloads: a table of good and bad ones, read by the pure parser."""

from __future__ import annotations

import pytest

from bot import deeplinks
from bot.deeplinks import Link, parse

GOOD = [
    ("kk", Link("kk")),
    ("ru", Link("ru")),
    ("en", Link("en")),
    ("kk-sos", Link("kk", "sos")),
    ("ru-help", Link("ru", "help")),
    ("en-regions", Link("en", "regions")),
    ("kk-quiz", Link("kk", "quiz")),
    ("kk-domestic_violence", Link("kk", "domestic_violence")),
    ("kk-domestic_violence-school", Link("kk", "domestic_violence", "school")),
    ("ru-sos-bus12", Link("ru", "sos", "bus12")),
    ("en-labour-" + "a" * 16, Link("en", "labour", "a" * 16)),
    ("en-no_such_topic", Link("en", "no_such_topic")),  # well formed; the handler decides
    ("ru-action_plan-share", Link("ru", "action_plan", "share")),
]

BAD = [
    None,
    "",
    "de",  # not a language we serve
    "KK",
    "kk-",  # an empty target
    "kk--school",
    "kk-sos-",  # an empty campaign
    "kk-sos-School",  # campaigns are lower case
    "kk-sos-" + "a" * 17,  # campaign too long
    "kk-sos-a_b",  # no underscore in a campaign
    "kk-sos-x-y",  # too many parts
    "kk-Domestic_violence",
    "kk-1topic",
    "kk-" + "a" * 21,  # longer than any content id
    "kk-sos-" + "a" * 58,  # over 64 characters
    "en-labour ",  # characters Telegram never sends
    "en-labour%20",
    "ru-помощь",
    "kk-sos-school\n",
    "-kk",
    "kk-sos-school-x" + "y" * 60,
]


@pytest.mark.parametrize(("payload", "link"), GOOD)
def test_good_payloads(payload, link):
    assert parse(payload) == link
    assert link.payload == payload  # and it is written back the same way


@pytest.mark.parametrize("payload", BAD)
def test_bad_payloads_are_none(payload):
    assert parse(payload) is None


def test_the_longest_payload_fits_telegram():
    longest = deeplinks.build("kk", "a" * 20, "z" * 16)
    assert len(longest) <= deeplinks.MAX_PAYLOAD


def test_topic_or_screen():
    assert parse("kk-sos").is_topic is False
    assert parse("kk-labour").is_topic is True
    assert parse("kk").is_topic is False


@pytest.mark.parametrize(
    ("args", "error"),
    [(("de", "sos"), "not a valid"), (("kk", "", "school"), "needs a target")],
)
def test_build_refuses_what_parse_would_not_read(args, error):
    with pytest.raises(ValueError, match=error):
        deeplinks.build(*args)


def test_url():
    assert deeplinks.url("@kz_rights_bot", "kk-sos") == "https://t.me/kz_rights_bot?start=kk-sos"
    with pytest.raises(ValueError, match="username"):
        deeplinks.url("no", "kk")


def test_made_up_campaigns_cannot_fill_the_statistics():
    book = deeplinks.Campaigns(limit=3)
    day = "2026-12-01"
    assert [book.admit(day, c) for c in ("a", "b", "c", "d", "a", "share")] == [
        "a",
        "b",
        "c",
        "other",
        "a",
        "share",  # links in shared messages are always counted by name
    ]
    assert book.admit("2026-12-02", "d") == "d"  # a new day, a new allowance


def test_campaign_report_rows_are_suppressed_like_the_rest():
    import datetime as dt

    from bot.stats.report import summarize, table

    day = dt.date(2026, 12, 1)
    rows = [
        (day.isoformat(), "campaign", "school/domestic_violence", "kk", 3),
        (day.isoformat(), "campaign", "school/domestic_violence", "ru", 12),
        (day.isoformat(), "shared", "sos", "kk", 7),
    ]
    lines = table(summarize(rows, day, 7), summarize(rows, day, 30))
    assert ("  school/domestic_violence/kk", "<5", "<5") in lines
    assert ("  school/domestic_violence/ru", "12", "12") in lines
    assert ("  sos", "7", "7") in lines
