"""Problems found in the data: values, collected and reported together."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, order=True)
class Location:
    """Where something stands in a data file. Lines and columns count from 1."""

    file: str
    """The file's path, relative to the data folder where possible."""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}, line {self.line}"
        return f"{self.file}, line {self.line}, column {self.column}"


@dataclass(frozen=True)
class Problem:
    """One mistake in the data, explained for the clerk who has to fix it."""

    where: Location
    field: str
    """The field path, such as ``response.actions[1].due.edtf``; empty for the whole file."""
    message: str
    """What is wrong, in plain English."""
    found: str | None = None
    expected: str | None = None
    suggestion: str | None = None
    line_text: str | None = None
    """The line of the file the problem is on, shown with a caret under the column."""

    def sort_key(self) -> tuple:
        return (self.where.file, self.where.line or 0, self.where.column or 0, self.field, self.message)

    def explain(self) -> str:
        """The problem as a clerk reads it in the terminal."""
        head = f"{self.where}"
        if self.field:
            head += f", field '{self.field}'"
        lines = [f"{head}:"]
        lines += self._excerpt()
        lines.append(f"  {self.message}")
        if self.found is not None:
            lines.append(f"  Found: {self.found}")
        if self.expected is not None:
            lines.append(f"  Expected: {self.expected}")
        if self.suggestion:
            lines.append(f"  Suggestion: {self.suggestion}")
        return "\n".join(lines)

    def _excerpt(self) -> list[str]:
        if self.line_text is None or self.where.line is None or not self.line_text.strip():
            return []
        # Tabs show as arrows: they are often the mistake, and one character keeps the caret aligned.
        text = _printable(self.line_text.rstrip("\n"))
        column = (self.where.column or 1) - 1
        start = max(0, min(column - 40, len(text) - _WIDTH)) if len(text) > _WIDTH else 0
        prefix = "…" if start else ""
        shown = prefix + text[start : start + _WIDTH] + ("…" if start + _WIDTH < len(text) else "")
        number = str(self.where.line)
        lines = [f"    {number} | {shown}"]
        if self.where.column is not None:
            lines.append(f"    {' ' * len(number)} | {' ' * (len(prefix) + column - start)}^")
        return lines


_WIDTH = 100
"""The most of a line shown under a problem."""


def _printable(text: str) -> str:
    # Invisible and direction-changing characters show as '·' too: printed as they are, they would reorder or
    # hide what the terminal shows (one character each, so the caret stays aligned).
    return "".join("→" if c == "\t" else "·" if (ord(c) < 32 or ord(c) == 127 or _invisible(c)) else c
                   for c in text)


def _invisible(c: str) -> bool:
    return ord(c) >= 0x80 and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")


Context = Literal["check", "build", "serve"]
"""What the clerk was doing when the problems were found: a local check or change ('tracker check', 'tracker
new'...: nothing is published either way, so the report says what the problems stop), a build for publishing,
or the preview (which rebuilds by itself when a file is saved, so it never asks for the command again)."""


INTERNAL = "Something went wrong inside the tracker itself"
"""How a fault of the tracker's own (not the clerk's) begins its message."""


class DataProblems(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report())

    def report(self, context: Context = "build") -> str:
        """Every problem, for the terminal, worded for what was being done (see ``Context``)."""
        body = "\n\n".join(p.explain() for p in self.problems)
        return f"{self.headline(context)}\n\n{body}\n\n{self.next_step(context)}"

    def headline(self, context: Context = "build") -> str:
        """The first sentence of a report: how many problems, and what they stopped."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        them = "it is" if count == 1 else "they are"
        if context == "check":
            return f"The data has {count} {noun}. The site cannot be built until {them} fixed."
        if context == "serve":  # the preview's terminal and its error page both say this
            some = "a problem" if count == 1 else f"{count} problems"
            if any(p.where.file.startswith("overrides/") or p.message.startswith(INTERNAL) for p in self.problems):
                return f"The preview cannot show the site: there {'is' if count == 1 else 'are'} {some}."
            return f"The preview cannot show the site: the data has {some}."
        return f"The data has {count} {noun}. Nothing was published."

    def next_step(self, context: Context = "build") -> str:
        """The last sentence of a report: what to do next."""
        if context == "serve":  # the preview rebuilds when a file is saved: never "run the command again"
            if len(self.problems) == 1:
                return "Fix this in the file named and save: the preview updates by itself."
            return "Fix these in the files named and save: the preview updates by itself."
        return "Fix these in the files named, then run the command again."


def relative(path: Path, root: Path) -> str:
    """A path as the clerk knows it: relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def shorten(text: str, limit: int = 80) -> str:
    """A value quoted in a message: one line, and not too long to read. Invisible characters are shown by their
    code (<U+200B>), so the clerk sees that they are there, and the terminal's display is not reordered."""
    flat = " ".join(str(text).split())
    if not flat.isascii():
        flat = "".join(f"<U+{ord(c):04X}>" if _invisible(c) else c for c in flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
