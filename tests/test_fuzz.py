"""Property-based fuzzing: hypothesis-made updates through the real dispatcher.

Each example is a short sequence of updates from a small pool of users (so the language chosen,
the conversation log and the stats carry over), fed with `Dispatcher.feed_update` to a dispatcher
made by `create_dispatcher` with a bot whose session records every call. (The updates are built
here, not by bot.preview: they are meant to be ones no real client would send.) One test builds
a new dispatcher for each example, so a failure shrinks and replays reliably; the others share
one across all their examples, as production does. After every update:

- nothing raised, nothing reached the error handler and nothing was logged at ERROR;
- a callback query got exactly one answer, any other update none;
- every message sent or edited is one the Bot API double (strict where Telegram is) accepts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import itertools
import logging
import os
import traceback
from collections.abc import AsyncGenerator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import Default, DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessages,
    EditMessageText,
    GetMe,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import Chat, ErrorEvent, Message, Update, User
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.app import create_dispatcher
from bot.callbacks import (
    Feedback,
    Go,
    OpenContact,
    OpenRegion,
    OpenSection,
    OpenSources,
    OpenTopic,
    Place,
    SelfCheckStep,
    SetLanguage,
    TopicContacts,
)
from bot.content import LANGUAGES, Catalog, load_catalog
from bot.stats import StatsStore

from .bot_api_double import BOT_USER, MESSAGE_LIMIT, ApiError, BotApiDouble, utf16_len
from .helpers import ADMIN_ID, CONTENT_DIR, TOKEN, make_services

pytestmark = pytest.mark.filterwarnings(
    # only when reporting a failure whose example holds a 4096-character text
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
FUZZ = settings(deadline=None)
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))  # FUZZ_SCALE=10: a deeper run, outside CI

BOT = User.model_validate(BOT_USER)  # the bot as the double's getMe describes it


# --- vocabulary taken from the content, so fuzzed data often hits real screens ---------------
# Loaded when hypothesis first draws from a strategy, not when pytest imports this module.
@functools.cache
def catalog() -> Catalog:
    return load_catalog(CONTENT_DIR)


def topic_ids() -> list[str]:
    return sorted({t for pack in catalog().languages.values() for t in pack.topics})


def section_ids() -> list[str]:
    packs = catalog().languages.values()
    return sorted({s.id for pack in packs for t in pack.topics.values() for s in t.sections})


def content_ids() -> list[str]:
    return [*topic_ids(), *section_ids(), *sorted(catalog().contacts), *sorted(catalog().regions)]


def danger_words() -> list[str]:
    return sorted({w for pack in catalog().languages.values() for w in pack.safety.danger_words})


# --- text -------------------------------------------------------------------------------------
FRAGMENTS = [
    # bidi marks and overrides, zero-width characters, soft hyphen, BOM
    "\u200f", "\u200e", "\u202e", "\u202d", "\u202c", "\u2066", "\u2069",
    "\u200d", "\u200c", "\u200b", "\u2060", "\ufeff", "\u00ad",
    # control characters and odd whitespace
    "\x00", "\x07", "\x1b[31m", "\x7f", "\t", "\n", "\r\n", "\u2028", "\u3000", " ",
    # emoji: plain, ZWJ sequences, flags, keycaps, skin tones
    "🙂", "👨‍👩‍👧", "🏳️‍🌈", "🇰🇿", "1️⃣", "👍🏽", "🆘",
    # HTML-like fragments
    "<b>", "</b>", "<i>", "</i>", "&", "&amp;", "&lt;", "&#0;", "&#x110000;", "&nbsp;",
    '<a href="tg://x">', "</a>", "<pre>", "</pre>", "<tg-spoiler>", "<script>", "<", ">",
    "<br/>", "'", '"',
    # Kazakh and Russian, odd casing and combining marks
    "әғқңөұүһі", "ӘҒҚҢӨҰҮҺІ", "Сәлем", "Привет", "жұмыс", "зарплату не платят", "ёЁ",
    "İ", "ß", "ﬁ", "K\u0301", "\u0301", "Ǆ",
    # format strings and things that look like the bot's own data
    "%s", "{}", "{0}", "{date}", "{region}", "\\", "t:labour", "g:sos", "/start", "/sos",
    "@kz_rights_test_bot", "https://t.me/x", "112", "+7 (777) 000-00-00",
]  # fmt: skip


def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """Each strategy as often as its weight. (st.one_of flattens nested one_of's branches into
    its own, so a one_of of text and nineteen other kinds would give text one time in 20.)"""
    return st.sampled_from([s for weight, s in choices for _ in range(weight)]).flatmap(
        lambda strategy: strategy
    )


cyrillic = st.characters(min_codepoint=0x400, max_codepoint=0x4FF)
anything = st.characters(codec="utf-8")  # every code point but lone surrogates
fragment = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.deferred(lambda: st.sampled_from(danger_words())),
    st.text(cyrillic, min_size=1, max_size=12),
    st.text(anything, min_size=1, max_size=8),
)
mixed_text = st.lists(fragment, min_size=1, max_size=25).map("".join)


@st.composite
def long_text(draw: st.DrawFn) -> str:
    """Up to 4096 characters, the most a user can send, built by repeating a short unit."""
    unit = draw(mixed_text)
    size = draw(st.one_of(st.just(4096), st.integers(500, 4096)))
    return (unit * (size // len(unit) + 1))[:size]


COMMAND_NAMES = [
    "start", "sos", "help", "language", "lang", "exit", "forget", "privacy", "stats", "reload",
    "START", "Sos", "start_", "startgroup", "unknown", "",
]  # fmt: skip
MENTIONS = ["", "@kz_rights_test_bot", "@KZ_Rights_Test_Bot", "@other_bot", "@", "@@"]


@st.composite
def command(draw: st.DrawFn) -> str:
    """Mostly the bot's commands, addressed or not, with arguments; sometimes anything."""
    name = draw(st.one_of(st.sampled_from(COMMAND_NAMES), st.text(anything, max_size=10)))
    mention = draw(
        st.one_of(
            st.just(""),
            st.sampled_from(MENTIONS),
            st.text(anything, max_size=10).map("@".__add__),
        )
    )
    suffix = draw(
        st.one_of(
            st.just(""),
            mixed_text.map(" ".__add__),
            mixed_text,
            st.sampled_from(FRAGMENTS),
        )
    )
    return f"/{name}{mention}{suffix}"


