"""The JSON Schemas: generated from the model, committed, named by every data file, and agreeing with the loader.

The data files are checked with an independent validator (the check-jsonschema
command, which editors' YAML 1.2 reading matches). The loader keeps every
scalar as text, so the schemas accept, in text fields, what a YAML parser
makes of unquoted words (numbers, booleans): see src/tracker/schema.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import typing
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest
import ruamel.yaml

from test_validation import CASES, FIXTURE, ROOT, copy_fixture
from tracker import model, schema
from tracker.load import RECORD_KINDS, data_files, kind_of, load

SCHEMAS = ROOT / "schemas"
BIN = Path(sys.executable).parent


def yaml12(path: Path):
    """A data file as JSON Schema tools read it: YAML 1.2, dates left as text (as check-jsonschema does)."""
    y = ruamel.yaml.YAML(typ="safe", pure=True)
    y.constructor.yaml_constructors["tag:yaml.org,2002:timestamp"] = y.constructor.yaml_constructors[
        "tag:yaml.org,2002:str"]
    return y.load(path.read_bytes())


def errors(kind: str, path: Path) -> list[str]:
    validator = jsonschema.Draft7Validator(schema.schema(kind))
    return [e.message for e in validator.iter_errors(yaml12(path))]


def test_the_committed_schemas_are_up_to_date():
    stale = schema.stale(SCHEMAS)
    assert not stale, f"{stale} are stale: run `tracker schema` and commit schemas/"
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(schema.file_name(k) for k in RECORD_KINDS)


@pytest.mark.parametrize("kind", list(RECORD_KINDS))
def test_each_schema_is_a_valid_draft_7_schema_documenting_every_field(kind):
    document = json.loads((SCHEMAS / schema.file_name(kind)).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(document)
    for part in [document, *document["definitions"].values()]:
        assert part["description"]
        assert part["additionalProperties"] is False
        for name, prop in part["properties"].items():
            assert prop["description"], (kind, name)


def test_the_schema_reads_the_model():
    rec = schema.schema("recommendation")
    assert rec["required"] == ["id", "text", "addressed_to", "source"]
    assert rec["properties"]["addressed_to"]["enum"] == ["executive", "committee", "council"]
    response = rec["definitions"]["Response"]["properties"]
    assert response["decision"]["enum"] == [*typing.get_args(model.ResponseDecision), None]
    assert "verbatim" in rec["properties"]["text"]["description"]
    assert rec["definitions"]["Assessment"]["properties"]["outcome"]["enum"] == [*typing.get_args(model.Outcome), None]
    source = schema.schema("source")["properties"]["url"]
    assert source["pattern"].startswith("^https?://")
    # Every kind of data file has its schema, with the record's own fields.
    for kind, cls in RECORD_KINDS.items():
        properties = schema.schema(kind)["properties"]
        assert list(properties) == [f.name for f in dataclasses.fields(cls) if not f.metadata.get("folder")], kind


@pytest.mark.parametrize("value, ok", [
    ({"executive": True}, True), ({"executive": "yes"}, True), ({"executive": "No"}, True),
    ({"executive": "maybe"}, False), ({"executive": 1}, False),
])
def test_yes_or_no_fields_take_what_the_loader_takes(value, ok):
    document = {"id": "cabinet", "name": "Cabinet", **value}
    assert bool(list(jsonschema.Draft7Validator(schema.schema("committee")).iter_errors(document))) is not ok, value


@pytest.mark.parametrize("period, ok", [
    ({"months": 2}, True), ({"working_days": 5}, True), ({"weeks": "8"}, True), ({"months": 2, "weeks": None}, True),
    ({"months": 2, "weeks": 8}, False), ({}, False), ({"months": 0}, False), ({"days": -3}, False),
    ({"days": "a week"}, False),
])
def test_a_period_is_a_whole_number_of_one_unit(period, ok):
    document = {"title": "t", "council": "c", "licence": "l", "clocks": {"response_period": period}}
    found = list(jsonschema.Draft7Validator(schema.schema("site")).iter_errors(document))
    assert bool(found) is not ok, (period, [e.message for e in found])


@pytest.mark.parametrize("data_dir", [ROOT / "data", FIXTURE], ids=["real-data", "fixture"])
def test_every_data_file_names_its_schema_on_its_first_line(data_dir):
    files = list(data_files(data_dir))
    assert files
    for path in files:
        kind = kind_of(path, data_dir)
        assert kind, path
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == schema.schema_line(path, kind, data_dir.parent / "schemas"), path
        if data_dir == ROOT / "data":  # the real data's lines resolve to the committed files
            target = first.split("$schema=", 1)[1]
            assert (path.parent / target).resolve() == (SCHEMAS / schema.file_name(kind)).resolve()


@pytest.mark.parametrize("data_dir", [ROOT / "data", FIXTURE], ids=["real-data", "fixture"])
def test_every_data_file_passes_check_jsonschema(data_dir):
    by_kind = defaultdict(list)
    for path in data_files(data_dir):
        by_kind[kind_of(path, data_dir)].append(str(path))
    assert set(by_kind) <= set(RECORD_KINDS)
    for kind, paths in sorted(by_kind.items()):
        result = subprocess.run(
            [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMAS / schema.file_name(kind)), *paths],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_bad_file(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / "data/reviews/sample-review-2020/recommendations/i.yml"
    path.write_text(path.read_text().replace("decision: partially agreed", "decision: partialy agreed"))
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMAS / "recommendation.schema.json"), str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "partialy agreed" in result.stdout + result.stderr


@pytest.mark.parametrize("case", [c for c in CASES if c.schema], ids=lambda c: c.name)
def test_the_schema_rejects_what_the_loader_rejects(case, tmp_path):
    """The editor flags the same structural mistakes as the build."""
    project = copy_fixture(tmp_path)
    case.mutate(project)
    path = project / case.where.split(",")[0]
    kind = kind_of(path, project / "data")
    assert errors(kind, path), f"the {kind} schema accepts what the loader rejects ({case.name})"


def test_loader_and_schema_agree_on_yaml_typing(tmp_path):
    """Unquoted No, numbers and true are text to the loader, and allowed by the schema."""
    project = copy_fixture(tmp_path)
    decision = project / "data/council/decisions/sample-decision.yml"
    text = decision.read_text()
    text = text.replace('subject_to_call_in: "Yes"', "subject_to_call_in: Yes")
    text = text.replace("status: Recommendations Approved", "status: true")
    text = text.replace("wards_affected", "wards_affected").replace("source: sample-minutes",
                                                                    "source: sample-minutes\nwards_affected: 12")
    decision.write_text(text)
    event = project / "data/reviews/sample-review-2020/events/sample-event.yml"
    event.write_text(event.read_text().replace("date: {as_written: November 2019, edtf: 2019-11~,",
                                               "date: {as_written: 2019-11-20, edtf: 2019-11-20,"))
    record = load(project / "data").tracker.council.decisions[0]
    assert (record.key_decision, record.subject_to_call_in, record.status, record.wards_affected) == (
        "No", "Yes", "true", "12")
    assert errors("decision", decision) == []
    assert errors("event", event) == []
    assert load(project / "data").tracker.reviews[0].events[0].date.as_written == "2019-11-20"


def test_the_schemas_agree_with_the_loader_on_empty_values(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / "data/reviews/sample-review-2020/recommendations/iii.yml"
    path.write_text(path.read_text().replace("note: The progress entry is not dated in the source.",
                                             "note:\nheading: ~\nrelated:"))
    load(project / "data")  # an empty optional field is 'not given'; an empty list is an empty list
    assert errors("recommendation", path) == []


def test_the_editor_line_resolves_from_the_repository(tmp_path):
    """An editor opening data/.../i.yml finds the schema by following the first line."""
    for path in data_files(ROOT / "data"):
        target = path.read_text(encoding="utf-8").split("\n", 1)[0].split("$schema=", 1)[1]
        assert os.path.isfile(path.parent / target), path


def test_writing_the_schemas_removes_those_no_kind_uses(tmp_path):
    (tmp_path / "body.schema.json").write_text("{}")  # a kind the model no longer has
    (tmp_path / "notes.json").write_text("{}")  # not a schema: left alone
    assert "body.schema.json" in schema.stale(tmp_path)
    schema.write(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.schema.json")) == sorted(schema.file_name(k) for k in RECORD_KINDS)
    assert (tmp_path / "notes.json").is_file()
    assert schema.stale(tmp_path) == []
