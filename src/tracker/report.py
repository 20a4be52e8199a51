"""The committee's recommendations tracker report: its rows, worked out once for the page, the Word file and the spreadsheet.

A scrutiny committee takes a tracker report each quarter: what is still
outstanding and overdue (owner, due date, how long overdue, the latest
information), the committee's own assessments, deadlines that moved and why,
and what has been recorded since the last report. Every verdict here comes from
``followup`` and ``status``; this module only selects and words them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from . import clocks, status, views
from .followup import FollowUp, Latest
from .model import Action, Assessment, DateValue, Recommendation, Review
from .text import plain

if TYPE_CHECKING:  # the page plan builds the report; the report only reads the planned site
    from .pages import Site

REPORT_PERIOD = relativedelta(months=3)
"""A quarter: the default 'since' is this long before the 'as at' day."""


@dataclass(frozen=True)
class Scope:
    """What a report covers: every review, a committee's reviews, or one review."""

    title: str
    """'All reviews', 'Children and young people scrutiny committee', or a review's title."""
    reviews: tuple[Review, ...]


@dataclass(frozen=True)
class Outstanding:
    """One action (or commitment) not yet complete, of an item the committee still monitors."""

    item: str
    review: str
    action: str
    """'Action 1' where the item has several, else ''."""
    what: str
    owner: str
    due: str
    due_date: date | None
    """The last day the current due date can mean; None when it has no date."""
    progress: status.Status
    reason: str
    overdue_days: int | None
    overdue: str
    """'5 years 8 months', '3 months', '12 days' past its due date (as the overdue list words it); '' when not
    overdue."""
    latest: str
    latest_date: date | None
    assessment: str
    moved: str
    """How often the deadline moved ('Moved once, on 1 April 2020'); '' if never."""
    url: str

    @property
    def is_overdue(self) -> bool:
        return self.progress.key == "past-due"


@dataclass(frozen=True)
class NoFollowUp:
    """An item that asked for action with no actions or progress in the record."""

    item: str
    review: str
    what: str
    latest: str
    latest_date: date | None
    url: str


@dataclass(frozen=True)
class AssessmentRow:
    """One assessment the committee recorded."""

    item: str
    review: str
    date_words: str
    date: date | None
    meeting: str
    value: str
    words: str
    outcome: str
    """'Signed off', 'Closed as not implemented', or that it was neither (the committee still monitors it)."""
    url: str


@dataclass(frozen=True)
class MovedDeadline:
    """One change to a due date, with the council's reason."""

    item: str
    review: str
    action: str
    owner: str
    was: str
    now: str
    changed_words: str
    changed: date | None
    reason: str
    url: str


@dataclass(frozen=True)
class Change:
    """Something recorded since the last report."""

    date_words: str
    date: date | None
    item: str
    review: str
    kind: str
    """'Progress update', 'Deadline moved', 'Committee's assessment' or 'Response'."""
    words: str
    url: str


@dataclass
class Report:
    """The whole report, as at one day, for one scope."""

    council: str
    scope: Scope
    as_at: date
    since: date
    outstanding: list[Outstanding] = field(default_factory=list)
    no_follow_up: list[NoFollowUp] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    moved: list[MovedDeadline] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    monitored: int = 0
    """Items the committee monitors in this scope, each recommendation counted (as every page counts them), even
    where several share one response."""
    closed: int = 0
    """Items complete, signed off or closed, or with no action planned."""
    open_items: int = 0
    """Items with actions not yet complete."""
    awaiting: int = 0
    """Items still open whose every action is complete: waiting to be signed off or closed."""
    past_due_items: int = 0
    """Items past their due date: the rows of the site's list of everything overdue that are in scope."""
    shared: list[str] = field(default_factory=list)
    """Outstanding rows that stand for several recommendations ('Recommendations i, ii and iii', with the review's
    title where the report covers several)."""
    abbreviations: list[tuple[str, str]] = field(default_factory=list)
    """(abbreviation, what it means) for those the report's rows use, in glossary order."""

    @property
    def title(self) -> str:
        return f"Recommendations tracker report: {self.scope.title}"

    @property
    def overdue(self) -> list[Outstanding]:
        return [row for row in self.outstanding if row.is_overdue]


    @property
    def as_at_words(self) -> str:
        return day_words(self.as_at)

    @property
    def summary_lines(self) -> list[str]:
        return summary(self)

    @property
    def since_words(self) -> str:
        return day_words(self.since)


