"""Administrators' commands. Anyone else gets exactly the reply an unknown command gets."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from .. import views
from ..content_store import ContentStore
from ..filters import is_admin
from ..i18n import Translator
from .reply import send


async def reload_content(message: Message, tr: Translator, content: ContentStore) -> None:
    problems = await content.reload()
    await send(message, views.reload_report(tr, len(content.catalog.topic_order), problems))


def create_router() -> Router:
    router = Router(name="admin")
    router.message.register(reload_content, Command("reload"), is_admin)
    return router
