"""`tracker add update` (and its older name `tracker update`): a progress update on an action or a commitment."""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import get_args

from .. import cli
from ..cli import (
    Stop, _as_at, _choices, _council_ids, _dump, _ids, _key, _map, _read_round_trip, _refuse_links,
    _report_after, _review_dir, _shown, _yaml, find_data_dir, write_atomically,
)
from ..load import FOLDER_KINDS
from ._edit import again_option, refuse_repeat
from ..model import ProgressState
from ..problems import Problem


EXAMPLES = """\
Examples:

  tracker add update peer-on-peer-abuse-2019 iv 1 \\
      --reported-on 2021-03-31 --as-written "31 March 2021" \\
      --text "The letter was sent to the DfE on 12 March 2021." \\
      --state complete --source spotlight-responses

  tracker add update peer-on-peer-abuse-2019 schools-explain-by-december-2020 \\
      --reported-on 2021-01 --text "..." --evidence "cabinet-2020-11-26#c)"

--reported-on is when the source reported the progress, never the day you type
it in. If the source does not say, write --reported-on "not stated": the update
is then recorded with no date. A date the text mentions (the letter was sent on
12 March 2021) stays in the text.
"""


def arguments(parser: argparse.ArgumentParser, data_option, *, old: bool = False) -> None:
    """The options of a progress update (``old``: the `tracker update` spelling, whose date is --date)."""
    parser.add_argument("review", metavar="REVIEW", help="the review's folder name, such as peer-on-peer-abuse-2019")
    parser.add_argument("record", metavar="RECORD",
                        help="the id of the recommendation (such as iv), resolution or commitment")
    parser.add_argument("action", metavar="ACTION", nargs="?",
                        help="the action's number, such as 1 (leave out for a commitment)")
    parser.add_argument("--text", required=True, help="the progress, word for word as the council reported it")
    when = "--date" if old else "--reported-on"
    flags = ["--date", "--reported-on"] if old else ["--reported-on", "--date"]
    other = "--reported-on" if old else "--date"
    parser.add_argument(*flags, dest="date", metavar="DATE",
                        help="when the source reported it: YYYY-MM-DD (or YYYY-MM), or \"not stated\" if the source "
                        f"does not say. Required: it is never filled in for you. ({other} is the same.)")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS",
                        help=f"the {when} date exactly as the source words it, such as '31 March 2021' (default: "
                        "the date in plain words)")
    parser.add_argument("--state", help="not started | in progress | complete (only if the update says so plainly)")
    parser.add_argument("--source", metavar="ID",
                        help="the id of the source document (a file in data/council/sources)")
    parser.add_argument("--evidence", metavar="RECORD[#PART]", action="append", default=[],
                        help="a record that shows what the update says: a meeting, a decision (with '#' and the "
                        "label of its part, such as \"cabinet-2020-11-26#c)\", in quotes), a source document, or a "
                        "record of the review; another review's record as review-id/record-id. May be given more "
                        "than once")
    parser.add_argument("--note", help="anything a reader should know about this update")
    again_option(parser)
    data_option(parser)


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "update", help="a progress update on an action or a commitment",
        description="Add a progress update to one action of a recommendation or resolution, or to a commitment, "
        "keeping the file's comments and layout. The update goes at the end of the action's progress list "
        "(oldest first in the file); pages show the newest first.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    arguments(parser, data_option)
    parser.set_defaults(run=run, date_option="--reported-on")


UPDATABLE = ("recommendations", "resolutions", "commitments")
"""The folders of a review whose records take progress updates (a commitment directly, the others on actions)."""


def find_record(folder: Path, record: str) -> tuple[str, Path]:
    """(the record's folder, its file), or Stop naming the records there are."""
    for sub in UPDATABLE:
        for suffix in (".yml", ".yaml"):
            path = folder / sub / f"{record}{suffix}"
            if path.is_file():
                return sub, path
    known = {sub: _ids(folder / sub) for sub in UPDATABLE}
    everything = [i for ids in known.values() for i in ids]
    guess = difflib.get_close_matches(record, everything, n=1, cutoff=0.5)
    raise Stop(f"Review '{folder.name}' has no recommendation, resolution or commitment '{record}'."
               + (f"\nDid you mean '{guess[0]}'?" if guess else "")
               + "".join(f"\n{sub.capitalize()}: {', '.join(ids)}" for sub, ids in known.items() if ids))


