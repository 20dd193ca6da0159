"""Reads YAML into nodes that remember their file position.

PyYAML silently turns `0123` into 83, `10:30` into 630 and `no` into False. Content files hold
phone numbers and times, so every plain scalar that YAML would read as anything but text (or as
an explicit `true`/`false`) is reported instead of converted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Location, Problem

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TYPE_HINTS = {
    "tag:yaml.org,2002:int": "quote the number: YAML reads 0123 as 83 and 150 as a number",
    "tag:yaml.org,2002:float": "put the value in double quotes: YAML reads it as a number",
    "tag:yaml.org,2002:timestamp": 'put the date in double quotes, e.g. "2026-11-30"',
}


@dataclass(frozen=True)
class Scalar:
    value: str | bool | None
    loc: Location


@dataclass(frozen=True)
class Seq:
    items: list[Node]
    loc: Location


@dataclass(frozen=True)
class Map:
    items: dict[str, Node]
    loc: Location
    key_locs: dict[str, Location] = field(default_factory=dict)


Node = Scalar | Seq | Map


def _loc(file: str, mark: yaml.Mark) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def _convert(node: yaml.Node, file: str, problems: list[Problem]) -> Node:
    loc = _loc(file, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        items: dict[str, Node] = {}
        key_locs: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(file, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                problems.append(
                    Problem(key_loc, f"key {key_node.value!r} is not plain text", "quote the key")
                )
                continue
            if key_node.value in items:
                problems.append(Problem(key_loc, f"duplicate key {key_node.value!r}"))
                continue
            items[key_node.value] = _convert(value_node, file, problems)
            key_locs[key_node.value] = key_loc
        return Map(items, loc, key_locs)
    if isinstance(node, yaml.SequenceNode):
        return Seq([_convert(item, file, problems) for item in node.value], loc)
    assert isinstance(node, yaml.ScalarNode)
    if node.tag == _STR:
        return Scalar(node.value, loc)
    if node.tag == _NULL:
        return Scalar(None, loc)
    if node.tag == _BOOL:
        if node.value in ("true", "false"):
            return Scalar(node.value == "true", loc)
        problems.append(
            Problem(
                loc,
                f"{node.value!r} would be read as yes/no, not as text",
                f'write "{node.value}" in double quotes, or true/false for a yes/no field',
            )
        )
        return Scalar(node.value, loc)
    hint = _TYPE_HINTS.get(node.tag, "put the value in double quotes")
    problems.append(Problem(loc, f"{node.value!r} would not be read as text", hint))
    return Scalar(node.value, loc)


def load_yaml(path: Path, display_name: str, problems: list[Problem]) -> Node | None:
    """Parse one file; syntax and type problems are appended to `problems`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(Location(display_name, 1, 1), f"cannot read file: {exc}"))
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        # An unclosed [ { or quote is noticed only lines later: point at where it was opened.
        context = exc.context or ""
        unclosed = "flow" in context or "quoted" in context
        mark = exc.context_mark if unclosed and exc.context_mark else exc.problem_mark
        loc = _loc(display_name, mark) if mark else Location(display_name, 1, 1)
        message = f"YAML syntax error: {exc.problem or exc}"
        if unclosed and exc.problem_mark:
            message += f" ({exc.context}, noticed on line {exc.problem_mark.line + 1})"
        problems.append(Problem(loc, message))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(Location(display_name, 1, 1), f"YAML error: {exc}"))
        return None
    if root is None:
        problems.append(Problem(Location(display_name, 1, 1), "the file is empty"))
        return None
    return _convert(root, display_name, problems)
