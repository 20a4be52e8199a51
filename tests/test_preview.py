"""The preview builds again only the pages a change affects, and what it shows is what `mkdocs build` writes.

In-process, on a copy of the fixture project: the preview's builder (the part of `tracker serve` that drives
MkDocs) builds every page, a data file or template is saved, and the pages it builds again are counted. Each
edit is then checked against a fresh build of the same data: every page must be byte for byte the same, so
a page the preview did not build again really was unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_validation import FIXTURE, ROOT

from tracker import preview
from tracker_serve.builder import PreviewBuilder

URL = "http://127.0.0.1:8000/"
REVIEW = "data/reviews/sample-review-2020"
OTHER_REC = "reviews/second-review-2021/recommendations/1.md"


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same "as at" day for every build compared


def project_without_data(folder: Path) -> Path:
    """The project's site files (mkdocs.yml, docs, hooks, overrides) copied into ``folder``, for data put beside them."""
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, project_without_data(tmp_path) / "data")
    return tmp_path


def built(project: Path, site: Path) -> PreviewBuilder:
    builder = PreviewBuilder(project / "mkdocs.yml", site, URL)
    change = builder.full()
    assert change.problems == []
    assert builder.flush(), builder.problems
    builder.close()
    return builder


def edit(project: Path, rel: str, old: str, new: str) -> Path:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def rebuilt(builder: PreviewBuilder, saved: set[Path]) -> set[str]:
    builder.renders.clear()
    change = builder.update(saved)
    assert change.problems == []
    assert builder.flush(), builder.problems
    builder.close()
    assert all(count == 1 for count in builder.renders.values())
    return set(builder.renders)


def test_a_data_edit_builds_again_only_the_pages_it_affects(project, tmp_path):
    builder = built(project, tmp_path / "preview")
    every = {f.src_uri for f in builder.doc_files()}
    saved = edit(project, f"{REVIEW}/recommendations/i.yml", "heading: School policies", "heading: School policy letters")

    again = rebuilt(builder, {saved})

    assert "reviews/sample-review-2020/recommendations/i.md" in again
    assert "reviews/sample-review-2020/index.md" in again  # its review lists it
    assert "index.md" in again  # the home page summarises every record
    assert OTHER_REC not in again  # another review's record: untouched
    assert "privacy.md" not in again  # a hand-written page
    assert again < every
    assert "School policy letters" in (tmp_path / "preview/reviews/sample-review-2020/recommendations/i/index.html"
                                       ).read_text(encoding="utf-8")


def test_at_scale_a_data_edit_builds_again_a_small_part_of_the_site(tmp_path):
    from tracker import synthetic

    project = project_without_data(tmp_path / "project")
    synthetic.generate(project / "data", reviews=8, recommendations=80, seed=3)
    builder = built(project, tmp_path / "preview")
    every = {f.src_uri for f in builder.doc_files()}
    rec = sorted((project / "data/reviews").glob("*/recommendations/*.yml"))[-1]
    saved = edit(project, rec.relative_to(project).as_posix(), "heading: ", "heading: Edited ")

    again = rebuilt(builder, {saved})

    review = rec.parents[1].name
    assert f"reviews/{review}/recommendations/{rec.stem}.md" in again
    others = [u for u in every if u.startswith("reviews/") and not u.startswith(f"reviews/{review}/")
              and "/recommendations/" in u]
    assert others and not again.intersection(others)
    assert len(again) <= len(every) / 4, f"{len(again)} of {len(every)} pages built again"


def test_an_edit_to_the_other_review_leaves_the_first_alone(project, tmp_path):
    builder = built(project, tmp_path / "preview")
    saved = edit(project, "data/reviews/second-review-2021/recommendations/1.yml", "heading: Done already",
                 "heading: Done already, and checked")

    again = rebuilt(builder, {saved})

    assert OTHER_REC in again
    assert not any(uri.startswith("reviews/sample-review-2020/") for uri in again), sorted(again)


@pytest.mark.parametrize("rel, old, new", [
    (f"{REVIEW}/recommendations/i.yml", "heading: School policies", "heading: School policy letters"),
    (f"{REVIEW}/resolutions/1.yml", "text: |\n", "text: |\n  Amended.\n"),
    ("data/council/meetings/sample-meeting.yml", "The committee discussed the review.",
     "The committee discussed the review at length."),
    ("data/council/owners/fixture-team.yml", "  - the fixture team\n", "  - the fixture team\n  - Team Fixture\n"),
    ("data/council/sources/sample-report.yml", "title: Sample report and responses",
     "title: Sample report and the responses"),
])
def test_what_the_preview_shows_after_an_edit_is_a_fresh_build(project, tmp_path, rel, old, new):
    builder = built(project, tmp_path / "preview")
    saved = edit(project, rel, old, new)
    rebuilt(builder, {saved})

    built(project, tmp_path / "fresh")

    shown, expected = pages(tmp_path / "preview"), pages(tmp_path / "fresh")
    assert shown.keys() == expected.keys()
    assert [p for p in expected if shown[p] != expected[p]] == []


