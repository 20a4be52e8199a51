"""`tracker diff BASE`: what a change does to the published record, in words a reviewer who cannot read YAML follows.

The data at a git revision is taken out with ``git archive`` (which works the
same on Windows, macOS and Linux), loaded beside the data as it is now, and
both are worked out for the same 'as at' day, so every difference comes from the
data and none from the calendar.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from . import clocks, dates
from .followup import FollowUp, Record
from .load import Loaded, load
from .model import (Action, Assessment, Commitment, Committee, DateValue, Decision, DecisionPart, Event, Meeting,
                    Owner, ProgressUpdate, Recommendation, Resolution, Review, Source, Tracker)
from .problems import DataProblems

HELP = """\
Say what a change does to the published record, compared with a git revision
(a branch such as main, a tag or a commit): records added, removed and
changed, statuses that moved, deadlines moved, assessments recorded, and the
counts before and after. Both sides are worked out for the same 'as at' day.

Examples:

  tracker diff main
  tracker diff HEAD~1 --markdown >> "$GITHUB_STEP_SUMMARY"
"""

_KIND_WORDS = {Review: "Review", Recommendation: "Recommendation", Resolution: "Resolution", Commitment: "Commitment",
               Event: "Event", Meeting: "Meeting", Decision: "Decision", Source: "Source document", Owner: "Owner",
               Committee: "Committee"}
_CHILD_LISTS = {"recommendations", "resolutions", "commitments", "events"}
_DETAILED = {"response", "assessments", "progress", "due_changes", "parts"}
"""Fields whose changes are described one by one, not just named."""


# ----- what changed -----


@dataclass
class Diff:
    """The change between two loaded records, in words."""

    base: str
    as_at: date
    statuses: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    assessments: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    counts: list[tuple[str, int, int]] = field(default_factory=list)
    note: str | None = None
    """Said first, such as 'There was no data at main'."""

    @property
    def empty(self) -> bool:
        return not (self.statuses or self.deadlines or self.assessments or self.added or self.removed or self.changed)

    def sections(self) -> list[tuple[str, list[str]]]:
        return [("Statuses that moved", self.statuses), ("Deadlines moved", self.deadlines),
                ("Assessments recorded", self.assessments), ("Records added", self.added),
                ("Records removed", self.removed), ("Records changed", self.changed)]


def compare(before: Tracker | None, after: Tracker, as_at: date, base: str) -> Diff:
    """What changed from ``before`` (None: there was no data) to ``after``, both worked out as at ``as_at``."""
    diff = Diff(base, as_at)
    old_records, new_records = _records(before), _records(after)
    many = len({k[1] for k in (*old_records, *new_records) if k[1]}) > 1
    for key, record in new_records.items():
        if key not in old_records:
            diff.added.append(_name(record, key, many))
        elif not _same(old_records[key], record):
            details = _details(old_records[key], record)
            diff.changed.append(_name(record, key, many) + (f": {'; '.join(details)}" if details else ""))
    diff.removed = [_name(record, key, many) for key, record in old_records.items() if key not in new_records]
    if before is not None and before.site != after.site:
        diff.changed.insert(0, "Site settings: " + ", ".join(
            _setting(f, getattr(before.site, f), getattr(after.site, f)) for f in _fields_changed(before.site, after.site)))
    if before is not None and before.glossary != after.glossary:
        old_terms = {t.term: t for t in before.glossary.terms}
        new_terms = {t.term: t for t in after.glossary.terms}
        for term in new_terms.keys() - old_terms.keys():
            diff.added.append(f"Abbreviation {term}")
        for term in old_terms.keys() - new_terms.keys():
            diff.removed.append(f"Abbreviation {term}")
        diff.changed += [f"Abbreviation {t}: " + ", ".join(_words(f) for f in _fields_changed(old_terms[t], new_terms[t]))
                         + " changed" for t in new_terms if t in old_terms and new_terms[t] != old_terms[t]]
    old_follow = _follow_ups(before, as_at)
    new_follow = _follow_ups(after, as_at)
    for key, follow in new_follow.items():
        was = old_follow.get(key)
        label = _item_name(follow, key, many)
        diff.statuses += _status_moves(was, follow, label)
        for number, action in _numbered(follow.actions):
            old_action = _action_in(was, action.id)
            for change in action.due_changes:
                if old_action is None or change not in old_action.due_changes:
                    diff.deadlines.append(_deadline(label, number, action, change))
        old_assessments = was.item_assessments if was else []
        diff.assessments += [_assessment(label, a, after) for a in follow.item_assessments if a not in old_assessments]
    diff.counts = _counts(before, old_follow) if before is not None else []
    new_counts = _counts(after, new_follow)
    old_map = {name: n for name, n in diff.counts}
    diff.counts = [(name, old_map.get(name, 0), n) for name, n in new_counts]
    diff.counts += [(name, n, 0) for name, n in old_map.items() if name not in dict(new_counts)]
    return diff


def _records(tracker: Tracker | None) -> dict[tuple, object]:
    """Every record, keyed by (kind, review id or None, id)."""
    if tracker is None:
        return {}
    found: dict[tuple, object] = {}
    for attr in ("committees", "owners", "meetings", "decisions", "sources"):
        for record in getattr(tracker.council, attr):
            found[(type(record).__name__, None, record.id)] = record
    for review in tracker.reviews:
        found[("Review", review.id, review.id)] = review
        for attr in _CHILD_LISTS:
            for record in getattr(review, attr):
                found[(type(record).__name__, review.id, record.id)] = record
    return found


def _same(old: object, new: object) -> bool:
    if isinstance(new, Review):
        return not _fields_changed(old, new)
    return old == new


def _fields_changed(old: object, new: object) -> list[str]:
    return [f.name for f in fields(new) if f.name not in _CHILD_LISTS and getattr(old, f.name) != getattr(new, f.name)]


def _words(name: str) -> str:
    return name.replace("_", " ")


def _setting(name: str, old: object, new: object) -> str:
    """One site setting that changed: with its old and new values where each is a word or a date."""
    if not all(v is None or isinstance(v, str | int) and len(str(v)) <= 60 for v in (old, new)):
        return f"{_words(name)} changed"
    return f"{_words(name)} changed from {_setting_value(name, old)} to {_setting_value(name, new)}"


def _setting_value(name: str, value: object) -> str:
    if value is None:
        return "the build date" if name == "as_at" else "not set"
    try:
        parsed = dates.parse(str(value))
        if parsed.precision == "day" and parsed.earliest:
            return f"{parsed.earliest.day} {parsed.earliest:%B %Y}"
    except dates.EdtfError:
        pass
    return f"“{value}”"


def _name(record: object, key: tuple, many: bool) -> str:
    kind = _KIND_WORDS.get(type(record), type(record).__name__)
    if isinstance(record, Recommendation | Resolution):
        name = f"{kind} {record.id}"
    else:
        title = getattr(record, "title", None) or getattr(record, "name", None) or record.id  # type: ignore[attr-defined]
        name = f"{kind} “{title}”"
    return f"{name} ({key[1]})" if many and key[1] and not isinstance(record, Review) else name


def _actions_of(record: object) -> list[Action]:
    if isinstance(record, Commitment):
        return [record.as_action]
    response = getattr(record, "response", None)
    actions = list(response.actions) if response else []
    for part in getattr(record, "parts", []):
        actions += part.actions
    return actions


def _details(old: object, new: object) -> list[str]:
    """What changed inside one record, each in a few words."""
    found = []
    old_actions = {a.id: a for a in _actions_of(old)}
    new_actions = _actions_of(new)
    solo = isinstance(new, Commitment)
    for action in new_actions:
        name = "" if solo else f" to action {action.id}"
        was = old_actions.get(action.id)
        if was is None:
            found.append(f"action {action.id} added")
            continue
        for update in action.progress:
            if update not in was.progress:
                found.append(f"progress update added{name} ({_update_words(update)})")
        removed = [u for u in was.progress if u not in action.progress]
        if removed:
            found.append(_count(len(removed), "progress update") + f" removed{'' if solo else f' from action {action.id}'}")
        if len(action.due_changes) > len(was.due_changes):
            found.append("deadline moved" + ("" if solo else f" (action {action.id})"))
        rest = [f for f in _fields_changed(was, action) if f not in _DETAILED]
        if rest and not solo:
            found.append(f"action {action.id}: {', '.join(_words(f) for f in rest)} changed")
    for action_id in old_actions.keys() - {a.id for a in new_actions}:
        found.append(f"action {action_id} removed")
    new_assessments = [a for a in getattr(new, "assessments", []) if a not in getattr(old, "assessments", [])]
    if new_assessments:
        found.append(_count(len(new_assessments), "assessment") + " recorded")
    old_response, new_response = getattr(old, "response", None), getattr(new, "response", None)
    if new_response is not None and old_response is None:
        found.append("response recorded")
    elif old_response is not None and new_response is None:
        found.append("response removed")
    elif new_response is not None:
        changed = [f for f in _fields_changed(old_response, new_response) if f != "actions"]
        if changed:
            found.append(f"response: {', '.join(_words(f) for f in changed)} changed")
    skip = _DETAILED | ({"due", "text", "given_by"} if solo else set())
    rest = [f for f in _fields_changed(old, new) if f not in skip]
    if solo:
        rest += [f for f in ("due", "text", "given_by") if getattr(old, f) != getattr(new, f)]
    if rest:
        found.append(f"{', '.join(_words(f) for f in rest)} changed")
    return found


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _update_words(update: ProgressUpdate) -> str:
    when = _date_words(update.date) if update.date else "undated"
    return f"{when}, {update.state}" if update.state else when


def _date_words(value: DateValue | None) -> str:
    parsed = clocks.parse_or_none(value)
    return parsed.words() if parsed else (value.words() if value else "no date")


# ----- statuses -----


def _follow_ups(tracker: Tracker | None, as_at: date) -> dict[tuple, FollowUp]:
    if tracker is None:
        return {}
    record = Record(tracker, as_at)
    found: dict[tuple, FollowUp] = {}
    for follow in record.follow_ups.values():
        item = follow.item
        if isinstance(item, DecisionPart):
            key = ("DecisionPart", record.decision_of(item).id, item.label)
        else:
            key = (type(item).__name__, follow.review.id if follow.review else None, item.id)  # type: ignore[attr-defined]
        found[key] = follow
    return found


def _item_name(follow: FollowUp, key: tuple, many: bool) -> str:
    item = follow.item
    if isinstance(item, DecisionPart):
        return f"Decision {key[1]}, part {item.label}"
    if isinstance(item, Commitment):
        name = f"Commitment “{item.title or item.id}”"
    else:
        name = f"{_KIND_WORDS[type(item)]} {item.id}"  # type: ignore[attr-defined]
    return f"{name} ({key[1]})" if many else name


def _status_moves(was: FollowUp | None, now: FollowUp, label: str) -> list[str]:
    moves = []
    if was is None:
        return [f"{label}: new, {now.progress.status.label}"]
    if was.response_status != now.response_status and now.response_status is not None:
        before = was.response_status.label if was.response_status else "none"
        moves.append(f"{label}: response {before} → {now.response_status.label}")
    if was.progress.status != now.progress.status:
        moves.append(f"{label}: {was.progress.status.label} → {now.progress.status.label}{_why(was, now)}")
    if was.closed != now.closed and now.closed:
        moves.append(f"{label}: {now.closed} by the committee")
    return moves


def _why(was: FollowUp, now: FollowUp) -> str:
    """The newest information that moved it: '(update of 15 March 2021)'."""
    old_updates = [u for a in was.actions for u in a.progress]
    added = [u for a in now.actions for u in a.progress if u not in old_updates and u.date and u.date.parsed]
    if added:
        newest = max(added, key=lambda u: u.date.sort_key())  # type: ignore[union-attr]
        return f" (update of {_date_words(newest.date)})"
    old_changes = [c for a in was.actions for c in a.due_changes]
    moved = [c for a in now.actions for c in a.due_changes if c not in old_changes]
    if moved:
        return f" (deadline moved on {_date_words(moved[-1].changed)})"
    if [u for a in now.actions for u in a.progress] != old_updates:
        return " (progress updates changed)"
    return ""


def _numbered(actions: list[Action]) -> list[tuple[str, Action]]:
    return [(f"action {a.id}" if len(actions) > 1 else "", a) for a in actions]


def _action_in(follow: FollowUp | None, action_id: str) -> Action | None:
    return next((a for a in follow.actions if a.id == action_id), None) if follow else None


def _deadline(label: str, number: str, action: Action, change) -> str:
    earlier = action.due_changes[: action.due_changes.index(change)]
    was = earlier[-1].due if earlier else action.due
    name = f"{label}, {number}" if number else label
    return (f"{name}: {was.words() if was else 'no date'} → {change.due.words()} "
            f"(moved on {_date_words(change.changed)}: {' '.join(change.reason.split())})")


def _assessment(label: str, assessment: Assessment, tracker: Tracker) -> str:
    scale = {v.key: v.label for v in tracker.site.assessment_scale}
    outcome = f", {assessment.outcome}" if assessment.outcome else ""
    return f"{label}: {scale.get(assessment.value, assessment.value)}{outcome} ({_date_words(assessment.date)})"


def _counts(tracker: Tracker, follow_ups: dict[tuple, FollowUp]) -> list[tuple[str, int]]:
    records = Counter(_KIND_WORDS.get(type(r), type(r).__name__) for r in _records(tracker).values())
    found = [(f"{kind}s" if not kind.endswith("s") else kind, records[kind]) for kind in _KIND_WORDS.values()
             if records[kind]]
    actions = [a for r in _records(tracker).values() for a in _actions_of(r)]
    # Counted as `tracker check` counts them: a commitment is a record of its own, not an action.
    own = [a for r in _records(tracker).values() if not isinstance(r, Commitment) for a in _actions_of(r)]
    found += [("Actions", len(own)), ("Progress updates", sum(len(a.progress) for a in actions)),
              ("Assessments", sum(len(getattr(r, "assessments", [])) for r in _records(tracker).values())
               + sum(len(p.assessments) for d in tracker.council.decisions for p in d.parts))]
    progress = Counter(f.progress.status.label for f in follow_ups.values())
    found += [(f"Items: {label}", n) for label, n in sorted(progress.items())]
    return found


# ----- writing it out -----


def text(diff: Diff) -> str:
    lines = [f"What this change does to the published record (compared with {diff.base}, "
             f"as at {diff.as_at.day} {diff.as_at:%B %Y})", ""]
    if diff.note:
        lines += [diff.note, ""]
    if diff.empty:
        lines += ["No change to the published record.", ""]
    for heading, items in diff.sections():
        if items:
            lines.append(f"{heading} ({len(items)})")
            lines += [f"  {item}" for item in items]
            lines.append("")
    lines.append("Counts")
    width = max(len(name) for name, _, _ in diff.counts) if diff.counts else 10
    lines.append(f"  {'':<{width}}  before  after")
    for name, old, new in diff.counts:
        mark = "" if old == new else "  (changed)"
        lines.append(f"  {name:<{width}}  {old:>6}  {new:>5}{mark}")
    return "\n".join(lines) + "\n"


def markdown(diff: Diff) -> str:
    lines = [f"## What this change does to the published record",
             "", f"Compared with `{_code(diff.base)}`, as at {diff.as_at.day} {diff.as_at:%B %Y}.", ""]
    if diff.note:
        lines += [_md(diff.note), ""]
    if diff.empty:
        lines += ["No change to the published record.", ""]
    for heading, items in diff.sections():
        if items:
            lines += [f"### {heading} ({len(items)})", ""]
            lines += [f"- {_md(item)}" for item in items]
            lines.append("")
    lines += ["### Counts", "", "| | Before | After |", "|---|---:|---:|"]
    for name, old, new in diff.counts:
        after = f"**{new}**" if old != new else str(new)
        lines.append(f"| {_md(name)} | {old} | {after} |")
    return "\n".join(lines) + "\n"


def _md(value: str) -> str:
    """Data text shown as text in a job summary: nothing in it becomes a link, a heading or HTML."""
    return "".join("\\" + c if c in "\\`*_[]<>|#!~" else c for c in value)


def _code(value: str) -> str:
    return value.replace("`", "'")


# ----- the command -----


def add_command(commands, data_option) -> None:
    """Register `tracker diff` on the command line's sub-commands."""
    parser = commands.add_parser("diff", help="what a change does to the published record, since a git revision",
                                 description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", metavar="BASE", help="the git revision to compare with, such as main or HEAD~1")
    parser.add_argument("--markdown", action="store_true", help="write Markdown, for a pull request's job summary")
    data_option(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from .cli import Stop, find_data_dir

    data_dir = find_data_dir(args.data).resolve()
    try:
        after = load(data_dir)
    except DataProblems as problems:
        print(problems.report("check"), file=sys.stderr)
        if args.markdown:  # the job summary says why it is empty
            sys.stdout.write("## What this change does to the published record\n\nThe data does not check out yet, "
                             f"so the change cannot be described: {_count(len(problems.problems), 'problem')} to fix "
                             "(see the step that checks the data).\n")
        raise Stop("The change cannot be described until the data checks out (run 'tracker check').") from None
    before, note = base_record(data_dir, args.base, after.as_at)
    diff = compare(before.tracker if before else None, after.tracker, after.as_at, args.base)
    diff.note = note
    sys.stdout.write(markdown(diff) if args.markdown else text(diff))
    return 0


def base_record(data_dir: Path, base: str, as_at: date) -> tuple[Loaded | None, str | None]:
    """The data folder as it was at ``base``, loaded for ``as_at``; None (with a note) where there was none."""
    from .cli import Stop

    root = _git(data_dir, "rev-parse", "--show-toplevel")
    if root is None:
        raise Stop(f"{data_dir} is not in a git repository, so there is nothing to compare with.")
    root_path = Path(root.decode().strip())
    if _git(root_path, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        raise Stop(f"git does not know the revision '{base}'. Give a branch, tag or commit it has; in a shallow "
                   "clone, fetch the history first (git fetch --unshallow, or fetch-depth: 0 in a workflow).")
    rel = data_dir.relative_to(root_path.resolve()).as_posix()
    if _git(root_path, "cat-file", "-e", f"{base}:{rel}") is None:
        return None, f"There was no data folder at {base}: everything is new."
    archive = _git(root_path, "archive", "--format=tar", base, "--", rel)
    if archive is None:
        raise Stop(f"git could not read the data folder at {base}.")
    with tempfile.TemporaryDirectory(prefix="tracker-diff-") as temp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temp, filter="data")
        try:
            return load(Path(temp) / rel, today=as_at), None
        except DataProblems as problems:
            return None, (f"The data at {base} has {_count(len(problems.problems), 'problem')} and does not load, so "
                          "everything is shown as new.")


def _git(where: Path, *args: str) -> bytes | None:
    """git's output, or None if it failed (or git is not installed)."""
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, timeout=120)
    except FileNotFoundError:
        from .cli import Stop

        raise Stop("tracker diff needs git, which is not installed (or not on the PATH).") from None
    return done.stdout if done.returncode == 0 else None
