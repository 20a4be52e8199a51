"""Checks across records: every reference resolves, ids do not clash, dates and clocks agree.

A reference is written as the clerk would say it: a source, meeting or record
by its id (another review's record as ``review-id/record-id``), an owner or a
committee by its id, its name or any spelling listed in its aliases.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from typing import Iterator

from . import clocks, dates
from .model import (Action, Assessment, Commitment, Committee, DateValue, Decision, Evidence, Meeting, Owner,
                    Period, Recommendation, Resolution, Response, Review, Source)
from .memo import ReviewMemo, world_of
from .names import Names, fold
from .problems import Location, Problem, shorten
from .validate import how_names_differ, name_key


@functools.cache
def _walked(cls: type) -> tuple[str, ...]:
    """The fields of a kind of record that walk looks inside (a review's folders hold records of their own)."""
    return tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("folder"))


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _is_record(value: object) -> bool:
    # dataclasses.is_dataclass, for instances only: walk asks it of every value in every record.
    return hasattr(type(value), "__dataclass_fields__")


def walk(record: object, path: str = "") -> Iterator[tuple[object, str]]:
    """Every record and group of fields inside ``record`` (itself first), with its field path."""
    yield record, path
    for name in _walked(type(record)):
        value = getattr(record, name)
        if _is_record(value):
            yield from walk(value, f"{path}.{name}" if path else name)
        elif isinstance(value, list):
            here = f"{path}.{name}" if path else name
            for index, item in enumerate(value, start=1):
                if _is_record(item):
                    yield from walk(item, f"{here}[{index}]")


