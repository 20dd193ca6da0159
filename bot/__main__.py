"""Command line: `python -m bot run | check`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from .content import ContentError, load_catalog
from .settings import SettingsError, load_settings

EXIT_SETTINGS = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Telegram bot on rights in Kazakhstan, in Kazakh, Russian and English.",
        epilog="Settings come from the environment or a .env file: BOT_TOKEN, BOT_API_URL, "
        "BOT_DB, BOT_ADMIN_IDS, BOT_CONTENT_DIR, BOT_LOG_LEVEL.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_parser("run", help="serve Telegram (long polling against BOT_API_URL)")
    check = commands.add_parser(
        "check", help="validate the content and interface strings; print file:line: problems"
    )
    check.add_argument("--content", type=Path, help="content directory (default BOT_CONTENT_DIR)")
    return parser


def check(content_dir: Path) -> int:
    from .i18n import check_locales

    problems = []
    try:
        catalog = load_catalog(content_dir)
    except ContentError as exc:
        problems.extend(exc.problems)
        catalog = None
    problems.extend(check_locales())
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    assert catalog is not None
    topics = len(catalog.topic_order)
    print(f"OK: {topics} topics and {len(catalog.contacts)} contacts in kk, ru and en.")
    return 0


def run() -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SETTINGS
    try:
        catalog = load_catalog(settings.content_dir)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("error: the content does not validate; the bot was not started.", file=sys.stderr)
        return 1
    from .logs import setup_logging
    from .polling import serve

    setup_logging(settings.log_level, settings.token)
    asyncio.run(serve(settings, catalog))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        content_dir = args.content
        if content_dir is None:
            try:
                content_dir = load_settings(need_token=False).content_dir
            except SettingsError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_SETTINGS
        return check(content_dir)
    return run()


if __name__ == "__main__":
    sys.exit(main())
