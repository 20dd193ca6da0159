"""All routers, in the order updates try them."""

from __future__ import annotations

from aiogram import Router

from . import admin, errors, fallback, groups, navigation, safety, search, start, stats
from .filters import in_private_chat, pressed_in_private_chat


def create_routers() -> list[Router]:
    private = Router(name="private")
    private.message.filter(in_private_chat)
    private.callback_query.filter(pressed_in_private_chat)
    # Safety first: danger words win over everything but commands. Search takes only text that
    # is not a command, so it can come next: the commonest update then passes fewer routers.
    private.include_routers(
        safety.create_router(),
        search.create_router(),
        start.create_router(),
        stats.create_router(),
        admin.create_router(),
        navigation.create_router(),
    )
    # Private chats first (most updates); groups before fallback, so a group never gets the
    # private-chat fallback reply; errors only has an error handler.
    return [private, groups.create_router(), fallback.create_router(), errors.create_router()]
