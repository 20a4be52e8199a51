"""How each item that asked for action stands: on small in-memory records, with no files and no site."""

from datetime import date

from tracker.followup import Record
from tracker.model import (Action, Assessment, Commitment, Committee, Council, DateValue, Decision, DecisionPart,
                           Evidence, Glossary, Meeting, Owner, ProgressUpdate, Recommendation, Resolution, Response,
                           Review, Site, Source, Tracker)


def day(edtf: str, words: str | None = None) -> DateValue:
    return DateValue(edtf=edtf, as_written=words or edtf)


def tracker(recommendations=(), resolutions=(), commitments=(), review_fields=None, decisions=()) -> Tracker:
    council = Council(
        committees=[Committee(id="cyp", name="Children and young people scrutiny committee"),
                    Committee(id="cabinet", name="Cabinet", executive=True)],
        owners=[Owner(id="director", name="Director for children and families",
                      aliases=["Director of children and families"]),
                Owner(id="legal", name="Head of legal services")],
        meetings=[Meeting(id="m1", title="Committee meeting", committee="cyp", date=day("2020-09-15"), source="minutes"),
                  Meeting(id="m2", title="Committee meeting", committee="cyp", date=day("2021-03-10"), source="minutes2")],
        decisions=list(decisions),
        sources=[Source(id="responses", title="Responses", date=DateValue(edtf="2020-02/2020-03", note="Inferred.")),
                 Source(id="minutes", title="Minutes", date=day("2020-09-15")),
                 Source(id="minutes2", title="Minutes of March 2021", date=day("2021-03-10"))],
    )
    review = Review(id="r", title="Review", committee="cyp", date=day("2019-12", "December 2019"),
                    recommendations=list(recommendations), resolutions=list(resolutions),
                    commitments=list(commitments), **(review_fields or {}))
    return Tracker(site=Site(title="T", council="C", licence="L"), glossary=Glossary(), council=council,
                   reviews=[review])


def recommendation(rid="i", actions=(), assessments=(), response_date=None) -> Recommendation:
    return Recommendation(id=rid, text="That the executive acts.", addressed_to="executive", source="responses",
                          response=Response(title="Executive Response", text="Agreed.", decision="agreed",
                                            date=response_date, actions=list(actions)),
                          assessments=list(assessments))


def test_both_spellings_of_an_owner_are_one_owner():
    actions = [Action(id="1", description="A.", owner="Director of children and families"),
               Action(id="2", description="B.", owner="Director for  Children and families")]
    record = Record(tracker([recommendation(actions=actions)]), date(2021, 1, 1))
    rec = record.tracker.reviews[0].recommendations[0]
    assert [o.id for o in record.follow_up(rec).owners] == ["director"]


def test_the_committee_assessment_and_sign_off_stand_apart_from_the_officers_progress():
    action = Action(id="1", description="Write the letter.", due=day("2020-03", "End of March 2020"))
    assessments = [Assessment(date=day("2020-09-15"), meeting="m1", value="slipped", source="minutes"),
                   Assessment(date=day("2021-03-10"), meeting="m2", value="achieved", outcome="signed off",
                              source="minutes2")]
    record = Record(tracker([recommendation(actions=[action], assessments=assessments)]), date(2026, 12, 1))
    follow = record.follow_up(record.tracker.reviews[0].recommendations[0])
    assert follow.progress.status.key == "past-due"  # no officer reported completion: that stays true
    assert follow.assessment.value == "achieved" and follow.scale_value.label == "Achieved"
    assert follow.closed == "signed off"
    assert not follow.open and not follow.stale  # signed off: monitoring stops
    assert follow.latest.words() == "10 March 2021"


def test_evidence_and_completion_make_the_latest_information():
    update = ProgressUpdate(text="The committee considered the report.", state="complete", source="minutes",
                            date=day("2020-09-15", "15 September"),
                            evidence=[Evidence(record="m1", quote="The committee considered the report.")])
    action = Action(id="1", description="Provide a report.", due=DateValue(as_written="After the review",
                                                                           edtf="2020-04/.."), progress=[update])
    record = Record(tracker([recommendation(actions=[action])]), date(2026, 12, 1))
    follow = record.follow_up(record.tracker.reviews[0].recommendations[0])
    assert follow.progress.status.key == "complete"
    assert follow.latest.words() == "15 September 2020"
    assert not follow.open


