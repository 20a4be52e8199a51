"""Turn data-file nodes into model records, collecting every problem on the way.

The model's type hints say what each field holds; this module reads them, so
no field is described twice. Scalars are interpreted by the field: a text
field keeps exactly what was typed, even ``No`` or ``2020-03``.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
import unicodedata
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from . import dates, synonyms
from .model import DateValue
from .problems import Location, Problem, shorten
from .yamlfile import Node

_NOUNS = {"map": "a group of fields", "list": "a list", "scalar": "a single value"}

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
"""What an ``id`` may be: it becomes a file name and part of a web address."""

WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")])
"""Names Windows keeps for devices: no file or folder may be called one, whatever follows a dot after it."""

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
"""Characters Windows does not allow in a file or folder name."""


def windows_reason(name: str) -> str | None:
    """Why a Windows computer cannot store a file or folder called ``name`` (None if it can). The tracker's
    files are checked out on Windows laptops, so a name that works only elsewhere breaks the record there."""
    base = name.split(".", 1)[0].rstrip(" ").casefold()
    if base in WINDOWS_RESERVED:
        return (f"'{base.upper()}' is a name Windows keeps for a device, so no file or folder can be called "
                f"'{name}' (in any mix of capitals, with or without an ending such as '.yml') on a Windows computer")
    if name.endswith((".", " ")):
        kept = name.rstrip(". ")
        return (f"it ends with {'a dot' if name.endswith('.') else 'a space'}, which Windows drops from file and "
                f"folder names, so on a Windows computer it would be the same as '{kept}'")
    bad = [c for c in name if c in WINDOWS_FORBIDDEN or ord(c) < 32]
    if bad:
        shown = ", ".join(f"'{c}'" if ord(c) >= 32 else f"U+{ord(c):04X}" for c in dict.fromkeys(bad))
        return f"it holds {shown}, which Windows does not allow in file and folder names"
    return None


def name_key(name: str) -> str:
    """A name as a case-insensitive computer sees it: capitals and the two ways of storing an accented letter
    (one character, or a letter and a separate accent) set aside. Windows and Mac computers treat names with
    the same key as one."""
    return unicodedata.normalize("NFC", name).casefold()


def how_names_differ(one: str, other: str) -> str:
    """In words, how two names with the same key differ."""
    if unicodedata.normalize("NFC", one) == unicodedata.normalize("NFC", other):
        return ("they look the same and differ only in how an accented letter is stored (as one character, "
                "or as a letter followed by a separate accent)")
    if one.casefold() == other.casefold():
        return "they differ only in capital letters"
    return "they differ only in capital letters and in how an accented letter is stored"


PLACEHOLDER = "TODO:"
"""How a template (``tracker new``) marks what is still to be filled in; never published."""

LINK_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
"""What a field marked ``link`` may hold: a web address, so nothing else is ever a link."""


@cache
def fields_of(cls: type) -> dict[str, dataclasses.Field]:
    """The fields a data file may give for a record (loaded sub-folders excluded)."""
    hints = typing.get_type_hints(cls)
    result = {}
    for f in dataclasses.fields(cls):
        if f.metadata.get("folder") is None:
            f.type = hints[f.name]
            result[f.name] = f
    return result


def is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def unwrap_optional(tp: Any) -> tuple[Any, bool]:
    """(the type, whether None is allowed)."""
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return args[0], len(args) < len(get_args(tp))
    return tp, False


def describe(tp: Any) -> str:
    """A type in the words of the guide."""
    tp, _ = unwrap_optional(tp)
    if tp is str:
        return "text"
    if tp is bool:
        return "yes or no"
    if tp is int:
        return "a whole number"
    if get_origin(tp) is Literal:
        return "one of: " + ", ".join(f"'{a}'" for a in get_args(tp))
    if get_origin(tp) is list:
        return f"a list of {describe(get_args(tp)[0])}"
    if tp is DateValue:
        return "a date (as_written and/or edtf)"
    if dataclasses.is_dataclass(tp):
        return f"a group of fields ({', '.join(fields_of(tp))})"
    return str(tp)


class Builder:
    """Builds records from nodes; problems accumulate in ``problems``."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.where: dict[tuple[int, str], Location] = {}
        """(id(record), field) -> where it was written; '' for the record itself."""
        self._open: list[tuple[type, Node]] = []
        """The records being built, outermost first: where a field in the wrong one belongs."""

    def problem(self, where: Location, path: str, message: str, **extra: Any) -> None:
        self.problems.append(Problem(where, path, message, **extra))

    def locate(self, record: object, field_name: str = "") -> Location | None:
        return self.where.get((id(record), field_name))

    def build(self, cls: type, node: Node, path: str = "") -> Any:
        """A record of type ``cls`` from a map node, or None if it cannot be made."""
        self._open.append((cls, node))
        try:
            return self._build(cls, node, path)
        finally:
            self._open.pop()

    def _build(self, cls: type, node: Node, path: str) -> Any:
        if node.kind != "map":
            if cls is DateValue and node.kind == "scalar":
                self._date_as_one_value(node, path)
                return None
            self.problem(
                node.where,
                path,
                f"This should be {describe(cls)}, but it is {_NOUNS[node.kind]}.",
                found=_show(node) if node.kind == "scalar" else None,
            )
            return None
        known = fields_of(cls)
        values: dict[str, Any] = {}
        ok = True
        misspelt: set[str] = set()  # fields a typo probably meant: not reported missing as well
        for key, child in node.value.items():  # type: ignore[union-attr]
            key_where = node.key_where.get(key, child.where)
            if key not in known:
                misplaced = self._misplaced(cls, node, key, key_where)
                if misplaced is not None:
                    self.problem(key_where, _join(path, key), misplaced[0], suggestion=misplaced[1])
                    ok = False
                    continue
                guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                misspelt.update(g for g in guess if g not in node.value)  # type: ignore[operator]
                self.problem(
                    key_where,
                    _join(path, key),
                    f"'{key}' is not a field of {_article(cls)}. It may be a typo.",
                    expected="one of: " + ", ".join(known),
                    suggestion=f"Did you mean '{guess[0]}'?" if guess else None,
                )
                ok = False
                continue
            f = known[key]
            value, good = self.value(f.type, child, _join(path, key), f.metadata)
            ok &= good
            if good:
                values[key] = value
        for name, f in known.items():
            if name not in node.value and is_required(f) and name not in misspelt:  # type: ignore[operator]
                self.problem(
                    node.where,
                    _join(path, name),
                    f"The required field '{name}' is missing.",
                    expected=f"a line '{name}: ...' giving {describe(f.type)}",
                )
                ok = False
        if not ok:
            return None
        record = cls(**values)
        self.where[(id(record), "")] = node.where
        for key, child in node.value.items():  # type: ignore[union-attr]
            self.where[(id(record), key)] = child.where
            if child.kind == "list":  # each item too, so a problem with one reference points at it
                for index, item in enumerate(child.value, start=1):  # type: ignore[arg-type]
                    self.where[(id(record), f"{key}[{index}]")] = item.where
        if cls is DateValue:
            self._check_date(record, node, path)
        return record

    def _misplaced(self, cls: type, node: Node, key: str, at: Location) -> tuple[str, str] | None:
        """(message, suggestion) when ``key`` is a field of the record just above this line or of the record
        this one is part of: then the cause is the line's indentation, not its spelling."""
        inner = _inner_record(cls, node, key, at)
        if inner is not None:
            inner_cls, inner_node = inner
            why = (f"it is outside the {_noun(inner_cls)}'s curly brackets" if _in_brackets(inner_node)
                   else "this line is indented too little")
            return (f"'{key}' is not a field of {_article(cls)}, but it is a field of {_article(inner_cls)}: {why}, "
                    f"so it is read as part of the {_noun(cls)} instead of the {_noun(inner_cls)} above it.",
                    _line_up(key, at, inner_node, inner_cls))
        for outer_cls, outer_node in reversed(self._open[:-1]):
            if key in fields_of(outer_cls):
                return (f"'{key}' is not a field of {_article(cls)}, but it is a field of {_article(outer_cls)}: "
                        f"this line is indented too far, so it is read as part of the {_noun(cls)} inside the "
                        f"{_noun(outer_cls)}.",
                        _line_up(key, at, outer_node, outer_cls))
        return None

    def value(self, tp: Any, node: Node, path: str, meta: Any = None) -> tuple[Any, bool]:
        meta = meta or {}
        tp, optional = unwrap_optional(tp)
        if node.kind == "scalar" and node.value is None:
            if optional:
                return None, True
            if get_origin(tp) is list:
                return [], True
            self.problem(node.where, path, "This field is empty, but it needs a value.", expected=describe(tp))
            return None, False
        if get_origin(tp) is list:
            if node.kind != "list":
                self.problem(
                    node.where,
                    path,
                    f"This should be a list (each item on its own line starting '- '), "
                    f"but it is {_NOUNS[node.kind]}.",
                    found=_show(node),
                    suggestion=f"Write it as a list: '{path.rsplit('.', 1)[-1]}: [{shorten(str(node.value), 40)}]', "
                    "or put each item on its own line below, starting '- '."
                    if node.kind == "scalar" else None,
                )
                return None, False
            (item_type,) = get_args(tp)
            items, ok = [], True
            for index, child in enumerate(node.value, start=1):  # type: ignore[arg-type]
                item, good = self.value(item_type, child, f"{path}[{index}]")
                ok &= good
                items.append(item)
            return items, ok
        if dataclasses.is_dataclass(tp):
            record = self.build(tp, node, path)
            return record, record is not None
        if node.kind != "scalar":
            self.problem(
                node.where,
                path,
                f"This should be {describe(tp)}, but it is {_NOUNS[node.kind]}.",
                suggestion="Write text on one line after the colon, or write '|' after the colon and the text "
                "indented below it. Text that starts with '[' or '{' must be in quotes."
                if tp is str
                else None,
            )
            return None, False
        text = str(node.value)
        if tp is str:
            if not text.strip():
                self.problem(node.where, path, "This text is blank.", expected="some text")
                return None, False
            if text.lstrip().startswith(PLACEHOLDER):
                self.problem(node.where, path, "This still holds the template's placeholder (TODO).",
                             found=f"'{shorten(text)}'",
                             suggestion="Replace the TODO line with the words from the source.")
                return None, False
            if path.rsplit(".", 1)[-1] == "id" and not re.match(ID_PATTERN, text):
                self.problem(
                    node.where,
                    path,
                    "An id may hold only the letters a–z and A–Z, digits, '-', '.' and '_' (no spaces or "
                    "accents): it becomes a file name and part of a web address." + _id_character(text),
                    found=f"'{shorten(text)}'",
                    suggestion=f"Did you mean '{_as_id(text)}'?" if _as_id(text) else None,
                )
                return None, False
            if path.rsplit(".", 1)[-1] == "id" and (reason := windows_reason(text)):
                kept = text.rstrip(". ")
                self.problem(
                    node.where,
                    path,
                    f"The id '{text}' cannot be used: {reason}. The record's file and page folder are named "
                    "after it.",
                    found=f"'{shorten(text)}'",
                    suggestion=(f"Did you mean '{kept}'? " if kept and kept != text and not windows_reason(kept)
                                else "") + "Give it another id (a longer name, or the next free number), and "
                    "name its file to match.",
                )
                return None, False
            if meta.get("link") and not re.match(LINK_PATTERN, text.strip()):
                self.problem(
                    node.where,
                    path,
                    "This must be a web address starting 'https://' (or 'http://'): nothing else is made a link.",
                    found=f"'{shorten(text)}'",
                    expected="a web address, such as https://www.example.gov.uk/page",
                    suggestion=_link_suggestion(text),
                )
                return None, False
            return text, True
        if tp is bool:
            folded = text.strip().lower()
            if not node.quoted and folded in ("true", "yes", "false", "no"):
                return folded in ("true", "yes"), True
            self.problem(node.where, path, f"'{shorten(text)}' is not yes or no.", found=f"'{shorten(text)}'",
                         expected="true or false", suggestion="Write true or false, without quotes.")
            return None, False
        if tp is int:
            if text.strip().isdigit():
                return int(text.strip()), True
            self.problem(node.where, path, f"'{shorten(text)}' is not a whole number.", found=f"'{shorten(text)}'",
                         expected="a whole number, such as 2", suggestion="Write the number in digits, without quotes.")
            return None, False
        if get_origin(tp) is Literal:
            # The exact words only, as the JSON Schema says, so editors and the build agree.
            allowed = get_args(tp)
            if text in allowed:
                return text, True
            folded = " ".join(text.lower().replace("_", " ").replace("-", " ").split())
            synonym = synonyms.meant(tp, text)
            if folded in allowed:
                suggestion = f"Write it exactly as '{folded}': lower case, with spaces between the words."
            elif synonym is not None:
                suggestion = _synonym_suggestion(path, text, synonym)
            else:
                guess = difflib.get_close_matches(folded, allowed, n=1, cutoff=0.5)
                suggestion = f"Did you mean '{guess[0]}'?" if guess else None
            self.problem(
                node.where,
                path,
                f"'{shorten(text)}' is not {_literal_noun(path)}.",
                found=f"'{shorten(text)}'",
                expected="one of: " + ", ".join(f"'{a}'" for a in allowed),
                suggestion=suggestion,
            )
            return None, False
        raise TypeError(f"unsupported field type {tp!r}")  # a model bug, not a data mistake

    def _check_date(self, value: DateValue, node: Node, path: str) -> None:
        if value.edtf is None and value.as_written is None:
            self.problem(
                node.where,
                path,
                "This date has neither 'as_written' nor 'edtf'.",
                suggestion="Give the date as the source words it, the EDTF machine date, or both.",
            )
            return
        if value.edtf is not None:
            where = node.value.get("edtf", node).where  # type: ignore[union-attr]
            try:
                value.parsed  # noqa: B018 - parsing is the check
            except dates.EdtfError as error:
                guess = suggest_edtf(value.edtf)
                self.problem(
                    where,
                    _join(path, "edtf"),
                    str(error),
                    found=f"'{shorten(value.edtf)}'",
                    expected="a date such as 2020-11-26, 2020-03, 2020, 2020-03~ or 2020-07/2020-09",
                    suggestion=(f"Did you mean '{guess}'? Keep the source's own wording in 'as_written'."
                                if guess else None),
                )
                return
        if value.as_written is None and not value.note:
            self.problem(
                node.where,
                path,
                "This date is not stated in the source (no 'as_written'), so a 'note' must say how it was worked out.",
                suggestion="Add a 'note' explaining where the date comes from.",
            )


    def _date_as_one_value(self, node: Node, path: str) -> None:
        text = str(node.value)
        guess = suggest_edtf(text)
        field_name = path.rsplit(".", 1)[-1].split("[")[0] or "date"
        written = f'{{as_written: "{shorten(text, 40)}", edtf: "{guess}"}}' if guess else f'{{as_written: "{shorten(text, 40)}"}}'
        self.problem(
            node.where,
            path,
            "A date is written as a group: 'as_written' (the source's words) and 'edtf' (the machine date).",
            found=f"'{shorten(text)}'",
            expected="a date (as_written and/or edtf)",
            suggestion=f"Write it as {field_name}: {written}",
        )


