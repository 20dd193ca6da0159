"""Administrators' commands. Anyone else gets exactly the reply an unknown command gets."""

from __future__ import annotations

import html

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from .. import views
from ..content_store import ContentStore
from ..i18n import Translator

SHOWN_PROBLEMS = 15


async def is_admin(message: Message, admin_ids: frozenset[int]) -> bool:
    return message.from_user is not None and message.from_user.id in admin_ids


async def reload_content(message: Message, tr: Translator, content: ContentStore) -> None:
    problems = content.reload()
    if not problems:
        topics = len(content.catalog.topic_order)
        await message.answer(
            html.escape(
                tr.gettext("Content reloaded: {topics} topics in kk, ru and en.").format(
                    topics=topics
                )
            )
        )
        return
    lines = [
        html.escape(
            tr.gettext(
                "The new content has errors, so the bot keeps serving the previous version. "
                "Fix these and send /reload again:"
            )
        ),
        "",
    ]
    lines += [f"• <code>{html.escape(str(p))}</code>" for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        more = tr.gettext("… and {n} more (run python -m bot check)").format(
            n=len(problems) - SHOWN_PROBLEMS
        )
        lines.append(html.escape(more))
    await message.answer(views.clip("\n".join(lines)))


def create_router() -> Router:
    router = Router(name="admin")
    router.message.register(reload_content, Command("reload"), is_admin)
    return router
