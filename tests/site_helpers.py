"""Reading the preview site back, as a browser would: every page parsed by html5lib in strict
mode (a parse error fails the test), and the content copies the badge tests break."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib

from bot.content import LANGUAGES
from bot.site.build import Built, build_site

from .helpers import CONTENT_DIR

TODAY = dt.date(2026, 12, 2)


def parse_html(text: str) -> Element:
    """Strict: html5lib raises on the first parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def classes(element: Element) -> set[str]:
    return set((element.get("class") or "").split())


def text_of(element: Element) -> str:
    return "".join(element.itertext())


@dataclass
class Column:
    lang: str
    text: str  # the message as a reader sees it
    buttons: list[Element]
    badges: list[str]  # each badge's whole text: level, message, file:line, hint

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(text_of(b).removesuffix(" ↗") for b in self.buttons)


@dataclass
class SitePage:
    path: Path
    root: Element
    columns: dict[str, Column]
    shared_badges: list[str]  # badges above the columns, for every language


def badge_texts(parent: Element | None) -> list[str]:
    if parent is None:
        return []
    found = []
    for ul in parent.findall("ul"):
        if "badges" in classes(ul):
            found += [text_of(li) for li in ul.findall("li")]
    return found


def read_page(path: Path) -> SitePage:
    root = parse_html(path.read_text(encoding="utf-8"))
    columns = {}
    for section in root.iter("section"):
        if "col" not in classes(section):
            continue
        lang = section.get("id") or ""
        text = next((e for e in section.iter("div") if "text" in classes(e)), None)
        buttons = [e for e in section.iter() if "btn" in classes(e)]
        columns[lang] = Column(
            lang, text_of(text) if text is not None else "", buttons, badge_texts(section)
        )
    main = root.find("body/main")
    return SitePage(path, root, columns, badge_texts(main))


def build(content: Path, out: Path, today: dt.date = TODAY) -> Built:
    return asyncio.run(build_site(content, out, today=today))


def copy_content(target: Path) -> Path:
    """A copy named `content`, so problems read content/<file>:<line> as for the real one."""
    copy = target / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def set_verified(root: Path, contact: str, day: dt.date) -> int:
    """Change one contact's `verified` date; returns the line it is on."""
    path = root / "contacts.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n  {contact}:\n")
    match = re.compile(r'verified: "[^"]*"').search(text, start)
    assert match is not None
    path.write_text(
        text[: match.start()] + f'verified: "{day.isoformat()}"' + text[match.end() :],
        encoding="utf-8",
    )
    return text[: match.start()].count("\n") + 1


def section_span(text: str, section: str) -> tuple[int, int]:
    """Character offsets of a section's entry in a topic file, from `- id:` to the next one."""
    start = text.index(f"  - id: {section}\n")
    following = text.find("\n  - id: ", start + 1)
    return start, len(text) if following < 0 else following + 1


def replace_in_section(root: Path, rel: str, section: str, pattern: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    start, end = section_span(text, section)
    entry, count = re.subn(pattern, new, text[start:end], count=1, flags=re.DOTALL)
    assert count == 1, f"{pattern!r} not in section {section} of {rel}"
    path.write_text(text[:start] + entry + text[end:], encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    text = (root / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def all_languages(page: SitePage) -> bool:
    return set(page.columns) == set(LANGUAGES)
