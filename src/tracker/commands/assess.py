"""`tracker assess` and `tracker sign-off`: the committee's own judgement of an item, on the council's scale."""

from __future__ import annotations

import argparse
import sys

from .. import cli
from ._dates import as_at, date_value
from ._edit import Edit, Stop, again_option, block_list, commit, dump, refuse_repeat, scalar, source_id, text_value
from ._records import meeting as meeting_fields, record

ASSESS_EXAMPLES = """\
Example (the committee, at its meeting, judges recommendation v on track):

  tracker assess peer-on-peer-abuse-2019 v --value on-track \\
      --meeting cyp-scrutiny-review-of-cases \\
      --text "The committee noted that the work is under way."

--value is a key of the council's assessment scale (achieved, on-track,
slipped, not-achieved, unless data/site.yml sets its own). The assessment is
dated with its meeting's date and takes the meeting's source (the minutes),
unless --assessed-on or --source says otherwise; the command says which it used.
An assessment is the committee's judgement, never the officers' report: that is
a progress update (tracker add update).
"""

SIGN_OFF_EXAMPLES = """\
Example (the committee signs recommendation iv off):

  tracker sign-off peer-on-peer-abuse-2019 iv --value achieved \\
      --meeting cyp-scrutiny-review-of-cases \\
      --text "The committee agreed that the letter had been sent."

Signing off ends the item's monitoring. With --not-implemented the item is
closed as not implemented instead (monitoring ends too).
"""


def _arguments(parser: argparse.ArgumentParser, data_option) -> None:
    parser.add_argument("review", metavar="REVIEW", help="the review's folder name")
    parser.add_argument("record", metavar="RECORD", help="the recommendation, resolution or commitment")
    parser.add_argument("--value", required=True,
                        help="a value of the council's assessment scale: its key (on-track) or its label (\"On track\")")
    parser.add_argument("--meeting", required=True, metavar="ID",
                        help="the id of the meeting that made it (a file in data/council/meetings)")
    parser.add_argument("--assessed-on", dest="assessed_on", metavar="DATE",
                        help="when the committee made it (default: the meeting's date, as the meeting records it)")
    parser.add_argument("--as-written", dest="as_written", metavar="WORDS", help="that date as the source words it")
    parser.add_argument("--text", help="the committee's words, verbatim")
    parser.add_argument("--resolution", metavar="ID", help="the resolution that records it, where there is one")
    parser.add_argument("--source", metavar="ID", help="the id of the source document (default: the meeting's)")
    parser.add_argument("--note", help="anything a reader should know")
    again_option(parser)
    data_option(parser)


def register(commands, data_option) -> None:
    assess = commands.add_parser(
        "assess", help="record the committee's assessment of an item, on the council's scale",
        description="Record the committee's own assessment of a recommendation, resolution or commitment.",
        epilog=ASSESS_EXAMPLES, formatter_class=cli.Formatter)
    _arguments(assess, data_option)
    assess.set_defaults(run=run, outcome=None)
    sign_off = commands.add_parser(
        "sign-off", help="record that the committee signed an item off (its monitoring ends)",
        description="Record the committee's assessment that signs an item off, or closes it as not implemented.",
        epilog=SIGN_OFF_EXAMPLES, formatter_class=cli.Formatter)
    _arguments(sign_off, data_option)
    sign_off.add_argument("--not-implemented", dest="outcome", action="store_const", const="closed not implemented",
                          default="signed off", help="close the item as not implemented, instead of signing it off")
    sign_off.set_defaults(run=run)


