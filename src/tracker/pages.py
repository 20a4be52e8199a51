"""The pages of the site: where each record lives and what its template is given.

Every URL is derived from ids, so it is stable for as long as the id is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from . import clocks, exports, pictures, report, sources, status, timeline, views
from .followup import FollowUp, Latest, Record
from .load import RECORD_FIELDS, Loaded
from .memo import ReviewMemo, world_of
from .model import (Commitment, Committee, Decision, DecisionPart, Event, Meeting, Owner, Recommendation, Resolution,
                    Review, Source)
from .text import Abbreviations, SharedNote, notes_in, plain, shared_notes


@dataclass
class Page:
    """A generated page: its source path, title, template and the data it shows."""

    src_uri: str
    title: str
    template: str
    description: str
    context: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    """What the template is given besides the page; a function for what is costly to work out (made only when the
    page is rendered, so a preview that does not show the page never pays for it)."""
    record: object | None = None
    searchable: bool = True
    """False for reference pages residents do not search for (they would crowd out records)."""

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_url: str, to_url: str) -> str:
    """A relative link from one page's URL to another's (both site-relative)."""
    # Plain string work: posixpath.relpath makes both paths absolute first, and
    # pages make tens of thousands of links in a large record.
    path, hash_mark, fragment = to_url.partition("#")
    start = [part for part in from_url.split("/") if part]
    target = [part for part in path.split("/") if part]
    common = 0
    for a, b in zip(start, target):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + target[common:])
    if not rel:
        rel = "./"
    elif path.endswith("/"):
        rel += "/"
    return rel + hash_mark + fragment


_FOLDERS = RECORD_FIELDS

_REVIEW_RECORDS = ("recommendations", "resolutions", "commitments", "events")
_COUNCIL_PAGES = ("meetings", "decisions", "owners", "committees")
"""Council-level records with pages of their own (sources are listed on one page)."""


def _related_index(record: Record) -> dict[int, list[object]]:
    """id(record) -> the records it names and that name it, in record order (once, not per page)."""
    tracker = record.tracker
    ordered: list[tuple[object, Review | None]] = []
    for review in tracker.reviews:
        ordered += [(r, review) for attr in _REVIEW_RECORDS for r in getattr(review, attr)]
    ordered += [(r, None) for attr in ("meetings", "decisions") for r in getattr(tracker.council, attr)]
    order = {id(r): n for n, (r, _) in enumerate(ordered)}
    links: dict[int, dict[int, object]] = {}
    for r, review in ordered:
        for name in getattr(r, "related", []):
            other = record.resolve(name, review, r)
            if other is not None and other is not r and id(other) in order:
                links.setdefault(id(r), {})[id(other)] = other
                links.setdefault(id(other), {})[id(r)] = r
    return {key: sorted(found.values(), key=lambda r: order[id(r)]) for key, found in links.items()}


class Site:
    """The whole site's pages, worked out from a loaded tracker."""

    def __init__(self, loaded: Loaded, edit_url_base: str | None = None, memo: ReviewMemo | None = None):
        self.loaded = loaded
        self.edit_url_base = loaded.tracker.site.edit_url_base or edit_url_base
        self.tracker = loaded.tracker
        self.as_at = loaded.as_at
        terms = {t.term: t.expansion or "" for t in self.tracker.glossary.terms}
        self.abbreviations = Abbreviations(terms)
        self.glossary = {t.term: t for t in self.tracker.glossary.terms}
        self.memo = memo
        """The preview's: what was worked out from each unchanged review at the last reload (a build has none)."""
        if memo is not None:
            memo.start(world_of(self.tracker, self.as_at, self.tracker.reviews), self.tracker.reviews)
        self.record = Record(self.tracker, self.as_at, memo)
        self.rules = self.tracker.site.clocks
        self._related = _related_index(self.record)
        self._shared: dict[tuple[str, str], list[Recommendation]] = {}
        for review in self.tracker.reviews:
            for rec in review.recommendations:
                self._shared.setdefault((review.id, rec.shares_response_with or rec.id), []).append(rec)
        self.timeline = timeline.entries(self.record)
        self.latest = self.record.latest_overall()
        self.views = views.Views(self)
        self.pages = self._plan()

    # ----- worked out when a page first asks (the plan needs none of them) -----

    @cached_property
    def shared_notes(self) -> dict[str, SharedNote]:
        """A note written on many records is said once, on the sources page, and linked from each."""
        def records(review: Review) -> list[object]:
            return [r for attr in _REVIEW_RECORDS for r in getattr(review, attr)]

        if self.memo is None:
            return shared_notes([r for review in self.tracker.reviews for r in records(review)])
        # The preview walks again only the reviews that changed (a whole walk is 0.4 s at 5,000 recommendations).
        return shared_notes([], parts=[self.memo.get(review, lambda review=review: notes_in(records(review)), "notes")
                                       for review in self.tracker.reviews])

    @cached_property
    def _part_links(self) -> dict[tuple[str, str], dict[str, list[object]]]:
        return self._index_part_links()

    # ----- lookups the templates use -----

    @property
    def as_at_words(self) -> str:
        """The 'as at' day in words, as every page shows it."""
        return f"{self.as_at.day} {self.as_at:%B %Y}"

    def review_of(self, record: object) -> Review | None:
        if isinstance(record, Review):
            return record
        return self.record.review_of(record)

    def resolve(self, target: str, context: object | None = None) -> object | None:
        return self.record.resolve(target, self.review_of(context) if context is not None else None, context)

    def url(self, record: object) -> str:
        if isinstance(record, Review):
            return f"reviews/{record.id}/"
        if isinstance(record, Source):
            return f"sources/{record.id}/" if sources.split(self) else "sources/#" + record.id
        if isinstance(record, DecisionPart):
            return self.url(self.record.decision_of(record)) + "#" + part_anchor(record)
        folder = _FOLDERS[type(record)]
        if folder in _COUNCIL_PAGES:
            return f"{folder}/{record.id}/"  # type: ignore[attr-defined]
        review = self.review_of(record)
        return f"reviews/{review.id}/{folder}/{record.id}/"  # type: ignore[union-attr, attr-defined]

    def label(self, record: object) -> str:
        """How a record is named in links and lists."""
        if isinstance(record, Recommendation):
            if record.heading:
                return f"Recommendation {record.id}: {record.heading}"
            # No heading in the source: its opening words, in quotation marks, so they read as an excerpt.
            return f"Recommendation {record.id}: “{_opening(plain(record.text))}”"
        if isinstance(record, Resolution):
            return f"Resolution {record.id}"
        if isinstance(record, DecisionPart):
            return f"{self.record.decision_of(record).decision_maker} decision, part ({record.label.strip('()')})"
        if isinstance(record, Commitment):
            if record.title:
                return f"Commitment: {record.title}"
            words = plain(record.text)
            return f"Commitment: {words[:90].rsplit(' ', 1)[0]}…" if len(words) > 90 else f"Commitment: {words}"
        if isinstance(record, Meeting):
            when = record.date.parsed.words() if record.date.parsed else record.date.words()
            return record.title if when in record.title else f"{record.title} ({when})"
        if isinstance(record, Owner | Committee):
            return record.name
        if isinstance(record, Review | Decision | Event | Source):
            return record.title
        raise TypeError(record)

    def data_file(self, record: object) -> str | None:
        """The data file a record is kept in, relative to the project."""
        return self.loaded.file_of(record)

    def edit_url(self, record: object) -> str | None:
        base, path = self.edit_url_base, self.data_file(record)
        return base.rstrip("/") + "/" + path if base and path else None

    def follow_up(self, item: object) -> FollowUp:
        return self.record.follow_up(item)

    def response_of(self, rec: Recommendation):
        return self.record.response_of(rec)

    def actions(self, item: object):
        return self.follow_up(item).actions

    def response_status(self, item: object) -> status.Status | None:
        return self.follow_up(item).response_status

    def progress(self, item: object) -> status.Verdict:
        return self.follow_up(item).progress

    def action_progress(self, action) -> status.Verdict:
        return status.action_progress(action, self.as_at)

    def owner(self, spelling: str | None) -> Owner | None:
        return self.record.owner(spelling)

    def committee(self, spelling: str | None) -> Committee | None:
        return self.record.committee(spelling)

    def owners(self, item: object) -> list[str]:
        """The owners' names as the source spells them (a page shows the verbatim name)."""
        return list(dict.fromkeys(a.owner for a in self.actions(item) if a.owner))

    def owner_records(self, item: object) -> list[Owner]:
        return self.follow_up(item).owners

    def shared_with(self, rec: Recommendation) -> list[Recommendation]:
        """The other recommendations answered by the same response."""
        group = self._shared.get((self.review_of(rec).id, rec.shares_response_with or rec.id), [])  # type: ignore[union-attr]
        return [r for r in group if r is not rec]

    def related(self, record: object) -> list[object]:
        """Records this one names, and records that name it, in record order. Recommendations printed as
        one block with one response (i, ii and iii) share what relates to that block."""
        found = list(self._related.get(id(record), ()))
        if isinstance(record, Recommendation):
            seen = {id(r) for r in found} | {id(record)}
            for other in self.shared_with(record):
                for r in self._related.get(id(other), ()):
                    if id(r) not in seen:
                        seen.add(id(r))
                        found.append(r)
        return found

    def source(self, record: object, source_id: str | None = None) -> Source | None:
        return self.record.source(source_id or getattr(record, "source", None))

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.record.meetings.get(meeting_id)

    def meetings_of(self, review: Review) -> list[Meeting]:
        return self.record.meetings_of(review)

    def decisions_of(self, review: Review) -> list[Decision]:
        return self.record.decisions_of(review)

    def reviews_of(self, record: Meeting | Decision) -> list[Review]:
        return self.record.reviews_of(record)

    def resolutions_of(self, meeting: Meeting) -> list[Resolution]:
        return [r for review in self.tracker.reviews for r in review.resolutions if r.meeting == meeting.id]

    def commitments_of(self, meeting: Meeting) -> list[Commitment]:
        return [c for review in self.tracker.reviews for c in review.commitments if c.meeting == meeting.id]

    def call_in(self, decision: Decision) -> clocks.CallIn:
        return clocks.call_in(decision, self.rules, self.committee(decision.decision_maker))

    def _index_part_links(self) -> dict[tuple[str, str], dict[str, list[object]]]:
        """(decision id, part label) -> the items whose response that part approved, and those whose progress
        cites it as evidence: worked out once, not on every decision page."""
        found: dict[tuple[str, str], dict[str, list[object]]] = {}

        def add(evidence, kind: str, item: object) -> None:
            if evidence is None or evidence.part is None:
                return
            items = found.setdefault((evidence.record, evidence.part), {"approved": [], "cited": []})[kind]
            if not any(i is item for i in items):
                items.append(item)

        for follow in self.record.follow_ups.values():
            if getattr(follow.item, "shares_response_with", None):
                continue  # its response and progress are shown once, on the record that holds them
            add(follow.response.approved_in if follow.response else None, "approved", follow.item)
            for action in follow.actions:
                for update in action.progress:
                    for evidence in update.evidence:
                        add(evidence, "cited", follow.item)
        return found

    def part_links(self, decision: Decision, part: DecisionPart) -> dict[str, list[object]]:
        return self._part_links.get((decision.id, part.label), {"approved": [], "cited": []})

    def review_clock(self, review: Review) -> clocks.ResponseClock | None:
        """The response clock of a review's recommendations to the executive (they share one report)."""
        for rec in review.recommendations:
            clock = self.follow_up(rec).clock
            if clock is not None and clock.key != "not-required":
                return clock
        return None

    def latest_of(self, record: object) -> Latest | None:
        if isinstance(record, Review):
            return self.record.latest_of_review(record)
        if id(record) in self.record.follow_ups:
            return self.follow_up(record).latest
        return self.latest

    def stale_words(self, latest: Latest | None) -> str | None:
        """'Nothing newer has been published for 6 years, longer than the update cycle (six months).', or None."""
        if latest is None:
            return None
        if not clocks.is_stale(latest.last_day, self.as_at, self.rules.update_cycle, self.rules.nation):
            return None
        return (f"Nothing newer has been recorded for {clocks.elapsed_words(latest.last_day, self.as_at)}, longer "
                f"than the update cycle of {self.rules.update_cycle.words()}.")

    def items_of(self, owner: Owner) -> list[FollowUp]:
        return [f for f in self.record.follow_ups.values() if owner in f.owners]

    def records_of(self, committee: Committee) -> dict[str, list[object]]:
        """What a committee is responsible for: reviews it held, meetings, decisions."""
        found = self.committee
        return {
            "reviews": [r for r in self.tracker.reviews if found(r.committee) is committee],
            "meetings": [m for m in self.tracker.council.meetings if found(m.committee) is committee],
            "decisions": [d for d in self.tracker.council.decisions if found(d.decision_maker) is committee],
        }

    def counts(self) -> dict[str, list[tuple[status.Status, int]]]:
        recs = [r for review in self.tracker.reviews for r in review.recommendations]
        responses = Counter(self.response_status(r).key for r in recs)  # type: ignore[union-attr]
        progress = Counter(self.progress(r).status.key for r in recs)
        by_response = [(s, responses[s.key]) for s in status.RESPONSES.values()]
        by_progress = [(s, progress[s.key]) for s in status.PROGRESS.values()]
        return {"response": [c for c in by_response if c[1]], "progress": [c for c in by_progress if c[1]],
                "total": len(recs)}

    def latest_entries(self, count: int) -> list[timeline.Entry]:
        """The most recent dated entries that could have happened by the 'as at' date."""
        past = [e for e in self.timeline if (e.date.parsed.earliest or e.date.parsed.latest) <= self.as_at]  # type: ignore[union-attr, operator]
        return past[::-1][:count]

    def entry_url(self, entry: timeline.Entry) -> str:
        return self.url(entry.target)

    def standing(self, items: list[object]) -> pictures.Standing:
        """Where some recommendations stand, as bars (the picture on the home and review pages)."""
        return pictures.standing(self, items)

    def time_line(self, review: Review | None = None, name: str = "time-line") -> pictures.TimeLine | None:
        """The picture of due dates against the 'as at' day: of one review, or of the whole record."""
        return pictures.time_line(self, review, name)

    # ----- the plan -----

    def _listed(self, paged: views.Paged, view: str, csv_path: str, title: str, template: str, description: str,
                record: object | None = None, first: str | None = None) -> list[Page]:
        """A view's pages: the first at its own address, the rest at '<address>2/', '3/'..."""
        found = []
        total = len(paged.pages)
        for number in range(1, total + 1):
            src = first if first and number == 1 else paged.src_uri(number)
            found.append(Page(src, title if number == 1 else f"{title} (page {number} of {total})", template,
                              description, record=record, searchable=number == 1,
                              context={"listing": self.views.listing(view, paged, number, csv_path)}))
        return found

    def report_url(self, review: Review) -> str:
        """Where the committee's tracker report for ``review`` is: the whole report when it is the only review."""
        return "report/" if len(self.tracker.reviews) < 2 else report.report_url(review)

    def _source_pages(self) -> list[Page]:
        """At scale, a page per source document: its details and the records that cite it (the list stays compact)."""
        if not sources.split(self):
            return []
        citations = sources.Citations(self)
        return [Page(f"sources/{src.id}.md", src.title, "source.html", f"The source document {src.title}: its date, "
                     "where to read it, and the records on this site taken from it.", record=src, searchable=False,
                     context=lambda src=src: {"source": src, "cited": citations.of(src)})
                for src in self.tracker.council.sources]

    def _report_pages(self) -> list[Page]:
        """The tracker report: whole on one page for one review; with more, an overview and a page per review, so
        no page grows with the whole record."""
        reports = report.Reports(self)
        about = ("The committee's tracker report: outstanding and overdue items, assessments, moved deadlines and "
                 "what has changed in the last quarter.")
        if len(self.tracker.reviews) < 2:
            return [Page("report.md", "Recommendations tracker report", "report.html", about,
                         context=lambda: {"report": reports.whole()}, searchable=False)]
        pages = [Page("report.md", "Recommendations tracker report", "report-overview.html", about,
                      context=lambda: {"overview": reports.overview()}, searchable=False)]
        for review in self.tracker.reviews:
            pages.append(Page(f"report/{review.id}.md", f"Recommendations tracker report: {review.title}", "report.html",
                              f"The tracker report for the {review.title}: outstanding and overdue items, assessments, "
                              "moved deadlines and what has changed in the last quarter.",
                              context=lambda review=review: {"report": reports.of(review), "overview_url": "report/"},
                              searchable=False))
        return pages

    def _plan(self) -> list[Page]:
        site = self.tracker.site
        council = self.tracker.council
        listings = timeline.plan(self.timeline)
        pages = [
            Page("index.md", site.title, "home.html", _summary(plain(site.introduction)) or site.title),
            Page("reviews/index.md", "Reviews", "reviews.html", f"Every review {site.council} tracks on this site."),
            Page("timeline.md", "Timeline", "timeline.html",
                 "Every dated event in the record, from the earliest the sources mention to the last due date.", searchable=False,
                 context={"listings": listings, "current": timeline.landing(listings, self.as_at), "landing": True}),
            Page("how-to-read.md", "How to read this site", "how-to-read.html",
                 "What every badge and status on this site means, and how progress is worked out."),
            Page("glossary.md", "Abbreviations", "glossary.html", "The abbreviations the source documents use."),
            Page("sources.md", "Source documents", "sources.html", "The public documents this record is transcribed from.",
                 context=lambda: {"split": sources.split(self), "years": sources.by_year(self.tracker.council.sources)}),
            Page("accessibility.md", "Accessibility statement", "accessibility.html",
                 "How accessible this website is, what is not yet, and how to ask for another format.", searchable=False),
            Page("owners/index.md", "Who is responsible", "owners.html",
                 "Every post and team that owns an action or gave an undertaking, and how their items stand."),
            Page("committees/index.md", "Committees", "committees.html",
                 f"The bodies of {site.council} that held reviews, met and decided."),
            Page("downloads.md", "Download the data", "downloads.html",
                 "The whole record as open data (JSON and CSV), its schema, and Atom feeds of updates.",
                 context=lambda: exports.page_context(self), searchable=False),
            Page("data-dictionary.md", "Data dictionary", "data-dictionary.html",
                 "Every field of every download: its name, meaning, type and allowed values.",
                 context={"dictionary": exports.dictionary(self)}, searchable=False),
        ]
        pages += self._report_pages()
        pages += self._source_pages()
        for listing in timeline.pages_of(listings):
            pages.append(Page(listing.src_uri, f"Timeline: {listing.title}", "timeline.html",
                              f"Every dated entry in the record for {listing.title}.", searchable=False,
                              context={"listings": listings, "current": listing, "landing": False}))
        for meeting in council.meetings:
            pages.append(Page(f"meetings/{meeting.id}.md", self.label(meeting), "meeting.html",
                              _summary(plain(meeting.purpose)) or meeting.title, record=meeting))
        for decision in council.decisions:
            pages.append(Page(f"decisions/{decision.id}.md", decision.title, "decision.html",
                              _summary(plain(decision.purpose)) or decision.title, record=decision))
        for owner in council.owners:
            pages += self._listed(self.views.owner_paged(owner), "owner", views.owner_csv(owner), owner.name,
                                  "owner.html", f"What {owner.name} is responsible for, and how each item stands.",
                                  record=owner, first=f"owners/{owner.id}.md")
        for committee in council.committees:
            pages += self._listed(self.views.committee_paged(committee), "committee", views.committee_csv(committee),
                                  committee.name, "committee.html",
                                  f"What {committee.name} asked for or decided, and how each item stands.",
                                  record=committee, first=f"committees/{committee.id}.md")
        pages += self._listed(self.views.overdue_paged, "overdue", views.OVERDUE_CSV, "Everything overdue",
                              "overdue.html", "Every recommendation, resolution, commitment and decision that is "
                              "past its due date with no completion recorded, its owner and how long overdue.")
        pages += self._listed(self.views.changes_paged, "changes", views.CHANGES_CSV, "What has changed",
                              "changes.html", "Every dated change to the record, newest first: progress updates, "
                              "responses, assessments, moved deadlines, new records.")
        for review in self.tracker.reviews:
            base = f"reviews/{review.id}"
            pages.append(Page(f"{base}/index.md", review.title, "review.html", _summary(plain(review.summary)) or review.title,
                              record=review))
            recs = review.recommendations
            for index, rec in enumerate(recs):
                pages.append(Page(f"{base}/recommendations/{rec.id}.md", self.label(rec), "recommendation.html",
                                  _summary(plain(rec.text)), record=rec,
                                  context={"previous": recs[index - 1] if index else None,
                                           "next": recs[index + 1] if index + 1 < len(recs) else None}))
            for resolution in review.resolutions:
                pages.append(Page(f"{base}/resolutions/{resolution.id}.md", self.label(resolution), "resolution.html",
                                  _summary(plain(resolution.text)), record=resolution))
            for commitment in review.commitments:
                pages.append(Page(f"{base}/commitments/{commitment.id}.md", self.label(commitment), "commitment.html",
                                  _summary(plain(commitment.text)), record=commitment))
            for event in review.events:
                pages.append(Page(f"{base}/events/{event.id}.md", event.title, "event.html",
                                  _summary(plain(event.text)), record=event))
        return pages


def _opening(text: str, length: int = 60) -> str:
    """The first words of a text, cut at a word and ended with an ellipsis when cut."""
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0].rstrip(".,;:") + "…"


def _summary(text: str, length: int = 300) -> str:
    """A page description: at most ``length`` characters, cut at a word, never inside one."""
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0].rstrip(".,;:") + "…"


def part_anchor(part: DecisionPart) -> str:
    """The anchor of a decision part on its decision's page: 'a)' -> 'part-a'."""
    return "part-" + ("".join(c for c in part.label.lower() if c.isalnum()) or "x")