def day_words(day: date) -> str:
    """GOV.UK style: '26 November 2020'."""
    return f"{day.day} {day:%B %Y}"


# ----- choosing what a report covers -----


class UnknownScope(ValueError):
    """--committee or --review names nothing in the record; the message says what there is."""


def scope_of(site: "Site", committee: str | None = None, review: str | None = None) -> Scope:
    reviews = site.tracker.reviews
    if review is not None:
        found = [r for r in reviews if r.id == review]
        if not found:
            raise UnknownScope(f"There is no review '{review}'. The reviews are: {', '.join(r.id for r in reviews)}.")
        return Scope(found[0].title, tuple(found))
    if committee is not None:
        body = site.committee(committee)
        if body is None:
            names = ", ".join(c.id for c in site.tracker.council.committees)
            raise UnknownScope(f"There is no committee '{committee}'. The committees are: {names}.")
        held = tuple(r for r in reviews if site.committee(r.committee) is body)
        return Scope(body.name, held)
    return Scope("All reviews", tuple(reviews))


# ----- the rows -----


def build(site: "Site", scope: Scope | None = None, as_at: date | None = None, since: date | None = None) -> Report:
    """The report for ``scope`` (default: every review). ``as_at`` defaults to the site's day; a different day
    works out every follow-up again for that day. ``since`` defaults to a quarter before ``as_at``."""
    scope = scope or scope_of(site)
    record = site.record
    if as_at is not None and as_at != site.as_at:
        from .followup import Record

        record = Record(site.tracker, as_at)
    day = as_at or site.as_at
    report = Report(site.tracker.site.council, scope, day, since or day - REPORT_PERIOD)
    in_scope = _in_scope(record, scope)
    for follow in in_scope:
        if getattr(follow.item, "shares_response_with", None):
            continue  # answered with the recommendation it names: one row for them all, counted below
        label = _label(site, follow)
        items = 1 + (len(site.shared_with(follow.item)) if isinstance(follow.item, Recommendation) else 0)
        review = follow.review.title if follow.review else "Council decisions"
        url = site.url(follow.item)
        report.monitored += items
        if not follow.open:
            report.closed += items
        elif follow.actions:
            rows = _outstanding(site, follow, label, review, url, day)
            report.outstanding += rows
            if rows:
                report.open_items += items
                if items > 1:
                    report.shared.append(label if len(scope.reviews) < 2 else f"{label} of the {review}")
            else:
                report.awaiting += items
        else:  # open, and no action recorded for it
            report.no_follow_up.append(NoFollowUp(label, review, _excerpt(getattr(follow.item, "text", "")),
                                                  _latest_words(follow), _latest_day(follow), url))
        assessments = follow.item_assessments
        report.assessments += [_assessment(site, a, label, review, url) for a in assessments]
        for number, action in _numbered(follow.actions):
            report.moved += _moved(action, label, review, number, url)
        report.changes += _changes(follow, label, review, url, report.since, day, _scale(site))
    # Past due as the site's list of everything overdue counts it, so every page gives one number.
    wanted = {id(f) for f in in_scope}
    report.past_due_items = sum(1 for row in _views(site, record, day).overdue if id(row.follow) in wanted)
    report.abbreviations = _abbreviations(site, report)
    report.outstanding.sort(key=lambda r: (not r.is_overdue, -(r.overdue_days or 0), r.due_date or date.max))
    report.assessments.sort(key=lambda r: r.date or date.min)
    report.moved.sort(key=lambda r: r.changed or date.min)
    report.changes.sort(key=lambda r: r.date or date.min)
    return report


def _in_scope(record, scope: Scope) -> list[FollowUp]:
    """The follow-ups in scope, in record order, each recommendation answered with another included."""
    wanted = {id(r) for r in scope.reviews}
    found = []
    for follow in record.follow_ups.values():
        if follow.review is not None:
            if id(follow.review) in wanted:
                found.append(follow)
        elif follow.kind == "decision-part" and follow.actions:
            decision = record.decision_of(follow.item)
            if any(id(r) in wanted for r in record.reviews_of(decision)):
                found.append(follow)
    return found


