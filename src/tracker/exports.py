"""Open data: the record as JSON (with a JSON Schema made from the model), as CSV, and its data dictionary.

Everything here is read from the model: the JSON is the dataclasses as plain
values (the site's settings with its clocks and assessment scale, the
glossary, the council's committees, owners, meetings, decisions and sources,
and every review with its recommendations, resolutions, commitments and
events), the schema and the data dictionary come from their type hints and
``doc`` metadata, and each CSV column names the model field it holds. The
JSON download loads back through ``load_plain`` into the same dataclasses.

The CSV files add what the site works out, always from ``Site.follow_up``: the
response and progress badges, the response clock, the committee's latest
assessment, the newest information a status rests on, and dates a source may
state or the site works out (a stated date always wins; a worked-out one says
so and gives its rule). The officers' reported progress and the committee's
assessment are separate columns.

Licence and "as at" date: the JSON states both at its top level; the CSV
files keep one row per record and nothing else, so both are stated in
README.txt beside them, on the downloads page and in its schema.org metadata.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, get_args, get_origin
from urllib.parse import urljoin

from markupsafe import Markup

from . import clocks, dates, feeds, status
from .model import (
    Action,
    Assessment,
    Commitment,
    Council,
    DateValue,
    Decision,
    DecisionPart,
    DueChange,
    Evidence,
    Glossary,
    Meeting,
    Outcome,
    Owner,
    Period,
    ProgressUpdate,
    Recommendation,
    Resolution,
    Response,
    Review,
    Site as SiteRecord,
    doc,
)
from .validate import ID_PATTERN, LINK_PATTERN, describe, unwrap_optional

if TYPE_CHECKING:
    from .pages import Site

FOLDER = "downloads/"
JSON_FILE = FOLDER + "tracker.json"
SCHEMA_FILE = FOLDER + "tracker.schema.json"
README_FILE = FOLDER + "README.txt"
DOWNLOADS_PAGE = "downloads/"
"""The downloads page's URL: the files sit beside it."""

LICENCE_URLS = {
    "Open Government Licence v3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
"""Licences whose text is published at a known address."""

ATTRIBUTION = {
    "Open Government Licence v3.0": "Contains public sector information licensed under the Open Government Licence v3.0.",
}
"""The attribution statement a licence asks re-users to give."""


@dataclass(kw_only=True)
class Download:
    """The JSON download: the whole record, the licence it is published under and the day it is as at."""

    licence: str = doc("The licence the data is published under.", example="Open Government Licence v3.0")
    licence_url: str | None = doc("Where the licence can be read.", default=None)
    as_at: str = doc(
        "The day the site's statuses were worked out for (YYYY-MM-DD): the record as it stood on that day.",
        format="date",
    )
    site: SiteRecord = doc("The site's own settings, as in data/site.yml.")
    glossary: Glossary = doc("The abbreviations the records use, as in data/glossary.yml.")
    council: Council = doc("The records kept once for the whole council, as in data/council/: its committees, the "
                           "owners of actions, meetings, decisions and the source documents.")
    reviews: list[Review] = doc("Every review, each with all its records: recommendations, resolutions, "
                                "commitments and events.")


# ----- JSON -----


def as_plain(value: Any) -> Any:
    """A record as plain JSON values: every field, None where it is not given."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [as_plain(item) for item in value]
    return value


def record(site: Site) -> dict:
    """The JSON download as plain values."""
    tracker = site.tracker
    licence = tracker.site.licence
    envelope = Download(licence=licence, licence_url=LICENCE_URLS.get(licence), as_at=site.as_at.isoformat(),
                        site=tracker.site, glossary=tracker.glossary, council=tracker.council,
                        reviews=tracker.reviews)
    return as_plain(envelope)


def json_schema(site_url: str = "") -> dict:
    """The JSON Schema (2020-12) of the JSON download, generated from the model."""
    definitions: dict[str, dict] = {}

    def define(cls: type) -> dict:
        hints = typing.get_type_hints(cls)
        properties = {}
        for f in dataclasses.fields(cls):
            schema = {"description": f.metadata["doc"], **of_type(hints[f.name])}
            schema.update(_EXTRA.get((cls, f.name), {}))
            if f.name == "id":
                schema["pattern"] = ID_PATTERN
            if f.metadata.get("link"):
                schema["pattern"] = LINK_PATTERN
            if "format" in f.metadata:
                schema["format"] = f.metadata["format"]
            if "example" in f.metadata:
                schema["examples"] = [f.metadata["example"]]
            properties[f.name] = schema
        return {"title": cls.__name__, "description": _first_line(cls), "type": "object",
                "properties": properties, "required": list(properties), "additionalProperties": False,
                **_RULES.get(cls, {})}

    def of_type(tp: Any) -> dict:
        inner, optional = unwrap_optional(tp)
        if get_origin(inner) is list:
            schema: dict = {"type": "array", "items": of_type(get_args(inner)[0])}
        elif get_origin(inner) is Literal:
            return {"enum": [*get_args(inner), *([None] if optional else [])]}
        elif dataclasses.is_dataclass(inner):
            if inner.__name__ not in definitions:
                definitions[inner.__name__] = {}  # placeholder: a type may refer to itself
                definitions[inner.__name__] = define(inner)
            schema = {"$ref": f"#/$defs/{inner.__name__}"}
        elif inner is str:
            # Validation refuses blank text, and keeps any other text exactly.
            return {"type": ["string", "null"] if optional else "string", "pattern": r"\S"}
        elif inner is bool:
            return {"type": ["boolean", "null"] if optional else "boolean"}
        elif inner is int:
            return {"type": ["integer", "null"] if optional else "integer", "minimum": 0}
        else:
            raise TypeError(f"no JSON Schema for {inner!r}")  # a model field of a new kind: add it here
        return {"anyOf": [schema, {"type": "null"}]} if optional else schema

    root = define(Download)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **({"$id": _absolute(site_url, SCHEMA_FILE)} if site_url else {}),
        **root,
        "title": "Scrutiny tracker: the whole record",
        "$defs": definitions,
    }


def _edtf_pattern() -> str:
    """The EDTF forms the data accepts, from the date parser's own pattern."""
    point = re.sub(r"\(\?P<\w+>", "(?:", dates._SINGLE.pattern.strip("^$"))  # noqa: SLF001 - one grammar
    return rf"^(?:{point}|(?:{point}|\.\.)?/(?:{point}|\.\.)?)$"


_EXTRA = {(DateValue, "edtf"): {"pattern": _edtf_pattern()}}
"""Checks a field's type alone does not give."""

_GIVEN = {"not": {"type": "null"}}

_RULES: dict[type, dict] = {
    DateValue: {"anyOf": [{"properties": {"as_written": _GIVEN}}, {"properties": {"edtf": _GIVEN}}],
                "if": {"properties": {"as_written": {"type": "null"}}}, "then": {"properties": {"note": _GIVEN}}},
    Recommendation: {"oneOf": [{"properties": {"response": _GIVEN}},
                               {"properties": {"shares_response_with": _GIVEN}}]},
    Period: {"oneOf": [{"properties": {unit: {"type": "integer", "minimum": 1}}}
                       for unit in ("months", "weeks", "days", "working_days")]},
}
"""Rules across a record's fields that types cannot say (the loader's checks enforce the same)."""

_TYPE_WORDS = {(DateValue, "edtf"): "an EDTF date", (Download, "as_at"): "a day (YYYY-MM-DD)",
               (SiteRecord, "as_at"): "a day (YYYY-MM-DD)"}
_JSON_TYPE_WORDS = {bool: "true or false", int: "a whole number"}
"""Where the data dictionary can say more than 'text'."""


# ----- CSV -----


@dataclass(frozen=True)
class Row:
    """One CSV row: the record it is about, and where that record sits."""

    item: Any
    """The record the row is about (a recommendation, an action, a progress update, an owner...)."""
    review: Review | None = None
    holder: Any = None
    """The record that asked for action and holds the row's action: a recommendation, a resolution, a part of a
    decision or a commitment."""
    action: Action | None = None
    number: int = 0
    """The item's position in its list, from 1 (progress updates, due changes, assessments)."""


@dataclass(frozen=True)
class Column:
    """One CSV column: what it means, what it holds, and how a row gives it."""

    name: str
    meaning: str
    type: str
    get: Callable[[Row], Any]
    allowed: tuple[tuple[str, str], ...] = ()
    """Allowed values, each with its meaning ('' where the value says it)."""
    always: bool = False
    """Whether every row has a value."""


@dataclass(frozen=True)
class Table:
    """One CSV file."""

    path: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Site], Iterable[Row]]

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def _field(cls: type, name: str) -> tuple[dataclasses.Field, Any]:
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    return f, typing.get_type_hints(cls)[name]


