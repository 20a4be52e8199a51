"""The clocks that run in the monitoring cycle: the response period, call-in, report-backs, the update cycle.

Every worked-out date carries the rule that produced it, in words, so a page
can say "worked out: two months after the report was received". A date that a
source states always wins over a worked-out one; the two are compared and a
difference is reported, never silently chosen between.

A date known only to the month gives a worked-out date known only to a range:
two months after "December 2019" is some day between 1 February and 29
February 2020, and is shown as such.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays
from dateutil.relativedelta import relativedelta

from . import dates
from .model import Clocks, Committee, DateValue, Decision, Period, Response, Review

_SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern ireland": "NIR"}


@cache
def _bank_holidays(nation: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation], years=year))


def is_working_day(day: date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def add(day: date, period: Period, nation: str = "england") -> date:
    """The day a period after ``day`` ends. Months keep the day of the month (31 January + one month
    is the last day of February); working days skip weekends and the nation's bank holidays."""
    unit, count = period.unit() or ("days", 0)
    if unit == "months":
        return day + relativedelta(months=count)
    if unit == "weeks":
        return day + timedelta(weeks=count)
    if unit == "days":
        return day + timedelta(days=count)
    counted = 0
    while counted < count:
        day += timedelta(days=1)
        if is_working_day(day, nation):
            counted += 1
    return day


def date_words(value: DateValue | None) -> str:
    """A date in the site's own words at its own precision ('15 September 2020'), whatever the source wrote."""
    parsed = parse_or_none(value)
    if parsed is not None:
        return parsed.words()
    return value.house() if value is not None else ""


