"""The fixes a clerk reviewer asked for: Ctrl+C, missing and mistyped options, the missing commands, numbering,
whom a recommendation is addressed to, and the small things (counts, as-at, diff, names of files)."""

from __future__ import annotations

import pytest

from test_cli import REAL_REVIEW, read, real_copy
from test_validation import output, tracker

from tracker import cli

IV = f"data/reviews/{REAL_REVIEW}/recommendations/iv.yml"


# ----------------------------------------------------------------- Ctrl+C and options


def test_ctrl_c_while_starting_says_nothing_was_changed(monkeypatch, capsys):
    def interrupted():
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_parser", interrupted)
    assert cli.main(["check"]) == 130
    err = capsys.readouterr().err
    assert err.strip() == "Stopped. Nothing was changed."


def test_ctrl_c_after_a_write_names_what_was_changed(tmp_path, monkeypatch, capsys):
    project = real_copy(tmp_path)
    monkeypatch.chdir(project)

    def interrupted(*args):
        raise KeyboardInterrupt
    from tracker.commands import update  # it holds its own name for the function, once imported

    monkeypatch.setattr(cli, "_report_after", interrupted)
    monkeypatch.setattr(update, "_report_after", interrupted)
    code = cli.main(["add", "update", REAL_REVIEW, "iv", "1", "--reported-on", "2021-03-31", "--text", "Sent."])
    assert code == 130
    err = capsys.readouterr().err
    assert "Stopped. These files were already changed: iv.yml." in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args, option, meaning", [
    (["move", "deadline", REAL_REVIEW, "iv", "1", "--to", "2020-06", "--reason", "x", "--source", "cyp-minutes"],
     "--changed-on", "when the change was made or reported"),
    (["new", "review", "x-2021", "--title", "X", "--committee", "cabinet"], "--held-on", "when the review was held"),
])
def test_a_missing_option_is_explained_not_just_a_usage_line(tmp_path, args, option, meaning):
    project = real_copy(tmp_path)
    result = tracker(*args, cwd=project)
    assert result.returncode == 2
    assert f"needs {option}. Nothing was changed." in result.stderr
    assert f"Give {option} DATE: {meaning}" in result.stderr and "It is never filled in for you." in result.stderr
    assert "--help' explains every option, with an example." in result.stderr
    assert "the following arguments are required" not in result.stderr


