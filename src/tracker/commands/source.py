"""`tracker new source`: a source document (a report, minutes, a notice) that records cite by its id."""

from __future__ import annotations

import argparse

from .. import cli, schema
from ._dates import as_at, date_value
from ._edit import Edit, Stop, commit, dump_new, scalar, text_value
from ._ids import check_new_council_id

EXAMPLES = """\
Example (a progress report, whose title has a colon in it: the command quotes it):

  tracker new source progress-report-2021-03 \\
      --title "Spotlight review action plan: progress at March 2021" \\
      --kind "progress report" \\
      --published-on 2021-03-31 \\
      --url "https://councillors.herefordshire.gov.uk/ieListDocuments.aspx?CId=809&MId=8214"

writes data/council/sources/progress-report-2021-03.yml. Records then say
source: progress-report-2021-03. The id is yours to choose: short, lower case,
words joined by '-'. --published-on is the date the document bears; leave it
out if it has none. Put the web address in double quotes: the shell cuts it
at an '&'. To correct a source later: tracker edit source ID --url "...".
"""


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "source", help="a source document: title, date and web address",
        description="Add a source document to data/council/sources.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("id", metavar="ID", help="a short name for it, such as progress-report-2021-03")
    add_fields(parser, title_required=True)
    data_option(parser)
    parser.set_defaults(run=run)


def add_fields(parser: argparse.ArgumentParser, title_required: bool) -> None:
    """A source document's fields as options: the same words for adding one (`new source`) and correcting one
    (`edit source`)."""
    parser.add_argument("--title", required=title_required, help="the document's title as it heads itself")
    parser.add_argument("--kind", help="what sort of document it is: minutes, progress report, decision notice ...")
    parser.add_argument("--published-on", dest="published_on", metavar="DATE",
                        help="the date the document bears: YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS", help="that date as the document words it")
    parser.add_argument("--url", help="where the public can read it: a full web address starting https://, in double quotes")
    parser.add_argument("--note", help="anything a reader should know about the document")


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap

    data_dir = cli.find_data_dir(args.data)
    folder = data_dir / "council" / "sources"
    new_id = check_new_council_id(args.id, data_dir)
    path = folder / f"{new_id}.yml"
    fields = CommentedMap()
    fields["id"] = scalar(new_id)
    fields["title"] = scalar(args.title) if args.title.strip() else ""
    if not fields["title"]:
        raise Stop("The --title is empty: give the document's title.")
    if args.kind:
        fields["kind"] = scalar(args.kind)
    if args.url:
        fields["url"] = args.url.strip()
    published = date_value("--published-on", args.published_on, args.as_written, "--as-written",
                           latest=as_at(data_dir))
    if published is not None:
        fields["date"] = published
    if args.note:
        fields["note"] = text_value(args.note, "--note")
    first = schema.schema_line(path, "source", data_dir.parent / "schemas")
    edit = Edit(path, dump_new(fields, first), f"Added the source document {new_id}", [], new=True)
    return commit(data_dir, [edit], "The source document was not added, because it would make the data wrong.")
