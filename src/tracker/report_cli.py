"""`tracker report`: the committee's quarterly tracker report as a Word document and a spreadsheet."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from . import report
from .load import load
from .pages import Site
from .problems import DataProblems

HELP = """\
Make the committee's recommendations tracker report, as at a day: what is
outstanding and overdue (with its owner, due date, how long overdue and the
latest information), the committee's assessments, deadlines that moved and
why, and what has been recorded since the last report. It is written as a Word
document (for the agenda pack) and a spreadsheet of the same rows. The site
has the same report as a page, ready to print (where the record holds several
reviews, an overview with a report page for each review, as --review makes).

Examples:

  tracker report                                   every review, as at the site's day
  tracker report --committee children-and-young-people-scrutiny --since 2021-03-22
  tracker report --review peer-on-peer-abuse-2019 --as-at 2021-06-30 --out reports
"""


def add_command(commands, data_option) -> None:
    """Register `tracker report` on the command line's sub-commands."""
    parser = commands.add_parser("report", help="the committee's tracker report, as a Word document and a spreadsheet",
                                 description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--committee", metavar="COMMITTEE",
                       help="only the reviews this committee held (its id or name, such as "
                       "children-and-young-people-scrutiny)")
    scope.add_argument("--review", metavar="REVIEW", help="only this review (its folder name)")
    parser.add_argument("--as-at", dest="as_at", metavar="YYYY-MM-DD",
                        help="the day the report is as at (default: the site's 'as at' day, which is today unless "
                        "data/site.yml sets one)")
    parser.add_argument("--since", metavar="YYYY-MM-DD",
                        help="the day of the last report: what was recorded after it is listed as changed "
                        "(default: three months before the 'as at' day)")
    parser.add_argument("--out", metavar="DIR", default=".", help="the folder to write the files in (default: here)")
    parser.add_argument("--format", dest="formats", choices=("docx", "xlsx"), action="append",
                        help="docx or xlsx; may be given twice (default: both)")
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from .cli import Stop, find_data_dir

    as_at = _day(args.as_at, "--as-at") if args.as_at else None
    since = _day(args.since, "--since") if args.since else None
    data_dir = find_data_dir(args.data)
    try:
        site = Site(load(data_dir, today=as_at))
    except DataProblems as problems:
        if as_at is not None and _loads_without(data_dir):
            raise Stop(f"--as-at {as_at.isoformat()} is before information the record already holds: a report as "
                       "at that day would count it. Give a later day, or leave out --as-at.") from None
        for problem in problems.problems:
            print(problem.explain(), file=sys.stderr)
        count = len(problems.problems)
        raise Stop(f"The report was not made: the data has {count} problem{'' if count == 1 else 's'} to fix "
                   "first (run 'tracker check').") from None
    if as_at is not None and as_at < site.as_at:
        raise Stop(f"--as-at {as_at.isoformat()} is before the day the record is kept as at "
                   f"({site.as_at_words}, set in data/site.yml): the report would count information recorded after "
                   "it. Leave out --as-at, or change 'as_at' in data/site.yml.")
    if since is not None and since >= (as_at or site.as_at):
        raise Stop(f"--since {since.isoformat()} must be before the day the report is as at.")
    try:
        scope = report.scope_of(site, args.committee, args.review)
    except report.UnknownScope as unknown:
        raise Stop(str(unknown)) from None
    made = report.build(site, scope, as_at, since)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"tracker-report-{_slug(scope)}-{made.as_at.isoformat()}"
    for form in args.formats or ["docx", "xlsx"]:
        if form == "docx":
            from .report_docx import document as content
        else:
            from .report_xlsx import workbook as content
        path = out / f"{stem}.{form}"
        try:
            _write(path, content(made))
        except PermissionError:
            raise Stop(f"Could not write {path}: it may be open in Word or Excel. Close it and run the command again.") from None
        print(f"Wrote {path}")
    for line in report.summary(made):
        print(f"  {line}")
    return 0


def _loads_without(data_dir: Path) -> bool:
    try:
        load(data_dir)
    except DataProblems:
        return False
    return True


def _day(text: str, option: str) -> date:
    from .cli import Stop

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Stop(f"{option} {text!r} is not a day: write it YYYY-MM-DD, such as 2021-06-30.") from None


def _slug(scope: report.Scope) -> str:
    if len(scope.reviews) == 1 and scope.title == scope.reviews[0].title:
        return scope.reviews[0].id
    words = "".join(c if c.isalnum() else "-" for c in scope.title.lower())
    return "-".join(part for part in words.split("-") if part)


def _write(path: Path, data: bytes) -> None:
    """Write beside the target and move into place, so an open or half-written file is never left behind."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        from .cli import keep_mode

        keep_mode(temp, path)  # mkstemp makes it 0600
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
