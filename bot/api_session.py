"""How requests reach the Bot API: JSON bodies in, lean parsing out.

aiogram's stock session encodes every call as a form, turning each keyboard into a JSON string
inside it, and validates Telegram's whole answer, keyboard included. Profiling the benchmark
(bench/RESULTS.md) showed that costing as much per call as the rest of an update. Telegram
accepts `application/json` bodies for every method that uploads no file, so this session sends
those, and drops what Telegram echoes back that the bot never reads.
"""

from __future__ import annotations

import json
from typing import Any, cast

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    DeleteMessages,
    DeleteWebhook,
    EditMessageText,
    GetMe,
    GetUpdates,
    Response,
    SendMessage,
    SetMyCommands,
    SetMyDescription,
    SetMyShortDescription,
    SetWebhook,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import InputFile
from aiohttp import ClientError, ClientTimeout
from pydantic import ValidationError

JSON_HEADERS = {"Content-Type": "application/json"}
# Parts of an answer the bot never reads: the keyboard it just sent, echoed back.
UNREAD = ("reply_markup",)

# aiogram parses every answer as Response[<result type>]. pydantic keeps such parametrized
# models only weakly, so after a garbage collection each one is rebuilt from scratch, which
# profiling showed costing milliseconds per request. Holding them here keeps them built.
_RESPONSE_TYPES: dict[type[TelegramMethod[Any]], type[Response[Any]]] = {
    method: Response[method.__returning__]  # type: ignore[name-defined]
    for method in (
        AnswerCallbackQuery, DeleteMessage, DeleteMessages, DeleteWebhook, EditMessageText,
        GetMe, GetUpdates, SendMessage, SetMyCommands, SetMyDescription, SetMyShortDescription,
        SetWebhook,
    )
}  # fmt: skip


class JsonSession(AiohttpSession):
    """An aiohttp session that posts JSON and skips echoed keyboards.

    Errors are aiogram's own: the same exceptions for the same status codes, timeouts and
    broken connections, so retry and error handling do not know the difference.
    """

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram's signature
    ) -> TelegramType:
        payload = self.payload(bot, method)
        if payload is None:  # a file upload needs multipart
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        # Plain UTF-8: Cyrillic escaped as \uXXXX would make each screen 2.5 times longer.
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            async with session.post(
                url,
                data=body,
                headers=JSON_HEADERS,
                timeout=ClientTimeout(total=self.timeout if timeout is None else timeout),
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(bot, method, resp.status, raw_result)
        return cast(TelegramType, response.result)

    def payload(self, bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any] | None:
        """The method's parameters as JSON-ready values, or None if it carries a file."""
        payload = _prepare(method.model_dump(warnings=False, exclude_none=True), bot)
        return None if payload is _FILE else cast(dict[str, Any], payload)

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        response_type = _RESPONSE_TYPES.get(type(method))
        if status_code == 200 and response_type is not None:
            try:
                data = self.json_loads(content)
                if isinstance(data, dict) and data.get("ok"):
                    if isinstance(data.get("result"), dict):
                        for key in UNREAD:
                            data["result"].pop(key, None)
                    return response_type.model_validate(data, context={"bot": bot})
            except (ValueError, ValidationError):
                pass  # aiogram's own path below raises its own error for it
        return super().check_response(bot, method, status_code, content)


class _File:
    pass


_FILE: Any = _File()


def _prepare(value: Any, bot: Bot) -> Any:
    """aiogram's prepare_value for a JSON body: defaults resolved, nothing stringified."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Default):
        return _prepare(bot.default[value.name], bot)
    if isinstance(value, InputFile):
        return _FILE
    if isinstance(value, dict):
        prepared = {}
        for key, item in value.items():
            item = _prepare(item, bot)
            if item is _FILE:
                return _FILE
            if item is not None:
                prepared[key] = item
        return prepared
    if isinstance(value, list | tuple):
        items = [_prepare(item, bot) for item in value]
        return _FILE if any(item is _FILE for item in items) else items
    # datetimes, timedeltas, enums: aiogram's own conversion
    return bot.session.prepare_value(value, bot=bot, files={}, _dumps_json=False)
