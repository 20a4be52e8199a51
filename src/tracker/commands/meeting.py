"""`tracker new meeting`: a committee meeting, as its minutes record it (an assessment or resolution names it)."""

from __future__ import annotations

from .. import cli, schema
from ._dates import as_at, date_value
from ._edit import Edit, Stop, commit, dump_new, scalar, source_id, text_value
from ._ids import check_new_council_id

EXAMPLES = """\
Example (the meeting at which the committee assessed the recommendations):

  tracker new meeting cyp-scrutiny-2021-07-20 \\
      --title "Children and young people scrutiny committee: progress on the spotlight review" \\
      --committee "Children and young people scrutiny committee" \\
      --held-on 2021-07-20 --as-written "20 July 2021" \\
      --source cyp-minutes --review peer-on-peer-abuse-2019

writes data/council/meetings/cyp-scrutiny-2021-07-20.yml. Add the minutes
first (tracker new source). --committee is a committee's id, name or alias.
--review names each review whose business the meeting dealt with (give it
more than once for several). The minutes' words go in the file afterwards
('minutes:'), pasted exactly as published.
"""


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "meeting", help="a committee meeting: its title, committee, date and minutes",
        description="Add a meeting to data/council/meetings, so assessments and resolutions can name it.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("id", metavar="ID", help="a short name for it, such as cyp-scrutiny-2021-07-20")
    parser.add_argument("--title", required=True, help="the meeting's (or agenda item's) title")
    parser.add_argument("--committee", required=True, help="the committee that met: its id, name or alias")
    parser.add_argument("--held-on", dest="held_on", required=True, metavar="DATE",
                        help="when the meeting took place: YYYY-MM-DD")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS", help="that date as the minutes word it")
    parser.add_argument("--source", required=True, metavar="ID",
                        help="the id of the minutes (a file in data/council/sources)")
    parser.add_argument("--review", dest="reviews", metavar="REVIEW", action="append", default=[],
                        help="a review whose business it dealt with (may be given more than once)")
    parser.add_argument("--agenda-item", dest="agenda_item", metavar="WORDS", help="the agenda item, as written")
    parser.add_argument("--note", help="anything a reader should know about the meeting's record")
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data_dir = cli.find_data_dir(args.data)
    new_id = check_new_council_id(args.id, data_dir)
    path = data_dir / "council" / "meetings" / f"{new_id}.yml"
    if not args.title.strip():
        raise Stop("The --title is empty: give the meeting's title.")
    for review in args.reviews:
        cli._review_dir(data_dir, review)
    fields = CommentedMap()
    fields["id"] = scalar(new_id)
    fields["title"] = scalar(args.title)
    fields["committee"] = scalar(args.committee)
    if args.reviews:
        reviews = CommentedSeq(dict.fromkeys(args.reviews))
        reviews.fa.set_flow_style()
        fields["reviews"] = reviews
    if args.agenda_item:
        fields["agenda_item"] = scalar(args.agenda_item)
    fields["date"] = date_value("--held-on", args.held_on, args.as_written, "--as-written", latest=as_at(data_dir))
    if fields["date"] is None:
        raise Stop("A meeting needs the day it took place: --held-on 2021-07-20.")
    fields["source"] = source_id(data_dir, args.source)
    if args.note:
        fields["note"] = text_value(args.note, "--note")
    first = schema.schema_line(path, "meeting", data_dir.parent / "schemas")
    edit = Edit(path, dump_new(fields, first), f"Added the meeting {new_id}", [], new=True)
    return commit(data_dir, [edit], "The meeting was not added, because it would make the data wrong.")
