"""Messages worded for what the clerk was doing, and no fault reported when the clerk stopped the command.

The wording of each data mistake is tested in test_validation.py (through `tracker check` and the build);
these tests cover how a report opens and closes in each context, the council's own words for a vocabulary's
values, a closed pipe and Ctrl+C.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from test_validation import BIN, REC_I, copy_fixture, sub
from tracker import cli, synonyms
from tracker.problems import DataProblems, Location, Problem

ONE = DataProblems([Problem(Location("data/site.yml", 3, 8), "as_at", "June 2021 has 30 days.")])
TWO = DataProblems([Problem(Location("data/site.yml", 3, 8), "as_at", "June 2021 has 30 days."),
                    Problem(Location("data/glossary.yml", 5, 12), "terms[1].basis", "'said' is not a glossary basis.")])


def test_a_check_says_what_the_problems_stop_not_that_nothing_was_published():
    report = TWO.report("check")
    assert report.startswith("The data has 2 problems. The site cannot be built until they are fixed.\n")
    assert "published" not in report
    assert report.endswith("\n\nFix these in the files named, then run the command again.")


def test_a_build_says_nothing_was_published():
    report = ONE.report("build")
    assert report.startswith("The data has 1 problem. Nothing was published.\n")
    assert report == ONE.report() == str(ONE), "a build's wording is the default"


def test_the_preview_never_asks_for_the_command_again():
    report = ONE.report("serve")
    assert report.startswith("The preview cannot show the site: the data has a problem.\n")
    assert report.endswith("\n\nFix this in the file named and save: the preview updates by itself.")
    assert "run the command again" not in report and "published" not in report
    assert TWO.headline("serve") == "The preview cannot show the site: the data has 2 problems."
    assert TWO.next_step("serve") == "Fix these in the files named and save: the preview updates by itself."


def test_each_report_holds_every_problem_between_its_first_and_last_sentence():
    for context in ("check", "build", "serve"):
        report = TWO.report(context)
        assert report == "\n\n".join([TWO.headline(context), *(p.explain() for p in TWO.problems),
                                      TWO.next_step(context)])


@pytest.mark.parametrize("vocabulary, words", [
    ("ResponseDecision", {"Yes": "agreed", "In part": "partially agreed", "No": "not agreed",
                          "Agreed in principle": "accepted in principle", "Rejected": "not agreed"}),
    ("ProgressState", {"Completed": "complete", "Done": "complete", "On-going": "in progress",
                       "Underway": "in progress", "Not yet started": "not started"}),
    ("AddressedTo", {"Cabinet": "executive", "The Executive": "executive", "Scrutiny committee": "committee"}),
    ("Outcome", {"Signed-off": None, "Not implemented": "closed not implemented", "Completed": "signed off"}),
])
def test_the_councils_words_map_to_the_trackers_values(vocabulary, words):
    from tracker import model

    literal = getattr(model, vocabulary)
    for said, value in words.items():
        assert synonyms.meant(literal, said) == value, said


def test_every_synonym_names_a_real_value_and_none_is_a_value_itself():
    for literal, table in synonyms.TABLES.items():
        allowed = set(get_args(literal))
        assert set(table.values()) <= allowed, table
        assert not set(table) & allowed
        assert all(key == synonyms.fold(key) for key in table), "keys are written folded"


def test_a_closed_pipe_is_not_reported_as_a_fault(tmp_path: Path):
    # `tracker new recommendation ... | head -0`: the reader goes away before anything is printed.
    project = copy_fixture(tmp_path)
    process = subprocess.Popen([str(BIN / "tracker"), "new", "recommendation", "sample-review-2020"],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # type: ignore[union-attr]
    errors = process.stderr.read().decode()  # type: ignore[union-attr]
    process.wait(timeout=60)
    assert "Something went wrong" not in errors and "Traceback" not in errors and "Broken" not in errors, errors
    assert process.returncode == 1
    assert (project / "data/reviews/sample-review-2020/recommendations/iv.yml").is_file(), "the command still ran"


def test_ctrl_c_says_stopped(monkeypatch, capsys, tmp_path: Path):
    def interrupted(args):
        raise KeyboardInterrupt

    from tracker.commands import check  # `tracker check` lives in its own module

    monkeypatch.setattr(check, "run", interrupted)
    assert cli.main(["check", "--data", str(tmp_path)]) == 130
    captured = capsys.readouterr()
    assert captured.err == "Stopped. Nothing was changed.\n"
    assert captured.out == ""


def test_a_synonym_is_still_refused(tmp_path: Path):
    # A suggestion only: the exact word is what the JSON Schema, the editor and the build all accept.
    project = copy_fixture(tmp_path)
    sub(REC_I, "state: in progress", "state: Done")(project)
    result = subprocess.run([str(BIN / "tracker"), "check", "--data", "data"], cwd=project, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "Did you mean 'complete'? The tracker's word for 'Done' is 'complete'." in result.stderr
