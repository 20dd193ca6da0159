"""A local stand-in for the Telegram Bot API on 127.0.0.1, strict where Telegram is strict.

It serves POST /bot<token>/<method> like api.telegram.org, keeps the chats' messages, feeds
updates to getUpdates long polling, and rejects what Telegram rejects with Telegram's own error
descriptions. Tests play the user: send text or stickers, press buttons, and read the chat.

Formatted text (parse_mode HTML, Markdown, MarkdownV2) is parsed by TDLib itself, through the
`tdjson` wheel: parseTextEntities is the function the Bot API server runs for parse_mode, and
td_execute runs it offline, with no client, network or login. So the double accepts exactly
what Telegram accepts (a bare `&` included; the content checker is stricter, see
bot/content/telegram_text.py) and its errors carry TDLib's own wording.

Standalone, for a smoke run of a bot in another process or an image (see .ci/image):
    python -m tests.bot_api_double --port 8081 --token 123:ABC --say /start
serves until SIGTERM or SIGINT and prints the chat as it goes.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import tdjson
from aiohttp import web

BOT_ID = 7000001
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Rights bot",
    "username": "kz_rights_test_bot",
}
MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
RAW_TEXT_LIMIT = 1 << 15  # bytes, before parsing (the Bot API server's own check)
INLINE_RESULTS_LIMIT = 50
INLINE_QUERY_LIMIT = 256  # characters of an inline query, and of a switch button's query
START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
INLINE_RESULT_TYPES = {
    "article",
    "photo",
    "gif",
    "mpeg4_gif",
    "video",
    "audio",
    "voice",
    "document",
    "location",
    "venue",
    "contact",
    "game",
    "sticker",
}
# The kinds of inline keyboard button the bot may send: exactly one of these per button.
BUTTON_KINDS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
)
DELETE_WINDOW = 48 * 3600
COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    def __init__(self, code: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def telegram_description(message: str) -> str:
    """A TDLib error message as the Bot API server words it: "Bad Request: " and the first
    letter in lower case, unless the message is an upper-case code (telegram-bot-api,
    Client::fail_query_with_error)."""
    if len(message) >= 2 and (message[1] == "_" or message[1].isupper()):
        return f"Bad Request: {message}"
    return f"Bad Request: {message[:1].lower()}{message[1:]}"


def utf16_len(text: str) -> int:
    """Telegram counts lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _td_execute(request: dict[str, Any]) -> dict[str, Any]:
    answer = tdjson.td_execute(json.dumps(request).encode())
    if answer is None:
        raise RuntimeError(f"TDLib gave no answer to {request['@type']}")
    result: dict[str, Any] = json.loads(answer)
    return result


# TDLib logs to stderr by default; keep only fatal errors.
_td_execute({"@type": "setLogVerbosityLevel", "new_verbosity_level": 0})

PARSE_MODES: dict[str, dict[str, Any]] = {
    "html": {"@type": "textParseModeHTML"},
    "markdown": {"@type": "textParseModeMarkdown", "version": 1},
    "markdownv2": {"@type": "textParseModeMarkdown", "version": 2},
}


def parse_entities(text: str, parse_mode: str) -> dict[str, Any]:
    """TDLib's parseTextEntities, as the Bot API server calls it for `parse_mode`: the
    formattedText ({"text": visible text, "entities": [...]}) or ApiError with TDLib's message
    ("Bad Request: can't parse entities: ...")."""
    mode = parse_mode.lower()
    if not text or mode in ("", "none"):
        return {"@type": "formattedText", "text": text, "entities": []}
    if mode not in PARSE_MODES:
        raise bad_request("unsupported parse_mode")
    result = _td_execute(
        {"@type": "parseTextEntities", "text": text, "parse_mode": PARSE_MODES[mode]}
    )
    if result["@type"] == "error":
        raise ApiError(result["code"], telegram_description(result["message"]))
    return result


