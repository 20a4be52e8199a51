"""How each thing that asked for action stands: its response, its progress, the committee's view, its clocks.

Four kinds of record ask for action: a review's recommendations, a committee's
resolutions, the parts of a decision, and the commitments given at a meeting.
Each gets a FollowUp, worked out once per build from the data and the 'as at'
day. The officers' reported progress and the committee's assessment are kept
apart, and every verdict names the latest information it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import clocks, status
from .checks import resolve
from .model import (Action, Assessment, Commitment, Committee, DateValue, Decision, DecisionPart, Meeting, Owner,
                    Recommendation, Resolution, Response, Review, ScaleValue, Source, Tracker)
from .memo import ReviewMemo
from .names import Names


@dataclass(frozen=True)
class Latest:
    """The newest dated information a verdict rests on."""

    date: DateValue
    what: str
    """What the information is, in words: 'a progress update', 'the cabinet decision notice'."""

    @property
    def day(self) -> date:
        parsed = self.date.parsed
        return parsed.earliest or parsed.latest  # type: ignore[union-attr, return-value]

    @property
    def last_day(self) -> date:
        parsed = self.date.parsed
        return parsed.latest or parsed.earliest  # type: ignore[union-attr, return-value]

    def words(self) -> str:
        return self.date.parsed.words()  # type: ignore[union-attr]


def document_words(source: Source) -> str:
    """A document named for a reader: 'the decision notice “Review of peer on peer abuse cases”'."""
    return f"the {source.kind} “{source.title}”" if source.kind else f"“{source.title}”"


def newest(found: list[Latest]) -> Latest | None:
    dated = [f for f in found if f.date is not None and f.date.parsed and (f.date.parsed.earliest or f.date.parsed.latest)]
    return max(dated, key=lambda f: (f.day, f.last_day), default=None)


@dataclass
class FollowUp:
    """One item that asked for action, and how it stands on the 'as at' day."""

    item: object
    kind: str
    """recommendation, resolution, decision-part or commitment."""
    review: Review | None
    response: Response | None
    actions: list[Action]
    response_status: status.Status | None
    """None where no response is asked for (a commitment, a part of a decision)."""
    progress: status.Verdict
    """From the officers' reported progress and the due dates: never from the committee's assessment."""
    assessment: Assessment | None
    """The committee's latest assessment, if any."""
    scale_value: ScaleValue | None
    clock: clocks.ResponseClock | None
    latest: Latest | None
    stale: bool
    """Open, and nothing newer than the latest information for longer than the update cycle."""
    report_back: clocks.Computed | None
    """A report-back the committee asked for that fell due after the latest information."""
    owners: list[Owner] = field(default_factory=list)

    @property
    def closed(self) -> str | None:
        """'signed off' or 'closed not implemented' once the committee has said so: monitoring stops."""
        return next((a.outcome for a in reversed(self.item_assessments) if a.outcome), None)

    @property
    def item_assessments(self) -> list[Assessment]:
        return getattr(self.item, "assessments", [])

    @property
    def open(self) -> bool:
        return self.closed is None and self.progress.status.key not in ("complete", "complete-late", "no-action")


