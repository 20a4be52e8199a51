"""The `tracker` command: check the data, add progress updates, start new records, write the schemas."""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Callable, Sequence, get_args

from . import dates, schema
from .load import FOLDER_KINDS, RECORD_KINDS, build_date, data_files, kind_of, linked, load, order_key, roman_value
from .model import ProgressState
from .problems import DataProblems, Problem
from .validate import ID_PATTERN, fields_of, name_key, suggest_edtf, windows_reason
from .yamlfile import read as read_yaml, symlink_problem

DESCRIPTION = """\
Keep the scrutiny tracker's data in order.

  tracker check                          check every data file (fast; does not build the site)
  tracker update REVIEW RECORD ACTION --text "..." [--date 2021-03-31] [--evidence RECORD#PART]
                                         add a dated progress update to an action of a
                                         recommendation or resolution
  tracker update REVIEW COMMITMENT --text "..."
                                         add a dated progress update to a commitment
  tracker new recommendation REVIEW      start the next recommendation's file
  tracker new resolution REVIEW --meeting MEETING
                                         start the next resolution's file
  tracker new commitment REVIEW --meeting MEETING [--id NAME]
                                         start a commitment's file (an undertaking in the minutes)
  tracker schema                         write the JSON Schemas in schemas/ from the model

Each command that changes a file checks all the data afterwards and says what,
if anything, still needs fixing. See CLERKS_GUIDE.md for worked examples.
"""


