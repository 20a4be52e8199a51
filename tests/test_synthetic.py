"""The synthetic data generator writes valid, deterministic data with the real record's mess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import synthetic
from tracker.load import load
from tracker.model import Recommendation

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
        kind = "site" if path == "site.yml" else "glossary" if path == "glossary.yml" else (
            "review" if path.endswith("/review.yml") else path.split("/")[2].removesuffix("s"))
        depth = path.count("/")
        expected = f"# yaml-language-server: $schema={'../' * (depth + 1)}schemas/{kind}.schema.json\n"
        assert content.decode("utf-8").startswith(expected), path


def test_sizes_add_up_exactly(tmp_path):
    summary = synthetic.generate(tmp_path / "d", reviews=7, recommendations=100, seed=3)
    loaded = load(tmp_path / "d")
    sizes = [len(review.recommendations) for review in loaded.tracker.reviews]
    assert sum(sizes) == summary.recommendations == 100
    assert len(sizes) == summary.reviews == 7
    assert min(sizes) >= 1


def test_the_data_is_as_messy_as_the_real_record(small):
    tracker = load(small).tracker
    recs: list[Recommendation] = [r for review in tracker.reviews for r in review.recommendations]
    actions = [a for r in recs if r.response for a in r.response.actions]
    updates = [u for a in actions for u in a.progress]
    dues = [a.due for a in actions if a.due]
    assert any(r.shares_response_with for r in recs)
    assert any(r.response and not r.response.actions for r in recs)
    assert any(r.addressed_to == "committee" and r.response and r.response.decision is None for r in recs)
    assert any(u.date is None for u in updates) and any(u.date for u in updates)
    assert any(u.state is None for u in updates) and any(u.state == "complete" for u in updates)
    assert any(d.edtf is None and d.as_written for d in dues)  # a condition, not a date
    assert any(d.as_written is None and d.note for d in dues)  # a date the source never states
    assert {"day", "month", "year", "approximate", "range"} <= {d.precision for d in dues}
    assert any(d.edtf and d.edtf.endswith("/..") for d in dues)
    assert any(a.due_changes and all(c.reason for c in a.due_changes) for a in actions)
    assert any("\n- " in r.response.text or "\n1. " in r.response.text for r in recs if r.response)
    assert any(r.related for r in recs)
    for review in tracker.reviews:
        assert review.meetings and review.resolutions and review.decisions and review.events
        assert any(m.resolutions_preamble and m.minutes for m in review.meetings)
    assert {t.basis for t in tracker.glossary.terms} == {"stated", "unambiguous", "unknown"}


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
