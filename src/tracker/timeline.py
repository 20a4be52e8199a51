"""The timeline: every dated fact in the record, in order, at its true precision, linked to its record."""

from __future__ import annotations

from dataclasses import dataclass

from .followup import Record
from .model import Action, DateValue, Response, Review


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

    def sort_key(self) -> tuple:
        return (*sort_point(self.date), _KIND_ORDER.index(self.kind), self.title)


_KIND_ORDER = ["event", "review", "source", "meeting", "assessment", "response", "progress", "mention", "due-change",
               "decision", "due"]


def sort_point(value: DateValue) -> tuple:
    """Where a date sorts. A year, a season or a month sorts by its middle, so "2020" sits inside its year
    rather than at the top of it; a range ("2019-2024", "from April 2020") sorts by where it starts, as a
    period is placed where it begins. Of two dates at one point, the more precise comes first."""
    parsed = value.parsed
    if parsed is None:
        return ("9999-12-31", 0)
    first = parsed.earliest or parsed.latest
    last = parsed.latest or parsed.earliest
    point = first if parsed.is_range else first + (last - first) / 2  # type: ignore[operator]
    return (point.isoformat(), (last - first).days)  # type: ignore[operator]


def entries(record: Record) -> list[Entry]:
    """Every dated entry in the record, oldest first. Undated facts are left out."""
    found: list[Entry] = []
    tracker = record.tracker
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
            _actions(found, part.actions, f"{maker} decision part {part.label}", review, part)
            _assessments(found, part.assessments, f"{maker} decision part {part.label}", review, part)
    for source in tracker.council.sources:
        if source.date and (source.id, source.date.edtf) not in dated_by_record:
            kind = (source.kind or "document")
            found.append(Entry(source.date, "source", f"{kind[:1].upper()}{kind[1:]}: {source.title}", None, None,
                               source))
    for review in tracker.reviews:
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
            _actions(found, rec.response.actions, label, review, rec)
        for resolution in review.resolutions:
            label = f"resolution {resolution.id}"
            if resolution.response:
                _response(found, resolution.response, f"{resolution.response.title} to {label}", review, resolution)
                _actions(found, resolution.response.actions, label, review, resolution)
            _assessments(found, resolution.assessments, label, review, resolution)
            for mention in resolution.dates_in_text:
                found.append(Entry(mention.date, "mention", f"In {label}: “{mention.quote}”", None, review, resolution))
        for commitment in review.commitments:
            what = commitment.title or f"“{_excerpt(commitment.text)}”"
            _action(found, commitment.as_action, f"commitment given by the {commitment.given_by}: {what}",
                    commitment.given_by, review, commitment, with_number=False)
            _assessments(found, commitment.assessments, "commitment", review, commitment)
    return sorted((e for e in found if e.date.parsed), key=Entry.sort_key)


def _excerpt(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


def _response(found: list[Entry], response: Response, title: str, review: Review, target: object) -> None:
    # A response approved by a decision is already on the timeline as that decision.
    if response.date and response.approved_in is None:
        found.append(Entry(response.date, "response", title, None, review, target))
    for mention in response.dates_in_text:
        found.append(Entry(mention.date, "mention", f"In the {title.lower()}: “{mention.quote}”", None, review, target))


def _actions(found: list[Entry], actions: list[Action], label: str, review: Review | None, target: object) -> None:
    for action in actions:
        _action(found, action, label, action.owner, review, target)


def _action(found: list[Entry], action: Action, label: str, who: str | None, review: Review | None, target: object,
            with_number: bool = True) -> None:
    name = f"{label}, action {action.id}" if with_number else label
    if action.due and action.due.parsed:
        found.append(Entry(action.due, "due", f"Due: {name}", who, review, target))
    for change in action.due_changes:
        found.append(Entry(change.changed, "due-change", f"Deadline moved: {name}", who, review, target))
        if change.due.parsed:
            found.append(Entry(change.due, "due", f"Due (revised): {name}", who, review, target))
    for update in action.progress:
        if update.date and update.date.parsed:
            state = " (completion recorded)" if update.state == "complete" else ""
            found.append(Entry(update.date, "progress", f"Progress: {name}{state}", who, review, target))
    for mention in action.dates_in_text:
        found.append(Entry(mention.date, "mention", f"In {name}: “{mention.quote}”", who, review, target))


def _assessments(found: list[Entry], assessments, label: str, review: Review | None, target: object) -> None:
    for assessment in assessments:
        outcome = f" ({assessment.outcome})" if assessment.outcome else ""
        found.append(Entry(assessment.date, "assessment", f"Committee's assessment: {label}{outcome}", None, review,
                           target))
