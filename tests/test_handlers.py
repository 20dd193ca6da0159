"""Handlers through the real dispatcher in memory (bot.preview): no network at all. One person
types and presses buttons by their labels; every Bot API call is kept, so a test can tell a
new message from an edit in place and count the answers to a press."""

from __future__ import annotations

import contextlib
import html
import math
import re
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage, TelegramMethod

from bot.callbacks import OpenSources
from bot.content import LANGUAGES, Catalog
from bot.preview import EDITOR_ID, Preview
from bot.views.format import one_stop, unofficial_note

from .helpers import card_text

HOME_KK = "Тақырыпты таңдаңыз"
PICKER = ["Қазақ тілі", "Русский", "English"]  # the picker speaks every language at once


class Chat(Preview):
    """The preview, also keeping every Bot API call the handlers make."""

    def __init__(self, catalog: Catalog, lang: str | None, scratch: Path) -> None:
        super().__init__(catalog, None, lang, scratch)
        self.calls: list[TelegramMethod[Any]] = []
        self.bot.session.middleware(self._keep)

    async def _keep(
        self,
        make_request: Callable[[Bot, TelegramMethod[Any]], Awaitable[Any]],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Any:
        self.calls.append(method)
        return await make_request(bot, method)

    def made(self, kind: type[TelegramMethod[Any]]) -> list[Any]:
        return [call for call in self.calls if isinstance(call, kind)]

    def labels(self) -> list[str]:
        return [label for label, _data in self.session.buttons()]


@pytest.fixture
async def chat_in(catalog, tmp_path) -> AsyncIterator[Callable[[str | None], Awaitable[Chat]]]:
    """Opens the chat of someone whose Telegram is set to a language (None: not told)."""
    async with contextlib.AsyncExitStack() as stack:

        async def open_chat(lang: str | None) -> Chat:
            scratch = Path(tempfile.mkdtemp(dir=tmp_path))  # each its own statistics file
            return await stack.enter_async_context(Chat(catalog, lang, scratch))

        yield open_chat


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("kk", HOME_KK),
        ("ru", "Выберите тему"),
        ("en", "Choose a topic"),
        ("ru-RU", "Выберите тему"),
        ("kk-KZ", HOME_KK),
    ],
)
async def test_start_opens_home_in_telegram_language(chat_in, code, expected):
    chat = await chat_in(code)
    await chat.send("/start")
    (sent,) = chat.made(SendMessage)
    assert chat.session.sent == [sent.text]
    assert expected in sent.text
    assert "<b>112</b>" in sent.text
    assert "<b>111</b>" in sent.text