class Stop(Exception):
    """A command cannot go on: the message says why, for the clerk."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except Stop as stop:
        print(stop, file=sys.stderr)
        return stop.code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a clerk never sees a traceback
        if os.environ.get("TRACKER_DEBUG"):
            raise
        print(
            "Something went wrong inside the tracker itself, not in your data:\n"
            f"  {type(error).__name__}: {error}\n"
            "Please tell whoever looks after the tracker, with the command you ran. "
            "(Set TRACKER_DEBUG=1 to see the details.)",
            file=sys.stderr,
        )
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", metavar="DIR", help="the data folder (default: ./data, or TRACKER_DATA_DIR)")

    check = commands.add_parser("check", help="check every data file and list every problem",
                                description="Check every data file without building the site. "
                                "Lists every problem with its file, line and column; exits 1 if there are any.")
    data_option(check)
    check.set_defaults(run=_check)

    update = commands.add_parser(
        "update", help="add a dated progress update to an action or a commitment",
        description="Add a progress update to one action of a recommendation or resolution, or to a "
        "commitment, keeping the file's comments and layout. Examples:\n\n"
        "  tracker update peer-on-peer-abuse-2019 iv 1 --date 2021-03-31 \\\n"
        "      --text \"The letter was sent to the DfE on 12 March 2021.\" --state complete\n\n"
        "  tracker update peer-on-peer-abuse-2019 schools-explain-by-december-2020 --date 2021-01 \\\n"
        "      --as-written \"January 2021\" --text \"...\" --evidence \"cabinet-2020-11-26#c)\"",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    update.add_argument("review", metavar="REVIEW", help="the review's folder name, such as peer-on-peer-abuse-2019")
    update.add_argument("record", metavar="RECORD",
                        help="the id of the recommendation (such as iv), resolution or commitment")
    update.add_argument("action", metavar="ACTION", nargs="?",
                        help="the action's number, such as 1 (leave out for a commitment)")
    update.add_argument("--text", required=True, help="the progress, word for word as the council reported it")
    update.add_argument("--date", help="when it was reported: YYYY-MM-DD (or YYYY-MM); default: today")
    update.add_argument("--as-written", dest="as_written", metavar="WORDS",
                        help="the date exactly as the source words it, such as 'March 2021'")
    update.add_argument("--state", help="not started | in progress | complete (only if the update says so plainly)")
    update.add_argument("--source", metavar="ID", help="the id of the source document (a file in data/council/sources)")
    update.add_argument("--evidence", metavar="RECORD[#PART]", action="append", default=[],
                        help="a record that shows what the update says: a meeting, a decision (with '#' and the "
                        "label of its part, such as \"cabinet-2020-11-26#c)\", in quotes), a source document, or a record of "
                        "the review; another review's record as review-id/record-id. May be given more than once")
    update.add_argument("--note", help="anything a reader should know about this update")
    data_option(update)
    update.set_defaults(run=_update)

    new = commands.add_parser("new", help="start a new record's file with the next free id",
                              description="Start a new record's file from a template, with the next free id.")
    kinds = new.add_subparsers(title="what to start", metavar="KIND")
    rec = kinds.add_parser("recommendation", help="the next recommendation of a review")
    rec.add_argument("review", metavar="REVIEW")
    data_option(rec)
    rec.set_defaults(run=_new_recommendation)
    res = kinds.add_parser("resolution", help="the next resolution of a review, passed at a meeting")
    res.add_argument("review", metavar="REVIEW")
    res.add_argument("--meeting", required=True,
                     help="the id of the meeting that passed it (a file in data/council/meetings)")
    data_option(res)
    res.set_defaults(run=_new_resolution)
    com = kinds.add_parser("commitment", help="an undertaking given at a meeting, on a review's business")
    com.add_argument("review", metavar="REVIEW")
    com.add_argument("--meeting", required=True,
                     help="the id of the meeting where it was given (a file in data/council/meetings)")
    com.add_argument("--id", dest="id", metavar="NAME",
                     help="a short name for it, such as schools-explain-by-december-2020 (default: the next free number)")
    data_option(com)
    com.set_defaults(run=_new_commitment)
    new.set_defaults(run=lambda args: (new.print_help(), 2)[1])

    schemas = commands.add_parser("schema", help="write the JSON Schemas from the model",
                                  description="Write schemas/*.json from the model (src/tracker/model.py).")
    schemas.add_argument("--out", metavar="DIR", help="where to write them (default: the project's schemas/)")
    schemas.add_argument("--check", action="store_true", help="only check they are up to date; exit 1 if not")
    data_option(schemas)
    schemas.set_defaults(run=_schema)

    return parser


# ----------------------------------------------------------------- finding things


def find_data_dir(given: str | None) -> Path:
    """The data folder: --data, else TRACKER_DATA_DIR, else ./data here or in a folder above."""
    if given:
        return Path(given)
    if os.environ.get("TRACKER_DATA_DIR"):
        return Path(os.environ["TRACKER_DATA_DIR"])
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "data" / "site.yml").is_file():
            return folder / "data"
        if folder.name == "data" and (folder / "site.yml").is_file():
            return folder
    return here / "data"


def _shown(path: Path, data_dir: Path) -> str:
    """A path as the problems name it: relative to the folder holding the data folder."""
    try:
        return path.resolve().relative_to(data_dir.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def _review_dir(data_dir: Path, review: str, starting: bool = False) -> Path:
    """A review's folder, or Stop naming the reviews there are (and, for ``tracker new``, how to start one)."""
    folder = data_dir / "reviews" / review
    if folder.is_dir():
        return folder
    reviews = data_dir / "reviews"
    known = sorted(p.name for p in reviews.glob("*") if p.is_dir() and not p.name.startswith(".")) \
        if reviews.is_dir() else []
    message = f"There is no review '{review}' in {_shown(reviews, data_dir)}." + _choices("Reviews", review, known)
    if starting:
        message += (f"\nTo start a new review, make the folder {_shown(reviews / review, data_dir)} and put a "
                    "review.yml in it (copy another review's and change it; see CLERKS_GUIDE.md, "
                    "'Start a new review'). Then run this command again.")
    raise Stop(message)


def _choices(what: str, given: str, known: list[str]) -> str:
    if not known:
        return f"\n{what}: none yet."
    guess = difflib.get_close_matches(given, known, n=1, cutoff=0.5)
    return (f"\nDid you mean '{guess[0]}'?" if guess else "") + f"\n{what}: " + ", ".join(known)


def _ids(folder: Path) -> list[str]:
    """The ids (file names) of the records in one folder, in reading order. (A link counts: its name is taken.)"""
    return sorted((p.stem for p in folder.glob("*.y*ml") if (p.is_symlink() or p.is_file())
                   and not p.name.startswith((".", "~", "#"))), key=order_key)


