"""The timeline: every dated fact in the record, in order, at its true precision, linked to its record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .followup import Record
from .model import Action, DateValue, Recommendation, Response, Review
from .status import Status, action_progress


@dataclass(frozen=True)
class Entry:
    """One dated entry: what happened (or was due), who acted, and its record."""

    date: DateValue
    kind: str
    """review, source, meeting, decision, response, due, due-change, progress, assessment, mention, event."""
    title: str
    who: str | None
    review: Review | None
    """The review it belongs to; None for a council record that deals with no single review."""
    target: object
    """The record the entry links to."""
    landmark: bool = False
    status: Status | None = None
    """For a due date still in force: how the action stands on the 'as at' day."""

    def sort_key(self) -> tuple:
        return self._key

    @cached_property
    def _key(self) -> tuple:
        # Worked out once: a large record's timeline sorts and groups tens of thousands of entries.
        return (*sort_point(self.date, deadline=self.kind == "due"), _KIND_ORDER.index(self.kind), self.title)

    @property
    def year(self) -> str:
        """The year the entry is listed under (where it sorts)."""
        return self._key[0][:4]

    @property
    def month(self) -> str:
        """The month the entry is listed under, '2020-03', when its year is listed a month to a page."""
        return self._key[0][:7]


_KIND_ORDER = ["event", "review", "source", "meeting", "assessment", "response", "progress", "mention", "due-change",
               "decision", "due"]


def sort_point(value: DateValue, deadline: bool = False) -> tuple:
    """Where a date sorts. A period (a year, a season, a month, a range) is placed where it begins, and
    before the more precise dates inside it, as a heading comes before what it holds: "2017" comes before
    "April 2017", "summer 2020" before "June 2020". A due date is placed where its period ends, the last
    day it could be met: "End of March 2020" sorts at 31 March. Undated values sort last."""
    parsed = value.parsed
    if parsed is None:
        return ("9999-12-31", 0)
    first = parsed.earliest or parsed.latest
    last = parsed.latest or parsed.earliest
    width = (last - first).days  # type: ignore[operator]
    if deadline and parsed.latest is not None:
        return (parsed.latest.isoformat(), 0)
    return (first.isoformat(), -width)  # type: ignore[union-attr]


def entries(record: Record) -> list[Entry]:
    """Every dated entry in the record, oldest first. Undated facts are left out."""
    found: list[Entry] = []
    tracker = record.tracker
    as_at = record.as_at
    dated_by_record = set()
    for meeting in tracker.council.meetings:
        committee = record.committee(meeting.committee)
        reviews = record.reviews_of(meeting)
        found.append(Entry(meeting.date, "meeting", meeting.title, committee.name if committee else meeting.committee,
                           reviews[0] if reviews else None, meeting))
        for mention in meeting.dates_in_text:
            found.append(Entry(mention.date, "mention", f"In the minutes of {meeting.title}: “{mention.quote}”", None,
                               reviews[0] if reviews else None, meeting))
        dated_by_record.add((meeting.source, meeting.date.edtf))
    for decision in tracker.council.decisions:
        reviews = record.reviews_of(decision)
        review = reviews[0] if reviews else None
        maker = decision.decision_maker
        found.append(Entry(decision.date_of_decision, "decision", f"{maker} decision: {decision.title}", maker, review,
                           decision, landmark=True))
        dated_by_record.add((decision.source, decision.date_of_decision.edtf))
        if decision.publication_date:
            found.append(Entry(decision.publication_date, "decision", f"Decision published: {decision.title}", maker,
                               review, decision))
        if decision.called_in:
            found.append(Entry(decision.called_in, "decision", f"Decision called in: {decision.title}", None, review,
                               decision))
        if decision.effective_from:
            found.append(Entry(decision.effective_from, "decision", f"Decision takes effect: {decision.title}", maker,
                               review, decision))
        for part in decision.parts:
            _actions(found, part.actions, f"{maker} decision part {part.label}", review, part, as_at)
            _assessments(found, part.assessments, f"{maker} decision part {part.label}", review, part)
    for source in tracker.council.sources:
        if source.date and (source.id, source.date.edtf) not in dated_by_record:
            kind = (source.kind or "document")
            found.append(Entry(source.date, "source", f"{kind[:1].upper()}{kind[1:]}: {source.title}", None, None,
                               source))
    for review in tracker.reviews:
        # The preview's memo (started for this load by the Site) keeps an unchanged review's entries.
        memo = record.memo
        found += _review(record, review) if memo is None else memo.get(review, lambda: _review(record, review),
                                                                       "timeline")
    return sorted((e for e in found if e.date.parsed), key=Entry.sort_key)


def _review(record: Record, review: Review) -> list[Entry]:
    """A review's own entries, in record order: they rest on the review, the council's committees and the
    'as at' day only."""
    found: list[Entry] = []
    as_at = record.as_at
    committee = record.committee(review.committee)
    found.append(Entry(review.date, "review", review.title, committee.name if committee else review.committee,
                       review, review, landmark=True))
    if review.report_received:
        found.append(Entry(review.report_received, "review", f"Report received by the executive: {review.title}",
                           None, review, review))
    if review.response_due:
        found.append(Entry(review.response_due, "due", f"Response due: {review.title}", None, review, review))
    for event in review.events:
        found.append(Entry(event.date, "event", event.title, None, review, event))
    for rec in review.recommendations:
        label = f"recommendation {rec.id}"
        if rec.response:
            _response(found, rec.response, f"{rec.response.title} to {label}", review, rec)
        _assessments(found, rec.assessments, label, review, rec)
        if rec.shares_response_with or rec.response is None:
            continue
        _actions(found, rec.response.actions, label, review, rec, as_at, due_label=_due_label(rec, review))
    for resolution in review.resolutions:
        label = f"resolution {resolution.id}"
        if resolution.response:
            _response(found, resolution.response, f"{resolution.response.title} to {label}", review, resolution)
            _actions(found, resolution.response.actions, label, review, resolution, as_at)
        _assessments(found, resolution.assessments, label, review, resolution)
        for mention in resolution.dates_in_text:
            found.append(Entry(mention.date, "mention", f"In {label}: “{mention.quote}”", None, review, resolution))
    for commitment in review.commitments:
        what = commitment.title or f"“{_excerpt(commitment.text)}”"
        _action(found, commitment.as_action, f"commitment given by the {commitment.given_by}: {what}",
                commitment.given_by, review, commitment, as_at, with_number=False)
        _assessments(found, commitment.assessments, "commitment", review, commitment)
    return found


def _excerpt(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


def _response(found: list[Entry], response: Response, title: str, review: Review, target: object) -> None:
    # A response approved by a decision is already on the timeline as that decision.
    if response.date and response.approved_in is None:
        found.append(Entry(response.date, "response", title, None, review, target))
    for mention in response.dates_in_text:
        found.append(Entry(mention.date, "mention", f"In the {title.lower()}: “{mention.quote}”", None, review, target))


def _due_label(rec: Recommendation, review: Review) -> str:
    """What a recommendation's due dates are called: "Recommendation iv: Resource pool for schools", and,
    for a block answered by one response (i, ii and iii), every recommendation in it."""
    block = [r.id for r in review.recommendations if r is rec or r.shares_response_with == rec.id]
    names = f"Recommendations {', '.join(block[:-1])} and {block[-1]}" if len(block) > 1 else f"Recommendation {rec.id}"
    return f"{names}: {rec.heading}" if rec.heading else names


def _actions(found: list[Entry], actions: list[Action], label: str, review: Review | None, target: object,
             as_at, due_label: str | None = None) -> None:
    for action in actions:
        _action(found, action, label, action.owner, review, target, as_at,
                due_label=_numbered(due_label, action, actions) if due_label else None)


def _numbered(label: str, action: Action, actions: list[Action]) -> str:
    return f"{label} (action {action.id})" if len(actions) > 1 else label


def _action(found: list[Entry], action: Action, label: str, who: str | None, review: Review | None, target: object,
            as_at, with_number: bool = True, due_label: str | None = None) -> None:
    name = f"{label}, action {action.id}" if with_number else label
    due_name = due_label or _upper_first(name)
    # Only the date in force says how the action stands; an earlier one says it was moved.
    standing = action_progress(action, as_at).status
    dues = [action.due] + [change.due for change in action.due_changes]
    for index, due in enumerate(dues):
        if due is None or due.parsed is None:
            continue
        current = index == len(dues) - 1
        what = "Due" if index == 0 else "Due (revised)"
        if not current:
            what += ", later moved"
        found.append(Entry(due, "due", f"{what}: {due_name}", who, review, target,
                           status=standing if current else None))
    for change in action.due_changes:
        found.append(Entry(change.changed, "due-change", f"Deadline moved: {due_name}", who, review, target))
    for update in action.progress:
        if update.date and update.date.parsed:
            state = ", completion recorded" if update.state == "complete" else ""
            found.append(Entry(update.date, "progress", f"Progress: {name}{state}", who, review, target))
    for mention in action.dates_in_text:
        found.append(Entry(mention.date, "mention", f"In {name}: “{mention.quote}”", who, review, target))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _assessments(found: list[Entry], assessments, label: str, review: Review | None, target: object) -> None:
    for assessment in assessments:
        outcome = f" ({assessment.outcome})" if assessment.outcome else ""
        found.append(Entry(assessment.date, "assessment", f"Committee's assessment: {label}{outcome}", None, review,
                           target))


ONE_PAGE = 400
"""Up to this many entries, the timeline's first page lists them all (each year has its page as well)."""
YEAR_PAGE = 1000
"""A year with more entries than this is listed a month to a page (timeline/2020/03/), so that no page grows
with the whole record. A year only gains entries, so its month pages, once there, stay."""

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


