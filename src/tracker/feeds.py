"""Atom feeds: one for the whole site and one per review, newest first.

An entry is made for each response, progress update (with the records that
show it), resolution, commitment, committee assessment, meeting and decision.
A council meeting or decision is listed in the feed of every review it deals
with (its ``reviews`` list), and in the site's feed.

Ids. Each entry's ``atom:id`` is a name-based UUID (``urn:uuid:``, RFC 4122
version 5) of the council's name and a key built only from ids and positions:
``<review>/recommendations/<rec>/response``,
``<review>/recommendations/<rec>/actions/<action>/progress/<n>``,
``<review>/recommendations/<rec>/assessments/<n>``, ``<review>/resolutions/<id>``
(and ``.../response``, ``.../actions/<action>/progress/<n>``, ``.../assessments/<n>``),
``<review>/commitments/<id>`` (and ``.../progress/<n>``, ``.../assessments/<n>``),
``meetings/<id>``, ``decisions/<id>/parts/<n>/actions/<action>/progress/<n>``
(and ``.../parts/<n>/assessments/<n>``), and for a decision
``<first review>/decisions/<id>``, as when decisions were kept in a review's
folder, so the ids already published stay (``decisions/<id>`` for a decision
that lists no review). Nothing in a key depends on a record's words or
dates, so correcting a typo or a date does not make a reader show the entry
again, and nothing depends on where the site is hosted, so moving it keeps
every id. (A ``tag:`` URI would need a domain and a date the publisher owned
it; a tracker may move between hosts, and ``site_url`` is not an identity.)
A progress update or an assessment has no id of its own: its key is its
position in its list, which only changes if one is inserted before it.

Dates. Atom needs an exact time, sources rarely give one. ``updated`` is the
first day the record's date could mean, at 00:00 UTC; every entry's text says
the date as the source gives it and its precision, so no precision is added
silently. A record the source does not date takes the date of its source
document (a resolution or a commitment: its meeting's date; a response approved
by a decision: the decision's date), and says so; one with no date at all takes
the oldest time in the feed, so it is listed last.
"""

from __future__ import annotations

import posixpath
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .model import Action, Assessment, DateValue, Decision, DecisionPart, Meeting, ProgressUpdate, Response, Review
from .text import plain

if TYPE_CHECKING:
    from .pages import Site

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARCHIVE = "http://purl.org/syndication/history/1.0"
"""RFC 5005's namespace: marks a feed document as an archive page that will not change."""
ET.register_namespace("", ATOM)
ET.register_namespace("fh", ARCHIVE)

NAMESPACE = uuid.UUID("0b6b0a4e-5f3c-5d1e-9a57-2f6c1d8e4a10")
"""The namespace of every entry id. Changing it changes every id: never change it."""

SITE_FEED = "feeds/all.xml"
"""Feeds live in feeds/ with a sitemap of their own: Material fetches sitemap.xml beside
every <link rel="alternate"> on each page, and the site's whole sitemap grows with the record."""

FEEDS_SITEMAP = "feeds/sitemap.xml"

KINDS = {"progress": "Progress update", "response": "Response", "resolution": "Resolution", "decision": "Decision",
         "meeting": "Meeting", "commitment": "Commitment", "assessment": "Committee's assessment"}
"""Entry kind (its category term) -> its label."""

WHAT = "progress updates, responses, resolutions, commitments, the committee's assessments, meetings and decisions"
"""What the feeds hold, in words."""


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
    reviews: tuple[Review, ...]
    """The reviews whose feeds list it: its own review, or those a council meeting or decision deals with."""
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
    """The entries of one review (with the council records that deal with it), or of the whole site, newest
    first."""
    if review is None:
        found = [e for r in site.tracker.reviews for e in review_entries(site, r)] + council_entries(site)
    else:
        found = review_entries(site, review) + [e for e in council_entries(site) if _deals_with(e, review)]
    return newest_first(found)


def newest_first(found: list[Entry]) -> list[Entry]:
    """Entries newest first, the undated last (each kind keeping the order it came in)."""
    dated = sorted((e for e in found if e.day), key=lambda e: _sort_key(e.date), reverse=True)  # type: ignore[arg-type]
    return dated + [e for e in found if not e.day]


