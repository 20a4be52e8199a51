"""Shared fixtures: the real data, and the real site built once per test session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_build(site_dir: Path, data_dir: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as a clerk would; returns the finished process."""
    inherited = {k: v for k, v in os.environ.items() if k != "TRACKER_DATA_DIR"}  # the real data unless named
    environment = {**inherited, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if data_dir is not None:
        environment["TRACKER_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600,
    )


def with_second_review(data: Path) -> Path:
    """A copy of the report fixture in ``data`` with a second review (a copy of the first, renamed "second-review"):
    a record whose report and sources pages take their several-review shape."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "report-data", data)
    second = data / "reviews" / "second-review"
    shutil.copytree(data / "reviews" / "peer-on-peer-abuse-2019", second)
    review = second / "review.yml"
    text = re.sub(r"(?m)^id: .*$", "id: second-review", review.read_text(encoding="utf-8"))
    review.write_text(re.sub(r"(?m)^title: .*$", "title: Second spotlight review", text), encoding="utf-8")
    return data


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def loaded():
    from tracker.load import load

    return load(ROOT / "data")


@pytest.fixture(autouse=True)
def _data_folder_stays_the_real_one():
    """A test that runs the preview in this process sets TRACKER_DATA_DIR for the hook; no later test may
    build someone else's (perhaps deliberately broken) data by mistake."""
    before = os.environ.get("TRACKER_DATA_DIR")
    yield
    if before is None:
        os.environ.pop("TRACKER_DATA_DIR", None)
    else:
        os.environ["TRACKER_DATA_DIR"] = before
