"""The timeline: every dated thing in the record, in order, at its true precision."""

from __future__ import annotations

from dataclasses import dataclass

from .model import DateValue, Review
from .status import actions_of


@dataclass(frozen=True)
class Entry:
    """One dated entry: what happened (or was due), who acted, and its record."""

    date: DateValue
    kind: str
    """review, source, meeting, decision, response, due, due-change, progress, event."""
    title: str
    who: str | None
    review: Review
    target: object
    """The record the entry links to."""
    landmark: bool = False

    def sort_key(self) -> tuple:
        return (*self.date.sort_key(), _KIND_ORDER.index(self.kind), self.title)


_KIND_ORDER = ["event", "review", "source", "meeting", "response", "progress", "due-change", "decision", "due"]


def entries(reviews: list[Review]) -> list[Entry]:
    """Every dated entry of these reviews, oldest first. Undated facts are left out."""
    found: list[Entry] = []
    for review in reviews:
        found.append(Entry(review.date, "review", review.title, review.body, review, review, landmark=True))
        cited = {(r.source, r.date_of_decision.edtf) for r in review.decisions}
        for source in review.sources:
            if source.date and (source.id, source.date.edtf) not in cited:
                found.append(Entry(source.date, "source", f"Document: {source.title}", None, review, source))
        for event in review.events:
            found.append(Entry(event.date, "event", event.title, None, review, event))
        for meeting in review.meetings:
            found.append(Entry(meeting.date, "meeting", meeting.title, meeting.body, review, meeting))
        for decision in review.decisions:
            found.append(Entry(decision.date_of_decision, "decision", f"{decision.decision_maker} decision: {decision.title}",
                               decision.decision_maker, review, decision, landmark=True))
        by_id = {r.id: r for r in review.recommendations}
        for rec in review.recommendations:
            if rec.response and rec.response.date:
                found.append(Entry(rec.response.date, "response", f"{rec.response.title} to recommendation {rec.id}",
                                   None, review, rec))
            if rec.shares_response_with:
                continue
            for action in actions_of(rec, by_id):
                label = f"recommendation {rec.id}, action {action.id}"
                if action.due and action.due.parsed:
                    found.append(Entry(action.due, "due", f"Due: {label}", action.owner, review, rec))
                for change in action.due_changes:
                    found.append(Entry(change.changed, "due-change", f"Deadline moved: {label}", action.owner, review, rec))
                    if change.due.parsed:
                        found.append(Entry(change.due, "due", f"Due (revised): {label}", action.owner, review, rec))
                for update in action.progress:
                    if update.date and update.date.parsed:
                        found.append(Entry(update.date, "progress", f"Progress: {label}", action.owner, review, rec))
    return sorted((e for e in found if e.date.parsed), key=Entry.sort_key)
