"""The pages of the preview: an index of every screen with its badges, and one page per screen
with the kk, ru and en messages side by side, drawn like Telegram (the columns stack on a
narrow screen). Everything is in the page or in preview.css next to it: no fonts, scripts or
styles from the internet, so the site works from file:// and offline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..callbacks import Go, Place
from ..content import LANGUAGES
from .badges import ERROR, NOTE, WARNING, Badge, Badges
from .crawl import PRIVACY, SEARCH, START, Button, Page, parse
from .html import esc, message_html, safe_href

GENERATOR = "kz-rights-bot preview"
STYLESHEET = "preview.css"
PLACE_SLUGS = {
    Place.HOME: "home",
    Place.SOS: "sos",
    Place.EXIT: "quick-exit",
    Place.HELP: "help",
    Place.LANGUAGES: "language",
    Place.REGIONS: "regions",
}
KINDS = {
    "g": "",
    "t": "Topic",
    "s": "Section",
    "src": "Sources",
    "tc": "Where to get help",
    "c": "Contact card",
    "r": "Region",
    "q": "Self-check",
}
LEVELS = (ERROR, WARNING, NOTE)
SHOWN_ON = 6  # screens linked from a problem on the index


def slug(key: str) -> str:
    """The file name (without .html) of a screen's page."""
    named = {START: "home", PRIVACY: "privacy", SEARCH: "nothing-found"}
    if key in named:
        return named[key]
    button = parse(key)
    if isinstance(button, Go):
        return PLACE_SLUGS.get(button.to, f"g-{button.to.value}")
    return "".join(c if c.isalnum() or c == "_" else "-" for c in key).strip("-")


def slugs(keys: Iterable[str]) -> dict[str, str]:
    """A distinct file name for every key."""
    found: dict[str, str] = {}
    used: set[str] = {"index"}
    for key in keys:
        name = slug(key) or "screen"
        base, n = name, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        found[key] = name
    return found


def kind(page: Page) -> str:
    """What sort of screen it is, e.g. "Section"; "" for the screens of the home menu."""
    return KINDS.get(page.key.split(":", 1)[0], "")


def title(page: Page) -> str:
    """The screen by the English labels pressed to reach it from /start."""
    named = {START: "Home (/start)", PRIVACY: "/privacy", SEARCH: "Search that finds nothing"}
    if page.key in named:
        return named[page.key]
    shot = page.shots.get("en") or next(iter(page.shots.values()))
    steps = shot.path[1:] if shot.path[:1] == (START,) else shot.path
    return " › ".join(steps) or page.key


def _head(heading: str, *, body_class: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f"<title>{esc(heading)}</title>\n"
        f'<link rel="stylesheet" href="{STYLESHEET}">\n'
        f'</head>\n<body class="{body_class}">\n'
    )


def _foot(note: str) -> str:
    return f'<footer class="foot">{note}</footer>\n</body>\n</html>\n'


def badge_html(badge: Badge, links: str = "") -> str:
    where = f' <code class="where">{esc(badge.where)}</code>' if badge.where else ""
    hint = f' <span class="hint">{esc(badge.hint)}</span>' if badge.hint else ""
    return (
        f'<li class="badge {badge.level}"><span class="level">{badge.level}</span> '
        f"{esc(badge.text)}{where}{hint}{links}</li>\n"
    )


def badge_list(badges: list[Badge]) -> str:
    if not badges:
        return ""
    return '<ul class="badges">\n' + "".join(badge_html(b) for b in badges) + "</ul>\n"


def counts(badges: list[Badge]) -> str:
    pills = []
    for level in LEVELS:
        n = sum(b.level == level for b in badges)
        if n:
            pills.append(f'<span class="pill {level}">{n} {level}{"s" if n > 1 else ""}</span>')
    return " ".join(pills)


@dataclass(frozen=True)
class Chrome:
    """What every page says about the build: the language names and the footer."""

    names: dict[str, str]  # language -> its own name
    footer: str


def _button_html(button: Button, lang: str, names: dict[str, str], popup_id: str) -> str:
    label = esc(button.label)
    if button.is_link:
        href = safe_href(button.data)
        if href is None:
            return f'<span class="btn">{label}</span>'
        return f'<a class="btn link" href="{esc(href)}" rel="noopener noreferrer">{label} ↗</a>'
    if button.target is not None:
        target = names[button.target]
        return f'<a class="btn" href="{esc(target)}.html#{button.target_lang or lang}">{label}</a>'
    return f'<a class="btn popup" href="#{popup_id}">{label}</a>'