def column(cls: type, name: str, get: Callable[[Row], Any], title: str | None = None, *, always: bool | None = None,
           meaning: str | None = None) -> Column:
    """A column holding one model field, documented by the model."""
    f, hint = _field(cls, name)
    inner, optional = unwrap_optional(hint)
    if get_origin(inner) is list:
        kind, allowed = "text, one item per line", ()
    elif get_origin(inner) is Literal:
        kind, allowed = "text: one of the allowed values", tuple((a, "") for a in get_args(inner))
    else:
        kind, allowed = describe(inner), ()
    required = not optional and get_origin(inner) is not list and f.default is dataclasses.MISSING
    return Column(title or name, meaning or f.metadata["doc"], kind, get, allowed,
                  required if always is None else always)


def _date_parts(prefix: str, about: str, get: Callable[[Row], DateValue | None], present: bool) -> tuple[Column, ...]:
    sub = {g.name: g.metadata["doc"] for g in dataclasses.fields(DateValue)}

    def part(attr: str) -> Callable[[Row], Any]:
        return lambda row: getattr(value, attr) if (value := get(row)) is not None else None

    return (
        Column(f"{prefix}_edtf", f"{about} {sub['edtf']}", "an EDTF date", part("edtf")),
        Column(f"{prefix}_precision", f"{about} How precisely the date is known, worked out from the EDTF date "
               "('none' where there is no machine date; empty where there is no date at all).",
               "text: one of the allowed values", part("precision"), tuple((p, "") for p in dates.PRECISIONS), present),
        Column(f"{prefix}_as_written", f"{about} {sub['as_written']}", describe(str), part("as_written")),
        Column(f"{prefix}_note", f"{about} {sub['note']}", describe(str), part("note")),
    )


def date_columns(prefix: str, cls: type, name: str, get: Callable[[Row], DateValue | None], meaning: str | None = None,
                 *, always: bool | None = None) -> tuple[Column, ...]:
    """Four columns for a date: the EDTF machine date, its precision, the source's wording and the note."""
    f, hint = _field(cls, name)
    present = (not unwrap_optional(hint)[1]) if always is None else always
    return _date_parts(prefix, meaning or f.metadata["doc"], get, present)


_BASIS = (("stated", "A source states the date: its words are in the _as_written column."),
          ("worked out", "No source states it: it is worked out from the council's rule, which the _note column "
                         "gives. A date a source states always wins over a worked-out one."))


def chosen_date_columns(prefix: str, about: str, get: Callable[[Row], tuple[DateValue | None, clocks.Computed | None]]
                        ) -> tuple[Column, ...]:
    """Five columns for a date that a source may state and the site can otherwise work out: the four date
    columns (a worked-out date has no words of its own; its note gives the rule) and which it is."""

    def value(row: Row) -> DateValue | None:
        stated, computed = get(row)
        return stated if stated is not None else _worked_out(computed)

    def basis(row: Row) -> str | None:
        stated, computed = get(row)
        return "stated" if stated is not None else "worked out" if computed is not None else None

    return (*_date_parts(prefix, about, value, False),
            Column(f"{prefix}_basis", f"{about} Whether a source states the date or it is worked out.",
                   "text: one of the allowed values", basis, _BASIS))


