"""`tracker add action`: an action in a response's action table, with its owner, due date and success criteria."""

from __future__ import annotations

import argparse

from .. import cli
from ._dates import date_value
from ._edit import Edit, Stop, block_list, commit, dump, scalar, text_value
from ._records import record

EXAMPLES = """\
Example (a second action for recommendation iv):

  tracker add action peer-on-peer-abuse-2019 iv \\
      --description "To share the reply from the DfE with the committee." \\
      --owner "Democratic Services" \\
      --due 2021-06 --as-written "June 2021" \\
      --success-criterion "Reply circulated to members"

The action takes the next number. --owner is written as the source spells it
(an owner's name or alias, in data/council/owners). A due date with no machine
date ("On-going", "When policies are reviewed") is given as --as-written alone.
"""


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "action", help="an action in a response's action table",
        description="Add an action to the response of a recommendation or resolution.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("review", metavar="REVIEW", help="the review's folder name")
    parser.add_argument("record", metavar="RECORD", help="the recommendation (such as iv) or resolution")
    parser.add_argument("--description", required=True, help="the action, word for word")
    parser.add_argument("--owner", help="who is responsible, exactly as the source names them")
    parser.add_argument("--due", metavar="DATE", help="when it is due: YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS",
                        help="the due date as the source words it ('By When'), such as 'End of March 2020'")
    parser.add_argument("--success-criterion", dest="criteria", metavar="TEXT", action="append", default=[],
                        help="a target or success criterion, word for word; may be given more than once")
    parser.add_argument("--id", dest="id", metavar="NUMBER", help="the action's number (default: the next one)")
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    data_dir = cli.find_data_dir(args.data)
    target = record(data_dir, args.review, args.record)
    if target.noun == "commitment":
        raise Stop("A commitment has no actions: its progress is recorded on the commitment itself.")
    response = target.data.get("response")
    if not isinstance(response, dict):
        raise Stop(f"{target.what.capitalize()} has no response yet, so it has no action table. Record the response "
                   f"first: tracker record response {args.review} {target.record} --title ... --text ...")
    actions = block_list(response, "actions", ("text", "decision_words", "decision", "title"))
    ids = [str(a.get("id")) for a in actions if isinstance(a, dict)]
    new_id = args.id.strip() if args.id else str(max((int(i) for i in ids if i.isdigit()), default=0) + 1)
    if new_id in ids:
        raise Stop(f"{target.what.capitalize()} already has an action '{new_id}'."
                   + cli._choices("Its actions", new_id, ids))
    action = CommentedMap()
    action["id"] = DoubleQuotedScalarString(new_id)
    action["description"] = text_value(args.description, "--description")
    if args.owner:
        action["owner"] = scalar(args.owner)
    due = date_value("--due", args.due, args.as_written, "--as-written", words_only=True)
    if due is not None:
        action["due"] = due
    if args.criteria:
        action["success_criteria"] = CommentedSeq(text_value(c, "--success-criterion") for c in args.criteria)
    action["progress"] = CommentedSeq()
    action["progress"].fa.set_flow_style()
    actions.append(action)
    edit = Edit(target.path, dump(target.data, target.crlf), f"Added action {new_id} to {target.what}",
                ["response", "actions", len(actions) - 1], before=target.raw)
    return commit(data_dir, [edit], "The action was not added, because it would make the data wrong.")