texts = st.one_of(
    st.text(anything, min_size=1, max_size=60),
    mixed_text,
    command(),
    long_text(),
)
bot_command = st.builds(  # one the bot knows, as a user taps or types it
    "/{}{}{}".format,
    st.sampled_from(COMMAND_NAMES[:10]),
    st.sampled_from(["", "@kz_rights_test_bot"]),
    st.one_of(st.just(""), mixed_text.map(" ".__add__)),
)
message_texts = weighted((2, bot_command), (1, command()), (1, texts))

# --- callback data: 1 to 64 bytes, as Telegram delivers it --------------------------------------
KINDS = (
    Go, OpenTopic, OpenSection, OpenSources, TopicContacts, OpenContact, OpenRegion,
    SelfCheckStep, Feedback, SetLanguage,
)  # fmt: skip
CALLBACK_PREFIXES = [
    *(f"{kind.__prefix__}:" for kind in KINDS), *(kind.__prefix__ for kind in KINDS),
    "q:yyy", "g:exit", "g:sos", "g:home", "g:lang", "g:regs", "g:help", "f:labour:", "s:labour:",
    "c:line_111:", "n:topic:labour:",
]  # fmt: skip


def clip_bytes(data: str, limit: int = 64) -> str:
    clipped = data.encode()[:limit].decode(errors="ignore")
    return clipped or "g:"


callback_field = st.one_of(
    st.deferred(lambda: st.sampled_from(["", *content_ids(), "1", "0", "yes", "no", "true"])),
    st.sampled_from([place.value for place in Place]),
    st.text(alphabet="yn", max_size=10),
    st.text(anything, max_size=12),
)
# A known prefix with any number of fields (one short, one too many), each of any value.
fields_data = st.builds(
    lambda prefix, values: ":".join([prefix, *values]),
    st.one_of(st.sampled_from([kind.__prefix__ for kind in KINDS]), st.text(anything, max_size=4)),
    st.lists(callback_field, max_size=4),
)


