"""Inline mode: the cards someone can send into any chat by typing @<bot> <words>. Each is a
short message with the main numbers and a button that opens the bot at its screen; pure
functions of the catalog and the interface strings, like every other view.

The cards are sent by the person who shares them, into a chat the bot never sees: they say
only what a poster would say, and the neutral card names no topic at all, for a friend whose
phone someone else may read."""

from __future__ import annotations

import re
from collections.abc import Sequence

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)

from .. import deeplinks
from ..content import Catalog, LanguagePack, Topic
from ..i18n import Translator
from .format import contact_lines, esc

SOS = "sos"
HELP = "help"
NEUTRAL = "neutral"
CARDS = (SOS, HELP, NEUTRAL)
MAX_TOPICS = 10  # well under Telegram's 50 results; more would only be noise
_TAG = re.compile(r"<[^>]+>")


def result_id(lang: str, target: str) -> str:
    """`kk.sos`, `ru.domestic_violence`: what the card is, so a chosen result can be counted
    (at most 23 bytes; Telegram allows 64)."""
    return f"{lang}.{target}"


def read_result_id(value: str) -> tuple[str, str] | None:
    lang, _, target = value.partition(".")
    return (lang, target) if lang and target else None


def _plain(text: str, limit: int = 120) -> str:
    flat = " ".join(_TAG.sub("", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _article(
    tr: Translator,
    lang: str,
    target: str,
    title: str,
    description: str,
    text: str,
    username: str | None,
) -> InlineQueryResultArticle:
    markup = None
    if username:
        link_target = HELP if target == NEUTRAL else target
        payload = deeplinks.build(lang, link_target, deeplinks.SHARE)
        opener = InlineKeyboardButton(
            text=tr.gettext("Open the bot"), url=deeplinks.url(username, payload)
        )
        markup = InlineKeyboardMarkup(inline_keyboard=[[opener]])
    return InlineQueryResultArticle(
        id=result_id(lang, target),
        title=title,
        description=description,
        input_message_content=InputTextMessageContent(message_text=text),
        reply_markup=markup,
    )


def sos_card(
    tr: Translator, catalog: Catalog, pack: LanguagePack, username: str | None
) -> InlineQueryResultArticle:
    heading = tr.gettext("Help right now")
    lines = [
        f"<b>🆘 {esc(heading)}</b>",
        *contact_lines(tr, catalog, pack, catalog.emergency_card),
    ]
    numbers = ", ".join(catalog.contacts[c].phone or "" for c in catalog.emergency_card)
    return _article(tr, pack.code, SOS, f"🆘 {heading}", numbers, "\n".join(lines), username)


def help_card(
    tr: Translator, catalog: Catalog, pack: LanguagePack, username: str | None
) -> InlineQueryResultArticle:
    heading = tr.gettext("Help contacts")
    lines = [f"<b>📞 {esc(heading)}</b>", *contact_lines(tr, catalog, pack, catalog.help_contacts)]
    phones = [catalog.contacts[c].phone for c in catalog.help_contacts]
    numbers = ", ".join(p for p in phones if p)
    return _article(tr, pack.code, HELP, f"📞 {heading}", numbers, "\n".join(lines), username)


def neutral_card(
    tr: Translator, catalog: Catalog, pack: LanguagePack, username: str | None
) -> InlineQueryResultArticle:
    """Names no topic: only what the bot is, and 112 and 111."""
    heading = tr.gettext("Your rights and where to get help")
    about = tr.gettext(
        "What the Action Plan on Human Rights and the Rule of Law means for you, "
        "and who can help in Kazakhstan."
    )
    lines = [
        f"<b>{esc(heading)}</b>",
        esc(about),
        "",
        *contact_lines(tr, catalog, pack, catalog.home_emergency),
    ]
    title = tr.gettext("Neutral message")
    description = tr.gettext("Names no topic: for a phone someone else may check")
    return _article(tr, pack.code, NEUTRAL, title, description, "\n".join(lines), username)


def topic_card(
    tr: Translator, catalog: Catalog, pack: LanguagePack, topic: Topic, username: str | None
) -> InlineQueryResultArticle:
    lines = [
        f"<b>{esc(topic.title)}</b>",
        topic.summary,
        "",
        *contact_lines(tr, catalog, pack, catalog.home_emergency),
    ]
    return _article(
        tr, pack.code, topic.id, topic.title, _plain(topic.summary), "\n".join(lines), username
    )


def inline_results(
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    topics: Sequence[str] | None,
    username: str | None,
) -> list[InlineQueryResultArticle]:
    """The emergency card first, always. With no words (`topics` None): the help contacts and
    the neutral card; with words, the topics they found (or, if none, as with no words)."""
    results = [sos_card(tr, catalog, pack, username)]
    found = [pack.topics[t] for t in dict.fromkeys(topics or ()) if t in pack.topics]
    if not found:
        results.append(help_card(tr, catalog, pack, username))
    results += [topic_card(tr, catalog, pack, t, username) for t in found[:MAX_TOPICS]]
    results.append(neutral_card(tr, catalog, pack, username))
    return results
