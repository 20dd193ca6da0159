"""/privacy for everyone; /stats for the administrators listed in BOT_ADMIN_IDS only."""

from __future__ import annotations

import html

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from .. import views
from ..content import Catalog, LanguagePack
from ..i18n import Translator
from ..stats import EVENTS, StatsStore
from ..stats.events import ROUTE_NAMES
from ..stats.report import render_table, summarize, table
from .admin import is_admin


def privacy_text(tr: Translator, retention_days: int) -> str:
    """Generated from the same event list the store writes, so it is always the whole truth."""
    lines = [
        f"<b>{html.escape(tr.gettext('What this bot keeps about you: nothing'))}</b>",
        "",
        html.escape(
            tr.gettext(
                "No name, username, Telegram id, phone number or message text is stored or "
                "logged. The language you choose is held in memory only and is lost when the bot "
                "restarts or when you send /forget."
            )
        ),
        "",
        html.escape(tr.gettext("The bot only counts, per day and per language:")),
    ]
    for info in EVENTS:
        item = tr.gettext(info.counts)
        if info.key:
            item = tr.gettext("{what}, by {key}").format(what=item, key=tr.gettext(info.key))
        lines.append(f"• {html.escape(item)}")
    lines += [
        "",
        html.escape(
            tr.gettext("These counts are deleted after {days} days.").format(days=retention_days)
        ),
    ]
    return "\n".join(lines)


async def privacy(message: Message, tr: Translator, stats: StatsStore) -> None:
    await message.answer(privacy_text(tr, stats.retention_days))


async def report(
    message: Message, tr: Translator, catalog: Catalog, pack: LanguagePack, stats: StatsStore
) -> None:
    rows = await stats.rows()
    today = stats.today()
    names = {tid: topic.title for tid, topic in pack.topics.items()}
    names |= {rid: region.names[pack.code] for rid, region in catalog.regions.items()}
    names |= {code: tr.language_name(code) for code in catalog.languages}
    names |= {route: tr.gettext(name) for route, name in ROUTE_NAMES.items()}
    lines = table(summarize(rows, today, 7), summarize(rows, today, 30), names, gettext=tr.gettext)
    body = render_table(lines, ("", tr.gettext("7 days"), tr.gettext("30 days")))
    note = tr.gettext("Counts from 1 to 4 are shown as <5.")
    text = f"<pre>{html.escape(body)}</pre>\n<i>{html.escape(note)}</i>"
    await message.answer(views.clip(text))


def create_router() -> Router:
    router = Router(name="stats")
    router.message.register(privacy, Command("privacy"))
    # Anyone else falls through to the reply an unknown command gets.
    router.message.register(report, Command("stats"), is_admin)
    return router