@st.composite
def real_callback_data(draw: st.DrawFn) -> str:
    """Data of a button the bot does show: content ids that exist, quiz answers so far."""
    pack = draw(st.sampled_from(list(catalog().languages.values())))
    topic = draw(st.sampled_from(list(pack.topics.values())))
    button = draw(
        st.one_of(
            st.sampled_from([Go(to=place) for place in Place]),
            st.sampled_from([SetLanguage(code=code) for code in LANGUAGES]),
            st.just(OpenTopic(topic=topic.id)),
            st.just(TopicContacts(topic=topic.id)),
            st.sampled_from([OpenSection(topic=topic.id, section=s.id) for s in topic.sections]),
            st.sampled_from([OpenSources(topic=topic.id, section=s.id) for s in topic.sections]),
            st.builds(Feedback, topic=st.just(topic.id), helpful=st.booleans()),
            st.builds(
                OpenContact,
                contact=st.sampled_from(sorted(catalog().contacts)),
                topic=st.sampled_from(["", topic.id]),
            ),
            st.sampled_from([OpenRegion(region=r) for r in sorted(catalog().regions)]),
            st.builds(
                SelfCheckStep,
                answers=st.text(alphabet="yn", max_size=len(pack.safety.selfcheck.questions)),
            ),
        )
    )
    return button.pack()


forged_callback_data = st.one_of(
    fields_data,
    st.builds(
        "l:".__add__, st.one_of(st.sampled_from([*LANGUAGES, "de", "", "kk:"]), callback_field)
    ),
    st.builds(str.__add__, st.sampled_from(CALLBACK_PREFIXES), st.text(anything, max_size=20)),
    st.sampled_from(CALLBACK_PREFIXES),
    st.text(st.characters(codec="ascii"), min_size=1, max_size=64),
    st.text(anything, min_size=1, max_size=64),
).map(clip_bytes)
callback_data = st.one_of(real_callback_data(), forged_callback_data)  # real half the time

# --- users and chats ----------------------------------------------------------------------------
USER_IDS = (42, 43, ADMIN_ID)  # few, so one user's language and messages carry over
LANGUAGE_CODES = (None, "kk", "ru", "en", "de", "kk-KZ", "ru-RU", "en_US", "EN", "", "zz-Latn")
GROUP = {"id": -100, "type": "group", "title": "Group"}
SUPERGROUP = {"id": -1001234567890, "type": "supergroup", "title": "Supergroup"}
CHANNEL = {"id": -1009876543210, "type": "channel", "title": "Channel"}
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


@st.composite
def user(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": draw(st.sampled_from(USER_IDS)),
        "is_bot": False,
        "first_name": draw(st.one_of(st.just("Dana"), st.text(anything, min_size=1))),
    }
    code = draw(st.sampled_from(LANGUAGE_CODES))
    if code is not None:
        data["language_code"] = code
    return data


def private_chat(person: dict[str, Any]) -> dict[str, Any]:
    return {"id": person["id"], "type": "private", "first_name": person["first_name"]}


# --- message content: every kind pydantic builds from a few fields ----------------------------
FILE = {"file_id": "AgACAgIAAxk", "file_unique_id": "AQADAgAD"}
captions = st.one_of(st.none(), texts)


def with_caption(content: dict[str, Any], caption: str | None) -> dict[str, Any]:
    return content if caption is None else {**content, "caption": caption}


def text_content(text: str) -> dict[str, Any]:
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):  # as Telegram marks it
        length = utf16_len(text.split(maxsplit=1)[0]) if text.split() else 1
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return content


