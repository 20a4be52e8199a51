"""The pages of the site: where each record lives and what its template is given.

Every URL is derived from ids, so it is stable for as long as the id is.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from . import exports, status, timeline
from .load import Loaded
from .model import Decision, Event, Meeting, Recommendation, Resolution, Review, Source
from .text import Abbreviations, plain


@dataclass
class Page:
    """A generated page: its source path, title, template and the data it shows."""

    src_uri: str
    title: str
    template: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
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
    fragment = ""
    if "#" in to_url:
        to_url, fragment = to_url.split("#", 1)
        fragment = "#" + fragment
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    if from_url.endswith("/") or from_url == "":
        pass
    if to_url.endswith("/") and not rel.endswith("/") and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + fragment


_FOLDERS = {Recommendation: "recommendations", Meeting: "meetings", Resolution: "resolutions",
            Decision: "decisions", Event: "events"}


class Site:
    """The whole site's pages, worked out from a loaded tracker."""

    def __init__(self, loaded: Loaded, edit_url_base: str | None = None):
        self.loaded = loaded
        self.edit_url_base = loaded.tracker.site.edit_url_base or edit_url_base
        self.tracker = loaded.tracker
        self.as_at = loaded.as_at
        terms = {t.term: t.expansion or "" for t in self.tracker.glossary.terms}
        self.abbreviations = Abbreviations(terms)
        self.glossary = {t.term: t for t in self.tracker.glossary.terms}
        self._review_of: dict[int, Review] = {}
        self._by_id: dict[tuple[str, str], object] = {}
        for review in self.tracker.reviews:
            self._review_of[id(review)] = review
            for attr in _FOLDERS.values():
                for record in getattr(review, attr):
                    self._review_of[id(record)] = review
                    self._by_id[(review.id, record.id)] = record
        self.timeline = timeline.entries(self.tracker.reviews)
        self.pages = self._plan()

    # ----- lookups the templates use -----

    def review_of(self, record: object) -> Review:
        return self._review_of[id(record)]

    def record(self, review: Review, record_id: str) -> object:
        return self._by_id[(review.id, record_id)]

    def url(self, record: object) -> str:
        if isinstance(record, Review):
            return f"reviews/{record.id}/"
        if isinstance(record, Source):
            return "sources/#" + record.id
        review = self.review_of(record)
        return f"reviews/{review.id}/{_FOLDERS[type(record)]}/{record.id}/"  # type: ignore[attr-defined]

    def label(self, record: object) -> str:
        """How a record is named in links and lists."""
        if isinstance(record, Recommendation):
            return f"Recommendation {record.id}" + (f": {record.heading}" if record.heading else "")
        if isinstance(record, Resolution):
            return f"Resolution {record.id}"
        if isinstance(record, Review | Meeting | Decision | Event | Source):
            return record.title
        raise TypeError(record)

    def data_file(self, record: object) -> str | None:
        """The data file a record is kept in, relative to the project."""
        return self.loaded.file_of(record)

    def edit_url(self, record: object) -> str | None:
        base, path = self.edit_url_base, self.data_file(record)
        return base.rstrip("/") + "/" + path if base and path else None

    def response_of(self, rec: Recommendation):
        if rec.response:
            return rec.response
        review = self.review_of(rec)
        other = self.record(review, rec.shares_response_with)  # type: ignore[arg-type]
        return other.response  # type: ignore[attr-defined]

    def actions(self, rec: Recommendation):
        response = self.response_of(rec)
        return response.actions if response else []

    def response_status(self, rec: Recommendation) -> status.Status:
        return status.response_status(self.response_of(rec), rec.addressed_to)

    def progress(self, rec: Recommendation) -> status.Verdict:
        return status.recommendation_progress(self.actions(rec), self.as_at)

    def action_progress(self, action) -> status.Verdict:
        return status.action_progress(action, self.as_at)

    def owners(self, rec: Recommendation) -> list[str]:
        return list(dict.fromkeys(a.owner for a in self.actions(rec) if a.owner))

    def shared_with(self, rec: Recommendation) -> list[Recommendation]:
        """The other recommendations answered by the same response."""
        review = self.review_of(rec)
        lead = rec.shares_response_with or rec.id
        return [r for r in review.recommendations if r is not rec and (r.id == lead or r.shares_response_with == lead)]

    def related(self, record: object) -> list[object]:
        """Records this one names, and records that name it, in review order."""
        review = self.review_of(record)
        names = set(getattr(record, "related", []))
        found = []
        for attr in _FOLDERS.values():
            for other in getattr(review, attr):
                if other is record:
                    continue
                if other.id in names or record.id in getattr(other, "related", []):  # type: ignore[attr-defined]
                    found.append(other)
        return found

    def source(self, record: object, source_id: str | None = None) -> Source | None:
        return self.review_of(record).source(source_id or getattr(record, "source", None))

    def counts(self) -> dict[str, list[tuple[status.Status, int]]]:
        recs = [r for review in self.tracker.reviews for r in review.recommendations]
        by_response = [(s, sum(1 for r in recs if self.response_status(r) is s)) for s in status.RESPONSES.values()]
        by_progress = [(s, sum(1 for r in recs if self.progress(r).status is s)) for s in status.PROGRESS.values()]
        return {"response": [c for c in by_response if c[1]], "progress": [c for c in by_progress if c[1]],
                "total": len(recs)}

    def latest_entries(self, count: int) -> list[timeline.Entry]:
        """The most recent dated entries that could have happened by the 'as at' date."""
        past = [e for e in self.timeline if (e.date.parsed.earliest or e.date.parsed.latest) <= self.as_at]  # type: ignore[union-attr, operator]
        return past[::-1][:count]

    def entry_url(self, entry: timeline.Entry) -> str:
        return self.url(entry.target)

    # ----- the plan -----

    def _plan(self) -> list[Page]:
        site = self.tracker.site
        pages = [
            Page("index.md", site.title, "home.html", plain(site.introduction)[:300] or site.title),
            Page("reviews/index.md", "Reviews", "reviews.html", f"Every review {site.council} tracks on this site."),
            Page("timeline.md", "Timeline", "timeline.html",
                 "Every dated event in the record, from the earliest the sources mention to the last due date."),
            Page("how-to-read.md", "How to read this site", "how-to-read.html",
                 "What every badge and status on this site means, and how progress is worked out."),
            Page("glossary.md", "Abbreviations", "glossary.html", "The abbreviations the source documents use."),
            Page("sources.md", "Source documents", "sources.html", "The public documents this record is transcribed from."),
            Page("downloads.md", "Download the data", "downloads.html",
                 "The whole record as open data (JSON and CSV), its schema, and Atom feeds of updates.",
                 context=exports.page_context(self), searchable=False),
            Page("data-dictionary.md", "Data dictionary", "data-dictionary.html",
                 "Every field of every download: its name, meaning, type and allowed values.",
                 context={"dictionary": exports.dictionary(self)}, searchable=False),
        ]
        for review in self.tracker.reviews:
            base = f"reviews/{review.id}"
            pages.append(Page(f"{base}/index.md", review.title, "review.html", plain(review.summary)[:300] or review.title,
                              record=review))
            recs = review.recommendations
            for index, rec in enumerate(recs):
                pages.append(Page(f"{base}/recommendations/{rec.id}.md", self.label(rec), "recommendation.html",
                                  plain(rec.text)[:300], record=rec,
                                  context={"previous": recs[index - 1] if index else None,
                                           "next": recs[index + 1] if index + 1 < len(recs) else None}))
            for meeting in review.meetings:
                pages.append(Page(f"{base}/meetings/{meeting.id}.md", meeting.title, "meeting.html",
                                  plain(meeting.purpose)[:300] or meeting.title, record=meeting))
            for resolution in review.resolutions:
                pages.append(Page(f"{base}/resolutions/{resolution.id}.md", self.label(resolution), "resolution.html",
                                  plain(resolution.text)[:300], record=resolution))
            for decision in review.decisions:
                pages.append(Page(f"{base}/decisions/{decision.id}.md", decision.title, "decision.html",
                                  plain(decision.purpose)[:300] or decision.title, record=decision))
            for event in review.events:
                pages.append(Page(f"{base}/events/{event.id}.md", event.title, "event.html",
                                  plain(event.text)[:300], record=event))
        return pages