_MONTH_NAMES = {name.lower(): number for number, name in enumerate(dates._MONTHS) if name}
_MONTH_NAMES.update({name[:3]: number for name, number in list(_MONTH_NAMES.items())})
_MONTH_NAMES["sept"] = 9


def suggest_edtf(text: str) -> str | None:
    """The EDTF a clerk probably meant by a date written another way, if it is clear."""
    words = " ".join(str(text).strip().lower().replace(",", " ").split())
    guess = None
    if "/" in words and all(re.fullmatch(r"\d{4}(-\d{1,2}(-\d{1,2})?)?[~?%]?|\.\.|", p) for p in words.split("/")):
        left, _, right = words.partition("/")
        if left and right and left != ".." and right != "..":
            guess = f"{right}/{left}"  # written back to front
    elif match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", words):
        guess = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"  # British order: day first
    elif match := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", words):
        guess = f"{match[2]}-{int(match[1]):02d}"
    elif match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?([~?%]?)", words):
        guess = f"{match[1]}-{int(match[2]):02d}" + (f"-{int(match[3]):02d}" if match[3] else "") + match[4]
    elif match := re.search(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?\s+(\d{4})$", words):
        month = _MONTH_NAMES.get(match[2])
        if month:
            guess = f"{match[3]}-{month:02d}" + (f"-{int(match[1]):02d}" if match[1] else "")
    elif match := re.fullmatch(r"(?:[a-z ]+\s)?(\d{4})", words):
        guess = match[1]
    if guess is None or guess == str(text).strip():
        return None
    try:
        dates.parse(guess)
    except dates.EdtfError:
        return None
    return guess


def _as_id(text: str) -> str:
    # Accents come off their letters, and invisible characters go, before anything else becomes a '-'.
    bare = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if unicodedata.category(c) not in ("Mn", "Cf", "Cc"))
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9._-]+", "-", bare.strip().lower())).strip("-._")


