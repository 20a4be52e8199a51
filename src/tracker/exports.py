"""Open data: the record as JSON (with a JSON Schema made from the model), as CSV, and its data dictionary.

Everything here is read from the model: the JSON is the dataclasses as plain
values, the schema and the data dictionary come from their type hints and
``doc`` metadata, and each CSV column names the model field it holds. The
JSON download loads back through ``load_plain`` into the same dataclasses.

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

from . import dates, feeds, status
from .model import (
    Action,
    DateValue,
    DueChange,
    Glossary,
    Meeting,
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
    reviews: list[Review] = doc("Every review, each with all its records.")


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
                        site=tracker.site, glossary=tracker.glossary, reviews=tracker.reviews)
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
                "properties": properties, "required": list(properties), "additionalProperties": False}

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

_TYPE_WORDS = {(DateValue, "edtf"): "an EDTF date", (Download, "as_at"): "a day (YYYY-MM-DD)",
               (SiteRecord, "as_at"): "a day (YYYY-MM-DD)"}
"""Where the data dictionary can say more than 'text'."""


# ----- CSV -----


@dataclass(frozen=True)
class Row:
    """Where a CSV row's record sits: its review and the records that hold it."""

    review: Review
    rec: Recommendation | None = None
    action: Action | None = None
    number: int = 0
    """The item's position in its list, from 1 (progress updates, due changes)."""
    item: Any = None


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


def column(cls: type, name: str, get: Callable[[Row], Any], title: str | None = None, *, always: bool | None = None) -> Column:
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
    return Column(title or name, f.metadata["doc"], kind, get, allowed, required if always is None else always)


def date_columns(prefix: str, cls: type, name: str, get: Callable[[Row], DateValue | None], meaning: str | None = None,
                 *, always: bool | None = None) -> tuple[Column, ...]:
    """Four columns for a date: the EDTF machine date, its precision, the source's wording and the note."""
    f, hint = _field(cls, name)
    about = meaning or f.metadata["doc"]
    present = (not unwrap_optional(hint)[1]) if always is None else always
    sub = {g.name: g.metadata["doc"] for g in dataclasses.fields(DateValue)}

    def part(attr: str) -> Callable[[Row], Any]:
        return lambda row: getattr(get(row), attr) if get(row) is not None else None

    return (
        Column(f"{prefix}_edtf", f"{about} {sub['edtf']}", "an EDTF date", part("edtf")),
        Column(f"{prefix}_precision", f"{about} How precisely the date is known, worked out from the EDTF date "
               "('none' where there is no machine date; empty where there is no date at all).", "text: one of the allowed values",
               part("precision"), tuple((p, "") for p in dates.PRECISIONS), present),
        Column(f"{prefix}_as_written", f"{about} {sub['as_written']}", describe(str), part("as_written")),
        Column(f"{prefix}_note", f"{about} {sub['note']}", describe(str), part("note")),
    )


def _statuses(statuses: dict[str, status.Status]) -> tuple[tuple[str, str], ...]:
    return tuple((s.key, f"{s.label}: {s.meaning}") for s in statuses.values())


def _url(site: Site, site_url: str) -> Callable[[Row], str]:
    def get(row: Row) -> str:
        target = row.item if isinstance(row.item, Resolution) else row.rec
        page = site.url(target)
        if isinstance(row.item, (ProgressUpdate, DueChange)) or (row.action is not None and row.item is row.action):
            page += f"#action-{row.action.id}"  # type: ignore[union-attr]
        return _absolute(site_url, page)

    return get


