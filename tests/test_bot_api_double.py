"""The Bot API double parses formatted text with TDLib's parseTextEntities, as the Bot API
server does: it rejects what Telegram rejects, with Telegram's wording, and accepts what
Telegram accepts, a bare & included. The content checker stays stricter than Telegram."""

from __future__ import annotations

import asyncio
import json
import signal
import sys

import aiohttp
import pytest

from bot.content.telegram_text import check_html

from .bot_api_double import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    ApiError,
    BotApiDouble,
    parse_entities,
    telegram_description,
)
from .helpers import ROOT, TOKEN

PARSE_ERROR = "Bad Request: can't parse entities: "

# (HTML, the end of TDLib's message): each is what Telegram answers for parse_mode=HTML.
REJECTED = [
    pytest.param("<b>bold", 'Can\'t find end tag corresponding to start tag "b"', id="unclosed"),
    pytest.param(
        "<i>a <b>b</b>", 'Can\'t find end tag corresponding to start tag "i"', id="outer"
    ),
    pytest.param("<p>text</p>", 'Unsupported start tag "p" at byte offset 0', id="unknown-p"),
    pytest.param("line<br>next", 'Unsupported start tag "br" at byte offset 4', id="unknown-br"),
    pytest.param("<b/>", 'Unsupported start tag "b/" at byte offset 0', id="self-closing"),
    pytest.param("<!-- note -->", 'Unsupported start tag "!--" at byte offset 0', id="comment"),
    pytest.param(
        "<b><i>x</b></i>",
        'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
        id="mismatched",
    ),
    pytest.param("x</b>", "Unexpected end tag at byte offset 1", id="end-without-start"),
    pytest.param('<a href="x>y</a>', "Unclosed start tag at byte offset 0", id="unclosed-quote"),
    pytest.param("5 < 6", 'Unsupported start tag "" at byte offset 2', id="bare-lt"),
    pytest.param(
        "<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0', id="span"
    ),
    pytest.param(
        "&#xD800;",
        "Text contains invalid Unicode characters after decoding HTML entities, "
        "check for unmatched surrogate code units",
        id="bad-entity-surrogate",
    ),
    # Кириллица: offsets are in bytes of UTF-8, as TDLib counts them.
    pytest.param("Құқық <x>", 'Unsupported start tag "x" at byte offset 11', id="byte-offset"),
]

# (HTML, the visible text Telegram keeps).
ACCEPTED = [
    pytest.param("Tom & Jerry", "Tom & Jerry", id="bare-amp"),
    pytest.param("5 > 4", "5 > 4", id="bare-gt"),
    pytest.param("&foo; &nbsp;", "&foo; &nbsp;", id="unknown-entity-kept"),
    pytest.param("&lt;&gt;&amp;&quot;&#65;&#x4B;", '<>&"AK', id="entities"),
    pytest.param("<B>bold</B>", "bold", id="upper-case-tag"),
    pytest.param("<b class='x'>b</b>", "b", id="unknown-attribute"),
    pytest.param('<a href="https://egov.kz">e</a>', "e", id="link"),
    pytest.param(
        '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st", id="spoiler"
    ),
    pytest.param("<blockquote expandable>q</blockquote>", "q", id="expandable-quote"),
    pytest.param('<pre><code class="language-python">x = 1</code></pre>', "x = 1", id="pre-code"),
    pytest.param("<strong>a</strong><em>b</em><ins>c</ins><del>d</del>", "abcd", id="synonyms"),
    pytest.param("<b>Қазақша</b> 😀", "Қазақша 😀", id="kazakh-emoji"),
]


def params(text: str, **extra: str) -> dict[str, str]:
    return {"text": text, "parse_mode": "HTML", **extra}


@pytest.mark.parametrize(("html", "message"), REJECTED)
def test_the_double_rejects_what_tdlib_rejects(html, message):
    with pytest.raises(ApiError) as caught:
        BotApiDouble._check_text(params(html))
    assert caught.value.code == 400
    assert caught.value.description == PARSE_ERROR + message


@pytest.mark.parametrize(("html", "visible"), ACCEPTED)
def test_the_double_accepts_what_tdlib_accepts(html, visible):
    assert BotApiDouble._check_text(params(html)) == (html, visible)


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<b></b>", id="empty-tag"),
        pytest.param("<b> </b>\n", id="spaces"),
        pytest.param("<i>\n</i>", id="newline"),
        pytest.param("", id="nothing"),
    ],
)
def test_text_empty_after_parsing_is_rejected(html):
    with pytest.raises(ApiError, match=r"^Bad Request: message text is empty$"):
        BotApiDouble._check_text(params(html))


