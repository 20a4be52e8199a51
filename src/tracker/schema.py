"""JSON Schemas for the data files, generated from the model so each field is defined once.

Editors (through the ``# yaml-language-server: $schema=...`` first line of each
data file) and CI validators read these; the build validates with the model
itself. The two agree because both come from ``model.py``.

YAML typing: the loader keeps every scalar as the text typed, so ``No``,
``1`` and ``true`` in a text field are the words "No", "1" and "true". A JSON
Schema validator sees what its YAML parser made of them instead (YAML 1.2:
the number 1, the boolean true; YAML 1.1 also makes ``No`` a boolean). So a
text field here accepts a string, a number or a boolean: exactly the values
the loader would accept as text. A yes-or-no field (a committee's ``executive``)
takes a boolean, or the unquoted words yes and no, which YAML 1.2 leaves as
text; a whole number (a period's ``months``) takes a number, or its digits.
Rules across fields (a date needs words or EDTF, a period exactly one unit,
a recommendation a response or a shared one) are in ``_RULES``.
Every kind of data file in ``load.RECORD_KINDS`` has one schema; ``write``
removes schema files no kind uses any more. Dates such as ``2020-11-26`` are strings in
YAML 1.2, which is what editors and ``check-jsonschema`` use; the data quotes
its machine dates anyway.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from . import dates
from .load import RECORD_KINDS
from .model import DateValue, Period, Recommendation
from .validate import ID_PATTERN, LINK_PATTERN, fields_of, is_required, unwrap_optional

DIALECT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: the newest draft every YAML editor understands."""

SCHEMA_LINE = "# yaml-language-server: $schema="
"""How a data file's first line names its schema."""

_TEXT_TYPES = ["string", "number", "boolean"]
"""What a YAML parser may make of text typed without quotes (see the module's note)."""

EDTF_PATTERN = (lambda one: f"^(?:{one}|(?:{one}|\\.\\.)?/(?:{one}|\\.\\.)?)$")(
    re.sub(r"\(\?P<\w+>", "(?:", dates._SINGLE.pattern).lstrip("^").rstrip("$")
)
"""The EDTF forms the data uses, from the pattern ``dates`` parses with."""

_YES_NO = "^(?:[Yy][Ee][Ss]|[Nn][Oo]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
"""The words the loader reads as yes or no, as a YAML 1.2 parser leaves them (text)."""

_FORMATTING = " Formatting: a blank line starts a paragraph; lines starting '- ' are bullets, '1. ' numbers."

