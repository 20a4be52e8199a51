"""The `tracker` command: help, check, update, new and schema, as a clerk uses them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from test_validation import (CHRISTMAS_DECISION, COMMITMENT, FIXTURE, REC_I, REC_II, REC_III, ROOT, copy_fixture,
                             output, put, tracker)

REVIEW_ID = "sample-review-2020"
REAL_REVIEW = "peer-on-peer-abuse-2019"


def real_copy(tmp: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp / "data")
    return tmp


def read(project: Path, rel: str) -> str:
    return (project / rel).read_text(encoding="utf-8")


def inserted_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``, asserting it removes or changes nothing else."""
    old, new = before.split("\n"), after.split("\n")
    added, i = [], 0
    for line in new:
        if i < len(old) and line == old[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old), "the update changed or removed existing lines"
    return added


# ------------------------------------------------------------------------ help


def test_help_lists_every_command(tmp_path):
    result = tracker("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("check", "update", "new recommendation", "new resolution", "new commitment", "schema"):
        assert f"tracker {command}" in result.stdout
    for sub in (["check"], ["update"], ["new"], ["new", "recommendation"], ["new", "resolution"],
                ["new", "commitment"], ["schema"]):
        result = tracker(*sub, "--help", cwd=tmp_path)
        assert result.returncode == 0, sub
        assert "usage: tracker" in result.stdout


def test_no_command_shows_help(tmp_path):
    result = tracker(cwd=tmp_path)
    assert result.returncode == 2
    assert "tracker check" in result.stdout


def test_a_mistyped_option_is_a_usage_message_not_a_traceback(tmp_path):
    result = tracker("update", REVIEW_ID, "i", "1", "--txt", "x", cwd=tmp_path)
    assert result.returncode == 2
    assert "usage: tracker update" in result.stderr
    assert "Traceback" not in output(result)


# ----------------------------------------------------------------------- check


def test_check_finds_the_data_folder_from_a_sub_folder(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("check", cwd=project / "data" / "reviews" / REVIEW_ID)
    assert result.returncode == 0, output(result)
    assert ("The data is ready to publish: 2 reviews, 4 recommendations, 2 resolutions, 1 commitment, 1 event, "
            "3 committees, 2 owners, 1 meeting, 1 decision, 3 sources (20 records) checked in ") in result.stdout
    assert "They hold 4 actions, 4 progress updates and 2 assessments." in result.stdout
    assert "Statuses are worked out as at 30 June 2021." in result.stdout
    assert "Warning:" not in result.stdout and result.stderr == ""


def test_check_that_fails_says_what_it_stops_not_that_nothing_was_published(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / REC_I
    path.write_text(path.read_text().replace("decision: partially agreed", "decision: partialy agreed"))
    result = tracker("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("The data has 1 problem. The site cannot be built until it is fixed.\n")
    assert "Nothing was published" not in output(result)
    assert result.stderr.rstrip().endswith("Fix these in the files named, then run the command again.")


def test_check_prints_warnings_after_the_ok_line_and_passes(tmp_path):
    project = copy_fixture(tmp_path)
    put("data/council/decisions/christmas-decision.yml", CHRISTMAS_DECISION)(project)
    result = tracker("check", cwd=project)
    assert result.returncode == 0, output(result)
    lines = result.stdout.split("\n")
    assert lines[0].startswith("The data is ready to publish: ")
    assert "21 records" in lines[0]
    warning = lines.index("Warning: data/council/decisions/christmas-decision.yml, line 7, column 17, "
                          "field 'effective_from':")
    assert warning > 0 and lines[warning + 1].startswith("    7 | effective_from:")
    assert "29 December 2020" in result.stdout and "31 December 2020" in result.stdout
    assert "1 warning: worth a look, but it does not stop the site being published." in result.stdout


def test_check_of_the_real_data_passes(tmp_path):
    result = tracker("check", "--data", str(ROOT / "data"), cwd=tmp_path)
    assert result.returncode == 0, output(result)
    assert "Note:" not in result.stdout


def test_check_notes_a_missing_schema_line_without_failing(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / REC_III
    path.write_text(path.read_text().split("\n", 1)[1])
    result = tracker("check", "--data", "data", cwd=project)
    assert result.returncode == 0
    assert (f"Note: {REC_III} does not start with its schema line" in result.stdout
            and "# yaml-language-server: $schema=../../../../schemas/recommendation.schema.json" in result.stdout)


def test_check_of_a_missing_folder(tmp_path):
    result = tracker("check", "--data", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 1
    assert "The data folder does not exist." in result.stderr
    assert "Traceback" not in output(result)


def test_an_engine_bug_is_reported_without_a_traceback(monkeypatch, capsys):
    from tracker import cli

    def broken(data_dir):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "load", broken)
    monkeypatch.delenv("TRACKER_DEBUG", raising=False)
    assert cli.main(["check", "--data", str(FIXTURE)]) == 3
    err = capsys.readouterr().err
    assert "Something went wrong inside the tracker itself, not in your data" in err
    assert "RuntimeError: boom" in err
    assert "Traceback" not in err


# ---------------------------------------------------------------------- update


def test_update_adds_a_dated_progress_update_and_keeps_everything_else(tmp_path):
    project = real_copy(tmp_path)
    rel = f"data/reviews/{REAL_REVIEW}/recommendations/iv.yml"
    before = read(project, rel)
    result = tracker("update", REAL_REVIEW, "iv", "1", "--date", "2021-03-31", "--as-written", "31 March 2021",
                     "--text", "The letter was sent to the DfE on 12 March 2021.", "--state", "complete",
                     "--source", "spotlight-responses", cwd=project)
    assert result.returncode == 0, output(result)
    assert f"Added a progress update to recommendation iv, action 1: {rel}, line 23." in result.stdout
    assert "All the data checks out" in result.stdout
    after = read(project, rel)
    assert after.startswith("# yaml-language-server: $schema=../../../../schemas/recommendation.schema.json\n")
    assert inserted_lines(before, after) == [
        '        - date: {as_written: 31 March 2021, edtf: "2021-03-31"}',
        "          text: The letter was sent to the DfE on 12 March 2021.",
        "          state: complete",
        "          source: spotlight-responses",
    ]
    from tracker.load import load

    rec = next(r for r in load(project / "data").tracker.reviews[0].recommendations if r.id == "iv")
    update = rec.response.actions[0].progress[-1]
    assert (update.text, update.state, update.date.edtf) == ("The letter was sent to the DfE on 12 March 2021.",
                                                             "complete", "2021-03-31")


def test_update_keeps_comments(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / REC_I
    path.write_text(path.read_text().replace("  actions:\n", "  actions:   # the table on page 3\n")
                    .replace("      owner: Fixture Team\n", "      # owner checked with the clerk, May 2021\n"
                             "      owner: Fixture Team\n", 1))
    before = path.read_text()
    result = tracker("update", REVIEW_ID, "i", "1", "--date", "2021-05", "--as-written", "May 2021",
                     "--text", "Letters drafted.", cwd=project)
    assert result.returncode == 0, output(result)
    after = path.read_text()
    assert "  actions:   # the table on page 3\n" in after
    assert "      # owner checked with the clerk, May 2021\n" in after
    assert len(inserted_lines(before, after)) == 2


def test_update_turns_an_empty_progress_list_into_a_list(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    result = tracker("update", REVIEW_ID, "i", "2", "--date", "2021-06-01", "--text",
                     "Policies checked in:\n- ten schools\n- two academies", cwd=project)
    assert result.returncode == 0, output(result)
    after = read(project, REC_I)
    assert "      progress: []\n" in before and "      progress: []\n" not in after
    assert "      progress:\n        - date: {as_written: 1 June 2021, edtf: \"2021-06-01\"}" in after
    assert "          text: |\n            Policies checked in:\n            - ten schools\n" in after


def test_update_adds_progress_where_there_was_none(tmp_path):
    project = copy_fixture(tmp_path)
    rel = "data/reviews/second-review-2021/recommendations/1.yml"
    path = project / rel
    path.write_text(path.read_text().split("      progress:")[0])
    result = tracker("update", "second-review-2021", "1", "1", "--date", "2021-04-02", "--as-written", "2 April 2021",
                     "--text", "The letter was sent.", "--state", "complete", cwd=project)
    assert result.returncode == 0, output(result)
    assert "      progress:\n        - date: {as_written: 2 April 2021, edtf: \"2021-04-02\"}\n" in path.read_text()


def test_update_of_a_recommendation_sharing_a_response_goes_to_the_holder(tmp_path):
    project = copy_fixture(tmp_path)
    before_ii = read(project, REC_II)
    result = tracker("update", REVIEW_ID, "ii", "1", "--date", "2021-05-05", "--text", "Letters drafted.", cwd=project)
    assert result.returncode == 0, output(result)
    assert "shares its response with recommendation i" in result.stdout
    assert read(project, REC_II) == before_ii
    assert "Letters drafted." in read(project, REC_I)


def test_update_keeps_windows_line_endings_and_byte_order_mark(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / REC_III
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = tracker("update", REVIEW_ID, "iii", "1", "--date", "2020-07", "--as-written", "July 2020",
                     "--text", "Sent.", cwd=project)
    assert result.returncode == 0, output(result)
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"Sent." in raw


def test_update_keeps_hostile_text_as_text(tmp_path):
    project = copy_fixture(tmp_path)
    text = 'Done: {{ x }} <script>alert(1)</script> [a](javascript:x) - "q" # not a comment'
    result = tracker("update", REVIEW_ID, "iii", "1", "--date", "2020-07-01", "--text", text, cwd=project)
    assert result.returncode == 0, output(result)
    from tracker.load import load

    review = load(project / "data").tracker.reviews[0]
    rec = next(r for r in review.recommendations if r.id == "iii")
    assert rec.response.actions[0].progress[-1].text == text


@pytest.mark.parametrize("args, message", [
    (["--date", "2021-07-01"], "is after the 'as at' date (30 June 2021)"),
    (["--text", "TODO: fill in"], "The update was not added, because it would make the data wrong. Nothing was changed."),
    (["--date", "31/03/2021"], "Did you mean '2021-03-31'?"),
    (["--date", "2021-02-30"], "February 2021 has 28 days"),
    (["--state", "completed"], "Did you mean 'complete'?"),
    (["--source", "sample-reprot"], "Did you mean 'sample-report'?"),
    (["--as-written", "In the summer"], "Give --date as well"),
    (["--text", "  "], "The --text is empty"),
])
def test_update_refuses_what_would_make_the_data_wrong(tmp_path, args, message):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    base = {"--text": "Letters drafted.", "--date": "2021-05-05"}
    for flag, value in zip(args[::2], args[1::2]):
        base[flag] = value
    if "--as-written" in base:
        base.pop("--date")
    result = tracker("update", REVIEW_ID, "i", "1", *[x for pair in base.items() for x in pair], cwd=project)
    assert result.returncode == 1
    assert message in output(result)
    assert "Traceback" not in output(result)
    assert read(project, REC_I) == before


@pytest.mark.parametrize("target, message", [
    (["sample-review", "i", "1"], "Did you mean 'sample-review-2020'?"),
    ([REVIEW_ID, "iv", "1"], "Recommendations: i, ii, iii\nResolutions: 1, 2\nCommitments: letters-by-september"),
    ([REVIEW_ID, "letters-by-septmber"], "Did you mean 'letters-by-september'?"),
    ([REVIEW_ID, "i", "3"], "Its actions: 1, 2"),
    ([REVIEW_ID, "i"], "Give the number of the action of recommendation i that the update is about.\nIts actions: 1, 2"),
    ([REVIEW_ID, "1", "1"], "Resolution 1 has no actions, so there is nothing to add progress to."),
    ([REVIEW_ID, "letters-by-september", "1"], "A commitment has no actions: its progress is recorded on the "
                                               "commitment itself."),
])
def test_update_names_what_does_exist(tmp_path, target, message):
    project = copy_fixture(tmp_path)
    result = tracker("update", *target, "--text", "x", "--date", "2021-05", cwd=project)
    assert result.returncode == 1
    assert message in result.stderr


def test_update_with_evidence_of_a_decision_part(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    result = tracker("update", REVIEW_ID, "i", "1", "--date", "2021-06-01", "--as-written", "1 June 2021",
                     "--text", "Letters sent.", "--state", "complete", "--source", "sample-minutes",
                     "--evidence", "sample-decision#b)", "--evidence", "sample-meeting", cwd=project)
    assert result.returncode == 0, output(result)
    assert f"Added a progress update to recommendation i, action 1: {REC_I}, line 35." in result.stdout
    assert inserted_lines(before, read(project, REC_I)) == [
        '        - date: {as_written: 1 June 2021, edtf: "2021-06-01"}',
        "          text: Letters sent.",
        "          state: complete",
        "          source: sample-minutes",
        "          evidence:",
        '            - {record: sample-decision, part: "b)"}',
        "            - {record: sample-meeting}",
    ]
    from tracker.load import load

    rec = next(r for r in load(project / "data").tracker.reviews[0].recommendations if r.id == "i")
    evidence = rec.response.actions[0].progress[-1].evidence
    assert [(e.record, e.part) for e in evidence] == [("sample-decision", "b)"), ("sample-meeting", None)]


def test_update_of_a_commitment(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, COMMITMENT)
    result = tracker("update", REVIEW_ID, "letters-by-september", "--date", "2021-06", "--as-written", "June 2021",
                     "--text", "The letters went out.", "--state", "complete",
                     "--evidence", "second-review-2021/1", cwd=project)
    assert result.returncode == 0, output(result)
    assert f"Added a progress update to commitment letters-by-september: {COMMITMENT}, line 16." in result.stdout
    assert inserted_lines(before, read(project, COMMITMENT)) == [
        '  - date: {as_written: June 2021, edtf: "2021-06"}',
        "    text: The letters went out.",
        "    state: complete",
        "    evidence:",
        "      - {record: second-review-2021/1}",
    ]


def test_update_adds_progress_to_a_commitment_that_had_none(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / COMMITMENT
    text = path.read_text()
    path.write_text(text[:text.index("progress:")] + text[text.index("related:"):])
    result = tracker("update", REVIEW_ID, "letters-by-september", "--date", "2021-06-02", "--text", "Sent.",
                     cwd=project)
    assert result.returncode == 0, output(result)
    assert ("source: sample-minutes\nprogress:\n  - date: {as_written: 2 June 2021, edtf: \"2021-06-02\"}\n"
            "    text: Sent.\nrelated: [i]\n") in path.read_text()


@pytest.mark.parametrize("evidence, message", [
    ("sample-decisoin", "'sample-decisoin' is not a record of this review, nor a meeting, decision or source "
                        "document in data/council.\nDid you mean 'sample-decision'?"),
    ("sample-decision#b", "the decision 'sample-decision' has no part 'b'.\nDid you mean 'b)'?\nIts parts: a), b)"),
    ("sample-decision#", "nothing follows the '#'"),
    ("sample-meeting#a)", "only a decision has parts"),
    ("second-review/1", "'second-review' in 'second-review/1' is not a review.\nDid you mean 'second-review-2021'?"),
    ("second-review-2021/2", "review 'second-review-2021' has no record '2'."),
])
def test_update_refuses_evidence_that_names_nothing(tmp_path, evidence, message):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    result = tracker("update", REVIEW_ID, "i", "1", "--date", "2021-06-01", "--text", "x", "--evidence", evidence,
                     cwd=project)
    assert result.returncode == 1
    assert "--evidence: " in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in output(result)
    assert read(project, REC_I) == before


def test_update_of_a_broken_file_shows_its_problem(tmp_path):
    project = copy_fixture(tmp_path)
    path = project / REC_I
    path.write_text(path.read_text().replace("  title: Executive Response", "\ttitle: Executive Response"))
    result = tracker("update", REVIEW_ID, "i", "1", "--text", "x", "--date", "2021-05", cwd=project)
    assert result.returncode == 1
    assert f"{REC_I}, line 9, column 1:" in result.stderr
    assert "tab character" in result.stderr


# ------------------------------------------------------------------------- new


def test_new_recommendation_takes_the_next_roman_numeral(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("new", "recommendation", REAL_REVIEW, cwd=project)
    assert result.returncode == 0, output(result)
    rel = f"data/reviews/{REAL_REVIEW}/recommendations/xiii.yml"
    assert f"Created {rel} (recommendation xiii)." in result.stdout
    text = read(project, rel)
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/recommendation.schema.json\nid: xiii\n")
    assert "source: spotlight-responses" in text
    # Until the clerk fills it in, the check says exactly what is missing, and nothing is published.
    assert f"{rel}, line 4, column 7, field 'text':" in result.stdout
    assert f"{rel}, line 6, column 14, field 'addressed_to':" in result.stdout
    checked = tracker("check", cwd=project)
    assert checked.returncode == 1
    filled = (text.replace("TODO: the recommendation, word for word", "That the executive reports back.")
              .replace("addressed_to:  ", "addressed_to: executive")
              .replace("TODO: the response, word for word", "Agreed."))
    (project / rel).write_text(filled)
    checked = tracker("check", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert "13 recommendations" in checked.stdout


def test_new_recommendation_in_the_fixture_reviews(tmp_path):
    project = copy_fixture(tmp_path)
    assert tracker("new", "recommendation", REVIEW_ID, cwd=project).returncode == 0
    assert (project / f"data/reviews/{REVIEW_ID}/recommendations/iv.yml").is_file()
    assert tracker("new", "recommendation", "second-review-2021", cwd=project).returncode == 0
    assert (project / "data/reviews/second-review-2021/recommendations/2.yml").is_file()


def test_new_resolution_takes_the_next_number_and_names_the_meeting(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("new", "resolution", REAL_REVIEW, "--meeting", "cyp-scrutiny-review-of-cases", cwd=project)
    assert result.returncode == 0, output(result)
    rel = f"data/reviews/{REAL_REVIEW}/resolutions/12.yml"
    text = read(project, rel)
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/resolution.schema.json\n"
                           'id: "12"\nmeeting: cyp-scrutiny-review-of-cases\n')
    assert "source: cyp-minutes" in text
    assert f"{rel}, line 4, column 7, field 'text':" in result.stdout


def test_new_resolution_needs_a_real_meeting(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "resolution", REVIEW_ID, "--meeting", "sample-meting", cwd=project)
    assert result.returncode == 1
    assert ("There is no meeting 'sample-meting' in data/council/meetings.\nDid you mean 'sample-meeting'?\n"
            "Meetings: sample-meeting\nAdd the meeting's file to data/council/meetings first") in result.stderr
    assert not (project / f"data/reviews/{REVIEW_ID}/resolutions/3.yml").exists()


def test_new_resolution_in_a_fixture_review(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "resolution", REVIEW_ID, "--meeting", "sample-meeting", cwd=project)
    assert result.returncode == 0, output(result)
    rel = f"data/reviews/{REVIEW_ID}/resolutions/3.yml"
    text = read(project, rel)
    assert 'id: "3"\nmeeting: sample-meeting\n' in text and "source: sample-minutes" in text
    assert "Note:" not in result.stdout  # the meeting lists this review
    (project / rel).write_text(text.replace("TODO: the resolution, word for word", "Asks for a letter.")
                               .replace("addressed_to:  ", "addressed_to: executive"))
    checked = tracker("check", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert "3 resolutions" in checked.stdout


def test_new_resolution_notes_a_meeting_that_does_not_list_the_review(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "resolution", "second-review-2021", "--meeting", "sample-meeting", cwd=project)
    assert result.returncode == 0, output(result)
    assert "Note: the meeting sample-meeting does not list 'second-review-2021' in its 'reviews'." in result.stdout
    assert (project / "data/reviews/second-review-2021/resolutions/2.yml").is_file()  # 1 is a recommendation


def test_new_commitment_names_what_to_fill_in(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "commitment", REVIEW_ID, "--meeting", "sample-meeting", "--id", "chase-the-letters",
                     cwd=project)
    assert result.returncode == 0, output(result)
    rel = f"data/reviews/{REVIEW_ID}/commitments/chase-the-letters.yml"
    assert f"Created {rel} (commitment chase-the-letters, given at sample-meeting)." in result.stdout
    text = read(project, rel)
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/commitment.schema.json\n"
                           "id: chase-the-letters\nmeeting: sample-meeting\n")
    assert "source: sample-minutes" in text
    assert f"{rel}, line 4, column 7, field 'text':" in result.stdout
    assert f"{rel}, line 6, column 10, field 'given_by':" in result.stdout
    filled = (text.replace("TODO: the minutes' words that record the undertaking, word for word",
                           "FT undertook to chase the letters.")
              .replace("given_by:  ", "given_by: FT")
              .replace("due:         ", 'due: {as_written: July 2021, edtf: "2021-07"}'))
    (project / rel).write_text(filled)
    checked = tracker("check", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert "2 commitments" in checked.stdout
    from tracker.load import load

    commitment = next(c for c in load(project / "data").tracker.reviews[0].commitments if c.id == "chase-the-letters")
    assert (commitment.given_by, commitment.due.edtf) == ("FT", "2021-07")


def test_new_commitment_takes_the_next_free_number_without_an_id(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "commitment", REVIEW_ID, "--meeting", "sample-meeting", cwd=project)
    assert result.returncode == 0, output(result)
    assert (project / f"data/reviews/{REVIEW_ID}/commitments/3.yml").is_file()  # 1 and 2 are resolutions


@pytest.mark.parametrize("args, message", [
    (["--id", "Chase letters"], "--id: 'Chase letters' cannot be an id"),
    (["--id", "i"], "--id: 'i' is already used in this review, by data/reviews/sample-review-2020/recommendations/i.yml"),
    (["--id", "x", "--meeting", "nowhere"], "There is no meeting 'nowhere' in data/council/meetings."),
])
def test_new_commitment_refuses(tmp_path, args, message):
    project = copy_fixture(tmp_path)
    options = {"--meeting": "sample-meeting", **dict(zip(args[::2], args[1::2]))}
    result = tracker("new", "commitment", REVIEW_ID, *[x for pair in options.items() for x in pair], cwd=project)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (project / f"data/reviews/{REVIEW_ID}/commitments/x.yml").exists()


@pytest.mark.parametrize("kind", [["recommendation"], ["resolution", "--meeting", "sample-meeting"],
                                  ["commitment", "--meeting", "sample-meeting"]])
def test_new_in_a_review_that_does_not_exist_says_how_to_start_one(tmp_path, kind):
    project = copy_fixture(tmp_path)
    result = tracker("new", kind[0], "third-review-2022", *kind[1:], cwd=project)
    assert result.returncode == 1
    assert "There is no review 'third-review-2022' in data/reviews." in result.stderr
    assert ('To start it: tracker new review third-review-2022 --title "..." --committee "..." --held-on YYYY-MM '
            "(see tracker new review --help, or CLERKS_GUIDE.md, 'Start a new review').") in result.stderr
    assert not (project / "data/reviews/third-review-2022").exists()


def test_next_id_skips_ids_used_elsewhere_in_the_review():
    from tracker.commands.templates import next_id, to_roman

    assert next_id(["i", "ii", "iii"], {"i", "ii", "iii"}, True) == "iv"
    assert next_id(["viii", "ix"], set(), True) == "x"
    assert next_id(["I", "II"], set(), True) == "III"
    assert next_id(["1", "2"], {"1", "2", "3"}, True) == "4"
    assert next_id([], set(), True) == "1"
    assert next_id(["1", "10", "9"], set(), False) == "11"
    assert [to_roman(n) for n in (4, 9, 14, 40, 1999)] == ["iv", "ix", "xiv", "xl", "mcmxcix"]


# ---------------------------------------------------------------------- schema


def test_schema_writes_and_checks(tmp_path):
    out = tmp_path / "schemas"
    result = tracker("schema", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{k}.schema.json" for k in ("site", "glossary", "review", "recommendation", "resolution", "commitment",
                                     "event", "committee", "owner", "meeting", "decision", "source"))
    assert tracker("schema", "--out", str(out), "--check", cwd=tmp_path).returncode == 0
    (out / "event.schema.json").write_text("{}")
    stale = tracker("schema", "--out", str(out), "--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert "event.schema.json" in stale.stderr
    assert tracker("schema", "--out", str(out), cwd=tmp_path).stdout.startswith("Wrote event.schema.json")


# ------------------------------------------------------- atomic, verified writes


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too, so a temporary file left behind is seen) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _in_process(monkeypatch, project: Path, *argv: str) -> int:
    """`tracker ...` run in this process, so a test can make a step fail."""
    from tracker import cli

    monkeypatch.chdir(project)
    monkeypatch.delenv("TRACKER_DEBUG", raising=False)
    return cli.main(list(argv))


class _DiskFull:
    """Stands in for io.open: every file opened for writing takes half of what is written, then reports a full
    disk, as a real one does mid-write. Whatever writes the file, the original must survive it."""

    def __init__(self, real, after: int = 0):
        self.real, self.after, self.opened = real, after, 0

    def __call__(self, file, mode="r", *args, **kwargs):
        handle = self.real(file, mode, *args, **kwargs)
        if not any(m in mode for m in "wxa"):
            return handle
        self.opened += 1
        if self.opened <= self.after:
            return handle
        write = handle.write

        def half_then_full(data):
            write(data[: len(data) // 2])
            handle.flush()
            raise OSError(28, "No space left on device")

        handle.write = half_then_full
        return handle


UPDATE = ("update", REVIEW_ID, "i", "1", "--date", "2021-05-05", "--text", "Letters drafted.")
NEW = ("new", "commitment", REVIEW_ID, "--meeting", "sample-meeting", "--id", "chase-the-letters")


@pytest.mark.parametrize("argv", [UPDATE, NEW], ids=["update", "new"])
def test_a_write_that_fails_half_way_leaves_every_file_as_it_was(tmp_path, monkeypatch, capsys, argv):
    import io

    project = copy_fixture(tmp_path)
    before = _tree(project)
    monkeypatch.setattr(io, "open", _DiskFull(io.open))
    code = _in_process(monkeypatch, project, *argv)
    monkeypatch.undo()
    assert code == 3, capsys.readouterr()
    assert "No space left on device" in capsys.readouterr().err
    assert _tree(project) == before  # the original byte for byte, and no temporary file behind


@pytest.mark.parametrize("argv", [UPDATE, NEW], ids=["update", "new"])
def test_a_check_that_fails_after_writing_leaves_every_file_as_it_was(tmp_path, monkeypatch, capsys, argv):
    from tracker import cli

    project = copy_fixture(tmp_path)
    before = _tree(project)
    real, calls = cli._problems, []

    def fails_after_the_write(*args, **kwargs):  # the check of the data with the change, or after it
        calls.append(args)
        if len(calls) > (1 if argv[0] == "update" else 0):
            raise RuntimeError("the check broke")
        return real(*args, **kwargs)

    if argv[0] == "update":  # `update` checks all the data with the changed file in place of the original
        monkeypatch.setattr(cli, "_problems", fails_after_the_write)
    else:  # `new` checks the file it wrote by reading it back
        real_read = cli.read_yaml

        def read(path, display):
            if path.name.endswith(cli.TEMP_SUFFIX):
                raise RuntimeError("the check broke")
            return real_read(path, display)

        monkeypatch.setattr(cli, "read_yaml", read)
    code = _in_process(monkeypatch, project, *argv)
    assert code == 3
    assert "RuntimeError: the check broke" in capsys.readouterr().err
    assert _tree(project) == before


def test_a_rename_that_fails_leaves_the_original(tmp_path, monkeypatch, capsys):
    project = copy_fixture(tmp_path)
    before = _tree(project)

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    assert _in_process(monkeypatch, project, *UPDATE) == 3
    assert "Permission denied" in capsys.readouterr().err
    assert _tree(project) == before


def test_an_update_is_checked_before_it_is_put_in_place(tmp_path, monkeypatch):
    """The check reads the changed file from the temporary file while the original is still in place."""
    from tracker import cli

    project = copy_fixture(tmp_path)
    path = project / REC_I
    original = path.read_bytes()
    seen = []
    real = cli._problems

    def watching(data_dir, replace=None):
        if replace:
            seen.append((path.read_bytes() == original, [p.name.startswith(".i.yml.") for p in replace.values()]))
        return real(data_dir, replace)

    monkeypatch.setattr(cli, "_problems", watching)
    assert _in_process(monkeypatch, project, *UPDATE) == 0
    assert seen == [(True, [True])]
    assert b"Letters drafted." in path.read_bytes()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tracker-tmp")]


def test_a_refused_update_leaves_no_temporary_file(tmp_path):
    project = copy_fixture(tmp_path)
    before = _tree(project)
    result = tracker(*UPDATE[:-1], "TODO: fill in", cwd=project)
    assert result.returncode == 1
    assert "Nothing was changed." in result.stderr
    assert _tree(project) == before


def test_new_never_replaces_a_file_that_appears_meanwhile(tmp_path, monkeypatch, capsys):
    from tracker import cli

    project = copy_fixture(tmp_path)
    target = project / f"data/reviews/{REVIEW_ID}/commitments/chase-the-letters.yml"
    real = cli._place_new

    def someone_else_first(temp, path):
        path.write_text("id: chase-the-letters\n")  # another clerk's file, made between the check and the rename
        return real(temp, path)

    monkeypatch.setattr(cli, "_place_new", someone_else_first)
    assert _in_process(monkeypatch, project, *NEW) == 1
    assert "already exists, so it was not replaced. Nothing was changed." in capsys.readouterr().err
    assert target.read_text() == "id: chase-the-letters\n"
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tracker-tmp")]


def test_new_refuses_an_id_that_differs_only_in_capitals(tmp_path):
    project = copy_fixture(tmp_path)
    before = _tree(project)
    result = tracker(*NEW[:-1], "I", cwd=project)
    assert result.returncode == 1
    assert ("--id: 'I' is too like 'i' (they differ only in capitals) in this review, by "
            "data/reviews/sample-review-2020/recommendations/i.yml. Pick another name.") in result.stderr
    assert _tree(project) == before


def test_new_refuses_a_name_windows_cannot_store(tmp_path):
    project = copy_fixture(tmp_path)
    before = _tree(project)
    result = tracker(*NEW[:-1], "aux", cwd=project)
    assert result.returncode == 1
    assert "--id: 'aux' cannot be an id: 'AUX' is a name Windows keeps for a device" in result.stderr
    assert _tree(project) == before


def test_next_id_counts_a_capitalised_id_as_taken():
    from tracker.commands.templates import next_id

    assert next_id(["i", "ii", "iii"], {"i", "ii", "iii", "IV"}, roman_if_used=True) == "v"


def test_update_never_writes_through_a_link(tmp_path):
    project = copy_fixture(tmp_path)
    outside = tmp_path / "outside.yml"
    outside.write_bytes((project / REC_I).read_bytes())
    (project / REC_I).unlink()
    (project / REC_I).symlink_to(outside)
    before = outside.read_bytes()
    result = tracker(*UPDATE, cwd=project)
    assert result.returncode == 1
    assert "This is a symbolic link (a shortcut to another file), not a file of its own." in result.stderr
    assert "outside.yml" not in output(result)
    assert outside.read_bytes() == before and (project / REC_I).is_symlink()


def test_a_failed_schema_write_leaves_every_schema_as_it_was(tmp_path, monkeypatch, capsys):
    import io

    out = tmp_path / "schemas"
    assert tracker("schema", "--out", str(out), cwd=tmp_path).returncode == 0
    for name in ("event.schema.json", "owner.schema.json", "site.schema.json"):
        (out / name).write_text("{}")  # out of date: all three are written again
    before = _tree(out)
    monkeypatch.setattr(io, "open", _DiskFull(io.open, after=1))  # the second one fills the disk
    code = _in_process(monkeypatch, tmp_path, "schema", "--out", str(out))
    monkeypatch.undo()
    assert code == 3, capsys.readouterr()
    assert _tree(out) == before


# ------------------------------------------------------------ the routine jobs


def _tree_of(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "data").rglob("*"))
            if p.is_file()}


def test_add_update_never_fills_in_a_date(tmp_path):
    project = copy_fixture(tmp_path)
    before = _tree_of(project)
    result = tracker("add", "update", REVIEW_ID, "i", "1", "--text", "Letters drafted.", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("Say when the source reported this progress: --reported-on 2021-03-31")
    assert '--reported-on "not stated"' in result.stderr
    assert _tree_of(project) == before


def test_add_update_with_no_stated_date_records_none(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    result = tracker("add", "update", REVIEW_ID, "i", "1", "--reported-on", "not stated",
                     "--text", "Letters drafted.", cwd=project)
    assert result.returncode == 0, output(result)
    assert "No date recorded for this update: the source does not state when it was reported." in result.stdout
    assert inserted_lines(before, read(project, REC_I)) == ["        - text: Letters drafted."]
    result = tracker("add", "update", REVIEW_ID, "i", "1", "--reported-on", "not stated", "--as-written", "May 2021",
                     "--text", "x", cwd=project)
    assert result.returncode == 1 and "so --as-written has nothing to describe" in result.stderr


def test_add_update_reported_on_is_the_date_written(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    result = tracker("add", "update", REVIEW_ID, "i", "1", "--reported-on", "2021-05-05", "--text", "Sent.",
                     "--source", "sample-report", cwd=project)
    assert result.returncode == 0, output(result)
    assert inserted_lines(before, read(project, REC_I)) == [
        '        - date: {as_written: 5 May 2021, edtf: "2021-05-05"}', "          text: Sent.",
        "          source: sample-report"]
    assert f"Added a progress update to recommendation i, action 1: {REC_I}, line " in result.stdout


def test_new_source_quotes_a_title_with_a_colon(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "source", "progress-2021-06", "--title", "Action plan: progress at June 2021",
                     "--kind", "progress report", "--published-on", "2021-06-30",
                     "--url", "https://www.example.gov.uk/progress", cwd=project)
    assert result.returncode == 0, output(result)
    path = "data/council/sources/progress-2021-06.yml"
    assert result.stdout.startswith(f"Added the source document progress-2021-06: {path}, line 1.\n")
    assert read(project, path) == (
        "# yaml-language-server: $schema=../../../schemas/source.schema.json\n"
        "id: progress-2021-06\n"
        'title: "Action plan: progress at June 2021"\n'
        "kind: progress report\n"
        "url: https://www.example.gov.uk/progress\n"
        'date: {as_written: 30 June 2021, edtf: "2021-06-30"}\n')
    assert tracker("check", cwd=project).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["sample-report", "--title", "Again"], "'sample-report' is already used, by data/council/sources/sample-report."),
    (["Sample Report 2", "--title", "x"], "Did you mean 'sample-report-2'?"),
    (["new-report", "--title", "x", "--url", "www.example.gov.uk"], "Did you mean 'https://www.example.gov.uk'?"),
    (["new-report", "--title", "x", "--published-on", "2021-07-01"], "is after the 'as at' date (30 June 2021)"),
])
def test_new_source_refuses(tmp_path, args, message):
    project = copy_fixture(tmp_path)
    before = _tree_of(project)
    result = tracker("new", "source", *args, cwd=project)
    assert result.returncode == 1
    assert message in result.stderr
    assert _tree_of(project) == before


def test_record_response_keeps_the_councils_words_and_its_date(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    result = tracker("record", "response", REVIEW_ID, "i", "--words", "In part", "--given-on", "2020-05",
                     "--as-written", "May 2020", cwd=project)
    assert result.returncode == 0, output(result)
    assert "Read --words 'In part' as the decision 'partially agreed'; give --decision to say otherwise." \
        in result.stdout
    assert inserted_lines(before, read(project, REC_I)) == [
        "  decision_words: In part", '  date: {as_written: May 2020, edtf: "2020-05"}']
    assert f"Changed the response to recommendation i: {REC_I}, line 8." in result.stdout


def test_record_response_asks_when_the_words_are_not_plain(tmp_path):
    project = copy_fixture(tmp_path)
    before = _tree_of(project)
    result = tracker("record", "response", REVIEW_ID, "i", "--words", "Noted", cwd=project)
    assert result.returncode == 1
    assert "--words: 'Noted' does not say plainly which decision it is. Give --decision as well" in result.stderr
    assert _tree_of(project) == before
    result = tracker("record", "response", REVIEW_ID, "i", "--words", "Noted", "--decision", "accepted in principle",
                     cwd=project)
    assert result.returncode == 0, output(result)
    assert "  decision: accepted in principle\n  decision_words: Noted\n" in read(project, REC_I)


def test_move_deadline_keeps_the_original_and_adds_the_change(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, REC_I)
    result = tracker("move", "deadline", REVIEW_ID, "i", "1", "--to", "2021-12", "--as-written", "December 2021",
                     "--changed-on", "2021-06-01", "--reason", "Waiting for: the new guidance.",
                     "--source", "sample-minutes", cwd=project)
    assert result.returncode == 0, output(result)
    assert inserted_lines(before, read(project, REC_I)) == [
        '        - due: {as_written: December 2021, edtf: "2021-12"}',
        '          changed: {as_written: 1 June 2021, edtf: "2021-06-01"}',
        '          reason: "Waiting for: the new guidance."',
        "          source: sample-minutes"]
    assert "Moved the deadline of recommendation i, action 1 to December 2021: " in result.stdout


def test_move_deadline_of_a_commitment_starts_its_list(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("move", "deadline", REVIEW_ID, "letters-by-september", "--to", "2021-10",
                     "--changed-on", "2021-06-01", "--reason", "Delayed.", "--source", "sample-minutes", cwd=project)
    assert result.returncode == 0, output(result)
    assert "due_changes:\n  - due: {as_written: October 2021, edtf: \"2021-10\"}" in read(project, COMMITMENT)


def test_assess_refuses_a_value_off_the_councils_scale(tmp_path):
    project = copy_fixture(tmp_path)
    before = _tree_of(project)
    result = tracker("assess", REVIEW_ID, "ii", "--value", "on-track", "--meeting", "sample-meeting", cwd=project)
    assert result.returncode == 1
    # The option is named, never a line of a file that was not written.
    assert "--value: 'on-track' is not on the council's assessment scale." in result.stderr
    assert "The scale: green (Green), amber (Amber), red (Red). Nothing was changed." in result.stderr
    assert ".yml, line" not in result.stderr
    assert _tree_of(project) == before


def test_assess_takes_the_scales_label_and_says_how_it_read_it(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("assess", REVIEW_ID, "ii", "--value", "Amber", "--meeting", "sample-meeting", cwd=project)
    assert result.returncode == 0, output(result)
    assert "Read --value 'Amber' as amber, the scale's key for 'Amber'." in result.stdout
    assert "    value: amber" in read(project, REC_II)


def test_sign_off_dates_it_with_the_meeting_and_says_so(tmp_path):
    project = copy_fixture(tmp_path)
    before = read(project, REC_II)
    result = tracker("sign-off", REVIEW_ID, "ii", "--value", "green", "--meeting", "sample-meeting",
                     "--text", "Signed off.", cwd=project)
    assert result.returncode == 0, output(result)
    assert "the meeting's date (give --assessed-on to say otherwise)." in result.stdout
    added = inserted_lines(before, read(project, REC_II))
    assert added[0] == "assessments:" and "    outcome: signed off" in added and "    value: green" in added
    assert result.stdout.count("Signed off recommendation ii: ") == 1


def test_new_review_refuses_an_unknown_committee_and_leaves_no_folder(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "review", "third-review-2022", "--title", "Third", "--committee", "Fixture scrutny",
                     "--held-on", "2021-03", cwd=project)
    assert result.returncode == 1
    assert "'Fixture scrutny' is not the name, id or alias of any committee." in result.stderr
    assert not (project / "data/reviews/third-review-2022").exists()


def test_a_review_started_by_commands_alone_passes_the_check(tmp_path):
    project = copy_fixture(tmp_path)
    steps = [
        ("new", "review", "third-review-2022", "--title", "Third review: transport", "--committee",
         "Fixture scrutiny committee", "--held-on", "2021-03", "--as-written", "March 2021"),
        ("new", "recommendation", "third-review-2022", "--id", "i", "--priority", "High", "--text", "That it is done.",
         "--addressed-to", "executive", "--source", "second-report", "--response-title", "Executive Response",
         "--words", "Yes", "--response-text", "It will be done."),
        ("add", "action", "third-review-2022", "i", "--description", "Do it.", "--owner", "Fixture Team",
         "--as-written", "On-going", "--success-criterion", "Done"),
        ("new", "recommendation", "third-review-2022", "--text", "That it is checked.", "--addressed-to", "committee",
         "--response-title", "Scrutiny Response", "--decision", "agreed", "--response-text", "It will be checked."),
    ]
    for step in steps:
        result = tracker(*step, cwd=project)
        assert result.returncode == 0, (step, output(result))
    folder = project / "data/reviews/third-review-2022"
    assert sorted(p.name for p in (folder / "recommendations").iterdir()) == ["i.yml", "ii.yml"]
    assert 'title: "Third review: transport"' in (folder / "review.yml").read_text()
    rec = (folder / "recommendations/i.yml").read_text()
    assert 'decision_words: "Yes"' in rec and "due: {as_written: On-going}" in rec and "priority: High" in rec
    checked = tracker("check", cwd=project)
    assert checked.returncode == 0, output(checked)


def test_as_at_sets_and_clears_the_day(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("as-at", "2021-05-31", cwd=project)
    assert result.returncode == 0, output(result)
    assert 'as_at: "2021-05-31"' in read(project, "data/site.yml")
    assert "Statuses are now worked out as at 31 May 2021: data/site.yml, line " in result.stdout
    result = tracker("as-at", "2021-05", cwd=project)
    assert result.returncode == 1 and "'2021-05' is not one day" in result.stderr
    assert tracker("as-at", "today", cwd=project).returncode == 0
    assert "as_at" not in read(project, "data/site.yml")


def test_new_commitment_complete_from_the_command(tmp_path):
    project = copy_fixture(tmp_path)
    result = tracker("new", "commitment", REVIEW_ID, "--meeting", "sample-meeting", "--id", "answer-by-july",
                     "--text", "The team committed to answering by July.", "--given-by", "FT",
                     "--due", "2021-07", "--as-written", "by July", cwd=project)
    assert result.returncode == 0, output(result)
    text = read(project, f"data/reviews/{REVIEW_ID}/commitments/answer-by-july.yml")
    assert 'due: {as_written: by July, edtf: "2021-07"}' in text and "given_by: FT" in text
    assert tracker("check", cwd=project).returncode == 0


def test_every_routine_job_has_help_with_examples(tmp_path):
    for command in (["init"], ["add", "update"], ["add", "action"], ["new", "review"], ["new", "source"],
                    ["new", "recommendation"], ["new", "resolution"], ["new", "commitment"], ["record", "response"],
                    ["move", "deadline"], ["assess"], ["sign-off"], ["as-at"]):
        result = tracker(*command, "--help", cwd=tmp_path)
        assert result.returncode == 0, command
        assert "Example" in result.stdout and f"tracker {' '.join(command)} " in result.stdout, command


@pytest.mark.parametrize("args, message", [
    (["new", "recommendation", REVIEW_ID, "--priority", "High"], "--priority needs the recommendation's words too"),
    (["new", "commitment", REVIEW_ID, "--meeting", "sample-meeting", "--given-by", "FT", "--due", "2021-07"],
     "--given-by, --due need the minutes' words too"),
    (["new", "resolution", REVIEW_ID, "--meeting", "sample-meeting", "--addressed-to", "executive"],
     "--addressed-to needs the minutes' words too"),
])
def test_an_option_the_template_cannot_take_is_never_silently_ignored(tmp_path, args, message):
    project = copy_fixture(tmp_path)
    before = _tree_of(project)
    result = tracker(*args, cwd=project)
    assert result.returncode == 1 and message in result.stderr, output(result)
    assert _tree_of(project) == before
