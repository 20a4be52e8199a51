"""`tracker new ...` from a template: the next free id, and a file with every part still to fill in marked TODO."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from .. import cli, schema
from ..cli import (
    Stop, _council_meeting, _ids, _map, _refuse_links, _review_dir, _scalar, _shown, find_data_dir,
    write_atomically,
)
from ..load import FOLDER_KINDS, RECORD_KINDS, roman_value
from ..problems import DataProblems, Problem
from ..validate import ID_PATTERN, fields_of, name_key, windows_reason


def to_roman(number: int, upper: bool = False) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out.upper() if upper else out


def _is_roman(text: str) -> bool:
    return bool(text) and all(c in "ivxlcdm" for c in text.lower()) and to_roman(roman_value(text)) == text.lower()


def next_id(existing: list[str], used: set[str], roman_if_used: bool) -> str:
    """The next free id after ``existing``: roman numerals if they are all roman (and that is wanted), else
    numbers with the prefix they all share (R1, R2 -> R3); Stop asking for --id if they follow no one pattern."""
    roman = roman_if_used and existing and all(_is_roman(i) for i in existing)
    upper = bool(existing) and all(i.isupper() for i in existing)
    prefix, width = "", 0
    if not roman:
        prefix, width = _numbered(existing)
    numbers = [roman_value(i) if roman else int(i[len(prefix):]) for i in existing]
    candidate = max(numbers, default=0) + 1
    taken = {name_key(i) for i in used}  # 'IV' takes 'iv' too: on Windows and Macs they are one file
    while True:
        made = to_roman(candidate, upper) if roman else f"{prefix}{candidate:0{width}d}"
        if name_key(made) not in taken:
            return made
        candidate += 1


def _numbered(existing: list[str]) -> tuple[str, int]:
    """(the prefix, the width of zero-padded numbers) that every id shares, such as ('R', 0) for R1, R2 or
    ('', 2) for 01, 02; Stop asking for --id when the ids fit no one pattern (the next cannot be guessed)."""
    parts = [re.fullmatch(r"(.*?)(\d+)", i) for i in existing]
    prefixes = {m.group(1) for m in parts if m}
    if existing and (not all(parts) or len(prefixes) != 1):
        raise Stop("The ids there (" + ", ".join(existing[:8]) + (", ..." if len(existing) > 8 else "")
                   + ") follow no one pattern, so the next one cannot be guessed. Give it with --id ID (given with the record's words, --text \"...\").")
    padded = [m.group(2) for m in parts if m and m.group(2).startswith("0")]
    return (prefixes.pop() if prefixes else ""), (len(padded[0]) if padded else 0)


def ids_in(folder: Path) -> dict[str, list[str]]:
    """Sub-folder -> the ids (file names) of its records."""
    return {sub: _ids(folder / sub) for sub in FOLDER_KINDS}


def common(folder: Path) -> dict[str, str]:
    """From a review's recommendations, the commonest source and response title, to prefill."""
    sources: Counter = Counter()
    titles: Counter = Counter()
    for path in (folder / "recommendations").glob("*.yml"):
        fields = _map(path)
        if _scalar(fields, "source"):
            sources[_scalar(fields, "source")] += 1
        response = fields.get("response")
        if response is not None and response.kind == "map" and _scalar(response.value, "title"):
            titles[_scalar(response.value, "title")] += 1
    return {"source": sources.most_common(1)[0][0] if sources else "",
            "title": titles.most_common(1)[0][0] if titles else "Executive Response"}


_RECOMMENDATION = """\
{schema_line}
id: {id}
heading:                        # the heading the source gives it; delete this line if there is none
text: |
  TODO: the recommendation, word for word
addressed_to:                   # executive, committee or council (the full council)
source: {source}{source_pad}# the id of the source document (a file in data/council/sources)
response:
  title: {title}{title_pad}# the label the source gives the response
  decision:                     # agreed, partially agreed, accepted in principle or not agreed; delete this line if the source gives none
  decision_words:               # the council's own words for its decision, such as Partially Agreed; delete this line if there are none
  text: |
    TODO: the response, word for word
  actions: []                   # the action table: see CLERKS_GUIDE.md, "Add an action"
related: []                     # ids of records this recommendation concerns, such as [v, cabinet-2020-11-26]
"""


_RESOLUTION = """\
{schema_line}
id: "{id}"
meeting: {meeting}
text: |
  TODO: the resolution, word for word
source: {source}{source_pad}# the id of the source document (a file in data/council/sources)
addressed_to:                   # executive, committee or council, if it asks for action; delete this line if it asks for none
related: []                     # ids of records this resolution concerns, such as [v, cabinet-2020-11-26]
"""


_COMMITMENT = """\
{schema_line}
id: {id}
meeting: {meeting}
text: |
  TODO: the minutes' words that record the undertaking, word for word
given_by:                       # who gave it, as the minutes name them (an owner's name or alias, in data/council/owners)
due:                            # by when, if the minutes say, such as {{as_written: by December 2020, edtf: "2020-12"}}; delete this line if they do not
source: {source}{source_pad}# the id of the source document (a file in data/council/sources)
progress: []                    # add updates with: tracker update {review} {id} --text "..."
related: []                     # ids of records this commitment concerns, such as [v, cabinet-2020-11-26]
"""


def _pad(prefix: str, value: str, column: int = 32) -> str:
    return " " * max(1, column - len(prefix) - len(value))


