"""`tracker record response`: the executive's (or committee's) answer, with its date and the council's own words."""

from __future__ import annotations

import argparse
import difflib
from typing import get_args

from .. import cli
from ..model import ResponseDecision
from ._dates import as_at, date_value
from ._edit import Edit, Stop, commit, dump, insert_after, scalar, source_id, text_value
from ._records import record

EXAMPLES = """\
Example (a response that partly agrees, in the council's own words):

  tracker record response peer-on-peer-abuse-2019 i \\
      --words "Partially Agreed" --given-on 2020-03 --as-written "March 2020" \\
      --title "Executive Response" \\
      --text "Partially Agreed - the 2020/21 audit will include ..." \\
      --source spotlight-responses

--words is the council's own word for its decision, exactly as written
("Partially Agreed", "Yes", "In part"); --decision is the site's word for it
(agreed, partially agreed, accepted in principle, not agreed). Give either or
both: when only --words is given and its meaning is plain, the command says how
it read it. --given-on is when the response was given; if no source says, leave
it out (or write "not stated"): no date is recorded.

A response that is already there keeps everything you do not give; its actions
are never touched.
"""

DECISIONS = get_args(ResponseDecision)

_PLAIN = {"yes": "agreed", "agree": "agreed", "accepted": "agreed", "approved": "agreed",
          "in part": "partially agreed", "partly agreed": "partially agreed", "partially accepted": "partially agreed",
          "agreed in part": "partially agreed", "agreed in principle": "accepted in principle",
          "no": "not agreed", "not accepted": "not agreed", "rejected": "not agreed", "disagree": "not agreed"}
"""The council's words whose meaning is plain, and the decision they mean."""


def register(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "response", help="the response to a recommendation or resolution, with its date and the council's words",
        description="Record the response to a recommendation (or a resolution): its decision in the council's "
        "own words, when it was given, its title and its words.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("review", metavar="REVIEW", help="the review's folder name")
    parser.add_argument("record", metavar="RECORD", help="the recommendation (such as iv) or resolution")
    parser.add_argument("--words", metavar="WORDS", help="the council's own word for its decision, exactly as written")
    parser.add_argument("--decision", help="; ".join(DECISIONS) + "; or none, if the source gives no decision")
    parser.add_argument("--given-on", dest="given_on", metavar="DATE",
                        help="when the response was given: YYYY-MM-DD, YYYY-MM, or \"not stated\"")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS",
                        help="when it was given, as the source words it")
    parser.add_argument("--title", help="the label the source gives the response, such as 'Executive Response'")
    parser.add_argument("--text", help="the response, word for word")
    parser.add_argument("--source", metavar="ID", help="the id of the source document, if not the record's own")
    parser.add_argument("--note", help="anything a reader should know about the response")
    data_option(parser)
    parser.set_defaults(run=run)


def decision_of(words: str | None, decision: str | None) -> str | None:
    """The decision to record: as given, or read from the council's words when their meaning is plain."""
    if decision is not None:
        chosen = decision.strip().lower()
        if chosen == "none":
            return None
        if chosen not in DECISIONS:
            close = difflib.get_close_matches(chosen, DECISIONS, n=1, cutoff=0.5)
            guess = _PLAIN.get(chosen) or (close[0] if close else None)
            raise Stop(f"--decision: '{decision}' is not a decision." + (f" Did you mean '{guess}'?" if guess else "")
                       + "\nDecisions: " + ", ".join(f"'{d}'" for d in DECISIONS)
                       + ". The council's own words go in --words.")
        return chosen
    if words is None:
        return None
    plain = " ".join(words.lower().strip(" .").split())
    chosen = plain if plain in DECISIONS else _PLAIN.get(plain)
    if chosen is None:
        raise Stop(f"--words: '{words}' does not say plainly which decision it is. Give --decision as well: "
                   + ", ".join(f"'{d}'" for d in DECISIONS) + " (or none).")
    print(f"Read --words '{words}' as the decision '{chosen}'; give --decision to say otherwise.")
    return chosen


def fill(response, data_dir, *, title=None, words=None, decision=None, given_on=None, as_written=None,
         text=None, source=None, note=None, given_option="--given-on", words_option="--as-written",
         text_option="--text", title_option="--title") -> None:
    """Set the response's fields that were given (a round-trip map), keeping every other one as it is."""
    chosen = decision_of(words, decision)
    given = date_value(given_option, given_on, as_written, words_option, latest=as_at(data_dir))
    if title is not None:
        if not title.strip():
            raise Stop(f"The {title_option} is empty: give the label the source gives the response.")
        response["title"] = scalar(title)
    for key, value in (("decision", chosen if (decision or words) else ...),
                       ("decision_words", scalar(words) if words else ...),
                       ("text", text_value(text, text_option) if text is not None else ...),
                       ("source", source_id(data_dir, source) if source else ...),
                       ("date", given if (given_on or as_written) else ...),
                       ("note", text_value(note, "--note") if note else ...)):
        if value is ...:
            continue
        if value is None:
            response.pop(key, None)
        elif key in response:
            response[key] = value
        else:
            order = ("title", "decision", "decision_words", "text", "source", "date")
            insert_after(response, key, value, tuple(reversed(order[:order.index(key)])) if key in order else ())


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data_dir = cli.find_data_dir(args.data)
    target = record(data_dir, args.review, args.record)
    if target.noun == "commitment":
        raise Stop("A commitment has no response: it is itself an undertaking. Record its progress with "
                   "tracker add update.")
    response = target.data.get("response")
    made = response is None
    if made:
        if not args.title:
            raise Stop(f"{target.what.capitalize()} has no response yet: give its --title, the label the source "
                       "gives it (such as --title \"Executive Response\").")
        response = CommentedMap()
    elif not isinstance(response, dict):
        raise Stop(f"The response of {target.what} is not a group of fields; run 'tracker check' to see why.")
    fill(response, data_dir, title=args.title, words=args.words, decision=args.decision, given_on=args.given_on,
         as_written=args.as_written, text=args.text, source=args.source, note=args.note)
    if made:
        response["actions"] = CommentedSeq()
        insert_after(target.data, "response", response, ("priority", "source", "addressed_to", "text"))
    what = ("Recorded the response to " if made else "Changed the response to ") + target.what
    edit = Edit(target.path, dump(target.data, target.crlf), what, ["response"], before=target.raw)
    return commit(data_dir, [edit], "The response was not recorded, because it would make the data wrong.")
