"""Read a YAML data file into plain nodes that remember their line and column.

Scalars are kept as the text the clerk typed: whether ``No`` is a word or a
boolean, or ``2020-03`` a date or text, is decided later by the field that
holds it, never by YAML's own guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Location, Problem


@dataclass
class Node:
    """A value from a data file: a mapping, a list or a scalar, with its place."""

    kind: str
    """``map``, ``list`` or ``scalar``."""
    value: object
    """dict[str, Node] for a map, list[Node] for a list, str or None for a scalar."""
    where: Location
    quoted: bool = False
    """Whether a scalar was written in quotes (then it is always text)."""
    key_where: dict[str, Location] = field(default_factory=dict)
    """For a map: where each key stands."""

    @classmethod
    def from_plain(cls, value: object, where: Location) -> "Node":
        """A node tree from plain Python values (a JSON download, say)."""
        if isinstance(value, dict):
            return cls("map", {str(k): cls.from_plain(v, where) for k, v in value.items()}, where)
        if isinstance(value, list):
            return cls("list", [cls.from_plain(v, where) for v in value], where)
        if value is None:
            return cls("scalar", None, where)
        if isinstance(value, bool):
            return cls("scalar", "true" if value else "false", where)
        return cls("scalar", str(value), where, quoted=isinstance(value, str))


_YAML_HINTS = {
    "found character '\\t' that cannot start any token": (
        "This line contains a tab character. YAML needs spaces for indentation.",
        "Replace the tab with spaces.",
    ),
    "found unexpected end of stream": (
        "A quoted text is never closed: the file ends inside the quotes.",
        "Add the closing quote mark.",
    ),
    "mapping values are not allowed here": (
        "A colon followed by a space appears inside a value, which YAML reads as a new field.",
        "Put the whole value in double quotes, or use a block (|) for long text.",
    ),
    "could not find expected ':'": (
        "A line is neither a 'field: value' pair nor part of the text above it.",
        "Check the indentation, and that every field name ends with a colon.",
    ),
    "did not find expected key": (
        "The indentation of this line does not match the lines around it.",
        "Line it up with the other fields at the same level.",
    ),
    "found undefined alias": (
        "A '*' starts a YAML alias here, which is not used in these files.",
        "Put the value in quotes if it starts with '*'.",
    ),
}


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, accepting a byte-order mark and Windows line endings."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                Location(display, line, column),
                "",
                "The file is not saved as UTF-8 text, so some characters cannot be read.",
                found=f"the byte {raw[error.start]:#04x}",
                expected="UTF-8 text",
                suggestion="Save the file again choosing the 'UTF-8' encoding "
                "(text pasted from Word often brings curly quotes in another encoding).",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def load(path: Path, display: str) -> tuple[Node | None, list[Problem]]:
    """Parse one data file. Returns the root node, or None with the problems."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [
            Problem(
                Location(display, 1, 1),
                "",
                "The file is empty.",
                suggestion="Fill it in from the template in data/README.md, or delete it.",
            )
        ]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, display)]
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error is marked
        return None, [Problem(Location(display), "", f"The file is not valid YAML: {error}")]
    problems = []
    node = _convert(root, display, problems)
    return node, problems


def _syntax_problem(error: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    raw = f"{error.problem or ''}".strip()
    for key, (message, suggestion) in _YAML_HINTS.items():
        if key in raw or key in f"{error.context or ''}":
            if key == "found unexpected end of stream" and error.context_mark:
                cm = error.context_mark
                where = Location(display, cm.line + 1, cm.column + 1)
            return Problem(where, "", message, suggestion=suggestion)
    return Problem(
        where,
        "",
        "The file is not valid YAML here, so it cannot be read.",
        found=raw or None,
        suggestion="Compare this line with the ones above it: indentation, colons and quotes.",
    )


def _where(node: yaml.Node, display: str) -> Location:
    return Location(display, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, display: str, problems: list[Problem]) -> Node:
    where = _where(node, display)
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            key_at = _where(key_node, display)
            if key == "<<":
                problems.append(Problem(key_at, key, "YAML merge keys ('<<') are not used in these files."))
                continue
            if key in values:
                problems.append(
                    Problem(
                        key_at,
                        key,
                        f"The field '{key}' appears twice in the same place; "
                        f"YAML would silently keep only the second.",
                        found=f"'{key}' first at line {keys[key].line}",
                        suggestion="Delete one of them, or merge what they say.",
                    )
                )
                continue
            values[key] = _convert(value_node, display, problems)
            keys[key] = key_at
        return Node("map", values, where, key_where=keys)
    if isinstance(node, yaml.SequenceNode):
        return Node("list", [_convert(item, display, problems) for item in node.value], where)
    value = node.value
    plain = node.style is None
    if plain and value in ("", "~", "null", "Null", "NULL"):
        return Node("scalar", None, where)
    return Node("scalar", value, where, quoted=not plain)
