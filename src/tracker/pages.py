"""The pages of the site: where each record lives and what its template is given.

Every URL is derived from ids, so it is stable for as long as the id is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import exports, status, timeline
from .load import RECORD_FIELDS, Loaded
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


def _related_index(reviews: list[Review]) -> dict[int, list[object]]:
    """id(record) -> the records it names and that name it, in review order (once, not per page)."""
    index: dict[int, list[object]] = {}
    for review in reviews:
        records = [r for attr in _FOLDERS.values() for r in getattr(review, attr)]
        order = {id(r): n for n, r in enumerate(records)}
        by_id: dict[str, list[object]] = {}
        for r in records:
            by_id.setdefault(r.id, []).append(r)  # type: ignore[attr-defined]
        links: dict[int, dict[int, object]] = {}
        for r in records:
            for name in getattr(r, "related", []):
                for other in by_id.get(name, []):
                    if other is not r:
                        links.setdefault(id(r), {})[id(other)] = other
                        links.setdefault(id(other), {})[id(r)] = r
        for key, found in links.items():
            index[key] = sorted(found.values(), key=lambda r: order[id(r)])
    return index


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
        self._related = _related_index(self.tracker.reviews)
        self._shared: dict[tuple[str, str], list[Recommendation]] = {}
        for review in self.tracker.reviews:
            for rec in review.recommendations:
                self._shared.setdefault((review.id, rec.shares_response_with or rec.id), []).append(rec)
        self._progress: dict[int, status.Verdict] = {}
        self.timeline = timeline.entries(self.tracker.reviews)
        self.pages = self._plan()

    # ----- lookups the templates use -----

    @property
    def as_at_words(self) -> str:
        """The 'as at' day in words, as every page shows it."""
        return f"{self.as_at.day} {self.as_at:%B %Y}"

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
        verdict = self._progress.get(id(rec))
        if verdict is None:
            verdict = self._progress[id(rec)] = status.recommendation_progress(self.actions(rec), self.as_at)
        return verdict

    def action_progress(self, action) -> status.Verdict:
        return status.action_progress(action, self.as_at)

    def owners(self, rec: Recommendation) -> list[str]:
        return list(dict.fromkeys(a.owner for a in self.actions(rec) if a.owner))

    def shared_with(self, rec: Recommendation) -> list[Recommendation]:
        """The other recommendations answered by the same response."""
        group = self._shared.get((self.review_of(rec).id, rec.shares_response_with or rec.id), [])
        return [r for r in group if r is not rec]

    def related(self, record: object) -> list[object]:
        """Records this one names, and records that name it, in review order."""
        return list(self._related.get(id(record), ()))

    def source(self, record: object, source_id: str | None = None) -> Source | None:
        return self.review_of(record).source(source_id or getattr(record, "source", None))

    def counts(self) -> dict[str, list[tuple[status.Status, int]]]:
        recs = [r for review in self.tracker.reviews for r in review.recommendations]
        responses = Counter(self.response_status(r).key for r in recs)
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

    # ----- the plan -----

    def _plan(self) -> list[Page]:
        site = self.tracker.site
        pages = [
            Page("index.md", site.title, "home.html", plain(site.introduction)[:300] or site.title),
            Page("reviews/index.md", "Reviews", "reviews.html", f"Every review {site.council} tracks on this site."),
            Page("timeline.md", "Timeline", "timeline.html",
                 "Every dated event in the record, from the earliest the sources mention to the last due date.", searchable=False),
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
