"""`tracker new owner` and `tracker add alias`: a post or team that owns actions, and every spelling of it."""

from __future__ import annotations

from .. import cli, schema
from ..names import fold
from ._edit import Edit, Stop, block_list, commit, dump, dump_new, read_record, scalar, text_value
from ._ids import check_new_council_id

OWNER_EXAMPLES = """\
Example (a new owner, spelt two ways in the sources):

  tracker new owner education-safeguarding-officer \\
      --name "Education Safeguarding Officer" \\
      --alias "ESO" --alias "the education safeguarding officer"

writes data/council/owners/education-safeguarding-officer.yml. An action's
--owner may then be the name, the id or any alias, exactly as the source
spells it. Give --alias once for each spelling.
"""

ALIAS_EXAMPLES = """\
Example (the minutes spell Democratic Services another way):

  tracker add alias democratic-services "democratic services team"

adds the spelling to the owner's aliases (data/council/owners/democratic-services.yml).
Use --committee for a committee's file instead of an owner's.
"""


def register_new(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "owner", help="an owner of actions: a post or team, with every spelling the sources use",
        description="Add an owner to data/council/owners.", epilog=OWNER_EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("id", metavar="ID", help="a short name for it, such as education-safeguarding-officer")
    parser.add_argument("--name", required=True, help="the name the site groups its actions under")
    parser.add_argument("--alias", dest="aliases", metavar="SPELLING", action="append", default=[],
                        help="another spelling the sources use, exactly as written (may be given more than once)")
    parser.add_argument("--directorate", help="the directorate the owner sits in, where a source says")
    parser.add_argument("--note", help="anything a reader should know, such as where each spelling is used")
    data_option(parser)
    parser.set_defaults(run=run_new)


def register_alias(kinds, data_option) -> None:
    parser = kinds.add_parser(
        "alias", help="another spelling of an owner (or a committee) the sources use",
        description="Add a spelling to an owner's (or a committee's) aliases.", epilog=ALIAS_EXAMPLES,
        formatter_class=cli.Formatter)
    parser.add_argument("owner", metavar="ID", help="the owner's id (its file name), or a committee's with --committee")
    parser.add_argument("spelling", metavar="SPELLING", help="the spelling, exactly as the source writes it")
    parser.add_argument("--committee", action="store_true", help="the id is a committee's, not an owner's")
    data_option(parser)
    parser.set_defaults(run=run_alias)


def run_new(args) -> int:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data_dir = cli.find_data_dir(args.data)
    new_id = check_new_council_id(args.id, data_dir)
    path = data_dir / "council" / "owners" / f"{new_id}.yml"
    if not args.name.strip():
        raise Stop("The --name is empty: give the name the site shows.")
    fields = CommentedMap()
    fields["id"] = scalar(new_id)
    fields["name"] = scalar(args.name)
    if args.aliases:
        fields["aliases"] = CommentedSeq(scalar(a) for a in dict.fromkeys(a.strip() for a in args.aliases) if a)
    if args.directorate:
        fields["directorate"] = scalar(args.directorate)
    if args.note:
        fields["note"] = text_value(args.note, "--note")
    first = schema.schema_line(path, "owner", data_dir.parent / "schemas")
    edit = Edit(path, dump_new(fields, first), f"Added the owner {new_id}", [], new=True)
    return commit(data_dir, [edit], "The owner was not added, because it would make the data wrong.")


def run_alias(args) -> int:
    data_dir = cli.find_data_dir(args.data)
    kind, noun = ("committees", "committee") if args.committee else ("owners", "owner")
    known = cli._council_ids(data_dir, kind)
    if args.owner not in known:
        raise Stop(f"There is no {noun} '{args.owner}' in data/council/{kind}." + cli._choices(
            f"{noun.capitalize()}s", args.owner, known)
            + ("" if args.committee else "\nTo add one: tracker new owner ID --name \"...\""))
    spelling = args.spelling.strip()
    if not spelling:
        raise Stop("The spelling is empty: give it exactly as the source writes it.")
    path = data_dir / "council" / kind / f"{args.owner}.yml"
    raw, data, crlf = read_record(path, data_dir)
    aliases = block_list(data, "aliases", ("name",))
    if fold(spelling) in {fold(str(s)) for s in [data.get("id"), data.get("name"), *aliases] if s}:
        raise Stop(f"'{spelling}' already names the {noun} {args.owner} ({cli._shown(path, data_dir)}). "
                   "Nothing was changed.")
    aliases.append(scalar(spelling))
    edit = Edit(path, dump(data, crlf), f"Added the spelling '{spelling}' to the {noun} {args.owner}",
                ["aliases", len(aliases) - 1], before=raw)
    return commit(data_dir, [edit], "The spelling was not added, because it would make the data wrong.")
