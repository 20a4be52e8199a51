"""`tracker as-at`: the day the site's statuses are worked out for (as_at in data/site.yml)."""

from __future__ import annotations

import argparse
import re
from datetime import date

from .. import cli
from ._edit import Edit, Stop, commit, dump, insert_after, read_record

EXAMPLES = """\
Examples:

  tracker as-at 2021-03-31     statuses as at 31 March 2021 (the date of the progress report)
  tracker as-at today          statuses as at the day the site is built (as_at left out)
"""


def register(commands, data_option) -> None:
    parser = commands.add_parser(
        "as-at", help="set the day the site's statuses are worked out for",
        description="Set the 'as at' day in data/site.yml: statuses ('Past due', 'not updated') are worked out as "
        "at that day, and every page says which day it describes.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("day", metavar="DAY", help="YYYY-MM-DD, or today (the build date)")
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from .. import dates

    data_dir = cli.find_data_dir(args.data)
    path = data_dir / "site.yml"
    if not path.is_file():
        raise Stop(f"There is no {cli._shown(path, data_dir)}: the data folder needs one (tracker init makes it).")
    raw, data, crlf = read_record(path, data_dir)
    day = args.day.strip()
    if day.lower() == "today":
        if "as_at" not in data:
            print("The 'as at' day is already the build date. Nothing was changed.")
            return 0
        del data["as_at"]
        what = "Statuses are now worked out as at the day the site is built"
    else:
        try:
            parsed = dates.parse(day)
        except dates.EdtfError as error:
            raise Stop(f"The day: {error}\nGive it as YYYY-MM-DD, such as 2021-03-31.") from None
        if parsed.precision != "day":
            raise Stop(f"'{day}' is not one day: give the day, such as 2021-03-31.")
        latest = _latest_information(data_dir)
        if latest is not None and parsed.earliest and parsed.earliest < latest:
            raise Stop(f"The 'as at' day cannot be {parsed.words()}: it cannot be earlier than "
                       f"{latest.day} {latest:%B %Y} (the latest information: a progress update or a moved "
                       "deadline dated then). Nothing was changed.")
        if "as_at" in data:
            data["as_at"] = DoubleQuotedScalarString(day)
        else:
            insert_after(data, "as_at", DoubleQuotedScalarString(day), ("licence", "council", "title"))
        what = f"Statuses are now worked out as at {parsed.words()}"
    edit = Edit(path, _without_stale_comment(dump(data, crlf)), what, ["as_at"] if "as_at" in data else [], before=raw)
    return commit(data_dir, [edit], "The 'as at' day was not changed, because it would make the data wrong.")


_LEFT_OUT = re.compile(rb"^[ \t]*# as_at is left out[^\n]*\n", re.M)
"""The comment `tracker init` writes where as_at would go: wrong once as_at is set."""


def _without_stale_comment(data: bytes) -> bytes:
    return _LEFT_OUT.sub(b"", data) if re.search(rb"^as_at:", data, re.M) else data


def _latest_information(data_dir) -> date | None:
    """The latest day a progress update was reported or a deadline moved (the check refuses an 'as at' day
    before it, as those could not have happened yet); None if the data cannot be read (the check says why)."""
    from ..checks import walk
    from ..load import load
    from ..model import DueChange, ProgressUpdate
    from ..problems import DataProblems

    try:
        tracker = load(data_dir).tracker
    except DataProblems:
        return None
    tops = [r for review in tracker.reviews for attr in ("recommendations", "resolutions", "commitments")
            for r in getattr(review, attr)] + list(tracker.council.decisions)
    days = []
    for top in tops:
        for item, _ in walk(top):
            value = item.date if isinstance(item, ProgressUpdate) else item.changed if isinstance(item, DueChange) \
                else None
            parsed = value.parsed if value is not None else None
            if parsed is not None and parsed.earliest:
                days.append(parsed.earliest)
    return max(days, default=None)
