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

NULLS = ("", "~", "null", "Null", "NULL")
"""Plain scalars YAML reads as 'nothing': an empty field."""


@dataclass
class Node:
    """A value from a data file: a mapping, a list or a scalar, with its place."""

    kind: str
    """``map``, ``list`` or ``scalar``."""
    value: object
    """dict[str, Node] for a map, list[Node] for a list, str or None for a scalar."""
    where: Location
    quoted: bool = False
    """Whether a scalar was written in quotes or as a block (then it is always text)."""
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


@dataclass
class Parsed:
    """One data file, read: its root node (None if unreadable), problems and lines."""

    node: Node | None
    problems: list[Problem]
    lines: list[str]
    """The file's lines (line 1 first), for showing the clerk where a problem is."""


# What PyYAML says -> (what it means for a clerk, what to do). Matched in order.
_YAML_HINTS = [
    ("found character '\\t' that cannot start any token", (
        "This line contains a tab character (shown as →). YAML needs spaces for indentation.",
        "Replace the tab with spaces.",
    )),
    ("found unexpected end of stream", (
        "A quoted text is never closed: the file ends inside the quotes.",
        "Add the closing quote mark.",
    )),
    ("mapping values are not allowed here", (
        "A colon followed by a space appears inside a value, which YAML reads as a new field.",
        "Put the whole value in double quotes, or use a block (|) for long text.",
    )),
    ("could not find expected ':'", (
        "A line is neither a 'field: value' pair nor part of the text above it.",
        "Check the indentation, and that every field name ends with a colon.",
    )),
    ("did not find expected key", (
        "The indentation of this line does not match the lines around it.",
        "Line it up with the other fields at the same level.",
    )),
    ("did not find expected '-' indicator", (
        "The indentation of this line does not match the list around it.",
        "Line it up with the other items of the list, each starting '- '.",
    )),
    ("expected <block end>", (
        "The indentation of this line does not match the lines around it.",
        "Line it up with the other fields at the same level.",
    )),
    ("found an alias", (
        "A '*' starts a YAML alias here, which is not used in these files.",
        "Put the value in quotes if it starts with '*'.",
    )),
    ("found undefined alias", (
        "A '*' starts a YAML alias here, which is not used in these files.",
        "Put the value in quotes if it starts with '*'.",
    )),
    ("expected alphabetic or numeric character", (
        "A '&' or '*' at the start of a value has a special meaning in YAML.",
        "Put the value in quotes.",
    )),
    ("found character '@' that cannot start any token", (
        "A value cannot start with '@' unless it is in quotes.",
        "Put the value in quotes.",
    )),
    ("found character '`' that cannot start any token", (
        "A value cannot start with '`' unless it is in quotes.",
        "Put the value in quotes.",
    )),
    ("found character '%' that cannot start any token", (
        "A value cannot start with '%' unless it is in quotes.",
        "Put the value in quotes.",
    )),
    ("found unknown escape character", (
        "A backslash (\\) inside double quotes starts a special character, and this one is unknown.",
        "Use single quotes instead, or write the text as a block (|) below the field.",
    )),
    ("expected a comment or a line break", (
        "After '|' or '>' the text must start on the next line.",
        "Move the text to the lines below, indented by two more spaces.",
    )),
    ("expected a single document", (
        "The file holds more than one YAML document (a second '---' line).",
        "Keep one record per file: delete the extra '---' line or split the file.",
    )),
    ("found duplicate anchor", (
        "A '&' at the start of a value has a special meaning in YAML.",
        "Put the value in quotes.",
    )),
    ("expected ',' or ']'", (
        "A list in square brackets is not closed, or an item in it needs quotes.",
        "Check the brackets, and quote any item that contains a comma, colon or bracket.",
    )),
    ("expected ',' or '}'", (
        "A group in curly brackets is not closed, or a value in it needs quotes.",
        "Check the brackets, and quote any value that contains a comma, colon or bracket.",
    )),
]


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing aliases: they are never needed here, and they can loop."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "found an alias", event.start_mark)
        return super().compose_node(parent, index)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser, when PyYAML has it: about ten times faster than the pure-Python one."""


def _compose(text: str) -> yaml.Node | None:
    """Parse with libyaml when it is there. Anything it rejects, and any alias, is
    parsed again by the pure-Python _Loader, whose messages the hints above match."""
    if _FAST_LOADER is not None:
        try:
            root = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
        else:
            if "*" not in text or not _has_alias(root):
                return root
    return yaml.compose(text, Loader=_Loader)


def _has_alias(root: yaml.Node | None) -> bool:
    """Whether a node appears twice in the tree: libyaml composes an alias as the same node."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, accepting a byte-order mark and Windows line endings."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(Location(display), "", f"The file cannot be opened ({error.strerror or error}).",
                              suggestion="Check that it is a file, not a folder, and that you may read it.")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(Location(display, 1, 1), "",
                              "The file is saved as UTF-16 ('Unicode'), not UTF-8 text.",
                              expected="UTF-8 text",
                              suggestion="Save the file again choosing the 'UTF-8' encoding.")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        line_text = raw[line_start:].split(b"\n", 1)[0].decode("utf-8", "replace")
        return None, [
            Problem(
                Location(display, line, column),
                "",
                "The file is not saved as UTF-8 text, so some characters cannot be read.",
                found=f"the byte {raw[error.start]:#04x}",
                expected="UTF-8 text",
                suggestion="Save the file again choosing the 'UTF-8' encoding "
                "(text pasted from Word often brings curly quotes in another encoding).",
                line_text=line_text,
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read(path: Path, display: str) -> Parsed:
    """Parse one data file into nodes, collecting every problem in it."""
    text, problems = read_text(path, display)
    if text is None:
        return Parsed(None, problems, [])
    lines = text.split("\n")
    empty = Problem(
        Location(display, 1, 1),
        "",
        "The file is empty.",
        suggestion="Fill it in (see CLERKS_GUIDE.md and data/README.md), or delete it.",
    )
    if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        return Parsed(None, [empty], lines)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        return Parsed(None, [_with_line(_syntax_problem(error, display, lines), lines)], lines)
    except yaml.reader.ReaderError as error:
        return Parsed(None, [_with_line(_reader_problem(error, display, text), lines)], lines)
    except yaml.YAMLError as error:  # pragma: no cover - every other PyYAML error is marked
        return Parsed(None, [Problem(Location(display), "", f"The file is not valid YAML: {error}")], lines)
    except RecursionError:
        return Parsed(None, [Problem(Location(display), "", "The file is nested too deeply to be read.",
                                     suggestion="Check the brackets and indentation.")], lines)
    if root is None:
        return Parsed(None, [empty], lines)
    problems = []
    try:
        node = _convert(root, display, problems, "")
    except RecursionError:
        return Parsed(None, [Problem(Location(display), "", "The file is nested too deeply to be read.",
                                     suggestion="Check the brackets and indentation.")], lines)
    return Parsed(node, [_with_line(p, lines) for p in problems], lines)


def load(path: Path, display: str) -> tuple[Node | None, list[Problem]]:
    """Parse one data file. Returns the root node, or None with the problems."""
    parsed = read(path, display)
    return parsed.node, parsed.problems


def _with_line(problem: Problem, lines: list[str]) -> Problem:
    """The problem with the line it is on, to show the clerk."""
    line = problem.where.line
    if problem.line_text is not None or line is None or not 1 <= line <= len(lines):
        return problem
    from dataclasses import replace

    return replace(problem, line_text=lines[line - 1])


def _multiline_quote(text: str, before: int) -> Location | None:
    """The first quoted value (up to line ``before``) that runs over several lines.

    Nearly always a closing quote was forgotten: the value then swallows the
    lines after it, and YAML stumbles somewhere further down.
    """
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > before:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.end_mark.line > token.start_mark.line):
                return Location("", token.start_mark.line + 1, token.start_mark.column + 1)
    except yaml.YAMLError:
        pass
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, display: str, lines: list[str]) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    raw = f"{error.problem or ''}".strip()
    context = f"{error.context or ''}"
    quote = _multiline_quote("\n".join(lines), where.line or len(lines))
    if quote is not None:
        return Problem(
            Location(display, quote.line, quote.column),
            "",
            "A quoted text starts here but is not closed on the same line, so the rest of the file is read wrongly.",
            suggestion="Add the closing quote mark at the end of the value, "
            "or remove the opening one if the text needs no quotes.",
        )
    for key, (message, suggestion) in _YAML_HINTS:
        if key in raw or key in context:
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