STICKER = {**FILE, "type": "regular", "width": 512, "height": 512}
POLL = {
    "id": "1",
    "question": "?",
    "options": [{"persistent_id": "a", "text": "a", "voter_count": 0}],
    "total_voter_count": 0,
    "is_closed": False,
    "is_anonymous": True,
    "type": "regular",
    "allows_multiple_answers": False,
    "allows_revoting": False,
    "members_only": False,
}
other_content = st.one_of(
    st.builds(
        lambda animated, video: {
            "sticker": {**STICKER, "is_animated": animated, "is_video": video}
        },
        st.booleans(),
        st.booleans(),
    ),
    st.builds(with_caption, st.just({"voice": {**FILE, "duration": 3}}), captions),
    st.builds(with_caption, st.just({"photo": [{**FILE, "width": 90, "height": 90}]}), captions),
    st.builds(with_caption, st.just({"document": {**FILE, "file_name": "a.pdf"}}), captions),
    st.builds(
        with_caption,
        st.just(
            {
                "animation": {**FILE, "width": 1, "height": 1, "duration": 1},
                "document": {**FILE},
            }
        ),
        captions,
    ),
    st.builds(
        with_caption,
        st.just({"video": {**FILE, "width": 1, "height": 1, "duration": 1}}),
        captions,
    ),
    st.builds(with_caption, st.just({"audio": {**FILE, "duration": 1}}), captions),
    st.just({"video_note": {**FILE, "length": 240, "duration": 2}}),
    st.builds(
        lambda lat, lon: {"location": {"latitude": lat, "longitude": lon}},
        st.floats(-90, 90),
        st.floats(-180, 180),
    ),
    st.builds(
        lambda phone, name: {"contact": {"phone_number": phone, "first_name": name}},
        st.text(anything, min_size=1, max_size=20),
        st.text(anything, min_size=1, max_size=20),
    ),
    st.just(
        {
            "venue": {
                "location": {"latitude": 51.1, "longitude": 71.4},
                "title": "Astana",
                "address": "<b>&",
            }
        }
    ),
    st.just({"poll": POLL}),
    st.builds(lambda value: {"dice": {"emoji": "🎲", "value": value}}, st.integers(1, 6)),
    st.just({"new_chat_members": [BOT.model_dump()]}),
    st.just({"left_chat_member": BOT.model_dump()}),
    texts.map(lambda title: {"new_chat_title": title}),
)


message_content = weighted((1, message_texts.map(text_content)), (1, other_content))


# --- updates (without ids: the runner numbers them) -------------------------------------------
@st.composite
def message_update(draw: st.DrawFn) -> dict[str, Any]:
    person = draw(user())
    where = draw(st.sampled_from(["private", "private", "private", "group", "supergroup"]))
    message: dict[str, Any] = {"date": 1_700_000_000, **draw(message_content)}
    if where == "private":
        message |= {"chat": private_chat(person), "from": person}
    else:
        chat = GROUP if where == "group" else SUPERGROUP
        if draw(st.integers(0, 4)) == 0:  # an anonymous group admin
            message |= {"chat": chat, "from": ANONYMOUS_ADMIN, "sender_chat": chat}
        else:
            message |= {"chat": chat, "from": person}
    kind = draw(st.sampled_from(["message", "message", "message", "edited_message"]))
    if kind == "edited_message":
        message["edit_date"] = 1_700_000_100
    return {kind: message}


@st.composite
def channel_update(draw: st.DrawFn) -> dict[str, Any]:
    message = {"date": 1_700_000_000, "chat": CHANNEL, "sender_chat": CHANNEL}
    message |= draw(message_content)
    kind = draw(st.sampled_from(["channel_post", "edited_channel_post"]))
    if kind == "edited_channel_post":
        message["edit_date"] = 1_700_000_100
    return {kind: message}


@st.composite
def callback_update(draw: st.DrawFn) -> dict[str, Any]:
    person = draw(user())
    query: dict[str, Any] = {"from": person, "chat_instance": "1"}
    data = draw(weighted((3, callback_data), (1, st.none())))  # None: a game's button
    if data is not None:
        query["data"] = data
    chat = draw(st.sampled_from([private_chat(person)] * 3 + [GROUP, SUPERGROUP, CHANNEL]))
    origin = draw(st.sampled_from(["message", "message", "message", "inaccessible", "inline"]))
    message_id = draw(st.integers(1, 10))
    if origin == "message":
        query["message"] = {
            "message_id": message_id,
            "date": 1_700_000_000,
            "chat": chat,
            "from": BOT.model_dump(),
            "text": draw(st.one_of(st.just("old screen"), texts)),
        }
    elif origin == "inaccessible":  # too old for the bot to see; date 0 says so
        query["message"] = {"message_id": message_id, "date": 0, "chat": chat}
    else:
        query["inline_message_id"] = "AgAAAB"
    return {"callback_query": query}


