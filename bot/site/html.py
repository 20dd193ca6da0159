"""A message in Telegram's HTML, drawn as page HTML: the tags Telegram formats become the same
formatting, everything else is escaped and shown as typed, and the result always nests properly.

Telegram's tags are <b> <i> <u> <s> (and their synonyms), <a href>, <code>, <pre>,
<blockquote> and the spoiler; a link keeps its address only when it is a web, mail or Telegram
address, so nothing in a content file can put a script or a style into the preview.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

# Telegram tag -> (page tag, class)
TAGS: dict[str, tuple[str, str]] = {
    "b": ("b", ""),
    "strong": ("b", ""),
    "i": ("i", ""),
    "em": ("i", ""),
    "u": ("u", ""),
    "ins": ("u", ""),
    "s": ("s", ""),
    "strike": ("s", ""),
    "del": ("s", ""),
    "code": ("code", ""),
    "pre": ("pre", ""),
    "blockquote": ("blockquote", ""),
    "tg-spoiler": ("span", "spoiler"),
}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tg://")


def esc(text: str) -> str:
    """Plain text for an element's content or a quoted attribute."""
    return html.escape(text, quote=True)


def safe_href(url: str) -> str | None:
    url = url.strip()
    return url if url.lower().startswith(SAFE_SCHEMES) else None


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []  # Telegram tags open, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "span" and found.get("class") == "tg-spoiler":
            tag = "tg-spoiler"
        if tag == "a" and "a" not in self.open:
            href = safe_href(found.get("href") or "")
            self.open.append("a")
            if href is None:
                self.out.append('<a class="nolink">')
            else:
                self.out.append(f'<a href="{esc(href)}" rel="noopener noreferrer">')
            return
        if tag not in TAGS or tag in self.open:
            self._as_typed()
            return
        name, css = TAGS[tag]
        self.open.append(tag)
        self.out.append(f'<{name} class="{css}">' if css else f"<{name}>")
        if name == "pre":
            self.out.append("\n")  # a page drops the first line break after <pre>; keep the text's

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._as_typed()

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and "tg-spoiler" in self.open and "span" not in self.open:
            tag = "tg-spoiler"
        if tag not in self.open:
            self.out.append(esc(f"</{tag}>"))
            return
        while self.open:
            closed = self.open.pop()
            self.out.append(self._end(closed))
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(esc(data))

    def handle_comment(self, data: str) -> None:
        self.out.append(esc(f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self.out.append(esc(f"<!{decl}>"))

    def unknown_decl(self, data: str) -> None:
        self.out.append(esc(f"<![{data}]>"))

    def handle_pi(self, data: str) -> None:
        self.out.append(esc(f"<?{data}>"))

    def _as_typed(self) -> None:
        self.out.append(esc(self.get_starttag_text() or ""))

    @staticmethod
    def _end(tag: str) -> str:
        return "</a>" if tag == "a" else f"</{TAGS[tag][0]}>"

    def finish(self) -> str:
        self.close()
        if self.rawdata:  # an unfinished tag at the very end
            self.out.append(esc(self.rawdata))
            self.rawdata = ""
        while self.open:
            self.out.append(self._end(self.open.pop()))
        return "".join(self.out)


def message_html(text: str) -> str:
    """Page HTML for a message text in Telegram's HTML (line breaks kept by the page's CSS)."""
    converter = _Converter()
    converter.feed(text)
    return converter.finish()
