"""`tracker diff BASE`: the change between two commits of a git repository, in words, and the workflow that shows it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tracker import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "report-data"
RECS = Path("data/reviews/peer-on-peer-abuse-2019/recommendations")

COMPLETION = """\
        - date: {as_written: 15 March 2021, edtf: "2021-03-15"}
          text: The letter was sent to the DfE on 12 March 2021.
          state: complete
          source: fixture-minutes-2021-03
"""
MOVE = """\
      due_changes:
        - due: {as_written: End of July 2020, edtf: "2020-07"}
          changed: {as_written: 1 June 2020, edtf: "2020-06-01"}
          reason: The Chairperson’s approval is awaited – the letter is drafted.
          source: fixture-minutes-2021-03
"""
ASSESSMENT = """\
assessments:
  - date: {as_written: 22 March 2021, edtf: "2021-03-22"}
    meeting: cyp-scrutiny-2021-03-22
    value: on-track
    source: fixture-minutes-2021-03
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.invalid",
           "GIT_COMMITTER_NAME": "Clerk", "GIT_COMMITTER_EMAIL": "clerk@example.invalid"}
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository whose first commit holds the fixture's data."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(FIXTURE, tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "The record")
    return tmp_path


def edit(repo: Path, path: Path, after: str, insert: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert text.count(after) == 1, (path, after)
    file.write_text(text.replace(after, after + insert), encoding="utf-8")


def diff(repo: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["diff", *args, "--data", str(repo / "data")])
    said = capsys.readouterr()
    return code, said.out, said.err


def test_a_completion_between_two_commits(repo, capsys):
    edit(repo, RECS / "vi.yml", "          source: spotlight-responses\n", COMPLETION)
    git(repo, "commit", "-qam", "vi: the letter was sent")
    code, out, _ = diff(repo, capsys, "HEAD~1")
    assert code == 0
    assert "compared with HEAD~1, as at 30 June 2021" in out
    assert "Statuses that moved (1)\n  Recommendation vi: Past due → Completed late (update of 15 March 2021)\n" in out
    assert "Records changed (1)\n  Recommendation vi: progress update added to action 1 (15 March 2021, complete)\n" in out
    assert "Records added" not in out and "Deadlines moved" not in out
    counts = {line.split()[0] + " " + line.split()[1]: line.split()[-3:] for line in out.splitlines()
              if line.startswith("  Progress updates") or line.startswith("  Items: Past")}
    assert counts["Progress updates"] == ["11", "12", "(changed)"]


def test_moved_deadline_assessment_and_new_record_in_the_working_tree(repo, capsys):
    # Uncommitted changes count: a clerk can see what a change does before committing it.
    edit(repo, RECS / "xi.yml", '      due: {as_written: End of May 2020, edtf: "2020-05"}\n', MOVE)
    edit(repo, RECS / "xi.yml", "addressed_to: committee\nsource: spotlight-responses\n", ASSESSMENT)
    event = repo / "data/reviews/peer-on-peer-abuse-2019/events/letter-drafted.yml"
    event.write_text("id: letter-drafted\ntitle: The letter to the DfE drafted\n"
                     'date: {as_written: 1 June 2020, edtf: "2020-06-01"}\n'
                     "text: The letter is drafted.\nsource: fixture-minutes-2021-03\n", encoding="utf-8")
    code, out, _ = diff(repo, capsys, "main")
    assert code == 0, out
    assert ("Deadlines moved (1)\n  Recommendation xi: End of May 2020 → End of July 2020 (moved on 1 June 2020: "
            "The Chairperson’s approval is awaited – the letter is drafted.)\n") in out
    assert "Assessments recorded (1)\n  Recommendation xi: On track (22 March 2021)\n" in out
    assert "Records added (1)\n  Event “The letter to the DfE drafted”\n" in out
    assert "  Recommendation xi: deadline moved (action 1); 1 assessment recorded\n" in out
    assert "Statuses that moved" not in out  # still past due: July 2020 has passed too


def test_markdown_for_the_job_summary(repo, capsys):
    edit(repo, RECS / "vi.yml", "          source: spotlight-responses\n", COMPLETION)
    (repo / "data/reviews/peer-on-peer-abuse-2019/recommendations/vi.yml").write_text(
        (repo / RECS / "vi.yml").read_text(encoding="utf-8").replace(
            "The letter was sent to the DfE on 12 March 2021.", "The letter was sent."), encoding="utf-8")
    code, out, _ = diff(repo, capsys, "main", "--markdown")
    assert code == 0
    assert out.startswith("## What this change does to the published record\n\nCompared with `main`, as at 30 June 2021.")
    assert "### Statuses that moved (1)\n\n- Recommendation vi: Past due → Completed late (update of 15 March 2021)\n" in out
    assert "| Progress updates | 11 | **12** |" in out


def test_markdown_cannot_be_turned_into_links_or_html_by_the_data(repo, capsys):
    event = repo / "data/reviews/peer-on-peer-abuse-2019/events/odd.yml"
    event.write_text('id: odd\ntitle: "<b>[a](https://example.invalid)</b> | *x*"\n'
                     'date: {as_written: 1 June 2020, edtf: "2020-06-01"}\ntext: x\nsource: fixture-minutes-2021-03\n',
                     encoding="utf-8")
    _, out, _ = diff(repo, capsys, "main", "--markdown")
    assert r"- Event “\<b\>\[a\](https://example.invalid)\</b\> \| \*x\*”" in out


def test_no_change(repo, capsys):
    code, out, _ = diff(repo, capsys, "HEAD")
    assert code == 0 and "No change to the published record." in out


def test_a_base_with_no_data_folder_shows_everything_as_new(repo, capsys):
    git(repo, "checkout", "-q", "--orphan", "empty")
    git(repo, "rm", "-rq", "--cached", "data")
    (repo / "README").write_text("empty\n", encoding="utf-8")
    git(repo, "add", "README")
    git(repo, "commit", "-qm", "nothing")
    code, out, _ = diff(repo, capsys, "empty")
    assert code == 0
    assert "There was no data folder at empty: everything is new." in out
    assert "Records added (63)" in out


def test_an_unknown_revision_is_explained(repo, capsys):
    code, _, err = diff(repo, capsys, "no-such-branch")
    assert code == 1
    assert "git does not know the revision 'no-such-branch'" in err and "fetch-depth: 0" in err


def test_data_that_does_not_check_out_is_not_described(repo, capsys):
    (repo / RECS / "vi.yml").write_text("id: vi\n", encoding="utf-8")
    code, out, err = diff(repo, capsys, "main", "--markdown")
    assert code == 1
    assert "The change cannot be described until the data checks out" in err
    assert "The data does not check out yet" in out


def test_outside_a_git_repository(tmp_path, capsys):
    shutil.copytree(FIXTURE, tmp_path / "data")
    code, _, err = diff(tmp_path, capsys, "main")
    assert code == 1 and "is not in a git repository" in err


# ----- the workflow -----


def test_pull_requests_write_the_change_to_the_job_summary():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in build if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}  # the base commit is there
    names = [s.get("run", s.get("uses", "")) for s in build]
    (step,) = [s for s in build if "tracker diff" in s.get("run", "")]
    assert step["run"] == '.venv/bin/tracker diff "$BASE_SHA" --markdown >> "$GITHUB_STEP_SUMMARY"'
    # The revision reaches the shell as a variable, never pasted into the script.
    assert step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    # Last, and whatever happened above: it never stops the site being built or attached, and always reports.
    assert build[-1] is step and step["if"] == "${{ !cancelled() }}"
    assert names.index("make check") < names.index(step["run"])
