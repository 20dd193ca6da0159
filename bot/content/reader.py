"""Typed access to YAML nodes that records a located problem instead of raising."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Set as AbstractSet

from .problems import Location, Problem
from .yaml_source import Map, Node, Scalar, Seq

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,19}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Reader:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

    def error(self, loc: Location, message: str, hint: str = "") -> None:
        self.problems.append(Problem(loc, message, hint))

    def expect_map(self, node: Node | None, what: str, loc: Location) -> Map | None:
        if isinstance(node, Map):
            return node
        if node is None and any(p.location.file == loc.file for p in self.problems):
            return None  # the file could not be read; that is already reported
        self.error(getattr(node, "loc", loc), f"{what} must be a mapping of 'key: value' lines")
        return None

    def only_keys(self, node: Map, allowed: AbstractSet[str], where: str) -> None:
        for key in node.items:
            if key not in allowed:
                self.error(
                    node.key_locs[key],
                    f"unknown key {key!r} in {where}",
                    f"allowed keys: {', '.join(sorted(allowed))}",
                )

    def text(
        self, node: Map, key: str, *, required: bool = True, max_len: int | None = None
    ) -> str | None:
        value = node.items.get(key)
        if value is None:
            if required:
                self.error(node.loc, f"missing {key!r}")
            return None
        if not isinstance(value, Scalar) or not isinstance(value.value, str):
            if isinstance(value, Scalar) and value.value is None:
                self.error(value.loc, f"{key!r} is empty")
            elif not (isinstance(value, Scalar) and self._already_reported(value.loc)):
                self.error(value.loc, f"{key!r} must be text")
            return None
        text = value.value.strip()
        if not text:
            self.error(value.loc, f"{key!r} is empty")
            return None
        if max_len is not None and len(text) > max_len:
            self.error(value.loc, f"{key!r} is {len(text)} characters long; at most {max_len}")
        return text

    def flag(self, node: Map, key: str) -> bool | None:
        value = node.items.get(key)
        if value is None:
            return None
        if isinstance(value, Scalar) and isinstance(value.value, bool):
            return value.value
        if not (isinstance(value, Scalar) and self._already_reported(value.loc)):
            self.error(value.loc, f"{key!r} must be true or false")
        return None

    def text_list(
        self, node: Map, key: str, *, required: bool = True
    ) -> list[tuple[str, Location]]:
        value = node.items.get(key)
        if value is None:
            if required:
                self.error(node.loc, f"missing {key!r}")
            return []
        if not isinstance(value, Seq):
            self.error(value.loc, f"{key!r} must be a list, e.g. [a, b]")
            return []
        result = []
        for item in value.items:
            if isinstance(item, Scalar) and isinstance(item.value, str) and item.value:
                result.append((item.value, item.loc))
            elif not self._already_reported(item.loc):
                self.error(item.loc, f"every item of {key!r} must be text")
        return result

    def identifier(self, value: str, loc: Location, what: str) -> bool:
        if ID_PATTERN.match(value):
            return True
        self.error(
            loc,
            f"{what} {value!r} is not a valid id",
            "use 1-20 characters: small latin letters, digits and _, starting with a letter",
        )
        return False

    def date(self, node: Map, key: str) -> str | None:
        value = self.text(node, key)
        if value is None:
            return None
        try:
            valid = bool(DATE_PATTERN.match(value)) and bool(dt.date.fromisoformat(value))
        except ValueError:
            valid = False
        if not valid:
            self.error(node.items[key].loc, f'{key!r} must be a real date like "2026-11-30"')
            return None
        return value

    def _already_reported(self, loc: Location) -> bool:
        return any(p.location == loc for p in self.problems)