updates = weighted((2, message_update()), (2, callback_update()), (1, channel_update()))


# --- running them -----------------------------------------------------------------------------
class RecordingSession(BaseSession):
    """Answers every Bot API call itself, as Telegram would, and keeps the call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[TelegramMethod[Any]] = []
        self._next_id = 500

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        self.calls.append(method)
        if isinstance(method, GetMe):
            return BOT
        if isinstance(method, SendMessage | EditMessageText):
            self._next_id += 1
            return Message(
                message_id=self._next_id,
                date=dt.datetime.now(dt.UTC),
                chat=Chat(id=int(method.chat_id or 0), type="private"),
                from_user=BOT,
                text=method.text,
                reply_markup=method.reply_markup,
            ).as_(bot)
        return True

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""

    async def close(self) -> None:
        pass


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def errors_logged() -> Iterator[list[logging.LogRecord]]:
    """ERROR records from anywhere (the bot's error handler logs to bot.handlers.errors)."""
    handler = Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)


def as_double_params(method: SendMessage | EditMessageText) -> dict[str, str]:
    """The form the double's checks read: what aiogram would post for this call."""
    params = {"text": method.text}
    parse_mode = method.parse_mode
    if isinstance(parse_mode, Default):  # the bot's default, which is HTML
        parse_mode = "HTML"
    if parse_mode is not None:
        params["parse_mode"] = str(parse_mode)
    if method.reply_markup is not None:
        params["reply_markup"] = method.reply_markup.model_dump_json(exclude_none=True)
    return params


def check_calls(update: Update, calls: list[TelegramMethod[Any]]) -> None:
    for call in calls:
        if isinstance(call, SendMessage | EditMessageText):
            params = as_double_params(call)
            try:
                _raw, visible = BotApiDouble._check_text(params)
                BotApiDouble._check_markup(params)
            except ApiError as exc:
                raise AssertionError(
                    f"Telegram would reject {type(call).__name__}: {exc.description}\n{params}"
                ) from None
            assert utf16_len(visible) <= MESSAGE_LIMIT
        elif isinstance(call, AnswerCallbackQuery):
            assert len(call.text or "") <= 200, call.text
        elif isinstance(call, DeleteMessages):
            assert 1 <= len(call.message_ids) <= 100
    answers = [c for c in calls if isinstance(c, AnswerCallbackQuery)]
    if update.callback_query is not None:
        names = [type(c).__name__ for c in calls]
        assert len(answers) == 1, f"{len(answers)} answers to a callback query; calls: {names}"
        assert answers[0].callback_query_id == update.callback_query.id
    else:
        assert not answers


_ids = itertools.count(1)


def numbered(raw: dict[str, Any]) -> Update:
    """The update with fresh update, message and query ids."""
    ((kind, payload),) = raw.items()
    payload = dict(payload)
    if kind == "callback_query":
        payload["id"] = str(next(_ids))
    else:
        payload["message_id"] = next(_ids)
    return Update.model_validate({"update_id": next(_ids), kind: payload})


