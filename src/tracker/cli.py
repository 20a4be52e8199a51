"""The `tracker` command: check the data, add progress updates, start new records, write the schemas."""

from __future__ import annotations

import argparse
import difflib
import io
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Sequence, get_args

from . import dates, schema
from .load import FOLDER_KINDS, build_date, data_files, kind_of, load, order_key, roman_value
from .model import ProgressState
from .problems import DataProblems, Problem
from .validate import suggest_edtf
from .yamlfile import read as read_yaml

DESCRIPTION = """\
Keep the scrutiny tracker's data in order.

  tracker check                          check every data file (fast; does not build the site)
  tracker update REVIEW REC ACTION --text "..." [--date 2021-03-31]
                                         add a dated progress update to an action
  tracker new recommendation REVIEW      start the next recommendation's file
  tracker new resolution REVIEW --meeting MEETING
                                         start the next resolution's file
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
        "update", help="add a dated progress update to an action",
        description="Add a progress update to one action of a recommendation, keeping the file's "
        "comments and layout. Example:\n\n"
        "  tracker update peer-on-peer-abuse-2019 iv 1 --date 2021-03-31 \\\n"
        "      --text \"The letter was sent to the DfE on 12 March 2021.\" --state complete",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    update.add_argument("review", metavar="REVIEW", help="the review's folder name, such as peer-on-peer-abuse-2019")
    update.add_argument("recommendation", metavar="RECOMMENDATION", help="the recommendation's id, such as iv")
    update.add_argument("action", metavar="ACTION", help="the action's number, such as 1")
    update.add_argument("--text", required=True, help="the progress, word for word as the council reported it")
    update.add_argument("--date", help="when it was reported: YYYY-MM-DD (or YYYY-MM); default: today")
    update.add_argument("--as-written", dest="as_written", metavar="WORDS",
                        help="the date exactly as the source words it, such as 'March 2021'")
    update.add_argument("--state", help="not started | in progress | complete (only if the update says so plainly)")
    update.add_argument("--source", metavar="ID", help="the id of the source document (listed in review.yml)")
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
    res.add_argument("--meeting", required=True, help="the id of the meeting that passed it")
    data_option(res)
    res.set_defaults(run=_new_resolution)
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


def _review_dir(data_dir: Path, review: str) -> Path:
    folder = data_dir / "reviews" / review
    if folder.is_dir():
        return folder
    known = sorted(p.name for p in (data_dir / "reviews").glob("*") if p.is_dir()) if (data_dir / "reviews").is_dir() else []
    raise Stop(f"There is no review '{review}' in {data_dir / 'reviews'}." + _choices("Reviews", review, known))


def _choices(what: str, given: str, known: list[str]) -> str:
    if not known:
        return f"\n{what}: none yet."
    guess = difflib.get_close_matches(given, known, n=1, cutoff=0.5)
    return (f"\nDid you mean '{guess[0]}'?" if guess else "") + f"\n{what}: " + ", ".join(known)


# ------------------------------------------------------------------------- check


def _check(args) -> int:
    data_dir = find_data_dir(args.data)
    started = time.monotonic()
    try:
        loaded = load(data_dir)
    except DataProblems as problems:
        print(problems.report(), file=sys.stderr)
        return 1
    tracker = loaded.tracker
    counts = Counter()
    for review in tracker.reviews:
        counts["review"] += 1
        for rec in review.recommendations:
            counts["recommendation"] += 1
            for action in rec.response.actions if rec.response else []:
                counts["action"] += 1
                counts["progress update"] += len(action.progress)
        for kind in ("meetings", "resolutions", "decisions", "events"):
            counts[kind[:-1]] += len(getattr(review, kind))
    parts = [f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items() if n]
    print(f"The data is ready to publish: {', '.join(parts) or 'no records yet'} "
          f"checked in {time.monotonic() - started:.1f} s.")
    print(f"Statuses are worked out as at {loaded.as_at.day} {loaded.as_at:%B %Y}.")
    for note in schema_line_notes(data_dir):
        print(note)
    return 0


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
    changed = schema.write(out)
    print(f"Wrote {', '.join(changed)} in {out}." if changed else f"The schemas in {out} were already up to date.")
    return 0


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
        raise Stop("The file cannot be changed until it can be read:\n\n" + DataProblems(problems).report())
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


def _update(args) -> int:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review)
    rec_path = folder / "recommendations" / f"{args.recommendation}.yml"
    known = sorted((p.stem for p in (folder / "recommendations").glob("*.yml")), key=order_key)
    if not rec_path.is_file():
        raise Stop(f"Review '{args.review}' has no recommendation '{args.recommendation}'."
                   + _choices("Recommendations", args.recommendation, known))
    entry = _progress_entry(args, folder, data_dir)

    raw, data, crlf = _read_round_trip(rec_path, data_dir)
    holder = args.recommendation
    if data.get("response") is None and data.get("shares_response_with"):
        holder = str(data["shares_response_with"])
        print(f"Recommendation {args.recommendation} shares its response with recommendation {holder}: "
              f"the update goes on {holder}'s action.")
        rec_path = folder / "recommendations" / f"{holder}.yml"
        if not rec_path.is_file():
            raise Stop(f"Recommendation '{holder}' (named in shares_response_with) has no file.")
        raw, data, crlf = _read_round_trip(rec_path, data_dir)
    response = data.get("response")
    actions = response.get("actions") if isinstance(response, dict) else None
    if not actions:
        raise Stop(f"Recommendation {holder} has no actions, so there is nothing to add progress to.\n"
                   "Add the action first (see CLERKS_GUIDE.md, 'Add an action').")
    ids = [str(a.get("id")) for a in actions if isinstance(a, dict)]
    if args.action not in ids:
        raise Stop(f"Recommendation {holder} has no action '{args.action}'." + _choices("Its actions", args.action, ids))
    action = actions[ids.index(args.action)]

    progress = action.get("progress")
    if progress is None:
        progress = CommentedSeq()
        keys = list(action.keys())
        after = [k for k in ("success_criteria", "due_changes", "due", "owner", "description") if k in keys]
        position = keys.index(after[0]) + 1 if after else len(keys)
        action.insert(position, "progress", progress)
    elif not isinstance(progress, list):
        raise Stop(f"The 'progress' of action {args.action} in {_shown(rec_path, data_dir)} is not a list; "
                   "run 'tracker check' to see what is wrong with it.")
    if isinstance(progress, CommentedSeq) and progress.fa.flow_style():
        progress.fa.set_block_style()
    progress.append(entry)

    display = _shown(rec_path, data_dir)
    before = _problems(data_dir)
    rec_path.write_bytes(_dump(data, crlf))
    after = _problems(data_dir)
    new = [p for p in after if p.where.file == display and _key(p) not in {_key(q) for q in before}]
    if new:
        rec_path.write_bytes(raw)
        raise Stop("The update was not added, because it would make the data wrong. Nothing was changed.\n\n"
                   + "\n\n".join(p.explain() for p in sorted(new, key=Problem.sort_key))
                   + "\n\nChange the command and run it again.")
    line = _line_of_update(rec_path, args.action)
    print(f"Added a progress update to recommendation {holder}, action {args.action}: "
          f"{display}{f', line {line}' if line else ''}.")
    return _report_after(data_dir, after)


def _progress_entry(args, folder: Path, data_dir: Path):
    """The new update as a round-trip map, or Stop if what was typed is not usable."""
    from ruamel.yaml.comments import CommentedMap
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
        review = read_yaml(folder / "review.yml", _shown(folder / "review.yml", data_dir)).node
        sources = review.value.get("sources") if review is not None and review.kind == "map" else None  # type: ignore[union-attr]
        ids = [str(s.value["id"].value) for s in (sources.value if sources and sources.kind == "list" else [])  # type: ignore[union-attr]
               if s.kind == "map" and "id" in s.value]  # type: ignore[operator]
        if ids and args.source not in ids:
            raise Stop(f"--source: '{args.source}' is not one of this review's sources." + _choices("Sources", args.source, ids))

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
    if args.note:
        entry["note"] = args.note.strip()
    return entry


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


def _problems(data_dir: Path) -> list[Problem]:
    try:
        load(data_dir)
    except DataProblems as problems:
        return problems.problems
    return []


def _key(problem: Problem) -> tuple:
    # Lines move when a file is edited, so a problem is known by what it says, not where.
    return (problem.where.file, problem.field, problem.message)


def _line_of_update(path: Path, action_id: str) -> int | None:
    """The line where the action's last progress update now starts."""
    try:
        data = _yaml().load(path.read_text(encoding="utf-8-sig"))
        action = next(a for a in data["response"]["actions"] if str(a.get("id")) == action_id)
        return action["progress"].lc.item(len(action["progress"]) - 1)[0] + 1
    except Exception:  # noqa: BLE001 - only a nicety for the message
        return None