_INVISIBLE_WHY = {
    "bidi": "it changes the order in which the text around it is shown, so the id would not read as it is stored",
    "zero-width": "it cannot be seen, so the id would look like another one and still differ from it",
}


def _id_character(text: str) -> str:
    """A sentence naming the first character that makes ``text`` not an id, if it needs explaining."""
    if text[:1] in ("-", ".", "_"):
        return " It must start with a letter or a digit."
    for c in text:
        if c.isascii() and (c.isalnum() or c in "-._"):
            continue
        code, name = ord(c), unicodedata.name(c, "")
        category = unicodedata.category(c)
        label = f"U+{code:04X}" + (f" ({name.lower()})" if name else "")
        if c == " ":
            return ""
        if category in ("Cf", "Cc", "Zl", "Zp") or category == "Zs":
            kind = "bidi" if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x200E, 0x200F, 0x61C) \
                else "zero-width"
            return f" It holds an invisible character, {label}: {_INVISIBLE_WHY[kind]}."
        if category == "Mn":
            return (f" It holds a separate accent, {label}, joined to the letter before it: ids use letters "
                    "without accents.")
        if c.isalpha():
            return (f" It holds '{c}' (U+{code:04X}), a letter outside the plain English alphabet: ids use a–z "
                    "and A–Z only.")
        return f" It holds '{c}'." if c.isprintable() else f" It holds {label}."
    return ""


