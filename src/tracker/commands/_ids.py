"""A new record's id, chosen by the clerk: checked before anything is written."""

from __future__ import annotations

import re
from pathlib import Path

from .. import cli
from ..validate import ID_PATTERN, name_key, windows_reason

Stop = cli.Stop


def check_new_id(given: str, data_dir: Path, folders: list[Path]) -> str:
    """``given`` if it can be a new id among the records in ``folders``; else Stop saying why, with a suggestion."""
    new_id = given.strip()
    if not re.match(ID_PATTERN, new_id):
        made = re.sub(r"-+", "-", re.sub(r"[^a-z0-9._-]+", "-", new_id.lower())).strip("-._")
        raise Stop(f"'{new_id}' cannot be an id: an id may hold only letters, digits, '-', '.' and '_' "
                   "(no spaces), as it becomes a file name and part of a web address."
                   + (f"\nDid you mean '{made}'?" if made else ""))
    reason = windows_reason(new_id)
    if reason:
        raise Stop(f"'{new_id}' cannot be an id: {reason}. Pick another name.")
    for folder in folders:
        names = [p.name for p in folder.iterdir() if p.is_dir()] if folder.name == "reviews" and folder.is_dir() \
            else cli._ids(folder) if folder.is_dir() else []
        for other in names:
            if name_key(other) == name_key(new_id):
                same = "is already used" if other == new_id else f"is too like '{other}' (they differ only in capitals)"
                raise Stop(f"'{new_id}' {same}, by {cli._shown(_file_of(folder, other), data_dir)}. Pick another name.")
    return new_id


COUNCIL_FOLDERS = ("committees", "owners", "meetings", "decisions", "sources")
"""The council's records, whose ids share one namespace: a record cites any of them by id alone."""


def check_new_council_id(given: str, data_dir: Path) -> str:
    """``given`` if it can be the id of a new council record (a meeting, owner, source...); else Stop saying why."""
    return check_new_id(given, data_dir, [data_dir / "council" / kind for kind in COUNCIL_FOLDERS])


def _file_of(folder: Path, record_id: str) -> Path:
    """The file (or, for a review, the folder) that holds ``record_id``, named in full: iv.yml, not iv."""
    if folder.name == "reviews":
        return folder / record_id
    found = [p for p in sorted(folder.glob(f"{record_id}.y*ml")) if p.stem == record_id]
    return found[0] if found else folder / f"{record_id}.yml"
