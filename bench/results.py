"""What the benchmark scripts share: the bot token they run with, the machine line, and
bench/RESULTS.md, of which each script rewrites only its own section."""

from __future__ import annotations

import os
import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TOKEN = "123456789:AAExampleExampleExampleExampleExam"


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def write_section(title: str, body: str, results: Path = RESULTS) -> None:
    """Replace the section headed `## {title}` (from its heading to the next `## `), or add it
    at the end."""
    heading = f"## {title}"
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    section = f"{heading}\n\n{body.strip()}\n"
    if heading + "\n" in old:
        start = old.index(heading + "\n")
        end = old.find("\n## ", start + len(heading))
        new = old[:start] + section + ("\n" + old[end + 1 :] if end != -1 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + section
    results.write_text(new, encoding="utf-8")