class Record:
    """Lookups across the whole record, worked out once per build: what each reference names, and
    every follow-up."""

    def __init__(self, tracker: Tracker, as_at: date, memo: ReviewMemo | None = None):
        self.tracker = tracker
        self.as_at = as_at
        self.memo = memo
        council = tracker.council
        self.sources: dict[str, Source] = {s.id: s for s in council.sources}
        self.meetings: dict[str, Meeting] = {m.id: m for m in council.meetings}
        self.decisions: dict[str, Decision] = {d.id: d for d in council.decisions}
        self.owners: Names[Owner] = Names(council.owners)
        self.committees: Names[Committee] = Names(council.committees)
        self.reviews: dict[str, Review] = {r.id: r for r in tracker.reviews}
        self.by_review = {r.id: {rec.id: rec for attr in ("recommendations", "resolutions", "commitments", "events")
                                 for rec in getattr(r, attr)} for r in tracker.reviews}
        self.council_records = {r.id: r for attr in ("meetings", "decisions", "sources") for r in getattr(council, attr)}
        self._review_of: dict[int, Review] = {}
        for review in tracker.reviews:
            for record in self.by_review[review.id].values():
                self._review_of[id(record)] = review
        self._decision_of: dict[int, Decision] = {id(p): d for d in council.decisions for p in d.parts}
        self.follow_ups: dict[int, FollowUp] = {}
        self._by_review_follow_ups: dict[int, list[FollowUp]] | None = None
        for review in tracker.reviews:
            # The preview's memo (the caller has started it for this load) keeps an unchanged review's.
            found = self._of_review(review) if memo is None else memo.get(review, lambda: self._of_review(review),
                                                                          "follow-ups")
            for follow in found:
                self.follow_ups[id(follow.item)] = follow
        for decision in council.decisions:
            for part in decision.parts:
                self.follow_ups[id(part)] = self._part(part, decision)

    def _of_review(self, review: Review) -> list[FollowUp]:
        """A review's follow-ups, in record order: they rest on the review, the council's records, site.yml and
        the 'as at' day only."""
        by_id = {r.id: r for r in review.recommendations}
        return ([self._recommendation(rec, review, by_id) for rec in review.recommendations]
                + [self._resolution(resolution, review) for resolution in review.resolutions]
                + [self._commitment(commitment, review) for commitment in review.commitments])

    # ----- lookups -----

    def resolve(self, target: str, review: Review | None = None, top: object | None = None) -> object | None:
        return resolve(target, review, top, self.by_review, self.council_records)

    def review_of(self, record: object) -> Review | None:
        return self._review_of.get(id(record))

    def decision_of(self, part: DecisionPart) -> Decision:
        return self._decision_of[id(part)]

    def source(self, source_id: str | None) -> Source | None:
        return self.sources.get(source_id) if source_id else None

    def owner(self, spelling: str | None) -> Owner | None:
        return self.owners.find(spelling)

    def committee(self, spelling: str | None) -> Committee | None:
        return self.committees.find(spelling)

    def follow_up(self, item: object) -> FollowUp:
        return self.follow_ups[id(item)]

    def meetings_of(self, review: Review) -> list[Meeting]:
        """The meetings that dealt with a review: those listing it, and those its records name."""
        named = {r.meeting for attr in ("resolutions", "commitments") for r in getattr(review, attr)}
        return sorted((m for m in self.tracker.council.meetings if review.id in m.reviews or m.id in named),
                      key=lambda m: m.date.sort_key())

    def decisions_of(self, review: Review) -> list[Decision]:
        return sorted((d for d in self.tracker.council.decisions if review.id in d.reviews),
                      key=lambda d: d.date_of_decision.sort_key())

    def reviews_of(self, record: Meeting | Decision) -> list[Review]:
        return [self.reviews[r] for r in record.reviews if r in self.reviews]

    def response_of(self, rec: Recommendation, by_id: dict[str, Recommendation] | None = None) -> Response | None:
        if rec.response or not rec.shares_response_with:
            return rec.response
        review = self.review_of(rec)
        other = (by_id or {r.id: r for r in review.recommendations}).get(rec.shares_response_with)  # type: ignore[union-attr]
        return other.response if other else None

    # ----- latest information -----

    def _about_source(self, source_id: str | None) -> list[Latest]:
        source = self.source(source_id)
        return [Latest(source.date, document_words(source))] if source and source.date else []

    def _about_evidence(self, evidence, review: Review | None) -> list[Latest]:
        target = self.resolve(evidence.record, review)
        if isinstance(target, Meeting):
            return [Latest(target.date, f"the meeting “{target.title}”")]
        if isinstance(target, Decision):
            return [Latest(target.date_of_decision, f"the {target.decision_maker} decision “{target.title}”")]
        if isinstance(target, Source) and target.date:
            return [Latest(target.date, document_words(target))]
        return []

    def _about_actions(self, actions: list[Action], review: Review | None) -> list[Latest]:
        found: list[Latest] = []
        for action in actions:
            for update in action.progress:
                if update.date:
                    found.append(Latest(update.date, "a progress update"))
                else:
                    found += self._about_source(update.source)
                for evidence in update.evidence:
                    found += self._about_evidence(evidence, review)
            for change in action.due_changes:
                found.append(Latest(change.changed, "a change of due date"))
        return found

    def _about_assessments(self, assessments: list[Assessment]) -> list[Latest]:
        return [Latest(a.date, "the committee's assessment") for a in assessments]

    def latest_of_review(self, review: Review) -> Latest | None:
        found = [f.latest for f in self._follow_ups_of().get(id(review), ()) if f.latest]
        found += [Latest(m.date, f"the meeting “{m.title}”") for m in self.meetings_of(review)]
        found += [latest for d in self.decisions_of(review) for latest in self._about_decision(d)]
        return newest(found)

    def follow_ups_of(self, review: Review) -> list[FollowUp]:
        """A review's follow-ups, in record order."""
        return self._follow_ups_of().get(id(review), [])

    def _follow_ups_of(self) -> dict[int, list[FollowUp]]:
        """id(review) -> its follow-ups in record order: grouped once, not scanned for every review."""
        if self._by_review_follow_ups is None:
            grouped: dict[int, list[FollowUp]] = {}
            for follow in self.follow_ups.values():
                if follow.review is not None:
                    grouped.setdefault(id(follow.review), []).append(follow)
            self._by_review_follow_ups = grouped
        return self._by_review_follow_ups

    def latest_overall(self) -> Latest | None:
        found = [latest for review in self.tracker.reviews if (latest := self.latest_of_review(review))]
        found += [Latest(s.date, document_words(s)) for s in self.tracker.council.sources if s.date]
        found += [latest for d in self.tracker.council.decisions for latest in self._about_decision(d)]
        return newest(found)

    def _about_decision(self, decision: Decision) -> list[Latest]:
        found = [Latest(decision.date_of_decision, f"the {decision.decision_maker} decision “{decision.title}”")]
        if decision.publication_date:
            found.append(Latest(decision.publication_date,
                                f"the publication of the {decision.decision_maker} decision “{decision.title}”"))
        return found

    # ----- one follow-up per kind -----

    def _finish(self, item: object, kind: str, review: Review | None, response: Response | None,
                actions: list[Action], response_status: status.Status | None, progress: status.Verdict,
                clock: clocks.ResponseClock | None, found: list[Latest], report_back=None,
                first_report_from: DateValue | None = None) -> FollowUp:
        rules = self.tracker.site.clocks
        assessments: list[Assessment] = getattr(item, "assessments", [])
        found = found + self._about_actions(actions, review) + self._about_assessments(assessments)
        if response is not None:
            if response.date:
                found.append(Latest(response.date, "the response"))
            found += self._about_source(response.source)
        latest = newest(found)
        assessment = assessments[-1] if assessments else None
        scale = {v.key: v for v in self.tracker.site.assessment_scale}
        follow = FollowUp(item, kind, review, response, actions, response_status, progress, assessment,
                          scale.get(assessment.value) if assessment else None, clock, latest, False, None,
                          owners=list({id(o): o for a in actions if (o := self.owner(a.owner))}.values()))
        if follow.open:
            follow.stale = clocks.is_stale(latest.last_day if latest else None, self.as_at, rules.update_cycle,
                                           rules.nation)
            if report_back is not None:
                follow.report_back = clocks.report_back_due(first_report_from, report_back.every, report_back.dates,
                                                            latest.last_day if latest else None, self.as_at,
                                                            rules.nation)
        if progress.status.key == "past-due" and latest is not None:
            follow.progress = status.Verdict(progress.status, self._past_due_reason(progress, actions, latest))
        return follow

    def _past_due_reason(self, progress: status.Verdict, actions: list[Action], latest: Latest) -> str:
        """'Past due' keeps its meaning (the date has passed, no completion is recorded); where the record
        holds nothing from after the due date, the reason says so, so it does not read as a verdict on work
        the record cannot see."""
        dues = [d.latest for a in actions if (due := a.current_due) is not None and (d := due.parsed) and d.latest
                and status.action_progress(a, self.as_at).status.key == "past-due"]
        if dues and latest.last_day < min(dues):
            return (f"{progress.reason}. The latest information ({latest.words()}, {latest.what}) is from before "
                    "it fell due, so the record cannot show whether the work was done")
        return f"{progress.reason}. Latest information: {latest.words()} ({latest.what})"

    def _recommendation(self, rec: Recommendation, review: Review, by_id: dict[str, Recommendation]) -> FollowUp:
        response = self.response_of(rec, by_id)
        actions = response.actions if response else []
        rules = self.tracker.site.clocks
        start, basis, known = clocks.start_of_clock(review)
        source = self.source((response.source if response else None) or rec.source)
        clock = clocks.response_clock(response, start, basis, rules, self.as_at, stated_due=review.response_due,
                                      response_source_date=source.date if source else None,
                                      required=rec.addressed_to == "executive", start_is_known=known)
        return self._finish(rec, "recommendation", review, response, actions,
                            status.response_status(response, rec.addressed_to),
                            status.recommendation_progress(actions, self.as_at), clock,
                            self._about_source(rec.source), rec.report_back or review.report_back,
                            review.date)

    def _resolution(self, resolution: Resolution, review: Review) -> FollowUp:
        response = resolution.response
        actions = response.actions if response else []
        meeting = self.meetings.get(resolution.meeting)
        rules = self.tracker.site.clocks
        clock = None
        if resolution.addressed_to == "executive" and meeting is not None:
            source = self.source(response.source if response else None)
            clock = clocks.response_clock(
                response, meeting.date,
                "the date of the meeting that made it (the date the executive received it is not recorded)",
                rules, self.as_at, response_source_date=source.date if source else None, start_is_known=False)
        progress = (status.recommendation_progress(actions, self.as_at) if actions or (response and response.text)
                    else status.Verdict(status.PROGRESS["not-recorded"], "The record holds no actions for this"))
        found = self._about_source(resolution.source)
        if meeting is not None:
            found.append(Latest(meeting.date, f"the meeting “{meeting.title}”"))
        response_status = (status.response_status(response, resolution.addressed_to)
                           if resolution.addressed_to else None)
        return self._finish(resolution, "resolution", review, response, actions, response_status, progress, clock,
                            found, resolution.report_back, meeting.date if meeting else None)

    def _commitment(self, commitment: Commitment, review: Review) -> FollowUp:
        action = commitment.as_action
        meeting = self.meetings.get(commitment.meeting)
        found = self._about_source(commitment.source)
        if meeting is not None:
            found.append(Latest(meeting.date, f"the meeting “{meeting.title}”"))
        return self._finish(commitment, "commitment", review, None, [action], None,
                            status.action_progress(action, self.as_at), None, found)

    def _part(self, part: DecisionPart, decision: Decision) -> FollowUp:
        progress = (status.recommendation_progress(part.actions, self.as_at) if part.actions
                    else status.Verdict(status.PROGRESS["not-recorded"], "The record holds no follow-up for this part"))
        return self._finish(part, "decision-part", None, None, part.actions, None, progress, None,
                            self._about_decision(decision))
