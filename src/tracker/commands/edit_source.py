"""`tracker edit source`: correct a source document's title, date, kind, web address or note."""

from __future__ import annotations

from .. import cli
from . import source
from ._dates import as_at, date_value
from ._edit import Edit, Stop, commit, dump, insert_after, read_record, scalar, text_value

EXAMPLES = """\
Example (the web address was copied wrongly; quote it, as it holds '&'):

  tracker edit source cyp-minutes \\
      --url "https://councillors.herefordshire.gov.uk/ieListDocuments.aspx?CId=809&MId=8214"

Only the fields you give change; the rest of the file (and its comments) stay
as they are. --published-on with --as-written replaces the date the document
bears. Records that cite the source by its id need no change.
"""

FIELDS = ("title", "kind", "url", "note")


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "source", help="correct a source document's title, kind, date, web address or note",
        description="Correct the fields of a source document in data/council/sources.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("id", metavar="ID", help="the source's id (its file name)")
    source.add_fields(parser, title_required=False)
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    data_dir = cli.find_data_dir(args.data)
    known = cli._council_ids(data_dir, "sources")
    if args.id not in known:
        raise Stop(f"There is no source document '{args.id}' in data/council/sources."
                   + cli._choices("Sources", args.id, known))
    given = {name: getattr(args, name) for name in FIELDS if getattr(args, name) is not None}
    if not given and args.published_on is None and args.as_written is None:
        raise Stop("Say what to correct: --title, --kind, --published-on, --url or --note "
                   f"(see tracker edit source --help).")
    path = data_dir / "council" / "sources" / f"{args.id}.yml"
    raw, data, crlf = read_record(path, data_dir)
    changed = []
    for name, value in given.items():
        if not value.strip():
            raise Stop(f"The --{name} is empty: give the corrected {name}.")
        new = text_value(value, f"--{name}") if name == "note" else value.strip() if name == "url" else scalar(value)
        if name in data:
            data[name] = new
        else:
            insert_after(data, name, new, ("title", "id"))
        changed.append(name)
    if args.published_on is not None or args.as_written is not None:
        date = date_value("--published-on", args.published_on, args.as_written, "--as-written",
                          latest=as_at(data_dir))
        if date is None:
            data.pop("date", None)
        elif "date" in data:
            data["date"] = date
        else:
            insert_after(data, "date", date, ("url", "kind", "title"))
        changed.append("date")
    words = [{"url": "web address"}.get(name, name) for name in changed]
    listed = ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]
    edit = Edit(path, dump(data, crlf), f"Corrected the {listed} of the source document {args.id}",
                [changed[0]] if changed[0] in data else [], before=raw)
    return commit(data_dir, [edit], "The source document was not corrected, because it would make the data wrong.")