def _views(site: "Site", record, day: date) -> views.Views:
    """The site's lists as at ``day``: the site's own, or worked out again for another day."""
    if record is site.record:
        return site.views
    import copy

    other = copy.copy(site)  # the same site read as at another day: the lists need only its record and day
    other.record, other.as_at = record, day
    return views.Views(other)


def _abbreviations(site: "Site", report: Report) -> list[tuple[str, str]]:
    """The abbreviations the report's rows use, with what each means (and on whose word, where it is the site's)."""
    texts = [value for table in tables(report) for row in table.rows for value in row if isinstance(value, str)]
    found = []
    for term in site.abbreviations.found_in(*texts):
        meaning = site.glossary[term]
        if not meaning.expansion:
            words = "not spelled out in the source documents"
        elif meaning.basis == "site":
            words = f"{meaning.expansion} (the site’s explanation: the source documents do not spell it out)"
        else:
            words = meaning.expansion
        found.append((term, words))
    return found


def _label(site: "Site", follow: FollowUp) -> str:
    item = follow.item
    if isinstance(item, Recommendation):
        group = [item, *site.shared_with(item)]
        if len(group) > 1:
            ids = [r.id for r in group]
            return f"Recommendations {', '.join(ids[:-1])} and {ids[-1]}"
        return f"Recommendation {item.id}"
    return site.label(item)


def _numbered(actions: list[Action]) -> list[tuple[str, Action]]:
    return [(f"Action {a.id}" if len(actions) > 1 else "", a) for a in actions]


def _outstanding(site: "Site", follow: FollowUp, label: str, review: str, url: str, day: date) -> list[Outstanding]:
    rows = []
    for number, action in _numbered(follow.actions):
        verdict = status.action_progress(action, day)
        if verdict.status.key in ("complete", "complete-late"):
            continue
        due = action.current_due
        last = clocks.parse_or_none(due)
        last_day = (last.latest or last.earliest) if last else None
        overdue = verdict.status.key == "past-due" and last_day is not None
        rows.append(Outstanding(
            item=label, review=review, action=number, what=_excerpt(action.description), owner=_owner(site, action),
            due=_due_words(due), due_date=last_day, progress=verdict.status, reason=verdict.reason,
            overdue_days=(day - last_day).days if overdue else None,  # type: ignore[operator]
            overdue=views.overdue_words(last_day, day) if overdue else "",  # type: ignore[arg-type]
            latest=_latest_words(follow), latest_date=_latest_day(follow), assessment=_assessment_words(follow),
            moved=_moved_words(action), url=url))
    return rows


def _owner(site: "Site", action: Action) -> str:
    """The owner's name as its record gives it, as the overdue list shows it: one post is never named two ways."""
    if not action.owner:
        return "Not named"
    record = site.owner(action.owner)
    return record.name if record else action.owner


def _due_words(due: DateValue | None) -> str:
    """A due date in the site's style, with the source's own words where they differ, as a record page gives it:
    "31 January 2021 (the source says “31st January 2021”)"."""
    if due is None:
        return "No date given"
    if clocks.parse_or_none(due) is None:
        return due.house()  # a condition ("When policies are reviewed"): the source's words are all there is
    words = due.house()
    if due.source_differs():
        return f"{words} (the source says “{due.as_written}”)"
    return words if due.as_written else f"{words} (date worked out)"


def _latest_words(follow: FollowUp) -> str:
    """"18 November 2020: the progress report": the document's kind, not its full title, which its record page
    gives (as the overdue list words it)."""
    latest: Latest | None = follow.latest
    if latest is None:
        return "Nothing dated in the record"
    words = f"{latest.words()}: {views.what_words(latest)}"
    return words[:1].upper() + words[1:]


def _latest_day(follow: FollowUp) -> date | None:
    return follow.latest.last_day if follow.latest else None


