"""The preview in a real browser: headless Chromium (Debian's `chromium` package, which
.ci/run installs) opens the site from file://, with networking off, and draws it.

Skipped, with the reason, where Chromium is not installed."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from .helpers import CONTENT_DIR
from .site_helpers import build

CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed: `apt-get install chromium` (.ci/run does this as root)",
)
# Appended to a copy of a page, next to it, so the site's own pages stay free of scripts: it
# writes where each language column was laid out into the page, for --dump-dom to print.
PROBE = """<script>
(function () {
  var out = [];
  document.querySelectorAll(".langs > .col").forEach(function (col) {
    var r = col.getBoundingClientRect();
    out.push([col.id, r.left, r.top, r.width, r.height].map(String).join(" "));
  });
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = out.join(";");
  document.body.appendChild(pre);
})();
</script>
"""


def chromium(tmp_path: Path, window: str, *args: str) -> str:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / f'profile-{window}'}",
        f"--window-size={window}",
        *args,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, env=_quiet_env()
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _quiet_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the raw (filtered) rows of an 8-bit RGB or RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = {}, 8
    idat = b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks[kind] = body
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8
    assert colour in (2, 6)
    stride = 1 + width * (3 if colour == 2 else 4)
    raw = zlib.decompress(idat)
    return width, height, [raw[i : i + stride] for i in range(0, len(raw), stride)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-site")
    build(CONTENT_DIR, out)
    return out


def columns(dom: str) -> dict[str, tuple[float, float, float, float]]:
    start = dom.index('<pre id="probe">') + len('<pre id="probe">')
    found = {}
    for entry in dom[start : dom.index("</pre>", start)].split(";"):
        lang, *box = entry.split()
        left, top, width, height = (float(v) for v in box)
        found[lang] = (left, top, width, height)
    return found


def test_a_screen_page_renders_with_three_columns_side_by_side(site, tmp_path):
    page = site / "s-labour-wages.html"
    probe = site / "probe-s-labour-wages.html"
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    wide = columns(chromium(tmp_path, "1400,900", "--dump-dom", probe.as_uri()))
    assert list(wide) == ["kk", "ru", "en"]
    (kk, ru, en) = wide.values()
    assert kk[0] < ru[0] < en[0]  # left to right
    assert kk[1] == ru[1] == en[1]  # on one line
    assert all(width > 300 and height > 300 for _, _, width, height in wide.values())
    # On a phone the columns stack: one above the other, each the width of the screen.
    narrow = columns(chromium(tmp_path, "420,900", "--dump-dom", probe.as_uri()))
    (kk, ru, en) = narrow.values()
    assert kk[0] == ru[0] == en[0]
    assert kk[1] < ru[1] < en[1]
    assert kk[2] == ru[2] == en[2]


def test_the_screenshot_is_not_blank(site, tmp_path):
    shot = tmp_path / "preview.png"
    chromium(tmp_path, "1400,900", f"--screenshot={shot}", (site / "tc-labour.html").as_uri())
    width, height, rows = png_rows(shot)
    assert (width, height) == (1400, 900)
    assert len(rows) == height
    # A blank or single-colour page has a handful of distinct rows; text in three columns,
    # buttons and badges give hundreds.
    assert len(set(rows)) > 300