def _reader_problem(error: yaml.reader.ReaderError, display: str, text: str) -> Problem:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return Problem(
        Location(display, line, column),
        "",
        f"The file contains an invisible control character (U+{ord(character):04X}) that YAML does not allow.",
        suggestion="Delete it: retype the few characters around this point "
        "(it often comes with text pasted from another program).",
    )


def _where(node: yaml.Node, display: str) -> Location:
    return Location(display, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, display: str, problems: list[Problem], path: str) -> Node:
    where = _where(node, display)
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_at = _where(key_node, display)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(key_at, "", "A field name must be a single word, not a list or a group.",
                                        suggestion="Check the indentation and the brackets on this line."))
                continue
            key = key_node.value
            key_path = f"{path}.{key}" if path else key
            if key == "<<":
                problems.append(Problem(key_at, key_path, "YAML merge keys ('<<') are not used in these files."))
                continue
            if key in values:
                problems.append(
                    Problem(
                        key_at,
                        key_path,
                        f"The field '{key}' appears twice in the same place; "
                        f"YAML would silently keep only the second.",
                        found=f"'{key}' first at line {keys[key].line}",
                        suggestion="Delete one of them, or merge what they say.",
                    )
                )
                continue
            values[key] = _convert(value_node, display, problems, key_path)
            keys[key] = key_at
        return Node("map", values, where, key_where=keys)
    if isinstance(node, yaml.SequenceNode):
        return Node("list", [_convert(item, display, problems, f"{path}[{index}]")
                             for index, item in enumerate(node.value, start=1)], where)
    value = node.value
    plain = not node.style  # None from PyYAML's own parser, '' from libyaml's
    if plain and value in NULLS:
        return Node("scalar", None, where)
    return Node("scalar", value, where, quoted=not plain)
