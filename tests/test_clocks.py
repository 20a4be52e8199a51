"""The clocks: months, weeks and working days; the response clock; call-in; report-backs; staleness."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import clocks
from tracker.model import Clocks, Committee, DateValue, Decision, Period, Response, Review

RULES = Clocks()
"""The statutory defaults: two months to respond, five working days' call-in, a six-month update cycle."""

CABINET = Committee(id="cabinet", name="Cabinet", executive=True)
SCRUTINY = Committee(id="scrutiny", name="Scrutiny committee")


def day(text: str) -> DateValue:
    return DateValue(as_written=text, edtf=text)


# ------------------------------------------------------------------ adding periods


@pytest.mark.parametrize("start, period, expected", [
    (date(2021, 1, 31), Period(months=1), date(2021, 2, 28)),   # no 31 February: the last day of the month
    (date(2020, 1, 31), Period(months=1), date(2020, 2, 29)),   # a leap year
    (date(2020, 12, 15), Period(months=2), date(2021, 2, 15)),  # over the year's end
    (date(2021, 3, 31), Period(months=6), date(2021, 9, 30)),
    (date(2020, 4, 6), Period(weeks=8), date(2020, 6, 1)),
    (date(2020, 4, 6), Period(days=28), date(2020, 5, 4)),
])
def test_months_weeks_and_days(start, period, expected):
    assert clocks.add(start, period) == expected


def test_working_days_skip_the_weekend():
    friday = date(2021, 3, 5)
    assert clocks.add(friday, Period(working_days=1)) == date(2021, 3, 8)   # Monday
    assert clocks.add(friday, Period(working_days=5)) == date(2021, 3, 12)  # the next Friday
    assert clocks.add(date(2021, 3, 6), Period(working_days=1)) == date(2021, 3, 8)  # from a Saturday


def test_working_days_skip_english_bank_holidays():
    # Christmas Day 2020 was a Friday; Boxing Day a Saturday, so its bank holiday was Monday 28 December.
    assert not clocks.is_working_day(date(2020, 12, 25), "england")
    assert not clocks.is_working_day(date(2020, 12, 28), "england")
    assert clocks.is_working_day(date(2020, 12, 24), "england")
    assert clocks.add(date(2020, 12, 24), Period(working_days=1)) == date(2020, 12, 29)
    assert clocks.add(date(2020, 12, 24), Period(working_days=2)) == date(2020, 12, 30)
    # Five working days from Monday 21 December 2020: 22, 23, 24, 29 and 30 December.
    assert clocks.add(date(2020, 12, 21), Period(working_days=5)) == date(2020, 12, 30)
    # The spring bank holiday, Monday 31 May 2021.
    assert clocks.add(date(2021, 5, 28), Period(working_days=1)) == date(2021, 6, 1)


def test_bank_holidays_are_the_nations():
    # 2 January is a bank holiday in Scotland only; St Patrick's Day in Northern Ireland only.
    assert clocks.is_working_day(date(2020, 1, 2), "england")
    assert not clocks.is_working_day(date(2020, 1, 2), "scotland")
    assert clocks.is_working_day(date(2021, 3, 17), "wales")
    assert not clocks.is_working_day(date(2021, 3, 17), "northern ireland")


def test_a_day_gives_a_day_and_a_month_gives_a_range():
    exact = clocks.after(day("2020-04-06"), Period(months=2), "england", "rule")
    assert (exact.earliest, exact.latest) == (date(2020, 6, 6), date(2020, 6, 6))
    assert exact.words() == "6 June 2020" and exact.edtf() == "2020-06-06"

    month = clocks.after(DateValue(as_written="December 2019", edtf="2019-12"), Period(months=2), "england", "rule")
    assert (month.earliest, month.latest) == (date(2020, 2, 1), date(2020, 2, 29))
    assert month.words() == "between 1 and 29 February 2020"
    assert month.edtf() == "2020-02-01/2020-02-29"


def test_no_bounded_date_gives_no_worked_out_date():
    assert clocks.after(None, Period(months=2), "england", "rule") is None
    assert clocks.after(DateValue(as_written="When policies are reviewed"), Period(months=2), "england", "") is None
    assert clocks.after(DateValue(edtf="2020-03/..", note="open"), Period(months=2), "england", "") is None


def test_a_stated_date_agrees_when_the_ranges_overlap():
    computed = clocks.Computed(date(2020, 2, 1), date(2020, 2, 29), "rule")
    assert computed.agrees_with(DateValue(edtf="2020-02-15", note="n").parsed)
    assert computed.agrees_with(DateValue(edtf="2020-02", note="n").parsed)
    assert not computed.agrees_with(DateValue(edtf="2020-03-01", note="n").parsed)