_REPEATABLE = {"progress": "progress update", "assessments": "assessment", "due_changes": "change of deadline"}
"""Lists where a command adds an entry, so a command run twice leaves two identical ones."""


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class Checks:
    """One run of the cross-record checks over a loaded tracker."""

    def __init__(self, loaded, reviews: list[Review], claims: dict[str, dict[str, list[str]]],
                 id_at: dict[str, Location], *, site_ok: bool, complete: bool,
                 unread: dict[str, set[str]] | None = None, memo: ReviewMemo | None = None):
        self.loaded = loaded
        self.memo = memo
        """The preview's: what checking each unchanged review found last time, reported again without the work."""
        self.b = loaded.builder
        self.tracker = loaded.tracker
        self.council = loaded.tracker.council
        self.reviews = reviews
        """Every review folder read, including stand-ins for a broken review.yml (so their records are checked)."""
        self.claims = claims
        self.unread = unread or {}
        """Scope -> names of record files that could not be read (or whose id is wrong)."""
        self.id_at = id_at
        self.site_ok = site_ok
        self.complete = complete
        council = self.council
        self.sources = {s.id: s for s in council.sources}
        self.meetings = {m.id: m for m in council.meetings}
        self.decisions = {d.id: d for d in council.decisions}
        self.owners = Names(council.owners)
        self.committees = Names(council.committees)
        self.review_ids = {r.id for r in reviews}
        self.by_review = {r.id: {rec.id: rec for attr in ("recommendations", "resolutions", "commitments", "events")
                                 for rec in getattr(r, attr)} for r in reviews}
        self.council_records = {r.id: r for attr in ("meetings", "decisions", "sources")
                                for r in getattr(council, attr)}

    # ----- helpers -----

    def where(self, record: object, name: str = "", top: object | None = None) -> Location:
        """Where a field is written (``name`` may be one item of a list: 'related[2]'), else its record."""
        return (self.b.locate(record, name) or ("[" in name and self.b.locate(record, name.split("[")[0]) or None)
                or self.b.locate(record)
                or Location(self.loaded.file_of(top if top is not None else record) or ""))

    def problem(self, record: object, name: str, path: str, message: str, top: object | None = None, **extra) -> None:
        self.b.problem(self.where(record, name, top), path, message, **extra)

    def warn(self, record: object, name: str, path: str, message: str, top: object | None = None, **extra) -> None:
        self.loaded.warnings.append(Problem(self.where(record, name, top), path, message, **extra))

    def broken(self, scope: str) -> set[str]:
        """Ids claimed by files that could not be loaded (their own problems are reported already)."""
        loaded = set(self.by_review.get(scope, {})) if scope != "council" else {
            r.id for attr in ("committees", "owners", "meetings", "decisions", "sources")
            for r in getattr(self.council, attr)}
        return {i for i in (*self.claims.get(scope, {}), *self.unread.get(scope, ())) if i not in loaded}

    def _broken_folder(self, folder: str) -> bool:
        """Whether a file in data/council/<folder> could not be loaded: then the names it holds are not
        known, and a name that matches none is not reported (the file's own problem is)."""
        return any(f"/council/{folder}/" in "/" + file for record_id in self.broken("council")
                   for file in self.claims.get("council", {}).get(record_id, []))

    # ----- the run -----

    def run(self) -> None:
        self._duplicate_ids()
        if self.site_ok:
            self._site()
        self._names(self.council.owners, "owner", "owners")
        self._names(self.council.committees, "committee", "committees")
        for attr in ("committees", "owners", "meetings", "decisions", "sources"):
            for record in getattr(self.council, attr):
                self._record(record, None)
        if self.memo is not None:
            self.memo.start(world_of(self.tracker, self.loaded.as_at, self.reviews, self.site_ok, self.complete,
                                     self.claims, self.unread), self.reviews)
        for review in self.reviews:
            self._review(review)
        if self.complete:
            self._glossary()

    def _review(self, review: Review) -> None:
        if self.memo is None:
            self._review_records(review)
            return
        fresh: list[bool] = []

        def check() -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
            fresh.append(True)
            problems, warnings = len(self.b.problems), len(self.loaded.warnings)
            self._review_records(review)
            return tuple(self.b.problems[problems:]), tuple(self.loaded.warnings[warnings:])

        problems, warnings = self.memo.get(review, check)
        if not fresh:
            self.b.problems.extend(problems)
            self.loaded.warnings.extend(warnings)

    def _review_records(self, review: Review) -> None:
        self._record(review, review)
        for attr in ("recommendations", "resolutions", "commitments", "events"):
            for record in getattr(review, attr):
                self._record(record, review)

    def _duplicate_ids(self) -> None:
        for scope, claims in self.claims.items():
            where_words = "the council's records (data/council)" if scope == "council" else "this review"
            first_by_key: dict[str, str] = {}
            for record_id in sorted(claims, key=lambda i: claims[i][0]):
                key = name_key(record_id)
                other = first_by_key.setdefault(key, record_id)
                if other == record_id:
                    continue
                self.b.problem(
                    self.id_at.get(claims[record_id][0], Location(claims[record_id][0])),
                    "id",
                    f"The id '{shorten(record_id)}' is too like '{shorten(other)}', used in {where_words} by "
                    f"{claims[other][0]}: {how_names_differ(record_id, other)}. Windows and Mac computers take "
                    "such names for the same, so one record's file and page would silently replace the other's.",
                    suggestion="If they are the same record, keep one file; if not, give this one its own id "
                    "(tracker new ... picks the next free one) and rename its file to match.",
                )
            for record_id, files in claims.items():
                for other in files[1:]:
                    self.b.problem(
                        self.id_at.get(other, Location(other)),
                        "id",
                        f"The id '{record_id}' is already used in {where_words}, by {files[0]}. "
                        "Two files cannot hold the same record.",
                        suggestion="Each record needs its own id: pick the next free one "
                        "(tracker new ... does this for you), or delete the copy.",
                    )

    def _site(self) -> None:
        site = self.tracker.site
        for name in ("response_period", "call_in_period", "update_cycle"):
            self._period(getattr(site.clocks, name), site.clocks, name, f"clocks.{name}", site)
        if site.clocks.source is not None:
            self._source(site.clocks, "source", "clocks.source", site)
        seen: set[str] = set()
        for index, value in enumerate(site.assessment_scale, start=1):
            if value.key in seen:
                self.problem(value, "key", f"assessment_scale[{index}].key",
                             f"The assessment value '{value.key}' is listed twice.",
                             suggestion="Give each value of the scale its own key.", top=site)
            seen.add(value.key)

    def _period(self, period: Period, parent: object, name: str, path: str, top: object) -> None:
        given = [(unit, getattr(period, unit)) for unit in ("months", "weeks", "days", "working_days")
                 if getattr(period, unit) is not None]
        if len(given) != 1:
            self.problem(parent, name, path,
                         "A period is a number of one unit: months, weeks, days or working_days."
                         + (f" This one gives {len(given)}." if given else " This one gives none."),
                         expected="for example 'months: 2', 'weeks: 8' or 'working_days: 5'",
                         suggestion="Keep exactly one of months, weeks, days and working_days.", top=top)
            return
        unit, count = given[0]
        if count <= 0:
            self.problem(period, unit, _join(path, unit), f"A period must be at least one {unit.replace('_', ' ')[:-1]}.",
                         found=str(count), top=top)

    def _names(self, records: list[Owner] | list[Committee], noun: str, folder: str) -> None:
        claimed: dict[str, tuple[object, str]] = {}
        for record in records:
            for index, spelling in enumerate([record.id, record.name, *record.aliases]):
                key = fold(spelling)
                other = claimed.get(key)
                if other is not None and other[0] is not record:
                    path = f"aliases[{index - 1}]" if index > 1 else "name" if index == 1 else "id"
                    self.problem(record, path, path,
                                 f"'{spelling}' already names the {noun} '{other[1]}', so an action could not "
                                 f"say which {noun} it means.",
                                 suggestion=f"If they are the same {noun}, keep one file and list every spelling "
                                 f"in its aliases; if not, tell them apart.")
                claimed.setdefault(key, (record, record.id))

    def _record(self, top: object, review: Review | None) -> None:
        """Every reference and date inside one record file."""
        for item, path in walk(top):
            if isinstance(item, DateValue):
                if item.source is not None:
                    self._source(item, "source", _join(path, "source"), top)
                continue
            if isinstance(item, Period):  # how often a report-back recurs
                self._period(item, item, "", path, top)
                continue
            names = _field_names(type(item))
            if "source" in names and not isinstance(item, Source):
                self._source(item, "source", _join(path, "source"), top)
            if isinstance(item, Assessment) or "meeting" in names and isinstance(item, Resolution | Commitment):
                self._meeting(item, _join(path, "meeting"), top)
            if "related" in names:
                for index, target in enumerate(item.related, start=1):  # type: ignore[attr-defined]
                    self._reference(item, f"related[{index}]", f"{_join(path, 'related')}[{index}]", target, top, review,
                                    self_id=getattr(item, "id", None))
            if isinstance(item, Evidence):
                target = self._reference(item, "record", _join(path, "record"), item.record, top, review)
                if isinstance(target, Decision) and item.part is not None:
                    self._part(item, "part", _join(path, "part"), target, item.part, top)
                elif item.part is not None and target is not None:
                    self.problem(item, "part", _join(path, "part"), "Only a decision has parts.",
                                 suggestion="Remove 'part', or name a decision in 'record'.", top=top)
            if isinstance(item, Action):
                self._owner(item, "owner", _join(path, "owner"), item.owner, top)
                self._action_dates(item, path, top)
            if isinstance(item, Commitment):
                self._owner(item, "given_by", "given_by", item.given_by, top)
                self._action_dates(item, "", top)
            if isinstance(item, Review | Meeting):
                self._committee(item, "committee", _join(path, "committee"), item.committee, top)
            if isinstance(item, Meeting | Decision):
                self._reviews(item, top)
            if isinstance(item, Decision):
                self._committee(item, "decision_maker", "decision_maker", item.decision_maker, top)
                self._decision(item)
            if isinstance(item, Assessment):
                self._assessment(item, path, top, review)
            if isinstance(item, Response):
                self._response(item, path, top)
            if isinstance(item, Recommendation) and review is not None:
                self._shared_response(item, review)
            if isinstance(item, Review):
                self._review_clock(item)
            for list_name in ("actions", "parts"):
                if list_name in names:
                    self._numbers(item, list_name, path, top)
            for list_name in _REPEATABLE:
                if list_name in names:
                    self._repeats(item, list_name, path, top)
            if "assessments" in names:
                self._after_sign_off(item, path, top)

    def _repeats(self, record: object, list_name: str, path: str, top: object) -> None:
        """Warn of an entry identical to an earlier one in its list: most likely a command run twice."""
        first: dict[str, int] = {}
        noun = _REPEATABLE[list_name]
        for index, entry in enumerate(getattr(record, list_name), start=1):
            earlier = first.setdefault(repr(entry), index)  # the dataclass's repr holds every field
            if earlier != index:
                self.warn(record, f"{list_name}[{index}]", f"{_join(path, list_name)}[{index}]",
                          f"This {noun} is word for word the same as {noun} {earlier} of the same list: most "
                          "likely the same command was run twice.",
                          suggestion="If it was recorded twice by mistake, delete this one. If it really "
                          "happened twice, add a 'note' to it saying so.", top=top)

    def _after_sign_off(self, record: object, path: str, top: object) -> None:
        """Warn of an assessment listed after the one that ended monitoring (signed off, or closed)."""
        ended = None
        for index, assessment in enumerate(record.assessments, start=1):  # type: ignore[attr-defined]
            if ended is not None and not assessment.note:
                self.warn(record, f"assessments[{index}]", f"{_join(path, 'assessments')}[{index}]",
                          f"This assessment comes after assessment {ended[0]}, which {ended[1]} the item, so "
                          "monitoring had ended.",
                          suggestion="If it was recorded by mistake, delete it. If the committee did assess the "
                          "item again, add a 'note' saying why.", top=top)
            elif assessment.outcome:
                ended = (index, "signed off" if assessment.outcome == "signed off" else "closed")

    # ----- one kind of reference each -----

    def _source(self, record: object, name: str, path: str, top: object) -> None:
        value = getattr(record, name)
        if value is None or value in self.sources or value in self.broken("council"):
            return
        self.problem(record, name, path, f"'{shorten(value)}' is not one of the council's source documents.",
                     expected=_one_of(self.sources, "the id of a file in data/council/sources"),
                     suggestion=_did_you_mean(value, self.sources)
                     or "Add the document as a file in data/council/sources, or correct the id.", top=top)

    def _meeting(self, record, path: str, top: object) -> None:
        value = record.meeting
        if value in self.meetings or value in self.broken("council"):
            return
        self.problem(record, "meeting", path, f"'{shorten(value)}' is not a meeting in data/council/meetings.",
                     expected=_one_of(self.meetings, "the id of a file in data/council/meetings"),
                     suggestion=_did_you_mean(value, self.meetings)
                     or "Add the meeting's file to data/council/meetings, or correct the id.", top=top)

    def _reference(self, record: object, name: str, path: str, target: str, top: object, review: Review | None,
                   self_id: str | None = None) -> object | None:
        """The record a reference names, or None (with a problem reported) if it names nothing."""
        found = self.resolve(target, review, top)
        if found is not None:
            if self_id is not None and found is record:
                self.problem(record, name, path, "A record cannot be related to itself.",
                             suggestion=f"Remove '{target}'.", top=top)
            return found
        scope, _, bare = target.rpartition("/")
        # A record whose own file is broken is reported there, not again at every reference to it.
        scopes = [scope] if scope else [review.id] if review else list(getattr(top, "reviews", None) or [])
        if any(bare in self.broken(s) for s in scopes) or not scope and bare in self.broken("council"):
            return None
        if not scope and review is None and any(r not in self.review_ids for r in getattr(top, "reviews", None) or []):
            return None  # a council record naming a review that is not one (reported): its records are unknown
        choices = list(self.by_review.get(review.id, {})) if review else []
        choices += list(self.council_records)
        if scope and scope not in self.review_ids:
            message = f"'{shorten(scope)}' in '{shorten(target)}' is not a review."
            suggestion = _did_you_mean(scope, self.review_ids)
        elif scope:
            message = f"The review '{shorten(scope)}' has no record '{shorten(bare)}'."
            suggestion = _did_you_mean(bare, self.by_review.get(scope, {}))
        else:
            message = f"'{shorten(target)}' is not the id of any record" + (" in this review" if review and not scope else "") \
                + " or of any meeting, decision or source document."
            suggestion = _did_you_mean(bare, choices)
        self.problem(record, name, path, message,
                     suggestion=suggestion or "Check the spelling; ids are file names without '.yml'. "
                     "Write another review's record as review-id/record-id.", top=top)
        return None

    def resolve(self, target: str, review: Review | None, top: object | None = None) -> object | None:
        return resolve(target, review, top, self.by_review, self.council_records)

    def _part(self, record: object, name: str, path: str, decision: Decision, label: str, top: object) -> None:
        labels = [p.label for p in decision.parts]
        if label in labels:
            return
        self.problem(record, name, path, f"The decision '{decision.id}' has no part '{label}'.",
                     expected=_one_of(labels, "a part label, such as 'a)'"),
                     suggestion=_did_you_mean(label, labels), top=top)

    def _owner(self, record: object, name: str, path: str, value: str | None, top: object) -> None:
        if value is None or self.owners.find(value) is not None or self._broken_folder("owners"):
            return
        self.problem(record, name, path, f"'{shorten(value)}' is not the name, id or alias of any owner.",
                     expected="an owner in data/council/owners",
                     suggestion=(_did_you_mean(value, self.owners.spellings(), name=True)
                                 or f"If this is a new owner, add a file to data/council/owners; if it is another "
                                 f"spelling of an owner there, add '{shorten(value)}' to that owner's aliases."),
                     top=top)

    def _committee(self, record: object, name: str, path: str, value: str, top: object) -> None:
        if not value or self.committees.find(value) is not None or self._broken_folder("committees"):
            return
        self.problem(record, name, path, f"'{shorten(value)}' is not the name, id or alias of any committee.",
                     expected="a committee in data/council/committees",
                     suggestion=(_did_you_mean(value, self.committees.spellings(), name=True)
                                 or f"Add the body as a file in data/council/committees, or add "
                                 f"'{shorten(value)}' to the aliases of the committee it means."), top=top)

    def _reviews(self, record: Meeting | Decision, top: object) -> None:
        for index, value in enumerate(record.reviews, start=1):
            if value not in self.review_ids:
                self.problem(record, f"reviews[{index}]", f"reviews[{index}]", f"'{shorten(value)}' is not a review.",
                             expected=_one_of(self.review_ids, "a folder name in data/reviews"),
                             suggestion=_did_you_mean(value, self.review_ids), top=top)

    def _assessment(self, item: Assessment, path: str, top: object, review: Review | None) -> None:
        scale = {v.key for v in self.tracker.site.assessment_scale}
        if self.site_ok and item.value not in scale:
            self.problem(item, "value", _join(path, "value"),
                         f"'{shorten(item.value)}' is not on the council's assessment scale.",
                         expected=_one_of(scale, "a key of assessment_scale in data/site.yml"),
                         suggestion=_did_you_mean(item.value, scale)
                         or "Use one of the scale's keys, or add the value to assessment_scale in data/site.yml.",
                         top=top)
        if item.resolution is not None:
            target = self.resolve(item.resolution, review)
            if not isinstance(target, Resolution) and item.resolution not in self.broken(review.id if review else ""):
                resolutions = self.by_review.get(review.id, {}) if review else {}
                names = [k for k, v in resolutions.items() if isinstance(v, Resolution)]
                self.problem(item, "resolution", _join(path, "resolution"),
                             f"'{item.resolution}' is not a resolution" + (" in this review." if review else "."),
                             expected=_one_of(names, "the id of a file in the review's resolutions folder"),
                             suggestion=_did_you_mean(item.resolution, names), top=top)
        self._not_after_as_at(item, "date", _join(path, "date"), "This assessment", top)

    def _response(self, item: Response, path: str, top: object) -> None:
        if item.text is None and not item.note:
            self.problem(item, "", path or "response",
                         "This response has no text. Where the response itself is not among the sources, a "
                         "'note' must say so.", suggestion="Give the response's words in 'text', or add a 'note'.",
                         top=top)
        if item.decision == "not agreed" and item.text is None:
            self.problem(item, "decision", _join(path, "decision"),
                         "A recommendation that is not agreed needs the reasons: the response's 'text'.",
                         suggestion="Give the response's words, which say why it was not agreed.", top=top)

    def _shared_response(self, rec: Recommendation, review: Review) -> None:
        recommendations = {r.id: r for r in review.recommendations}
        if (rec.response is None) == (rec.shares_response_with is None):
            self.problem(rec, "", "response",
                         "A recommendation needs either a 'response' or 'shares_response_with', and not both.",
                         suggestion="Give the response here, or name the recommendation whose response answers this one.")
        if rec.shares_response_with is None:
            return
        other = recommendations.get(rec.shares_response_with)
        if other is None:
            if rec.shares_response_with not in self.broken(review.id):
                self.problem(rec, "shares_response_with", "shares_response_with",
                             f"'{rec.shares_response_with}' is not a recommendation in this review.",
                             suggestion=_did_you_mean(rec.shares_response_with, recommendations))
        elif other is rec:
            self.problem(rec, "shares_response_with", "shares_response_with",
                         "A recommendation cannot share its own response.")
        elif other.response is None:
            self.problem(rec, "shares_response_with", "shares_response_with",
                         f"Recommendation '{other.id}' has no response of its own to share.",
                         suggestion="Name the recommendation that holds the response"
                         + (f" ('{other.shares_response_with}')." if other.shares_response_with else "."))

    def _numbers(self, item: object, list_name: str, path: str, top: object) -> None:
        seen: set[str] = set()
        key = "id" if list_name == "actions" else "label"
        for index, entry in enumerate(getattr(item, list_name), start=1):
            value = getattr(entry, key)
            if value in seen:
                noun = "actions here have the number" if key == "id" else "parts have the label"
                self.problem(entry, key, f"{_join(path, list_name)}[{index}].{key}", f"Two {noun} '{value}'.",
                             suggestion="Number them 1, 2, 3... in the order the source gives them."
                             if key == "id" else "Give each part its own label, as the notice does.", top=top)
            seen.add(value)

    def _action_dates(self, action: Action | Commitment, path: str, top: object) -> None:
        for index, update in enumerate(action.progress, start=1):
            self._not_after_as_at(update, "date", f"{_join(path, 'progress')}[{index}].date", "This progress update", top)
        for index, change in enumerate(action.due_changes, start=1):
            self._not_after_as_at(change, "changed", f"{_join(path, 'due_changes')}[{index}].changed",
                                  "This change of due date", top)

    def _not_after_as_at(self, record: object, name: str, path: str, what: str, top: object) -> None:
        value = getattr(record, name)
        parsed = _parsed(value)
        as_at = self.loaded.as_at
        if parsed and parsed.earliest and parsed.earliest > as_at:
            self.problem(record, name, path,
                         f"{what} is dated after the 'as at' date ({as_at.day} {as_at:%B %Y}), "
                         "so it cannot have happened yet.",
                         found=shorten(value.words()),
                         suggestion="Check the year, or set a later 'as_at' in data/site.yml.", top=top)

    def _decision(self, decision: Decision) -> None:
        start, end = _parsed(decision.date_of_decision), _parsed(decision.effective_from)
        if start and end and start.earliest and end.latest and end.latest < start.earliest:
            self.problem(decision, "effective_from", "effective_from", "The decision takes effect before it was made.",
                         found=f"date_of_decision {start.words()}, effective_from {end.words()}",
                         suggestion="Check both dates against the source.")
        if not self.site_ok:
            return
        call_in = clocks.call_in(decision, self.tracker.site.clocks, self.committees.find(decision.decision_maker))
        for name, stated, computed in (("call_in_ends", decision.call_in_ends, call_in.ends),
                                       ("effective_from", decision.effective_from, call_in.effective)):
            if stated is None or computed is None or stated.note or _parsed(stated) is None:
                continue
            if not computed.agrees_with(_parsed(stated)):  # type: ignore[arg-type]
                self.warn(decision, name, name,
                          f"The notice states {stated.words()}, but the council's call-in rule gives "
                          f"{computed.words()}: {computed.rule}. The stated date is the one shown.",
                          suggestion=f"If the notice is right, add a 'note' to {name} saying so (the warning then "
                          "stops); if the rule is wrong, correct clocks.call_in_period in data/site.yml.")

    def _review_clock(self, review: Review) -> None:
        if not self.site_ok or review.response_due is None or review.response_due.note:
            return
        computed = clocks.response_due(review, self.tracker.site.clocks)
        stated = _parsed(review.response_due)
        if computed is not None and stated is not None and not computed.agrees_with(stated):
            self.warn(review, "response_due", "response_due",
                      f"The response is stated to be due {review.response_due.words()}, but the council's response "
                      f"period gives {computed.words()}: {computed.rule}. The stated date is the one shown.",
                      suggestion="If the source is right, add a 'note' to response_due saying so; if not, correct it.")

    def _glossary(self) -> None:
        glossary = self.tracker.glossary
        seen: set[str] = set()
        for index, term in enumerate(glossary.terms, start=1):
            at = self.b.locate(term, "term") or Location(self.loaded.file_of(glossary) or "data/glossary.yml")
            if term.term in seen:
                self.b.problem(at, f"terms[{index}].term", f"The abbreviation '{term.term}' is listed twice.",
                               suggestion="Keep one entry and delete the other.")
            seen.add(term.term)
            if term.source is not None and term.source not in self.sources and term.source not in self.broken("council"):
                self.b.problem(self.b.locate(term, "source") or at, f"terms[{index}].source",
                               f"'{term.source}' is not one of the council's source documents.",
                               expected=_one_of(self.sources, "the id of a file in data/council/sources"),
                               suggestion=_did_you_mean(term.source, self.sources)
                               or "Check the spelling of the source's id.")
            if term.basis == "unknown" and term.expansion:
                self.b.problem(self.b.locate(term, "expansion") or at, f"terms[{index}].expansion",
                               "An abbreviation whose basis is 'unknown' has no expansion.",
                               suggestion="Delete the expansion, or set the basis to 'stated' or 'unambiguous'.")