def _report_after(data_dir: Path, problems: list[Problem]) -> int:
    """The change is made (exit 0); say what, if anything, still stops the site being published."""
    if problems:
        print("\nThe data still has problems elsewhere (not from this change):\n", file=sys.stderr)
        print(DataProblems(problems).report(), file=sys.stderr)
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
    while True:
        made = to_roman(candidate, upper) if roman else str(candidate)
        if made not in used:
            return made
        candidate += 1


def _ids_in(folder: Path) -> dict[str, list[str]]:
    """Sub-folder -> the ids (file names) of its records."""
    return {sub: sorted((p.stem for p in (folder / sub).glob("*.y*ml") if not p.name.startswith(".")), key=order_key)
            for sub in FOLDER_KINDS}


def _review_fields(folder: Path, data_dir: Path) -> tuple[list[str], dict[str, object]]:
    """The review's source ids, and (from its recommendations) the commonest values, to prefill."""
    review = read_yaml(folder / "review.yml", "review.yml").node
    sources = []
    if review is not None and review.kind == "map":
        listed = review.value.get("sources")  # type: ignore[union-attr]
        for item in listed.value if listed is not None and listed.kind == "list" else []:  # type: ignore[union-attr]
            if item.kind == "map" and "id" in item.value and item.value["id"].kind == "scalar":  # type: ignore[operator,index]
                sources.append(str(item.value["id"].value))  # type: ignore[index]
    common: Counter = Counter()
    titles: Counter = Counter()
    for path in (folder / "recommendations").glob("*.yml"):
        node = read_yaml(path, path.name).node
        if node is None or node.kind != "map":
            continue
        value = node.value  # type: dict
        if "source" in value and value["source"].kind == "scalar":
            common[str(value["source"].value)] += 1
        response = value.get("response")
        if response is not None and response.kind == "map" and "title" in response.value:
            titles[str(response.value["title"].value)] += 1
    return sources, {"source": (common.most_common(1)[0][0] if common else (sources[0] if sources else "")),
                     "title": titles.most_common(1)[0][0] if titles else "Executive Response"}


