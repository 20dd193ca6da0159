"""Builds the bot and the dispatcher. Tests and `python -m bot run` use the same factory."""

from __future__ import annotations

import logging
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.types import BotCommand
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from .api_session import JsonSession
from .content import LANGUAGES, Catalog
from .content_store import ContentStore
from .conversation import ConversationLog, MessageStore
from .handlers import create_routers
from .handlers.context import ContextMiddleware
from .handlers.flood import FloodControl
from .handlers.inflight import InFlight
from .handlers.tracking import TrackIncoming, track_bot
from .i18n import Translator
from .memory import LanguageMemory, LanguageStore
from .resilience import RetryMiddleware
from .settings import Settings
from .stats import StatsStore

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 5.0  # seconds; the whole shutdown must fit in 10
COMMANDS = ("start", "sos", "help", "language", "exit", "forget", "privacy")


def create_bot(settings: Settings) -> Bot:
    session = JsonSession(
        api=TelegramAPIServer.from_base(settings.api_url), timeout=settings.api_timeout
    )
    session.middleware(RetryMiddleware())
    return Bot(
        settings.token,
        session=session,
        default=DefaultBotProperties(
            parse_mode=ParseMode.HTML,
            link_preview_is_disabled=True,
        ),
    )


def command_menu(tr: Translator) -> list[BotCommand]:
    descriptions = {
        "start": tr.gettext("Main menu"),
        "sos": tr.gettext("Help right now"),
        "help": tr.gettext("Who to call for help"),
        "exit": tr.gettext("Quick exit: delete this chat"),
        "forget": tr.gettext("Forget my language and this chat"),
        "privacy": tr.gettext("What the bot keeps"),
        "language": tr.gettext("Change language"),
    }
    return [BotCommand(command=name, description=descriptions[name]) for name in COMMANDS]


def descriptions(tr: Translator) -> tuple[str, str]:
    """The bot's profile texts: the long description and the short one (at most 120)."""
    long = tr.gettext(
        "I explain your rights under Kazakhstan's Action Plan on Human Rights and the Rule of "
        "Law, and where to get help: emergency lines, helplines, the Commissioner for Human "
        "Rights, free legal aid. In Kazakh, Russian and English. Nothing about you is stored."
    )
    short = tr.gettext(
        "Your rights in Kazakhstan and where to get help. Kazakh, Russian, English."
    )
    return long, short


async def register_profile(bot: Bot, translators: dict[str, Translator]) -> None:
    """Command menu and descriptions in each language; the bot works without them, so
    failures only warn."""
    try:
        await bot.set_my_commands(command_menu(translators["en"]))
        for lang in LANGUAGES:
            tr = translators[lang]
            await bot.set_my_commands(command_menu(tr), language_code=lang)
            long, short = descriptions(tr)
            await bot.set_my_description(long, language_code=lang)
            await bot.set_my_short_description(short, language_code=lang)
    except (TelegramAPIError, TelegramNetworkError) as exc:
        log.warning("could not register the command menu: %s", type(exc).__name__)


def create_dispatcher(
    catalog: Catalog,
    translators: dict[str, Translator],
    stats: StatsStore,
    *,
    admin_ids: frozenset[int] = frozenset(),
    memory: LanguageStore | None = None,
    conversation: MessageStore | None = None,
    register_menu: bool = True,
    flush_seconds: float = 5.0,
    content_dir: Path | None = None,
    reload_seconds: float = 0,
    flood: FloodControl | None = None,
) -> Dispatcher:
    dp = Dispatcher(disable_fsm=True)  # no conversation states: languages live in `memory`
    if conversation is None:
        conversation = ConversationLog()
    content = ContentStore(catalog, content_dir)
    dp.workflow_data.update(
        content=content,
        translators=translators,
        memory=memory if memory is not None else LanguageMemory(),
        conversation=conversation,
        stats=stats,
        admin_ids=admin_ids,
    )
    dp.message.outer_middleware(TrackIncoming(conversation))
    inflight = InFlight()
    dp.update.outer_middleware(inflight)
    context = ContextMiddleware()
    dp.message.outer_middleware(context)
    dp.callback_query.outer_middleware(context)
    flood = FloodControl() if flood is None else flood
    dp.message.outer_middleware(flood)
    dp.callback_query.outer_middleware(flood)
    # Answers every callback query, even when a handler fails, so no button spins forever.
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.include_routers(*create_routers())

    async def on_startup(bot: Bot) -> None:
        track_bot(bot, conversation)
        stats.start(flush_seconds)
        content.watch(reload_seconds)
        if register_menu:
            await register_profile(bot, translators)

    async def on_shutdown() -> None:
        # Polling has stopped; let replies being made finish (bounded), then write the counts.
        if not await inflight.wait_idle(SHUTDOWN_GRACE):
            log.warning("%d update(s) still running at shutdown", inflight.active)
        await content.stop()
        await stats.close()  # the last batch reaches the file before the process ends

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp
