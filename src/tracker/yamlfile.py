"""Read a YAML data file into plain nodes that remember their line and column.

Scalars are kept as the text the clerk typed: whether ``No`` is a word or a
boolean, or ``2020-03`` a date or text, is decided later by the field that
holds it, never by YAML's own guessing.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Location, Problem, shorten

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
    ("expected '<document start>'", (
        "A line of three dots ('...') ends the YAML document here, so the lines after it cannot be read.",
        "Delete that line, or put it in quotes if it is part of a value.",
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


MAX_FILE_BYTES = 1_000_000
"""The largest data file read (1 MB). The largest record today is about 30 KB; anything near this size is a
file saved or pasted into the data by mistake, and reading it would only make the check slow."""

MAX_DEPTH = 32
"""The deepest a data file may nest lists and groups. The deepest record needs about 10 levels; a limit keeps a
hostile file from exhausting the parser's stack."""

_STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp",
                                                           "seq", "map")}
"""Explicit YAML tags that change nothing here ('!!str' keeps the text as typed); any other tag is refused."""

_BAD_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters a value may not hold, even written as a backslash escape inside double quotes: control characters
(except tab and line break), halves of surrogate pairs (they cannot be saved as UTF-8) and non-characters."""


_SEPARATORS = re.compile("[\x85\u2028\u2029]")
"""Characters YAML reads as line breaks that editors do not show as such."""


def _fast_loader():
    return getattr(yaml, "CSafeLoader", None)


class _TooDeep(Exception):
    def __init__(self, mark):
        super().__init__("too deep")
        self.mark = mark


# ------------------------------------------------------------------ reading the bytes


def symlink_problem(display: str, folder: bool = False) -> Problem:
    """A data file or folder that is a symbolic link: never followed, so nothing of its target is shown."""
    what = "folder" if folder else "file"
    return Problem(
        Location(display),
        "",
        f"This is a symbolic link (a shortcut to another {what}), not a {what} of its own. The tracker never "
        "reads data through a link: what it points to is not part of the project, and could be any file on "
        "the computer.",
        suggestion=f"Delete the link and put the real {what} here instead (copy it in), so it is checked and "
        "reviewed with the rest of the data.",
    )


def read_bytes(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, never through a symbolic link, and never more than MAX_FILE_BYTES."""
    if path.is_symlink():
        return None, [symlink_problem(display)]
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:  # it became a link after the check above
            return None, [symlink_problem(display)]
        return None, [Problem(Location(display), "", f"The file cannot be opened ({error.strerror or error}).",
                              suggestion="Check that it is a file, not a folder, and that you may read it.")]
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(Location(display), "", "This is not an ordinary file, so it cannot be read.",
                                  suggestion="Data files are plain text files ending '.yml'. Delete this one.")]
        if info.st_size > MAX_FILE_BYTES:
            return None, [_too_large(display, info.st_size)]
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        return None, [_too_large(display, len(raw))]
    return raw, []


def _too_large(display: str, size: int) -> Problem:
    return Problem(
        Location(display),
        "",
        f"The file is {size / 1_000_000:.1f} MB, more than the {MAX_FILE_BYTES // 1_000_000} MB a data file may "
        "be, so it was not read. A record is a few kilobytes (the largest is about 30 KB).",
        suggestion="Check that nothing else was saved or pasted into it by mistake (a whole document, an image); "
        "keep only the record's own fields.",
    )


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, accepting a byte-order mark and Windows line endings."""
    raw, problems = read_bytes(path, display)
    if raw is None:
        return None, problems
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None, [Problem(Location(display, 1, 1), "",
                              "The file is saved as UTF-32, not UTF-8 text.",
                              expected="UTF-8 text",
                              suggestion="Save the file again choosing the 'UTF-8' encoding.")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
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


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 saved without its byte-order mark: every other byte of plain text is a zero byte."""
    sample = raw[:4000]
    if len(sample) < 8 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.6


# ------------------------------------------------------------------ merge conflicts

_MARKERS = {"<<<<<<<": "start", "|||||||": "base", "=======": "middle", ">>>>>>>": "end"}


def _marker(line: str) -> tuple[str, str] | None:
    """(the kind of merge-conflict marker this line is, its label), or None. Git writes markers at the start of
    a line: seven '<', '|' or '>' and the version's name, or seven '=' alone."""
    head = line[:7]
    kind = _MARKERS.get(head)
    if kind is None or (len(line) > 7 and line[7] not in " \t"):
        return None
    label = line[7:].strip()
    if kind == "middle" and label:
        return None
    return kind, label


def _span(start: int, end: int) -> str:
    """Lines start..end (1-based, inclusive) in words."""
    if end < start:
        return "empty (no lines between the markers)"
    return f"line {start}" if start == end else f"lines {start}–{end}"


_RESOLVE = ("On GitHub: open the pull request and press 'Resolve conflicts'; keep the version you want (or combine "
            "them), delete the marker lines, then press 'Mark as resolved' and commit. On your computer: open this "
            "file, keep one version, delete the lines that start <<<<<<<, ======= and >>>>>>>, save, and run "
            "'tracker check' again.")


def conflict_problems(lines: list[str], display: str) -> list[Problem]:
    """One problem for each merge conflict Git has left in the file, naming both versions' lines."""
    problems: list[Problem] = []
    open_at: dict[str, int] = {}
    labels: dict[str, str] = {}

    def leftover(index: int, kind: str) -> None:
        marker = lines[index][:7]
        problems.append(Problem(
            Location(display, index + 1, 1), "",
            f"This line is left over from a merge conflict: a '{marker}' marker line that Git adds when two "
            "versions of a file could not be combined, without the rest of the conflict's markers.",
            suggestion="Check which version of the lines around it is right, then delete the marker line. "
            + _RESOLVE, line_text=lines[index]))

    for index, line in enumerate(lines):
        found = _marker(line)
        if found is None:
            continue
        kind, label = found
        if kind == "start":
            if "start" in open_at:
                leftover(open_at["start"], "start")
            open_at = {"start": index}
            labels = {"start": label}
        elif not open_at:
            leftover(index, kind)
        elif kind == "base" and "middle" not in open_at and "base" not in open_at:
            open_at["base"] = index
        elif kind == "middle" and "middle" not in open_at:
            open_at["middle"] = index
        elif kind == "end" and "middle" in open_at:
            start, middle, base = open_at["start"], open_at["middle"], open_at.get("base")
            ours_end = (base if base is not None else middle)
            ours = f"the version from <<<<<<<{' ' + shorten(labels['start'], 40) if labels['start'] else ''}"
            other = f"the other{' (from >>>>>>> ' + shorten(label, 40) + ')' if label else ''}"
            words = (f"This file holds an unresolved merge conflict: two versions of the same lines were "
                     f"combined, and Git has kept both between marker lines. {ours[0].upper() + ours[1:]} is "
                     f"{_span(start + 2, ours_end)}, {other} is {_span(middle + 2, index)}.")
            if base is not None:
                words += f" (Lines {base + 2}–{middle} after ||||||| are the version both started from.)"
            problems.append(Problem(Location(display, start + 1, 1), "", words, suggestion=_RESOLVE,
                                    line_text=lines[start]))
            open_at, labels = {}, {}
        else:
            leftover(index, kind)
    if open_at:
        leftover(open_at["start"], "start")
    return problems


# ------------------------------------------------------------------ parsing


def read(path: Path, display: str) -> Parsed:
    """Parse one data file into nodes, collecting every problem in it."""
    text, problems = read_text(path, display)
    if text is None:
        return Parsed(None, problems, [])
    return parse(text, display)


def parse(text: str, display: str) -> Parsed:
    """Parse a data file's text (already read) into nodes, collecting every problem in it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    separator = _SEPARATORS.search(text)
    if separator:  # YAML would start a new line here that the editor does not show: every line after would be off
        before = text[: separator.start()]
        line = before.count("\n") + 1
        code = ord(separator.group())
        return Parsed(None, [Problem(
            Location(display, line, len(before) - (before.rfind("\n") + 1) + 1), "",
            f"The file contains an invisible line separator (U+{code:04X}), often pasted from a PDF or a word "
            "processor. YAML reads it as the end of a line, though your editor does not show one there.",
            suggestion="Delete it: retype the few characters around this point, or replace it with a space.",
            line_text=lines[line - 1])], lines)
    if "<<<<<<<" in text or ">>>>>>>" in text or "=======" in text:
        conflicts = conflict_problems(lines, display)
        if conflicts:  # named as such, before YAML stumbles over the markers somewhere else
            return Parsed(None, conflicts, lines)
    empty = Problem(
        Location(display, 1, 1),
        "",
        "The file is empty.",
        suggestion="Fill it in (see CLERKS_GUIDE.md and data/README.md), or delete it.",
    )
    if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        return Parsed(None, [empty], lines)
    problems: list[Problem] = []
    try:
        node = _compose(text, display, problems)
    except _TooDeep as deep:
        return Parsed(None, [_with_line(Problem(
            Location(display, deep.mark.line + 1, deep.mark.column + 1), "",
            f"The file nests lists and groups more than {MAX_DEPTH} levels deep here, which no record needs "
            "(the deepest needs about 10), so it was not read.",
            suggestion="Check the brackets and the indentation on this line and the lines above it."), lines)],
            lines)
    except yaml.MarkedYAMLError as error:
        return Parsed(None, [_with_line(_syntax_problem(error, display, lines), lines)], lines)
    except yaml.reader.ReaderError as error:
        return Parsed(None, [_with_line(_reader_problem(error, display, text), lines)], lines)
    except yaml.YAMLError as error:  # pragma: no cover - every other PyYAML error is marked
        return Parsed(None, [Problem(Location(display), "", f"The file is not valid YAML: {error}")], lines)
    if node is None:
        return Parsed(None, [empty], lines)
    return Parsed(node, [_with_line(p, lines) for p in problems], lines)


def _compose(text: str, display: str, problems: list[Problem]) -> Node | None:
    """The file's root node, built from the parser's events without recursion (so no nesting can exhaust the
    stack). libyaml's parser is used when PyYAML has it (about ten times faster); anything it rejects is parsed
    again by the pure-Python one, whose messages the hints above match."""
    fast = _fast_loader()
    if fast is not None:
        found: list[Problem] = []
        try:
            node = _build(fast(text), display, found, "\\" in text)
        except yaml.YAMLError:
            pass
        else:
            problems.extend(found)
            return node
    return _build(yaml.SafeLoader(text), display, problems, "\\" in text)


class _Frame:
    """A list or group being built: its items so far, and where it is."""

    __slots__ = ("kind", "path", "where", "items", "values", "keys", "key", "key_raw")

    def __init__(self, kind: str, path: str, where: Location):
        self.kind = kind
        self.path = path
        self.where = where
        self.items: list[Node] = []
        """For a list: its items."""
        self.values: dict[str, Node] = {}
        """For a group: field name -> value."""
        self.keys: dict[str, Location] = {}
        """For a group: where each field name stands."""
        self.key: Node | None = None
        """For a group: the field name just read, waiting for its value."""
        self.key_raw: str | None = None


def _build(loader, display: str, problems: list[Problem], escapes: bool) -> Node | None:
    """The root node from a parser's events. ``escapes``: whether the text has a backslash, the only way a value
    can hold a character the reader has not already refused."""
    try:
        return _build_events(loader.get_event, display, problems, escapes)
    finally:
        loader.dispose()


def _build_events(next_event, display: str, problems: list[Problem], escapes: bool) -> Node | None:
    root: Node | None = None
    stack: list[_Frame] = []
    first_document = None
    while True:
        event = next_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            where = Location(display, event.start_mark.line + 1, event.start_mark.column + 1)
            if event.anchor is not None or event.tag is not None:
                _check_event(event, where, problems)
            value = event.value
            if escapes and _BAD_CHARACTERS.search(value):
                problems.append(_bad_character(value, where, _child_path(stack)))
            plain = not event.style  # None from PyYAML's own parser, '' from libyaml's
            node = Node("scalar", None, where) if plain and value in NULLS else Node("scalar", value, where,
                                                                                      quoted=not plain)
            root = _attach(stack, node, value, root, problems)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            where = Location(display, event.start_mark.line + 1, event.start_mark.column + 1)
            if event.anchor is not None or event.tag is not None:
                _check_event(event, where, problems)
            if len(stack) >= MAX_DEPTH:
                raise _TooDeep(event.start_mark)
            stack.append(_Frame("map" if kind is yaml.MappingStartEvent else "list", _child_path(stack), where))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            node = (Node("list", frame.items, frame.where) if frame.kind == "list"
                    else Node("map", frame.values, frame.where, key_where=frame.keys))
            root = _attach(stack, node, None, root, problems)
        elif kind is yaml.AliasEvent:
            raise yaml.composer.ComposerError(None, None, "found an alias", event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            if first_document is not None:
                raise yaml.composer.ComposerError("expected a single document in the stream", first_document,
                                                  "but found another document", event.start_mark)
            first_document = event.start_mark
        elif kind is yaml.StreamEndEvent:
            return root


def _child_path(stack: list[_Frame]) -> str:
    """The field path of the value about to be read."""
    if not stack:
        return ""
    frame = stack[-1]
    if frame.kind == "list":
        return f"{frame.path}[{len(frame.items) + 1}]"
    if frame.key is None or frame.key_raw is None:
        return frame.path
    return f"{frame.path}.{frame.key_raw}" if frame.path else frame.key_raw


def _attach(stack: list[_Frame], node: Node, raw: str | None, root: Node | None,
            problems: list[Problem]) -> Node | None:
    """Put a finished node in the list or group it belongs to (or make it the root)."""
    if not stack:
        return node if root is None else root
    frame = stack[-1]
    if frame.kind == "list":
        frame.items.append(node)
        return root
    if frame.key is None:  # a field name
        frame.key = node
        frame.key_raw = raw if node.kind == "scalar" else None
        return root
    key, key_raw = frame.key, frame.key_raw
    frame.key, frame.key_raw = None, None
    key_at = key.where
    if key_raw is None:
        problems.append(Problem(key_at, "", "A field name must be a single word, not a list or a group.",
                                suggestion="Check the indentation and the brackets on this line."))
        return root
    key_path = f"{frame.path}.{key_raw}" if frame.path else key_raw
    if key_raw == "<<":
        problems.append(Problem(key_at, key_path, "YAML merge keys ('<<') are not used in these files."))
        return root
    if key_raw in frame.values:
        problems.append(Problem(
            key_at,
            key_path,
            f"The field '{key_raw}' appears twice in the same place; YAML would silently keep only the second.",
            found=f"'{key_raw}' first at line {frame.keys[key_raw].line}",
            suggestion="Delete one of them, or merge what they say.",
        ))
        return root
    frame.values[key_raw] = node
    frame.keys[key_raw] = key_at
    return root


def _check_event(event, where: Location, problems: list[Problem]) -> None:
    """Anchors and tags: YAML features these files never use, which would silently drop the word after them."""
    if event.anchor is not None:
        problems.append(Problem(
            where, "",
            f"A '&' at the start of a value makes it a YAML anchor, which these files do not use: "
            f"'&{shorten(event.anchor, 30)}' would be silently dropped from the value.",
            suggestion="Put the value in quotes if it starts with '&'."))
    tag = event.tag
    if tag is not None and tag not in _STANDARD_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(
            where, "",
            f"A '!' at the start of a value makes it a YAML tag, which these files do not use: "
            f"'{shorten(shown, 40)}' would be silently dropped from the value.",
            suggestion="Put the value in quotes if it starts with '!'."))


def _bad_character(value: str, where: Location, path: str) -> Problem:
    character = _BAD_CHARACTERS.search(value).group()  # type: ignore[union-attr]
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        what = (f"half of a broken character (U+{code:04X}, one half of a pair that must come together), "
                "which cannot be saved as text")
    elif code in (0xFFFE, 0xFFFF):
        what = f"a code that is not a character (U+{code:04X})"
    else:
        what = f"an invisible control character (U+{code:04X})"
    return Problem(
        where, path,
        f"This value holds {what}. It is written as a backslash escape inside double quotes.",
        suggestion="Delete the escape (the backslash and the letters or digits after it), or type the "
        "character itself if it is a real one.",
    )



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
    if "expected ',' or '}'" in raw + context or "expected ',' or ']'" in raw + context:
        early = _quote_closed_early("\n".join(lines), error.problem_mark, display)
        if early is not None:
            return early
    for key, (message, suggestion) in _YAML_HINTS:
        if key in raw or key in context:
            if key == "could not find expected ':'" and error.context_mark is not None \
                    and "simple key" in context:  # the line that lacks its colon, not the one after it
                cm = error.context_mark
                where = Location(display, cm.line + 1, cm.column + 1)
                line = lines[cm.line] if cm.line < len(lines) else ""
                if re.match(r"^\s*[A-Za-z_][\w-]*:\S", line):
                    return Problem(where, "", "A field name is followed by a colon but no space, so YAML does "
                                   "not read it as a field.",
                                   suggestion="Put a space after the colon: 'name: value'.")
            if key == "mapping values are not allowed here" and where.line and _indented_more(lines, where.line):
                return Problem(Location(display, where.line, _indent(lines[where.line - 1]) + 1), "",
                               "This line is indented further than the field above it, so YAML reads it as more "
                               "of that field's value, and then stumbles on its colon.",
                               suggestion="Line it up with the other fields at the same level (the same number "
                               "of spaces), or indent the field above less.")
            if key == "expected '<document start>'":
                ends = [n for n in range(min(where.line or 1, len(lines)) - 1, 0, -1)
                        if lines[n - 1].startswith("...")]
                if ends:
                    where = Location(display, ends[0], 1)
            if key == "found unexpected end of stream" and error.context_mark:
                cm = error.context_mark
                where = Location(display, cm.line + 1, cm.column + 1)
            if key in _INDENTATION and where.line:
                suggestion = _line_up_with(lines, where.line) or suggestion
            return Problem(where, "", message, suggestion=suggestion)
    return Problem(
        where,
        "",
        "The file is not valid YAML here, so it cannot be read.",
        found=raw or None,
        suggestion="Compare this line with the ones above it: indentation, colons and quotes.",
    )


_INDENTATION = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")
"""The parser's words for a line indented to no level of the lines above it."""


def _line_up_with(lines: list[str], line: int) -> str | None:
    """Which lines above ``line`` (1-based) its field could line up with: the line just above, and the nearest
    field at each level of the groups around it, closest in indentation to this line."""
    here = lines[line - 1] if line <= len(lines) else ""
    if not here.strip():
        return None
    own = _field_column(here)
    levels: dict[int, tuple[int, str]] = {}  # field column -> (line, field name), nearest line above first
    deepest: int | None = None
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        match = re.match(r"^(\s*)(- +)?([\w-]+):(\s|$)", text)
        if not match or text.lstrip().startswith("#"):
            continue
        column = len(match[1]) + len(match[2] or "")
        if deepest is None or column < deepest:  # each line less indented than all below it opens a group
            levels[column] = (number, match[3])
            deepest = column
        if column == 0:
            break
    # The group just above is the likeliest home (a line dedented out of it); then the levels nearest its indent.
    above = max(levels, key=lambda c: levels[c][0]) if levels else None
    nearest = sorted((c for c in levels if c not in (own, above)), key=lambda c: (abs(c - own), -c))
    choices = ([above] if above is not None and above != own else []) + nearest[:2]
    if not choices:
        return None
    shown = [f"{_spaces(c)} (like '{levels[c][1]}' on line {levels[c][0]})" for c in sorted(choices, reverse=True)]
    words = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    return (f"This line has {_spaces(own)} before its first word; the fields above it have {words}. Line it up "
            "with the fields of the group it belongs to, using the same number of spaces.")


def _spaces(count: int) -> str:
    return "no spaces" if count == 0 else f"{count} space{'s' if count != 1 else ''}"


def _field_column(line: str) -> int:
    """Where a line's field name (or text) starts: after any '- ' that opens a list item."""
    match = re.match(r"^(\s*)(- +)?", line)
    return len(match[1]) + len(match[2] or "") if match else 0


def _quote_closed_early(text: str, mark, display: str) -> Problem | None:
    """A quoted value inside [...] or {...} whose closing quote is missing, so that the next quote mark (meant to
    open the next value) closes it, and YAML stumbles on what follows. Or an apostrophe inside single quotes."""
    if mark is None:
        return None
    before = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            before = token
    except yaml.YAMLError:
        pass
    if not (isinstance(before, yaml.ScalarToken) and before.style in ('"', "'")
            and before.end_mark.index == mark.index and mark.index < len(text) and text[mark.index] not in " ,]}"):
        return None
    start, close = before.start_mark, before.end_mark.column  # the closing quote's column, counting from 1
    line_text = text.split("\n")[start.line]
    where = Location(display, start.line + 1, start.column + 1)
    if before.style == "'" and before.value[-1:].isalpha() and text[mark.index].isalpha():
        return Problem(
            where, "",
            f"The single quote at column {close} is an apostrophe, but YAML reads it as the end of the quoted text "
            f"that starts here ('{shorten(before.value, 40)}'), and cannot read the rest.",
            suggestion=f"Put the text in double quotes instead ({_requoted(before.value, line_text, close)}), or "
            "write the apostrophe twice ('it''s').",
            line_text=line_text)
    fixed = None
    field = re.search(r",\s*[\w-]+:\s", before.value)
    if field and before.end_mark.line == start.line:  # the text ran on into the next field: close it before the comma
        end = start.column + 1 + field.start()
        fixed = line_text[:end] + before.style + line_text[end:]
    return Problem(
        where, "",
        f"A quoted text starts here but its closing quote mark is missing: the quote mark at column {close} closes "
        "it instead, so YAML cannot read what follows that mark.",
        suggestion=(f"Add the closing quote mark where the text ends: {shorten(fixed.strip(), 90)}" if fixed else
                    "Add the closing quote mark where the text ends, before the comma that starts the next value."),
        line_text=line_text)


def _requoted(value: str, line_text: str, close: int) -> str:
    """The single-quoted text that an apostrophe cut short, in double quotes."""
    rest = line_text[close:]
    end = rest.find("'")
    whole = value + "'" + (rest[:end] if end >= 0 else rest.split(",")[0])
    return '"' + shorten(whole, 60).replace('"', '\\"') + '"'


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indented_more(lines: list[str], line: int) -> bool:
    """Whether line ``line`` (1-based) is a 'field: value' line indented more than the line above it, which
    itself gives a value (so it cannot be the start of a group)."""
    if not 2 <= line <= len(lines):
        return False
    here = lines[line - 1]
    above = next((lines[n] for n in range(line - 2, -1, -1) if lines[n].strip() and
                  not lines[n].lstrip().startswith("#")), None)
    if above is None or not re.match(r"^\s*[\w-]+:\s", here):
        return False
    return _indent(here) > _indent(above) and bool(re.match(r"^\s*(- )?[\w-]+:\s+\S", above))


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


def load(path: Path, display: str) -> tuple[Node | None, list[Problem]]:
    """Parse one data file. Returns the root node, or None with the problems."""
    parsed = read(path, display)
    return parsed.node, parsed.problems
