"""Screens about the bot itself: what it keeps, the administrators' reports, the group pointer."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from ..content import Catalog, LanguagePack, Problem
from ..i18n import Translator
from ..stats import EVENTS
from ..stats.events import ROUTE_NAMES
from ..stats.report import Row, render_table, summarize, table
from .format import Screen, clip, esc

SHOWN_PROBLEMS = 15


def privacy(tr: Translator, retention_days: int) -> Screen:
    """Generated from the same event list the store writes, so it is always the whole truth."""
    # Outside the f-string: pybabel does not see a gettext call inside one.
    title = tr.gettext("What this bot keeps about you: nothing")
    lines = [
        f"<b>{esc(title)}</b>",
        "",
        esc(
            tr.gettext(
                "No name, username, Telegram id, phone number or message text is stored or "
                "logged. The language you choose is held in memory only and is lost when the bot "
                "restarts or when you send /forget."
            )
        ),
        "",
        esc(tr.gettext("The bot only counts, per day and per language:")),
    ]
    for info in EVENTS:
        item = tr.gettext(info.counts)
        if info.key:
            item = tr.gettext("{what}, by {key}").format(what=item, key=tr.gettext(info.key))
        lines.append(f"• {esc(item)}")
    lines += [
        "",
        esc(
            tr.gettext("These counts are kept for {days} days, then deleted.").format(
                days=retention_days
            )
        ),
    ]
    return Screen("\n".join(lines), None)


def stats_report(
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    rows: Sequence[Row],
    today: dt.date,
    *,
    complete: bool = True,
) -> Screen:
    names = {tid: topic.title for tid, topic in pack.topics.items()}
    names |= {rid: region.names[pack.code] for rid, region in catalog.regions.items()}
    names |= {code: tr.language_name(code) for code in catalog.languages}
    names |= {route: tr.gettext(name) for route, name in ROUTE_NAMES.items()}
    lines = table(summarize(rows, today, 7), summarize(rows, today, 30), names, gettext=tr.gettext)
    body = render_table(lines, ("", tr.gettext("7 days"), tr.gettext("30 days")))
    note = tr.gettext("Counts from 1 to 4 are shown as <5.")
    text = f"<pre>{html.escape(body)}</pre>\n<i>{esc(note)}</i>"
    if not complete:
        warning = tr.gettext(
            "⚠️ The statistics file could not be read: these are only the counts of the last "
            "few seconds, still in memory. See the bot's log."
        )
        text = f"<b>{esc(warning)}</b>\n\n{text}"
    return Screen(clip(text), None)


def reload_report(tr: Translator, topics: int, problems: Sequence[Problem]) -> Screen:
    if not problems:
        done = tr.gettext("Content reloaded: {topics} topics in kk, ru and en.")
        return Screen(esc(done.format(topics=topics)), None)
    lines = [
        esc(
            tr.gettext(
                "The new content has errors, so the bot keeps serving the previous version. "
                "Fix these and send /reload again:"
            )
        ),
        "",
    ]
    lines += [f"• <code>{esc(str(p))}</code>" for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        more = tr.gettext("… and {n} more (run python -m bot check)").format(
            n=len(problems) - SHOWN_PROBLEMS
        )
        lines.append(esc(more))
    return Screen(clip("\n".join(lines)), None)


def group_pointer(tr: Translator, username: str | None) -> Screen:
    text = tr.gettext(
        "I answer only in a private chat, so that what you ask stays between you and me. "
        "Tap the button to open it."
    )
    markup = None
    if username:
        open_chat = InlineKeyboardButton(
            text=tr.gettext("Open a private chat"), url=f"https://t.me/{username}"
        )
        markup = InlineKeyboardMarkup(inline_keyboard=[[open_chat]])
    return Screen(esc(text), markup)
