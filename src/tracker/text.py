"""The small formatting clerks may use in text fields, and nothing else.

A blank line starts a paragraph; lines starting ``- `` (or a bullet character)
are a bulleted list; lines starting ``1. `` a numbered list. Everything else is
literal text: HTML, Markdown and template syntax are shown as typed, because
templates escape every piece this module returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

_BULLET = re.compile(r"^\s*(?:[-•·*])\s+(.*)$")
_NUMBER = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")


@dataclass(frozen=True)
class Block:
    """A paragraph (``p``) or a list (``ul``/``ol``) of items."""

    kind: str
    items: tuple[str, ...]
    start: int = 1
    """For a numbered list: the first item's number."""


def blocks(text: str | None) -> list[Block]:
    """Split a text field into paragraphs and lists."""
    if not text:
        return []
    result: list[Block] = []
    kind, items, start = "", [], 1

    def flush() -> None:
        nonlocal kind, items, start
        if items:
            result.append(Block(kind, tuple(items), start))
        kind, items, start = "", [], 1

    for line in text.split("\n"):
        if not line.strip():
            flush()
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet:
            if kind != "ul":
                flush()
                kind = "ul"
            items.append(bullet[1].strip())
        elif number:
            if kind != "ol":
                flush()
                kind, start = "ol", int(number[1])
            items.append(number[2].strip())
        elif kind in ("ul", "ol"):
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            kind = "p"
            items = [f"{items[0]} {line.strip()}"] if items else [line.strip()]
    flush()
    return result


def plain(text: str | None) -> str:
    """A text field as one line of plain words (for descriptions, CSV and feeds)."""
    return " ".join((text or "").split())


class Abbreviations:
    """Finds the glossary's abbreviations in text, as whole words."""

    def __init__(self, terms: dict[str, str]):
        self.terms = terms
        """abbreviation -> expansion (or '' where unknown)."""
        words = sorted(terms, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, words)) + r")(?:s\b|(?![\w&]))") if words else None

    def segments(self, text: str) -> list[tuple[str, str | None]]:
        """(piece of text, the abbreviation it is or None)."""
        if not self.pattern:
            return [(text, None)]
        out: list[tuple[str, str | None]] = []
        last = 0
        for match in self.pattern.finditer(text):
            if match.start() > last:
                out.append((text[last:match.start()], None))
            out.append((match.group(0), match.group(1)))
            last = match.end()
        if last < len(text):
            out.append((text[last:], None))
        return out

    def found_in(self, *texts: str | None) -> list[str]:
        """The abbreviations that occur in these texts, in glossary order."""
        if not self.pattern:
            return []
        seen = set()
        for text in texts:
            for match in self.pattern.finditer(text or ""):
                seen.add(match.group(1))
        return [t for t in self.terms if t in seen]


@dataclass(frozen=True)
class SharedNote:
    """A note that says the same thing on several records: said once, on the sources page, and linked."""

    anchor: str
    """Its place on the sources page ("note-1")."""
    text: str
    records: tuple[object, ...]
    """The records it is written on, in record order."""


def shared_notes(records: list[object], least: int = 3,
                 parts: Iterable[dict[str, tuple[str, list[object]]]] | None = None) -> dict[str, SharedNote]:
    """The notes written word for word on at least ``least`` records (anywhere inside them: a response's note,
    an action's), keyed by their words as one line, so a page can link to the one place it is said. ``parts``:
    ``notes_in`` of the records taken a part at a time, in order (the preview keeps each review's)."""
    found: dict[str, tuple[str, list[object]]] = {}
    for part in parts if parts is not None else [notes_in(records)]:
        for key, (text, owners) in part.items():
            found.setdefault(key, (text, []))[1].extend(owners)
    shared = [(key, text, owners) for key, (text, owners) in found.items() if len(owners) >= least]
    return {key: SharedNote(f"note-{n}", text, tuple(owners)) for n, (key, text, owners) in enumerate(shared, 1)}


def notes_in(records: list[object]) -> dict[str, tuple[str, list[object]]]:
    """Every note in the records, by its words as one line: (its words as first written, the records it is on)."""
    found: dict[str, tuple[str, list[object]]] = {}

    for record in records:
        for child in texts_named(record, "note"):
            text, owners = found.setdefault(plain(child), (child, []))
            if not owners or owners[-1] is not record:
                owners.append(record)
    return found


def texts_named(value: object, name: str) -> Iterator[str]:
    """Every text in a field called ``name`` anywhere inside ``value`` (a record, its response, its actions...),
    in the order of the fields."""
    if isinstance(value, list):
        for item in value:
            yield from texts_named(item, name)
    elif hasattr(value, "__dataclass_fields__"):
        for field_name in value.__dataclass_fields__:  # type: ignore[union-attr]
            child = getattr(value, field_name)
            if field_name == name and isinstance(child, str):
                yield child
            elif not isinstance(child, str):
                yield from texts_named(child, name)
