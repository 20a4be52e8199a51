"""`tracker new recommendation`: the next recommendation of a review, from a template or complete from its words."""

from __future__ import annotations

import argparse

from .. import cli, schema
from ._edit import Edit, Stop, addressed_to, commit, dump_new, scalar, source_id, text_value
from . import templates
from .response import fill

EXAMPLES = """\
Examples:

  tracker new recommendation peer-on-peer-abuse-2019

starts the next recommendation's file (the next roman numeral, or number) from
a template with every part still to fill in marked TODO.

  tracker new recommendation peer-on-peer-abuse-2019 --priority High \\
      --text "That the findings are shared with every school governing body." \\
      --addressed-to executive --source spotlight-responses \\
      --response-title "Executive Response" --words "Yes" \\
      --response-text "The findings will be sent to every governing body." \\
      --responded-on 2020-03

writes the whole recommendation and its response at once, ready to publish
(add its actions with tracker add action). --words is the council's own word
for its decision ("Yes", "In part", "Partially Agreed"); --decision the site's.
"""


def register(kinds, data_option) -> None:

    parser = kinds.add_parser(
        "recommendation", help="the next recommendation of a review",
        description="Start the next recommendation of a review: from a template (give only the review), or "
        "complete, with its response (give --text and the rest).",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("review", metavar="REVIEW")
    parser.add_argument("--id", dest="id", metavar="ID", help="its number as the review writes it (default: the next)")
    parser.add_argument("--heading", help="the heading the source gives it")
    parser.add_argument("--text", help="the recommendation, word for word")
    parser.add_argument("--addressed-to", dest="addressed_to", help="executive, committee or council (the full council)")
    parser.add_argument("--priority", help="the priority the council gives it, as written")
    parser.add_argument("--source", metavar="ID", help="the id of the source document it is transcribed from")
    parser.add_argument("--response-title", dest="response_title", metavar="TITLE",
                        help="the label the source gives the response, such as 'Executive Response'")
    parser.add_argument("--words", help="the council's own word for its decision, exactly as written")
    parser.add_argument("--decision", help="agreed, partially agreed, accepted in principle, not agreed, or none")
    parser.add_argument("--response-text", dest="response_text", metavar="TEXT", help="the response, word for word")
    parser.add_argument("--responded-on", dest="responded_on", metavar="DATE",
                        help="when the response was given: YYYY-MM-DD or YYYY-MM (leave out if no source says)")
    parser.add_argument("--responded-as-written", dest="responded_as_written", metavar="WORDS",
                        help="that date as the source words it")
    data_option(parser)
    parser.set_defaults(run=dispatch)


COMPLETE_ONLY = ("id", "heading", "addressed_to", "priority", "source", "response_title", "words", "decision",
                 "response_text", "responded_on", "responded_as_written")
"""Options that only mean something when the whole recommendation is given (with --text)."""


def dispatch(args) -> int:
    """The whole recommendation when its words are given; else the template (never a silently ignored option)."""
    if args.text is not None:
        return run(args)
    given = [f"--{name.replace('_', '-')}" for name in COMPLETE_ONLY if getattr(args, name) is not None]
    if given:
        raise Stop(f"{', '.join(given)} {'needs' if len(given) == 1 else 'need'} the recommendation's words too: "
                   "give --text \"...\" (or leave out the other options to start from a template).")
    return templates.new_recommendation(args)


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ._ids import check_new_id

    data_dir = cli.find_data_dir(args.data)
    folder = cli._review_dir(data_dir, args.review, starting=True)
    ids = templates.ids_in(folder)
    used = {i for found in ids.values() for i in found}
    if args.id:
        new_id = check_new_id(args.id, data_dir, [folder / sub for sub in ids])
    else:
        new_id = templates.next_id(ids["recommendations"], used, roman_if_used=True)
    path = folder / "recommendations" / f"{new_id}.yml"
    fields = CommentedMap()
    fields["id"] = scalar(new_id)
    if args.heading:
        fields["heading"] = scalar(args.heading)
    fields["text"] = text_value(args.text, "--text")
    if not args.addressed_to:
        raise Stop("Say whom it asks to act: --addressed-to executive (or committee, or council).")
    fields["addressed_to"] = addressed_to(args.addressed_to)
    source = source_id(data_dir, args.source) or templates.common(folder)["source"]
    if not source:
        raise Stop("Give --source: the id of the document the recommendation is transcribed from.")
    if not args.source:
        print(f"Source: {source}, as most of this review's recommendations (give --source to say otherwise).")
    fields["source"] = source
    if args.priority:
        fields["priority"] = scalar(args.priority)
    if not args.response_title:
        raise Stop("Give the response too: --response-title (the label the source gives it), --words or --decision, "
                   "and --response-text. A recommendation is published with its response.")
    response = CommentedMap()
    fill(response, data_dir, title=args.response_title, words=args.words, decision=args.decision,
         given_on=args.responded_on, as_written=args.responded_as_written, text=args.response_text,
         given_option="--responded-on", words_option="--responded-as-written", text_option="--response-text",
         title_option="--response-title")
    response["actions"] = CommentedSeq()
    response["actions"].fa.set_flow_style()
    fields["response"] = response
    first = schema.schema_line(path, "recommendation", data_dir.parent / "schemas")
    edit = Edit(path, dump_new(fields, first), f"Added recommendation {new_id}", [], new=True)
    code = commit(data_dir, [edit], "The recommendation was not added, because it would make the data wrong.")
    print(f"Its actions: tracker add action {args.review} {new_id} --description \"...\" --owner \"...\"")
    return code
