"""Turns counters into the administrators' report, with small counts hidden.

A count from 1 to 4 is shown as "<5", so no single person's visit can be singled out; only the
command line on the machine itself can ask for exact figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .events import EVENTS, Event

Row = tuple[str, str, str, str, int]  # day, event, key, lang, n
SMALL = 5


def shown(n: int, exact: bool = False) -> str:
    return str(n) if exact or n == 0 or n >= SMALL else f"<{SMALL}"


def read_rows(paths: Iterable[Path]) -> list[Row]:
    """All counters of one or more statistics files (one per replica), added up."""
    total: Counter[tuple[str, str, str, str]] = Counter()
    for path in paths:
        if not Path(path).exists():
            raise FileNotFoundError(path)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            for day, event, key, lang, n in db.execute(
                "SELECT day, event, key, lang, n FROM counters"
            ):
                total[(day, event, key, lang)] += n
    return [(*k, n) for k, n in sorted(total.items())]


@dataclass(frozen=True)
class Summary:
    days: int
    started: int
    by_language: Counter[str]
    by_topic: Counter[str]
    by_region: Counter[str]
    emergency: Counter[str]  # by route
    quick_exits: int
    selfchecks: int
    search: Counter[str]  # topic found, or "none"
    helpful: Counter[str]  # "topic:yes" / "topic:no"
    campaigns: Counter[str]  # "campaign/screen/language", one line per deep link and language
    shared: Counter[str]  # topic or card shared through inline mode


def summarize(rows: Sequence[Row], today: dt.date, days: int) -> Summary:
    since = (today - dt.timedelta(days=days - 1)).isoformat()
    groups: dict[str, Counter[str]] = {event.value: Counter() for event in Event}
    by_language: Counter[str] = Counter()
    campaigns: Counter[str] = Counter()
    for day, event, key, lang, n in rows:
        if day < since or event not in groups:
            continue
        groups[event][key] += n
        if event == Event.STARTED:
            by_language[lang] += n
        elif event == Event.CAMPAIGN:
            campaigns[f"{key}/{lang}"] += n
    return Summary(
        days=days,
        started=sum(groups[Event.STARTED].values()),
        by_language=by_language,
        by_topic=groups[Event.TOPIC],
        by_region=groups[Event.REGION],
        emergency=groups[Event.EMERGENCY],
        quick_exits=sum(groups[Event.QUICK_EXIT].values()),
        selfchecks=sum(groups[Event.SELFCHECK].values()),
        search=groups[Event.SEARCH],
        helpful=groups[Event.HELPFUL],
        campaigns=campaigns,
        shared=groups[Event.SHARED],
    )


def table(
    short: Summary,
    long: Summary,
    names: dict[str, str] | None = None,
    exact: bool = False,
    gettext: Callable[[str], str] = str,
) -> list[tuple[str, str, str]]:
    """Rows of (label, short period, long period), both periods side by side. Labels are the
    event descriptions /privacy shows, in the reader's language through `gettext`."""
    names = names or {}
    counts = {info.event: gettext(info.counts) for info in EVENTS}

    def pair(a: int, b: int) -> tuple[str, str]:
        return shown(a, exact), shown(b, exact)

    rows: list[tuple[str, str, str]] = [
        (counts[Event.STARTED], *pair(short.started, long.started)),
        (counts[Event.QUICK_EXIT], *pair(short.quick_exits, long.quick_exits)),
        (counts[Event.SELFCHECK], *pair(short.selfchecks, long.selfchecks)),
    ]
    by_language = gettext("{what}, by {key}").format(
        what=counts[Event.STARTED], key=gettext("the language")
    )
    sections = (
        (counts[Event.EMERGENCY], short.emergency, long.emergency),
        (by_language, short.by_language, long.by_language),
        (counts[Event.TOPIC], short.by_topic, long.by_topic),
        (counts[Event.REGION], short.by_region, long.by_region),
        (counts[Event.SEARCH], short.search, long.search),
        (counts[Event.HELPFUL], short.helpful, long.helpful),
        (counts[Event.CAMPAIGN], short.campaigns, long.campaigns),
        (counts[Event.SHARED], short.shared, long.shared),
    )
    for title, a, b in sections:
        rows.append((f"[{title}]", "", ""))
        for key, n in sorted(b.items(), key=lambda item: (-item[1], item[0])):
            rows.append((f"  {names.get(key, key)}", *pair(a[key], n)))
    return rows


def render_table(rows: list[tuple[str, str, str]], headings: tuple[str, str, str]) -> str:
    width = max(len(r[0]) for r in [*rows, headings])
    lines = [f"{headings[0]:<{width}}  {headings[1]:>8}  {headings[2]:>8}"]
    lines += [f"{label:<{width}}  {a:>8}  {b:>8}" for label, a, b in rows]
    return "\n".join(lines)


def write_csv(rows: Sequence[Row], path: Path, exact: bool = False) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["day", "event", "key", "language", "count"])
        for day, event, key, lang, n in rows:
            writer.writerow([day, event, key, lang, shown(n, exact)])


def write_chart(rows: Sequence[Row], path: Path, today: dt.date, days: int) -> None:
    """Daily topic views for the last `days` days, as a PNG (needs the `chart` extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # the bot itself never needs matplotlib
        raise RuntimeError("the chart needs matplotlib: pip install -e '.[chart]'") from exc
    first = today - dt.timedelta(days=days - 1)
    axis = [first + dt.timedelta(days=i) for i in range(days)]
    series: dict[str, Counter[str]] = {}
    for day, event, key, _lang, n in rows:
        if event == Event.TOPIC and day >= first.isoformat():
            series.setdefault(key, Counter())[day] += n
    fig, ax = plt.subplots(figsize=(10, 5))
    for topic, counts in sorted(series.items()):
        ax.plot(
            cast(Any, axis),  # matplotlib plots dates; its type stubs say only numbers
            [counts[d.isoformat()] for d in axis],
            label=topic,
            marker=".",
        )
    ax.set_title(f"Topics opened per day, last {days} days")
    ax.set_ylabel("views")
    if series:
        ax.legend(fontsize="small")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
