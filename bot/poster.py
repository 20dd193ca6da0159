"""Posters and cards: `python -m bot poster` draws the QR code of a deep link, a headline and one
line from the content, 112 and 111, and the bot's @username, as SVG, PNG or PDF.

What a poster says (`poster_text`) is a pure function of the catalog and the interface
strings; drawing it (`render`) needs the `poster` extra (segno for the QR code, matplotlib for
the page, whose bundled DejaVu Sans has every Kazakh letter). The bot itself never imports
either: only this command does.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import deeplinks
from .content import Catalog, LanguagePack
from .i18n import Translator
from .views.format import contact_tags

FORMATS = (".svg", ".png", ".pdf")
SIZES = {
    # inches: A4 portrait, and a card the size of a bank card (85 x 55 mm, landscape)
    "a4": (8.27, 11.69),
    "card": (85 / 25.4, 55 / 25.4),
}
DPI = {"a4": 300, "card": 600}  # for PNG; SVG and PDF are drawn as vectors
QUIET_ZONE = 4  # modules of white around the QR code, as the standard asks
_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?])\s")


class PosterError(ValueError):
    """What the editor asked for cannot be drawn; the message says why."""


@dataclass(frozen=True)
class PosterText:
    headline: str
    line: str
    numbers: tuple[str, ...]  # "112 · Emergency services (single number) (24/7, free)"
    handle: str  # "@kz_rights_bot"
    scan: str  # what to do with the code
    link: str  # the deep link in the QR code (never printed: a phone shows it when scanned)


def first_sentence(html: str, limit: int = 160) -> str:
    flat = " ".join(_TAG.sub("", html).split())
    sentence = _SENTENCE.split(flat, maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def poster_text(
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    target: str,
    username: str,
    *,
    campaign: str = "",
    discreet: bool = False,
) -> PosterText:
    """The words of a poster for `target` (sos, help or a topic id). Discreet: the headline and
    line of the home screen, which name no topic, for places an abuser may see."""
    if target not in ("sos", "help") and target not in pack.topics:
        raise PosterError(
            f"no topic {target!r}; use sos, help or one of: {', '.join(pack.topics)}"
        )
    try:
        link = deeplinks.url(username, deeplinks.build(pack.code, target, campaign))
    except ValueError as exc:
        raise PosterError(str(exc)) from None
    if discreet:
        headline = tr.gettext("Your rights and where to get help")
        line = tr.gettext(
            "What the Action Plan on Human Rights and the Rule of Law means for you, "
            "and who can help in Kazakhstan."
        )
    elif target == "sos":
        headline = tr.gettext("Help right now")
        line = first_sentence(pack.contacts[catalog.home_emergency[0]].when)
    elif target == "help":
        headline = tr.gettext("Who to call for help")
        line = first_sentence(pack.contacts[catalog.home_emergency[-1]].when)
    else:
        topic = pack.topics[target]
        headline, line = topic.title, first_sentence(topic.summary)
    numbers = []
    for cid in catalog.home_emergency:  # 112 and 111, from content/contacts.yaml
        contact, text = catalog.contacts[cid], pack.contacts[cid]
        tags = contact_tags(tr, contact)
        numbers.append(
            f"{contact.phone} · {text.name}" + (f" ({', '.join(tags)})" if tags else "")
        )
    return PosterText(
        headline=headline,
        line=line,
        numbers=tuple(numbers),
        handle="@" + username.removeprefix("@"),
        scan=tr.gettext("Scan the code with your phone's camera, or find the bot in Telegram:"),
        link=link,
    )


def qr_matrix(link: str) -> list[list[bool]]:
    """The QR code's modules, dark = True, with the quiet zone around them."""
    import segno

    code = segno.make(link, error="m", micro=False)
    rows = [[bool(m) for m in row] for row in code.matrix]
    n = len(rows)
    blank = [False] * (n + 2 * QUIET_ZONE)
    padded = [[False] * QUIET_ZONE + row + [False] * QUIET_ZONE for row in rows]
    return [blank[:] for _ in range(QUIET_ZONE)] + padded + [blank[:] for _ in range(QUIET_ZONE)]