def _assessment_words(follow: FollowUp) -> str:
    latest = follow.assessment
    if latest is None:
        return "None recorded"  # as a record page says it
    label = follow.scale_value.label if follow.scale_value else latest.value
    return f"{label} ({_date_words(latest.date)})"


def _moved_words(action: Action) -> str:
    changes = action.due_changes
    if not changes:
        return ""
    times = {1: "once", 2: "twice"}.get(len(changes), f"{len(changes)} times")
    return f"Moved {times}, last on {_date_words(changes[-1].changed)}"


def _date_words(value: DateValue) -> str:
    parsed = clocks.parse_or_none(value)
    return parsed.words() if parsed else value.words()


def _first_day(value: DateValue | None) -> date | None:
    parsed = clocks.parse_or_none(value)
    return (parsed.earliest or parsed.latest) if parsed else None


def _assessment(site: "Site", assessment: Assessment, label: str, review: str, url: str) -> AssessmentRow:
    scale = _scale(site)
    meeting = site.meeting(assessment.meeting)
    outcome = {"signed off": "Signed off", "closed not implemented": "Closed as not implemented"}
    return AssessmentRow(label, review, _date_words(assessment.date), _first_day(assessment.date),
                         site.label(meeting) if meeting else assessment.meeting, scale.get(assessment.value, assessment.value),
                         plain(assessment.text or ""), outcome.get(assessment.outcome or "", NO_OUTCOME), url)


def _moved(action: Action, label: str, review: str, number: str, url: str) -> list[MovedDeadline]:
    rows, was = [], action.due
    for change in action.due_changes:
        rows.append(MovedDeadline(label, review, number, action.owner or "Not named", _due_words(was),
                                  _due_words(change.due), _date_words(change.changed), _first_day(change.changed),
                                  plain(change.reason), url))
        was = change.due
    return rows


def _after(value: DateValue | None, since: date, day: date) -> bool:
    """Whether a date can fall after ``since`` and by ``day``: a month or a range that straddles ``since``
    counts, so nothing recorded since the last report is missed."""
    parsed = clocks.parse_or_none(value)
    if parsed is None:
        return False
    first, last = parsed.earliest or parsed.latest, parsed.latest or parsed.earliest
    return last > since and first <= day  # type: ignore[operator]


def _scale(site: "Site") -> dict[str, str]:
    return {v.key: v.label for v in site.tracker.site.assessment_scale}


def _changes(follow: FollowUp, label: str, review: str, url: str, since: date, day: date,
             scale: dict[str, str]) -> list[Change]:
    found = []
    response = follow.response
    if response is not None and response.date and _after(response.date, since, day):
        found.append(Change(_date_words(response.date), _first_day(response.date), label, review, "Response",
                            _excerpt(response.text or response.title), url))
    for number, action in _numbered(follow.actions):
        prefix = f"{number}: " if number else ""
        for update in action.progress:
            if _after(update.date, since, day):
                state = " (completion recorded)" if update.state == "complete" else ""
                found.append(Change(_date_words(update.date), _first_day(update.date), label, review,  # type: ignore[arg-type]
                                    f"Progress update{state}", prefix + _excerpt(update.text), url))
        for change in action.due_changes:
            if _after(change.changed, since, day):
                found.append(Change(_date_words(change.changed), _first_day(change.changed), label, review,
                                    "Deadline moved", f"{prefix}{'now' if prefix else 'Now'} due {_due_words(change.due)}. {plain(change.reason)}",
                                    url))
    for assessment in follow.item_assessments:
        if _after(assessment.date, since, day):
            value = scale.get(assessment.value, assessment.value)
            outcome = f", {assessment.outcome}" if assessment.outcome else ""
            words = f"{value}{outcome}." + (f" {_excerpt(assessment.text)}" if assessment.text else "")
            found.append(Change(_date_words(assessment.date), _first_day(assessment.date), label, review,
                                "Committee’s assessment", words, url))
    return found


def _excerpt(text: str, limit: int = 240) -> str:
    flat = plain(text)
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


# ----- the site's report pages: whole for one review; with more, an overview and a page per review -----


