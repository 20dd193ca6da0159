"""An independent reading of Telegram's HTML parse mode, for the Bot API double.

Deliberately separate from bot.content.telegram_text, so a mistake there is not repeated here.
Error texts follow Telegram's ("Can't find end tag corresponding to start tag ...").
"""

from __future__ import annotations

import html
import re

TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]*))?)*)\s*>"
)
_PLAIN = re.compile(r"[^<>&]*")
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d+)|#x([0-9a-fA-F]+));")


class EntityError(ValueError):
    pass


def parse(text: str) -> str:
    """Return the visible text, or raise EntityError with Telegram's wording."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        plain = _PLAIN.match(text, i)  # a run of ordinary characters, copied at once
        if plain.end() > i:
            out.append(plain.group())
            i = plain.end()
            continue
        ch = text[i]
        if ch == "<":
            match = _TAG.match(text, i)
            if not match:
                raise EntityError(
                    f"Can't parse entities: unexpected start of tag at byte offset {i}"
                )
            closing, name, _attrs = match.groups()
            name = name.lower()
            if name not in TAGS:
                raise EntityError(
                    f'Can\'t parse entities: unsupported start tag "{name}" at byte offset {i}'
                )
            if closing:
                if not stack or stack[-1] != name:
                    raise EntityError(
                        f"Can't parse entities: can't find end tag corresponding to start tag \""
                        f'{stack[-1] if stack else name}"'
                    )
                stack.pop()
            else:
                stack.append(name)
            i = match.end()
        elif ch == "&":
            match = _ENTITY.match(text, i)
            if not match:
                raise EntityError(
                    f"Can't parse entities: character '&' is reserved and must be escaped at "
                    f"byte offset {i}"
                )
            out.append(html.unescape(match.group()))
            i = match.end()
        elif ch == ">":
            raise EntityError(f"Can't parse entities: character '>' must be escaped at offset {i}")
        else:
            out.append(ch)
            i += 1
    if stack:
        raise EntityError(
            f"Can't parse entities: can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