def visible(markup_html: str) -> str:
    """What Telegram shows of a text: no tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup_html))


@pytest.mark.parametrize("command", ["/sos", "/help"])
@pytest.mark.parametrize(
    ("lang", "heading"),
    [("kk", "Дәл қазір көмек"), ("ru", "Помощь прямо сейчас"), ("en", "Help right now")],
)
async def test_emergency_card_on_command(chat_in, catalog, command, lang, heading):
    chat = await chat_in(lang)
    await chat.send(command)
    (sent,) = chat.made(SendMessage)
    assert chat.session.sent == [sent.text]
    assert heading in sent.text
    # only lines the facts confirm today, 112 first; 150 is off the card (unverified)
    assert re.findall(r"☎️ <b>(\d+)</b>", sent.text) == ["112", "102", "103", "111"]
    assert "150" not in sent.text
    assert card_text(catalog.pack(lang).contacts["line_111"]) in sent.text


# A phone screen: about 36 characters of text a line, and 20 lines before the user scrolls.
PHONE_LINE = 36
PHONE_LINES = 20


def screen_lines(text: str) -> int:
    """Lines on a phone screen: long lines wrap, blank lines count too."""
    return sum(max(1, math.ceil(len(line) / PHONE_LINE)) for line in text.split("\n"))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_emergency_card_fits_one_phone_screen(chat_in, lang):
    """Someone in danger sees every number without scrolling."""
    chat = await chat_in(lang)
    await chat.send("/sos")
    (sent,) = chat.made(SendMessage)
    shown = visible(sent.text)
    assert screen_lines(shown) <= PHONE_LINES, f"{screen_lines(shown)} lines:\n{shown}"


def test_screen_lines_count_wrapping_and_blank_lines():
    assert screen_lines("a" * 36) == 1
    assert screen_lines("a" * 37) == 2
    assert screen_lines("a\n\nb") == 3


@pytest.mark.parametrize("code", [None, "de", "uz"])
async def test_start_without_known_language_offers_picker_with_112(chat_in, code):
    chat = await chat_in(code)
    await chat.send("/start")
    (sent,) = chat.made(SendMessage)
    assert "<b>112</b>" in sent.text
    assert chat.labels() == PICKER


async def test_language_choice_is_remembered_in_memory(chat_in, translators):
    chat = await chat_in("en")
    await chat.send("/start")
    await chat.press(translators["en"].gettext("🌐 Language"))
    chat.calls.clear()
    await chat.press("Қазақ тілі")
    assert await chat.services.memory.get(EDITOR_ID) == "kk"
    (edit,) = chat.made(EditMessageText)  # the picker becomes the home screen, in place
    assert not chat.made(SendMessage)
    assert HOME_KK in edit.text
    chat.calls.clear()
    await chat.send("/start")
    (sent,) = chat.made(SendMessage)
    assert HOME_KK in sent.text  # Telegram still says English; the choice wins


@pytest.mark.parametrize(
    "data",
    [
        "garbage",
        "g:nowhere",
        "g:home:extra",
        "t:no_such_topic",
        "s:domestic_violence:nope",
        "src:domestic_violence:nope",
        "src:no_such_topic:x",
        "tc:no_such_topic",
        "f:no_such_topic:1",
        "f:labour:maybe",
        "q:yyyyyyyyyyyyyyyyyyyy",
        "q:x",
        "r:atlantis",
        "l:de",
        "c:no_such_contact:",
        "c:line_111:no_such_topic",
        "ж" * 20,
    ],
)
async def test_forged_or_stale_callbacks_are_answered_and_lead_home(chat_in, data):
    chat = await chat_in("en")
    await chat.press_data(data)
    (answer,) = chat.made(AnswerCallbackQuery)
    assert "out of date" in answer.text
    (edit,) = chat.made(EditMessageText)
    assert "Choose a topic" in edit.text


async def test_contact_card_says_who_runs_the_service_and_where_the_facts_come_from(
    chat_in, catalog, translators
):
    chat = await chat_in("ru")
    await chat.send("/start")
    await chat.press(translators["ru"].gettext("📞 Help contacts"))
    label = f"150 · {catalog.pack('ru').contacts['line_150'].name}"
    chat.calls.clear()
    await chat.press(label)
    (edit,) = chat.made(EditMessageText)
    assert "Союз кризисных центров" in edit.text
    assert "<b>150</b>" in edit.text
    assert catalog.contacts["line_150"].source in edit.text
    assert "бесплатно" not in edit.text  # not free from mobiles in our sources: not claimed


async def test_every_topic_and_section_renders(chat_in, catalog):
    for lang in LANGUAGES:
        chat = await chat_in(lang)
        for topic in catalog.pack(lang).topics.values():
            for section in topic.sections:
                await chat.send("/start")
                await chat.press(topic.title)
                chat.calls.clear()
                await chat.press(section.title)
                (edit,) = chat.made(EditMessageText)
                assert section.title in edit.text
                assert len(chat.made(AnswerCallbackQuery)) == 1


async def test_an_unknown_command_gets_a_friendly_answer_with_home_and_112(chat_in, translators):
    """Stickers and voice messages get the same answer: test_e2e_behaviour sends them."""
    chat = await chat_in("en")
    await chat.send("/unknown_command")
    (sent,) = chat.made(SendMessage)
    assert "<b>112</b>" in sent.text
    assert translators["en"].gettext("🏠 Home") in chat.labels()


@pytest.mark.parametrize(
    "text",
    [
        "hello " * 700,
        "<b>&",
        "🙂🙂🙂",
        "asdfgh",
        "asdfgh qwerty",
    ],
)
async def test_free_text_nobody_can_match_gets_the_menu_and_help_lines(
    chat_in, catalog, translators, text
):
    chat = await chat_in("en")
    await chat.send(text)
    (sent,) = chat.made(SendMessage)
    assert "did not find a topic" in sent.text
    assert "<b>112</b>" in sent.text
    assert "<b>111</b>" in sent.text
    labels = chat.labels()
    assert catalog.pack("en").topics["domestic_violence"].title in labels
    assert translators["en"].gettext("🆘 SOS") in labels


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        ("ru", "зарплату не платят третий месяц", "labour"),
        ("kk", "жумыстан себепсиз шыгарды", "labour"),
        ("en", "how do i complain about an official", "complain"),
    ],
)
async def test_free_text_is_answered_with_the_best_topics(
    chat_in, catalog, translators, lang, text, topic
):
    chat = await chat_in(lang)
    await chat.send(text)
    assert len(chat.made(SendMessage)) == 1
    title = catalog.pack(lang).topics[topic].title
    # a result opens the topic ("📖 Title") or one of its sections ("📖 Title: Section")
    found = chat.labels()[:3]
    assert any(label == f"📖 {title}" or label.startswith(f"📖 {title}: ") for label in found)
    assert translators[lang].gettext("🏠 Home") in chat.labels()
    assert chat.stats.pending == 1  # one counter: the topic found, never the words


async def test_contact_cards_say_the_number_was_not_test_called(chat_in, catalog, translators):
    """Numbers are checked against their sources, not by calling them: every card says so."""
    for lang in LANGUAGES:
        tr = translators[lang]
        chat = await chat_in(lang)
        await chat.send("/start")
        await chat.press(tr.gettext("📞 Help contacts"))
        help_screen = chat.session.buttons()
        for cid in catalog.help_contacts:
            contact = catalog.contacts[cid]
            data = next(d for _label, d in help_screen if d.startswith(f"c:{cid}:"))
            await chat.press_data(data)
            if contact.phone:
                checked = (
                    "Checked against the source on {date}; the number has not been test-called."
                )
            else:
                checked = "Checked against the source on {date}."
            said = one_stop(tr.gettext(checked).format(date=tr.date(contact.verified)))
            assert html.escape(said, quote=False) in chat.session.text, (lang, cid)


LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_sources_screen_names_and_links_every_cited_source(
    chat_in, catalog, translators, lang
):
    """Each source a section cites, by its name, linked to exactly its address when it has
    one; unofficial copies of a law's text are marked and the screen says what that means."""
    tr = translators[lang]
    chat = await chat_in(lang)
    note = html.escape(unofficial_note(tr), quote=False)
    marked = tr.gettext("unofficial copy")
    for topic in catalog.pack(lang).topics.values():
        for section in topic.sections:
            where = f"{lang}/{topic.id}/{section.id}"
            await chat.press_data(OpenSources(topic=topic.id, section=section.id).pack())
            screen = chat.session.text
            lines = screen.split("\n")
            assert lines[0].startswith("<b>📚 "), where
            assert html.escape(section.title, quote=False) in lines[0], where
            links = [
                (html.unescape(href), html.unescape(name)) for href, name in LINK.findall(screen)
            ]
            cited = [catalog.sources[sid] for sid in section.sources]
            assert {href for href, _name in links} == {s.url for s in cited if s.url}, where
            for source in cited:
                if source.url:
                    assert (source.url, source.name) in links, (where, source.id)
                    href = f'href="{html.escape(source.url, quote=True)}"'
                    line = next(line for line in lines if href in line)
                else:
                    name = html.escape(source.name, quote=False)
                    line = next(line for line in lines if line.startswith(f"• {name}, "))
                assert (marked in line) == source.unofficial, (where, source.id, line)
            assert (note in screen) == any(s.unofficial for s in cited), where
            for citation in section.basis:
                law = html.escape(catalog.laws[citation.law].names[lang], quote=False)
                assert law in screen, (where, citation)