def by_review(site: Site, items: list[Entry]) -> dict[str, list[Entry]]:
    """Review id -> the entries of ``items`` its feed lists, in the order of ``items``: one pass, not one per review."""
    found: dict[str, list[Entry]] = {review.id: [] for review in site.tracker.reviews}
    for entry in items:
        for review_id in dict.fromkeys(r.id for r in entry.reviews):
            found.setdefault(review_id, []).append(entry)
    return found


def _deals_with(entry: Entry, review: Review) -> bool:
    # By identity: comparing two reviews field by field compares every record in them.
    return any(r is review for r in entry.reviews)


def review_entries(site: Site, review: Review) -> list[Entry]:
    """The entries of one review's own records, in record order (the preview keeps an unchanged review's)."""
    memo = getattr(site, "memo", None)
    return _review_entries(site, review) if memo is None else memo.get(review, lambda: _review_entries(site, review),
                                                                       "feed")


def council_entries(site: Site) -> list[Entry]:
    """The entries of the council's meetings and decisions, in record order."""
    return _council_entries(site)


SITE_FEED_SIZE = 50
"""How many of the newest entries the site's feed holds; older ones are in its archive pages."""


def archive_path(number: int) -> str:
    """The site path of the site feed's archive page ``number`` (1 holds the oldest entries)."""
    return f"feeds/all/archive-{number}.xml"


def site_feeds(site: Site, site_url: str, size: int = SITE_FEED_SIZE,
               items: list[Entry] | None = None) -> dict[str, bytes]:
    """The site's feed (its newest ``size`` entries) and its RFC 5005 archive pages (site path -> bytes).

    A feed reader fetches the whole feed on every poll, and the site's feed would otherwise grow with the
    whole record. Archive pages are counted from the oldest entries, so page 1 never changes once full;
    only the newest archive page, which is not yet full, changes as entries move out of the feed.
    """
    items = entries(site) if items is None else items
    current, older = items[:size], items[size:][::-1]  # older: oldest first
    pages = [older[start: start + size][::-1] for start in range(0, len(older), size)]  # each newest first
    files = {SITE_FEED: atom(site, None, site_url, current,
                             {"prev-archive": archive_path(len(pages))} if pages else {})}
    for number, page in enumerate(pages, start=1):
        links = {"current": SITE_FEED}
        if number > 1:
            links["prev-archive"] = archive_path(number - 1)
        if number < len(pages):
            links["next-archive"] = archive_path(number + 1)
        files[archive_path(number)] = atom(site, None, site_url, page, links, path=archive_path(number))
    return files


