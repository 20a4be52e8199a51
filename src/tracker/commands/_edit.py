"""What every writing command shares: stage the change, check all the data with it, write it, say where."""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import cli
from ..problems import Problem

Stop = cli.Stop


@dataclass
class Edit:
    """One file a command writes: its new bytes, and where in it the change now stands."""

    path: Path
    data: bytes
    what: str
    """What changed, for the message: 'Added a progress update to recommendation iv, action 1'."""
    at: list[Any] = field(default_factory=list)
    """The keys and list positions that lead to the change in the written file (for its line number)."""
    new: bool = False
    """A new file: never replace one that exists."""
    before: bytes | None = None
    """An existing file's bytes when it was read (the write stops if it changed meanwhile)."""


def read_record(path: Path, data_dir: Path):
    """(bytes, round-trip data, Windows line endings?) of an existing file, or Stop with what is wrong with it."""
    cli._refuse_links(path, data_dir)
    return cli._read_round_trip(path, data_dir)


def dump(data: Any, crlf: bool = False) -> bytes:
    """Round-trip data as the file's bytes: comments, quotes and layout kept, lines never re-wrapped."""
    return cli._dump(data, crlf)


def dump_new(data: Any, first_line: str) -> bytes:
    """A new file's bytes: its schema line, then the fields."""
    buffer = io.StringIO()
    cli._yaml().dump(data, buffer)
    return (first_line + "\n" + buffer.getvalue()).encode("utf-8")


def commit(data_dir: Path, edits: list[Edit], refused: str) -> int:
    """Check all the data with ``edits`` made (in a staged copy of the data folder), and only if they add no
    problem, write each file (checked and put in place in one step). ``refused`` starts the message when not."""
    before = {cli._key(p) for p in cli._problems(data_dir)}
    after = _staged_problems(data_dir, edits)
    changed = {cli._shown(e.path, data_dir) for e in edits}
    new = [p for p in after if cli._key(p) not in before]
    if new:
        raise Stop(f"{refused} Nothing was changed.\n\n"
                   + "\n\n".join(p.explain() for p in sorted(new, key=Problem.sort_key))
                   + "\n\nChange the command and run it again.")
    for edit in edits:
        cli._refuse_links(edit.path, data_dir)
        if edit.before is not None and edit.path.read_bytes() != edit.before:
            raise Stop(f"{cli._shown(edit.path, data_dir)} changed while the change was being prepared. "
                       "Nothing was changed: run the command again.")
    for edit in edits:
        if edit.new:
            edit.path.parent.mkdir(parents=True, exist_ok=True)
        cli.write_atomically(edit.path, edit.data, _same_bytes(edit.data), new=edit.new)
    for edit in edits:
        line = line_of(edit.path, edit.at)
        print(f"{edit.what}: {cli._shown(edit.path, data_dir)}{f', line {line}' if line else ''}.")
    elsewhere = [p for p in after if p.where.file not in changed or cli._key(p) in before]
    return cli._report_after(data_dir, elsewhere)


def _same_bytes(data: bytes):
    def check(temp: Path) -> None:
        if temp.read_bytes() != data:
            raise OSError(f"the temporary file {temp.name} does not hold what was written")
    return check


