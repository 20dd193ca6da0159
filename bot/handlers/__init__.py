"""All routers, in the order updates try them."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType

from . import admin, errors, fallback, groups, navigation, safety, search, start, stats


def create_routers() -> list[Router]:
    private = Router(name="private")
    private.message.filter(F.chat.type == ChatType.PRIVATE)
    private.callback_query.filter(F.message.chat.type == ChatType.PRIVATE)
    # safety first: danger words win over everything but commands
    private.include_routers(
        safety.create_router(),
        start.create_router(),
        stats.create_router(),
        admin.create_router(),
        navigation.create_router(),
        search.create_router(),
    )
    # groups before fallback, so a group never gets the private-chat fallback reply
    return [errors.create_router(), groups.create_router(), private, fallback.create_router()]