def test_the_limit_counts_the_text_tdlib_returns_in_utf16():
    tags = "<b>" + "x" * (MESSAGE_LIMIT - 1) + "</b>&amp;"  # 4096 visible, 4108 sent
    assert BotApiDouble._check_text(params(tags))[1] == "x" * (MESSAGE_LIMIT - 1) + "&"
    emoji = "😀" * (MESSAGE_LIMIT // 2)  # two UTF-16 code units each
    BotApiDouble._check_text(params(emoji))
    for too_long in ("<b>" + "x" * MESSAGE_LIMIT + "</b>!", emoji + "!", "&amp;" * 4097):
        with pytest.raises(ApiError, match=r"^Bad Request: message is too long$"):
            BotApiDouble._check_text(params(too_long))


def test_text_over_32_kib_before_parsing_is_rejected_as_telegram_does():
    with pytest.raises(ApiError, match=r"^Bad Request: text is too long$"):
        BotApiDouble._check_text(params("<b></b>" * 5000 + "x"))


def test_captions_are_parsed_and_limited_the_same_way():
    assert BotApiDouble._check_caption(params("", caption="<b>c</b> & d")) == (
        "<b>c</b> & d",
        "c & d",
    )
    assert BotApiDouble._check_caption({}) == ("", "")
    with pytest.raises(ApiError, match=r"^Bad Request: message caption is too long$"):
        BotApiDouble._check_caption(params("", caption="<i>" + "c" * (CAPTION_LIMIT + 1) + "</i>"))
    with pytest.raises(ApiError, match=r"^Bad Request: can't parse entities: Unsupported"):
        BotApiDouble._check_caption(params("", caption="<video>"))


def test_other_parse_modes_are_tdlibs_too():
    assert parse_entities("*bold* _it_", "Markdown")["text"] == "bold it"
    assert parse_entities("*b* \\!", "MarkdownV2")["text"] == "b !"
    with pytest.raises(ApiError, match=r"^Bad Request: can't parse entities: Character '!'"):
        parse_entities("Hi!", "MarkdownV2")
    with pytest.raises(ApiError, match=r"^Bad Request: unsupported parse_mode$"):
        parse_entities("x", "BBCode")
    assert parse_entities("<b>x</b>", "")["text"] == "<b>x</b>"  # no mode: the text as sent


def test_error_descriptions_are_worded_as_the_bot_api_server_words_them():
    assert (
        telegram_description("Can't parse entities: x") == "Bad Request: can't parse entities: x"
    )
    assert telegram_description("MESSAGE_TOO_LONG") == "Bad Request: MESSAGE_TOO_LONG"
    assert telegram_description("Message is too long") == "Bad Request: message is too long"


def test_the_content_checker_is_stricter_than_telegram_about_a_bare_ampersand():
    """Telegram accepts "Tom & Jerry"; editors are still told to write &amp; (or "and"), so
    a text never depends on how lenient a parser is."""
    assert BotApiDouble._check_text(params("Tom & Jerry"))[1] == "Tom & Jerry"
    errors, _visible = check_html("Tom & Jerry")
    assert errors == ["a bare & must be written as &amp; (or use the word 'and')"]
    assert check_html("Tom &amp; Jerry")[0] == []
    # TDLib reads "&lt" without its ";" as "<"; the checker asks for the full entity.
    assert BotApiDouble._check_text(params("a &lt b"))[1] == "a < b"
    assert check_html("a &lt b")[0] == [
        "a bare & must be written as &amp; (or use the word 'and')"
    ]


async def test_a_rejected_message_gets_telegrams_json_error(api):
    chat_id = 1001
    api.messages[chat_id] = []
    async with aiohttp.ClientSession() as session:
        url = f"{api.base_url}/bot{TOKEN}/sendMessage"
        body = {"chat_id": chat_id, "text": "<b>unclosed", "parse_mode": "HTML"}
        async with session.post(url, json=body) as response:
            assert response.status == 400
            answer = await response.json()
    assert answer == {
        "ok": False,
        "error_code": 400,
        "description": PARSE_ERROR + 'Can\'t find end tag corresponding to start tag "b"',
    }
    assert [r.error for r in api.rejected] == [answer["description"]]
    assert api.chat(chat_id) == []


async def test_standalone_double_serves_a_bot_in_another_process_and_prints_the_chat():
    """`python -m tests.bot_api_double` as the image smoke run uses it (.ci/image)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.bot_api_double",
        "--port",
        "0",
        "--token",
        TOKEN,
        "--say",
        "/start",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None
    first = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
    assert first.startswith("bot api double: listening on http://127.0.0.1:")
    base = first.split()[-1]
    async with aiohttp.ClientSession() as session:

        async def call(method: str, **body: object) -> dict:
            async with session.post(f"{base}/bot{TOKEN}/{method}", json=body) as response:
                return json.loads(await response.text())

        updates = (await call("getUpdates", timeout=5))["result"]
        assert updates[0]["message"]["text"] == "/start"
        chat_id = updates[0]["message"]["chat"]["id"]
        assert (await call("sendMessage", chat_id=chat_id, text="<b>Hi</b> & bye"))["ok"]
        sent = await call("sendMessage", chat_id=chat_id, text="<b>x", parse_mode="HTML")
        assert not sent["ok"]
    await asyncio.sleep(0.5)  # it prints every tenth of a second
    proc.send_signal(signal.SIGTERM)
    out = (await asyncio.wait_for(proc.stdout.read(), 10)).decode()
    assert await proc.wait() == 1  # something was rejected
    assert "> /start\n< <b>Hi</b> & bye\n" in out  # no parse_mode: shown as sent
    assert "! sendMessage rejected: " + PARSE_ERROR in out
    assert out.endswith("stopped; 1 bot message(s), 1 rejected\n")
