"""Where a content problem is and what it is, in words an editor can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    hint: str = ""
    warning: bool = False  # warnings fail only `check --strict`

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        text = f"{self.location}: {kind}{self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class ContentError(Exception):
    """The content directory does not validate; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.location)
        super().__init__(f"{len(self.problems)} content problem(s)")
