"""How a contact, a date or a long report is written inside a screen."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup

from ..content import Catalog, Contact, ContactText, LanguagePack, Section, Source
from ..i18n import Translator


@dataclass(frozen=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup | None


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def clip(text: str, limit: int = 3900) -> str:
    """Cut a long <pre> report at a line break so it stays within Telegram's limit."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 20)
    head = text[: cut if cut > 0 else limit - 20]
    return head + "\n…</pre>" if "<pre>" in head and "</pre>" not in head else head


def contact_tags(tr: Translator, contact: Contact) -> list[str]:
    tags = []
    if contact.hours == "24/7":
        tags.append(tr.gettext("24/7"))
    if contact.free:
        tags.append(tr.gettext("free"))
    return tags


def contact_line(tr: Translator, contact: Contact, text: ContactText) -> str:
    """One line: number (or link) and name, with hours and cost where the source gives them."""
    tags = contact_tags(tr, contact)
    suffix = f" ({', '.join(tags)})" if tags else ""
    if contact.phone:
        return f"☎️ <b>{contact.phone}</b> · {esc(text.name)}{suffix}"
    href = html.escape(contact.url or "", quote=True)
    return f'🌐 <a href="{href}">{esc(text.name)}</a>{suffix}'


def contact_lines(
    tr: Translator, catalog: Catalog, pack: LanguagePack, ids: tuple[str, ...]
) -> list[str]:
    return [contact_line(tr, catalog.contacts[c], pack.contacts[c]) for c in ids]


def card_label(catalog: Catalog, pack: LanguagePack, contact_id: str) -> str:
    phone = catalog.contacts[contact_id].phone
    name = pack.contacts[contact_id].name
    return f"{phone} · {name}" if phone else name


def unofficial_note(tr: Translator) -> str:
    return tr.gettext(
        "Law texts marked 'unofficial copy' are copies of adilet.zan.kz, the official "
        "register: check the article there before you rely on it."
    )


def articles(tr: Translator, numbers: list[str]) -> str:
    if len(numbers) == 1:
        return tr.gettext("art. {number}").format(number=numbers[0])
    return tr.gettext("arts. {numbers}").format(numbers=", ".join(numbers))


def basis_parts(tr: Translator, catalog: Catalog, section: Section) -> list[str]:
    """One entry per law, in the order the section cites them: the law and its articles."""
    grouped: dict[str, list[str]] = {}
    for citation in section.basis:
        cited = grouped.setdefault(citation.law, [])
        if citation.article:
            cited.append(citation.article)
    parts = []
    for law_id, numbers in grouped.items():
        name = catalog.laws[law_id].names[tr.lang]
        parts.append(f"{name}, {articles(tr, numbers)}" if numbers else name)
    return parts


def basis_line(tr: Translator, catalog: Catalog, section: Section) -> str:
    return "; ".join(basis_parts(tr, catalog, section))


def one_stop(sentence: str) -> str:
    """One full stop where a date that ends with its own ("2021 г.") meets the sentence's."""
    return re.sub(r"\.\.(?=\s|$|<)", ".", sentence)


def source_date(tr: Translator, date: str) -> str:
    """A source's date as precise as the page gives it: a day, a month, a year, or none."""
    if date == "undated":
        return tr.gettext("undated")
    if len(date) == 10:
        return tr.date(date)
    if len(date) == 7:
        return tr.month(date)
    return date


def source_line(tr: Translator, source: Source) -> str:
    name = esc(source.name)
    shown = f'<a href="{html.escape(source.url, quote=True)}">{name}</a>' if source.url else name
    details = [source_date(tr, source.date)]
    if source.unofficial:
        details.append(tr.gettext("unofficial copy"))
    return f"{shown}, {esc(', '.join(details))}"