def tables(site: Site, site_url: str = "") -> list[Table]:
    """The CSV downloads: each column, what it means and where its value comes from."""
    url = Column("url", "The address of the record's page on this site.", "a web address", _url(site, site_url), always=True)
    review_id = column(Review, "id", lambda r: r.review.id, "review_id")
    rec_id = column(Recommendation, "id", lambda r: r.rec.id, "recommendation_id")
    action_id = column(Action, "id", lambda r: r.action.id, "action_id")
    response = lambda r: r.rec.response  # noqa: E731
    from_response = lambda name: lambda r: getattr(response(r), name) if response(r) else None  # noqa: E731
    held_by = ("The recommendation whose response holds this action: its number as the review writes it. "
               "Other recommendations that share the response are listed in 'answers'.")
    return [
        Table(FOLDER + "recommendations.csv", "Recommendations",
              "One row per recommendation, with its response and the statuses the site shows.",
              (review_id, rec_id,
               column(Recommendation, "heading", lambda r: r.rec.heading),
               column(Recommendation, "text", lambda r: r.rec.text),
               column(Recommendation, "addressed_to", lambda r: r.rec.addressed_to),
               column(Recommendation, "source", lambda r: r.rec.source),
               column(Recommendation, "shares_response_with", lambda r: r.rec.shares_response_with),
               column(Response, "title", from_response("title"), "response_title", always=False),
               column(Response, "decision", from_response("decision"), "response_decision"),
               column(Response, "text", from_response("text"), "response_text", always=False),
               column(Response, "source", from_response("source"), "response_source"),
               *date_columns("response_date", Response, "date", from_response("date")),
               Column("response_status", "The response badge the site shows, worked out from the response's decision "
                      "(following a shared response) and whom the recommendation is addressed to.",
                      "text: one of the allowed values", lambda r: site.response_status(r.rec).key,
                      _statuses(status.RESPONSES), True),
               Column("progress_status", f"The progress badge the site shows, worked out from the actions, their due "
                      f"dates and the progress recorded, as at {site.as_at.isoformat()}.",
                      "text: one of the allowed values", lambda r: site.progress(r.rec).status.key,
                      _statuses(status.PROGRESS), True),
               Column("progress_reason", "Why the progress badge is what it is, in words.", describe(str),
                      lambda r: site.progress(r.rec).reason, always=True),
               column(Recommendation, "related", lambda r: r.rec.related),
               column(Recommendation, "note", lambda r: r.rec.note),
               url),
              lambda s: (Row(review, rec) for review in s.tracker.reviews for rec in review.recommendations)),
        Table(FOLDER + "actions.csv", "Actions",
              "One row per action, with its original and current due dates and its status.",
              (review_id, Column("recommendation_id", held_by, describe(str), lambda r: r.rec.id, always=True),
               Column("answers", "Every recommendation this action answers: the one whose response holds it, and any "
                      "that share that response.", "text, one item per line",
                      lambda r: [r.rec.id, *(o.id for o in site.shared_with(r.rec))], always=True),
               action_id,
               column(Action, "description", lambda r: r.action.description),
               column(Action, "owner", lambda r: r.action.owner),
               *date_columns("due", Action, "due", lambda r: r.action.due),
               *date_columns("current_due", Action, "due", lambda r: r.action.current_due,
                             "The due date now in force: the last change's new date, or the original if it never moved."),
               Column("due_changes", "How many times the due date has moved (each change is a row of due-changes.csv).",
                      "a whole number", lambda r: len(r.action.due_changes), always=True),
               column(Action, "success_criteria", lambda r: r.action.success_criteria),
               Column("progress_updates", "How many progress updates are recorded (each is a row of progress-updates.csv).",
                      "a whole number", lambda r: len(r.action.progress), always=True),
               Column("status", f"The action's progress badge as at {site.as_at.isoformat()}.",
                      "text: one of the allowed values", lambda r: site.action_progress(r.action).status.key,
                      _statuses(status.PROGRESS), True),
               Column("status_reason", "Why the action's badge is what it is, in words.", describe(str),
                      lambda r: site.action_progress(r.action).reason, always=True),
               column(Action, "note", lambda r: r.action.note),
               url),
              lambda s: (Row(review, rec, action, n, action) for review in s.tracker.reviews for rec in review.recommendations
                         if rec.response for n, action in enumerate(rec.response.actions, start=1))),
        Table(FOLDER + "due-changes.csv", "Due date changes",
              "One row per change to an action's due date, oldest first.",
              (review_id, Column("recommendation_id", held_by, describe(str), lambda r: r.rec.id, always=True), action_id,
               Column("change_number", "The change's position in the action's list of changes, oldest first, from 1.",
                      "a whole number", lambda r: r.number, always=True),
               *date_columns("due", DueChange, "due", lambda r: r.item.due),
               *date_columns("changed", DueChange, "changed", lambda r: r.item.changed),
               column(DueChange, "reason", lambda r: r.item.reason),
               column(DueChange, "source", lambda r: r.item.source),
               url),
              lambda s: (Row(review, rec, action, n, change) for review, rec, action in _actions(s)
                         for n, change in enumerate(action.due_changes, start=1))),
        Table(FOLDER + "progress-updates.csv", "Progress updates",
              "One row per progress update, oldest first within each action.",
              (review_id, Column("recommendation_id", held_by, describe(str), lambda r: r.rec.id, always=True), action_id,
               Column("update_number", "The update's position in the action's list of progress, oldest first, from 1.",
                      "a whole number", lambda r: r.number, always=True),
               *date_columns("date", ProgressUpdate, "date", lambda r: r.item.date),
               column(ProgressUpdate, "text", lambda r: r.item.text),
               column(ProgressUpdate, "state", lambda r: r.item.state),
               column(ProgressUpdate, "source", lambda r: r.item.source),
               column(ProgressUpdate, "note", lambda r: r.item.note),
               url),
              lambda s: (Row(review, rec, action, n, update) for review, rec, action in _actions(s)
                         for n, update in enumerate(action.progress, start=1))),
        Table(FOLDER + "resolutions.csv", "Resolutions",
              "One row per committee resolution, with the date of the meeting that passed it.",
              (review_id, column(Resolution, "id", lambda r: r.item.id, "resolution_id"),
               column(Resolution, "meeting", lambda r: r.item.meeting),
               *date_columns("meeting_date", Meeting, "date", lambda r: _meeting(r).date if _meeting(r) else None),
               column(Resolution, "text", lambda r: r.item.text),
               column(Resolution, "source", lambda r: r.item.source),
               column(Resolution, "related", lambda r: r.item.related),
               column(Resolution, "note", lambda r: r.item.note),
               url),
              lambda s: (Row(review, item=resolution) for review in s.tracker.reviews for resolution in review.resolutions)),
    ]