def _link_suggestion(text: str) -> str:
    bare = text.strip()
    if re.match(r"^(www\.|[a-z0-9-]+\.(gov|org|co|com|net|uk)\b)", bare, re.I) and " " not in bare:
        return f"Did you mean 'https://{bare}'?"
    return "Copy the address from the browser's address bar; it starts 'https://'."


def _synonym_suggestion(path: str, text: str, value: str) -> str:
    """What to write instead of a word the council uses for one of the vocabulary's values."""
    last = path.rsplit(".", 1)[-1].split("[")[0]
    said = f"'{shorten(text, 40)}'"
    if last == "decision":
        return (f"The council's word {said} means '{value}' here: write 'decision: {value}', and keep the council's "
                f"own word in 'decision_words: {shorten(text, 40)}' so the page can quote it.")
    return f"Did you mean '{value}'? The tracker's word for {said} is '{value}'."


def _literal_noun(path: str) -> str:
    last = path.rsplit(".", 1)[-1].split("[")[0]
    return {
        "decision": "a decision",
        "state": "a progress state",
        "addressed_to": "someone a recommendation can be addressed to",
        "basis": "a glossary basis",
        "outcome": "an assessment outcome",
        "tone": "a colour family",
        "nation": "a nation",
    }.get(last, "an allowed value")


