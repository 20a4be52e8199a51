"""The `tracker` command: what a clerk types, dispatched to one small module per job in `tracker.commands`, and
the helpers those modules share (finding the data and its records, reading and writing YAML safely)."""

from __future__ import annotations

import argparse
import difflib
import io
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

try:  # Ctrl+C while the engine is still being read in is a clerk's change of mind, not a fault
    from . import dates
    from .load import build_date, linked, load, order_key
    from .problems import DataProblems, Problem
    from .yamlfile import read as read_yaml, symlink_problem
except KeyboardInterrupt:  # pragma: no cover - depends on when the key is pressed
    print("Stopped. Nothing was changed.", file=sys.stderr)
    raise SystemExit(130) from None

# The commands live in tracker.commands; they use this module's helpers, so _parser() imports them.

DESCRIPTION = """\
Keep the scrutiny tracker's data in order. Every command that writes checks all
the data first, writes nothing if the change would make it wrong, and says which
file and line it changed. 'tracker COMMAND --help' explains one, with examples.

Checking and previewing
  tracker check                          check every data file (fast; does not build the site)
  tracker serve                          preview the site at http://127.0.0.1:8000/ while you edit:
                                         it updates by itself, and shows any mistake in the browser
  tracker build                          build the whole site into site/, strictly, as publishing does

A quarterly update
  tracker new source ID --title "..." [--published-on 2021-03-31] [--url "https://..."]
                                         add a source document (a progress report, minutes);
                                         put web addresses in quotes: the shell cuts them at '&'
  tracker edit source ID [--url "https://..."] [--title "..."]
                                         correct a source document's fields
  tracker as-at 2021-03-31               the day statuses are worked out for
  tracker add update REVIEW RECORD [ACTION] --text "..." --reported-on 2021-03-31
                                         a progress update on an action, or on a commitment
                                         (--reported-on: when the source reported it)
  tracker move deadline REVIEW RECORD [ACTION] --to 2020-06 --changed-on 2020-04-01 --reason "..."
                                         a due date changed: the new date, when, why (and --source)
  tracker assess REVIEW RECORD --value on-track --meeting MEETING
                                         the committee's assessment, on the council's scale
  tracker sign-off REVIEW RECORD --value achieved --meeting MEETING
                                         the committee signs an item off (monitoring ends)
  tracker new meeting ID --title "..." --committee "..." --held-on 2021-07-20 --source MINUTES
                                         a committee meeting (an assessment names one)
  (Run twice, a command refuses to record the same entry again; --again if it happened twice.)

A new review, from its published documents
  tracker new review ID --title "..." --committee "..." --held-on 2021-03
                                         start a review: its folder and review.yml
  tracker new recommendation REVIEW [--text "..." --addressed-to executive ...]
                                         the next recommendation (complete, or a template)
  tracker record response REVIEW RECORD --words "Partially Agreed" [--given-on 2020-03]
                                         the response, in the council's own words, with its date
  tracker add action REVIEW RECORD --description "..." --owner "..." [--due 2021-06]
                                         an action in the response's action table
  tracker new resolution REVIEW --meeting MEETING
                                         start the next resolution's file
  tracker new commitment REVIEW --meeting MEETING [--id NAME]
                                         start a commitment's file (an undertaking in the minutes)

Setting up
  tracker init DIR --council "..."       a new council's site in an empty folder
  tracker new owner ID --name "..." [--alias "..."]
                                         an owner of actions, with every spelling of it
  tracker add alias OWNER "SPELLING"     another spelling of an owner

Other
  tracker schema                         write the JSON Schemas in schemas/ from the model
  tracker diff BASE [--markdown]         what a change does to the published record, since
                                         a git revision (such as main)
  tracker report [--committee C | --review R] [--as-at DAY] [--since DAY]
                                         the committee's tracker report (Word and spreadsheet)

(tracker update is the older name of tracker add update; its --date is --reported-on.)
See CLERKS_GUIDE.md for worked examples.
"""


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help as the guide lays it out: a one-paragraph description wrapped to the terminal, examples kept as typed."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:  # laid out by hand: the examples, the command list
            return super()._fill_text(text, width, indent)
        return argparse.HelpFormatter._fill_text(self, text, width, indent)