@dataclass
class ChatMessage:
    message_id: int
    chat_id: int
    from_bot: bool
    text: str  # what the user sees
    raw: str  # what was sent (HTML for the bot)
    markup: dict | None
    date: int
    deleted: bool = False

    def callback_data(self) -> list[str]:
        rows = (self.markup or {}).get("inline_keyboard", [])
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    def buttons(self) -> list[dict]:
        return [b for row in (self.markup or {}).get("inline_keyboard", []) for b in row]


@dataclass
class User:
    id: int
    first_name: str = "Aigerim"
    username: str | None = None
    language_code: str | None = None
    chat_id: int | None = None
    chat_type: str = "private"

    @property
    def chat(self) -> dict:
        if self.chat_type == "private":
            return {"id": self.id, "type": "private", "first_name": self.first_name}
        return {"id": self.chat_id, "type": self.chat_type, "title": "Group"}

    def as_json(self) -> dict:
        data = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class Request:
    method: str
    params: dict[str, Any]
    error: str | None = None
    content_type: str = ""


@dataclass
class BotApiDouble:
    token: str
    requests: list[Request] = field(default_factory=list)
    messages: dict[int, list[ChatMessage]] = field(default_factory=dict)
    commands: dict[str, list[dict]] = field(default_factory=dict)
    queries: dict[str, dict] = field(default_factory=dict)
    # Inline queries by id: whether answered, and what the answer held.
    inline_queries: dict[str, dict] = field(default_factory=dict)
    # Whether @BotFather's /setinline is on for this bot: getMe says so, and only then does
    # Telegram send inline queries.
    inline_mode: bool = False
    faults: dict[str, list[Any]] = field(default_factory=dict)
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._query_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.polls = 0
        self.chats: dict[int, dict] = {}
        # Called with (method, params) after every accepted request (benchmarks use this).
        self.listeners: list[Callable[[str, dict], None]] = []
        self.first_poll_at: float | None = None
        self.webhook: dict | None = None
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}

    # --- server ---
    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        try:
            params = await self._params(request)
        except ApiError as exc:
            return self._error(exc)
        record = Request(method, params, content_type=request.content_type)
        self.requests.append(record)
        handler = getattr(self, f"_api_{method.lower()}", None)
        try:
            if self.faults.get(method):
                fault = self.faults[method].pop(0)
                if isinstance(fault, ApiError):
                    raise fault
                kind, seconds = fault
                if kind == "drop":  # the connection dies without an answer
                    record.error = "connection dropped"
                    if request.transport is not None:
                        request.transport.abort()
                    return web.Response(status=500)
                await asyncio.sleep(seconds)  # slower than the client waits
            if handler is None:
                raise ApiError(404, "Not Found")
            result = await handler(params)
        except ApiError as exc:
            record.error = exc.description
            return self._error(exc)
        for listener in self.listeners:
            listener(method, params)
        async with self._changed:
            self._changed.notify_all()
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(exc: ApiError) -> web.Response:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": exc.code,
            "description": exc.description,
        }
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.code)

    @staticmethod
    async def _params(request: web.Request) -> dict[str, str]:
        """The call's parameters as Telegram reads them from a form or from a JSON body
        (both are valid): objects and arrays as JSON text, scalars as their text."""
        if request.content_type != "application/json":
            return {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        try:
            body = json.loads(await request.text())
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON object")

        def text(value: Any) -> str:
            if isinstance(value, str):
                return value
            return json.dumps(value, ensure_ascii=False)  # true, 12, {...}, [...]

        return {k: text(v) for k, v in body.items() if v is not None}

    # --- what tests do as users ---
    def fail_next(self, method: str, code: int, description: str, **parameters: Any) -> None:
        self.faults.setdefault(method, []).append(ApiError(code, description, **parameters))

    def drop_next(self, method: str) -> None:
        """The next call of `method` loses its connection without an answer."""
        self.faults.setdefault(method, []).append(("drop", 0.0))

    def delay_next(self, method: str, seconds: float) -> None:
        """The next call of `method` answers only after `seconds`."""
        self.faults.setdefault(method, []).append(("delay", seconds))

    async def _push(self, kind: str, payload: dict) -> int:
        update_id = next(self._update_ids)
        async with self._changed:
            self._updates.append({"update_id": update_id, kind: payload})
            self._changed.notify_all()
        return update_id

    def _user_message(self, user: User, **content: Any) -> dict:
        chat = user.chat
        self.chats[chat["id"]] = chat
        message_id = next(self._message_ids)
        text = content.get("text", "")
        self.messages.setdefault(chat["id"], []).append(
            ChatMessage(message_id, chat["id"], False, text, text, None, int(self.clock()))
        )
        message = {
            "message_id": message_id,
            "date": int(self.clock()),
            "chat": chat,
            "from": user.as_json(),
            **content,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return message

    async def send_text(self, user: User, text: str) -> int:
        return await self._push("message", self._user_message(user, text=text))

    async def send_sticker(self, user: User) -> int:
        sticker = {
            "file_id": "CAACAgIAAxk",
            "file_unique_id": "AgAD",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return await self._push("message", self._user_message(user, sticker=sticker))

    async def send_voice(self, user: User) -> int:
        voice = {"file_id": "AwACAgIAAxk", "file_unique_id": "AgAE", "duration": 3}
        return await self._push("message", self._user_message(user, voice=voice))

    async def inline_query(self, user: User, query: str, chat_type: str = "private") -> str:
        """Type `@bot <query>` in a chat of `chat_type` ("sender", "private", "group", ...)."""
        assert self.inline_mode, "Telegram sends inline queries only once /setinline is on"
        assert len(query) <= INLINE_QUERY_LIMIT, "Telegram cuts inline queries at 256 characters"
        query_id = str(next(self._query_ids))
        self.inline_queries[query_id] = {
            "answered": False,
            "created": self.clock(),
            "query": query,
        }
        payload = {
            "id": query_id,
            "from": user.as_json(),
            "query": query,
            "offset": "",
            "chat_type": chat_type,
        }
        await self._push("inline_query", payload)
        return query_id

    async def choose_inline_result(
        self, user: User, query_id: str, result_id: str, *, forged: bool = False
    ) -> dict | None:
        """Pick a result of an answered inline query (it is sent into the chat by the user's
        app); with inline feedback on, the bot hears which result was chosen. `forged`: a
        result id the bot never offered."""
        answer = self.inline_queries[query_id]
        assert answer["answered"], "no results to choose from yet"
        result = next((r for r in answer["results"] if r["id"] == result_id), None)
        assert forged or result is not None, f"no result {result_id!r} was offered"
        payload = {"result_id": result_id, "from": user.as_json(), "query": answer["query"]}
        await self._push("chosen_inline_result", payload)
        return result

    async def wait_inline_answer(self, query_id: str, timeout: float = 5.0) -> dict:
        await self.wait_for(lambda: self.inline_queries[query_id]["answered"], timeout)
        return self.inline_queries[query_id]

    async def press(
        self,
        user: User,
        message: ChatMessage,
        data: str,
        *,
        forged: bool = False,
        query_id: str | None = None,
    ) -> str:
        """Press an inline button; unless `forged`, it must be on the message right now."""
        if not forged:
            assert data in message.callback_data(), f"no button {data!r} on this message"
        query_id = query_id or str(next(self._query_ids))
        self.queries[query_id] = {"answered": False, "text": None, "created": self.clock()}
        payload = {
            "id": query_id,
            "from": user.as_json(),
            "chat_instance": "42",
            "message": self._message_json(message),
            "data": data,
        }
        await self._push("callback_query", payload)
        return query_id

    # --- what tests read ---
    def chat(self, chat_id: int) -> list[ChatMessage]:
        return [m for m in self.messages.get(chat_id, []) if not m.deleted]

    def bot_messages(self, chat_id: int) -> list[ChatMessage]:
        return [m for m in self.chat(chat_id) if m.from_bot]

    def last_bot_message(self, chat_id: int) -> ChatMessage:
        return self.bot_messages(chat_id)[-1]

    @property
    def rejected(self) -> list[Request]:
        return [r for r in self.requests if r.error is not None]

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        async def waiter() -> None:
            async with self._changed:
                await self._changed.wait_for(condition)

        await asyncio.wait_for(waiter(), timeout)

    async def wait_answered(self, query_id: str, timeout: float = 5.0) -> dict:
        await self.wait_for(lambda: self.queries[query_id]["answered"], timeout)
        return self.queries[query_id]

    async def wait_bot_messages(self, chat_id: int, count: int, timeout: float = 5.0) -> None:
        await self.wait_for(lambda: len(self.bot_messages(chat_id)) >= count, timeout)

    async def wait_polling(self, timeout: float = 10.0) -> None:
        await self.wait_for(lambda: self.polls > 0, timeout)

    # --- Bot API methods ---
    def _message_json(self, message: ChatMessage) -> dict:
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self.chats[message.chat_id],
            "text": message.text,
        }
        if message.from_bot:
            data["from"] = BOT_USER
        if message.markup:
            data["reply_markup"] = message.markup
        return data

    def _find(self, chat_id: int, message_id: int) -> ChatMessage | None:
        return next((m for m in self.chat(chat_id) if m.message_id == message_id), None)

    @staticmethod
    def _int(params: dict, key: str) -> int:
        try:
            return int(params[key])
        except (KeyError, ValueError):
            raise bad_request(f"{key} is required") from None

    @staticmethod
    def _formatted(params: dict, key: str) -> str:
        """The visible text of a text or caption parameter, parsed as Telegram parses it."""
        raw = params.get(key, "")
        if len(raw.encode()) > RAW_TEXT_LIMIT:
            raise bad_request("text is too long")
        # parse_mode is the Bot API's name for the mode of both a text and a caption.
        return str(parse_entities(raw, params.get("parse_mode", ""))["text"])

    @staticmethod
    def _check_text(params: dict) -> tuple[str, str]:
        """(sent text, visible text) of a message text; the limit counts the visible text."""
        raw = params.get("text", "")
        if not raw:
            raise bad_request("message text is empty")
        visible = BotApiDouble._formatted(params, "text")
        if not visible.strip():  # TDLib trims the text; nothing may be left
            raise bad_request("message text is empty")
        if utf16_len(visible) > MESSAGE_LIMIT:
            raise bad_request("message is too long")
        return raw, visible

    @staticmethod
    def _check_caption(params: dict) -> tuple[str, str]:
        """(sent caption, visible caption); a caption may be empty or missing."""
        raw = params.get("caption", "")
        visible = BotApiDouble._formatted(params, "caption")
        if utf16_len(visible) > CAPTION_LIMIT:
            raise bad_request("message caption is too long")
        return raw, visible

    @classmethod
    def _check_markup(cls, params: dict) -> dict | None:
        if "reply_markup" not in params:
            return None
        markup = json.loads(params["reply_markup"])
        cls._check_keyboard(markup)
        return markup

    @staticmethod
    def _check_keyboard(markup: dict) -> None:
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if not button.get("text"):
                    raise bad_request("text buttons are unallowed in the inline keyboard")
                kinds = [kind for kind in BUTTON_KINDS if kind in button]
                if len(kinds) != 1:
                    raise bad_request(
                        "can't parse inline keyboard button: exactly one of "
                        "callback_data or url is required here"
                    )
                data = button.get("callback_data")
                url = button.get("url")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")
                if url is not None and not re.match(r"^(https?|tg)://\S+$", url):
                    raise bad_request(f"inline keyboard button URL '{url}' is invalid")
                for kind in ("switch_inline_query", "switch_inline_query_current_chat"):
                    query = button.get(kind)
                    if query is not None and (
                        not isinstance(query, str) or len(query) > INLINE_QUERY_LIMIT
                    ):
                        raise bad_request("BUTTON_TYPE_INVALID")

    def _known_chat(self, chat_id: int) -> None:
        if chat_id not in self.messages:
            raise bad_request("chat not found")

    async def _api_getme(self, params: dict) -> dict:
        return {
            **BOT_USER,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": self.inline_mode,
        }

    async def _api_getupdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset", 0) or 0)
        timeout = float(params.get("timeout", 0) or 0)
        limit = int(params.get("limit", 100) or 100)
        self.polls += 1
        if self.first_poll_at is None:
            self.first_poll_at = time.perf_counter()
        async with self._changed:
            self._changed.notify_all()
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self._updates)), timeout
                    )
            return self._updates[:limit]

    async def _api_deletewebhook(self, params: dict) -> bool:
        self.webhook = None
        return True

    async def _api_setwebhook(self, params: dict) -> bool:
        url = params.get("url", "")
        if not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token", "")
        if secret and not re.match(r"^[A-Za-z0-9_-]{1,256}$", secret):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        self.webhook = {"url": url, "secret_token": secret}
        return True

    async def _api_setmydescription(self, params: dict) -> bool:
        if len(params.get("description", "")) > 512:
            raise bad_request("BOT_DESCRIPTION_INVALID")
        self.descriptions[params.get("language_code", "")] = params.get("description", "")
        return True

    async def _api_setmyshortdescription(self, params: dict) -> bool:
        if len(params.get("short_description", "")) > 120:
            raise bad_request("BOT_ABOUT_INVALID")
        self.short_descriptions[params.get("language_code", "")] = params.get(
            "short_description", ""
        )
        return True

    async def _api_setmycommands(self, params: dict) -> bool:
        commands = json.loads(params.get("commands", "[]"))
        for command in commands:
            if not COMMAND.match(command.get("command", "")):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[params.get("language_code", "")] = commands
        return True

    async def _api_sendmessage(self, params: dict) -> dict:
        chat_id = self._int(params, "chat_id")
        self._known_chat(chat_id)
        raw, visible = self._check_text(params)
        markup = self._check_markup(params)
        message = ChatMessage(
            next(self._message_ids), chat_id, True, visible, raw, markup, int(self.clock())
        )
        self.messages[chat_id].append(message)
        return self._message_json(message)

    async def _api_editmessagetext(self, params: dict) -> dict:
        chat_id = self._int(params, "chat_id")
        message = self._find(chat_id, self._int(params, "message_id"))
        if message is None:
            raise bad_request("message to edit not found")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        raw, visible = self._check_text(params)
        markup = self._check_markup(params)
        if raw == message.raw and markup == message.markup:
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        message.raw, message.text, message.markup = raw, visible, markup
        return self._message_json(message)

    async def _api_answercallbackquery(self, params: dict) -> bool:
        query = self.queries.get(params.get("callback_query_id", ""))
        if query is None or query["answered"]:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if len(params.get("text", "")) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query["answered"] = True
        query["text"] = params.get("text")
        return True

    async def _api_answerinlinequery(self, params: dict) -> bool:
        """Telegram's rules for an answer: a live query answered once; at most 50 results, each
        with an id of 1-64 bytes, unique; an article's message text read like sendMessage's."""
        query = self.inline_queries.get(params.get("inline_query_id", ""))
        if query is None or query["answered"]:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        try:
            results = json.loads(params.get("results", ""))
        except ValueError:
            raise bad_request("can't parse results JSON object") from None
        if not isinstance(results, list):
            raise bad_request("can't parse results JSON object")
        if len(results) > INLINE_RESULTS_LIMIT:
            raise bad_request("RESULTS_TOO_MUCH")
        ids = set()
        for result in results:
            result_id = result.get("id")
            if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
                raise bad_request("RESULT_ID_INVALID")
            if result_id in ids:
                raise bad_request("RESULT_ID_DUPLICATE")
            ids.add(result_id)
            if result.get("type") not in INLINE_RESULT_TYPES:
                raise bad_request("RESULT_TYPE_INVALID")
            if result["type"] == "article":
                if not result.get("title"):
                    raise bad_request("RESULT_TITLE_EMPTY")
                content = result.get("input_message_content")
                if not isinstance(content, dict) or "message_text" not in content:
                    raise bad_request("MESSAGE_EMPTY")
                text = {
                    "text": content["message_text"],
                    "parse_mode": content.get("parse_mode", ""),
                }
                _raw, result["visible_text"] = self._check_text(text)
            if "reply_markup" in result:
                self._check_keyboard(result["reply_markup"])
        cache_time = int(params.get("cache_time", "300") or 0)
        if cache_time < 0:
            raise bad_request("CACHE_TIME_INVALID")
        if len(params.get("next_offset", "").encode()) > 64:
            raise bad_request("NEXT_OFFSET_INVALID")
        button = json.loads(params["button"]) if "button" in params else None
        if button is not None:
            if not button.get("text"):
                raise bad_request("BUTTON_TEXT_INVALID")
            start = button.get("start_parameter")
            if (start is None) == (button.get("web_app") is None):
                raise bad_request("BUTTON_TYPE_INVALID")
            if start is not None and not START_PARAMETER.match(start):
                raise bad_request("START_PARAM_INVALID")
        query.update(
            answered=True,
            results=results,
            cache_time=cache_time,
            is_personal=params.get("is_personal") == "true",
            button=button,
        )
        return True

    def _delete(self, chat_id: int, message_id: int) -> bool:
        message = self._find(chat_id, message_id)
        if message is None:
            return False
        if self.clock() - message.date > DELETE_WINDOW:
            raise bad_request("message can't be deleted for everyone")
        message.deleted = True
        return True

    async def _api_deletemessage(self, params: dict) -> bool:
        if not self._delete(self._int(params, "chat_id"), self._int(params, "message_id")):
            raise bad_request("message to delete not found")
        return True

    async def _api_deletemessages(self, params: dict) -> bool:
        chat_id = self._int(params, "chat_id")
        ids = json.loads(params.get("message_ids", "[]"))
        if not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must contain 1-100 identifiers")
        for message_id in ids:
            try:
                self._delete(chat_id, int(message_id))
            except ApiError:
                continue  # like Telegram: messages that can't be deleted are skipped
        return True