def _council_ids(data_dir: Path, kind: str) -> list[str]:
    """The ids of one kind of council record: 'meetings', 'decisions', 'sources'..."""
    return _ids(data_dir / "council" / kind)


def _map(path: Path) -> dict:
    """A data file's fields as nodes ({} if it cannot be read, or is reached through a link: the check says why)."""
    node = read_yaml(path, path.name).node if path.is_file() and not _through_link(path) else None
    return node.value if node is not None and node.kind == "map" else {}  # type: ignore[return-value]


def _through_link(path: Path) -> bool:
    """Whether the file or a folder above it (up to the data folder) is a symbolic link."""
    for folder in (path, *path.parents):
        if folder.is_symlink():
            return True
        if folder.name == "data" or (folder / "site.yml").exists():
            return False
    return False


def _scalar(fields: dict, name: str) -> str | None:
    node = fields.get(name)
    return str(node.value) if node is not None and node.kind == "scalar" and node.value is not None else None


def _council_meeting(data_dir: Path, meeting: str, review: str) -> dict:
    """The meeting's fields, or Stop naming the meetings there are."""
    meetings = _council_ids(data_dir, "meetings")
    if meeting not in meetings:
        raise Stop(f"There is no meeting '{meeting}' in {_shown(data_dir / 'council' / 'meetings', data_dir)}."
                   + _choices("Meetings", meeting, meetings)
                   + "\nAdd the meeting's file to data/council/meetings first (see CLERKS_GUIDE.md, 'Add a meeting').")
    fields = _map(data_dir / "council" / "meetings" / f"{meeting}.yml")
    listed = fields.get("reviews")
    names = [str(n.value) for n in listed.value] if listed is not None and listed.kind == "list" else []  # type: ignore[union-attr]
    if review not in names:
        print(f"Note: the meeting {meeting} does not list '{review}' in its 'reviews'. If it dealt with this "
              "review's business, add the review there, so the meeting's page links to it.")
    return fields


# ------------------------------------------------------------------ writing files


TEMP_SUFFIX = ".tracker-tmp"
"""How the temporary file a command writes is named (after a '.', so the loader and editors leave it alone)."""


def _write_bytes(out, data: bytes) -> None:
    """Write everything (a separate step, so tests can make it fail as a full disk would)."""
    out.write(data)


def write_atomically(path: Path, data: bytes, check: Callable[[Path], None], *, new: bool = False) -> None:
    """Write ``data`` to a temporary file in the same folder as ``path``, ``check`` it (which raises to refuse),
    and only then put it in place in one step (a rename). If anything fails on the way, the file at ``path`` is
    exactly as it was (or, for a new file, still absent), and no temporary file is left behind. ``new``: never
    replace an existing file."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            _write_bytes(out, data)
            out.flush()
            os.fsync(out.fileno())
        if not new:
            shutil.copymode(path, temp)
        if temp.read_bytes() != data:
            raise OSError(f"the temporary file {temp.name} does not hold what was written")
        check(temp)
        if new:
            _place_new(temp, path)
        else:
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _place_new(temp: Path, path: Path) -> None:
    """Put a new file in place, never over one that exists (a hard link fails if the name is taken)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise Stop(f"{path.name} already exists, so it was not replaced. Nothing was changed.") from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise Stop(f"{path.name} already exists, so it was not replaced. Nothing was changed.") from None
        os.replace(temp, path)


def _refuse_links(path: Path, data_dir: Path) -> None:
    """Stop if the file, or a folder it is in, is a symbolic link: a command never writes through one."""
    if linked(path, data_dir):
        raise Stop("The file cannot be changed:\n\n" + DataProblems([symlink_problem(_shown_link(path, data_dir))])
                   .report("check"))


def _shown_link(path: Path, data_dir: Path) -> str:
    return f"{_shown(path.parent, data_dir)}/{path.name}"


# ------------------------------------------------------------------------- check


def _check(args) -> int:
    data_dir = find_data_dir(args.data)
    started = time.monotonic()
    try:
        loaded = load(data_dir)
        from .build import page_collisions

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


