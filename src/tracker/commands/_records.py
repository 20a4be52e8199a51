"""Finding the record (and the action in it) a command is about, or saying plainly what there is instead."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import cli
from . import update
from ._edit import read_record

Stop = cli.Stop


@dataclass
class Target:
    """A record's file, read round-trip, and the part of it a command changes."""

    path: Path
    raw: bytes
    data: Any
    """The whole file, round-trip."""
    crlf: bool
    noun: str
    """recommendation, resolution or commitment."""
    record: str
    """The id of the record whose file is changed (a shared response's holder, where it is one)."""
    holder: Any
    """The map the change goes into: the record itself, or one action of its response."""
    at: list[Any]
    """The keys and positions from the file's top to ``holder``."""
    what: str
    """'recommendation iv, action 1', 'commitment letters-by-september'."""


def record(data_dir: Path, review: str, record_id: str, *, follow_shared: bool = True) -> Target:
    """A recommendation, resolution or commitment of a review, read round-trip (the record itself as holder)."""
    folder = cli._review_dir(data_dir, review)
    sub, path = update.find_record(folder, record_id)
    noun = sub[:-1]
    raw, data, crlf = read_record(path, data_dir)
    if follow_shared and noun == "recommendation" and data.get("response") is None \
            and data.get("shares_response_with"):
        holder = str(data["shares_response_with"])
        print(f"Recommendation {record_id} shares its response with recommendation {holder}: "
              f"the change goes on {holder}'s response.")
        path = folder / "recommendations" / f"{holder}.yml"
        if not path.is_file():
            raise Stop(f"Recommendation '{holder}' (named in shares_response_with) has no file.")
        raw, data, crlf = read_record(path, data_dir)
        record_id = holder
    return Target(path, raw, data, crlf, noun, record_id, data, [], f"{noun} {record_id}")


def action_or_commitment(data_dir: Path, review: str, record_id: str, action: str | None, job: str) -> Target:
    """The action of a recommendation or resolution (or the commitment itself) that ``job`` is about."""
    target = record(data_dir, review, record_id)
    if target.noun == "commitment":
        if action is not None:
            raise Stop("A commitment has no actions: this is recorded on the commitment itself.\n"
                       f"Leave out the action number: tracker {job} {review} {target.record} ...")
        return target
    response = target.data.get("response")
    actions = response.get("actions") if isinstance(response, dict) else None
    if not actions:
        raise Stop(f"{target.what.capitalize()} has no actions.\n"
                   "Add the action first (see CLERKS_GUIDE.md, 'Add an action').")
    ids = [str(a.get("id")) for a in actions if isinstance(a, dict)]
    if action is None:
        raise Stop(f"Give the number of the action of {target.what} that this is about."
                   + cli._choices("Its actions", "", ids))
    if action not in ids:
        raise Stop(f"{target.what.capitalize()} has no action '{action}'." + cli._choices("Its actions", action, ids))
    index = ids.index(action)
    target.holder = actions[index]
    target.at = ["response", "actions", index]
    target.what = f"{target.what}, action {action}"
    return target


def meeting(data_dir: Path, meeting_id: str) -> dict:
    """A council meeting's fields (as nodes), or Stop naming the meetings there are."""
    meetings = cli._council_ids(data_dir, "meetings")
    if meeting_id not in meetings:
        raise Stop(f"There is no meeting '{meeting_id}' in data/council/meetings."
                   + cli._choices("Meetings", meeting_id, meetings)
                   + "\nAdd the meeting's file to data/council/meetings first: tracker new meeting ID --title \"...\" ... "
                   "(see tracker new meeting --help).")
    return cli._map(data_dir / "council" / "meetings" / f"{meeting_id}.yml")