def _inner_record(cls: type, node: Node, key: str, at: Location) -> tuple[type, Node] | None:
    """The record written just above line ``at`` inside ``node`` (at any depth) that has a field ``key``."""
    def line_of(name: str) -> int:
        return (node.key_where.get(name) or node.value[name].where).line or 0  # type: ignore[index]

    above = [name for name in node.value if name != key and line_of(name) < (at.line or 0)]  # type: ignore[union-attr]
    known = fields_of(cls)
    if not above:
        return None
    name = max(above, key=line_of)
    if name not in known:
        return None
    child: Node | None = node.value[name]  # type: ignore[index]
    tp, _ = unwrap_optional(known[name].type)
    if get_origin(tp) is list:
        tp = get_args(tp)[0]
        maps = [item for item in child.value if item.kind == "map"] if child.kind == "list" else []  # type: ignore[union-attr]
        child = maps[-1] if maps else None
    if child is None or child.kind != "map" or not dataclasses.is_dataclass(tp) or not child.value:
        return None
    if key in fields_of(tp):
        return tp, child
    return _inner_record(tp, child, key, at)


def _line_up(key: str, at: Location, group: Node, owner: type) -> str:
    """Which line to line ``key`` up with: the group's field nearest above it (or, if the group already has the
    field, that this line may only repeat it)."""
    if key in group.key_where:
        return (f"The {_noun(owner)} already has '{key}' (line {group.key_where[key].line}): if this line repeats it, "
                "delete one of them; if not, move this line to the group it belongs to, lined up with its fields.")
    if _in_brackets(group):
        first = min(group.key_where, key=lambda name: (group.key_where[name].line or 0, group.key_where[name].column or 0))
        return (f"Put it inside the curly brackets on line {group.where.line}, with the {_noun(owner)}'s other "
                f"fields: {{{first}: ..., {key}: ...}}.")
    fields = sorted(((where.line or 0, name, where) for name, where in group.key_where.items()
                     if (where.line or 0) < (at.line or 0)), key=lambda f: f[0])
    if not fields:
        fields = sorted((where.line or 0, name, where) for name, where in group.key_where.items())
    if not fields:
        return "Indent it to match the fields of the group it belongs to."
    line, name, where = fields[-1]
    spaces = (where.column or 1) - (at.column or 1)
    move = (f": move it {spaces} space{'s' if spaces != 1 else ''} to the right" if spaces > 0
            else f": move it {-spaces} space{'s' if spaces != -1 else ''} to the left" if spaces < 0 else "")
    return (f"Line '{key}' up with '{name}' on line {line} (the same number of spaces before it){move}. "
            "If it is not meant to be there, delete it.")


def _in_brackets(group: Node) -> bool:
    """Whether a group is written in curly brackets: it then starts at its '{', not at its first field."""
    first = min(group.key_where.values(), key=lambda w: (w.line or 0, w.column or 0), default=None)
    return first is not None and (first.line, first.column) != (group.where.line, group.where.column)


def _noun(cls: type) -> str:
    return _article(cls).split(" ", 1)[1]


def _article(cls: type) -> str:
    name = {"DateValue": "date", "ProgressUpdate": "progress update", "DueChange": "due date change",
            "DecisionPart": "decision part", "DateInText": "date in the text", "ReportBack": "report-back",
            "ScaleValue": "assessment scale value", "Clocks": "clock settings"}.get(cls.__name__, cls.__name__.lower())
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _show(node: Node) -> str:
    if node.kind == "scalar":
        return f"'{shorten(str(node.value))}'"
    return _NOUNS[node.kind]
