"""`python -m bot check --links`: does every web address in the content still answer?

Finds each http(s) address in the values of the content's YAML files (not in comments), asks
each distinct address once over the network and reports, at every place it is written:

    content/contacts.yaml:42:5: https://a.kz/x redirects to https://a.kz/y (301)
    content/sources/police.yaml:7:10: https://b.kz/z answered 404
    content/sources/labour.yaml:3:10: https://c.kz/ timed out after 10 s

Redirects are reported so an editor can update the address, but count as failures only with
--strict; an address that answers an error, times out or cannot be reached always fails.
Needs the network: it is run by hand or by the weekly timer in deploy/, never by the tests
(they use a local server) or CI.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import aiohttp
import yaml

from .problems import Location
from .registry import rel

DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 5
CONCURRENCY = 8
USER_AGENT = "Mozilla/5.0 (compatible; kz-rights-bot link check)"
_URL = re.compile(r"https?://[^\s\"'<>\\]+")  # a backslash is a YAML escape
_TRAILING = ".,;:!?"


@dataclass(frozen=True, order=True)
class Link:
    location: Location
    url: str


@dataclass(frozen=True)
class Outcome:
    """What one address answered: nothing to report (`message` None), a redirect to a page
    that works (`failed` False), or a failure."""

    message: str | None = None
    failed: bool = False


@dataclass(frozen=True)
class LinkReport:
    links: list[Link]
    outcomes: dict[str, Outcome]

    def lines(self) -> list[str]:
        out = []
        for link in sorted(self.links):
            outcome = self.outcomes[link.url]
            if outcome.message is not None:
                out.append(f"{link.location}: {link.url} {outcome.message}")
        return out

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes.values() if o.failed)

    @property
    def redirected(self) -> int:
        return sum(1 for o in self.outcomes.values() if o.message and not o.failed)


def _clean(url: str) -> str:
    url = url.rstrip(_TRAILING)
    if url.endswith(")") and "(" not in url:
        url = url[:-1].rstrip(_TRAILING)
    return url


def links_in_text(text: str, file: str) -> list[Link]:
    """Every address in the scalar values of one YAML text, where it starts (1-based)."""
    found: list[Link] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def location(index: int) -> Location:
        line = _line_of(line_starts, index)
        return Location(file, line + 1, index - line_starts[line] + 1)

    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if not isinstance(token, yaml.ScalarToken):
            continue
        start, end = token.start_mark.index, token.end_mark.index
        for match in _URL.finditer(text, start, end):
            found.append(Link(location(match.start()), html.unescape(_clean(match.group()))))
    return found


def _line_of(line_starts: list[int], index: int) -> int:
    lo, hi = 0, len(line_starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_starts[mid] <= index:
            lo = mid
        else:
            hi = mid - 1
    return lo


def find_links(content_dir: Path) -> list[Link]:
    """The addresses in every YAML file under the content directory, in file order."""
    links: list[Link] = []
    for path in sorted(content_dir.rglob("*.yaml")):
        links.extend(links_in_text(path.read_text(encoding="utf-8"), rel(content_dir, path)))
    return links


async def check_url(session: aiohttp.ClientSession, url: str, seconds: float) -> Outcome:
    """Ask for `url` (GET, the body unread), following up to MAX_REDIRECTS redirects; give
    up on a request after `seconds`."""
    first_status: int | None = None
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            async with session.get(
                current,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(total=seconds),
            ) as response:
                status = response.status
                location = response.headers.get("Location")
            if 300 <= status < 400 and location:
                first_status = first_status or status
                current = urljoin(current, location)
                continue
            if first_status is None:
                if status >= 400:
                    return Outcome(f"answered {status}", failed=True)
                return Outcome()
            moved = f"redirects to {current} ({first_status})"
            if status >= 400:
                return Outcome(f"{moved}, which answered {status}", failed=True)
            return Outcome(moved)
        return Outcome(f"redirects more than {MAX_REDIRECTS} times", failed=True)
    except TimeoutError:
        where = "" if current == url else f" (at {current})"
        return Outcome(f"timed out after {seconds:g} s{where}", failed=True)
    except (aiohttp.InvalidURL, ValueError):  # yarl or aiohttp cannot request it
        where = "" if current == url else f" (redirected to {current})"
        return Outcome(f"is not a valid address{where}", failed=True)
    except aiohttp.ClientError as exc:
        reason = str(exc) or type(exc).__name__
        return Outcome(f"could not be reached: {reason}", failed=True)


async def check_links(
    links: Iterable[Link], *, seconds: float = DEFAULT_TIMEOUT, concurrency: int = CONCURRENCY
) -> LinkReport:
    """Check each distinct address once, at most `concurrency` at a time, each given up
    after `seconds`."""
    links = list(links)
    urls = sorted({link.url for link in links})
    limit = asyncio.Semaphore(concurrency)
    headers = {"User-Agent": USER_AGENT}
    # trust_env: honour HTTPS_PROXY / NO_PROXY on the organisation's server.
    async with aiohttp.ClientSession(headers=headers, trust_env=True) as session:

        async def one(url: str) -> Outcome:
            async with limit:
                return await check_url(session, url, seconds)

        outcomes = await asyncio.gather(*(one(url) for url in urls))
    return LinkReport(links, dict(zip(urls, outcomes, strict=True)))
