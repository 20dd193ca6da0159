"""Requests travel as JSON bodies, which Telegram accepts for every call without a file."""

from __future__ import annotations

import gc
import json

import aiohttp
from aiogram.methods import SendDocument, SendMessage
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot import heap
from bot.app import create_bot
from bot.content_store import ContentStore
from bot.settings import Settings

from .bot_api_double import User
from .helpers import TOKEN, Person

HOME = {"inline_keyboard": [[{"text": "Home", "callback_data": "g:home"}]]}


def keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Home", callback_data="g:home")]]
    )


async def test_payload_is_plain_json_with_the_bots_defaults_applied():
    bot = create_bot(Settings(token=TOKEN, api_url="http://127.0.0.1:9"))
    try:
        payload = bot.session.payload(
            bot, SendMessage(chat_id=5, text="x", reply_markup=keyboard())
        )
    finally:
        await bot.session.close()
    assert payload == {
        "chat_id": 5,
        "text": "x",
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
        "disable_web_page_preview": True,  # what aiogram's form session sends too
        "reply_markup": HOME,
    }
    json.dumps(payload)  # nothing left that JSON cannot carry


async def test_a_file_upload_is_left_to_multipart():
    bot = create_bot(Settings(token=TOKEN, api_url="http://127.0.0.1:9"))
    try:
        upload = SendDocument(chat_id=5, document=BufferedInputFile(b"x", "a.txt"))
        assert bot.session.payload(bot, upload) is None
    finally:
        await bot.session.close()


async def test_the_double_reads_json_like_a_form(api):
    user = User(id=61, language_code="en")
    await api.send_text(user, "hi")  # the chat exists once the user wrote
    url = f"{api.base_url}/bot{TOKEN}/sendMessage"
    common = {"chat_id": user.id, "text": "<b>Hi</b> &amp; bye", "parse_mode": "HTML"}
    async with aiohttp.ClientSession() as http:
        as_json = await (await http.post(url, json={**common, "reply_markup": HOME})).json()
        form = {**common, "chat_id": str(user.id), "reply_markup": json.dumps(HOME)}
        as_form = await (await http.post(url, data=form)).json()
        broken = await http.post(url, data="{", headers={"Content-Type": "application/json"})
        broken_body = await broken.json()
    for answer in (as_json, as_form):
        assert answer["ok"], answer
        assert answer["result"]["text"] == "Hi & bye"
        assert answer["result"]["reply_markup"] == HOME
    assert broken.status == 400
    assert broken_body["description"] == "Bad Request: can't parse JSON object"


async def test_the_real_bot_talks_json_and_still_gets_telegrams_errors(running):
    api = running.api
    user = User(id=62, language_code="en")
    api.fail_next("sendMessage", 400, "Bad Request: message is too long")
    await api.send_text(user, "/start")  # fails once; the bot keeps running
    assert "Choose a topic" in await Person(api, user).send("/start")
    sent = [r for r in api.requests if r.method == "sendMessage"]
    assert [r.error for r in sent] == ["Bad Request: message is too long", None]
    assert {r.content_type for r in sent} == {"application/json"}


def test_settled_content_is_frozen_out_of_collections(catalog):
    store = ContentStore(catalog)
    try:
        heap.settle()
        alive = {id(o) for o in gc.get_objects()}  # frozen objects are not listed
        assert gc.get_freeze_count() > 0
        assert id(store.search) not in alive
    finally:
        gc.unfreeze()
