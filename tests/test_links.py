"""`python -m bot check --links` against a local HTTP server: good, redirected, dead and slow
addresses, each reported at its file, line and column. The real content's addresses are only
found here (offline), never asked: no machine that runs the tests reaches the internet."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.__main__ import main
from bot.content.links import check_links, find_links, links_in_text

from .helpers import CONTENT_DIR

SLOW = 1.0  # the checker's timeout in these tests, in seconds (ample on loopback)


async def _good(request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(SLOW * 5)
    return web.Response(text="late")


def _redirect(to: str, status: int) -> web.RequestHandler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, headers={"Location": to})

    return handler


def _status(status: int) -> web.RequestHandler:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status)

    return handler


@pytest.fixture
async def site() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/good", _good)
    app.router.add_get("/moved", _redirect("/good", 301))
    app.router.add_get("/relative-chain", _redirect("moved", 302))
    app.router.add_get("/moved-to-dead", _redirect("/gone", 302))
    app.router.add_get("/loop", _redirect("/loop", 302))
    app.router.add_get("/gone", _status(404))
    app.router.add_get("/broken", _status(500))
    app.router.add_get("/slow", _slow)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("")).rstrip("/")
    finally:
        await server.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _content(root: Path, base: str, refused: str) -> Path:
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    (content / "contacts.yaml").write_text(
        "# a comment with an address is not content: http://127.0.0.1:1/comment\n"
        "contacts:\n"
        "  good:\n"
        f'    url: "{base}/good"\n'
        "  moved:\n"
        f'    url: "{base}/moved"\n'
        "  dead:\n"
        f'    url: "{base}/gone"\n'
        "  again:\n"
        f'    url: "{base}/gone"\n',
        encoding="utf-8",
    )
    (content / "sources" / "more.yaml").write_text(
        "sources:\n"
        f"  slow: {{url: '{base}/slow'}}\n"
        f'  broken: "see {base}/broken."\n'
        f'  chain: "<a href=\\"{base}/relative-chain?a=1&amp;b=2\\">here</a>"\n'
        f"  moved_to_dead: {base}/moved-to-dead\n"
        f"  loop: {base}/loop\n"
        f"  refused: {refused}/x\n",
        encoding="utf-8",
    )
    return content


async def test_report_names_each_bad_address_at_its_file_line_and_column(tmp_path, site):
    refused = f"http://127.0.0.1:{_closed_port()}"
    content = _content(tmp_path, site, refused)
    links = find_links(content)
    assert len(links) == 10  # not the one in the comment
    report = await check_links(links, seconds=SLOW)
    lines = report.lines()
    assert lines[:8] == [
        f"content/contacts.yaml:6:11: {site}/moved redirects to {site}/good (301)",
        f"content/contacts.yaml:8:11: {site}/gone answered 404",
        f"content/contacts.yaml:10:11: {site}/gone answered 404",
        f"content/sources/more.yaml:2:16: {site}/slow timed out after {SLOW:g} s",
        f"content/sources/more.yaml:3:16: {site}/broken answered 500",
        f"content/sources/more.yaml:4:21: {site}/relative-chain?a=1&b=2 "
        f"redirects to {site}/good (302)",
        f"content/sources/more.yaml:5:18: {site}/moved-to-dead "
        f"redirects to {site}/gone (302), which answered 404",
        f"content/sources/more.yaml:6:9: {site}/loop redirects more than 5 times",
    ]
    assert lines[8].startswith(
        f"content/sources/more.yaml:7:12: {refused}/x could not be reached:"
    )
    assert len(lines) == 9  # the good address is not reported
    assert (report.failed, report.redirected) == (6, 2)


async def test_good_and_redirected_addresses_alone_pass_unless_strict(tmp_path, site, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "contacts.yaml").write_text(
        f'contacts:\n  a: {{url: "{site}/good"}}\n  b: {{url: "{site}/moved"}}\n',
        encoding="utf-8",
    )
    argv = ["check", "--links", "--content", str(content), "--timeout", "5"]
    assert await asyncio.to_thread(main, argv) == 0
    out, err = capsys.readouterr()
    assert out == f"content/contacts.yaml:3:13: {site}/moved redirects to {site}/good (301)\n"
    assert "2 addresses (2 links in 1 files) checked: 0 failed, 1 redirected." in err
    assert await asyncio.to_thread(main, [*argv, "--strict"]) == 1


async def test_a_dead_address_fails_the_command(tmp_path, site, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "contacts.yaml").write_text(f"contacts:\n  a: {site}/gone\n", encoding="utf-8")
    code = await asyncio.to_thread(main, ["check", "--links", "--content", str(content)])
    assert code == 1
    assert capsys.readouterr().out == f"content/contacts.yaml:2:6: {site}/gone answered 404\n"


def test_every_address_in_the_real_content_is_found_where_it_is_written():
    """Offline: the addresses are located exactly; none is asked for."""
    links = find_links(CONTENT_DIR)
    assert len(links) > 50
    for link in links:
        path = CONTENT_DIR.parent / link.location.file
        line = path.read_text(encoding="utf-8").splitlines()[link.location.line - 1]
        assert line[link.location.column - 1 :].startswith(link.url), link
        assert link.url.startswith(("http://", "https://"))
        assert not line.lstrip().startswith("#")


async def test_an_address_that_cannot_be_requested_is_reported_as_such():
    links = links_in_text('a: "http://127.0.0.1:99999/x"\nb: "http://[::1/x"\n', "c.yaml")
    report = await check_links(links, seconds=1)
    assert report.lines() == [
        "c.yaml:1:5: http://127.0.0.1:99999/x is not a valid address",
        "c.yaml:2:5: http://[::1/x is not a valid address",
    ]


def test_addresses_in_comments_and_keys_are_not_content():
    text = "# https://example.org/comment\nurl: https://example.org/a # https://example.org/b\n"
    assert [link.url for link in links_in_text(text, "x.yaml")] == ["https://example.org/a"]