# --- standalone: `python -m tests.bot_api_double --port N --token T --say /start` ---
async def serve(host: str, port: int, token: str, say: list[str], user: User) -> int:
    """Serve until SIGTERM or SIGINT; send `say` one by one (the first once the bot polls,
    each next one once the bot has answered), and print the chat as it goes: `>` the user,
    `<` the bot, `!` a request the double rejected. Exit code 1 if anything was rejected."""
    import signal
    import sys

    double = BotApiDouble(token)
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", double._handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(f"bot api double: listening on http://{host}:{bound}", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    double.messages.setdefault(user.chat["id"], [])  # the chat exists before the first text
    shown: set[int] = set()
    checked = 0
    pending = list(say)
    while not stop.is_set():
        for message in double.chat(user.chat["id"]):
            if message.message_id not in shown:
                shown.add(message.message_id)
                mark = "<" if message.from_bot else ">"
                print(f"{mark} " + message.text.replace("\n", f"\n{mark} "), flush=True)
                for row in (message.markup or {}).get("inline_keyboard", []):
                    print(f"{mark}   " + " ".join(f"[{b['text']}]" for b in row), flush=True)
        for request in double.requests[checked:]:
            if request.error is not None:
                print(f"! {request.method} rejected: {request.error}", flush=True)
        checked = len(double.requests)
        chat = double.chat(user.chat["id"])
        if pending and double.polls > 0 and (not chat or chat[-1].from_bot):
            await double.send_text(user, pending.pop(0))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.1)
    await runner.cleanup()
    rejected = len(double.rejected)
    bot_messages = len(double.bot_messages(user.chat["id"]))
    print(f"bot api double: stopped; {bot_messages} bot message(s), {rejected} rejected")
    sys.stdout.flush()
    return 1 if rejected else 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m tests.bot_api_double",
        description="The tests' Bot API double, standalone: point a bot's BOT_API_URL at it.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", required=True, help="the only token it accepts")
    parser.add_argument(
        "--say", action="append", default=[], metavar="TEXT", help="what the user sends"
    )
    parser.add_argument("--lang", default="ru", help="the user's Telegram language")
    args = parser.parse_args(argv)
    user = User(1001, first_name="Smoke", language_code=args.lang)
    return asyncio.run(serve(args.host, args.port, args.token, args.say, user))


if __name__ == "__main__":
    raise SystemExit(main())
