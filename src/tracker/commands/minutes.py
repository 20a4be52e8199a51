"""`tracker new resolution` and `tracker new commitment`: what a meeting resolved, or an undertaking given at it."""

from __future__ import annotations

import argparse

from .. import cli, schema
from . import templates
from ._dates import date_value
from ._edit import Edit, Stop, addressed_to, commit, dump_new, scalar, source_id, text_value
from ._ids import check_new_id

RESOLUTION_EXAMPLES = """\
Examples:

  tracker new resolution peer-on-peer-abuse-2019 --meeting cyp-scrutiny-review-of-cases \\
      --text "That the executive reports back on progress in six months." --addressed-to executive

writes the next resolution (the next free number) complete; without --text it
starts the file from a template, with a TODO line for the resolution's words.
"""

COMMITMENT_EXAMPLES = """\
Examples:

  tracker new commitment peer-on-peer-abuse-2019 --meeting cyp-scrutiny-review-of-cases \\
      --id legal-answer-on-attendance \\
      --text "The head of legal services committed to providing an answer on attendance." \\
      --given-by "head of legal services"

writes the commitment complete; without --text it starts the file from a
template. --given-by is who gave it, as the minutes name them (an owner's name
or alias). --due (and --as-written) only if the minutes say by when: leave it
out otherwise, and the site says "no date given", never a date of its own.
"""


def register(kinds, data_option) -> None:

    res = kinds.add_parser("resolution", help="the next resolution of a review, passed at a meeting",
                           description="Add the next resolution of a review, passed at a meeting.",
                           epilog=RESOLUTION_EXAMPLES, formatter_class=cli.Formatter)
    res.add_argument("review", metavar="REVIEW")
    res.add_argument("--meeting", required=True,
                     help="the id of the meeting that passed it (a file in data/council/meetings)")
    res.add_argument("--text", help="the resolution, word for word (leave out to start from a template)")
    res.add_argument("--addressed-to", dest="addressed_to", help="executive, committee or council, if it asks for action")
    res.add_argument("--source", metavar="ID", help="the id of the source document (default: the meeting's)")
    data_option(res)
    res.set_defaults(run=lambda args: resolution(args) if args.text is not None
                     else _template(args, ("addressed_to", "source"), templates.new_resolution))

    com = kinds.add_parser("commitment", help="an undertaking given at a meeting, on a review's business",
                           description="Add an undertaking given at a meeting and recorded in its minutes.",
                           epilog=COMMITMENT_EXAMPLES, formatter_class=cli.Formatter)
    com.add_argument("review", metavar="REVIEW")
    com.add_argument("--meeting", required=True,
                     help="the id of the meeting where it was given (a file in data/council/meetings)")
    com.add_argument("--id", dest="id", metavar="NAME",
                     help="a short name for it, such as schools-explain-by-december-2020 "
                     "(default: the next free number)")
    com.add_argument("--text", help="the minutes' words that record it, word for word (leave out for a template)")
    com.add_argument("--given-by", dest="given_by", help="who gave it, as the minutes name them")
    com.add_argument("--title", help="a short, factual title for lists and links, in the site's words")
    com.add_argument("--due", metavar="DATE", help="by when, if the minutes say: YYYY-MM-DD, YYYY-MM or YYYY")
    com.add_argument("--as-written", dest="as_written", metavar="WORDS", help="by when, as the minutes word it")
    com.add_argument("--source", metavar="ID", help="the id of the source document (default: the meeting's)")
    data_option(com)
    com.set_defaults(run=lambda args: commitment(args) if args.text is not None
                     else _template(args, ("given_by", "title", "due", "as_written", "source"), templates.new_commitment))


def _template(args, complete_only: tuple[str, ...], start) -> int:
    """Start from a template, unless an option was given that only the complete record can take."""
    given = [f"--{name.replace('_', '-')}" for name in complete_only if getattr(args, name) is not None]
    if given:
        raise Stop(f"{', '.join(given)} {'needs' if len(given) == 1 else 'need'} the minutes' words too: give "
                   "--text \"...\" (or leave out the other options to start from a template).")
    return start(args)


def _start(args):

    data_dir = cli.find_data_dir(args.data)
    folder = cli._review_dir(data_dir, args.review, starting=True)
    meeting = cli._council_meeting(data_dir, args.meeting, args.review)
    source = source_id(data_dir, args.source) or templates.meeting_source(meeting, folder)
    if not args.source:
        print(f"Source: {source}, the meeting's (give --source to say otherwise).")
    ids = templates.ids_in(folder)
    return data_dir, folder, source, ids, {i for found in ids.values() for i in found}


def resolution(args) -> int:
    from ruamel.yaml.comments import CommentedMap

    data_dir, folder, source, ids, used = _start(args)
    new_id = templates.next_id([i for i in ids["resolutions"] if i.isdigit()], used, roman_if_used=False)
    path = folder / "resolutions" / f"{new_id}.yml"
    fields = CommentedMap()
    fields["id"] = scalar(new_id)
    fields["meeting"] = args.meeting
    fields["text"] = text_value(args.text, "--text")
    fields["source"] = source
    if args.addressed_to:
        fields["addressed_to"] = addressed_to(args.addressed_to)
    first = schema.schema_line(path, "resolution", data_dir.parent / "schemas")
    edit = Edit(path, dump_new(fields, first), f"Added resolution {new_id}, passed at {args.meeting}", [], new=True)
    return commit(data_dir, [edit], "The resolution was not added, because it would make the data wrong.")


def commitment(args) -> int:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data_dir, folder, source, ids, used = _start(args)
    if args.id:
        new_id = check_new_id(args.id, data_dir, [folder / sub for sub in ids])
    else:
        new_id = templates.next_id([i for i in ids["commitments"] if i.isdigit()], used, roman_if_used=False)
    if not args.given_by:
        raise Stop("Say who gave it: --given-by, as the minutes name them (an owner's name or alias).")
    path = folder / "commitments" / f"{new_id}.yml"
    fields = CommentedMap()
    fields["id"] = scalar(new_id)
    if args.title:
        fields["title"] = scalar(args.title)
    fields["meeting"] = args.meeting
    fields["text"] = text_value(args.text, "--text")
    fields["given_by"] = scalar(args.given_by)
    due = date_value("--due", args.due, args.as_written, "--as-written", words_only=True)
    if due is not None:
        fields["due"] = due
    fields["source"] = source
    fields["progress"] = CommentedSeq()
    fields["progress"].fa.set_flow_style()
    first = schema.schema_line(path, "commitment", data_dir.parent / "schemas")
    edit = Edit(path, dump_new(fields, first), f"Added the commitment {new_id}, given at {args.meeting}", [],
                new=True)
    return commit(data_dir, [edit], "The commitment was not added, because it would make the data wrong.")