def _staged_problems(data_dir: Path, edits: list[Edit]) -> list[Problem]:
    """The problems of the data folder with the edits made, in a copy (the real files are not touched)."""
    with tempfile.TemporaryDirectory(prefix="tracker-stage-") as stage:
        copy = Path(stage) / data_dir.resolve().name
        shutil.copytree(data_dir, copy, symlinks=True)
        for edit in edits:
            target = copy / edit.path.resolve().relative_to(data_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(edit.data)
        problems = cli._problems(copy)
    return problems


def line_of(path: Path, at: list[Any]) -> int | None:
    """The line (from 1) where the value reached by ``at`` starts in the file, if it can be told."""
    if not at:
        return 1
    try:
        node = cli._yaml().load(path.read_text(encoding="utf-8-sig"))
        for step in at[:-1]:
            node = node[step]
        last = at[-1]
        if isinstance(node, list):
            return node.lc.item(last if last >= 0 else len(node) + last)[0] + 1
        return node.lc.key(last)[0] + 1
    except Exception:  # noqa: BLE001 - only a nicety for the message
        return None


def insert_after(target, key: str, value: Any, after: tuple[str, ...]) -> None:
    """Put ``key`` in a round-trip map just after the first of ``after`` that it holds (else at the end)."""
    keys = list(target.keys())
    found = [k for k in after if k in keys]
    position = keys.index(found[0]) + 1 if found else len(keys)
    target.insert(position, key, value)


def block_list(target, key: str, after: tuple[str, ...]):
    """The round-trip list under ``key`` (made, in block style, if there is none)."""
    from ruamel.yaml.comments import CommentedSeq

    found = target.get(key)
    if found is None:
        found = CommentedSeq()
        insert_after(target, key, found, after)
    elif not isinstance(found, list):
        raise Stop(f"The '{key}' there is not a list; run 'tracker check' to see what is wrong with it.")
    if isinstance(found, CommentedSeq) and found.fa.flow_style():
        found.fa.set_block_style()
    return found


def text_value(text: str, option: str):
    """Text typed on the command line as the file should hold it: a block (|) when long or on several lines."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise Stop(f"The {option} is empty: give the source's words.")
    return LiteralScalarString(text + "\n") if "\n" in text or len(text) > 100 else scalar(text)


def source_id(data_dir: Path, given: str | None, option: str = "--source") -> str | None:
    """A source document's id, or Stop naming the ones there are."""
    if given is None:
        return None
    ids = cli._council_ids(data_dir, "sources")
    if given not in ids:
        raise Stop(f"{option}: '{given}' is not one of the council's source documents "
                   "(the files in data/council/sources)." + cli._choices("Sources", given, ids)
                   + "\nTo add one: tracker new source ID --title \"...\" (see tracker new source --help).")
    return given


_MISREAD = {"yes", "no", "y", "n", "true", "false", "on", "off", "null", "~", ""}


def scalar(text: str):
    """A one-line value as the guide writes it: plain where YAML reads it as typed, else in double quotes
    (a colon and a space, a number, a yes or no, a leading special character)."""
    import re

    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    text = text.strip()
    if (text.lower() in _MISREAD or ": " in text or " #" in text or text.endswith(":")
            or text[0] in "[]{}*&!|>'\"%@`#,?:-" or re.fullmatch(r"[-+]?[\d._:]+([eE][-+]?\d+)?", text)):
        return DoubleQuotedScalarString(text)
    return text


def _plain(value: Any) -> Any:
    """Round-trip data as plain values to compare: text without its quoting or closing newline."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value).strip() if value is not None else None


def refuse_repeat(entries, entry, noun: str, path: Path, data_dir: Path, again: bool) -> None:
    """Stop if ``entries`` already holds an entry identical to ``entry`` (the same command run twice, most
    likely), naming the line that holds it; ``again`` (--again) records it all the same."""
    if again:
        return
    new = _plain(entry)
    for index, old in enumerate(entries):
        if _plain(old) != new:
            continue
        try:
            line = f", line {entries.lc.item(index)[0] + 1}"
        except Exception:  # noqa: BLE001 - only a nicety for the message
            line = ""
        raise Stop(f"This {noun} is already recorded, word for word: {cli._shown(path, data_dir)}{line}. "
                   "Nothing was changed.\nIf it really happened twice, run the command again with --again.")


def again_option(parser) -> None:
    """--again: record an entry identical to one already there (it really happened twice)."""
    parser.add_argument("--again", action="store_true",
                        help="record it even though an identical entry is already there (it happened twice)")


def addressed_to(given: str, option: str = "--addressed-to") -> str:
    """Whom a record asks to act, as the model words it; a synonym ("Cabinet") is refused with the word meant,
    naming the option (the clerk typed it: no file has been written yet)."""
    from typing import get_args

    from ..model import AddressedTo
    from ..synonyms import fold, meant

    values = get_args(AddressedTo)
    if given.strip() in values:
        return given.strip()
    if fold(given) in values:
        return fold(given)
    word = meant(AddressedTo, given)
    hint = (f"\n'{given}' means the {word}: write {option} {word}." if word else "")
    raise Stop(f"{option}: '{given}' is not one of the words for whom it asks to act: "
               + ", ".join(values) + " (the full council)." + hint + "\nNothing was changed.")