def test_the_preview_writes_the_same_pages_as_mkdocs_build(project, tmp_path):
    builder = built(project, tmp_path / "preview")
    assert builder.write_downloads(timeout=60) == 0  # the downloads' own process, to compare them too
    builder.finish_index()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TRACKER_DATA_DIR", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(tmp_path / "built")], env=env, check=True, cwd=project, timeout=300)

    def written(site: Path) -> dict[Path, Path]:
        # The search index aside: the preview makes it once, as it starts, and it is not byte-stable yet.
        return {p.relative_to(site): p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "search"}

    preview_files, build_files = written(tmp_path / "preview"), written(tmp_path / "built")
    assert preview_files.keys() == build_files.keys()
    assert [str(p) for p in build_files if preview_files[p].read_bytes() != build_files[p].read_bytes()] == []


def test_a_template_edit_builds_again_the_pages_that_use_it(project, tmp_path):
    builder = built(project, tmp_path / "preview")
    template = edit(project, "overrides/records/event.html", "{% from", "<!-- event marker -->\n{% from")

    again = rebuilt(builder, {template})

    assert again == {f.src_uri for f in builder.doc_files() if f.src_uri.startswith("reviews/sample-review-2020/events/")}
    assert "event marker" in (tmp_path / "preview/reviews/sample-review-2020/events/sample-event/index.html"
                              ).read_text(encoding="utf-8")


def test_a_broken_template_is_a_problem_with_its_file_and_line(project, tmp_path):
    builder = built(project, tmp_path / "preview")
    template = edit(project, "overrides/records/event.html", "{% from", "{% if %}\n{% from")

    change = builder.update({template})

    assert len(change.problems) == 1
    problem = change.problems[0]
    assert problem.where.file == "overrides/records/event.html"
    assert problem.where.line is not None
    assert "template cannot be read" in problem.message
    assert "Traceback" not in problem.explain()

    edit(project, "overrides/records/event.html", "{% if %}\n", "")
    assert builder.update({template}).problems == []
    assert builder.flush()
    builder.close()


def test_bad_data_is_reported_in_the_preview_s_own_words(project, tmp_path):
    builder = built(project, tmp_path / "preview")
    saved = edit(project, f"{REVIEW}/recommendations/i.yml", "decision: partially agreed", "decision: partialy agreed")

    change = builder.update({saved})
    builder.close()

    text = preview.report(change.problems)
    assert f"{REVIEW}/recommendations/i.yml, line 10, column 13, field 'response.decision':" in text
    assert text.endswith("Fix this in the file named and save: the preview updates by itself.")
    assert "run the command again" not in text and "Nothing was published" not in text


def test_a_meeting_that_cites_another_document_is_listed_on_that_document_s_page(tmp_path):
    """At scale each source document has its own page, listing the records that cite it: an edit to what a
    meeting cites is shown there too, as a fresh build shows it."""
    from tracker import synthetic

    project = project_without_data(tmp_path / "project")
    synthetic.generate(project / "data", reviews=3, recommendations=9, seed=5)
    builder = built(project, tmp_path / "preview")
    meeting = next(p for p in sorted((project / "data/council/meetings").glob("*.yml"))
                   if "source: " in p.read_text(encoding="utf-8"))
    text = meeting.read_text(encoding="utf-8")
    cited = re.search(r"source: (\S+)", text)[1]
    other = next(p.stem for p in sorted((project / "data/council/sources").glob("*.yml")) if p.stem != cited)
    meeting.write_text(text.replace(f"source: {cited}", f"source: {other}"), encoding="utf-8")

    again = rebuilt(builder, {meeting})

    assert {f"sources/{cited}.md", f"sources/{other}.md"} <= again
    built(project, tmp_path / "fresh")
    shown, expected = pages(tmp_path / "preview"), pages(tmp_path / "fresh")
    assert [p for p in expected if shown.get(p) != expected[p]] == []


def test_the_downloads_wait_until_nothing_has_been_saved_for_a_while(project, tmp_path):
    """Writing the downloads is most of a reload's work again (15 s of processor time at 5,000 recommendations):
    a save does not start it, nor does the next; once the preview is quiet they are written, and are right."""
    builder = built(project, tmp_path / "preview")
    saved = edit(project, f"{REVIEW}/recommendations/i.yml", "heading: School policies", "heading: School policy letters")
    assert builder.update({saved}).problems == []

    assert not builder.downloads_if_quiet()  # just saved: nothing started
    assert not (tmp_path / "preview/downloads/tracker.json").exists()
    assert builder.write_downloads(timeout=60) == 0
    builder.close()
    assert "School policy letters" in (tmp_path / "preview/downloads/tracker.json").read_text(encoding="utf-8")
