"""Command line: `python -m bot run | check | chat | preview | stats | poster`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from .content import Catalog, ContentError, load_catalog
from .settings import Settings, SettingsError, describe, load_settings

EXIT_SETTINGS = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Telegram bot on rights in Kazakhstan, in Kazakh, Russian and English.",
        epilog="Settings come from the environment or a .env file (see .env.example):\n"
        + describe(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    run_cmd = commands.add_parser(
        "run", help="serve Telegram (long polling against BOT_API_URL, or --webhook)"
    )
    run_cmd.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates on BOT_LISTEN at the path of BOT_WEBHOOK_URL (needs "
        "BOT_WEBHOOK_SECRET); /healthz answers health checks",
    )
    check = commands.add_parser(
        "check", help="validate the content and interface strings; print file:line: problems"
    )
    check.add_argument("--content", type=Path, help="content directory (default BOT_CONTENT_DIR)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too (for CI)")
    check.add_argument(
        "--stale-days",
        type=int,
        default=180,
        metavar="N",
        help="warn about contacts verified more than N days ago (default 180)",
    )
    check.add_argument(
        "--confirm",
        action="store_true",
        help="record the current texts as reviewed in all languages",
    )
    check.add_argument(
        "--links",
        action="store_true",
        help="instead, ask every web address in the content over the network and report "
        "the dead, redirected and slow ones (with --strict, redirects fail too)",
    )
    check.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="with --links: seconds to wait for one address (default 10)",
    )
    chat_cmd = commands.add_parser(
        "chat", help="try the bot in this terminal, without Telegram (for content editors)"
    )
    chat_cmd.add_argument("--lang", choices=["kk", "ru", "en"], default="ru")
    chat_cmd.add_argument(
        "--content", type=Path, help="content directory (default BOT_CONTENT_DIR)"
    )
    site = commands.add_parser(
        "preview",
        help="every screen in kk, ru and en side by side as web pages, with the problems "
        "marked (for content editors)",
    )
    site.add_argument(
        "--html", type=Path, metavar="DIR", help="write the pages to DIR; open DIR/index.html"
    )
    site.add_argument(
        "--serve",
        nargs="?",
        const="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="serve the pages on HOST:PORT (default 127.0.0.1:8000) and rebuild them "
        "whenever a content file is saved",
    )
    site.add_argument("--content", type=Path, help="content directory (default BOT_CONTENT_DIR)")
    site.add_argument(
        "--stale-days",
        type=int,
        default=180,
        metavar="N",
        help="mark contacts verified more than N days ago (default 180)",
    )
    stats = commands.add_parser(
        "stats", help="usage report from the statistics file(s); small counts shown as <5"
    )
    stats.add_argument(
        "--db",
        type=Path,
        action="append",
        help="statistics file; repeat to add up several replicas (default BOT_DB)",
    )
    stats.add_argument("--days", type=int, default=30, help="the longer period (default 30)")
    stats.add_argument("--csv", type=Path, metavar="FILE", help="also write daily counters as CSV")
    stats.add_argument(
        "--chart",
        type=Path,
        metavar="FILE.png",
        help="also draw daily topic views as a PNG (needs the 'chart' extra)",
    )
    stats.add_argument(
        "--exact",
        action="store_true",
        help="show counts from 1 to 4 exactly (only on this machine; never shared)",
    )
    poster = commands.add_parser(
        "poster", help="draw a poster or card: the QR code of a deep link, 112 and 111"
    )
    poster.add_argument("--lang", choices=["kk", "ru", "en"], required=True)
    poster.add_argument(
        "--topic", required=True, metavar="T|sos|help", help="a topic id, sos or help"
    )
    poster.add_argument(
        "--campaign", default="", help="1-16 of a-z and 0-9, counted in the statistics"
    )
    poster.add_argument(
        "--username", help="the bot's @username (default BOT_USERNAME, else asked from Telegram)"
    )
    poster.add_argument(
        "--discreet",
        action="store_true",
        help="neutral wording, for places an abuser may see (names no topic)",
    )
    poster.add_argument("--size", choices=["a4", "card"], default="a4")
    poster.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="FILE.svg, FILE.png or FILE.pdf"
    )
    poster.add_argument("--content", type=Path, help="content directory (default BOT_CONTENT_DIR)")
    return parser


async def ask_username(settings: Settings) -> str:
    """The bot's username from getMe, with BOT_TOKEN against BOT_API_URL."""
    from .app import create_bot

    bot = create_bot(settings)
    try:
        me = await bot.me()
    finally:
        await bot.session.close()
    if not me.username:
        raise SettingsError("Telegram gave no username for this bot; use --username")
    return me.username


def make_poster(args: argparse.Namespace) -> int:
    from .i18n import load_translators
    from .poster import PosterError, poster_text, render

    settings = load_settings(need_token=False)
    username = args.username or settings.bot_username
    if not username:
        if not settings.token:
            raise SettingsError(
                "the poster needs the bot's username: --username, BOT_USERNAME, or BOT_TOKEN "
                "to ask Telegram"
            )
        settings = load_settings()  # the token is checked as for `run`
        username = asyncio.run(ask_username(settings))
    catalog = _load(args.content or settings.content_dir)
    if catalog is None:
        return 1
    try:
        text = poster_text(
            load_translators()[args.lang],
            catalog,
            catalog.pack(args.lang),
            args.topic,
            username,
            campaign=args.campaign,
            discreet=args.discreet,
        )
        render(text, args.out, args.size)
    except PosterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.out}: {text.link}")
    if args.discreet and args.topic not in ("sos", "help"):
        print(
            f"note: the link in the code names the topic ({args.topic}); a phone shows it when "
            "the code is scanned. For a place an abuser may see, --topic help keeps it neutral."
        )
    return 0