def run(args) -> int:
    from ruamel.yaml.comments import CommentedMap

    data_dir = cli.find_data_dir(args.data)
    target = record(data_dir, args.review, args.record, follow_shared=False)
    value = scale_key(data_dir, args.value)
    meeting = meeting_fields(data_dir, args.meeting)
    when = date_value("--assessed-on", args.assessed_on, args.as_written, "--as-written", latest=as_at(data_dir))
    if when is None:
        when = _meeting_date(meeting, args.meeting)
    source = source_id(data_dir, args.source) or cli._scalar(meeting, "source")
    if not args.source:
        if not source:
            raise Stop(f"The meeting {args.meeting} names no source: give --source.")
        print(f"Source: {source}, the meeting's minutes (give --source to say otherwise).")
    entry = CommentedMap()
    entry["date"] = when
    entry["meeting"] = args.meeting
    if args.resolution:
        entry["resolution"] = scalar(args.resolution)
    entry["value"] = scalar(value)
    if args.text:
        entry["text"] = text_value(args.text, "--text")
    if args.outcome:
        entry["outcome"] = args.outcome
    entry["source"] = source
    if args.note:
        entry["note"] = text_value(args.note, "--note")
    after = ("due_changes", "due", "progress", "given_by", "response", "priority", "source", "addressed_to", "text")
    assessments = block_list(target.data, "assessments", after)
    _note_signed_off(assessments, target.what)
    refuse_repeat(assessments, entry, "assessment", target.path, data_dir, args.again)
    assessments.append(entry)
    verb = {"signed off": "Signed off", "closed not implemented": "Closed as not implemented"}.get(
        args.outcome or "", "Recorded the committee's assessment of")
    edit = Edit(target.path, dump(target.data, target.crlf), f"{verb} {target.what}",
                ["assessments", len(assessments) - 1], before=target.raw)
    return commit(data_dir, [edit], "The assessment was not recorded, because it would make the data wrong.")


def _scale(data_dir) -> list[tuple[str, str]]:
    """The council's assessment scale as (key, label): site.yml's, else the model's default."""
    from ..model import _default_scale

    listed = cli._map(data_dir / "site.yml").get("assessment_scale")
    values = [v.value for v in listed.value] if listed is not None and listed.kind == "list" else []  # type: ignore[union-attr]
    pairs = [(cli._scalar(v, "key"), cli._scalar(v, "label") or "") for v in values if isinstance(v, dict)]
    return [(k, label) for k, label in pairs if k] or [(v.key, v.label) for v in _default_scale()]


def scale_key(data_dir, given: str) -> str:
    """The scale's key for --value: a key as typed, or a label ("On track"), said aloud; else Stop naming the
    option (the clerk typed it: no file has been written yet)."""
    import difflib

    from ..synonyms import fold

    scale = _scale(data_dir)
    keys = [k for k, _ in scale]
    if given in keys:
        return given
    for key, label in scale:
        if fold(given) in (fold(key), fold(label)):
            print(f"Read --value '{given}' as {key}, the scale's key for '{label or key}'.")
            return key
    folded = {fold(k): k for k in keys} | {fold(label): k for k, label in scale if label}
    guess = difflib.get_close_matches(fold(given), list(folded), n=1, cutoff=0.5)
    raise Stop(f"--value: '{given}' is not on the council's assessment scale."
               + (f" Did you mean '{folded[guess[0]]}'?" if guess else "")
               + "\nThe scale: " + ", ".join(f"{k} ({label})" if label else k for k, label in scale)
               + ". Nothing was changed.")


def _note_signed_off(assessments, what: str) -> None:
    """Say so when the item is already signed off: monitoring has ended, so a later assessment is unusual."""
    ended = [a for a in assessments if isinstance(a, dict) and a.get("outcome")]
    if ended:
        print(f"Warning: {what} was already {ended[-1]['outcome']} (monitoring ended); this assessment is "
              "recorded after it. If that is a mistake, delete it from the file.", file=sys.stderr)


def _meeting_date(meeting: dict, meeting_id: str):
    """The meeting's own date, copied as the meeting records it (said aloud, so it is never a silent default)."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    node = meeting.get("date")
    fields = node.value if node is not None and node.kind == "map" else {}
    edtf = fields.get("edtf")
    if edtf is None or edtf.value is None:
        raise Stop(f"The meeting {meeting_id} has no machine date: give --assessed-on.")
    value = CommentedMap()
    words = fields.get("as_written")
    if words is not None and words.value:
        value["as_written"] = str(words.value)
    value["edtf"] = DoubleQuotedScalarString(str(edtf.value))
    value.fa.set_flow_style()
    print(f"Dated {value.get('as_written', edtf.value)}, the meeting's date (give --assessed-on to say otherwise).")
    return value
