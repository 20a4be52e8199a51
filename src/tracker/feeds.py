"""Atom feeds: one for the whole site and one per review, newest first.

An entry is made for each progress update, response, resolution and decision.

Ids. Each entry's ``atom:id`` is a name-based UUID (``urn:uuid:``, RFC 4122
version 5) of the council's name and a key built only from ids and positions:
``<review>/recommendations/<rec>/actions/<action>/progress/<n>``,
``<review>/recommendations/<rec>/response``, ``<review>/resolutions/<id>``,
``<review>/decisions/<id>``. Nothing in it depends on a record's words or
dates, so correcting a typo or a date does not make a reader show the entry
again, and nothing depends on where the site is hosted, so moving it keeps
every id. (A ``tag:`` URI would need a domain and a date the publisher owned
it; a tracker may move between hosts, and ``site_url`` is not an identity.)
A progress update has no id of its own: its key is its position in the
action's list, which only changes if an update is inserted before it.

Dates. Atom needs an exact time, sources rarely give one. ``updated`` is the
first day the record's date could mean, at 00:00 UTC; every entry's text says
the date as the source gives it and its precision, so no precision is added
silently. A record the source does not date takes the date of its source
document (a resolution: its meeting's date), and says so; one with no date at
all takes the oldest time in the feed, so it is listed last.
"""

from __future__ import annotations

import posixpath
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .model import DateValue, Review
from .text import plain

if TYPE_CHECKING:
    from .pages import Site

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)

NAMESPACE = uuid.UUID("0b6b0a4e-5f3c-5d1e-9a57-2f6c1d8e4a10")
"""The namespace of every entry id. Changing it changes every id: never change it."""

SITE_FEED = "feeds/all.xml"
"""Feeds live in feeds/ with a sitemap of their own: Material fetches sitemap.xml beside
every <link rel="alternate"> on each page, and the site's whole sitemap grows with the record."""

FEEDS_SITEMAP = "feeds/sitemap.xml"

KINDS = {"progress": "Progress update", "response": "Response", "resolution": "Resolution", "decision": "Decision"}
"""Entry kind (its category term) -> its label."""


def review_feed(review: Review) -> str:
    """The site path of a review's feed."""
    return f"feeds/{review.id}.xml"


def sitemap(paths: list[str], site_url: str) -> bytes:
    """A small sitemap listing the feeds, for the feeds folder."""
    root = ET.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for path in paths:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = (site_url.rstrip("/") + "/" + path) if site_url else path
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@dataclass(frozen=True)
class Entry:
    """One feed entry: a record, where its page is, and the date it is listed by."""

    key: str
    """Built from ids and positions only; the entry's id is derived from it."""
    kind: str
    title: str
    text: str
    review: Review
    page: str
    """The site-relative URL of the record's page, with a fragment where useful."""
    date: DateValue | None
    """The date the entry is listed by (its own, or its source document's)."""
    dating: str
    """How the entry is dated, in words, at the precision the source gives."""
    author: str | None = None

    @property
    def day(self) -> date | None:
        """The first day the date could mean (the last, for a range open at the start)."""
        parsed = self.date.parsed if self.date else None
        return (parsed.earliest or parsed.latest) if parsed else None


def entries(site: Site, review: Review | None = None) -> list[Entry]:
    """The entries of one review, or of every review, newest first."""
    found = [e for r in site.tracker.reviews if review is None or r is review for e in _review_entries(site, r)]
    dated = sorted((e for e in found if e.day), key=lambda e: _sort_key(e.date), reverse=True)  # type: ignore[arg-type]
    return dated + [e for e in found if not e.day]


def atom(site: Site, review: Review | None, site_url: str) -> bytes:
    """The Atom document for one review (or the whole site when ``review`` is None)."""
    items = entries(site, review)
    path = review_feed(review) if review else SITE_FEED
    here = posixpath.dirname(path)

    def address(target: str) -> str:
        if site_url:
            return urljoin(site_url.rstrip("/") + "/", target)
        # No site_url: relative to the feed itself, as Atom allows.
        page, _, fragment = target.partition("#")
        rel = posixpath.relpath("/" + page, "/" + here) if page else "."
        rel += "/" if page.endswith("/") and not rel.endswith("/") else ""
        return rel + ("#" + fragment if fragment else "")

    tracker = site.tracker.site
    oldest = min((e.day for e in items if e.day), default=site.as_at)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en-GB"})
    _sub(feed, "id", feed_id(tracker.council, review))
    _sub(feed, "title", f"{review.title}: updates" if review else f"{tracker.title}: updates")
    _sub(feed, "subtitle", "Progress updates, responses, resolutions and decisions, newest first. "
         "Each entry gives its date as precisely as the source documents do.")
    _sub(feed, "updated", _stamp(max((e.day for e in items if e.day), default=site.as_at)))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=address(path))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=address(site.url(review) if review else ""))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", tracker.council)
    _sub(feed, "rights", f"Published under the {tracker.licence}.")
    for entry in items:
        element = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _sub(element, "id", entry_id(tracker.council, entry.key))
        _sub(element, "title", entry.title)
        _sub(element, "updated", _stamp(entry.day or oldest))
        ET.SubElement(element, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=address(entry.page))
        if entry.author:
            _sub(ET.SubElement(element, f"{{{ATOM}}}author"), "name", entry.author)
        ET.SubElement(element, f"{{{ATOM}}}category", term=entry.kind, label=KINDS[entry.kind])
        if review is None:
            ET.SubElement(element, f"{{{ATOM}}}category", term=entry.review.id, label=entry.review.title)
        _sub(element, "content", f"{entry.text}\n\n{entry.dating}", type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_id(council: str, review: Review | None) -> str:
    return _urn(council, f"feed/{review.id}" if review else "feed")


def entry_id(council: str, key: str) -> str:
    return _urn(council, key)


# ----- helpers -----


def _urn(council: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, council + chr(10) + key)}"