def column(page: Page, lang: str, badges: Badges, chrome: Chrome, names: dict[str, str]) -> str:
    shot = page.shots.get(lang)
    heading = f'<h2>{esc(chrome.names[lang])} <span class="code">{lang}</span></h2>\n'
    if shot is None:
        note = Badge(ERROR, f"this screen is not shown in {lang}")
        return (
            f'<section class="col" id="{lang}" lang="{lang}">\n{heading}'
            + badge_list([note, *badges.of(page.key, lang)])
            + "</section>\n"
        )
    path = " › ".join(esc(step) for step in shot.path)
    parts = [
        f'<section class="col" id="{lang}" lang="{lang}">\n',
        heading,
        f'<p class="path">{path}</p>\n',
        badge_list(badges.of(page.key, lang)),
        '<div class="chat">\n',
        f'<div class="bubble"><div class="text">{message_html(shot.text)}</div></div>\n',
    ]
    popups: list[tuple[str, Button]] = []
    if shot.rows:
        parts.append('<div class="keyboard">\n')
        for row in shot.rows:
            cells = []
            for button in row:
                popup_id = f"popup-{lang}-{len(popups) + 1}"
                cells.append(_button_html(button, lang, names, popup_id))
                if not button.is_link and button.target is None:
                    popups.append((popup_id, button))
            parts.append('<div class="row">' + "".join(cells) + "</div>\n")
        parts.append("</div>\n")
    for popup_id, button in popups:
        said = (
            f"shows the pop-up “{esc(button.popup)}”"
            if button.popup
            else "shows nothing: the press failed"
        )
        parts.append(f'<p class="popup" id="{popup_id}">{esc(button.label)}: {said}</p>\n')
    parts.append("</div>\n</section>\n")
    return "".join(parts)


def screen_page(
    page: Page, pages: dict[str, Page], badges: Badges, chrome: Chrome, names: dict[str, str]
) -> str:
    heading = title(page)
    every = badges.all_of(page.key)
    shared = badge_list(badges.of(page.key))
    nav = (
        '<nav class="top"><a href="index.html">← All screens</a>'
        f' <span class="kind">{esc(kind(page))}</span> <span class="key">{esc(page.key)}</span>'
        f" {counts(every)}</nav>\n"
    )
    parent = ""
    if page.parent is not None and page.parent in pages:
        parent = f'<p class="from">Opened from <a href="{esc(names[page.parent])}.html">'
        parent += f"{esc(title(pages[page.parent]))}</a></p>\n"
    columns = "".join(column(page, lang, badges, chrome, names) for lang in LANGUAGES)
    return (
        _head(f"{heading} · preview", body_class="screen")
        + nav
        + f"<main>\n<h1>{esc(heading)}</h1>\n{parent}{shared}"
        + f'<div class="langs">\n{columns}</div>\n</main>\n'
        + _foot(chrome.footer)
    )


def _shown_on(badge: Badge, badges: Badges, pages: dict[str, Page], names: dict[str, str]) -> str:
    """Links to the first few screens a problem is marked on."""
    shown = list(dict.fromkeys(key for key, _ in badges.placed.get(badge, [])))
    if not shown:
        return ""
    links = ", ".join(
        f'<a href="{esc(names[key])}.html">{esc(title(pages[key]))}</a>'
        for key in shown[:SHOWN_ON]
    )
    if len(shown) > SHOWN_ON:
        links += f" and {len(shown) - SHOWN_ON} more screens"
    return f' <span class="on">on: {links}</span>'


def index_page(
    pages: dict[str, Page],
    badges: Badges,
    chrome: Chrome,
    names: dict[str, str],
    summary: str,
    *,
    refused: bool,
) -> str:
    """`refused`: the content does not validate, so the bot would not load it."""
    every = badges.every()
    parts = [
        _head("Preview: every screen of the bot", body_class="index"),
        "<main>\n<h1>Every screen of the bot, in kk, ru and en</h1>\n",
        f'<p class="summary">{summary} {counts(every)}</p>\n',
        LEGEND,
    ]
    problems = [b for b in every if b.level != NOTE]
    if refused:
        parts.append(
            '<p class="banner">The content has errors, so the bot would refuse it and keep '
            "serving the previous version. The screens are drawn from what could be read; fix "
            "the errors listed here (file:line), then check again.</p>\n"
        )
    elif problems:
        parts.append(
            '<p class="banner">The bot would serve this content, but <code>python -m bot check '
            "--strict</code> (and so CI) fails on the problems listed here.</p>\n"
        )
    if problems:
        parts.append('<h2 id="problems">Problems</h2>\n<ul class="badges">\n')
        for badge in problems:
            parts.append(badge_html(badge, _shown_on(badge, badges, pages, names)))
        parts.append("</ul>\n")
    parts.append('<h2 id="screens">Screens</h2>\n<ol class="screens">\n')
    for key, page in pages.items():
        shots = list(page.shots.items())
        if len({shot.path for _, shot in shots}) == 1:  # typed, or labels the same in all three
            shots = shots[:1]
        paths = "".join(
            f'<span class="path" lang="{lang}">{" › ".join(esc(s) for s in shot.path)}</span>'
            for lang, shot in shots
        )
        parts.append(
            f'<li><a href="{esc(names[key])}.html">{esc(title(page))}</a> '
            f'{counts(badges.all_of(key))}<div class="paths">{paths}</div></li>\n'
        )
    parts.append("</ol>\n</main>\n")
    parts.append(_foot(chrome.footer))
    return "".join(parts)