def _worked_out(computed: clocks.Computed | None) -> DateValue | None:
    if computed is None:
        return None
    return DateValue(edtf=computed.edtf(), note=f"Worked out: {computed.rule}.")


def _statuses(statuses: dict[str, status.Status]) -> tuple[tuple[str, str], ...]:
    return tuple((s.key, f"{s.label}: {s.meaning}") for s in statuses.values())


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else "yes" if value else "no"




KINDS = {
    "recommendation": ("recommendation", "A recommendation of a scrutiny review."),
    "resolution": ("resolution", "A resolution a committee passed at a meeting."),
    "decision-part": ("decision part", "A lettered part of a council decision."),
    "commitment": ("commitment", "An undertaking given at a meeting and recorded in its minutes."),
}
"""FollowUp.kind -> how the CSV files name it, and what it is."""


def _holders(site: Site) -> Iterable[tuple[Review | None, Any]]:
    """Every record that asks for action, in record order: each review's recommendations, resolutions and
    commitments, then the parts of the council's decisions."""
    for review in site.tracker.reviews:
        for attr in ("recommendations", "resolutions", "commitments"):
            for holder in getattr(review, attr):
                yield review, holder
    for decision in site.tracker.council.decisions:
        for part in decision.parts:
            yield None, part


def _own_actions(site: Site, holder: Any) -> list[Action]:
    """The actions a record holds itself (a recommendation sharing another's response holds none)."""
    if isinstance(holder, (Recommendation, Resolution)):
        return holder.response.actions if holder.response else []
    if isinstance(holder, Commitment):
        return site.follow_up(holder).actions
    if isinstance(holder, DecisionPart):
        return holder.actions
    raise TypeError(holder)


def _action_rows(site: Site) -> Iterable[Row]:
    for review, holder in _holders(site):
        for number, action in enumerate(_own_actions(site, holder), start=1):
            yield Row(action, review, holder, action, number)


def _record_id(site: Site, holder: Any) -> str:
    return site.record.decision_of(holder).id if isinstance(holder, DecisionPart) else holder.id


def _review_ids(site: Site, row: Row) -> list[str]:
    if row.review is not None:
        return [row.review.id]
    if isinstance(row.holder, DecisionPart):
        return list(site.record.decision_of(row.holder).reviews)
    if isinstance(row.item, (Decision, Meeting)):
        return list(row.item.reviews)
    return []


def _page(site: Site, record: Any, action: Action | None = None) -> str:
    """A record's page on this site, at the action where the row is about one."""
    page = site.url(record)
    if action is not None and isinstance(record, (Recommendation, Resolution)):
        page += f"#action-{action.id}"
    elif action is not None and isinstance(record, DecisionPart):
        page += f"-action-{action.id}"  # the part's anchor, then its action's: #part-a-action-1
    return page


def _evidence_target(site: Site, evidence: Evidence, context: Any) -> Any:
    target = site.resolve(evidence.record, context)
    if isinstance(target, Decision) and evidence.part:
        return next((p for p in target.parts if p.label == evidence.part), target)
    return target


def _evidence_words(evidence: Evidence) -> str:
    return evidence.record + (f", part {evidence.part}" if evidence.part else "")