# ------------------------------------------------------------------ the response clock


def review(**fields) -> Review:
    return Review(id="r", title="A review", committee="scrutiny", date=DateValue(as_written="March 2020",
                                                                                edtf="2020-03"), **fields)


def test_the_clock_starts_when_the_report_was_received_if_known():
    received = review(report_received=day("2020-04-06"))
    start, basis, known = clocks.start_of_clock(received)
    assert start.edtf == "2020-04-06" and basis == "the date the report was received" and known
    due = clocks.response_due(received, Clocks(response_period=Period(weeks=8)))
    assert due.words() == "1 June 2020"
    assert due.rule.startswith("eight weeks after the date the report was received")

    unknown = review()
    start, basis, known = clocks.start_of_clock(unknown)
    assert start.edtf == "2020-03" and "is not recorded" in basis and not known
    assert clocks.response_due(unknown, RULES).words() == "between 1 and 31 May 2020"


def response(on: str | None = None) -> Response:
    return Response(title="Executive Response", text="Agreed.", decision="agreed",
                    date=day(on) if on else None)


START = day("2020-04-06")
"""Two months from here: due on 6 June 2020."""


@pytest.mark.parametrize("given, as_at, source_date, expected", [
    (response("2020-05-20"), date(2021, 1, 1), None, "responded"),
    (response("2020-06-06"), date(2021, 1, 1), None, "responded"),          # on the day it was due
    (response("2020-07-01"), date(2021, 1, 1), None, "responded-late"),
    (response(), date(2021, 1, 1), None, "responded-timing-unclear"),       # no date anywhere
    (response(), date(2021, 1, 1), DateValue(edtf="2020-05/2020-07", note="n"), "responded-timing-unclear"),
    (response(), date(2021, 1, 1), day("2020-05-01"), "responded"),        # the source document's date
    (None, date(2020, 6, 7), None, "response-overdue"),
    (None, date(2020, 6, 6), None, "response-due"),
    (None, date(2020, 5, 1), None, "response-due"),
])
def test_response_clock_keys(given, as_at, source_date, expected):
    clock = clocks.response_clock(given, START, "the date the report was received", RULES, as_at,
                                  response_source_date=source_date)
    assert clock.key == expected
    assert clock.computed.words() == "6 June 2020"


def test_a_stated_due_date_wins_over_the_worked_out_one():
    stated = day("2020-05-15")
    clock = clocks.response_clock(response("2020-05-20"), START, "basis", RULES, date(2021, 1, 1), stated_due=stated)
    assert clock.key == "responded-late"
    assert clock.due_words == "15 May 2020" and clock.computed.words() == "6 June 2020"


def test_where_the_response_date_comes_from_is_said():
    clock = clocks.response_clock(response(), START, "basis", RULES, date(2021, 1, 1),
                                  response_source_date=day("2020-05-01"))
    assert clock.responded.edtf == "2020-05-01"
    assert clock.responded_basis == "the date of the document that records the response"
    own = clocks.response_clock(response("2020-05-02"), START, "basis", RULES, date(2021, 1, 1),
                                response_source_date=day("2020-05-01"))
    assert own.responded.edtf == "2020-05-02" and own.responded_basis is None


def test_a_month_precision_start_makes_the_timing_unclear_inside_the_range():
    start = DateValue(as_written="December 2019", edtf="2019-12")
    inside = clocks.response_clock(response("2020-02-15"), start, "basis", RULES, date(2021, 1, 1))
    assert inside.key == "responded-timing-unclear"
    before = clocks.response_clock(response("2020-01-31"), start, "basis", RULES, date(2021, 1, 1))
    assert before.key == "responded"
    after = clocks.response_clock(response("2020-03-01"), start, "basis", RULES, date(2021, 1, 1))
    assert after.key == "responded-late"


def test_late_is_only_said_when_the_clock_starts_on_a_known_day():
    # Run from an earlier stand-in day (the review's), the real deadline can only be later.
    late = response("2020-07-01")
    clock = clocks.response_clock(late, START, "basis", RULES, date(2021, 1, 1), start_is_known=False)
    assert clock.key == "responded-timing-unclear"
    stated = clocks.response_clock(late, START, "basis", RULES, date(2021, 1, 1), start_is_known=False,
                                   stated_due=day("2020-06-06"))
    assert stated.key == "responded-late"


def test_no_response_required():
    clock = clocks.response_clock(None, START, "basis", RULES, date(2021, 1, 1), required=False)
    assert clock.key == "not-required"


# ------------------------------------------------------------------ call-in


def decision(**fields) -> Decision:
    base = dict(id="d", title="A decision", decision_maker="Cabinet", date_of_decision=day("2020-12-17"),
                source="s", publication_date=day("2020-12-21"))
    return Decision(**{**base, **fields})


