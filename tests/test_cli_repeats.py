"""What a clerk sees when a command is run twice, and the file modes the tracker's writes leave."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from test_cli import REAL_REVIEW, read, real_copy
from test_validation import output, tracker

IV = f"data/reviews/{REAL_REVIEW}/recommendations/iv.yml"

TWICE = [
    ("add", "update", REAL_REVIEW, "iv", "1", "--reported-on", "2021-03-31", "--text", "The letter was sent.",
     "--source", "spotlight-responses"),
    ("sign-off", REAL_REVIEW, "iv", "--value", "achieved", "--meeting", "cyp-scrutiny-review-of-cases"),
    ("move", "deadline", REAL_REVIEW, "iv", "1", "--to", "2020-06", "--changed-on", "2020-04-01",
     "--reason", "Awaits approval.", "--source", "spotlight-responses"),
]
NOUNS = ["progress update", "assessment", "change of deadline"]


@pytest.mark.parametrize("command, noun", list(zip(TWICE, NOUNS)), ids=["add update", "sign-off", "move deadline"])
def test_the_same_command_twice_is_refused_naming_the_line(tmp_path, command, noun):
    project = real_copy(tmp_path)
    first = tracker(*command, cwd=project)
    assert first.returncode == 0, output(first)
    written = read(project, IV)
    second = tracker(*command, cwd=project)
    assert second.returncode == 1, output(second)
    assert f"This {noun} is already recorded, word for word: {IV}, line " in second.stderr
    assert "run the command again with --again" in second.stderr
    assert read(project, IV) == written
    # The line named holds the first entry.
    line = int(second.stderr.split(", line ")[1].split(".")[0])
    assert read(project, IV).split("\n")[line - 1].lstrip().startswith("- ")


def test_again_records_it_and_the_check_warns(tmp_path):
    project = real_copy(tmp_path)
    command = TWICE[0]
    assert tracker(*command, cwd=project).returncode == 0
    again = tracker(*command, "--again", cwd=project)
    assert again.returncode == 0, output(again)
    assert read(project, IV).count("The letter was sent.") == 2
    checked = tracker("check", cwd=project)
    assert checked.returncode == 0, output(checked)  # a warning, not a problem
    assert "This progress update is word for word the same as progress update" in output(checked)
    assert "most likely the same command was run twice" in output(checked)
    assert "1 warning" in output(checked)


def test_a_repeat_with_a_note_is_not_warned_about(tmp_path):
    project = real_copy(tmp_path)
    command = TWICE[0]
    assert tracker(*command, cwd=project).returncode == 0
    assert tracker(*command, "--note", "Reported again in the next report.", cwd=project).returncode == 0
    assert "word for word the same" not in output(tracker("check", cwd=project))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_changed_file_keeps_its_mode_and_a_new_one_takes_the_umask(tmp_path, umask_022):
    project = real_copy(tmp_path)
    (project / IV).chmod(0o664)
    assert tracker(*TWICE[0], cwd=project).returncode == 0
    assert _mode(project / IV) == 0o664
    result = tracker("new", "source", "a-new-report", "--title", "A new report", cwd=project)
    assert result.returncode == 0, output(result)
    assert _mode(project / "data/council/sources/a-new-report.yml") == 0o644
    os.umask(0o002)
    assert tracker("new", "source", "another-report", "--title", "Another report", cwd=project).returncode == 0
    assert _mode(project / "data/council/sources/another-report.yml") == 0o664


def test_the_report_files_take_the_umask(tmp_path, umask_022):
    project = real_copy(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = tracker("report", "--review", REAL_REVIEW, "--out", str(out), cwd=project)
    assert result.returncode == 0, output(result)
    made = sorted(p for p in out.iterdir() if p.suffix in (".docx", ".xlsx"))
    assert [p.suffix for p in made] == [".docx", ".xlsx"]
    assert all(_mode(p) == 0o644 for p in made), [oct(_mode(p)) for p in made]