def tables(site: Site, site_url: str = "") -> list[Table]:
    """The CSV downloads: each column, what it means and where its value comes from."""
    as_at = site.as_at.isoformat()
    follow = site.follow_up

    def url(get: Callable[[Row], str], meaning: str = "The address of the record's page on this site.") -> Column:
        return Column("url", meaning, "a web address", lambda r: _absolute(site_url, get(r)), always=True)

    review_id = Column("review_id", "The review the record belongs to (its folder name). For a part of a council "
                       "decision, every review the decision deals with, one per line.", "text, one item per line",
                       lambda r: _review_ids(site, r))
    belongs_to = Column("belongs_to", "The kind of record the action belongs to.", "text: one of the allowed values",
                        lambda r: KINDS[follow(r.holder).kind][0], tuple(KINDS.values()), True)
    record_id = Column("record_id", "The id of the record the action belongs to: the recommendation's number as the "
                       "review writes it, the resolution's number, the commitment's short name, or the decision's "
                       "short name.", describe(str), lambda r: _record_id(site, r.holder), always=True)
    decision_part = Column("decision_part", "For a part of a decision: the part's label as written.", describe(str),
                           lambda r: r.holder.label if isinstance(r.holder, DecisionPart) else None)
    holder_keys = (review_id, belongs_to, record_id, decision_part)
    action_id = column(Action, "id", lambda r: r.action.id, "action_id")
    by_kind = ("recommendation, resolution, decision part and commitment"
               " (a commitment is one action: the undertaking itself)")

    def response_of(get: Callable[[Row], Any]) -> Callable[[str], Callable[[Row], Any]]:
        return lambda name: lambda r: getattr(response, name) if (response := get(r).response) else None

    def follow_up_columns(get: Callable[[Row], Any], *, response: bool = True,
                          always_asked: bool = False) -> tuple[Column, ...]:
        """The derived columns every record that asks for action has: how it stands as at the 'as at' day."""
        scale = tuple((v.key, f"{v.label}: {v.meaning}") for v in site.tracker.site.assessment_scale)
        out: list[Column] = []
        if response:
            out += [
                Column("response_status", "The response badge the site shows, worked out from the response's "
                       "decision (following a shared response) and whom it asks to act."
                       + ("" if always_asked else " Empty where it asks no one to act."),
                       "text: one of the allowed values",
                       lambda r: s.key if (s := follow(get(r)).response_status) else None,
                       _statuses(status.RESPONSES), always_asked),
                Column("response_clock", f"How the executive's response clock stands as at {as_at}: whether a "
                       "response was due, came in time, or is overdue."
                       + ("" if always_asked else " Empty where no response is asked of the executive."),
                       "text: one of the allowed values",
                       lambda r: c.key if (c := follow(get(r)).clock) else None,
                       _statuses(status.CLOCKS),
                       always_asked),
                *chosen_date_columns(
                    "response_due", "When the executive's response is due.",
                    lambda r: (c.due, c.computed) if (c := follow(get(r)).clock) and c.key != "not-required"
                    else (None, None)),
            ]
        out += [
            Column("progress_status", f"The progress badge the site shows, worked out from the actions, their due "
                   f"dates and the progress the officers reported, as at {as_at}. Never the committee's view: that "
                   "is in committee_assessment.", "text: one of the allowed values",
                   lambda r: follow(get(r)).progress.status.key, _statuses(status.PROGRESS), True),
            Column("progress_reason", "Why the progress badge is what it is, in words.", describe(str),
                   lambda r: follow(get(r)).progress.reason, always=True),
            Column("owner_ids", "The owners of its actions, as the site groups them: each owner's short name (its "
                   "page is owners/<id>/), one per line, in the order the actions name them.",
                   "text, one item per line", lambda r: [o.id for o in follow(get(r)).owners]),
            Column("owner_names", "The same owners' names, one per line, in the same order (the actions' own "
                   "spellings are in actions.csv).", "text, one item per line",
                   lambda r: [o.name for o in follow(get(r)).owners]),
            Column("committee_assessment", "The committee's own latest assessment of it, on the council's scale: "
                   "its judgement, never the officers' report. Empty where it has made none.",
                   "text: one of the allowed values",
                   lambda r: a.value if (a := follow(get(r)).assessment) else None, scale),
            *_date_parts("committee_assessment_date", "When the committee made its latest assessment.",
                         lambda r: a.date if (a := follow(get(r)).assessment) else None, False),
            Column("committee_outcome", "Whether the committee has signed it off or closed it as not implemented "
                   "(either stops monitoring). Empty while it is still monitored.", "text: one of the allowed values",
                   lambda r: follow(get(r)).closed, tuple((o, "") for o in get_args(Outcome))),
            *_date_parts("latest_information", "The date of the newest information the statuses rest on.",
                         lambda r: latest.date if (latest := follow(get(r)).latest) else None, False),
            Column("latest_information_what", "What that newest information is, in words.", describe(str),
                   lambda r: latest.what if (latest := follow(get(r)).latest) else None),
            Column("not_updated", f"'yes' where it is still open and nothing newer than the latest information has "
                   f"been recorded for longer than the update cycle ({site.rules.update_cycle.words()}) as at "
                   f"{as_at}.", "yes or no", lambda r: _yes_no(follow(get(r)).stale), always=True),
        ]
        return tuple(out)

    rec = lambda r: r.item  # noqa: E731
    from_rec_response = response_of(rec)
    held_by = ("The recommendation whose response holds this action: its number as the review writes it. "
               "Other recommendations that share the response are listed in 'answers'.")
    meeting_of = lambda r: site.meeting(r.item.meeting)  # noqa: E731
    meeting_date = lambda r: m.date if (m := meeting_of(r)) else None  # noqa: E731

    recommendations = Table(
        FOLDER + "recommendations.csv", "Recommendations",
        "One row per recommendation, with its response, its owners, its clocks, the committee's latest assessment "
        "and the statuses the site shows.",
        (Column("review_id", review_id.meaning.split(". ")[0] + ".", describe(str), lambda r: r.review.id, always=True),
         column(Recommendation, "id", lambda r: r.item.id, "recommendation_id"),
         column(Recommendation, "heading", lambda r: r.item.heading),
         column(Recommendation, "text", lambda r: r.item.text),
         column(Recommendation, "addressed_to", lambda r: r.item.addressed_to),
         column(Recommendation, "source", lambda r: r.item.source),
         column(Recommendation, "shares_response_with", lambda r: r.item.shares_response_with),
         column(Response, "title", from_rec_response("title"), "response_title", always=False),
         column(Response, "decision", from_rec_response("decision"), "response_decision"),
         column(Response, "decision_words", from_rec_response("decision_words"), "response_decision_words"),
         column(Response, "text", from_rec_response("text"), "response_text"),
         column(Response, "source", from_rec_response("source"), "response_source"),
         *date_columns("response_date", Response, "date", from_rec_response("date")),
         column(Response, "note", from_rec_response("note"), "response_note"),
         *follow_up_columns(rec, always_asked=True),
         column(Recommendation, "related", lambda r: r.item.related),
         column(Recommendation, "note", lambda r: r.item.note),
         url(lambda r: site.url(r.item))),
        lambda s: (Row(rec, review, rec) for review in s.tracker.reviews for rec in review.recommendations))

    actions = Table(
        FOLDER + "actions.csv", "Actions",
        f"One row per action of every {by_kind}, with its owner, its original and current due dates and its status.",
        (*holder_keys,
         Column("answers", "For a recommendation's action: every recommendation it answers, the one whose response "
                "holds it and any that share that response.", "text, one item per line",
                lambda r: [r.holder.id, *(o.id for o in site.shared_with(r.holder))]
                if isinstance(r.holder, Recommendation) else []),
         action_id,
         column(Action, "description", lambda r: r.action.description),
         column(Action, "owner", lambda r: r.action.owner),
         Column("owner_id", "The owner that name resolves to, as the site groups owners: its short name (its page is "
                "owners/<id>/). Empty where the action names no owner.", describe(str),
                lambda r: o.id if (o := site.owner(r.action.owner)) else None),
         Column("owner_name", "That owner's name, as the site shows it.", describe(str),
                lambda r: o.name if (o := site.owner(r.action.owner)) else None),
         *date_columns("due", Action, "due", lambda r: r.action.due),
         *date_columns("current_due", Action, "due", lambda r: r.action.current_due,
                       "The due date now in force: the last change's new date, or the original if it never moved."),
         Column("due_changes", "How many times the due date has moved (each change is a row of due-changes.csv).",
                "a whole number", lambda r: len(r.action.due_changes), always=True),
         column(Action, "success_criteria", lambda r: r.action.success_criteria),
         Column("progress_updates", "How many progress updates are recorded (each is a row of progress-updates.csv).",
                "a whole number", lambda r: len(r.action.progress), always=True),
         Column("status", f"The action's progress badge as at {as_at}, from the progress the officers reported and "
                "its due date.", "text: one of the allowed values",
                lambda r: site.action_progress(r.action).status.key, _statuses(status.PROGRESS), True),
         Column("status_reason", "Why the action's badge is what it is, in words.", describe(str),
                lambda r: site.action_progress(r.action).reason, always=True),
         column(Action, "note", lambda r: r.action.note),
         url(lambda r: _page(site, r.holder, r.action))),
        _action_rows)

    due_changes = Table(
        FOLDER + "due-changes.csv", "Due date changes",
        "One row per change to an action's due date, oldest first within each action.",
        (*holder_keys, action_id,
         Column("change_number", "The change's position in the action's list of changes, oldest first, from 1.",
                "a whole number", lambda r: r.number, always=True),
         *date_columns("due", DueChange, "due", lambda r: r.item.due),
         *date_columns("changed", DueChange, "changed", lambda r: r.item.changed),
         column(DueChange, "reason", lambda r: r.item.reason),
         column(DueChange, "source", lambda r: r.item.source),
         url(lambda r: _page(site, r.holder, r.action))),
        lambda s: (Row(change, row.review, row.holder, row.action, n) for row in _action_rows(s)
                   for n, change in enumerate(row.action.due_changes, start=1)))  # type: ignore[union-attr]

    progress = Table(
        FOLDER + "progress-updates.csv", "Progress updates",
        "One row per progress update the officers reported, oldest first within each action, with the records "
        "that show it.",
        (*holder_keys, action_id,
         Column("update_number", "The update's position in the action's list of progress, oldest first, from 1.",
                "a whole number", lambda r: r.number, always=True),
         *date_columns("date", ProgressUpdate, "date", lambda r: r.item.date),
         column(ProgressUpdate, "text", lambda r: r.item.text),
         column(ProgressUpdate, "state", lambda r: r.item.state),
         column(ProgressUpdate, "source", lambda r: r.item.source),
         Column("evidence_records", "The records that show what the update says, one per line: a meeting's, "
                "decision's or source document's short name, or another review's record as review-id/record-id; "
                "a decision's part is named after a comma.", "text, one item per line",
                lambda r: [_evidence_words(e) for e in r.item.evidence]),
         Column("evidence_quotes", "The words of each of those records that show it, verbatim, in the same order; "
                "each quote is its own paragraph (quotes are separated by a blank line). A record cited without a "
                "quote has the words '(no quote)'.", describe(str),
                lambda r: "\n\n".join(e.quote.strip() if e.quote else "(no quote)" for e in r.item.evidence)
                if r.item.evidence else None),
         Column("evidence_urls", "The address of each of those records on this site, one per line, in the same "
                "order (empty where a record has no page).", "text, one item per line",
                lambda r: [_absolute(site_url, site.url(t)) if (t := _evidence_target(site, e, r.holder)) is not None
                           else "" for e in r.item.evidence]),
         column(ProgressUpdate, "note", lambda r: r.item.note),
         url(lambda r: _page(site, r.holder, r.action))),
        lambda s: (Row(update, row.review, row.holder, row.action, n) for row in _action_rows(s)
                   for n, update in enumerate(row.action.progress, start=1)))  # type: ignore[union-attr]

    from_res_response = response_of(rec)
    resolutions = Table(
        FOLDER + "resolutions.csv", "Resolutions",
        "One row per committee resolution, with the date of the meeting that passed it, whom it asks to act, the "
        "response to it and how it stands.",
        (Column("review_id", "The review the resolution belongs to (its folder name).", describe(str),
                lambda r: r.review.id, always=True),
         column(Resolution, "id", lambda r: r.item.id, "resolution_id"),
         column(Resolution, "meeting", lambda r: r.item.meeting),
         *date_columns("meeting_date", Meeting, "date", meeting_date, "When the meeting that passed it took place.",
                       always=False),
         column(Resolution, "text", lambda r: r.item.text),
         column(Resolution, "addressed_to", lambda r: r.item.addressed_to),
         column(Resolution, "source", lambda r: r.item.source),
         column(Response, "title", from_res_response("title"), "response_title", always=False),
         column(Response, "decision", from_res_response("decision"), "response_decision"),
         column(Response, "decision_words", from_res_response("decision_words"), "response_decision_words"),
         column(Response, "text", from_res_response("text"), "response_text"),
         column(Response, "note", from_res_response("note"), "response_note"),
         Column("response_approved_in", "The decision that approved the response, where one did: its short name, "
                "and its part after a comma.", describe(str),
                lambda r: _evidence_words(e) if r.item.response and (e := r.item.response.approved_in) else None),
         *follow_up_columns(rec),
         column(Resolution, "related", lambda r: r.item.related),
         column(Resolution, "note", lambda r: r.item.note),
         url(lambda r: site.url(r.item))),
        lambda s: (Row(res, review, res) for review in s.tracker.reviews for res in review.resolutions))

    commitments = Table(
        FOLDER + "commitments.csv", "Commitments",
        "One row per undertaking given at a meeting: who gave it, by when, the progress reported and how it stands.",
        (Column("review_id", "The review the commitment belongs to (its folder name).", describe(str),
                lambda r: r.review.id, always=True),
         column(Commitment, "id", lambda r: r.item.id, "commitment_id"),
         column(Commitment, "meeting", lambda r: r.item.meeting),
         *date_columns("meeting_date", Meeting, "date", meeting_date, "When the meeting where it was given took place.",
                       always=False),
         column(Commitment, "text", lambda r: r.item.text),
         column(Commitment, "given_by", lambda r: r.item.given_by),
         Column("given_by_owner_id", "The owner that name resolves to, as the site groups owners: its short name.",
                describe(str), lambda r: o.id if (o := site.owner(r.item.given_by)) else None),
         Column("given_by_owner_name", "That owner's name, as the site shows it.", describe(str),
                lambda r: o.name if (o := site.owner(r.item.given_by)) else None),
         *date_columns("due", Commitment, "due", lambda r: r.item.due),
         *date_columns("current_due", Commitment, "due", lambda r: r.item.as_action.current_due,
                       "The due date now in force: the last change's new date, or the original if it never moved."),
         Column("due_changes", "How many times the due date has moved (each change is a row of due-changes.csv).",
                "a whole number", lambda r: len(r.item.due_changes), always=True),
         Column("progress_updates", "How many progress updates are recorded (each is a row of progress-updates.csv).",
                "a whole number", lambda r: len(r.item.progress), always=True),
         *(c for c in follow_up_columns(rec, response=False) if c.name not in ("owner_ids", "owner_names")),
         column(Commitment, "source", lambda r: r.item.source),
         column(Commitment, "related", lambda r: r.item.related),
         column(Commitment, "note", lambda r: r.item.note),
         url(lambda r: site.url(r.item))),
        lambda s: (Row(c, review, c) for review in s.tracker.reviews for c in review.commitments))

    labels = {v.key: v.label for v in site.tracker.site.assessment_scale}
    assessments = Table(
        FOLDER + "assessments.csv", "Committee assessments",
        "One row per assessment the committee made of a recommendation, resolution, decision part or commitment, "
        "oldest first within each: the committee's own judgement, never the officers' report.",
        (review_id,
         Column("belongs_to", "The kind of record assessed.", "text: one of the allowed values",
                lambda r: KINDS[follow(r.holder).kind][0], tuple(KINDS.values()), True),
         Column("record_id", "The id of the record assessed: the recommendation's number, the resolution's number, "
                "the commitment's short name, or the decision's short name.", describe(str),
                lambda r: _record_id(site, r.holder), always=True),
         decision_part,
         Column("assessment_number", "The assessment's position in the record's list of assessments, oldest first, "
                "from 1.", "a whole number", lambda r: r.number, always=True),
         *date_columns("date", Assessment, "date", lambda r: r.item.date),
         column(Assessment, "meeting", lambda r: r.item.meeting),
         column(Assessment, "resolution", lambda r: r.item.resolution),
         column(Assessment, "value", lambda r: r.item.value,
                meaning="The committee's judgement: a value of the council's assessment scale."),
         Column("value_label", "How the site shows that value.", describe(str), lambda r: labels.get(r.item.value),
                always=True),
         column(Assessment, "text", lambda r: r.item.text),
         column(Assessment, "outcome", lambda r: r.item.outcome),
         column(Assessment, "source", lambda r: r.item.source),
         column(Assessment, "note", lambda r: r.item.note),
         url(lambda r: site.url(r.holder) + ("" if isinstance(r.holder, DecisionPart) else "#assessments"))),
        lambda s: (Row(a, review, holder, number=n) for review, holder in _holders(s)
                   for n, a in enumerate(holder.assessments, start=1)))

    owners = Table(
        FOLDER + "owners.csv", "Owners",
        "One row per post or team that owns actions or gave an undertaking, with every spelling the sources use.",
        (column(Owner, "id", lambda r: r.item.id, "owner_id"),
         column(Owner, "name", lambda r: r.item.name),
         Column("aliases", "Every other spelling the sources use for this owner, exactly as written, separated by "
                "' | '. Each owner named in actions.csv and commitments.csv is one of these, the name or the id.",
                "text, items separated by ' | '", lambda r: " | ".join(r.item.aliases) or None),
         column(Owner, "directorate", lambda r: r.item.directorate),
         Column("items", "How many records that ask for action (recommendations, resolutions, decision parts, "
                "commitments) have an action this owner owns.", "a whole number",
                lambda r: len(site.items_of(r.item)), always=True),
         column(Owner, "note", lambda r: r.item.note),
         url(lambda r: site.url(r.item))),
        lambda s: (Row(o) for o in s.tracker.council.owners))

    call_in = lambda r: site.call_in(r.item)  # noqa: E731
    decisions = Table(
        FOLDER + "decisions.csv", "Decisions",
        "One row per formal decision, with its publication, when call-in ends and when it takes effect (as stated, "
        "or worked out from the council's call-in rule).",
        (Column("review_ids", "The reviews whose business the decision deals with, one per line.",
                "text, one item per line", lambda r: list(r.item.reviews)),
         column(Decision, "id", lambda r: r.item.id, "decision_id"),
         column(Decision, "title", lambda r: r.item.title),
         column(Decision, "decision_maker", lambda r: r.item.decision_maker),
         Column("decision_maker_id", "The committee that name resolves to: its short name (its page is "
                "committees/<id>/).", describe(str),
                lambda r: c.id if (c := site.committee(r.item.decision_maker)) else None),
         *date_columns("date_of_decision", Decision, "date_of_decision", lambda r: r.item.date_of_decision),
         column(Decision, "status", lambda r: r.item.status),
         column(Decision, "key_decision", lambda r: r.item.key_decision),
         column(Decision, "subject_to_call_in", lambda r: r.item.subject_to_call_in),
         *date_columns("publication_date", Decision, "publication_date", lambda r: r.item.publication_date),
         Column("call_in_applies", "'yes' where the decision can be called in: the notice says so, or (where it says "
                "nothing) the decision maker is the executive.", "yes or no",
                lambda r: _yes_no(call_in(r).applies), always=True),
         *chosen_date_columns("call_in_ends", "When the call-in period ends.",
                              lambda r: (r.item.call_in_ends, call_in(r).ends)),
         *chosen_date_columns("effective_from", "When the decision takes effect.",
                              lambda r: (r.item.effective_from, call_in(r).effective)),
         *date_columns("called_in", Decision, "called_in", lambda r: r.item.called_in),
         Column("parts", "The labels of the decision's lettered parts, one per line (each part's actions are rows "
                "of actions.csv; the committee's assessments of them, of assessments.csv).",
                "text, one item per line", lambda r: [p.label for p in r.item.parts]),
         column(Decision, "source", lambda r: r.item.source),
         column(Decision, "related", lambda r: r.item.related),
         column(Decision, "note", lambda r: r.item.note),
         url(lambda r: site.url(r.item))),
        lambda s: (Row(d) for d in s.tracker.council.decisions))

    return [recommendations, actions, due_changes, progress, resolutions, commitments, assessments, decisions, owners]