def resolve(target: str, review: Review | None, top: object | None, by_review: dict[str, dict[str, object]],
            council_records: dict[str, object]) -> object | None:
    """The record a reference names: in its own review first, then the council's records; a council
    record (a meeting, a decision) may name records of the reviews it lists by their bare ids."""
    scope, _, bare = target.rpartition("/")
    if scope:
        return by_review.get(scope, {}).get(bare)
    if review is not None and bare in by_review.get(review.id, {}):
        return by_review[review.id][bare]
    if bare in council_records:
        return council_records[bare]
    for review_id in getattr(top, "reviews", None) or []:
        if bare in by_review.get(review_id, {}):
            return by_review[review_id][bare]
    return None


_parsed = clocks.parse_or_none


def _one_of(ids, otherwise: str) -> str:
    ids = [str(i) for i in ids]
    if not ids:
        return otherwise
    shown = sorted(ids)[:12]
    return "one of: " + ", ".join(shown) + (", …" if len(ids) > 12 else "")


def _did_you_mean(value: str, choices, name: bool = False) -> str | None:
    """A near spelling among ``choices``. For the names of owners and committees, case and spacing are set
    aside and only a close spelling counts: many names share words ('the committee', 'Audit committee')."""
    if not name:
        guess = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
        return f"Did you mean '{guess[0]}'?" if guess else None
    spellings = {fold(c): str(c) for c in reversed(list(choices))}
    guess = difflib.get_close_matches(fold(value), list(spellings), n=1, cutoff=0.8)
    return f"Did you mean '{spellings[guess[0]]}'?" if guess else None
