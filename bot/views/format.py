"""How a contact, a date or a long report is written inside a screen."""

from __future__ import annotations

import html
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup

from ..content import Catalog, Contact, ContactText, LanguagePack
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
    if contact.text_requests:
        tags.append(tr.gettext("also in writing"))
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