def csv_bytes(site: Site, table: Table) -> bytes:
    """A CSV file: UTF-8, a header row, one row per record, text verbatim (lists one item per line)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in table.columns)
    for row in table.rows(site):
        writer.writerow(_cell(c.get(row)) for c in table.columns)
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


# ----- the data dictionary -----


@dataclass(frozen=True)
class FieldDoc:
    """One row of the data dictionary: a field or a column."""

    name: str
    meaning: str
    type: str
    allowed: tuple[tuple[str, str], ...]
    always: bool
    see: str | None = None
    """The anchor of the record type this field holds, if any."""


@dataclass(frozen=True)
class Section:
    """One table of the data dictionary: a record type of the JSON, or a CSV file."""

    anchor: str
    title: str
    description: str
    entries: tuple[FieldDoc, ...]
    file: str | None = None


def dictionary(site: Site) -> dict[str, list[Section]]:
    """Every field of every download, from the model: {"json": [...], "csv": [...]}."""
    sections: list[Section] = []
    seen: set[type] = set()

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        found, nested = [], []
        for f in dataclasses.fields(cls):
            inner, optional = unwrap_optional(hints[f.name])
            item = get_args(inner)[0] if get_origin(inner) is list else inner
            see = None
            if dataclasses.is_dataclass(item):
                nested.append(item)
                see = _anchor(item)
                kind = f"a list of {_name(item)} records" if item is not inner else f"a {_name(item)} record"
            elif get_origin(inner) is Literal:
                kind = "text: one of the allowed values"
            else:
                kind = _TYPE_WORDS.get((cls, f.name)) or _JSON_TYPE_WORDS.get(inner) or describe(inner)
            allowed = tuple((a, "") for a in get_args(inner)) if get_origin(inner) is Literal else ()
            if (cls, f.name) == (Assessment, "value"):
                allowed = tuple((v.key, f"{v.label}: {v.meaning}") for v in site.tracker.site.assessment_scale)
            found.append(FieldDoc(f.name, f.metadata["doc"], kind, allowed, not optional, see))
        sections.append(Section(_anchor(cls), _name(cls), _first_line(cls), tuple(found),
                                JSON_FILE if cls is Download else None))
        for item in nested:
            visit(item)

    visit(Download)
    files = [Section(t.name.replace(".", "-"), t.name, t.description,
                     tuple(FieldDoc(c.name, c.meaning, c.type, c.allowed, c.always) for c in t.columns), t.path)
             for t in tables(site)]
    return {"json": sections, "csv": files}


def _anchor(cls: type) -> str:
    return "json-" + re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__).lower()


def _name(cls: type) -> str:
    return {"DateValue": "Date", "ProgressUpdate": "Progress update", "DueChange": "Due date change",
            "DecisionPart": "Decision part", "Site": "Site settings", "Term": "Abbreviation",
            "Download": "The whole download", "Council": "Council records", "DateInText": "Date in the text",
            "ReportBack": "Report-back", "ScaleValue": "Assessment scale value", "Clocks": "Clock settings",
            "Assessment": "Committee assessment"}.get(cls.__name__, cls.__name__)


def _first_line(cls: type) -> str:
    return (cls.__doc__ or "").strip().splitlines()[0]


# ----- the downloads page and its metadata -----


@dataclass(frozen=True)
class DownloadFile:
    """One file on the downloads page."""

    path: str
    title: str
    format: str
    media_type: str
    description: str


def catalogue(site: Site) -> list[DownloadFile]:
    """Every download, in the order the downloads page lists them."""
    files = [
        DownloadFile(JSON_FILE, "The whole record", "JSON", "application/json",
             "Every review and every record in it, and the council's committees, owners, meetings, decisions "
             "and source documents: every field, exactly as the site is built from. States its licence and "
             "'as at' date at the top."),
        DownloadFile(SCHEMA_FILE, "JSON Schema of the record", "JSON Schema", "application/schema+json",
             "Describes and validates the JSON file: every field, its meaning, its type and its allowed values."),
    ]
    for table in tables(site):
        count = sum(1 for _ in table.rows(site))
        files.append(DownloadFile(table.path, table.title, "CSV", "text/csv",
                                  f"{table.description} {count} row{'' if count == 1 else 's'}."))
    files += site.views.catalogue()
    files.append(DownloadFile(README_FILE, "About these files", "Text", "text/plain",
                      "The licence, the 'as at' date and how the CSV files are laid out."))
    return files


def feed_files(site: Site) -> list[DownloadFile]:
    """The Atom feeds: the whole site's, then one for each review."""
    found = [DownloadFile(feeds.SITE_FEED, "Everything", "Atom", "application/atom+xml",
                          f"The newest {feeds.SITE_FEED_SIZE} {feeds.WHAT}, from every review and the whole council, newest "
                          "first; older entries are on archive pages the feed links to.")]
    for review in site.tracker.reviews:
        found.append(DownloadFile(feeds.review_feed(review), review.title, "Atom", "application/atom+xml",
                                  f"This review's {feeds.WHAT}, newest first."))
    return found