LEGEND = """<p class="legend">Each page is one screen of the bot in Kazakh, Russian and English
side by side, drawn from the bot's own code. Press its buttons to go where the bot goes. Marks:
<span class="pill error">error</span> the bot refuses the content, or CI fails;
<span class="pill warning">warning</span> <code>python -m bot check --strict</code> fails;
<span class="pill note">note</span> for information (the screen scrolls on a phone).
Each says the file and line to change.</p>
"""

CSS = """\
:root { --chat: #c9dcb9; --bubble: #fff; --btn: rgba(32, 64, 40, .42); --link: #1769aa; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: #1c1c1e; line-height: 1.4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  Arial, sans-serif; }
main { padding: 12px 16px 32px; max-width: 1500px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .4em 0; }
h2 { font-size: 1.05rem; margin: .3em 0; }
a { color: var(--link); }
nav.top { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #ddd;
  padding: 8px 16px; display: flex; gap: 10px; flex-wrap: wrap; align-items: center; }
.key, .code, .where { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem;
  color: #555; }
.langs { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px;
  align-items: start; }
.col { min-width: 0; }
.path { margin: .2em 0 .5em; color: #555; font-size: .85rem; overflow-wrap: anywhere; }
.chat { background: var(--chat); border-radius: 14px; padding: 12px; max-width: 440px; }
.bubble { background: var(--bubble); border-radius: 12px 12px 12px 4px; padding: 8px 11px;
  box-shadow: 0 1px 1px rgba(0, 0, 0, .15); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 15px; }
.text pre, .text code { font-family: ui-monospace, "DejaVu Sans Mono", monospace;
  font-size: 13px; background: #f1f3f4; border-radius: 4px; }
.text pre { margin: 4px 0; padding: 6px; white-space: pre-wrap; }
.text blockquote { margin: 4px 0; padding: 2px 8px; border-left: 3px solid var(--link);
  background: #eef5fb; }
.text .spoiler { background: #8e8e93; color: transparent; border-radius: 3px; }
.text .spoiler:hover { color: inherit; background: #e5e5ea; }
.keyboard { margin-top: 4px; }
.row { display: flex; gap: 4px; margin-top: 4px; }
.btn { flex: 1 1 0; min-width: 0; display: block; text-align: center; padding: 8px 6px;
  border-radius: 8px; background: var(--btn); color: #fff; text-decoration: none;
  font-size: 14px; overflow-wrap: anywhere; }
.btn:hover, .btn:focus { background: rgba(32, 64, 40, .6); }
.btn.popup { border: 1px dashed #fff; }
.popup { font-size: .8rem; color: #333; margin: 6px 0 0; }
.popup:target { background: #fff3bf; }
.badges { list-style: none; margin: .3em 0 .6em; padding: 0; }
.badge { margin: 3px 0; padding: 5px 8px; border-radius: 6px; font-size: .85rem;
  overflow-wrap: anywhere; border-left: 4px solid; }
.badge.error { background: #fde2e1; border-color: #c5221f; }
.badge.warning { background: #fff4d6; border-color: #d39e00; }
.badge.note { background: #e8f0fe; border-color: #1a73e8; }
.level { font-weight: 600; text-transform: uppercase; font-size: .7rem; }
.hint { color: #555; }
.hint::before { content: "— "; }
.pill { font-size: .75rem; border-radius: 9px; padding: 1px 7px; white-space: nowrap; }
.pill.error { background: #c5221f; color: #fff; }
.pill.warning { background: #f2c94c; }
.pill.note { background: #d2e3fc; }
.banner { background: #fde2e1; border: 1px solid #c5221f; padding: 8px 12px; border-radius: 6px; }
.legend { color: #444; font-size: .9rem; max-width: 75em; }
.screens { padding-left: 2em; }
.screens li { margin: 6px 0; }
.paths { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; }
.paths .path { margin: 0; }
.foot { color: #666; font-size: .8rem; padding: 12px 16px 24px; text-align: center; }
@media (max-width: 900px) {
  .langs, .paths { grid-template-columns: minmax(0, 1fr); }
  main { padding: 8px; }
  .chat { max-width: none; }
}
"""