def _actions(site: Site) -> Iterable[tuple[Review, Recommendation, Action]]:
    for review in site.tracker.reviews:
        for rec in review.recommendations:
            for action in rec.response.actions if rec.response else []:
                yield review, rec, action


def _meeting(row: Row) -> Meeting | None:
    return next((m for m in row.review.meetings if m.id == row.item.meeting), None)


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
                kind = _TYPE_WORDS.get((cls, f.name)) or describe(inner)
            allowed = tuple((a, "") for a in get_args(inner)) if get_origin(inner) is Literal else ()
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
            "Download": "The whole download"}.get(cls.__name__, cls.__name__)


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
             "Every review and every record in it, every field, exactly as the site is built from. "
             "States its licence and 'as at' date at the top."),
        DownloadFile(SCHEMA_FILE, "JSON Schema of the record", "JSON Schema", "application/schema+json",
             "Describes and validates the JSON file: every field, its meaning, its type and its allowed values."),
    ]
    for table in tables(site):
        count = sum(1 for _ in table.rows(site))
        files.append(DownloadFile(table.path, table.title, "CSV", "text/csv",
                                  f"{table.description} {count} row{'' if count == 1 else 's'}."))
    files.append(DownloadFile(README_FILE, "About these files", "Text", "text/plain",
                      "The licence, the 'as at' date and how the CSV files are laid out."))
    return files


def feed_files(site: Site) -> list[DownloadFile]:
    """The Atom feeds: the whole site's, then one for each review."""
    found = [DownloadFile(feeds.SITE_FEED, "Every review", "Atom", "application/atom+xml",
                  "Progress updates, responses, resolutions and decisions from every review, newest first.")]
    for review in site.tracker.reviews:
        found.append(DownloadFile(feeds.review_feed(review), review.title, "Atom", "application/atom+xml",
                          "This review's progress updates, responses, resolutions and decisions, newest first."))
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
                      for review in tracker.reviews for source in review.sources],
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
        "Text is verbatim, line breaks included. A list (success criteria, related ids) has one item per line of its cell.",
        "An empty cell means the source gives no value.",
        "Every date takes four columns: NAME_edtf (an EDTF date such as 2020-03, 2020-07/2020-09 or 2020-04~),",
        "NAME_precision (day, month, year, range, approximate or none), NAME_as_written (the source's own",
        "words) and NAME_note (how the date was worked out, where the source does not state it).",
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
    files[README_FILE] = readme(site, site_url).encode("utf-8")
    files[feeds.SITE_FEED] = feeds.atom(site, None, site_url)
    for review in site.tracker.reviews:
        files[feeds.review_feed(review)] = feeds.atom(site, review, site_url)
    feed_paths = [feeds.SITE_FEED, *(feeds.review_feed(r) for r in site.tracker.reviews)]
    files[feeds.FEEDS_SITEMAP] = feeds.sitemap(feed_paths, site_url)
    return files


def _absolute(site_url: str, path: str) -> str:
    """A site path as an absolute address when the site's address is known, else as it is."""
    return urljoin(site_url.rstrip("/") + "/", path) if site_url else path