def page_context(site: Site) -> dict:
    """What the downloads page template is given."""
    licence = site.tracker.site.licence
    return {"files": catalogue(site), "feeds": feed_files(site), "licence": licence,
            "licence_url": LICENCE_URLS.get(licence), "attribution": ATTRIBUTION.get(licence),
            "dataset": lambda page_url: dataset(site, page_url)}


def dataset(site: Site, page_url: str | None) -> Markup:
    """schema.org Dataset JSON-LD for the downloads page, safe inside <script>: JSON with < > & escaped."""
    tracker = site.tracker
    base = page_url or ""

    def address(path: str) -> str:
        from .pages import href  # pages imports this module

        relative = href(DOWNLOADS_PAGE, path)
        return urljoin(base, relative) if base else relative

    licence = tracker.site.licence
    days = [d for e in site.timeline for d in (e.date.parsed.earliest, e.date.parsed.latest) if d]  # type: ignore[union-attr]
    value = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": tracker.site.title,
        "description": f"What {tracker.site.council}'s scrutiny reviews recommended, how the council responded, "
                       "who owns each action and by when, and the progress, resolutions and decisions since: "
                       "transcribed word for word from the council's public documents.",
        **({"url": page_url} if page_url else {}),
        "license": LICENCE_URLS.get(licence, licence),
        "isAccessibleForFree": True,
        "inLanguage": "en-GB",
        "dateModified": site.as_at.isoformat(),
        **({"temporalCoverage": f"{min(days).isoformat()}/{max(days).isoformat()}"} if days else {}),
        "keywords": ["scrutiny", "council", "accountability", tracker.site.council,
                     *(review.title for review in tracker.reviews)],
        "isBasedOn": [{"@type": "CreativeWork", "name": source.title, **({"url": source.url} if source.url else {})}
                      for source in tracker.council.sources],
        "distribution": [{"@type": "DataDownload", "name": f.title, "description": f.description,
                          "encodingFormat": f.media_type, "contentUrl": address(f.path)}
                         for f in [*catalogue(site), *feed_files(site)]],
    }
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def readme(site: Site, site_url: str = "") -> str:
    """README.txt: what the files are, their licence and 'as at' date, and how the CSV files are laid out."""
    tracker = site.tracker.site
    licence = tracker.licence
    lines = [
        tracker.title,
        "=" * len(tracker.title),
        "",
        f"Council: {tracker.council}",
        f"As at: {site.as_at.isoformat()} (the day the statuses in these files were worked out for)",
        f"Licence: {licence}" + (f" <{LICENCE_URLS[licence]}>" if licence in LICENCE_URLS else ""),
    ]
    if licence in ATTRIBUTION:
        lines.append(f"Attribution: {ATTRIBUTION[licence]}")
    lines += ["", "Files", "-----", ""]
    for f in catalogue(site):
        lines.append(f"{f.path.rsplit('/', 1)[-1]}: {f.description}")
    lines += [
        "",
        "CSV files",
        "---------",
        "",
        "UTF-8, comma-separated, one header row, one row per record (RFC 4180 quoting; rows end CRLF).",
        "Text is verbatim, line breaks included. A list (success criteria, related ids) has one item per line of its cell;",
        "an owner's aliases, in owners.csv, are separated by ' | '.",
        "An empty cell means the source gives no value.",
        "Every date takes four columns: NAME_edtf (an EDTF date such as 2020-03, 2020-07/2020-09 or 2020-04~),",
        "NAME_precision (day, month, season, year, range, approximate or none), NAME_as_written (the source's own",
        "words) and NAME_note (how the date was worked out, where the source does not state it).",
        "A date the site can work out where no source states it (a response due date, the end of call-in, the day a",
        "decision takes effect) has a fifth column, NAME_basis: 'stated' or 'worked out'; a worked-out date has no",
        "words of its own, and its NAME_note gives the rule. A date a source states always wins.",
        "Actions, due date changes, progress updates and assessments name the record they belong to in belongs_to",
        "(recommendation, resolution, decision part or commitment) and record_id (with decision_part for a part).",
        "Officers' reported progress (progress_status) and the committee's own assessment (committee_assessment) are",
        "separate columns: one is never the other.",
        "",
        "The data dictionary lists every field and column: " + _absolute(site_url, "data-dictionary/"),
        "JSON Schema: " + _absolute(site_url, SCHEMA_FILE),
    ]
    return "\n".join(lines) + "\n"


def downloads(site: Site, site_url: str = "") -> dict[str, bytes]:
    """Site path -> file content for every download and feed."""
    files = {
        JSON_FILE: (json.dumps(record(site), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        SCHEMA_FILE: (json.dumps(json_schema(site_url), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
    for table in tables(site, site_url):
        files[table.path] = csv_bytes(site, table)
    files.update(site.views.csv_files(site_url))  # each list page's rows, as the page shows them
    files[README_FILE] = readme(site, site_url).encode("utf-8")
    everything = feeds.entries(site)  # worked out once: each review's feed is its share of them
    site_feeds = feeds.site_feeds(site, site_url, items=everything)
    files.update(site_feeds)
    shares = feeds.by_review(site, everything)
    for review in site.tracker.reviews:
        files[feeds.review_feed(review)] = feeds.atom(site, review, site_url, shares[review.id])
    feed_paths = [*site_feeds, *(feeds.review_feed(r) for r in site.tracker.reviews)]
    files[feeds.FEEDS_SITEMAP] = feeds.sitemap(feed_paths, site_url)
    return files


def _absolute(site_url: str, path: str) -> str:
    """A site path as an absolute address when the site's address is known, else as it is."""
    return urljoin(site_url.rstrip("/") + "/", path) if site_url else path