def test_call_in_runs_five_working_days_from_publication():
    call_in = clocks.call_in(decision(subject_to_call_in="Yes"), RULES, CABINET)
    assert call_in.applies
    assert call_in.ends.words() == "30 December 2020"
    assert call_in.effective.words() == "31 December 2020"
    assert call_in.effective.rule.startswith("the day after the call-in period ends (five working days after "
                                             "publication")


def test_call_in_does_not_apply_when_the_notice_says_no():
    for said in ("No", "no", "No - urgent decision"):
        call_in = clocks.call_in(decision(subject_to_call_in=said), RULES, CABINET)
        assert not call_in.applies
        assert call_in.ends is None and call_in.effective is None


def test_call_in_applies_to_the_executive_when_the_notice_is_silent():
    assert clocks.call_in(decision(), RULES, CABINET).applies
    assert not clocks.call_in(decision(), RULES, SCRUTINY).applies
    assert not clocks.call_in(decision(), RULES, None).applies


def test_call_in_without_a_publication_date_cannot_be_worked_out():
    call_in = clocks.call_in(decision(subject_to_call_in="Yes", publication_date=None), RULES, CABINET)
    assert call_in.applies and call_in.ends is None and call_in.effective is None


def test_the_councils_own_call_in_period():
    rules = Clocks(call_in_period=Period(days=10))
    assert clocks.call_in(decision(subject_to_call_in="Yes"), rules, CABINET).ends.words() == "31 December 2020"


# ------------------------------------------------------------------ report-backs and staleness


def test_report_back_due_on_a_date_the_committee_set():
    scheduled = [DateValue(as_written="January 2021", edtf="2021-01")]
    missed = clocks.report_back_due(None, None, scheduled, None, date(2021, 6, 30), "england")
    assert missed.words() == "31 January 2021"
    assert missed.rule == "the date the committee set (January 2021)"
    # An update newer than the date: nothing is missed. Before the date: nothing is due yet.
    assert clocks.report_back_due(None, None, scheduled, date(2021, 2, 3), date(2021, 6, 30), "england") is None
    assert clocks.report_back_due(None, None, scheduled, None, date(2021, 1, 15), "england") is None


def test_report_back_due_every_so_often():
    first = day("2020-12-01")
    every = Period(months=3)
    missed = clocks.report_back_due(first, every, [], date(2021, 4, 1), date(2021, 6, 30), "england")
    assert missed.words() == "1 June 2021"
    assert missed.rule.startswith("every three months from")
    assert clocks.report_back_due(first, every, [], date(2021, 6, 2), date(2021, 6, 30), "england") is None


def test_a_monthly_report_back_does_not_drift_to_the_28th():
    first = DateValue(as_written="31 January 2021", edtf="2021-01-31")
    missed = clocks.report_back_due(first, Period(months=1), [], date(2021, 3, 1), date(2021, 6, 30), "england")
    assert missed.words() == "31 March 2021"  # 28 February, then 31 March: not 28 March


def test_the_earliest_missed_report_back_is_the_one_shown():
    scheduled = [day("2021-05-01"), day("2021-02-01")]
    missed = clocks.report_back_due(None, None, scheduled, date(2021, 1, 1), date(2021, 6, 30), "england")
    assert missed.words() == "1 February 2021"


def test_is_stale():
    cycle = Period(months=6)
    assert clocks.is_stale(None, date(2021, 6, 30), cycle)
    assert clocks.is_stale(date(2020, 12, 29), date(2021, 6, 30), cycle)
    assert not clocks.is_stale(date(2020, 12, 30), date(2021, 6, 30), cycle)  # exactly six months: not yet
    assert not clocks.is_stale(date(2021, 6, 1), date(2021, 6, 30), cycle)
    assert clocks.is_stale(date(2021, 6, 1), date(2021, 6, 30), Period(weeks=2))


def test_elapsed_words():
    assert clocks.elapsed_words(date(2015, 1, 1), date(2021, 6, 30)) == "6 years"
    assert clocks.elapsed_words(date(2021, 2, 1), date(2021, 6, 30)) == "4 months"
    assert clocks.elapsed_words(date(2021, 6, 18), date(2021, 6, 30)) == "12 days"
    assert clocks.elapsed_words(date(2021, 6, 29), date(2021, 6, 30)) == "1 day"


def test_period_words():
    assert Period(months=2).words() == "two months"
    assert Period(working_days=5).words() == "five working days"
    assert Period(weeks=1).words() == "one week"
    assert Period(days=28).words() == "28 days"
    assert Period(months=2, weeks=8).unit() is None and Period().unit() is None
