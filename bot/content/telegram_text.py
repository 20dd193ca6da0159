"""Telegram's rules for HTML message text, checked without Telegram.

Telegram accepts only a few tags, only four named entities, and counts the 4096-character
limit on the text *after* entity parsing, in UTF-16 code units. Where Telegram is lenient (a
bare & or >), the rules here are stricter; see _BARE_AMP.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

MESSAGE_LIMIT = 4096
# Headroom under Telegram's hard limit; editors aim much lower (see SCREEN_TARGET).
SCREEN_HARD_LIMIT = 3900
SCREEN_TARGET = 1200
CALLBACK_DATA_LIMIT = 64

# Tag -> attributes it may carry (parse_mode=HTML, Bot API "Formatting options").
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "tg-spoiler": frozenset(),
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
}
# Stricter than Telegram on purpose. Telegram's parser (TDLib's parseTextEntities, which the
# tests' Bot API double runs) accepts a bare "&", a bare ">" and unknown entities like "&nbsp;"
# as literal text; this checker rejects them, so a text never depends on how lenient a parser
# is (and TDLib does read "&lt" or "&amp" without the ";" as "<" and "&", which an editor
# rarely means).
_BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot);|#\d+;|#x[0-9a-fA-F]+;)")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.errors: list[str] = []
        self.stack: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = ALLOWED_TAGS.get(tag)
        if allowed is None:
            self.errors.append(f"tag <{tag}> is not supported by Telegram")
        else:
            for name, value in attrs:
                if name not in allowed:
                    self.errors.append(f"attribute {name!r} is not allowed on <{tag}>")
                if tag == "a" and name == "href" and not value:
                    self.errors.append("<a> needs a non-empty href")
            if tag == "span" and ("class", "tg-spoiler") not in attrs:
                self.errors.append('<span> is allowed only as <span class="tg-spoiler">')
        if self.stack and self.stack[-1] in ("code", "pre") and tag != "code":
            self.errors.append(f"<{tag}> cannot be nested in <{self.stack[-1]}>")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing <{tag}/> is not supported (use a line break)")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close the last open tag")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            self.errors.append("a bare < or > must be written as &lt; or &gt;")
        self.visible.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in ("lt", "gt", "amp", "quot"):
            self.errors.append(f"entity &{name}; is not supported (only &lt; &gt; &amp; &quot;)")
        self.visible.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.visible.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.errors.append("HTML comments are not supported")

    def handle_decl(self, decl: str) -> None:
        self.errors.append("HTML declarations are not supported")

    def unknown_decl(self, data: str) -> None:
        self.errors.append("HTML declarations are not supported")

    def handle_pi(self, data: str) -> None:
        self.errors.append("HTML processing instructions are not supported")


def check_html(text: str) -> tuple[list[str], str]:
    """Return (problems, visible text) for a Telegram HTML message."""
    checker = _Checker()
    errors: list[str] = []
    if _BARE_AMP.search(text):
        errors.append("a bare & must be written as &amp; (or use the word 'and')")
    checker.feed(text)
    checker.close()
    if checker.rawdata:
        errors.append("text ends inside an unfinished tag")
    errors.extend(checker.errors)
    if checker.stack:
        errors.append(f"tag <{checker.stack[-1]}> is never closed")
    return errors, "".join(checker.visible)


def visible_length(text: str) -> int:
    """Length Telegram counts for a valid HTML text: tags removed, entities decoded."""
    return utf16_len(check_html(text)[1])