def run(args) -> int:
    from ruamel.yaml.comments import CommentedSeq

    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review)
    sub, rec_path = find_record(folder, args.record)
    noun = sub[:-1]

    _refuse_links(rec_path, data_dir)
    raw, data, crlf = _read_round_trip(rec_path, data_dir)
    holder = args.record
    if noun == "recommendation" and data.get("response") is None and data.get("shares_response_with"):
        holder = str(data["shares_response_with"])
        print(f"Recommendation {args.record} shares its response with recommendation {holder}: "
              f"the update goes on {holder}'s action.")
        rec_path = folder / "recommendations" / f"{holder}.yml"
        if not rec_path.is_file():
            raise Stop(f"Recommendation '{holder}' (named in shares_response_with) has no file.")
        _refuse_links(rec_path, data_dir)
        raw, data, crlf = _read_round_trip(rec_path, data_dir)

    if noun == "commitment":
        if args.action is not None:
            raise Stop(f"A commitment has no actions: its progress is recorded on the commitment itself.\n"
                       f"Leave out the action number: tracker update {args.review} {holder} --text ...")
        target, what = data, f"commitment {holder}"
        after_keys = ("source", "due_changes", "due", "given_by", "text")
    else:
        response = data.get("response")
        actions = response.get("actions") if isinstance(response, dict) else None
        if not actions:
            raise Stop(f"{noun.capitalize()} {holder} has no actions, so there is nothing to add progress to.\n"
                       "Add the action first (see CLERKS_GUIDE.md, 'Add an action').")
        ids = [str(a.get("id")) for a in actions if isinstance(a, dict)]
        if args.action is None:
            raise Stop(f"Give the number of the action of {noun} {holder} that the update is about."
                       + _choices("Its actions", "", ids))
        if args.action not in ids:
            raise Stop(f"{noun.capitalize()} {holder} has no action '{args.action}'."
                       + _choices("Its actions", args.action, ids))
        target, what = actions[ids.index(args.action)], f"{noun} {holder}, action {args.action}"
        after_keys = ("dates_in_text", "success_criteria", "due_changes", "due", "owner", "description")

    entry = _progress_entry(args, folder, data_dir)
    progress = target.get("progress")
    if progress is None:
        progress = CommentedSeq()
        keys = list(target.keys())
        after = [k for k in after_keys if k in keys]
        position = keys.index(after[0]) + 1 if after else len(keys)
        target.insert(position, "progress", progress)
    elif not isinstance(progress, list):
        raise Stop(f"The 'progress' of {what} in {_shown(rec_path, data_dir)} is not a list; "
                   "run 'tracker check' to see what is wrong with it.")
    if isinstance(progress, CommentedSeq) and progress.fa.flow_style():
        progress.fa.set_block_style()
    refuse_repeat(progress, entry, "progress update", rec_path, data_dir, args.again)
    progress.append(entry)

    display = _shown(rec_path, data_dir)
    before = {_key(q) for q in cli._problems(data_dir)}
    after: list[Problem] = []

    def check(temp: Path) -> None:
        # The whole data is checked with the changed file read in place of the original.
        after.extend(cli._problems(data_dir, {rec_path: temp}))
        new = [p for p in after if p.where.file == display and _key(p) not in before]
        if new:
            raise Stop("The update was not added, because it would make the data wrong. Nothing was changed.\n\n"
                       + "\n\n".join(p.explain() for p in sorted(new, key=Problem.sort_key))
                       + "\n\nChange the command and run it again.")

    if rec_path.read_bytes() != raw:
        raise Stop(f"{display} changed while the update was being prepared. Nothing was changed: run the "
                   "command again.")
    write_atomically(rec_path, _dump(data, crlf), check)
    line = _line_of_update(rec_path, noun, args.action)
    print(f"Added a progress update to {what}: {display}{f', line {line}' if line else ''}.")
    return _report_after(data_dir, after)


