"""`tracker check`: every data file checked, every problem listed, and what the data holds."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from .. import cli, schema
from ..cli import _shown, find_data_dir
from ..load import data_files, kind_of
from ..problems import DataProblems, Problem


def run(args) -> int:
    data_dir = find_data_dir(args.data)
    started = time.monotonic()
    try:
        loaded = cli.load(data_dir)
        from ..build import page_collisions

        clashes = page_collisions(loaded)
        if clashes:
            raise DataProblems(clashes)
    except DataProblems as problems:
        print(problems.report("check"), file=sys.stderr)
        return 1
    tracker = loaded.tracker
    records: Counter = Counter()
    inside: Counter = Counter()
    for review in tracker.reviews:
        records["review"] += 1
        for kind in ("recommendations", "resolutions", "commitments", "events"):
            records[kind[:-1]] += len(getattr(review, kind))
        for item in (*review.recommendations, *review.resolutions):
            for action in item.response.actions if item.response else []:
                inside["action"] += 1
                inside["progress update"] += len(action.progress)
        for item in (*review.recommendations, *review.resolutions, *review.commitments):
            inside["assessment"] += len(item.assessments)
        for commitment in review.commitments:
            inside["progress update"] += len(commitment.progress)
    council = tracker.council
    for kind in ("committees", "owners", "meetings", "decisions", "sources"):
        records[kind[:-1]] += len(getattr(council, kind))
    for decision in council.decisions:
        for part in decision.parts:
            inside["action"] += len(part.actions)
            inside["progress update"] += sum(len(a.progress) for a in part.actions)
            inside["assessment"] += len(part.assessments)
    total = sum(records.values())
    listed = ", ".join(_count(n, kind) for kind, n in records.items() if n)
    print(f"The data is ready to publish: {listed or 'no records yet'} "
          f"({_count(total, 'record')}) checked in {time.monotonic() - started:.1f} s.")
    held = [_count(n, kind) for kind, n in inside.items() if n]
    if held:
        print("They hold " + (", ".join(held[:-1]) + " and " + held[-1] if len(held) > 1 else held[0]) + ".")
    print(f"Statuses are worked out as at {loaded.as_at.day} {loaded.as_at:%B %Y}.")
    for warning in sorted(loaded.warnings, key=Problem.sort_key):
        print("\nWarning: " + warning.explain())
    if loaded.warnings:
        print(f"\n{_count(len(loaded.warnings), 'warning')}: worth a look, but "
              f"{'it does' if len(loaded.warnings) == 1 else 'they do'} not stop the site being published.")
    for note in schema_line_notes(data_dir):
        print(note)
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def schema_line_notes(data_dir: Path) -> list[str]:
    """Files whose first line does not name their JSON Schema (editors then cannot help)."""
    notes = []
    schemas_dir = data_dir.parent / "schemas"
    for path in data_files(data_dir):
        kind = kind_of(path, data_dir)
        if kind is None:
            continue
        try:
            first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].rstrip("\r")
        except (OSError, UnicodeDecodeError):
            continue
        expected = schema.schema_line(path, kind, schemas_dir)
        if first != expected and not (first.startswith(schema.SCHEMA_LINE + "http")
                                      and first.endswith("/" + schema.file_name(kind))):
            notes.append(f"Note: {_shown(path, data_dir)} does not start with its schema line, so editors "
                         f"cannot check it as you type. Make its first line:\n  {expected}")
    return notes
