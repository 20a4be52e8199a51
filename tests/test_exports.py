"""The open data downloads, read back from the built site with independent readers.

The real site is built once (the ``built_site`` fixture); each file is read as
a re-user would: ``json`` and ``jsonschema`` for the JSON and its schema,
``csv`` for the CSV files, and ``pyld`` for the schema.org JSON-LD.
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

from tracker import exports, model
from tracker.build import Build
from tracker.load import load_plain

FIXTURE = Path(__file__).parent / "fixtures" / "two-reviews"
TEMPLATES = Path(__file__).resolve().parents[1] / "overrides" / "records"
CSV_FILES = ["recommendations.csv", "actions.csv", "due-changes.csv", "progress-updates.csv", "resolutions.csv"]


def read_json(site_dir: Path, path: str):
    return json.loads((site_dir / path).read_text(encoding="utf-8"))


def read_csv(site_dir: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = (site_dir / "downloads" / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: the header's first name must read cleanly"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True)
    rows = list(reader)
    for row in rows:
        assert None not in row and None not in row.values(), f"{name}: a row has the wrong number of cells"
    return list(reader.fieldnames or []), rows


def fold(text: str) -> str:
    return " ".join(text.split())


def site_path(url: str) -> str:
    """A link in a download, as a path inside the built site (absolute or site-relative)."""
    return urlsplit(url).path.lstrip("/") if "://" in url else url


@pytest.fixture(scope="session")
def record(built_site):
    return read_json(built_site, "downloads/tracker.json")


@pytest.fixture(scope="session")
def schema(built_site):
    return read_json(built_site, "downloads/tracker.schema.json")


@pytest.fixture(scope="module")
def fixture_build():
    return Build.prepare(FIXTURE, TEMPLATES, "https://example.org/t/")


# ----- JSON and its schema -----


def test_json_is_valid_against_the_published_schema(record, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_json_states_its_licence_and_as_at_date(record, loaded):
    assert record["licence"] == "Open Government Licence v3.0" == loaded.tracker.site.licence
    assert record["licence_url"].startswith("https://www.nationalarchives.gov.uk/doc/open-government-licence/")
    # The build ran a moment ago, in another process: allow for midnight in between.
    assert abs((date.fromisoformat(record["as_at"]) - loaded.as_at).days) <= 1


def test_json_round_trip_is_lossless(record, loaded):
    assert load_plain(record) == loaded.tracker


def test_json_round_trip_keeps_moved_deadlines_and_dated_updates(fixture_build):
    tracker = fixture_build.site.tracker
    files = exports.downloads(fixture_build.site, "https://example.org/t/")
    again = load_plain(json.loads(files[exports.JSON_FILE]))
    assert again == tracker
    action = again.reviews[0].recommendations[0].response.actions[0]
    assert action.due_changes and action.progress[0].date.edtf == "2021-02-01"


def test_schema_is_generated_from_the_model(schema, built_site):
    site_url = schema["$id"].rsplit("downloads/", 1)[0]
    assert schema == exports.json_schema(site_url)
    definitions = schema["$defs"]
    for cls in (model.Review, model.Recommendation, model.Response, model.Action, model.ProgressUpdate,
                model.DueChange, model.Resolution, model.Meeting, model.Decision, model.Event, model.Source,
                model.DateValue, model.Site, model.Glossary, model.Term):
        properties = definitions[cls.__name__]["properties"]
        assert list(properties) == [f.name for f in dataclasses.fields(cls)], cls
        for f in dataclasses.fields(cls):
            assert properties[f.name]["description"] == f.metadata["doc"]
    decision = definitions["Response"]["properties"]["decision"]
    assert decision["enum"] == [*typing.get_args(model.ResponseDecision), None]


@pytest.mark.parametrize("change, where", [
    (lambda r: r["reviews"][0]["recommendations"][0]["response"].update(decision="maybe"), "decision"),
    (lambda r: r["reviews"][0]["recommendations"][0].update(colour="red"), "unknown field"),
    (lambda r: r["reviews"][0]["resolutions"][0].update(text="   "), "blank text"),
    (lambda r: r["reviews"][0]["date"].update(edtf="December 2019"), "edtf"),
    (lambda r: r["reviews"][0]["recommendations"][0].update(id="i ii"), "id"),
    (lambda r: r["reviews"][0]["recommendations"][0].pop("note"), "missing field"),
    (lambda r: r.update(as_at="yesterday"), "as_at"),
])
def test_schema_rejects_what_the_loader_would(record, schema, change, where):
    broken = copy.deepcopy(record)
    change(broken)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(broken)), where


# ----- CSV -----


def test_csv_files_have_one_header_row_and_one_row_per_record(built_site, loaded):
    review = loaded.tracker.reviews[0]
    expected = {
        "recommendations.csv": len(review.recommendations),
        "actions.csv": sum(len(r.response.actions) for r in review.recommendations if r.response),
        "due-changes.csv": sum(len(a.due_changes) for r in review.recommendations if r.response for a in r.response.actions),
        "progress-updates.csv": sum(len(a.progress) for r in review.recommendations if r.response for a in r.response.actions),
        "resolutions.csv": len(review.resolutions),
    }
    for table in exports.tables(Build.prepare(loaded.data_dir, TEMPLATES).site):
        header, rows = read_csv(built_site, table.name)
        assert header == [c.name for c in table.columns], table.name
        assert len(rows) == expected[table.name], table.name


def test_every_recommendation_appears_with_its_response(built_site, loaded):
    _, rows = read_csv(built_site, "recommendations.csv")
    by_id = {row["recommendation_id"]: row for row in rows}
    review = loaded.tracker.reviews[0]
    assert list(by_id) == [r.id for r in review.recommendations]
    for rec in review.recommendations:
        row = by_id[rec.id]
        assert row["review_id"] == review.id
        assert row["text"] == rec.text  # verbatim, line breaks and all
        assert row["addressed_to"] == rec.addressed_to
        if rec.response:
            assert row["response_text"] == rec.response.text
            assert row["response_decision"] == (rec.response.decision or "")
        else:
            assert row["shares_response_with"] == rec.shares_response_with and row["response_text"] == ""
        assert row["response_status"] and row["progress_status"]
        assert (built_site / site_path(row["url"]) / "index.html").is_file()


def test_every_action_appears_with_dates_at_their_precision(built_site, loaded):
    _, rows = read_csv(built_site, "actions.csv")
    by_key = {(row["recommendation_id"], row["action_id"]): row for row in rows}
    review = loaded.tracker.reviews[0]
    seen = 0
    for rec in review.recommendations:
        for action in rec.response.actions if rec.response else []:
            seen += 1
            row = by_key[(rec.id, action.id)]
            assert row["description"] == action.description
            assert row["owner"] == (action.owner or "")
            assert row["success_criteria"].split("\n") == (action.success_criteria or [""])
            due = action.due
            assert row["due_edtf"] == (due.edtf or "" if due else "")
            assert row["due_precision"] == (due.precision if due else "")
            assert row["due_as_written"] == (due.as_written or "" if due else "")
            assert row["due_note"] == (due.note or "" if due else "")
            assert row["progress_updates"] == str(len(action.progress))
    assert seen == len(rows)
    # i, ii and iii share one response: its action says so.
    assert by_key[("i", "1")]["answers"].split("\n") == ["i", "ii", "iii"]
    # A condition, not a date: no machine date, the source's words kept.
    assert any(row["due_edtf"] == "" and row["due_precision"] == "none" and row["due_as_written"] for row in rows)


def test_every_progress_update_appears(built_site, loaded):
    _, rows = read_csv(built_site, "progress-updates.csv")
    review = loaded.tracker.reviews[0]
    expected = [(rec.id, action.id, str(n), update)
                for rec in review.recommendations if rec.response for action in rec.response.actions
                for n, update in enumerate(action.progress, start=1)]
    assert len(rows) == len(expected)
    for row, (rec_id, action_id, n, update) in zip(rows, expected):
        assert (row["recommendation_id"], row["action_id"], row["update_number"]) == (rec_id, action_id, n)
        assert row["text"] == update.text
        assert row["state"] == (update.state or "")
        assert row["date_edtf"] == (update.date.edtf or "" if update.date else "")
        assert row["date_precision"] == (update.date.precision if update.date else "")


def test_every_resolution_appears_with_its_meeting_date(built_site, loaded):
    _, rows = read_csv(built_site, "resolutions.csv")
    review = loaded.tracker.reviews[0]
    meetings = {m.id: m for m in review.meetings}
    assert [row["resolution_id"] for row in rows] == [r.id for r in review.resolutions]
    for row, resolution in zip(rows, review.resolutions):
        assert row["text"] == resolution.text and row["meeting"] == resolution.meeting
        meeting_date = meetings[resolution.meeting].date
        assert (row["meeting_date_edtf"], row["meeting_date_precision"]) == (meeting_date.edtf, "range")
        assert row["meeting_date_note"] == meeting_date.note


def test_due_changes_are_their_own_rows(fixture_build):
    files = exports.downloads(fixture_build.site, "https://example.org/t/")
    rows = list(csv.DictReader(io.StringIO(files["downloads/due-changes.csv"].decode("utf-8"), newline="")))
    assert len(rows) == 1
    row = rows[0]
    assert (row["review_id"], row["recommendation_id"], row["action_id"], row["change_number"]) == ("alpha", "i", "1", "1")
    assert (row["due_edtf"], row["due_precision"], row["due_as_written"]) == ("2021-09", "month", "End of September 2021")
    assert (row["changed_edtf"], row["changed_precision"]) == ("2021-03-01", "day")
    assert row["reason"] == "The thing needed a consultation first."
    assert row["url"] == "https://example.org/t/reviews/alpha/recommendations/i/#action-1"
    actions = list(csv.DictReader(io.StringIO(files["downloads/actions.csv"].decode("utf-8"), newline="")))
    moved = next(a for a in actions if a["review_id"] == "alpha" and a["recommendation_id"] == "i")
    assert (moved["due_edtf"], moved["current_due_edtf"], moved["due_changes"]) == ("2021-03", "2021-09", "1")


def test_readme_states_licence_as_at_and_layout(built_site, record):
    text = (built_site / "downloads" / "README.txt").read_text(encoding="utf-8")
    assert f"As at: {record['as_at']}" in text
    assert "Licence: Open Government Licence v3.0" in text
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in text
    for name in CSV_FILES + ["tracker.json", "tracker.schema.json"]:
        assert f"{name}: " in text


# ----- the downloads page, its JSON-LD, and the data dictionary -----


def page(site_dir: Path, url: str) -> str:
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


def words(raw: str) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def test_downloads_page_links_every_file_and_states_licence_and_as_at(built_site, record):
    raw = page(built_site, "downloads")
    for name in CSV_FILES + ["tracker.json", "tracker.schema.json", "README.txt"]:
        assert f'href="{name}"' in raw
        assert (built_site / "downloads" / name).is_file()
    assert 'href="../feeds/all.xml"' in raw and 'href="../feeds/peer-on-peer-abuse-2019.xml"' in raw
    text = words(raw)
    assert "Open Government Licence v3.0" in text
    assert f'<time datetime="{record["as_at"]}">' in raw


def jsonld_blocks(raw: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, flags=re.S)


def test_downloads_page_describes_a_schema_org_dataset(built_site, record):
    from pyld import jsonld

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
    downloads = dataset[vocab + "distribution"]
    assert all(d["@type"] == [vocab + "DataDownload"] for d in downloads)
    urls = [d[vocab + "contentUrl"][0]["@value"] for d in downloads]
    formats = {d[vocab + "encodingFormat"][0]["@value"] for d in downloads}
    assert {"application/json", "text/csv", "application/atom+xml"} <= formats
    for url in urls:
        assert url.startswith(("http://", "https://")), url
        assert (built_site / site_path(url)).is_file(), url
    assert {site_path(u) for u in urls} >= {f"downloads/{n}" for n in CSV_FILES + ["tracker.json"]}


def test_data_dictionary_lists_every_field_and_column(built_site):
    raw = page(built_site, "data-dictionary")
    for cls in (model.Review, model.Recommendation, model.Response, model.Action, model.ProgressUpdate,
                model.DueChange, model.Resolution, model.Meeting, model.Decision, model.DecisionPart, model.Event,
                model.Source, model.DateValue, model.Site, model.Term):
        anchor = exports._anchor(cls)
        section = raw.split(f'id="{anchor}"', 1)[1].split("</table>", 1)[0]
        for f in dataclasses.fields(cls):
            assert f"<code>{f.name}</code>" in section, (cls.__name__, f.name)
            assert f.metadata["doc"] in html.unescape(section), (cls.__name__, f.name)
    for name in CSV_FILES:
        header, _ = read_csv(built_site, name)
        section = raw.split(f'id="{name.replace(".", "-")}"', 1)[1].split("</table>", 1)[0]
        for column in header:
            assert f"<code>{column}</code>" in section, (name, column)
    for value in typing.get_args(model.ResponseDecision) + typing.get_args(model.ProgressState):
        assert f"<code>{value}</code>" in raw
    assert "<code>past-due</code>" in raw  # derived statuses are documented too


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
