"""Every screen the bot shows, reached by pressing buttons by their labels from /start, written
as JSON: {language: {"label > label > …": {"text": …, "buttons": [labels]}}}.

    .venv/bin/python bench/screen_crawl.py OUT.json

Two crawls of the same content compare screen by screen (`--compare A.json B.json`), which is
how a refactoring shows it changed nothing a user sees.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import LANGUAGES, load_catalog  # noqa: E402
from bot.i18n import load_translators  # noqa: E402
from bot.preview import Preview  # noqa: E402

SKIP = ("🚪",)  # the quick exit ends the conversation; the crawl tests it elsewhere


async def crawl(lang: str) -> dict[str, dict[str, object]]:
    catalog = load_catalog(ROOT / "content")
    screens: dict[str, dict[str, object]] = {}
    seen: set[str] = set()
    tr = load_translators()[lang]
    answers = {tr.gettext("Yes"), tr.gettext("No")}
    with tempfile.TemporaryDirectory() as scratch:
        async with Preview(catalog, ROOT / "content", lang, Path(scratch)) as preview:
            queue: list[list[str]] = [[]]
            while queue:
                path = queue.pop(0)
                await preview.send("/start")
                for label in path:
                    await preview.press(label)
                buttons = preview.session.buttons()
                labels = [label for label, _ in buttons]
                key = " > ".join(path) or "/start"
                screens[key] = {"text": preview.session.text, "buttons": labels}
                fingerprint = json.dumps(screens[key], ensure_ascii=False)
                if fingerprint in seen:
                    continue  # the same screen by another way: its buttons are already queued
                seen.add(fingerprint)
                for label, data in buttons:
                    # Not: the quick exit, links, another language, a self-check that mixes
                    # answers (all-yes and all-no reach every question and both results).
                    if label.startswith(SKIP) or data.startswith(("http", "l:")):
                        continue
                    if label in answers and (answers - {label}) & set(path):
                        continue
                    queue.append([*path, label])
    return screens


def compare(before: dict, after: dict) -> int:
    changed = 0
    for lang in sorted(set(before) | set(after)):
        a, b = before.get(lang, {}), after.get(lang, {})
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                changed += 1
                print(f"{lang}: {key}\n  before: {a.get(key)}\n  after:  {b.get(key)}")
    total = sum(len(v) for v in after.values())
    print(f"{changed} of {total} screens differ")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        return compare(before, after)
    result = {lang: asyncio.run(crawl(lang)) for lang in LANGUAGES}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{sum(len(v) for v in result.values())} screens written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