class Stop(Exception):
    """A command cannot go on: the message says why, for the clerk."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


WRITTEN: list[Path] = []
"""The files this run has put in place so far, so that Ctrl+C can say what was changed."""


def main(argv: Sequence[str] | None = None) -> int:
    WRITTEN.clear()
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        if not hasattr(args, "run"):
            parser.print_help()
            return 2
        code = args.run(args)
        sys.stdout.flush()  # here, so a closed pipe is caught below rather than at exit
        return code
    except Stop as stop:
        print(stop, file=sys.stderr)
        return stop.code
    except KeyboardInterrupt:
        print(_stopped(), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`tracker ... | head`): not a fault. As the Python docs advise, send what is left
        # to devnull, so the flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
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


def _stopped() -> str:
    """What Ctrl+C leaves: every write is all or nothing, so only the files already put in place changed."""
    if not WRITTEN:
        return "Stopped. Nothing was changed."
    return ("Stopped. These files were already changed: " + ", ".join(p.name for p in WRITTEN)
            + ". Nothing else was changed; run 'tracker check' to see where the data stands.")


class Parser(argparse.ArgumentParser):
    """argparse, with a missing option explained the way the commands explain their own refusals."""

    def error(self, message: str):
        missing = message.partition("the following arguments are required: ")[2]
        options = [o for o in missing.split(", ") if o.startswith("--")]
        if not options:
            super().error(message)
        by_flag = {flag: action for action in self._actions for flag in action.option_strings}
        lines = []
        for option in options:
            action = by_flag.get(option)
            metavar = action.metavar or option.lstrip("-").upper() if action else ""
            meaning = f": {action.help}" if action is not None and action.help else ""
            never = " It is never filled in for you." if metavar == "DATE" else ""
            lines.append(f"Give {option} {metavar}{meaning}.{never}")
        self.print_usage(sys.stderr)
        print(f"{self.prog} needs {' and '.join(options)}. Nothing was changed.\n" + "\n".join(lines)
              + f"\n'{self.prog} --help' explains every option, with an example.", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    from . import commands as routine
    from .commands import check as check_command, minutes as minutes_command, schemas as schemas_command
    from .commands import recommendation as recommendation_command, update as update_command

    parser = Parser(prog="tracker", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", metavar="DIR", help="the data folder (default: ./data, or TRACKER_DATA_DIR)")

    check = commands.add_parser("check", help="check every data file and list every problem",
                                description="Check every data file without building the site. "
                                "Lists every problem with its file, line and column; exits 1 if there are any.")
    data_option(check)
    check.set_defaults(run=check_command.run)

    update = commands.add_parser(
        "update", help="the same as 'tracker add update' (its older name; --date is --reported-on)",
        description="Add a progress update to one action of a recommendation or resolution, or to a "
        "commitment, keeping the file's comments and layout. The same as 'tracker add update'.",
        epilog=update_command.EXAMPLES, formatter_class=Formatter,
    )
    update_command.arguments(update, data_option, old=True)
    update.set_defaults(run=update_command.run, date_option="--date")

    new = commands.add_parser("new", help="start a review, source, recommendation, resolution or commitment",
                              description="Start a new record: complete from what you type, or (for a "
                              "recommendation, resolution or commitment) from a template, with the next free id.")
    kinds = new.add_subparsers(title="what to start", metavar="KIND")
    recommendation_command.register(kinds, data_option)
    minutes_command.register(kinds, data_option)
    new.set_defaults(run=lambda args: (new.print_help(), 2)[1])
    routine.register(commands, kinds, data_option)

    schemas = commands.add_parser("schema", help="write the JSON Schemas from the model",
                                  description="Write schemas/*.json from the model (src/tracker/model.py).")
    schemas.add_argument("--out", metavar="DIR", help="where to write them (default: the project's schemas/)")
    schemas.add_argument("--check", action="store_true", help="only check they are up to date; exit 1 if not")
    data_option(schemas)
    schemas.set_defaults(run=schemas_command.run)
    from . import diff, report_cli  # their code lives in their own modules

    diff.add_command(commands, data_option)
    report_cli.add_command(commands, data_option)
    from tracker_serve import command as preview_command  # the preview and the build: MkDocs-facing, kept apart

    preview_command.add_commands(commands, data_option)

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
        message += (f"\nTo start it: tracker new review {review} --title \"...\" --committee \"...\" "
                    "--held-on YYYY-MM (see tracker new review --help, or CLERKS_GUIDE.md, 'Start a new review'). "
                    "Then run this command again.")
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
                   + "\nAdd the meeting's file to data/council/meetings first: tracker new meeting ID --title \"...\" ... "
                   "(see tracker new meeting --help).")
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
        keep_mode(temp, path)
        if temp.read_bytes() != data:
            raise OSError(f"the temporary file {temp.name} does not hold what was written")
        check(temp)
        if new:
            _place_new(temp, path)
        else:
            os.replace(temp, path)
        WRITTEN.append(path)
    finally:
        temp.unlink(missing_ok=True)


def new_file_mode() -> int:
    """The mode a new file gets from the umask (0666 less it), as an editor would make it; mkstemp's 0600 is
    private to the clerk, and the next person to run the tracker, or the web server, could not read it."""
    umask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def keep_mode(temp: Path | str, path: Path) -> None:
    """Give the temporary file the mode of the file it replaces, or (for a new file) the umask's default."""
    if path.exists():
        shutil.copymode(path, temp)
    else:
        os.chmod(temp, new_file_mode())


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


# ---------------------------------------------------------- reading and writing YAML


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


def _problems(data_dir: Path, replace: dict[Path, Path] | None = None) -> list[Problem]:
    try:
        load(data_dir, replace=replace)
    except DataProblems as problems:
        return problems.problems
    return []


def _key(problem: Problem) -> tuple:
    # Lines move when a file is edited, so a problem is known by what it says, not where.
    return (problem.where.file, problem.field, problem.message)


def _report_after(data_dir: Path, problems: list[Problem]) -> int:
    """The change is made (exit 0); say what, if anything, still stops the site being published."""
    if problems:
        print("\nThe data still has problems elsewhere (not from this change):\n", file=sys.stderr)
        print(DataProblems(problems).report("check"), file=sys.stderr)
    else:
        print("All the data checks out: run 'make serve' to see the change.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