def _sub(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sort_key(value: DateValue) -> tuple:
    parsed = value.parsed
    first = parsed.earliest or parsed.latest  # type: ignore[union-attr]
    last = parsed.latest or parsed.earliest  # type: ignore[union-attr]
    return (first, last)


def _dating(own: DateValue | None, label: str, noun: str, source) -> tuple[DateValue | None, str]:
    """The date an entry is listed by, and a sentence saying where that date comes from."""
    if own is not None and own.parsed:
        return own, f"{label}: {_precisely(own)}."
    if own is not None:
        lead = f"{label}: {own.words()}, which is not a date the feed can list it by."
    else:
        lead = f"The source does not date this {noun}."
    if source is not None and source.date is not None and source.date.parsed:
        return source.date, f"{lead} It is listed by the date of its source document, {source.title}: {_precisely(source.date)}."
    return None, f"{lead} It is listed last."


def _precisely(value: DateValue) -> str:
    """The date in the source's words and, where it is not a single day, its precision (no full stop)."""
    parsed = value.parsed
    words = value.words().rstrip(".")
    if parsed is None or parsed.precision == "day":
        return words
    first = parsed.earliest or parsed.latest
    return (f"{words}. Precision: {parsed.precision}; the feed's timestamp is {first.day} {first:%B %Y}, "  # type: ignore[union-attr]
            "the earliest day this could mean")


def _review_entries(site: Site, review: Review) -> list[Entry]:
    found: list[Entry] = []
    for rec in review.recommendations:
        response = rec.response
        if response is None:
            continue  # a shared response is listed once, with the recommendation that holds it
        source = review.source(response.source or rec.source)
        answers = [rec, *(r for r in review.recommendations if r.shares_response_with == rec.id)]
        ids = _and([r.id for r in answers])
        noun = "recommendations" if len(answers) > 1 else "recommendation"
        title = f"{response.title} to {noun} {ids}" + (f": {response.decision}" if response.decision else "")
        when, dating = _dating(response.date, "Date of the response", "response", source)
        found.append(Entry(f"{review.id}/recommendations/{rec.id}/response", "response", title, response.text.strip(),
                           review, site.url(rec) + "#response", when, dating))
        for action in response.actions:
            for n, update in enumerate(action.progress, start=1):
                source = review.source(update.source or response.source or rec.source)
                title = f"Progress on {noun} {ids}, action {action.id}"
                text = update.text.strip() + (f"\n\nState recorded: {update.state}." if update.state else "")
                when, dating = _dating(update.date, "Date of the update", "progress update", source)
                found.append(Entry(f"{review.id}/recommendations/{rec.id}/actions/{action.id}/progress/{n}", "progress",
                                   title, text, review, site.url(rec) + f"#action-{action.id}", when, dating,
                                   action.owner))
    meetings = {m.id: m for m in review.meetings}
    for resolution in review.resolutions:
        meeting = meetings.get(resolution.meeting)
        words = plain(resolution.text)
        title = f"Resolution {resolution.id}: " + (words if len(words) <= 90 else words[:89].rsplit(" ", 1)[0] + "…")
        if meeting is not None and meeting.date.parsed:
            when, dating = meeting.date, f"Resolved at the meeting “{meeting.title}”: {_precisely(meeting.date)}."
        else:
            when, dating = _dating(None, "Date of the resolution", "resolution", review.source(resolution.source))
        found.append(Entry(f"{review.id}/resolutions/{resolution.id}", "resolution", title, resolution.text.strip(),
                           review, site.url(resolution), when, dating, meeting.body if meeting else None))
    for decision in review.decisions:
        source = review.source(decision.source)
        text = "\n\n".join(t.strip() for t in [decision.decision or "", *(f"{p.label} {p.text}" for p in decision.parts)] if t.strip())
        when, dating = _dating(decision.date_of_decision, "Date of the decision", "decision", source)
        found.append(Entry(f"{review.id}/decisions/{decision.id}", "decision",
                           f"{decision.decision_maker} decision: {decision.title}", text or decision.title,
                           review, site.url(decision), when, dating, decision.decision_maker))
    return found


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