# Rules across fields that types cannot say; load.py and validate.py enforce the same.
_RULES: dict[type, dict[str, Any]] = {
    DateValue: {
        "anyOf": [{"required": ["as_written"]}, {"required": ["edtf"]}],
        "if": {"not": {"required": ["as_written"]}},
        "then": {"required": ["note"]},
    },
    Recommendation: {"oneOf": [{"required": ["response"]}, {"required": ["shares_response_with"]}]},
    Period: {"oneOf": [{"required": [unit], "properties": {unit: {"not": {"type": "null"}, "minimum": 1}}}
                       for unit in ("months", "weeks", "days", "working_days")]},
}


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for one kind of data file ('site', 'review', 'recommendation'...)."""
    cls = RECORD_KINDS[kind]
    definitions: dict[str, Any] = {}
    root = _object(cls, definitions)
    return {
        "$schema": DIALECT,
        "title": f"{cls.__name__} ({kind} data file)",
        **root,
        "definitions": dict(sorted(definitions.items())),
    }


def schemas() -> dict[str, str]:
    """Every schema: file name -> its JSON text, exactly as committed under schemas/."""
    return {file_name(kind): json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n" for kind in RECORD_KINDS}


def stale(out_dir: Path) -> list[str]:
    """The schema files under ``out_dir`` that are missing, differ from the model, or belong to no kind of
    data file any more."""
    expected = schemas()
    out = []
    for name, text in expected.items():
        path = Path(out_dir) / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    return out + unused(out_dir)


def unused(out_dir: Path) -> list[str]:
    """Schema files under ``out_dir`` that no kind of data file uses (left from a kind the model dropped)."""
    expected = {file_name(kind) for kind in RECORD_KINDS}
    return sorted(p.name for p in Path(out_dir).glob("*.schema.json") if p.name not in expected)


def write(out_dir: Path) -> list[str]:
    """Write every schema under ``out_dir``, and remove the ones no kind uses; returns the names that changed."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = stale(out_dir)
    gone = set(unused(out_dir))
    for name, text in schemas().items():
        if name in changed:
            (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
    for name in gone:
        (out_dir / name).unlink()
    return changed


def schema_line(path: Path, kind: str, schemas_dir: Path) -> str:
    """The first line a data file should have: its schema, as a path relative to the file."""
    target = os.path.relpath(Path(schemas_dir) / file_name(kind), Path(path).parent)
    return SCHEMA_LINE + Path(target).as_posix()


def _object(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for name, f in fields_of(cls).items():
        properties[name] = _property(f, definitions)
    out: dict[str, Any] = {
        "description": _doc(cls),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    required = [name for name, f in fields_of(cls).items() if is_required(f)]
    if required:
        out["required"] = required
    out.update(_RULES.get(cls, {}))
    return out


def _property(f: dataclasses.Field, definitions: dict[str, Any]) -> dict[str, Any]:
    tp, optional = unwrap_optional(f.type)
    description = f.metadata.get("doc", "") + (_FORMATTING if f.metadata.get("text") else "")
    out: dict[str, Any] = {"description": description}
    out.update(_type(tp, definitions, name=f.name, link=bool(f.metadata.get("link")), nullable=optional))
    if "example" in f.metadata:
        out["examples"] = [f.metadata["example"]]
    return out


def _type(tp: Any, definitions: dict[str, Any], *, name: str = "", link: bool = False,
          nullable: bool = False) -> dict[str, Any]:
    """The schema for one type; ``nullable`` where the loader takes an empty value as 'not given'."""
    null = ["null"] if nullable else []
    if get_origin(tp) is list:
        # An empty field where a list goes is an empty list to the loader.
        (item,) = get_args(tp)
        return {"type": ["array", "null"], "items": _type(item, definitions)}
    if get_origin(tp) is Literal:
        return {"enum": [*get_args(tp), *([None] if nullable else [])]}
    if dataclasses.is_dataclass(tp):
        key = tp.__name__
        if key not in definitions:
            definitions[key] = {}  # reserve the name first: definitions may refer to each other
            definitions[key] = _object(tp, definitions)
        ref = {"$ref": f"#/definitions/{key}"}
        return {"anyOf": [ref, {"type": "null"}]} if nullable else {"allOf": [ref]}
    if tp is bool:
        # YAML 1.2 makes true/false booleans; the loader also takes an unquoted yes or no.
        return {"type": ["boolean", "string", *null], "pattern": _YES_NO}
    if tp is int:
        # A number a YAML parser reads as one; the loader also takes the digits in quotes.
        return {"type": ["integer", "string", *null], "minimum": 0, "pattern": r"^\s*[0-9]+\s*$"}
    if tp is str:
        if link:
            return {"type": ["string", *null], "format": "uri", "pattern": LINK_PATTERN}
        if name == "id":
            return {"type": ["string", "number", *null], "pattern": ID_PATTERN}
        if name == "edtf":
            return {"type": ["string", "integer", *null], "pattern": EDTF_PATTERN}
        return {"type": [*_TEXT_TYPES, *null], "pattern": r"\S"}
    raise TypeError(f"no schema for the model type {tp!r}")  # a model bug, not a data mistake


def _doc(cls: type) -> str:
    return " ".join((cls.__doc__ or cls.__name__).split())
