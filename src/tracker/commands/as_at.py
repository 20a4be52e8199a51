"""`tracker as-at`: the day the site's statuses are worked out for (as_at in data/site.yml)."""

from __future__ import annotations

import argparse

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
        if "as_at" in data:
            data["as_at"] = DoubleQuotedScalarString(day)
        else:
            insert_after(data, "as_at", DoubleQuotedScalarString(day), ("licence", "council", "title"))
        what = f"Statuses are now worked out as at {parsed.words()}"
    edit = Edit(path, dump(data, crlf), what, ["as_at"] if "as_at" in data else [], before=raw)
    return commit(data_dir, [edit], "The 'as at' day was not changed, because it would make the data wrong.")