def _create(data_dir: Path, path: Path, kind: str, text: str, what: str) -> int:
    display = _shown(path, data_dir)
    _refuse_links(path, data_dir)
    if path.exists() or path.with_suffix(".yaml").exists():
        raise Stop(f"{display} already exists, so it was not replaced. Nothing was changed.")
    cls = RECORD_KINDS[kind]

    def check(temp: Path) -> None:
        """The new file reads back as the record it should start: valid YAML, fields of the record, its id."""
        parsed = cli.read_yaml(temp, display)
        problems = list(parsed.problems)
        node = parsed.node
        if node is not None and node.kind != "map":
            problems.append(Problem(node.where, "", "The new file is not a group of fields."))
        elif node is not None:
            known = fields_of(cls)
            problems += [Problem(node.key_where[k], k, f"'{k}' is not a field of the record.") for k in node.value
                         if k not in known]
            written = node.value.get("id")  # type: ignore[union-attr]
            if written is None or written.value != path.stem:
                problems.append(Problem(node.where, "id", f"The new file's id is not '{path.stem}'."))
        if node is None or problems:
            raise Stop(f"{display} was not created: the template did not come out as a valid record, which is a "
                       "fault in the tracker, not in your data. Nothing was changed.\n\n"
                       + "\n\n".join(p.explain() for p in problems))

    made = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomically(path, text.encode("utf-8"), check, new=True)
    except BaseException:
        for folder in made:  # a refusal or a failure leaves no new (empty) folder either
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    print(f"Created {display} ({what}).")
    print("Fill in every part marked TODO and every empty field; until then the site cannot be published.")
    problems = cli._problems(data_dir)
    mine = [p for p in problems if p.where.file == display]
    if mine:
        print(f"\nStill to fill in ({len(mine)}):\n")
        print("\n\n".join(p.explain() for p in sorted(mine, key=Problem.sort_key)))
    others = [p for p in problems if p.where.file != display]
    if others:
        print("\nThe data also has problems in other files:\n", file=sys.stderr)
        print(DataProblems(others).report("check"), file=sys.stderr)
    return 0


def new_recommendation(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review, starting=True)
    ids = ids_in(folder)
    used = {i for found in ids.values() for i in found}
    new_id = next_id(ids["recommendations"], used, roman_if_used=True)
    usual = common(folder)
    path = folder / "recommendations" / f"{new_id}.yml"
    source, title = usual["source"], usual["title"]
    text = _RECOMMENDATION.format(
        schema_line=schema.schema_line(path, "recommendation", data_dir.parent / "schemas"),
        id=new_id, source=source, source_pad=_pad("source: ", source),
        title=title, title_pad=_pad("  title: ", title),
    )
    return _create(data_dir, path, "recommendation", text, f"recommendation {new_id}")


def meeting_source(meeting: dict, folder: Path) -> str:
    return _scalar(meeting, "source") or common(folder)["source"]


def new_resolution(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review, starting=True)
    meeting = _council_meeting(data_dir, args.meeting, args.review)
    ids = ids_in(folder)
    used = {i for found in ids.values() for i in found}
    new_id = next_id([i for i in ids["resolutions"] if i.isdigit()], used, roman_if_used=False)
    source = meeting_source(meeting, folder)
    path = folder / "resolutions" / f"{new_id}.yml"
    text = _RESOLUTION.format(
        schema_line=schema.schema_line(path, "resolution", data_dir.parent / "schemas"),
        id=new_id, meeting=args.meeting, source=source, source_pad=_pad("source: ", source),
    )
    return _create(data_dir, path, "resolution", text, f"resolution {new_id}, passed at {args.meeting}")


def new_commitment(args) -> int:
    data_dir = find_data_dir(args.data)
    folder = _review_dir(data_dir, args.review, starting=True)
    ids = ids_in(folder)
    used = {i for found in ids.values() for i in found}
    if args.id is not None:
        new_id = args.id.strip()
        if not re.match(ID_PATTERN, new_id):
            made = re.sub(r"-+", "-", re.sub(r"[^a-z0-9._-]+", "-", new_id.lower())).strip("-._")
            raise Stop(f"--id: '{new_id}' cannot be an id: an id may hold only letters, digits, '-', '.' and '_' "
                       "(no spaces), as it becomes a file name and part of a web address."
                       + (f"\nDid you mean '{made}'?" if made else ""))
        if windows_reason(new_id):
            raise Stop(f"--id: '{new_id}' cannot be an id: {windows_reason(new_id)}. Pick another name.")
        clash = next(((sub, i) for sub, found in ids.items() for i in found if name_key(i) == name_key(new_id)), None)
        if clash is not None:
            sub, other = clash
            same = "is already used" if other == new_id else f"is too like '{other}' (they differ only in capitals)"
            raise Stop(f"--id: '{new_id}' {same} in this review, by {_shown(folder / sub, data_dir)}/"
                       f"{other}.yml. Pick another name.")
    else:
        new_id = next_id([i for i in ids["commitments"] if i.isdigit()], used, roman_if_used=False)
    meeting = _council_meeting(data_dir, args.meeting, args.review)
    source = meeting_source(meeting, folder)
    path = folder / "commitments" / f"{new_id}.yml"
    text = _COMMITMENT.format(
        schema_line=schema.schema_line(path, "commitment", data_dir.parent / "schemas"),
        id=new_id, meeting=args.meeting, source=source, source_pad=_pad("source: ", source), review=args.review,
    )
    return _create(data_dir, path, "commitment", text, f"commitment {new_id}, given at {args.meeting}")
