"""The open data downloads, read back with independent readers.

The files are made once from the real data (``published``), as the build
makes them, and read as a re-user would: ``json`` and ``jsonschema`` for the
JSON and its schema, ``csv`` for the CSV files. The pages that list them (the
downloads page with its schema.org JSON-LD, read with ``pyld``, and the data
dictionary) are read from the real site, built once (``built_site``).

The round trip is tested on the real data, a fixture, and a synthetic record
in which every field of every record type holds a value somewhere, so loading
the JSON back and getting equal records shows that no field is lost.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import html
import io
import json
import re
import typing
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from tracker import clocks, exports, model, synthetic
from tracker.build import Build
from tracker.load import load, load_plain
from tracker.pages import Site
from tracker.validate import unwrap_optional

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "two-reviews"
SAMPLE = Path(__file__).parent / "fixtures" / "data"
TEMPLATES = ROOT / "overrides" / "records"
SITE_URL = "https://example.org/tracker/"
CSV_FILES = ["recommendations.csv", "actions.csv", "due-changes.csv", "progress-updates.csv", "resolutions.csv",
             "commitments.csv", "assessments.csv", "decisions.csv", "owners.csv"]


def read_csv(files: dict[str, bytes], name: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = files["downloads/" + name]
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: the header's first name must read cleanly"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True)
    rows = list(reader)
    for row in rows:
        assert None not in row and None not in row.values(), f"{name}: a row has the wrong number of cells"
    return list(reader.fieldnames or []), rows


def site_path(url: str) -> str:
    """A link in a download, as a path inside the built site (absolute or site-relative)."""
    return urlsplit(url).path.lstrip("/") if "://" in url else url


def model_types(root: type = exports.Download) -> list[type]:
    """Every record type the JSON download holds, found from the type hints."""
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in found:
            return
        found.append(cls)
        for hint in typing.get_type_hints(cls).values():
            inner, _ = unwrap_optional(hint)
            item = typing.get_args(inner)[0] if typing.get_origin(inner) is list else inner
            if dataclasses.is_dataclass(item):
                visit(item)

    visit(root)
    return found


def unset_fields(value: object) -> set[tuple[str, str]]:
    """(type, field) for every field of every record type that holds only its default in ``value``."""
    given: set[tuple[str, str]] = set()

    def walk(item: object) -> None:
        if isinstance(item, list):
            for each in item:
                walk(each)
            return
        if not dataclasses.is_dataclass(item):
            return
        for f in dataclasses.fields(item):
            held = getattr(item, f.name)
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default  # type: ignore[misc]
            if held != default:
                given.add((type(item).__name__, f.name))
            walk(held)

    walk(value)
    every = {(cls.__name__, f.name) for cls in model_types(model.Tracker) for f in dataclasses.fields(cls)}
    return every - given


@pytest.fixture(scope="module")
def real():
    return Build.prepare(ROOT / "data", TEMPLATES, SITE_URL).site


@pytest.fixture(scope="module")
def published(real):
    return exports.downloads(real, SITE_URL)


@pytest.fixture(scope="module")
def record(published):
    return json.loads(published[exports.JSON_FILE])


@pytest.fixture(scope="module")
def schema(published):
    return json.loads(published[exports.SCHEMA_FILE])


@pytest.fixture(scope="module")
def fixture_site():
    return Build.prepare(FIXTURE, TEMPLATES, "https://example.org/t/").site


@pytest.fixture(scope="module")
def sample_site():
    return Build.prepare(SAMPLE, TEMPLATES, "https://example.org/t/").site


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    """A synthetic record in which every field of every record type holds a value somewhere, with a council
    scale of its own (the generator uses the default one)."""
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.generate(folder, reviews=6, recommendations=150, seed=3)
    loaded = load(folder)
    scale = [dataclasses.replace(v, label=v.label.upper(), meaning=v.meaning + " (Exampleshire's words.)")
             for v in loaded.tracker.site.assessment_scale]
    site = dataclasses.replace(loaded.tracker.site, assessment_scale=scale)
    return Site(dataclasses.replace(loaded, tracker=dataclasses.replace(loaded.tracker, site=site)))


def validator(schema: dict) -> jsonschema.Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


# ----- JSON and its schema -----


def test_json_is_valid_against_the_published_schema(record, schema, synthetic_site):
    for value in (record, json.loads(exports.downloads(synthetic_site)[exports.JSON_FILE])):
        errors = sorted(validator(schema).iter_errors(value), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_json_states_its_licence_and_as_at_date(record, real):
    assert record["licence"] == "Open Government Licence v3.0" == real.tracker.site.licence
    assert record["licence_url"].startswith("https://www.nationalarchives.gov.uk/doc/open-government-licence/")
    assert record["as_at"] == real.as_at.isoformat()


def test_json_holds_the_whole_model(record, real):
    """Site (with its clocks and scale), glossary, the council's records and every review's records."""
    assert list(record) == [f.name for f in dataclasses.fields(exports.Download)]
    assert set(record["site"]["clocks"]) == {f.name for f in dataclasses.fields(model.Clocks)}
    assert [v["key"] for v in record["site"]["assessment_scale"]] == [v.key for v in real.tracker.site.assessment_scale]
    council = real.tracker.council
    for attr in ("committees", "owners", "meetings", "decisions", "sources"):
        assert [r["id"] for r in record["council"][attr]] == [r.id for r in getattr(council, attr)], attr
    for plain, review in zip(record["reviews"], real.tracker.reviews, strict=True):
        for attr in ("recommendations", "resolutions", "commitments", "events"):
            assert [r["id"] for r in plain[attr]] == [r.id for r in getattr(review, attr)], attr


@pytest.mark.parametrize("which", ["real", "fixture", "sample"])
def test_json_round_trip_is_lossless(which, real, fixture_site, sample_site):
    site = {"real": real, "fixture": fixture_site, "sample": sample_site}[which]
    again = load_plain(json.loads(exports.downloads(site, SITE_URL)[exports.JSON_FILE]))
    assert again == site.tracker


def test_round_trip_keeps_every_field_of_every_record_type(synthetic_site):
    """Every field of every record type holds a value (not its default) somewhere in this record, so the
    round trip giving equal records shows that no field is dropped, renamed or changed on the way."""
    tracker = synthetic_site.tracker
    assert unset_fields(tracker) == set(), "the synthetic record leaves these fields unexercised"
    text = exports.downloads(synthetic_site)[exports.JSON_FILE]
    again = load_plain(json.loads(text))
    assert again == tracker
    # And back out again, byte for byte.
    assert exports.downloads(Site(dataclasses.replace(synthetic_site.loaded, tracker=again)))[exports.JSON_FILE] == text


def test_round_trip_keeps_moved_deadlines_dated_updates_and_types(fixture_site):
    tracker = fixture_site.tracker
    again = load_plain(json.loads(exports.downloads(fixture_site)[exports.JSON_FILE]))
    assert again == tracker
    action = again.reviews[0].recommendations[0].response.actions[0]
    assert action.due_changes and action.progress[0].date.edtf == "2021-02-01"
    assert again.site.clocks.response_period.months == 2 and again.site.clocks.call_in_period.working_days == 5


def test_schema_is_generated_from_the_model(schema):
    assert schema == exports.json_schema(SITE_URL)
    definitions = schema["$defs"]
    types = model_types()
    assert set(definitions) == {cls.__name__ for cls in types[1:]}
    for cls in types[1:]:
        properties = definitions[cls.__name__]["properties"]
        assert list(properties) == [f.name for f in dataclasses.fields(cls)], cls
        for f in dataclasses.fields(cls):
            assert properties[f.name]["description"] == f.metadata["doc"]
    assert definitions["Response"]["properties"]["decision"]["enum"] == [*typing.get_args(model.ResponseDecision), None]
    assert definitions["Assessment"]["properties"]["outcome"]["enum"] == [*typing.get_args(model.Outcome), None]
    assert definitions["Committee"]["properties"]["executive"]["type"] == "boolean"
    assert definitions["Period"]["properties"]["months"]["type"] == ["integer", "null"]
    assert definitions["Clocks"]["properties"]["nation"]["enum"] == list(
        typing.get_args(typing.get_type_hints(model.Clocks)["nation"]))
    assert schema["properties"]["council"] == {"description": exports.Download.__dataclass_fields__["council"].metadata["doc"],
                                              "$ref": "#/$defs/Council"}


def _rec(r):
    return r["reviews"][0]["recommendations"][0]


@pytest.mark.parametrize("change, where", [
    (lambda r: _rec(r)["response"].update(decision="maybe"), "decision"),
    (lambda r: _rec(r).update(colour="red"), "unknown field"),
    (lambda r: r["reviews"][0]["resolutions"][0].update(text="   "), "blank text"),
    (lambda r: r["reviews"][0]["date"].update(edtf="December 2019"), "edtf"),
    (lambda r: r["reviews"][0]["date"].update(as_written=None, edtf=None), "a date with neither words nor EDTF"),
    (lambda r: _rec(r).update(id="i ii"), "id"),
    (lambda r: _rec(r).pop("note"), "missing field"),
    (lambda r: _rec(r).update(shares_response_with="ii"), "a response and a shared one"),
    (lambda r: r.update(as_at="yesterday"), "as_at"),
    (lambda r: r["council"]["committees"][0].update(executive="yes"), "yes or no is true or false"),
    (lambda r: r["site"]["clocks"]["response_period"].update(weeks=8), "a period of two units"),
    (lambda r: r["site"]["clocks"]["call_in_period"].update(working_days="5"), "a number as text"),
    (lambda r: r["site"]["clocks"].update(nation="mercia"), "nation"),
    (lambda r: r["council"]["owners"][0].update(aliases="ADED&S"), "aliases are a list"),
    (lambda r: r["council"].pop("meetings"), "missing council folder"),
])
def test_schema_rejects_what_the_loader_would(record, schema, change, where):
    broken = copy.deepcopy(record)
    change(broken)
    assert list(validator(schema).iter_errors(broken)), where


# ----- CSV -----


def holders(site: Site) -> list[tuple[model.Review | None, object]]:
    """Every record that asks for action, in the order the files list them."""
    found = [(review, item) for review in site.tracker.reviews
             for attr in ("recommendations", "resolutions", "commitments") for item in getattr(review, attr)]
    return found + [(None, part) for d in site.tracker.council.decisions for part in d.parts]


def own_actions(site: Site, item: object) -> list[model.Action]:
    if isinstance(item, model.Commitment):
        return site.follow_up(item).actions
    if isinstance(item, model.DecisionPart):
        return item.actions
    return item.response.actions if item.response else []  # type: ignore[attr-defined]


def test_csv_files_have_one_header_row_and_one_row_per_record(published, real):
    tracker = real.tracker
    actions = [a for _, item in holders(real) for a in own_actions(real, item)]
    expected = {
        "recommendations.csv": sum(len(r.recommendations) for r in tracker.reviews),
        "actions.csv": len(actions),
        "due-changes.csv": sum(len(a.due_changes) for a in actions),
        "progress-updates.csv": sum(len(a.progress) for a in actions),
        "resolutions.csv": sum(len(r.resolutions) for r in tracker.reviews),
        "commitments.csv": sum(len(r.commitments) for r in tracker.reviews),
        "assessments.csv": sum(len(item.assessments) for _, item in holders(real)),
        "decisions.csv": len(tracker.council.decisions),
        "owners.csv": len(tracker.council.owners),
    }
    tables = exports.tables(real)
    assert [t.name for t in tables] == CSV_FILES
    for table in tables:
        header, rows = read_csv(published, table.name)
        assert header == [c.name for c in table.columns], table.name
        assert len(header) == len(set(header)), table.name
        assert len(rows) == expected[table.name], table.name


def test_every_file_has_a_row_for_every_kind_of_record_in_the_synthetic_data(synthetic_site):
    files = exports.downloads(synthetic_site)
    for name in ("actions.csv", "progress-updates.csv", "assessments.csv"):
        _, rows = read_csv(files, name)
        assert {row["belongs_to"] for row in rows} == {"recommendation", "resolution", "decision part", "commitment"}, name
    _, rows = read_csv(files, "due-changes.csv")
    assert len({row["belongs_to"] for row in rows}) >= 3


def test_every_recommendation_appears_with_its_response_and_how_it_stands(published, real):
    _, rows = read_csv(published, "recommendations.csv")
    recs = [(review, rec) for review in real.tracker.reviews for rec in review.recommendations]
    assert [(row["review_id"], row["recommendation_id"]) for row in rows] == [(v.id, r.id) for v, r in recs]
    for row, (review, rec) in zip(rows, recs):
        follow = real.follow_up(rec)
        assert row["text"] == rec.text  # verbatim, line breaks and all
        assert row["addressed_to"] == rec.addressed_to
        if rec.response:
            assert row["response_text"] == (rec.response.text or "")
            assert row["response_decision"] == (rec.response.decision or "")
        else:
            assert row["shares_response_with"] == rec.shares_response_with and row["response_text"] == ""
        # Derived columns are the site's own follow-up, not worked out again here.
        assert row["response_status"] == follow.response_status.key
        assert (row["progress_status"], row["progress_reason"]) == (follow.progress.status.key, follow.progress.reason)
        assert row["owner_ids"].split("\n") == ([o.id for o in follow.owners] or [""])
        assert row["owner_names"].split("\n") == ([o.name for o in follow.owners] or [""])
        assert row["response_clock"] == follow.clock.key
        assert row["committee_assessment"] == (follow.assessment.value if follow.assessment else "")
        assert row["committee_outcome"] == (follow.closed or "")
        assert row["latest_information_edtf"] == (follow.latest.date.edtf if follow.latest else "")
        assert row["latest_information_what"] == (follow.latest.what if follow.latest else "")
        assert row["not_updated"] == ("yes" if follow.stale else "no")
        assert row["url"] == SITE_URL + real.url(rec)


def test_a_response_due_date_says_whether_it_is_stated_or_worked_out(real, sample_site):
    _, rows = read_csv(exports.downloads(real, SITE_URL), "recommendations.csv")
    for row, rec in zip(rows, [r for review in real.tracker.reviews for r in review.recommendations]):
        clock = real.follow_up(rec).clock
        if clock.key == "not-required":
            assert row["response_due_basis"] == row["response_due_edtf"] == ""
        elif clock.due is not None:
            assert (row["response_due_basis"], row["response_due_edtf"]) == ("stated", clock.due.edtf)
        else:
            assert (row["response_due_basis"], row["response_due_edtf"]) == ("worked out", clock.computed.edtf())
            assert row["response_due_as_written"] == ""  # a worked-out date has no words of its own
            assert row["response_due_note"] == f"Worked out: {clock.computed.rule}."
    # A review whose source states the date: the stated date wins.
    _, rows = read_csv(exports.downloads(sample_site), "recommendations.csv")
    row = next(r for r in rows if r["review_id"] == "sample-review-2020" and r["addressed_to"] == "executive")
    assert (row["response_due_basis"], row["response_due_edtf"], row["response_due_as_written"]) == (
        "stated", "2020-06-01", "1 June 2020")


def test_every_action_appears_with_its_owner_and_dates_at_their_precision(published, real):
    _, rows = read_csv(published, "actions.csv")
    expected = [(review, item, action) for review, item in holders(real) for action in own_actions(real, item)]
    assert len(rows) == len(expected)
    for row, (review, item, action) in zip(rows, expected):
        kind = real.follow_up(item).kind
        assert row["belongs_to"] == exports.KINDS[kind][0]
        if isinstance(item, model.DecisionPart):
            decision = real.record.decision_of(item)
            assert (row["record_id"], row["decision_part"]) == (decision.id, item.label)
            assert row["review_id"].split("\n") == (decision.reviews or [""])
        else:
            assert (row["review_id"], row["record_id"], row["decision_part"]) == (review.id, item.id, "")
        assert row["action_id"] == action.id
        assert row["description"] == action.description
        assert row["owner"] == (action.owner or "")  # verbatim, as the source spells it
        owner = real.owner(action.owner)
        assert (row["owner_id"], row["owner_name"]) == ((owner.id, owner.name) if owner else ("", ""))
        assert row["success_criteria"].split("\n") == (action.success_criteria or [""])
        due = action.due
        assert row["due_edtf"] == (due.edtf or "" if due else "")
        assert row["due_precision"] == (due.precision if due else "")
        assert row["due_as_written"] == (due.as_written or "" if due else "")
        assert row["due_note"] == (due.note or "" if due else "")
        assert row["progress_updates"] == str(len(action.progress))
        assert row["status"] == real.action_progress(action).status.key
    # i, ii and iii share one response: its action says so.
    first = next(row for row in rows if row["belongs_to"] == "recommendation" and row["record_id"] == "i")
    assert first["answers"].split("\n") == ["i", "ii", "iii"]
    # A condition, not a date: no machine date, the source's words kept.
    assert any(row["due_edtf"] == "" and row["due_precision"] == "none" and row["due_as_written"] for row in rows)
    # Every owner an action names resolves to an owner record.
    assert all(row["owner_id"] for row in rows if row["owner"])
    assert {row["belongs_to"] for row in rows} >= {"recommendation", "commitment"}


def test_every_progress_update_appears_with_its_evidence(published, real):
    _, rows = read_csv(published, "progress-updates.csv")
    expected = [(item, action, n, update) for _, item in holders(real) for action in own_actions(real, item)
                for n, update in enumerate(action.progress, start=1)]
    assert len(rows) == len(expected)
    for row, (item, action, n, update) in zip(rows, expected):
        assert (row["action_id"], row["update_number"]) == (action.id, str(n))
        assert row["text"] == update.text
        assert row["state"] == (update.state or "")
        assert row["date_edtf"] == (update.date.edtf or "" if update.date else "")
        assert row["date_precision"] == (update.date.precision if update.date else "")
        records = [e.record + (f", part {e.part}" if e.part else "") for e in update.evidence]
        assert row["evidence_records"].split("\n") == (records or [""])
        assert len(row["evidence_urls"].split("\n")) == max(1, len(update.evidence))
        for e in update.evidence:
            if e.quote:
                assert e.quote.strip() in row["evidence_quotes"]
    assert any(row["evidence_records"] for row in rows), "the real record has progress shown by other records"
    with_evidence = next(row for row in rows if row["evidence_records"])
    assert with_evidence["evidence_urls"].startswith(SITE_URL)


def test_every_resolution_appears_with_its_meeting_date_and_response(published, real):
    _, rows = read_csv(published, "resolutions.csv")
    resolutions = [r for review in real.tracker.reviews for r in review.resolutions]
    assert [row["resolution_id"] for row in rows] == [r.id for r in resolutions]
    for row, resolution in zip(rows, resolutions):
        follow = real.follow_up(resolution)
        assert row["text"] == resolution.text and row["meeting"] == resolution.meeting
        meeting_date = real.meeting(resolution.meeting).date
        assert (row["meeting_date_edtf"], row["meeting_date_precision"]) == (meeting_date.edtf, meeting_date.precision)
        assert row["meeting_date_note"] == (meeting_date.note or "")
        assert row["addressed_to"] == (resolution.addressed_to or "")
        response = resolution.response
        assert row["response_note"] == (response.note or "" if response else "")
        assert row["response_status"] == (follow.response_status.key if follow.response_status else "")
        assert row["progress_status"] == follow.progress.status.key
        if response and response.approved_in:
            assert row["response_approved_in"].startswith(response.approved_in.record)


def test_commitments_and_assessments_have_their_own_files(sample_site):
    files = exports.downloads(sample_site, "https://example.org/t/")
    _, rows = read_csv(files, "commitments.csv")
    (row,) = rows
    commitment = sample_site.tracker.reviews[0].commitments[0]
    follow = sample_site.follow_up(commitment)
    assert (row["commitment_id"], row["given_by"], row["meeting"]) == (commitment.id, "FT", "sample-meeting")
    owner = sample_site.owner("FT")
    assert (row["given_by_owner_id"], row["given_by_owner_name"]) == (owner.id, owner.name)
    assert (row["due_edtf"], row["due_precision"]) == ("2021-09", "month")
    assert (row["meeting_date_edtf"], row["meeting_date_as_written"]) == ("2021-05-04", "4 May 2021")
    assert row["progress_status"] == follow.progress.status.key
    assert row["url"] == "https://example.org/t/" + sample_site.url(commitment)
    _, rows = read_csv(files, "assessments.csv")
    expected = [(item, n, a) for _, item in holders(sample_site) for n, a in enumerate(item.assessments, start=1)]
    assert len(rows) == len(expected) > 0
    labels = {v.key: v.label for v in sample_site.tracker.site.assessment_scale}
    for row, (item, n, assessment) in zip(rows, expected):
        assert row["assessment_number"] == str(n)
        assert (row["value"], row["value_label"]) == (assessment.value, labels[assessment.value])
        assert row["outcome"] == (assessment.outcome or "")
        assert (row["date_edtf"], row["meeting"]) == (assessment.date.edtf, assessment.meeting)


def test_decisions_say_when_call_in_ends_and_the_decision_takes_effect(published, real):
    _, rows = read_csv(published, "decisions.csv")
    decisions = real.tracker.council.decisions
    assert [row["decision_id"] for row in rows] == [d.id for d in decisions]
    for row, decision in zip(rows, decisions):
        call_in = clocks.call_in(decision, real.rules, real.committee(decision.decision_maker))
        assert row["call_in_applies"] == ("yes" if call_in.applies else "no")
        assert row["review_ids"].split("\n") == (decision.reviews or [""])
        assert row["publication_date_edtf"] == (decision.publication_date.edtf if decision.publication_date else "")
        for name, stated, computed in (("call_in_ends", decision.call_in_ends, call_in.ends),
                                       ("effective_from", decision.effective_from, call_in.effective)):
            if stated is not None:  # a date the notice states always wins
                assert (row[f"{name}_basis"], row[f"{name}_edtf"], row[f"{name}_as_written"]) == (
                    "stated", stated.edtf or "", stated.as_written or "")
            elif computed is not None:
                assert (row[f"{name}_basis"], row[f"{name}_edtf"]) == ("worked out", computed.edtf())
                assert row[f"{name}_note"] == f"Worked out: {computed.rule}."
            else:
                assert row[f"{name}_basis"] == row[f"{name}_edtf"] == ""
        assert row["parts"].split("\n") == ([p.label for p in decision.parts] or [""])


def test_owners_list_every_spelling(published, real):
    _, rows = read_csv(published, "owners.csv")
    owners = real.tracker.council.owners
    assert [row["owner_id"] for row in rows] == [o.id for o in owners]
    for row, owner in zip(rows, owners):
        assert row["name"] == owner.name
        assert row["aliases"] == " | ".join(owner.aliases)
        assert row["directorate"] == (owner.directorate or "")
        assert row["items"] == str(len(real.items_of(owner)))
    assert any(" | " in row["aliases"] for row in rows) or all(len(o.aliases) < 2 for o in owners)


def test_due_changes_are_their_own_rows(fixture_site):
    files = exports.downloads(fixture_site, "https://example.org/t/")
    _, rows = read_csv(files, "due-changes.csv")
    assert len(rows) == 1
    row = rows[0]
    assert (row["review_id"], row["belongs_to"], row["record_id"], row["action_id"], row["change_number"]) == (
        "alpha", "recommendation", "i", "1", "1")
    assert (row["due_edtf"], row["due_precision"], row["due_as_written"]) == ("2021-09", "month", "End of September 2021")
    assert (row["changed_edtf"], row["changed_precision"]) == ("2021-03-01", "day")
    assert row["reason"] == "The thing needed a consultation first."
    assert row["url"] == "https://example.org/t/reviews/alpha/recommendations/i/#action-1"
    _, actions = read_csv(files, "actions.csv")
    moved = next(a for a in actions if a["review_id"] == "alpha" and a["record_id"] == "i")
    assert (moved["due_edtf"], moved["current_due_edtf"], moved["due_changes"]) == ("2021-03", "2021-09", "1")


def test_readme_states_licence_as_at_and_layout(published, record):
    text = published[exports.README_FILE].decode("utf-8")
    assert f"As at: {record['as_at']}" in text
    assert "Licence: Open Government Licence v3.0" in text
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in text
    for name in CSV_FILES + ["tracker.json", "tracker.schema.json"]:
        assert f"{name}: " in text


# ----- the data dictionary -----


def test_data_dictionary_documents_every_record_type_and_column(real):
    dictionary = exports.dictionary(real)
    sections = {s.anchor: s for s in dictionary["json"]}
    for cls in model_types():
        section = sections[exports._anchor(cls)]
        assert [e.name for e in section.entries] == [f.name for f in dataclasses.fields(cls)], cls
        assert [e.meaning for e in section.entries] == [f.metadata["doc"] for f in dataclasses.fields(cls)], cls
        for entry in section.entries:
            if entry.see:
                assert entry.see in sections, (cls, entry.name)
    executive = next(e for e in sections["json-committee"].entries if e.name == "executive")
    assert executive.type == "true or false"
    value = next(e for e in sections["json-assessment"].entries if e.name == "value")
    assert [k for k, _ in value.allowed] == [v.key for v in real.tracker.site.assessment_scale]
    files = {s.file: s for s in dictionary["csv"]}
    for table in exports.tables(real):
        assert [e.name for e in files[table.path].entries] == [c.name for c in table.columns]
        for entry in files[table.path].entries:
            assert entry.meaning and entry.type, (table.name, entry.name)


# ----- the built site: the files, the downloads page, its JSON-LD, and the data dictionary page -----


def page(site_dir: Path, url: str) -> str:
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


def words(raw: str) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def test_the_build_publishes_every_download(built_site, loaded):
    site_url = json.loads((built_site / exports.SCHEMA_FILE).read_text())["$id"].rsplit("downloads/", 1)[0]
    site = Site(loaded)
    expected = exports.downloads(site, site_url)
    for path, content in expected.items():
        built = (built_site / path).read_bytes()
        if date.today() == loaded.as_at:  # the build ran a moment ago: equal unless midnight came in between
            assert built == content, path


def test_downloads_page_links_every_file_and_states_licence_and_as_at(built_site, loaded):
    raw = page(built_site, "downloads")
    for name in CSV_FILES + ["tracker.json", "tracker.schema.json", "README.txt"]:
        assert f'href="{name}"' in raw
        assert (built_site / "downloads" / name).is_file()
    assert 'href="../feeds/all.xml"' in raw and 'href="../feeds/peer-on-peer-abuse-2019.xml"' in raw
    text = words(raw)
    assert "Open Government Licence v3.0" in text
    record = json.loads((built_site / exports.JSON_FILE).read_text())
    assert f'<time datetime="{record["as_at"]}">' in raw


def jsonld_blocks(raw: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, flags=re.S)


def test_downloads_page_describes_a_schema_org_dataset(built_site):
    from pyld import jsonld

    record = json.loads((built_site / exports.JSON_FILE).read_text())
    (block,) = jsonld_blocks(page(built_site, "downloads"))
    assert "<" not in block and ">" not in block  # data, not markup: nothing in it can close the script
    data = json.loads(block)

    # Offline: the schema.org context is stood in for by its vocabulary alone.
    def loader(url, options=None):
        assert url.rstrip("/") == "https://schema.org", url
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}

    (dataset,) = jsonld.expand(data, {"documentLoader": loader})
    vocab = "https://schema.org/"
    assert dataset["@type"] == [vocab + "Dataset"]
    assert dataset[vocab + "license"][0]["@value"] == record["licence_url"]
    assert dataset[vocab + "dateModified"][0]["@value"] == record["as_at"]
    assert len(dataset[vocab + "description"][0]["@value"]) >= 50
    assert len(dataset[vocab + "isBasedOn"]) == len(record["council"]["sources"])
    downloads = dataset[vocab + "distribution"]
    assert all(d["@type"] == [vocab + "DataDownload"] for d in downloads)
    urls = [d[vocab + "contentUrl"][0]["@value"] for d in downloads]
    formats = {d[vocab + "encodingFormat"][0]["@value"] for d in downloads}
    assert {"application/json", "text/csv", "application/atom+xml"} <= formats
    for url in urls:
        assert url.startswith(("http://", "https://")), url
        assert (built_site / site_path(url)).is_file(), url
    assert {site_path(u) for u in urls} >= {f"downloads/{n}" for n in CSV_FILES + ["tracker.json"]}


def test_data_dictionary_page_lists_every_field_and_column(built_site):
    # A line may break after "_" in a long field name (<wbr>); a reader still sees the name whole.
    raw = page(built_site, "data-dictionary").replace("<wbr>", "")
    for cls in model_types():
        anchor = exports._anchor(cls)
        section = raw.split(f'id="{anchor}"', 1)[1].split("</table>", 1)[0]
        for f in dataclasses.fields(cls):
            assert f"<code>{f.name}</code>" in section, (cls.__name__, f.name)
            assert f.metadata["doc"] in html.unescape(section), (cls.__name__, f.name)
    for name in CSV_FILES:
        header = next(csv.reader(io.StringIO((built_site / "downloads" / name).read_bytes().decode("utf-8"))))
        section = raw.split(f'id="{name.replace(".", "-")}"', 1)[1].split("</table>", 1)[0]
        for column in header:
            assert f"<code>{column}</code>" in section, (name, column)
    for value in (typing.get_args(model.ResponseDecision) + typing.get_args(model.ProgressState)
                  + typing.get_args(model.Outcome)):
        assert f"<code>{value}</code>" in raw
    for derived in ("past-due", "response-overdue", "worked out"):  # derived values are documented too
        assert f"<code>{derived}</code>" in raw


def test_downloads_are_in_the_navigation(built_site):
    home = page(built_site, "")
    assert 'href="downloads/"' in home and 'href="data-dictionary/"' in home


@pytest.mark.parametrize("url, downloads, feed", [
    ("reviews/peer-on-peer-abuse-2019", "../../downloads/", "../../feeds/peer-on-peer-abuse-2019.xml"),
    ("reviews/peer-on-peer-abuse-2019/recommendations/iv", "../../../../downloads/", "../../../../feeds/peer-on-peer-abuse-2019.xml"),
    ("reviews/peer-on-peer-abuse-2019/resolutions/1", "../../../../downloads/", "../../../../feeds/peer-on-peer-abuse-2019.xml"),
])
def test_every_review_page_links_the_downloads_and_its_feed(built_site, url, downloads, feed):
    raw = page(built_site, url)
    assert f'<a href="{downloads}">download the whole record</a>' in raw
    assert f'<a href="{feed}" type="application/atom+xml">' in raw
    assert (built_site / url / feed).resolve().is_file()