def _draw_qr(ax: Any, matrix: list[list[bool]]) -> None:
    """Dark modules as vector squares, joined along each row (fewer shapes, no seams)."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    n = len(matrix)
    squares = []
    for y, row in enumerate(matrix):
        x = 0
        while x < n:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < n and row[x]:
                x += 1
            # a hair of overlap so rasterising leaves no white line between rows
            squares.append(Rectangle((start, y - 0.01), x - start, 1.02))
    ax.add_collection(
        PatchCollection(squares, facecolor="black", edgecolor="none", antialiased=False)
    )
    ax.set_xlim(0, n)
    ax.set_ylim(n, 0)
    ax.set_aspect("equal")
    ax.axis("off")


def render(text: PosterText, out: Path, size: str = "a4") -> None:
    """Write the poster to `out`; the format follows its extension (.svg, .png or .pdf)."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise PosterError(f"{out}: the file must end in .svg, .png or .pdf")
    if size not in SIZES:
        raise PosterError(f"size must be one of {', '.join(SIZES)}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise PosterError("posters need matplotlib and segno: pip install -e '.[poster]'") from exc
    matrix = qr_matrix(text.link)
    # DejaVu Sans (bundled with matplotlib) has every Kazakh letter; TrueType in the PDF keeps
    # its text searchable; SVG text as outlines needs no font where it is opened.
    with plt.rc_context(
        {"font.family": "DejaVu Sans", "pdf.fonttype": 42, "svg.fonttype": "path"}
    ):
        fig = plt.figure(figsize=SIZES[size])
        try:
            (_layout_a4 if size == "a4" else _layout_card)(fig, text, matrix)
            metadata = {"Date": None} if suffix == ".svg" else None
            fig.savefig(out, dpi=DPI[size], facecolor="white", metadata=metadata)
        finally:
            plt.close(fig)


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False)


@dataclass(frozen=True)
class Block:
    text: str
    size: float  # points
    wrap: int  # characters a line, before fitting
    bold: bool = False
    gap: float = 0.015  # of the figure's height, after the block


def _flow(
    fig: Any, blocks: list[Block], x: float, top: float, bottom: float, width: float, ha: str
) -> None:
    """Stack `blocks` from `top` down, each wrapped and no wider than `width` (a share of the
    figure's width); shrink them all until they end above `bottom`. Measured, not guessed:
    Kazakh, Russian and English words differ much in length."""
    renderer = fig.canvas.get_renderer()
    scale = 1.0
    while True:
        drawn, y = [], top
        for block in blocks:
            wrap = max(8, round(block.wrap / scale))
            text = fig.text(x, y, _wrap(block.text, wrap), ha=ha, va="top",
                            fontsize=block.size * scale, linespacing=1.25,
                            fontweight="bold" if block.bold else "normal")  # fmt: skip
            drawn.append(text)
            box = text.get_window_extent(renderer).transformed(fig.transFigure.inverted())
            while box.width > width and text.get_fontsize() > 3:
                text.set_fontsize(text.get_fontsize() * 0.93)
                box = text.get_window_extent(renderer).transformed(fig.transFigure.inverted())
            y -= box.height + block.gap
        if y + blocks[-1].gap >= bottom or scale < 0.4:
            return
        for text in drawn:
            text.remove()
        scale *= 0.92


def _layout_a4(fig: Any, text: PosterText, matrix: list[list[bool]]) -> None:
    width, height = SIZES["a4"]
    side = 0.5  # of the page's width
    qr_bottom, qr_height = 0.30, side * width / height
    _draw_qr(fig.add_axes((0.5 - side / 2, qr_bottom, side, qr_height)), matrix)
    above = [Block(text.headline, 34, 24, bold=True, gap=0.03), Block(text.line, 16, 52)]
    _flow(fig, above, 0.5, 0.94, qr_bottom + qr_height + 0.01, 0.86, "center")
    below = [
        Block(text.scan, 12, 64, gap=0.008),
        Block(text.handle, 22, 40, bold=True, gap=0.03),
        *(Block(n, 18, 48, bold=True, gap=0.008) for n in text.numbers),
    ]
    _flow(fig, below, 0.5, qr_bottom - 0.005, 0.03, 0.9, "center")


def _layout_card(fig: Any, text: PosterText, matrix: list[list[bool]]) -> None:
    width, height = SIZES["card"]
    side = 0.72  # of the card's height
    qr_width = side * height / width
    _draw_qr(fig.add_axes((0.02, (1 - side) / 2, qr_width, side)), matrix)
    left = 0.02 + qr_width + 0.03
    blocks = [
        Block(text.headline, 8, 20, bold=True, gap=0.04),
        Block(text.line, 4.6, 38, gap=0.05),
        *(Block(n, 5, 32, bold=True, gap=0.015) for n in text.numbers),
        Block(text.handle, 7, 30, bold=True),
    ]
    _flow(fig, blocks, left, 0.93, 0.05, 1 - left - 0.03, "left")
