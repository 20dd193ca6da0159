"""Builds the bot and the dispatcher from services made by the caller (the composition root is
bot.serve.build; tests and the preview build their own). Tests and `python -m bot run` use the
same factories."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.types import BotCommand
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from .api_session import JsonSession
from .content import LANGUAGES
from .content_store import ContentStore
from .conversation import ConversationLog, MessageStore
from .deeplinks import Campaigns
from .handlers import create_routers
from .i18n import Translator
from .memory import LanguageMemory, LanguageStore
from .middlewares.context import ContextMiddleware
from .middlewares.flood import FloodControl
from .middlewares.inflight import InFlight
from .middlewares.tracking import TrackIncoming, track_bot
from .resilience import RetryMiddleware
from .screens import Screens
from .settings import Settings
from .stats import StatsStore

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 5.0  # seconds; the whole shutdown must fit in 10
COMMANDS = ("start", "sos", "help", "language", "exit", "forget", "privacy")


@dataclass
class Services:
    """Everything handlers may ask for by name; each is made once, by whoever builds the bot."""

    content: ContentStore
    translators: dict[str, Translator]
    stats: StatsStore
    memory: LanguageStore = field(default_factory=LanguageMemory)
    conversation: MessageStore = field(default_factory=ConversationLog)
    flood: FloodControl = field(default_factory=FloodControl)
    inflight: InFlight = field(default_factory=InFlight)
    admin_ids: frozenset[int] = frozenset()
    flush_seconds: float = 5.0
    reload_seconds: float = 0
    register_menu: bool = True
    campaigns: Campaigns = field(default_factory=Campaigns)
    screens: Screens = field(init=False)

    def __post_init__(self) -> None:
        self.screens = Screens(self.content, self.translators)


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
        "exit": tr.gettext("Quick exit: delete this chat's recent messages"),
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


async def enable_sharing(bot: Bot, screens: Screens) -> None:
    """ "Share with a friend" buttons only if inline mode is on for this bot (getMe says so);
    if Telegram cannot be asked now, the screens go without them."""
    try:
        me = await bot.me()
    except (TelegramAPIError, TelegramNetworkError) as exc:
        log.warning("could not ask Telegram whether inline mode is on: %s", type(exc).__name__)
        return
    screens.sharing = bool(me.supports_inline_queries)
    if not screens.sharing:
        log.info("inline mode is off (@BotFather, /setinline): no share buttons")


def create_dispatcher(services: Services) -> Dispatcher:
    dp = Dispatcher(disable_fsm=True)  # no conversation states: languages live in `memory`
    # Handlers ask for these by name; nothing else reaches them.
    dp.workflow_data.update(
        content=services.content,
        translators=services.translators,
        screens=services.screens,
        memory=services.memory,
        conversation=services.conversation,
        stats=services.stats,
        admin_ids=services.admin_ids,
        campaigns=services.campaigns,
    )
    # Outer middlewares run for every update, in this order.
    dp.update.outer_middleware(services.inflight)
    dp.message.outer_middleware(TrackIncoming(services.conversation))
    context = ContextMiddleware(services.memory, services.translators, services.content)
    dp.message.outer_middleware(context)
    dp.callback_query.outer_middleware(context)
    dp.inline_query.outer_middleware(context)
    dp.chosen_inline_result.outer_middleware(context)
    # Inner middlewares run once a handler is chosen: every callback query is answered, even
    # when a handler fails, so no button spins; flood control reads the handler's flags.
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.message.middleware(services.flood)
    dp.callback_query.middleware(services.flood)
    dp.include_routers(*create_routers())

    async def on_startup(bot: Bot) -> None:
        track_bot(bot, services.conversation)
        await enable_sharing(bot, services.screens)
        services.stats.start(services.flush_seconds)
        services.content.watch(services.reload_seconds)
        if isinstance(services.conversation, ConversationLog):
            services.conversation.start()
        if services.register_menu:
            await register_profile(bot, services.translators)

    async def on_shutdown() -> None:
        # Polling has stopped; let replies being made finish (bounded), then write the counts.
        if not await services.inflight.wait_idle(SHUTDOWN_GRACE):
            log.warning("%d update(s) still running at shutdown", services.inflight.active)
        await services.content.stop()
        if isinstance(services.conversation, ConversationLog):
            await services.conversation.stop()
        await services.stats.close()  # the last batch reaches the file before the process ends

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp
