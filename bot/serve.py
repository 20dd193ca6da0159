"""The two ways `python -m bot run` serves Telegram: long polling (default) or a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from . import heap
from .app import Services, create_bot, create_dispatcher
from .content import Catalog
from .content_store import ContentStore
from .conversation import ConversationLog
from .i18n import load_translators
from .middlewares.flood import FloodControl
from .settings import Settings, SettingsError
from .shared_state import redis_state
from .stats import StatsStore

log = logging.getLogger(__name__)
MAX_BACKOFF = 60.0


def build(settings: Settings, catalog: Catalog) -> tuple[Bot, Dispatcher]:
    """The composition root: every service is made here, once, and handed to the dispatcher."""
    shared = None
    if settings.redis_url:
        # Several replicas: language and message ids live in Redis, with TTLs.
        shared = redis_state(settings.redis_url, bot_id=int(settings.token.split(":")[0]))
    content = ContentStore(catalog, settings.content_dir)
    services = Services(
        content=content,
        translators=load_translators(),
        stats=StatsStore(settings.db_path, settings.stats_retention_days),
        conversation=ConversationLog(ceiling=settings.remembered_messages),
        flood=FloodControl(settings.flood_per_second, settings.flood_burst),
        admin_ids=settings.admin_ids,
        flush_seconds=settings.stats_flush_seconds,
        reload_seconds=settings.reload_seconds,
    )
    if shared is not None:
        services.memory = services.conversation = shared
    dp = create_dispatcher(services)
    if shared is not None:
        dp.shutdown.register(shared.close)
    heap.tune()
    return create_bot(settings), dp


async def wait_for_telegram(bot: Bot, stop: asyncio.Event) -> bool:
    """The first getMe, retried with backoff until Telegram answers (or we are told to stop).
    A token Telegram rejects is a settings error, not something to wait out."""
    delay = 1.0
    while not stop.is_set():
        try:
            await bot.me()
            return True
        except TelegramUnauthorizedError:
            raise SettingsError("Telegram rejected BOT_TOKEN (401 Unauthorized)") from None
        except (TelegramNetworkError, TelegramServerError, TelegramRetryAfter) as exc:
            log.warning(
                "Telegram not reachable (%s); retrying in %.0f s", type(exc).__name__, delay
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            delay = min(delay * 2, MAX_BACKOFF)
    return False


async def run_polling(settings: Settings, catalog: Catalog) -> None:
    bot, dp = build(settings, catalog)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        if not await wait_for_telegram(bot, stop):
            return
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
    # A webhook left from webhook mode would make every getUpdates fail with 409 Conflict.
    await bot.delete_webhook(drop_pending_updates=False)
    log.info("content loaded: %d topics; starting long polling", len(catalog.topic_order))
    # aiogram handles SIGTERM/SIGINT from here: stop polling, run the shutdown hooks, close.
    await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types())


def create_webhook_app(settings: Settings, bot: Bot, dp: Dispatcher) -> web.Application:
    """aiohttp app: Telegram's updates on the webhook path (secret checked), and /healthz."""
    app = web.Application()
    path = urlsplit(settings.webhook_url).path or "/webhook"

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app.router.add_get("/healthz", healthz)
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=settings.webhook_secret).register(
        app, path=path
    )

    async def set_webhook(bot: Bot) -> None:
        await bot.set_webhook(
            settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=dp.resolve_used_update_types(),
        )
        log.info("webhook set; listening on %s:%s", settings.listen_host, settings.listen_port)

    dp.startup.register(set_webhook)
    setup_application(app, dp, bot=bot)
    return app


def run_webhook(settings: Settings, catalog: Catalog) -> None:
    """Serve updates Telegram sends; the caller has checked `settings.require_webhook()`."""
    bot, dp = build(settings, catalog)
    app = create_webhook_app(settings, bot, dp)
    # run_app turns SIGTERM/SIGINT into a graceful shutdown that runs the dispatcher's hooks.
    web.run_app(
        app, host=settings.listen_host, port=settings.listen_port, print=None, access_log=None
    )