@dataclass(frozen=True)
class ReviewLine:
    """One review's counts on the overview, linking to its own report."""

    review: Review
    url: str
    """Its report page: 'report/<review id>/'."""
    outstanding: int
    """Actions not yet complete."""
    overdue: int
    no_follow_up: int
    assessments: int
    moved: int
    changes: int


@dataclass(frozen=True)
class CommitteeLines:
    """The reviews one committee held, a line each."""

    name: str
    anchor: str
    lines: tuple[ReviewLine, ...]


@dataclass(frozen=True)
class Overview:
    """The site's report page when the record holds several reviews: a line per review, grouped by committee, so
    the page grows with the reviews, never with their records."""

    council: str
    as_at: date
    since: date
    committees: tuple[CommitteeLines, ...]

    @property
    def as_at_words(self) -> str:
        return day_words(self.as_at)

    @property
    def since_words(self) -> str:
        return day_words(self.since)


def report_url(review: Review) -> str:
    """A review's own report page on a site with several reviews."""
    return f"report/{review.id}/"


class Reports:
    """The report pages' reports, each worked out once per build: the overview's counts and a review's own page
    read the same one."""

    def __init__(self, site: "Site"):
        self.site = site
        self._of: dict[str, Report] = {}

    def whole(self) -> Report:
        return build(self.site)

    def of(self, review: Review) -> Report:
        if review.id not in self._of:
            self._of[review.id] = build(self.site, Scope(review.title, (review,)))
        return self._of[review.id]

    def overview(self) -> Overview:
        site = self.site
        held: dict[str, list[ReviewLine]] = {}
        names: dict[str, str] = {}
        for review in site.tracker.reviews:
            body = site.committee(review.committee)
            key = body.id if body else review.committee
            names[key] = body.name if body else review.committee
            made = self.of(review)
            held.setdefault(key, []).append(ReviewLine(
                review, report_url(review), len(made.outstanding), len(made.overdue), len(made.no_follow_up),
                len(made.assessments), len(made.moved), len(made.changes)))
        order = [c.id for c in site.tracker.council.committees if c.id in held]
        order += [key for key in held if key not in order]  # a committee the record does not describe: last
        day = site.as_at
        return Overview(site.tracker.site.council, day, day - REPORT_PERIOD,
                        tuple(CommitteeLines(names[key], "committee-" + key, tuple(held[key])) for key in order))


# ----- the report's tables, defined once for the Word file and the spreadsheet -----


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading, its width in characters, and whether the Word file shows it."""

    name: str
    width: int
    kind: str = "text"
    """text, date (a real date in the spreadsheet) or number."""
    in_word: bool = True


@dataclass(frozen=True)
class Table:
    """One section of the report as a table: the same rows in the Word file and the spreadsheet."""

    sheet: str
    heading: str
    intro: str
    empty: str
    columns: tuple[Column, ...]
    rows: list[tuple]


_REVIEW = Column("Review", 30, in_word=False)
NO_OUTCOME = "Not signed off or closed"
"""An assessment's outcome where it neither signed the item off nor closed it: the committee still monitors it."""


