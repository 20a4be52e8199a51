"""Derived progress and response statuses, on small in-memory records."""

from datetime import date

from tracker.model import Action, DateValue, DueChange, ProgressUpdate, Response
from tracker.status import action_progress, recommendation_progress, response_status

AS_AT = date(2020, 6, 1)


def action(due=None, progress=(), changes=()):
    return Action(id="1", description="Do it.", due=due, progress=list(progress), due_changes=list(changes))


def update(state=None, text="Update.", when=None):
    return ProgressUpdate(text=text, state=state, date=DateValue(edtf=when[0], as_written=when[1]) if when else None)


def test_month_deadline_is_past_due_only_after_its_last_day():
    due = DateValue(as_written="End of March 2020", edtf="2020-03")
    assert action_progress(action(due), date(2020, 3, 31)).status.key == "not-yet-due"
    verdict = action_progress(action(due), date(2020, 4, 1))
    assert verdict.status.key == "past-due"
    assert verdict.reason == "Due March 2020 — no completion recorded"  # the site's one style for dates


def test_progress_recorded_before_deadline_is_in_progress():
    due = DateValue(as_written="November 2020", edtf="2020-11")
    verdict = action_progress(action(due, [update("in progress")]), AS_AT)
    assert verdict.status.label == "In progress"
    assert verdict.reason == "Progress recorded; due November 2020"


def test_completion_wins_over_a_passed_deadline_and_shows_it_was_late():
    due = DateValue(as_written="End of March 2020", edtf="2020-03")
    verdict = action_progress(action(due, [update("in progress"), update("complete", when=("2020-05-02", "2 May 2020"))]), AS_AT)
    assert verdict.status.key == "complete-late"
    assert verdict.status.label == "Completed late"
    assert verdict.reason == "Completion recorded (2 May 2020), after it was due March 2020"


def test_completion_by_the_deadline_is_complete():
    due = DateValue(as_written="End of March 2020", edtf="2020-03")
    verdict = action_progress(action(due, [update("complete", when=("2020-03-31", "31 March 2020"))]), AS_AT)
    assert verdict.status.key == "complete"
    assert verdict.reason == "Completion recorded (31 March 2020)"


def test_condition_without_a_date_is_never_past_due():
    due = DateValue(as_written="When policies are reviewed or new ones are created")
    verdict = action_progress(action(due), date(2030, 1, 1))
    assert verdict.status.key == "no-fixed-date"  # a condition never reads as "Not started"
    assert verdict.status.label == "No fixed date"


def test_on_going_is_never_not_started_or_past_due():
    due = DateValue(as_written="On-going", note="No date: the source says On-going.")
    assert action_progress(action(due), date(2030, 1, 1)).status.key == "no-fixed-date"
    open_ended = DateValue(as_written="After the review", edtf="2020-04/..")
    assert action_progress(action(open_ended), date(2030, 1, 1)).status.key == "no-fixed-date"
    assert action_progress(action(due, [update()]), date(2030, 1, 1)).status.key == "in-progress"


def test_open_range_is_never_past_due():
    due = DateValue(as_written="After the review has been completed which is due by end of April 2020", edtf="2020-04/..")
    assert action_progress(action(due), date(2030, 1, 1)).status.key != "past-due"


def test_moved_deadline_uses_the_new_date():
    original = DateValue(as_written="End of March 2020", edtf="2020-03")
    moved = DueChange(due=DateValue(as_written="End of June 2020", edtf="2020-06"),
                      changed=DateValue(edtf="2020-03-20", as_written="20 March 2020"), reason="Lockdown.")
    verdict = action_progress(action(original, changes=[moved]), date(2020, 5, 1))
    assert verdict.status.key == "not-yet-due"
    assert verdict.reason == "Due June 2020"


def test_no_actions_means_no_action_planned():
    assert recommendation_progress([], AS_AT).status.label == "No action planned"


def test_any_past_due_action_makes_the_recommendation_past_due():
    late = action(DateValue(as_written="March 2020", edtf="2020-03"))
    later = action(DateValue(as_written="2021", edtf="2021"))
    verdict = recommendation_progress([later, late], AS_AT)
    assert verdict.status.key == "past-due"
    assert verdict.reason.startswith("1 of 2 actions past due.")


def test_response_badges():
    assert response_status(Response(title="Executive Response", text="Agreed.", decision="partially agreed"), "executive").label == "Partially agreed"
    assert response_status(Response(title="Scrutiny Response", text="A letter."), "committee").label == "Committee's own action"
    assert response_status(Response(title="Executive Response", text="?"), "executive").key == "no-decision"
