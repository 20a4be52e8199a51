"""`tracker move deadline`: a due date changed; the original is kept and the change added, with when and why."""

from __future__ import annotations

import argparse

from .. import cli
from ._dates import as_at, date_value
from ._edit import Edit, Stop, again_option, block_list, commit, dump, refuse_repeat, source_id, text_value
from ._records import action_or_commitment

EXAMPLES = """\
Example (the letter to the DfE, recommendation iv, action 1, now due at the end of June 2020):

  tracker move deadline peer-on-peer-abuse-2019 iv 1 \\
      --to 2020-06 --as-written "End of June 2020" \\
      --changed-on 2020-04-01 \\
      --reason "The letter awaits the Chairperson's approval." \\
      --source spotlight-responses

The original due date stays as it was; the change is added under due_changes
(oldest first), and the site shows the item against the new date with the
history of the move beside it. For a commitment, leave out the action number.
"""


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "deadline", help="a due date changed: the new date, when, why and the source",
        description="Record that the due date of an action (or a commitment) changed.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("review", metavar="REVIEW", help="the review's folder name")
    parser.add_argument("record", metavar="RECORD", help="the recommendation, resolution or commitment")
    parser.add_argument("action", metavar="ACTION", nargs="?", help="the action's number (leave out for a commitment)")
    parser.add_argument("--to", required=True, metavar="DATE",
                        help="the new due date: YYYY-MM-DD, YYYY-MM or YYYY (or a range, such as 2020-07/2020-09)")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS",
                        help="the new due date as the source words it, such as 'End of June 2020'")
    parser.add_argument("--changed-on", dest="changed_on", required=True, metavar="DATE",
                        help="when the change was made or reported: YYYY-MM-DD (or YYYY-MM)")
    parser.add_argument("--changed-as-written", dest="changed_as_written", metavar="WORDS",
                        help="when the change was made, as the source words it")
    parser.add_argument("--reason", required=True, help="why the deadline moved, as the council gave it")
    parser.add_argument("--source", required=True, metavar="ID",
                        help="the id of the source document that records the change")
    again_option(parser)
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap

    data_dir = cli.find_data_dir(args.data)
    target = action_or_commitment(data_dir, args.review, args.record, args.action, "move deadline")
    due = date_value("--to", args.to, args.as_written, "--as-written")
    changed = date_value("--changed-on", args.changed_on, args.changed_as_written, "--changed-as-written",
                         latest=as_at(data_dir))
    if due is None or changed is None:
        raise Stop("A moved deadline needs its new date (--to) and when it moved (--changed-on).")
    if target.holder.get("due") is None:
        print(f"Note: {target.what} has no original due date; the change is recorded all the same.")
    change = CommentedMap()
    change["due"] = due
    change["changed"] = changed
    change["reason"] = text_value(args.reason, "--reason")
    change["source"] = source_id(data_dir, args.source)
    changes = block_list(target.holder, "due_changes", ("due",))
    refuse_repeat(changes, change, "change of deadline", target.path, data_dir, args.again)
    changes.append(change)
    edit = Edit(target.path, dump(target.data, target.crlf), f"Moved the deadline of {target.what} to "
                f"{due['as_written']}", [*target.at, "due_changes", len(changes) - 1], before=target.raw)
    return commit(data_dir, [edit], "The deadline was not moved, because it would make the data wrong.")