def check(
    content_dir: Path, *, strict: bool = False, stale_days: int = 180, confirm: bool = False
) -> int:
    import datetime as dt

    from .content.lint import confirm as confirm_translations
    from .content.lint import lint
    from .i18n import check_locales

    result = lint(content_dir, dt.datetime.now(dt.UTC).date(), stale_days)
    errors = result.errors + check_locales()
    for problem in [*errors, *result.warnings]:
        print(problem)
    if errors:
        print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        return 1
    catalog = result.catalog
    assert catalog is not None
    if confirm:
        path = confirm_translations(content_dir, catalog)
        print(f"All current texts recorded as reviewed in {path}.")
        return 0
    if result.warnings:
        print(f"{len(result.warnings)} warning(s).", file=sys.stderr)
        if strict:
            return 1
    topics = len(catalog.topic_order)
    print(f"OK: {topics} topics and {len(catalog.contacts)} contacts in kk, ru and en.")
    return 0


def check_links(content_dir: Path, *, timeout: float, strict: bool = False) -> int:
    from .content.links import check_links as check_all
    from .content.links import find_links

    links = find_links(content_dir)
    report = asyncio.run(check_all(links, seconds=timeout))
    for line in report.lines():
        print(line)
    files = len({link.location.file for link in links})
    print(
        f"{len(report.outcomes)} addresses ({len(links)} links in {files} files) checked: "
        f"{report.failed} failed, {report.redirected} redirected.",
        file=sys.stderr,
    )
    return 1 if report.failed or (strict and report.redirected) else 0


def stats_report(args: argparse.Namespace) -> int:
    import datetime as dt

    from .stats.report import read_rows, render_table, summarize, table, write_chart, write_csv

    paths = args.db or [load_settings(need_token=False).db_path]
    try:
        rows = read_rows(paths)
    except (OSError, sqlite3.Error) as exc:
        print(f"error: cannot read statistics: {exc}", file=sys.stderr)
        return 1
    today = dt.datetime.now(dt.UTC).date()
    days = max(1, args.days)
    short = min(7, days)
    lines = table(summarize(rows, today, short), summarize(rows, today, days), exact=args.exact)
    print(render_table(lines, ("", f"{short} days", f"{days} days")))
    if not args.exact:
        print("Counts from 1 to 4 are shown as <5.")
    if args.csv:
        write_csv(rows, args.csv, exact=args.exact)
        print(f"CSV written to {args.csv}")
    if args.chart:
        try:
            write_chart(rows, args.chart, today, days)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"chart written to {args.chart}")
    return 0


def _stdin_lines() -> Iterator[str]:
    while True:
        try:
            yield input("> ")
        except EOFError:
            return


def _content_dir(args: argparse.Namespace) -> Path:
    """--content if given, else BOT_CONTENT_DIR (no token needed for editors' commands)."""
    return args.content or load_settings(need_token=False).content_dir


def _load(content_dir: Path) -> Catalog | None:
    """The content, or None after printing every problem in it."""
    try:
        return load_catalog(content_dir)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def chat(args: argparse.Namespace) -> int:
    content_dir = _content_dir(args)
    catalog = _load(content_dir)
    if catalog is None:
        return 1
    from .preview import chat as run_chat

    asyncio.run(run_chat(catalog, content_dir, args.lang, _stdin_lines()))
    return 0


def preview_site(args: argparse.Namespace) -> int:
    from .settings import host_port
    from .site.build import build_site

    if args.html is None and args.serve is None:
        print("error: say where the preview goes: --html DIR or --serve", file=sys.stderr)
        return EXIT_SETTINGS
    content_dir = _content_dir(args)
    if not content_dir.is_dir():
        print(f"error: no content directory {content_dir}", file=sys.stderr)
        return 1
    if args.serve is None:
        print(asyncio.run(build_site(content_dir, args.html, stale_days=args.stale_days)))
        return 0
    from .site.serve import PreviewServer, serve_forever

    host, _, port = host_port("--serve", args.serve).rpartition(":")
    server = PreviewServer(
        content_dir, host.strip("[]"), int(port), out=args.html, stale_days=args.stale_days
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_forever(server))
    return 0


def run(webhook: bool = False) -> int:
    settings = load_settings()
    if webhook:
        settings.require_webhook()
    catalog = _load(settings.content_dir)
    if catalog is None:
        print("error: the content does not validate; the bot was not started.", file=sys.stderr)
        return 1
    from .logs import setup_logging
    from .serve import run_polling, run_webhook

    setup_logging(settings.log_level, settings.token, settings.log_format)
    if webhook:
        run_webhook(settings, catalog)
    else:
        asyncio.run(run_polling(settings, catalog))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check" and args.links:
            return check_links(_content_dir(args), timeout=args.timeout, strict=args.strict)
        if args.command == "check":
            return check(
                _content_dir(args),
                strict=args.strict,
                stale_days=args.stale_days,
                confirm=args.confirm,
            )
        if args.command == "stats":
            return stats_report(args)
        if args.command == "chat":
            return chat(args)
        if args.command == "preview":
            return preview_site(args)
        if args.command == "poster":
            return make_poster(args)
        return run(webhook=args.webhook)
    except SettingsError as exc:
        # One clear line and exit code 2; never a traceback, never the secret.
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SETTINGS


if __name__ == "__main__":
    sys.exit(main())
