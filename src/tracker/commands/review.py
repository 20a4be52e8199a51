"""`tracker new review`: a review's folder and its review.yml, ready for its first recommendation."""

from __future__ import annotations

import argparse

from .. import cli, schema
from ._dates import as_at, date_value
from ._edit import Edit, Stop, commit, dump_new, scalar, text_value
from ._ids import check_new_id

EXAMPLES = """\
Example (a new review, from the committee's published report):

  tracker new review school-exclusions-2021 \\
      --title "School exclusions spotlight review" \\
      --committee "Children and young people scrutiny committee" \\
      --held-on 2021-03 --as-written "March 2021" \\
      --received-on 2021-04-12

writes data/reviews/school-exclusions-2021/review.yml. The id becomes the
review's folder name and web address: short, lower case, words joined by '-'.
--committee is a committee's id, name or alias (a file in
data/council/committees). --received-on is when the executive received the
report: the response clock starts there. Leave it out if no source says; the
page then says so. Then start its first recommendation:

  tracker new recommendation school-exclusions-2021
"""


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "review", help="a new review: its folder and review.yml",
        description="Start a new review: its folder under data/reviews and its review.yml.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("id", metavar="ID", help="a short name for it, such as school-exclusions-2021")
    parser.add_argument("--title", required=True, help="the review's title")
    parser.add_argument("--committee", required=True,
                        help="the committee that held it: a committee's id, name or alias")
    parser.add_argument("--held-on", dest="held_on", required=True, metavar="DATE",
                        help="when the review was held: YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS", help="that date as the source words it")
    parser.add_argument("--received-on", dest="received_on", metavar="DATE",
                        help="when the executive received the report (the response clock starts there)")
    parser.add_argument("--received-as-written", dest="received_as_written", metavar="WORDS",
                        help="that date as the source words it")
    parser.add_argument("--summary", help="a short description, in the source's words")
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap

    data_dir = cli.find_data_dir(args.data)
    new_id = check_new_id(args.id, data_dir, [data_dir / "reviews"])
    path = data_dir / "reviews" / new_id / "review.yml"
    latest = as_at(data_dir)
    fields = CommentedMap()
    fields["id"] = scalar(new_id)
    fields["title"] = scalar(args.title) if args.title.strip() else ""
    if not fields["title"]:
        raise Stop("The --title is empty: give the review's title.")
    fields["committee"] = scalar(args.committee)
    fields["date"] = date_value("--held-on", args.held_on, args.as_written, "--as-written", latest=latest)
    if fields["date"] is None:
        raise Stop("A review needs the date it was held: --held-on 2021-03 (its month, say).")
    received = date_value("--received-on", args.received_on, args.received_as_written, "--received-as-written",
                          latest=latest)
    if received is not None:
        fields["report_received"] = received
    if args.summary:
        fields["summary"] = text_value(args.summary, "--summary")
    first = schema.schema_line(path, "review", data_dir.parent / "schemas")
    edit = Edit(path, dump_new(fields, first), f"Started the review {new_id}", [], new=True)
    code = commit(data_dir, [edit], "The review was not started, because it would make the data wrong.")
    print(f"Next: tracker new recommendation {new_id}")
    return code