def test_a_mistaken_addressed_to_names_the_option_and_the_word_meant(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("new", "recommendation", REAL_REVIEW, "--text", "That it is done.", "--addressed-to", "Cabinet",
                     "--response-title", "Executive Response", "--words", "Agreed", "--response-text", "Yes.",
                     cwd=project)
    assert result.returncode == 1
    assert "--addressed-to: 'Cabinet' is not one of the words for whom it asks to act" in result.stderr
    assert "'Cabinet' means the executive: write --addressed-to executive." in result.stderr
    assert ".yml, line" not in result.stderr


def test_a_recommendation_to_the_full_council_is_recorded_and_shown(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("new", "recommendation", REAL_REVIEW, "--text", "That the council adopts the policy.",
                     "--addressed-to", "Council", "--response-title", "Council Response", "--words", "Agreed",
                     "--response-text", "Agreed.", cwd=project)
    assert result.returncode == 0, output(result)
    assert "addressed_to: council" in read(project, f"data/reviews/{REAL_REVIEW}/recommendations/xiii.yml")
    assert tracker("check", cwd=project).returncode == 0


# ----------------------------------------------------------------- the missing commands


def test_new_meeting_then_an_assessment_at_it(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("new", "meeting", "cyp-scrutiny-2021-07-20", "--title", "Progress on the spotlight review",
                     "--committee", "Children and young people scrutiny committee", "--held-on", "2021-07-20",
                     "--as-written", "20 July 2021", "--source", "cyp-minutes", "--review", REAL_REVIEW, cwd=project)
    assert result.returncode == 0, output(result)
    text = read(project, "data/council/meetings/cyp-scrutiny-2021-07-20.yml")
    assert 'date: {as_written: 20 July 2021, edtf: "2021-07-20"}' in text and "reviews: [peer-on-peer-abuse-2019]" in text
    assessed = tracker("assess", REAL_REVIEW, "v", "--value", "On track", "--meeting", "cyp-scrutiny-2021-07-20",
                       cwd=project)
    assert assessed.returncode == 0, output(assessed)
    assert "Dated 20 July 2021, the meeting's date" in assessed.stdout


def test_new_owner_and_add_alias(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("new", "owner", "education-safeguarding-officer", "--name", "Education Safeguarding Officer",
                     "--alias", "ESO", cwd=project)
    assert result.returncode == 0, output(result)
    assert "  - ESO" in read(project, "data/council/owners/education-safeguarding-officer.yml")
    added = tracker("add", "alias", "democratic-services", "democratic services team", cwd=project)
    assert added.returncode == 0, output(added)
    assert "Added the spelling 'democratic services team' to the owner democratic-services" in added.stdout
    assert "  - democratic services team" in read(project, "data/council/owners/democratic-services.yml")
    again = tracker("add", "alias", "democratic-services", "Democratic  services", cwd=project)
    assert again.returncode == 1 and "already names the owner democratic-services" in again.stderr
    # An action may now name the owner by the new spelling.
    action = tracker("add", "action", REAL_REVIEW, "v", "--description", "Do it.", "--owner", "ESO", cwd=project)
    assert action.returncode == 0, output(action)


def test_edit_source_corrects_only_the_fields_given(tmp_path):
    project = real_copy(tmp_path)
    path = "data/council/sources/cyp-minutes.yml"
    before = read(project, path).split("\n")
    url = "https://councillors.herefordshire.gov.uk/ieListDocuments.aspx?CId=809&MId=8214"
    result = tracker("edit", "source", "cyp-minutes", "--url", url, cwd=project)
    assert result.returncode == 0, output(result)
    assert "Corrected the web address of the source document cyp-minutes" in result.stdout
    after = read(project, path).split("\n")
    assert [a for a, b in zip(after, before) if a != b] == [f"url: {url}"] and len(after) == len(before)
    unknown = tracker("edit", "source", "cyp-minute", "--title", "X", cwd=project)
    assert unknown.returncode == 1 and "Did you mean 'cyp-minutes'?" in unknown.stderr


# ----------------------------------------------------------------- numbering


def test_numbering_continues_the_prefix_or_asks_for_an_id(tmp_path):
    from tracker.commands.templates import next_id

    assert next_id(["R1", "R2"], {"R1", "R2"}, True) == "R3"
    assert next_id(["01", "02"], set(), True) == "03"
    with pytest.raises(cli.Stop, match="follow no one pattern, so the next one cannot be guessed. Give it with --id"):
        next_id(["R1", "x"], set(), True)


# ----------------------------------------------------------------- the small things


def test_as_at_refuses_a_day_before_the_latest_information_in_plain_words(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("as-at", "2020-01-01", cwd=project)
    assert result.returncode == 1
    assert "it cannot be earlier than 26 November 2020 (the latest information" in result.stderr
    assert "as_at' in data/site.yml" not in result.stderr


def test_as_at_removes_the_comment_that_says_it_is_left_out(tmp_path):
    project = real_copy(tmp_path)
    assert "# as_at is left out" in read(project, "data/site.yml")
    assert tracker("as-at", "2021-07-20", cwd=project).returncode == 0
    site = read(project, "data/site.yml")
    assert 'as_at: "2021-07-20"' in site and "# as_at is left out" not in site


def test_already_used_names_the_file_in_full(tmp_path):
    project = real_copy(tmp_path)
    result = tracker("new", "source", "cyp-minutes", "--title", "X", cwd=project)
    assert result.returncode == 1
    assert "'cyp-minutes' is already used, by data/council/sources/cyp-minutes.yml." in result.stderr


def test_an_assessment_after_sign_off_is_warned_about(tmp_path):
    project = real_copy(tmp_path)
    meeting = ["--meeting", "cyp-scrutiny-review-of-cases"]
    assert tracker("sign-off", REAL_REVIEW, "iv", "--value", "achieved", *meeting, cwd=project).returncode == 0
    result = tracker("assess", REAL_REVIEW, "iv", "--value", "slipped", *meeting, cwd=project)
    assert result.returncode == 0, output(result)
    assert "Warning: recommendation iv was already signed off (monitoring ended)" in result.stderr
    checked = tracker("check", cwd=project)
    assert checked.returncode == 0
    assert "This assessment comes after assessment 1, which signed off the item" in output(checked)


def test_diff_counts_actions_as_check_does_and_shows_the_as_at_dates():
    from datetime import date

    from tracker import diff
    from tracker.load import load
    from test_validation import ROOT

    loaded = load(ROOT / "data")
    before = load(ROOT / "data").tracker
    after = loaded.tracker
    after.site.as_at = "2021-07-20"
    result = diff.compare(before, after, date(2021, 7, 20), "main")
    assert "Site settings: as at changed from the build date to 20 July 2021" in result.changed
    counts = dict(diff._counts(after, diff._follow_ups(after, date(2021, 7, 20))))
    checked = sum(len(r.response.actions) for review in after.reviews for r in (*review.recommendations,
                  *review.resolutions) if r.response) + sum(len(p.actions) for d in after.council.decisions
                                                            for p in d.parts)
    assert counts["Actions"] == checked