def test_past_due_names_the_latest_information_it_rests_on_and_old_information_is_flagged():
    action = Action(id="1", description="Write.", due=day("2020-03", "End of March 2020"))
    record = Record(tracker([recommendation(actions=[action])]), date(2026, 12, 1))
    follow = record.follow_up(record.tracker.reviews[0].recommendations[0])
    assert follow.progress.reason == ("Due March 2020 — no completion recorded. "
                                      "Latest information: between February and March 2020 (“Responses”)")
    assert follow.stale
    fresh = Record(tracker([recommendation(actions=[action])]), date(2020, 6, 1))
    assert not fresh.follow_up(fresh.tracker.reviews[0].recommendations[0]).stale


def test_a_commitment_given_at_a_meeting_is_tracked_against_its_date():
    commitment = Commitment(id="c", meeting="m1", text="This could be achieved by the end of September.",
                            given_by="head of legal services", due=day("2020-09", "by the end of September"),
                            source="minutes")
    record = Record(tracker(commitments=[commitment]), date(2021, 1, 1))
    follow = record.follow_up(commitment)
    assert follow.kind == "commitment" and follow.response_status is None
    assert follow.progress.status.key == "past-due"
    # The words leave out the year; the reason gives the date in the site's style. The meeting (15 September) is the newest
    # information, from before the end of September: the record cannot show whether it was done.
    reason = follow.progress.reason
    assert reason.startswith("Due September 2020 — no completion recorded. "  # the site's one style for dates
                             "The latest information (15 September 2020, ")
    assert reason.endswith(") is from before it fell due, so the record cannot show whether the work was done")
    assert [o.id for o in follow.owners] == ["legal"]


def test_response_clock_from_a_stated_receipt_date():
    fields = {"report_received": day("2020-01-10", "10 January 2020")}
    late = Record(tracker([recommendation(response_date=day("2020-03-20"))], review_fields=fields), date(2021, 1, 1))
    clock = late.follow_up(late.tracker.reviews[0].recommendations[0]).clock
    assert clock.key == "responded-late"
    assert clock.computed.words() == "10 March 2020"
    assert clock.computed.rule == "two months after the date the report was received, 10 January 2020"
    on_time = Record(tracker([recommendation(response_date=day("2020-02-01"))], review_fields=fields), date(2021, 1, 1))
    assert on_time.follow_up(on_time.tracker.reviews[0].recommendations[0]).clock.key == "responded"


def test_a_month_precise_start_cannot_tell_a_response_inside_the_range_from_a_late_one():
    record = Record(tracker([recommendation()]), date(2021, 1, 1))
    clock = record.follow_up(record.tracker.reviews[0].recommendations[0]).clock
    # Two months after "December 2019" is some day in February 2020; the response is dated February–March.
    assert clock.computed.words() == "between 1 and 29 February 2020"
    assert clock.key == "responded-timing-unclear"
    assert clock.responded_basis == "the date of the document that records the response"


def test_a_stated_response_due_date_wins_over_the_worked_out_one():
    fields = {"report_received": day("2020-01-10"), "response_due": day("2020-04-30", "30 April 2020")}
    record = Record(tracker([recommendation(response_date=day("2020-04-01"))], review_fields=fields), date(2021, 1, 1))
    clock = record.follow_up(record.tracker.reviews[0].recommendations[0]).clock
    assert clock.key == "responded"  # late by the rule (10 March), on time by the stated date
    assert clock.due_words == "30 April 2020"


def test_a_resolution_with_no_response_is_overdue_and_a_decision_part_with_no_follow_up_says_so():
    resolution = Resolution(id="1", meeting="m1", text="Recommends that …", source="minutes", addressed_to="executive")
    part = DecisionPart(label="c)", text="The executive approves the model guidance.")
    decision = Decision(id="d", title="Decision", decision_maker="Cabinet", date_of_decision=day("2020-11-26"),
                        source="minutes", parts=[part])
    record = Record(tracker(resolutions=[resolution], decisions=[decision]), date(2021, 1, 1))
    follow = record.follow_up(resolution)
    assert follow.clock.key == "response-overdue"  # two months after 15 September 2020 has passed
    assert follow.response_status.key == "no-response"
    assert follow.progress.status.key == "not-recorded"
    assert record.follow_up(part).progress.status.label == "No follow-up recorded"
    assert record.decision_of(part) is decision


def test_a_response_whose_words_are_not_in_the_sources_says_so():
    resolution = Resolution(id="1", meeting="m1", text="Recommends that …", source="minutes", addressed_to="executive",
                            response=Response(title="Executive response", source="minutes",
                                              date=day("2020-11-26"), note="Its words are not among the sources."))
    record = Record(tracker(resolutions=[resolution]), date(2021, 1, 1))
    follow = record.follow_up(resolution)
    assert follow.response_status.label == "Response text not in the sources"
    # More than two months after the meeting of 15 September 2020, but the day the executive received the
    # recommendations is not recorded, so the dates do not show that it was late.
    assert follow.clock.key == "responded-timing-unclear"