def _progress_entry(args, folder: Path, data_dir: Path):
    """The new update as a round-trip map, or Stop if what was typed is not usable."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    from ._dates import date_value

    text = args.text.replace("\r\n", "\n").strip()
    if not text:
        raise Stop("The --text is empty: give the progress, word for word.")
    option = getattr(args, "date_option", "--reported-on")  # `tracker update` calls it --date
    if args.date is None and not args.as_written:
        raise Stop(f"Say when the source reported this progress: {option} 2021-03-31 (or 2021-03 for a "
                   "month), with --as-written for the source's own words.\nIf the source does not say, write "
                   f"{option} \"not stated\": the update is then recorded with no date. The date is never "
                   "filled in for you.")
    when = date_value(option, args.date, args.as_written, "--as-written", latest=_as_at(data_dir))
    states = get_args(ProgressState)
    if args.state is not None and args.state not in states:
        guess = difflib.get_close_matches(args.state.lower(), states, n=1, cutoff=0.5)
        raise Stop(f"--state: '{args.state}' is not a progress state."
                   + (f" Did you mean '{guess[0]}'?" if guess else "")
                   + "\nStates: " + ", ".join(f"'{s}'" for s in states))
    if args.source is not None:
        ids = _council_ids(data_dir, "sources")
        if args.source not in ids:
            raise Stop(f"--source: '{args.source}' is not one of the council's source documents "
                       "(the files in data/council/sources)." + _choices("Sources", args.source, ids))
    evidence = [_evidence(value, folder, data_dir) for value in args.evidence]

    entry = CommentedMap()
    if when is not None:
        entry["date"] = when
    else:
        print("No date recorded for this update: the source does not state when it was reported.")
    entry["text"] = LiteralScalarString(text + "\n") if "\n" in text or len(text) > 100 else text
    if args.state:
        entry["state"] = args.state
    if args.source:
        entry["source"] = args.source
    if evidence:
        entry["evidence"] = CommentedSeq()
        for record, part in evidence:
            item = CommentedMap()
            item["record"] = record
            if part is not None:
                item["part"] = DoubleQuotedScalarString(part)
            item.fa.set_flow_style()
            entry["evidence"].append(item)
    if args.note:
        entry["note"] = args.note.strip()
    return entry


def _evidence(value: str, folder: Path, data_dir: Path) -> tuple[str, str | None]:
    """(record, part) from --evidence RECORD[#PART], or Stop if it names nothing."""
    record, hash_, part = value.strip().partition("#")
    record, part = record.strip(), part.strip() if hash_ else None
    if not record:
        raise Stop(f"--evidence: '{value}' names no record. Write the record's id, and for a decision '#' and "
                   "the part's label: --evidence \"cabinet-2020-11-26#c)\"")
    if hash_ and not part:
        raise Stop(f"--evidence: nothing follows the '#' in '{value}'. Give the part's label, such as "
                   f"{record}#a), or leave out the '#'.")
    scope, _, bare = record.rpartition("/")
    decisions = _council_ids(data_dir, "decisions")
    if scope:
        other = data_dir / "reviews" / scope
        if not other.is_dir():
            reviews = _ids_dirs(data_dir / "reviews")
            raise Stop(f"--evidence: '{scope}' in '{record}' is not a review." + _choices("Reviews", scope, reviews))
        known = [i for sub in FOLDER_KINDS for i in _ids(other / sub)]
        if bare not in known:
            raise Stop(f"--evidence: review '{scope}' has no record '{bare}'." + _choices("Its records", bare, known))
    else:
        own = [i for sub in FOLDER_KINDS for i in _ids(folder / sub)]
        council = [*_council_ids(data_dir, "meetings"), *decisions, *_council_ids(data_dir, "sources")]
        if bare not in own and bare not in council:
            guess = difflib.get_close_matches(bare, [*own, *council], n=1, cutoff=0.5)
            raise Stop(f"--evidence: '{bare}' is not a record of this review, nor a meeting, decision or source "
                       "document in data/council." + (f"\nDid you mean '{guess[0]}'?" if guess else "")
                       + "\nWrite another review's record as review-id/record-id.")
    if part is not None:
        if scope or bare not in decisions:
            raise Stop(f"--evidence: only a decision has parts, and '{record}' is not a decision in "
                       "data/council/decisions. Leave out the '#' and what follows it.")
        fields = _map(data_dir / "council" / "decisions" / f"{bare}.yml")
        parts = fields.get("parts")
        labels = [str(p.value["label"].value) for p in (parts.value if parts is not None and parts.kind == "list" else [])  # type: ignore[union-attr]
                  if p.kind == "map" and "label" in p.value]  # type: ignore[operator]
        if part not in labels:
            raise Stop(f"--evidence: the decision '{bare}' has no part '{part}'." + _choices("Its parts", part, labels))
    return record, part


def _ids_dirs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*") if p.is_dir() and not p.name.startswith(".")) \
        if folder.is_dir() else []


def _line_of_update(path: Path, noun: str, action_id: str | None) -> int | None:
    """The line where the last progress update (of the action, or of the commitment) now starts."""
    try:
        data = _yaml().load(path.read_text(encoding="utf-8-sig"))
        holder = data if noun == "commitment" else next(
            a for a in data["response"]["actions"] if str(a.get("id")) == action_id)
        return holder["progress"].lc.item(len(holder["progress"]) - 1)[0] + 1
    except Exception:  # noqa: BLE001 - only a nicety for the message
        return None