@dataclass(eq=False)
class Listing:
    """One page of the timeline: a year, or a month of a busy year, with the entries it lists."""

    src_uri: str
    title: str
    """'2020', or 'March 2020'."""
    entries: list[Entry]
    months: list["Listing"] = field(default_factory=list)
    """For a year listed a month to a page: its months (then the year's page lists these, not entries)."""

    @property
    def url(self) -> str:
        return self.src_uri[: -len(".md")] + "/"

    @property
    def count(self) -> int:
        return len(self.entries)


def plan(found: list[Entry]) -> list[Listing]:
    """The timeline's pages, a year each, oldest first; a busy year's months each have a page too."""
    by_year: dict[str, list[Entry]] = {}
    for entry in found:
        by_year.setdefault(entry.year, []).append(entry)
    listings = []
    for year, entries in by_year.items():
        months: list[Listing] = []
        if len(entries) > YEAR_PAGE:
            by_month: dict[str, list[Entry]] = {}
            for entry in entries:
                by_month.setdefault(entry.month, []).append(entry)
            months = [Listing(f"timeline/{year}/{month[5:]}.md", f"{_MONTHS[int(month[5:]) - 1]} {year}", listed)
                      for month, listed in by_month.items()]
        listings.append(Listing(f"timeline/{year}.md", year, entries, months))
    return listings


def pages_of(listings: list[Listing]) -> list[Listing]:
    """Every page of the plan, in order: each year, then its months."""
    return [page for year in listings for page in [year, *year.months]]


def landing(listings: list[Listing], as_at: date) -> Listing | None:
    """What the timeline's first page lists: None (everything) while the whole record fits on one page; else
    the latest year (or, in a busy year, month) that has begun by the 'as at' day, or failing that the first."""
    if sum(year.count for year in listings) <= ONE_PAGE:
        return None
    listed = [page for page in pages_of(listings) if not page.months]
    started = [page for page in listed if page.entries[0].sort_key()[0] <= as_at.isoformat()]
    return started[-1] if started else listed[0]