# ------------------------------------------------------------------------ schema


def _schema(args) -> int:
    out = Path(args.out) if args.out else find_data_dir(args.data).resolve().parent / "schemas"
    if args.check:
        stale = schema.stale(out)
        if stale:
            print(f"These schemas in {out} are out of date with the model: {', '.join(stale)}.\n"
                  "Run 'tracker schema' and commit the result.", file=sys.stderr)
            return 1
        print(f"The schemas in {out} match the model.")
        return 0
    changed = _write_schemas(out)
    print(f"Wrote {', '.join(changed)} in {out}." if changed else f"The schemas in {out} were already up to date.")
    return 0


def _write_schemas(out: Path) -> list[str]:
    """Write every schema that is out of date, each to a temporary file first; only when all of them are written
    and read back as the JSON Schemas they should be are they put in place. Then remove the ones no kind uses."""
    out.mkdir(parents=True, exist_ok=True)
    expected = schema.schemas()
    changed = schema.stale(out)
    gone = schema.unused(out)
    temps: dict[str, Path] = {}
    try:
        for name in changed:
            if name not in expected:
                continue
            text = expected[name]
            fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=out)
            temps[name] = Path(temp)
            with os.fdopen(fd, "wb") as handle:
                _write_bytes(handle, text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        for name, temp in temps.items():
            _check_schema(temp, expected[name])
        for name, temp in temps.items():
            os.replace(temp, out / name)
        for name in gone:
            (out / name).unlink()
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
    return changed


def _check_schema(temp: Path, text: str) -> None:
    """A schema written to disk is the one the model gives, and is itself a valid JSON Schema."""
    written = temp.read_text(encoding="utf-8")
    if written != text:
        raise OSError(f"the temporary file {temp.name} does not hold the schema written to it")
    document = json.loads(written)
    try:
        from jsonschema.validators import validator_for
    except ImportError:  # pragma: no cover - jsonschema comes with the project's dependencies
        return
    validator_for(document).check_schema(document)


# ------------------------------------------------------------------------ update


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap the clerk's lines
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _read_round_trip(path: Path, data_dir: Path):
    """A file's text and its round-trip data, or Stop with the problems the check finds in it."""
    display = _shown(path, data_dir)
    parsed = read_yaml(path, display)
    if parsed.node is None or parsed.node.kind != "map":
        problems = parsed.problems or [Problem(parsed.node.where, "", "This file should be a group of fields.")]  # type: ignore[union-attr]
        raise Stop("The file cannot be changed until it can be read:\n\n" + DataProblems(problems).report("check"))
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    data = _yaml().load(text.replace("\r\n", "\n"))
    return raw, data, crlf


def _dump(data, crlf: bool) -> bytes:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    text = buffer.getvalue()
    return (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")


UPDATABLE = ("recommendations", "resolutions", "commitments")
"""The folders of a review whose records take progress updates (a commitment directly, the others on actions)."""


def _find_record(folder: Path, record: str) -> tuple[str, Path]:
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


def _update(args) -> int:
    from ruamel.yaml.comments import CommentedSeq

    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review)
    sub, rec_path = _find_record(folder, args.record)
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
    progress.append(entry)

    display = _shown(rec_path, data_dir)
    before = {_key(q) for q in _problems(data_dir)}
    after: list[Problem] = []

    def check(temp: Path) -> None:
        # The whole data is checked with the changed file read in place of the original.
        after.extend(_problems(data_dir, {rec_path: temp}))
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

    text = args.text.replace("\r\n", "\n").strip()
    if not text:
        raise Stop("The --text is empty: give the progress, word for word.")
    edtf = (args.date or _date_from_words(args.as_written) or date.today().isoformat()).strip()
    try:
        dates.parse(edtf)
    except dates.EdtfError as error:
        guess = suggest_edtf(edtf)
        raise Stop(f"--date: {error}" + (f"\nDid you mean '{guess}'?" if guess else "")
                   + "\nGive the date as YYYY-MM-DD (or YYYY-MM for a month); the source's words go in --as-written.")
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

    latest = _as_at(data_dir)
    earliest = dates.parse(edtf).earliest
    if earliest and earliest > latest:
        raise Stop(f"--date: {edtf} is after the 'as at' date ({latest.day} {latest:%B %Y}), so the update "
                   "cannot have happened yet.\nCheck the year, or set a later 'as_at' in data/site.yml.")

    when = CommentedMap()
    # The clerk states the date, so it is shown as stated: in their words, or in plain words.
    when["as_written"] = args.as_written.strip() if args.as_written else dates.parse(edtf).words()
    when["edtf"] = DoubleQuotedScalarString(edtf)
    when.fa.set_flow_style()
    entry = CommentedMap()
    entry["date"] = when
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


def _as_at(data_dir: Path) -> date:
    """The 'as at' day the data is checked against: site.yml's as_at, else the build date."""
    site = read_yaml(data_dir / "site.yml", "site.yml").node if (data_dir / "site.yml").is_file() else None
    if site is not None and site.kind == "map" and "as_at" in site.value:  # type: ignore[operator]
        try:
            parsed = dates.parse(str(site.value["as_at"].value))  # type: ignore[index]
            if parsed.precision == "day" and parsed.earliest:
                return parsed.earliest
        except dates.EdtfError:
            pass
    return build_date()


def _date_from_words(words: str | None) -> str | None:
    """The machine date for --as-written when no --date is given, if the words make it clear."""
    if not words:
        return None
    try:
        dates.parse(words.strip())
        return words.strip()
    except dates.EdtfError:
        pass
    guess = suggest_edtf(words)
    if guess is None:
        raise Stop(f"Give --date as well: '{words}' does not say which day or month it means "
                   "(for example --date 2021-03-31 or --date 2021-03).")
    return guess


def _problems(data_dir: Path, replace: dict[Path, Path] | None = None) -> list[Problem]:
    try:
        load(data_dir, replace=replace)
    except DataProblems as problems:
        return problems.problems
    return []


def _key(problem: Problem) -> tuple:
    # Lines move when a file is edited, so a problem is known by what it says, not where.
    return (problem.where.file, problem.field, problem.message)


def _line_of_update(path: Path, noun: str, action_id: str | None) -> int | None:
    """The line where the last progress update (of the action, or of the commitment) now starts."""
    try:
        data = _yaml().load(path.read_text(encoding="utf-8-sig"))
        holder = data if noun == "commitment" else next(
            a for a in data["response"]["actions"] if str(a.get("id")) == action_id)
        return holder["progress"].lc.item(len(holder["progress"]) - 1)[0] + 1
    except Exception:  # noqa: BLE001 - only a nicety for the message
        return None


def _report_after(data_dir: Path, problems: list[Problem]) -> int:
    """The change is made (exit 0); say what, if anything, still stops the site being published."""
    if problems:
        print("\nThe data still has problems elsewhere (not from this change):\n", file=sys.stderr)
        print(DataProblems(problems).report("check"), file=sys.stderr)
    else:
        print("All the data checks out: run 'make serve' to see the change.")
    return 0


# --------------------------------------------------------------------------- new


def to_roman(number: int, upper: bool = False) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out.upper() if upper else out


def _is_roman(text: str) -> bool:
    return bool(text) and all(c in "ivxlcdm" for c in text.lower()) and to_roman(roman_value(text)) == text.lower()


def next_id(existing: list[str], used: set[str], roman_if_used: bool) -> str:
    """The next free id after ``existing``: roman numerals if they are all roman (and that is wanted)."""
    roman = roman_if_used and existing and all(_is_roman(i) for i in existing)
    upper = bool(existing) and all(i.isupper() for i in existing)
    numbers = [roman_value(i) if roman else int(i) for i in existing if (roman or i.isdigit())]
    candidate = max(numbers, default=0) + 1
    taken = {name_key(i) for i in used}  # 'IV' takes 'iv' too: on Windows and Macs they are one file
    while True:
        made = to_roman(candidate, upper) if roman else str(candidate)
        if name_key(made) not in taken:
            return made
        candidate += 1


def _ids_in(folder: Path) -> dict[str, list[str]]:
    """Sub-folder -> the ids (file names) of its records."""
    return {sub: _ids(folder / sub) for sub in FOLDER_KINDS}


def _common(folder: Path) -> dict[str, str]:
    """From a review's recommendations, the commonest source and response title, to prefill."""
    sources: Counter = Counter()
    titles: Counter = Counter()
    for path in (folder / "recommendations").glob("*.yml"):
        fields = _map(path)
        if _scalar(fields, "source"):
            sources[_scalar(fields, "source")] += 1
        response = fields.get("response")
        if response is not None and response.kind == "map" and _scalar(response.value, "title"):
            titles[_scalar(response.value, "title")] += 1
    return {"source": sources.most_common(1)[0][0] if sources else "",
            "title": titles.most_common(1)[0][0] if titles else "Executive Response"}


_RECOMMENDATION = """\
{schema_line}
id: {id}
heading:                        # the heading the source gives it; delete this line if there is none
text: |
  TODO: the recommendation, word for word
addressed_to:                   # executive or committee
source: {source}{source_pad}# the id of the source document (a file in data/council/sources)
response:
  title: {title}{title_pad}# the label the source gives the response
  decision:                     # agreed, partially agreed, accepted in principle or not agreed; delete this line if the source gives none
  decision_words:               # the council's own words for its decision, such as Partially Agreed; delete this line if there are none
  text: |
    TODO: the response, word for word
  actions: []                   # the action table: see CLERKS_GUIDE.md, "Add an action"
related: []                     # ids of records this recommendation concerns, such as [v, cabinet-2020-11-26]
"""

_RESOLUTION = """\
{schema_line}
id: "{id}"
meeting: {meeting}
text: |
  TODO: the resolution, word for word
source: {source}{source_pad}# the id of the source document (a file in data/council/sources)
addressed_to:                   # executive or committee, if it asks for action; delete this line if it asks for none
related: []                     # ids of records this resolution concerns, such as [v, cabinet-2020-11-26]
"""

_COMMITMENT = """\
{schema_line}
id: {id}
meeting: {meeting}
text: |
  TODO: the minutes' words that record the undertaking, word for word
given_by:                       # who gave it, as the minutes name them (an owner's name or alias, in data/council/owners)
due:                            # by when, if the minutes say, such as {{as_written: by December 2020, edtf: "2020-12"}}; delete this line if they do not
source: {source}{source_pad}# the id of the source document (a file in data/council/sources)
progress: []                    # add updates with: tracker update {review} {id} --text "..."
related: []                     # ids of records this commitment concerns, such as [v, cabinet-2020-11-26]
"""


def _pad(prefix: str, value: str, column: int = 32) -> str:
    return " " * max(1, column - len(prefix) - len(value))


def _create(data_dir: Path, path: Path, kind: str, text: str, what: str) -> int:
    display = _shown(path, data_dir)
    _refuse_links(path, data_dir)
    if path.exists() or path.with_suffix(".yaml").exists():
        raise Stop(f"{display} already exists, so it was not replaced. Nothing was changed.")
    cls = RECORD_KINDS[kind]

    def check(temp: Path) -> None:
        """The new file reads back as the record it should start: valid YAML, fields of the record, its id."""
        parsed = read_yaml(temp, display)
        problems = list(parsed.problems)
        node = parsed.node
        if node is not None and node.kind != "map":
            problems.append(Problem(node.where, "", "The new file is not a group of fields."))
        elif node is not None:
            known = fields_of(cls)
            problems += [Problem(node.key_where[k], k, f"'{k}' is not a field of the record.") for k in node.value
                         if k not in known]
            written = node.value.get("id")  # type: ignore[union-attr]
            if written is None or written.value != path.stem:
                problems.append(Problem(node.where, "id", f"The new file's id is not '{path.stem}'."))
        if node is None or problems:
            raise Stop(f"{display} was not created: the template did not come out as a valid record, which is a "
                       "fault in the tracker, not in your data. Nothing was changed.\n\n"
                       + "\n\n".join(p.explain() for p in problems))

    made = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomically(path, text.encode("utf-8"), check, new=True)
    except BaseException:
        for folder in made:  # a refusal or a failure leaves no new (empty) folder either
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    print(f"Created {display} ({what}).")
    print("Fill in every part marked TODO and every empty field; until then the site cannot be published.")
    problems = _problems(data_dir)
    mine = [p for p in problems if p.where.file == display]
    if mine:
        print(f"\nStill to fill in ({len(mine)}):\n")
        print("\n\n".join(p.explain() for p in sorted(mine, key=Problem.sort_key)))
    others = [p for p in problems if p.where.file != display]
    if others:
        print("\nThe data also has problems in other files:\n", file=sys.stderr)
        print(DataProblems(others).report("check"), file=sys.stderr)
    return 0


def _new_recommendation(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review, starting=True)
    ids = _ids_in(folder)
    used = {i for found in ids.values() for i in found}
    new_id = next_id(ids["recommendations"], used, roman_if_used=True)
    common = _common(folder)
    path = folder / "recommendations" / f"{new_id}.yml"
    source, title = common["source"], common["title"]
    text = _RECOMMENDATION.format(
        schema_line=schema.schema_line(path, "recommendation", data_dir.parent / "schemas"),
        id=new_id, source=source, source_pad=_pad("source: ", source),
        title=title, title_pad=_pad("  title: ", title),
    )
    return _create(data_dir, path, "recommendation", text, f"recommendation {new_id}")


def _meeting_source(meeting: dict, folder: Path) -> str:
    return _scalar(meeting, "source") or _common(folder)["source"]


def _new_resolution(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review, starting=True)
    meeting = _council_meeting(data_dir, args.meeting, args.review)
    ids = _ids_in(folder)
    used = {i for found in ids.values() for i in found}
    new_id = next_id([i for i in ids["resolutions"] if i.isdigit()], used, roman_if_used=False)
    source = _meeting_source(meeting, folder)
    path = folder / "resolutions" / f"{new_id}.yml"
    text = _RESOLUTION.format(
        schema_line=schema.schema_line(path, "resolution", data_dir.parent / "schemas"),
        id=new_id, meeting=args.meeting, source=source, source_pad=_pad("source: ", source),
    )
    return _create(data_dir, path, "resolution", text, f"resolution {new_id}, passed at {args.meeting}")


def _new_commitment(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review, starting=True)
    ids = _ids_in(folder)
    used = {i for found in ids.values() for i in found}
    if args.id is not None:
        new_id = args.id.strip()
        if not re.match(ID_PATTERN, new_id):
            made = re.sub(r"-+", "-", re.sub(r"[^a-z0-9._-]+", "-", new_id.lower())).strip("-._")
            raise Stop(f"--id: '{new_id}' cannot be an id: an id may hold only letters, digits, '-', '.' and '_' "
                       "(no spaces), as it becomes a file name and part of a web address."
                       + (f"\nDid you mean '{made}'?" if made else ""))
        if windows_reason(new_id):
            raise Stop(f"--id: '{new_id}' cannot be an id: {windows_reason(new_id)}. Pick another name.")
        clash = next(((sub, i) for sub, found in ids.items() for i in found if name_key(i) == name_key(new_id)), None)
        if clash is not None:
            sub, other = clash
            same = "is already used" if other == new_id else f"is too like '{other}' (they differ only in capitals)"
            raise Stop(f"--id: '{new_id}' {same} in this review, by {_shown(folder / sub, data_dir)}/"
                       f"{other}.yml. Pick another name.")
    else:
        new_id = next_id([i for i in ids["commitments"] if i.isdigit()], used, roman_if_used=False)
    meeting = _council_meeting(data_dir, args.meeting, args.review)
    source = _meeting_source(meeting, folder)
    path = folder / "commitments" / f"{new_id}.yml"
    text = _COMMITMENT.format(
        schema_line=schema.schema_line(path, "commitment", data_dir.parent / "schemas"),
        id=new_id, meeting=args.meeting, source=source, source_pad=_pad("source: ", source), review=args.review,
    )
    return _create(data_dir, path, "commitment", text, f"commitment {new_id}, given at {args.meeting}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
