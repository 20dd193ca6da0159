"""The rules a content text must keep, and every limit, named once: the loader applies them,
the editor schemas in content/schema/ repeat them (tests/test_schema.py keeps both equal)."""

from __future__ import annotations

import re

from .problems import Location
from .reader import Reader
from .telegram_text import SCREEN_HARD_LIMIT, check_html, utf16_len

TITLE_LIMIT = 32  # a button label that still fits a phone screen
SUMMARY_LIMIT = 600
# A section is one phone screen or a little more; longer ones are split into two sections.
SECTION_LIMIT = 1000
# Room left in a screen for the heading, footer and contact lines the bot adds around a text.
TEXT_LIMIT = SCREEN_HARD_LIMIT - 600
MAX_QUESTIONS = 12  # answers travel in callback data, one letter each
QUESTION_LIMIT = 200
REGION_NAME_LIMIT = 40
CONTACT_NAME_LIMIT = 60
CONTACT_WHEN_LIMIT = 300
CONTACT_WHO_LIMIT = 200
CONTACT_CARD_LIMIT = 100
EXIT_MESSAGE_LIMIT = 50
FORGET_DONE_LIMIT = 600
LAW_NAME_LIMIT = 120
SOURCE_NAME_LIMIT = 80

HOURS_VALUES = frozenset({"24/7"})
PHONE_PATTERN = re.compile(r"^\+?\d{2,15}$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"']+$")
ARTICLE_PATTERN = re.compile(r"^\d{1,4}(?:-\d{1,2})?$")
LAW_NUMBER_PATTERN = re.compile(r"^\d{1,4}-[IVX]{1,6}$")
SOURCE_DATE_PATTERN = re.compile(r"^(?:undated|\d{4}(?:-\d{2}(?:-\d{2})?)?)$")
FACTS_SECTION_PATTERN = re.compile(r"^\d{1,2}(?:\.\d{1,2}|[a-z])?$")
DANGER_WORD = re.compile(r"^[^\s*]+\*?(?: [^\s*]+\*?)*$")
HREF = re.compile(r"href\s*=\s*[\"']([^\"']*)")
# Digit groups that could be read as a phone number: 3+ digits, maybe split by spaces, - or ().
NUMBER_PATTERN = re.compile(r"\+?\d(?:[\d\-() ]*\d)?")
# A law number as the facts file writes it, e.g. 245-VIII, anywhere in a text.
LAW_NUMBER_IN_TEXT = re.compile(r"\b\d{1,4}-[IVX]{1,6}\b")


def is_year(digits: str) -> bool:
    return len(digits) == 4 and 1990 <= int(digits) <= 2099


def unknown_numbers(text: str, known: frozenset[str]) -> list[str]:
    """Digit groups in `text` that are neither a defined contact, a listed number nor a year."""
    found = []
    for match in NUMBER_PATTERN.finditer(text):
        for token in match.group().split():
            digits = re.sub(r"\D", "", token)
            if len(digits) >= 3 and digits not in known and not is_year(digits):
                found.append(match.group().strip())
                break
    return found


def check_plain(reader: Reader, loc: Location, text: str, known_numbers: frozenset[str]) -> None:
    """Titles, names and button labels are shown as typed: no HTML, no stray numbers."""
    if re.search(r"</?[a-zA-Z]", text):
        reader.error(
            loc, "this is plain text: HTML tags here would be shown as typed", "remove the tags"
        )
    _report_numbers(reader, loc, unknown_numbers(text, known_numbers))


def check_text(
    reader: Reader, loc: Location, text: str, known_numbers: frozenset[str], limit: int
) -> str:
    """Telegram HTML, its visible length and its numbers; returns the visible text."""
    errors, visible = check_html(text)
    for message in errors:
        reader.error(loc, message)
    if utf16_len(visible) > limit:
        reader.error(
            loc,
            f"text is {utf16_len(visible)} characters long; at most {limit}",
            "split it into two sections",
        )
    # A number hidden in a link reaches users too (wa.me/..., tel-like paths).
    hrefs = " ".join(HREF.findall(text))
    _report_numbers(reader, loc, unknown_numbers(visible + " " + hrefs, known_numbers))
    return visible


def _report_numbers(reader: Reader, loc: Location, numbers: list[str]) -> None:
    for number in numbers:
        reader.error(
            loc,
            f"{number!r} looks like a phone number that is not a defined contact",
            "add it to content/contacts.yaml with its source, or remove it",
        )


def last_paragraph(text: str) -> str:
    """The end of a text, where a reader looks for what to do next."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return paragraphs[-1] if paragraphs else ""