class Harness:
    """The dispatcher as production builds it, a bot that records its calls, and the checks."""

    def __init__(self, catalog, translators, stats_path) -> None:
        self.session = RecordingSession()
        self.bot = Bot(
            TOKEN,
            session=self.session,
            default=DefaultBotProperties(parse_mode="HTML", link_preview_is_disabled=True),
        )
        self.dp = create_dispatcher(make_services(catalog, translators, StatsStore(stats_path)))
        self.failures: list[BaseException] = []
        self.dp.errors.register(self._keep)

    async def _keep(self, event: ErrorEvent) -> None:
        """Sees each failure first, for its traceback, then lets the bot's own handler log it."""
        self.failures.append(event.exception)
        raise SkipHandler

    async def start(self) -> None:
        await self.dp.emit_startup(bot=self.bot)  # as polling does: tracks sent messages

    async def stop(self) -> None:
        await self.dp.emit_shutdown(bot=self.bot)  # and writes the stats to the file

    async def feed(self, raw_updates: list[dict[str, Any]]) -> None:
        self.failures.clear()
        with errors_logged() as logged:
            for raw in raw_updates:
                update = numbered(raw)
                start = len(self.session.calls)
                await self.dp.feed_update(self.bot, update)  # must not raise
                if self.failures:
                    details = "".join(traceback.format_exception(self.failures[0]))
                    raise AssertionError(f"{update.event_type} update failed:\n{details}")
                assert not logged, [r.getMessage() for r in logged]
                check_calls(update, self.session.calls[start:])
        self.session.calls.clear()


@pytest.fixture(scope="module")
def fresh(catalog, translators, tmp_path_factory):
    """A new dispatcher for each example: a failure shrinks and replays reliably."""

    async def run(raw_updates: list[dict[str, Any]]) -> None:
        harness = Harness(catalog, translators, tmp_path_factory.mktemp("fuzz") / "stats.sqlite3")
        await harness.start()
        try:
            await harness.feed(raw_updates)
        finally:
            await harness.stop()

    return lambda raw_updates: asyncio.run(run(raw_updates))


@pytest.fixture(scope="module")
def world(catalog, translators, tmp_path_factory):
    """One dispatcher for many examples: languages, conversation logs and stats pile up."""
    harness = Harness(catalog, translators, tmp_path_factory.mktemp("world") / "stats.sqlite3")
    with asyncio.Runner() as runner:
        runner.run(harness.start())
        yield lambda raw_updates: runner.run(harness.feed(raw_updates))
        runner.run(harness.stop())


DANA = {"id": 42, "is_bot": False, "first_name": "Dana", "language_code": "en"}


def press_on(data: str, chat: dict[str, Any]) -> dict[str, Any]:
    screen = {"message_id": 1, "date": 1_700_000_000, "chat": chat, "from": BOT.model_dump()}
    message = {**screen, "text": "old screen"}
    return {
        "callback_query": {"from": DANA, "chat_instance": "1", "data": data, "message": message}
    }


FORGED_SOS = press_on("g:sos:", private_chat(DANA))  # the SOS data with one field too many
PRESS_IN_A_CHANNEL = press_on("l:kk", CHANNEL)
PRESS_ON_AN_INLINE_MESSAGE = {
    "callback_query": {
        "from": DANA,
        "chat_instance": "1",
        "data": "g:home",
        "inline_message_id": "AgAAAB",
    }
}


@settings(FUZZ, max_examples=100 * SCALE)
@given(st.lists(updates, min_size=1, max_size=8))
@example([FORGED_SOS])
@example([PRESS_IN_A_CHANNEL])  # no private or group chat: still answered, so nothing spins
@example([PRESS_ON_AN_INLINE_MESSAGE])
def test_update_sequences_on_a_fresh_dispatcher(fresh, raw_updates):
    """Each example starts from nothing; state carries over from update to update within it."""
    fresh(raw_updates)


@settings(FUZZ, max_examples=600 * SCALE)
@given(st.lists(updates, min_size=1, max_size=5))
def test_updates_on_a_long_lived_dispatcher(world, raw_updates):
    """State carries over across examples too, as in production; a failure that needs earlier
    examples' state may be reported as flaky, with the original error attached."""
    world(raw_updates)


@settings(FUZZ, max_examples=600 * SCALE)
@given(st.lists(callback_update(), min_size=1, max_size=4))
def test_button_presses(world, raw_updates):
    world(raw_updates)


@settings(FUZZ, max_examples=150 * SCALE)
@given(st.lists(st.one_of(long_text(), command()), min_size=1, max_size=3), user())
def test_long_and_odd_private_text(world, typed, person):
    """The danger matcher and the search read all of it; the bot must still answer well."""
    chat = private_chat(person)
    world(
        [
            {"message": {"date": 1_700_000_000, "chat": chat, "from": person, **text_content(t)}}
            for t in typed
        ]
    )