def day_words(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


@dataclass(frozen=True)
class Computed:
    """A worked-out date: one day, or the range of days it could be, with the rule that gave it."""

    earliest: date
    latest: date
    rule: str
    """How it was worked out, in words: 'two months after the report was received (December 2019)'."""

    def words(self) -> str:
        if self.earliest == self.latest:
            return day_words(self.earliest)
        return dates.parse(f"{self.earliest.isoformat()}/{self.latest.isoformat()}").words()  # "between 1 and 29 February 2020"

    def edtf(self) -> str:
        if self.earliest == self.latest:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"

    def agrees_with(self, stated: dates.Edtf) -> bool:
        """Whether a stated date could be this worked-out one (their ranges of days overlap)."""
        low, high = stated.earliest or date.min, stated.latest or date.max
        return low <= self.latest and self.earliest <= high


def after(start: DateValue | None, period: Period, nation: str, rule: str) -> Computed | None:
    """The date a period after ``start`` (a day, or the range of days it could be), or None if it has
    no bounded machine date."""
    parsed = parse_or_none(start)
    if parsed is None or parsed.earliest is None or parsed.latest is None:
        return None
    return Computed(add(parsed.earliest, period, nation), add(parsed.latest, period, nation), rule)


# ----- the response clock -----


@dataclass(frozen=True)
class ResponseClock:
    """When a response was due, when it came, and what that shows."""

    key: str
    """response-due, response-overdue, responded, responded-late, responded-timing-unclear, not-required."""
    due: DateValue | None
    """The due date as stated by a source, if one states it."""
    computed: Computed | None
    """The due date as worked out from the rule, where it can be."""
    responded: DateValue | None
    """When the response came (its own date, else its source document's)."""
    responded_basis: str | None
    """Where the response date comes from, when it is not the response's own."""
    start_basis: str
    """What the clock starts from, in words."""
    start: DateValue | None = None
    start_is_known: bool = True
    """False where the clock runs from an earlier stand-in day (the meeting, the review) because the day the
    executive received the report is not recorded."""
    period: Period | None = None

    def reason(self) -> str | None:
        """Why the clock shows what it shows, in words, where that needs saying."""
        if self.key != "responded-timing-unclear" or self.responded is None:
            return None
        parsed = parse_or_none(self.responded)
        single = parsed is not None and parsed.earliest is not None and parsed.earliest == parsed.latest
        unit = self.period.unit() if self.period is not None else None
        if (single and not self.start_is_known and self.due is None and self.computed is not None
                and unit is not None and unit[0] != "working_days" and parsed.earliest > self.computed.latest):  # type: ignore[union-attr]
            came = parsed.earliest  # type: ignore[union-attr]
            received_by = came - relativedelta(**{unit[0]: unit[1]})
            return (f"The response came on {day_words(came)}, more than {self.period.words()} after "  # type: ignore[union-attr]
                    f"{date_words(self.start)}. It was on time only if the executive received the "
                    f"recommendations on or after {day_words(received_by)}; the record does not say when "
                    "it received them.")
        if self.due_words and parsed is not None:
            return (f"The response is dated only {parsed.words()}, and it was due {self.due_words}: the dates "
                    f"cannot show whether it came in time.")
        return "The dates in the record cannot show whether the response came in time."

    @property
    def due_words(self) -> str | None:
        if self.due is not None:
            return self.due.house()
        return self.computed.words() if self.computed else None


def start_of_clock(review: Review) -> tuple[DateValue, str, bool]:
    """What a review's response clock starts from, how to say so, and whether it is the day the report was
    received (rather than an earlier stand-in)."""
    if review.report_received is not None:
        return review.report_received, "the date the report was received", True
    return review.date, "the date of the review (the date the executive received the report is not recorded)", False


def response_due(review: Review, rules: Clocks) -> Computed | None:
    start, basis, _ = start_of_clock(review)
    return after(start, rules.response_period, rules.nation,
                 f"{rules.response_period.words()} after {basis}, {date_words(start)}")


def response_clock(response: Response | None, start: DateValue, start_basis: str, rules: Clocks, as_at: date,
                   stated_due: DateValue | None = None, response_source_date: DateValue | None = None,
                   required: bool = True, start_is_known: bool = True) -> ResponseClock:
    """How the response clock stands for one item asked of the executive.

    Where the day the executive received the report is not recorded (``start_is_known`` False), the clock
    runs from an earlier day (the meeting, the review): the real deadline can only be later, so a response
    after the worked-out date is not shown as late, only as unclear."""
    computed = after(start, rules.response_period, rules.nation,
                     f"{rules.response_period.words()} after {start_basis}, {date_words(start)}")
    extra = {"start": start, "start_is_known": start_is_known, "period": rules.response_period}
    if not required:
        return ResponseClock("not-required", stated_due, computed, None, None, start_basis, **extra)
    responded, basis = None, None
    if response is not None:
        if response.date is not None:
            responded = response.date
        elif response_source_date is not None:
            responded, basis = response_source_date, "the date of the document that records the response"
    due_low, due_high = _bounds(stated_due) if stated_due is not None else (
        (computed.earliest, computed.latest) if computed else (None, None))
    if response is None:
        if due_high is not None and due_high < as_at:
            key = "response-overdue"
        else:
            key = "response-due"
        return ResponseClock(key, stated_due, computed, None, None, start_basis, **extra)
    low, high = _bounds(responded)
    if high is None and low is None or due_high is None:
        key = "responded-timing-unclear"
    elif high is not None and high <= due_low:  # type: ignore[operator]
        key = "responded"
    elif low is not None and low > due_high:
        key = "responded-late" if start_is_known or stated_due is not None else "responded-timing-unclear"
    else:
        key = "responded-timing-unclear"
    return ResponseClock(key, stated_due, computed, responded, basis, start_basis, **extra)


# ----- call-in -----


@dataclass(frozen=True)
class CallIn:
    """A decision's call-in: whether it applies, when it ends and when the decision takes effect."""

    applies: bool
    ends: Computed | None
    """The end of the call-in period, worked out from publication."""
    effective: Computed | None
    """The day the decision takes effect, worked out: the day after call-in ends."""


def call_in(decision: Decision, rules: Clocks, maker: Committee | None) -> CallIn:
    said = (decision.subject_to_call_in or "").strip().lower()
    applies = said.startswith("yes") or (not said and maker is not None and maker.executive)
    if not applies:
        return CallIn(False, None, None)
    period = rules.call_in_period
    published = decision.publication_date
    holidays_words = f", not counting weekends or bank holidays in {rules.nation.title()}" \
        if period.unit() and period.unit()[0] == "working_days" else ""  # type: ignore[index]
    ends = after(published, period, rules.nation,
                 f"{period.words()} after publication ({date_words(published)}){holidays_words}" if published else "")
    if ends is None:
        return CallIn(True, None, None)
    effective = Computed(ends.earliest + timedelta(days=1), ends.latest + timedelta(days=1),
                         f"the day after the call-in period ends ({period.words()} after publication, "
                         f"{date_words(published)}{holidays_words})")
    return CallIn(True, ends, effective)


# ----- report-backs and the update cycle -----


def report_back_due(first: DateValue | None, every: Period | None, scheduled: list[DateValue], since: date | None,
                    as_at: date, nation: str) -> Computed | None:
    """The first report-back that fell due after the latest information (``since``), up to the 'as at'
    day: an update the committee asked for that the record does not hold. None if none is missed."""
    due_days: list[tuple[date, str]] = []
    for value in scheduled:
        low, high = _bounds(value)
        if high is not None:
            due_days.append((high, f"the date the committee set ({date_words(value)})"))
    parsed = parse_or_none(first)
    if every is not None and every.unit() is not None and parsed is not None and parsed.latest is not None:
        unit, count = every.unit()  # type: ignore[misc]
        for n in range(1, 401):
            # n periods from the first date, not one period from the last: every month from 31 January is
            # 28 February, then 31 March (stepping from 28 February would drift to the 28th).
            day = add(parsed.latest, Period(**{unit: count * n}), nation)
            if day > as_at:
                break
            due_days.append((day, f"every {every.words()} from {date_words(first)}"))
    for day, rule in sorted(due_days):
        if (since is None or day > since) and day <= as_at:
            return Computed(day, day, rule)
    return None


def is_stale(latest: date | None, as_at: date, cycle: Period, nation: str = "england") -> bool:
    """Whether nothing newer than ``latest`` has come for longer than the update cycle."""
    return latest is None or add(latest, cycle, nation) < as_at


def elapsed_words(since: date, as_at: date) -> str:
    """'6 years', '4 months', '12 days': how long ago, in the largest whole unit."""
    delta = relativedelta(as_at, since)
    for unit, count in (("year", delta.years), ("month", delta.months)):
        if count:
            return f"{count} {unit}{'s' if count != 1 else ''}"
    days = (as_at - since).days
    return f"{days} day{'s' if days != 1 else ''}"


def parse_or_none(value: DateValue | None) -> dates.Edtf | None:
    """A date's parsed EDTF, or None if it has none or it is badly written (reported by the checks)."""
    try:
        return value.parsed if value is not None else None
    except dates.EdtfError:
        return None


def _bounds(value: DateValue | None) -> tuple[date | None, date | None]:
    parsed = parse_or_none(value)
    return (parsed.earliest, parsed.latest) if parsed else (None, None)
