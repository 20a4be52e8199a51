"""The synthetic data generator writes valid, deterministic data with the real record's mess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import schema, synthetic
from tracker.load import RECORD_KINDS, data_files, kind_of, load
from tracker.model import Recommendation, Site
from tracker.names import Names

ROOT = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.generate(folder, reviews=3, recommendations=60, actions_per=2, updates_per=2, seed=7)
    return folder


def test_generated_data_loads_with_no_problems(small):
    loaded = load(small)  # raises DataProblems listing every problem, if there is one
    recs = [r for review in loaded.tracker.reviews for r in review.recommendations]
    assert len(loaded.tracker.reviews) == 3
    assert len(recs) == 60


def test_same_seed_gives_byte_identical_files(small, tmp_path):
    again = tmp_path / "again"
    synthetic.generate(again, reviews=3, recommendations=60, actions_per=2, updates_per=2, seed=7)
    assert _files(again) == _files(small)
    other = tmp_path / "other"
    synthetic.generate(other, reviews=3, recommendations=60, actions_per=2, updates_per=2, seed=8)
    assert _files(other) != _files(small)


def test_the_command_line_writes_the_same_files(small, tmp_path):
    out = tmp_path / "cli"
    subprocess.run(
        [sys.executable, "-m", "tracker.synthetic", str(out), "--reviews", "3", "--recommendations", "60",
         "--actions-per", "2", "--updates-per", "2", "--seed", "7"],
        check=True, capture_output=True,
    )
    assert _files(out) == _files(small)


def test_every_file_starts_with_its_schema_line(small):
    for path, content in _files(small).items():
        kind = kind_of(small / path, small)
        assert kind, path  # every file is in a place the loader reads
        depth = path.count("/")
        expected = f"# yaml-language-server: $schema={'../' * (depth + 1)}schemas/{kind}.schema.json\n"
        assert content.decode("utf-8").startswith(expected), path


def test_every_file_passes_its_json_schema(small):
    by_kind: dict[str, list[str]] = {}
    for path in data_files(small):
        by_kind.setdefault(kind_of(path, small), []).append(str(path))
    assert set(by_kind) == set(RECORD_KINDS)  # every kind of data file is generated
    for kind, paths in sorted(by_kind.items()):
        result = subprocess.run(
            [str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile",
             str(ROOT / "schemas" / schema.file_name(kind)), *paths],
            capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_sizes_add_up_exactly(tmp_path):
    summary = synthetic.generate(tmp_path / "d", reviews=7, recommendations=100, seed=3)
    loaded = load(tmp_path / "d")
    sizes = [len(review.recommendations) for review in loaded.tracker.reviews]
    assert sum(sizes) == summary.recommendations == 100
    assert len(sizes) == summary.reviews == 7
    assert min(sizes) >= 1


def test_the_data_is_as_messy_as_the_real_record(small):
    loaded = load(small)
    assert loaded.warnings == []  # stated dates agree with the council's own clocks
    tracker = loaded.tracker
    council = tracker.council
    recs: list[Recommendation] = [r for review in tracker.reviews for r in review.recommendations]
    resolutions = [r for review in tracker.reviews for r in review.resolutions]
    commitments = [c for review in tracker.reviews for c in review.commitments]
    parts = [p for d in council.decisions for p in d.parts]
    actions = [a for r in [*recs, *resolutions] if r.response for a in r.response.actions]
    actions += [a for p in parts for a in p.actions]
    updates = [u for a in [*actions, *commitments] for u in a.progress]
    dues = [a.due for a in actions if a.due]
    assert any(r.shares_response_with for r in recs)
    assert any(r.response and not r.response.actions for r in recs)
    assert any(r.addressed_to == "committee" and r.response and r.response.decision is None for r in recs)
    assert {r.response.decision for r in recs if r.response} >= {"agreed", "partially agreed", "accepted in principle",
                                                                 "not agreed"}
    assert any(u.date is None for u in updates) and any(u.date for u in updates)
    assert any(u.state is None for u in updates) and any(u.state == "complete" for u in updates)
    assert any(d.edtf is None and d.as_written for d in dues)  # a condition, not a date
    assert any(d.as_written is None and d.note for d in dues)  # a date the source never states
    assert {"day", "month", "year", "approximate", "range"} <= {d.precision for d in dues}
    assert any(d.edtf and d.edtf.endswith("/..") for d in dues)
    assert any(a.due_changes and all(c.reason for c in a.due_changes) for a in actions)
    assert any("\n- " in r.response.text or "\n1. " in r.response.text for r in recs if r.response)
    assert any(r.related for r in recs)
    # The council's records, kept once.
    assert any(c.executive for c in council.committees) and any(not c.executive for c in council.committees)
    assert any(len(o.aliases) > 1 for o in council.owners)
    assert any(m.resolutions_preamble and m.minutes for m in council.meetings)
    assert any(m.date.source for m in council.meetings)  # a date the minutes leave out and another document states
    assert any(p.actions for p in parts) and any(not p.actions for p in parts)
    assert any(d.call_in_ends for d in council.decisions) and any(d.call_in_ends is None for d in council.decisions)
    assert any(d.effective_from is None for d in council.decisions)
    for review in tracker.reviews:
        assert review.resolutions and review.events and review.commitments
        assert any(review.id in m.reviews for m in council.meetings)
        assert any(review.id in d.reviews for d in council.decisions)
    # Whom resolutions ask to act, and responses whose words are not among the sources.
    assert {r.addressed_to for r in resolutions} == {None, "executive", "committee"}
    assert any(r.response and r.response.text is None and r.response.note and r.response.approved_in
               for r in resolutions)
    # The committee's own assessments, on the default scale, some of them closing an item.
    assessments = [a for item in [*recs, *resolutions, *commitments, *parts] for a in item.assessments]
    scale = {v.key for v in tracker.site.assessment_scale}
    assert tracker.site.assessment_scale == Site(title="", council="", licence="").assessment_scale
    assert {a.value for a in assessments} == scale
    assert {a.outcome for a in assessments} == {None, "signed off", "closed not implemented"}
    # Progress that names the records that show it.
    evidence = [e for u in updates for e in u.evidence]
    assert {type(loaded_site_resolve(tracker, e.record)).__name__ for e in evidence} >= {"Meeting", "Decision", "Source"}
    assert {t.basis for t in tracker.glossary.terms} == {"stated", "unambiguous", "site", "unknown"}


def loaded_site_resolve(tracker, record_id: str):
    council = tracker.council
    return next(r for attr in ("meetings", "decisions", "sources") for r in getattr(council, attr) if r.id == record_id)


def test_every_owner_and_committee_named_resolves(small):
    tracker = load(small).tracker
    owners = Names(tracker.council.owners)
    committees = Names(tracker.council.committees)
    named = [a.owner for review in tracker.reviews for r in [*review.recommendations, *review.resolutions]
             if r.response for a in r.response.actions if a.owner]
    named += [c.given_by for review in tracker.reviews for c in review.commitments]
    named += [a.owner for d in tracker.council.decisions for p in d.parts for a in p.actions if a.owner]
    assert named and all(owners.find(n) for n in named)
    assert len({n for n in named}) > len({owners.find(n).id for n in named})  # several spellings of one owner
    bodies = [r.committee for r in tracker.reviews] + [m.committee for m in tracker.council.meetings]
    bodies += [d.decision_maker for d in tracker.council.decisions]
    assert all(committees.find(b) for b in bodies)


def test_a_small_generated_folder_builds_strictly(tmp_path):
    data = tmp_path / "data"
    synthetic.generate(data, reviews=2, recommendations=20, seed=11)
    site = tmp_path / "site"
    env = {**os.environ, "TRACKER_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    review = load(data).tracker.reviews[0]
    page = site / "reviews" / review.id / "recommendations" / review.recommendations[0].id / "index.html"
    assert page.is_file()
    assert "Exampleshire Council" in (site / "index.html").read_text(encoding="utf-8")
