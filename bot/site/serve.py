"""`python -m bot preview --serve [HOST:PORT]`: the same pages over HTTP on this machine, built
again whenever a content file is saved. A page served here asks every second whether the
build changed and reloads itself, so an editor sees an edit as soon as it is saved.

Only the pages of the preview are served, only to this machine by default (127.0.0.1), and
nothing is fetched from anywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from .badges import Phone
from .build import Built, build_site

log = logging.getLogger(__name__)

DEFAULT_LISTEN = "127.0.0.1:8000"
FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:html|css)$")
# Served pages only (the files on disk stay free of scripts): reload when the build changes.
RELOAD = """<script>
(function () {
  var built = "%s";
  setInterval(function () {
    fetch("/__build", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (now) { if (now !== built) { location.reload(); } })
      .catch(function () {});
  }, 1000);
})();
</script>
"""


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under the content directory with its time and size: changes on a save."""
    files = []
    for path in sorted(root.rglob("*")):
        with contextlib.suppress(OSError):
            if path.is_file():
                stat = path.stat()
                files.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


class PreviewServer:
    def __init__(
        self,
        content_dir: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        out: Path | None = None,
        every: float = 0.5,
        stale_days: int = 180,
        phone: Phone | None = None,
        show: Callable[[str], None] = print,
    ) -> None:
        self.content_dir = Path(content_dir)
        self.host, self.port = host, port
        self.out = out  # None: a temporary directory while serving
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self.every = every
        self.stale_days = stale_days
        self.phone = phone
        self.show = show
        self.build = 0  # goes up with every finished build; served pages compare it
        self.last: Built | None = None
        self._runner: web.AppRunner | None = None
        self._watch: asyncio.Task[None] | None = None
        self._seen: tuple[tuple[str, int, int], ...] = ()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    async def rebuild(self) -> Built:
        if self.out is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="bot-preview-")
            self.out = Path(self._scratch.name)
        self._seen = fingerprint(self.content_dir)
        # In a thread of its own, so pages keep being served while it runs.
        built = await asyncio.to_thread(
            asyncio.run,
            build_site(
                self.content_dir,
                self.out,
                today=dt.datetime.now(dt.UTC).date(),
                stale_days=self.stale_days,
                phone=self.phone,
            ),
        )
        self.last = built
        self.build += 1
        return built

    async def start(self) -> None:
        built = await self.rebuild()
        app = web.Application()
        app.router.add_get("/__build", self._build_number)
        app.router.add_get("/", self._file)
        app.router.add_get("/{name}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:  # an ephemeral port (tests): the one the system chose
            self.port = int(self._runner.addresses[0][1])
        self.show(f"{built}\nServing {self.url} (Ctrl+C to stop); rebuilt on every save.")
        self._watch = asyncio.create_task(self._watch_content())

    async def stop(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        if self._runner is not None:
            await self._runner.cleanup()
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch, self.out = None, None

    async def _watch_content(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            if fingerprint(self.content_dir) == self._seen:
                continue
            # An editor's save can be several writes: wait until the files stop changing.
            settled = fingerprint(self.content_dir)
            await asyncio.sleep(self.every)
            while fingerprint(self.content_dir) != settled:
                settled = fingerprint(self.content_dir)
                await asyncio.sleep(self.every)
            try:
                built = await self.rebuild()
            except Exception as exc:  # keep serving the last build and say why
                log.exception("the preview could not be rebuilt")
                self.show(f"not rebuilt: {type(exc).__name__}: {exc}")
                continue
            self.show(f"rebuilt: {built}")

    async def _build_number(self, _request: web.Request) -> web.Response:
        return web.Response(text=str(self.build), headers={"Cache-Control": "no-store"})

    async def _file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info.get("name", "index.html")
        path = (self.out or Path(".")) / name
        if self.out is None or not FILE_NAME.match(name) or not path.is_file():
            raise web.HTTPNotFound(text="no such page: go to / for every screen")
        body = path.read_text(encoding="utf-8")
        if name.endswith(".css"):
            return web.Response(text=body, content_type="text/css")
        body = body.replace("</body>", RELOAD % self.build + "</body>", 1)
        return web.Response(
            text=body, content_type="text/html", headers={"Cache-Control": "no-store"}
        )


async def serve_forever(server: PreviewServer) -> None:
    """Until Ctrl+C or SIGTERM; either way the temporary pages are removed."""
    stopped = asyncio.Event()
    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopped.set)
    await server.start()
    try:
        await stopped.wait()
    finally:
        await server.stop()