def atom(site: Site, review: Review | None, site_url: str, items: list[Entry] | None = None,
         links: dict[str, str] | None = None, path: str | None = None) -> bytes:
    """The Atom document for one review (or the whole site when ``review`` is None).

    ``items`` defaults to every entry; ``links`` adds RFC 5005 links (relation -> site path) and ``path``
    is the document's own site path when it is an archive page (which is then marked as one).
    """
    items = entries(site, review) if items is None else items
    archived = path is not None
    path = path or (review_feed(review) if review else SITE_FEED)
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
    _sub(feed, "subtitle", f"{WHAT.capitalize()}, newest first. "
         "Each entry gives its date as precisely as the source documents do.")
    _sub(feed, "updated", _stamp(max((e.day for e in items if e.day), default=site.as_at)))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=address(path))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=address(site.url(review) if review else ""))
    for relation, target in (links or {}).items():
        ET.SubElement(feed, f"{{{ATOM}}}link", rel=relation, type="application/atom+xml", href=address(target))
    if archived:
        ET.SubElement(feed, f"{{{ARCHIVE}}}archive")
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
            for other in entry.reviews:
                ET.SubElement(element, f"{{{ATOM}}}category", term=other.id, label=other.title)
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
    """The entries of one review's own records."""
    found: list[Entry] = []
    reviews = (review,)
    for rec in review.recommendations:
        label = f"recommendation {rec.id}"
        response = rec.response
        if response is not None:  # a shared response is listed once, with the recommendation that holds it
            answers = [rec, *(r for r in review.recommendations if r.shares_response_with == rec.id)]
            noun = "recommendations" if len(answers) > 1 else "recommendation"
            label = f"{noun} {_and([r.id for r in answers])}"
            found.append(_response(site, response, f"{review.id}/recommendations/{rec.id}/response", label, rec,
                                   site.url(rec) + "#response", reviews))
            found += _progress(site, response.actions, f"{review.id}/recommendations/{rec.id}", label, rec,
                               reviews, lambda a: site.url(rec) + f"#action-{a.id}")
        found += _assessments(site, rec.assessments, f"{review.id}/recommendations/{rec.id}",
                              f"recommendation {rec.id}", rec, reviews)
    for resolution in review.resolutions:
        meeting = site.meeting(resolution.meeting)
        words = plain(resolution.text)
        title = f"Resolution {resolution.id}: " + _short(words)
        key = f"{review.id}/resolutions/{resolution.id}"
        when, dating = _meeting_dating(site, meeting, "Resolved", "resolution", resolution)
        found.append(Entry(key, "resolution", title, resolution.text.strip(), reviews, site.url(resolution), when,
                           dating, _committee_name(site, meeting.committee) if meeting else None))
        label = f"resolution {resolution.id}"
        if resolution.response is not None:
            found.append(_response(site, resolution.response, f"{key}/response", label, resolution,
                                   site.url(resolution) + "#response", reviews))
            found += _progress(site, resolution.response.actions, key, label, resolution, reviews,
                               lambda a: site.url(resolution) + f"#action-{a.id}")
        found += _assessments(site, resolution.assessments, key, label, resolution, reviews)
    for commitment in review.commitments:
        meeting = site.meeting(commitment.meeting)
        key = f"{review.id}/commitments/{commitment.id}"
        who = _owner_name(site, commitment.given_by)
        text = commitment.text.strip()
        if commitment.due is not None:
            text += f"\n\nBy when: {commitment.due.words()}."
        when, dating = _meeting_dating(site, meeting, "Given", "commitment", commitment)
        found.append(Entry(key, "commitment", f"Commitment by {who}: {commitment.title or _short(plain(commitment.text))}", text,
                           reviews, site.url(commitment), when, dating, who))
        for n, update in enumerate(commitment.progress, start=1):
            found.append(_update(site, update, f"{key}/progress/{n}", f"Progress on the commitment by {who}",
                                 commitment, reviews, site.url(commitment), commitment.given_by))
        found += _assessments(site, commitment.assessments, key, "the commitment", commitment, reviews)
    return found


def _council_entries(site: Site) -> list[Entry]:
    """The entries of the council's meetings and decisions: each in the feeds of the reviews it deals with."""
    found: list[Entry] = []
    for meeting in site.tracker.council.meetings:
        reviews = tuple(site.reviews_of(meeting))
        source = site.source(meeting)
        when, dating = _dating(meeting.date, "Date of the meeting", "meeting", source)
        text = "\n\n".join(t.strip() for t in (meeting.agenda_item, meeting.purpose) if t and t.strip())
        found.append(Entry(f"meetings/{meeting.id}", "meeting", f"Meeting: {meeting.title}", text or meeting.title,
                           reviews, site.url(meeting), when, dating, _committee_name(site, meeting.committee)))
    for decision in site.tracker.council.decisions:
        reviews = tuple(site.reviews_of(decision))
        source = site.source(decision)
        text = "\n\n".join(t.strip() for t in [decision.decision or "", *(f"{p.label} {p.text}" for p in decision.parts)]
                           if t.strip())
        when, dating = _dating(decision.date_of_decision, "Date of the decision", "decision", source)
        maker = _committee_name(site, decision.decision_maker)
        found.append(Entry(decision_key(decision), "decision", f"{decision.decision_maker} decision: {decision.title}",
                           text or decision.title, reviews, site.url(decision), when, dating, maker))
        for n, part in enumerate(decision.parts, start=1):
            key = f"decisions/{decision.id}/parts/{n}"
            label = f"the {decision.decision_maker} decision, part {part.label}"
            found += _progress(site, part.actions, key, label, part, reviews,
                               lambda a, part=part: site.url(part) + f"-action-{a.id}")
            found += _assessments(site, part.assessments, key, label, part, reviews)
    return found


def decision_key(decision: Decision) -> str:
    """A decision's entry key: ``<review>/decisions/<id>`` with the first review it deals with, as when decisions
    were kept in a review's folder (so the ids already published stay), else ``decisions/<id>``."""
    return f"{decision.reviews[0]}/decisions/{decision.id}" if decision.reviews else f"decisions/{decision.id}"