_RECOMMENDATION = """\
{schema_line}
id: {id}
heading:                        # the heading the source gives it; delete this line if there is none
text: |
  TODO: the recommendation, word for word
addressed_to:                   # executive or committee
source: {source}{source_pad}# the id of the source document (listed in review.yml)
response:
  title: {title}{title_pad}# the label the source gives the response
  decision:                     # agreed, partially agreed or not agreed; delete this line if the source gives none
  text: |
    TODO: the response, word for word
  actions: []                   # the action table: see CLERKS_GUIDE.md, "Add an action"
"""

_RESOLUTION = """\
{schema_line}
id: "{id}"
meeting: {meeting}
text: |
  TODO: the resolution, word for word
source: {source}{source_pad}# the id of the source document (listed in review.yml)
related: []                     # ids of records this resolution concerns, such as [v, cabinet-2020-11-26]
"""


def _pad(prefix: str, value: str, column: int = 32) -> str:
    return " " * max(1, column - len(prefix) - len(value))


def _create(data_dir: Path, path: Path, kind: str, text: str, what: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:  # never overwrite a record
        out.write(text)
    display = _shown(path, data_dir)
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
        print(DataProblems(others).report(), file=sys.stderr)
    return 0


def _new_recommendation(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review)
    ids = _ids_in(folder)
    used = {i for found in ids.values() for i in found}
    new_id = next_id(ids["recommendations"], used, roman_if_used=True)
    sources, common = _review_fields(folder, data_dir)
    path = folder / "recommendations" / f"{new_id}.yml"
    source, title = str(common["source"]), str(common["title"])
    text = _RECOMMENDATION.format(
        schema_line=schema.schema_line(path, "recommendation", data_dir.parent / "schemas"),
        id=new_id, source=source, source_pad=_pad("source: ", source),
        title=title, title_pad=_pad("  title: ", title),
    )
    return _create(data_dir, path, "recommendation", text, f"recommendation {new_id}")


def _new_resolution(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review)
    ids = _ids_in(folder)
    if args.meeting not in ids["meetings"]:
        raise Stop(f"Review '{args.review}' has no meeting '{args.meeting}'."
                   + _choices("Meetings", args.meeting, ids["meetings"])
                   + "\nAdd the meeting's file to the meetings folder first.")
    used = {i for found in ids.values() for i in found}
    new_id = next_id([i for i in ids["resolutions"] if i.isdigit()], used, roman_if_used=False)
    meeting = read_yaml(folder / "meetings" / f"{args.meeting}.yml", "meeting").node
    source = ""
    if meeting is not None and meeting.kind == "map" and "source" in meeting.value:  # type: ignore[operator]
        source = str(meeting.value["source"].value or "")  # type: ignore[index]
    if not source:
        source = _review_fields(folder, data_dir)[1]["source"]  # type: ignore[assignment]
    path = folder / "resolutions" / f"{new_id}.yml"
    text = _RESOLUTION.format(
        schema_line=schema.schema_line(path, "resolution", data_dir.parent / "schemas"),
        id=new_id, meeting=args.meeting, source=source, source_pad=_pad("source: ", source),
    )
    return _create(data_dir, path, "resolution", text, f"resolution {new_id}, passed at {args.meeting}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