def tables(report: Report) -> list[Table]:
    """The report's sections, in the order the committee reads them."""
    return [
        Table("Outstanding", "Outstanding and overdue items",
              f"Every action not yet complete on {report.as_at_words}, overdue items first. “Progress recorded” is "
              "what the council’s papers record; the committee’s own assessment is shown beside it.",
              "Every item in this report is complete, signed off or closed.",
              # Widths leave room for the longest word of each heading ("Recommendation", "assessment") in a
              # font wider than Arial, as LibreOffice substitutes where Arial is not installed.
              (Column("Item", 23), _REVIEW, Column("Action", 8), Column("What was to be done", 30),
               Column("Owner", 16), Column("Due", 15), Column("Due by", 12, "date", in_word=False),
               Column("Progress recorded", 15), Column("Overdue by", 13), Column("Days overdue", 9, "number", in_word=False),
               Column("Latest information", 24), Column("Latest information dated", 14, "date", in_word=False),
               Column("Committee’s assessment", 19), Column("Deadline moved", 15)),
              [(r.item, r.review, r.action, r.what, r.owner, r.due, r.due_date, r.progress.label, r.overdue or "Not overdue",
                r.overdue_days, r.latest, r.latest_date, r.assessment, r.moved or "No") for r in report.outstanding]),
        Table("No follow-up", "Asked for action, with no follow-up recorded",
              "Items that asked for action, for which the record holds no actions or progress.",
              "Every item that asked for action has follow-up recorded.",
              (Column("Item", 18), _REVIEW, Column("What it asked", 80), Column("Latest information", 40),
               Column("Latest information dated", 14, "date", in_word=False)),
              [(r.item, r.review, r.what, r.latest, r.latest_date) for r in report.no_follow_up]),
        Table("Assessments", "The committee’s assessments",
              "Every assessment the committee has recorded, oldest first. An assessment is the committee’s own "
              "judgement, never the officers’ report.",
              "The committee has recorded no assessments of these items.",
              (Column("Item", 26), _REVIEW, Column("Date", 16), Column("Date (as a date)", 12, "date", in_word=False),
               Column("Meeting", 30), Column("Assessment", 18), Column("The committee’s words", 46),
               Column("Outcome", 14)),
              [(r.item, r.review, r.date_words, r.date, r.meeting, r.value, r.words or "Not recorded", r.outcome)
               for r in report.assessments]),
        Table("Moved deadlines", "Deadlines that moved",
              "Every change to a due date, with the reason the council gave, oldest first.",
              "No deadline in this report has moved.",
              (Column("Item", 26), _REVIEW, Column("Action", 8), Column("Owner", 22), Column("Was due", 18),
               Column("Now due", 18), Column("Moved on", 14), Column("Moved on (as a date)", 12, "date", in_word=False),
               Column("Reason", 50)),
              [(r.item, r.review, r.action, r.owner, r.was, r.now, r.changed_words, r.changed, r.reason)
               for r in report.moved]),
        Table("Since last report", f"What has changed since {report.since_words}",
              f"Everything recorded as happening after {report.since_words} and by {report.as_at_words}, oldest first.",
              f"Nothing has been recorded since {report.since_words}.",
              (Column("Date", 16), Column("Date (as a date)", 12, "date", in_word=False), Column("Item", 26), _REVIEW,
               Column("What", 18), Column("Details", 70)),
              [(r.date_words, r.date, r.item, r.review, r.kind, r.words) for r in report.changes]),
    ]


def summary(report: Report) -> list[str]:
    """The report's opening facts, one sentence each. Items are counted as every page of the site counts them (each
    recommendation, even where several share one response); the table counts actions, and says so."""
    lines = [
        f"As at {report.as_at_words}, the record holds {_count(report.monitored, 'item')} that asked for action, from "
        f"{_count(len(report.scope.reviews), 'review')}.",
        f"{report.closed:,} {_are(report.closed)} complete, signed off, closed or need no action; {report.open_items:,} "
        f"{_have(report.open_items)} actions outstanding; {report.past_due_items:,} {_are(report.past_due_items)} past "
        "their due date, as the list of everything overdue counts them.",
    ]
    if report.awaiting:
        lines.append(f"{report.awaiting} {_have(report.awaiting)} every action complete and {_are(report.awaiting)} "
                     "waiting to be signed off or closed.")
    actions = f"{_count(len(report.outstanding), 'action')} outstanding, {len(report.overdue)} of them past due"
    if report.shared:
        lines.append(f"{_and(report.shared)} share their actions, so the table of outstanding items lists each such "
                     f"action once: {actions}.")
    else:
        lines.append(f"The table of outstanding items lists {actions}.")
    return lines + [
        f"{len(report.no_follow_up)} asked for action with no follow-up recorded.",
        f"The committee has recorded {_count(len(report.assessments), 'assessment')}; "
        + (f"{_count(len(report.moved), 'deadline')} moved." if report.moved else "no deadline has moved."),
    ]


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


def _and(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{'; '.join(labels[:-1])} and {labels[-1]}"


def _count(n: int, noun: str) -> str:
    return f"no {noun}s" if n == 0 else f"{n:,} {noun}" + ("" if n == 1 else "s")


def steady_zip(data: bytes, day: date) -> bytes:
    """An Office file (a zip) with every entry dated ``day``: one record as at one day always makes the same bytes."""
    import io
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