def _response(site: Site, response: Response, key: str, label: str, item: object, page: str,
              reviews: tuple[Review, ...]) -> Entry:
    title = f"{response.title} to {label}" + (f": {response.decision}" if response.decision else "")
    parts = [response.text.strip()] if response.text else []
    if response.note:
        parts.append(response.note.strip())
    if not parts:
        parts.append("The words of the response are not among the source documents.")
    approved = site.resolve(response.approved_in.record, item) if response.approved_in else None
    decision = approved if isinstance(approved, Decision) else None
    if decision is not None:
        part = f", part {response.approved_in.part}" if response.approved_in.part else ""  # type: ignore[union-attr]
        parts.append(f"Approved by the {decision.decision_maker} decision “{decision.title}”{part}.")
    source = site.source(item, response.source)
    if response.date is None and decision is not None and decision.date_of_decision.parsed:
        when = decision.date_of_decision
        dating = (f"The source does not date this response. It is listed by the date of the decision that "
                  f"approved it: {_precisely(when)}.")
    else:
        when, dating = _dating(response.date, "Date of the response", "response", source)
    return Entry(key, "response", title, "\n\n".join(parts), reviews, page, when, dating)


def _progress(site: Site, actions: list[Action], key: str, label: str, item: object, reviews: tuple[Review, ...],
              page) -> list[Entry]:
    found = []
    for action in actions:
        for n, update in enumerate(action.progress, start=1):
            found.append(_update(site, update, f"{key}/actions/{action.id}/progress/{n}",
                                 f"Progress on {label}, action {action.id}", item, reviews, page(action),
                                 action.owner))
    return found


def _update(site: Site, update: ProgressUpdate, key: str, title: str, item: object, reviews: tuple[Review, ...],
            page: str, owner: str | None) -> Entry:
    source = site.source(item, update.source or _response_source(item))
    text = update.text.strip() + (f"\n\nState reported: {update.state}." if update.state else "")
    for evidence in update.evidence:
        target = site.resolve(evidence.record, item)
        named = site.label(target) if target is not None and not isinstance(target, Decision) else (
            f"the {target.decision_maker} decision “{target.title}”" if isinstance(target, Decision) else evidence.record)
        part = f", part {evidence.part}" if evidence.part else ""
        text += f"\n\nShown by {named}{part}" + (f": “{plain(evidence.quote)}”" if evidence.quote else ".")
    when, dating = _dating(update.date, "Date of the update", "progress update", source)
    return Entry(key, "progress", title, text, reviews, page, when, dating, _owner_name(site, owner) if owner else None)


def _assessments(site: Site, assessments: list[Assessment], key: str, label: str, item: object,
                 reviews: tuple[Review, ...]) -> list[Entry]:
    scale = {v.key: v.label for v in site.tracker.site.assessment_scale}
    found = []
    for n, assessment in enumerate(assessments, start=1):
        meeting = site.meeting(assessment.meeting)
        value = scale.get(assessment.value, assessment.value)
        title = f"Committee's assessment of {label}: {value}" + (f" ({assessment.outcome})" if assessment.outcome else "")
        text = "\n\n".join(t for t in (assessment.text.strip() if assessment.text else "",
                                       f"The committee's assessment: {value}." if not assessment.text else "",
                                       f"Outcome: {assessment.outcome}; monitoring stops." if assessment.outcome else "")
                           if t)
        when, dating = _dating(assessment.date, "Date of the assessment", "assessment", site.source(assessment))
        page = site.url(item) + ("" if isinstance(item, DecisionPart) else "#assessments")
        found.append(Entry(f"{key}/assessments/{n}", "assessment", title, text, reviews, page, when, dating,
                           _committee_name(site, meeting.committee) if meeting else None))
    return found


def _meeting_dating(site: Site, meeting: Meeting | None, verb: str, noun: str, record: object
                    ) -> tuple[DateValue | None, str]:
    if meeting is not None and meeting.date.parsed:
        return meeting.date, f"{verb} at the meeting “{meeting.title}”: {_precisely(meeting.date)}."
    return _dating(None, f"Date of the {noun}", noun, site.source(record))


def _response_source(item: object) -> str | None:
    response = getattr(item, "response", None)
    return (response.source if response else None) or getattr(item, "source", None)


def _owner_name(site: Site, spelling: str) -> str:
    owner = site.owner(spelling)
    return owner.name if owner else spelling


def _committee_name(site: Site, spelling: str) -> str:
    committee = site.committee(spelling)
    return committee.name if committee else spelling


def _short(words: str) -> str:
    return words if len(words) <= 90 else words[:89].rsplit(" ", 1)[0] + "…"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
