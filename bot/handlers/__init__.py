"""All routers, in the order updates try them."""

from __future__ import annotations

from aiogram import Router

from ..filters import in_private_chat
from . import (
    admin,
    deeplink,
    errors,
    fallback,
    groups,
    inline,
    language,
    navigation,
    safety,
    search,
    start,
    stats,
)


def create_routers() -> list[Router]:
    private = Router(name="private")
    private.message.filter(in_private_chat)
    private.callback_query.filter(in_private_chat)
    private.include_routers(
        # Danger words, the quick exit and /forget work before anything else, and without a
        # language; so do choosing one (or a deep link naming one), /privacy and the
        # administrators' commands.
        safety.create_router(),
        language.create_router(),
        deeplink.create_router(),
        stats.create_router(),
        admin.create_router(),
        # Past the gate every handler knows the user's language.
        language.create_gate(),
        # Search takes only text that is not a command, so the commonest update stops early.
        search.create_router(),
        start.create_router(),
        navigation.create_router(),
        fallback.create_router(),
    )
    # Private chats first (most updates); then inline queries (from any chat); then groups; a
    # press anywhere else is still answered; errors only has an error handler.
    return [
        private,
        inline.create_router(),
        groups.create_router(),
        fallback.create_last_resort(),
        errors.create_router(),
    ]
