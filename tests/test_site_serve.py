"""`python -m bot preview --serve`: the same pages over HTTP on this machine, built again when
a content file is saved, and reloaded by the page itself."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from bot.site.serve import PreviewServer

from .helpers import CONTENT_DIR, replace
from .site_helpers import copy_content


async def test_serve_rebuilds_when_a_content_file_is_saved(tmp_path):
    content = copy_content(tmp_path)
    shown: list[str] = []
    server = PreviewServer(content, "127.0.0.1", 0, every=0.1, show=shown.append)
    await server.start()
    try:
        assert server.host == "127.0.0.1"
        assert server.port > 0
        async with aiohttp.ClientSession() as http:
            async with http.get(server.url) as response:
                assert response.status == 200
                assert "Every screen of the bot" in await response.text()
            async with http.get(server.url + "t-labour.html") as response:
                page = await response.text()
            assert "Labour rights" in page
            assert 'fetch("/__build"' in page
            assert "__build" not in (server.out / "t-labour.html").read_text(encoding="utf-8")
            async with http.get(server.url + "preview.css") as response:
                assert response.content_type == "text/css"
            for bad in ("no-such-page.html", "..%2Fcontent%2Fmenu.yaml", ".t-labour.html.part"):
                async with http.get(server.url + bad) as response:
                    assert response.status == 404, bad
            topic = "en/topics/labour.yaml"
            replace(content, topic, 'title: "Labour rights"', 'title: "Rights at work"')
            for _ in range(600):
                await asyncio.sleep(0.1)
                async with http.get(server.url + "__build") as response:
                    if await response.text() == "2":
                        break
            else:
                pytest.fail(f"not rebuilt: {shown}")
            async with http.get(server.url + "t-labour.html") as response:
                page = await response.text()
            assert "Rights at work" in page
            assert "Labour rights" not in page
    finally:
        await server.stop()
    assert any(line.startswith("rebuilt:") for line in shown)


def test_serve_listens_on_this_machine_by_default():
    server = PreviewServer(CONTENT_DIR)
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert server.url == "http://127.0.0.1:8000/"
