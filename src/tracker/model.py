"""The domain model: each kind of record, each field defined once.

Validation, the JSON Schemas that editors use, the data dictionary and the
exports are all read from these classes, so a field documented here is
documented everywhere. Field metadata:

``doc``       what the field means, in the council's words;
``text``      ``True`` for prose that keeps paragraphs and bullets;
``example``   a value to show in guides and templates;
``folder``    on a Review, the sub-folder its records are loaded from (not a field of review.yml);
``link``      ``True`` for a web address the site links to: it must start https:// or http://.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from . import dates

ResponseDecision = Literal["agreed", "partially agreed", "not agreed"]
"""What the executive (or committee) said to a recommendation."""

ProgressState = Literal["not started", "in progress", "complete"]
"""What a progress update says about the action, where it says anything."""

AddressedTo = Literal["executive", "committee"]
"""Whom a recommendation asks to act: the executive, or the scrutiny committee itself."""

GlossaryBasis = Literal["stated", "unambiguous", "unknown"]


def doc(meaning: str, *, default=..., factory=None, **meta):
    """A dataclass field with its documentation attached."""
    metadata = {"doc": meaning, **meta}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    if default is ...:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(kw_only=True)
class DateValue:
    """A date as the source words it, and as a machine date with its precision."""

    as_written: str | None = doc(
        "The date exactly as the source words it. Leave out if the source states no date.",
        default=None,
        example="End of March 2020",
    )
    edtf: str | None = doc(
        "The machine date in EDTF: YYYY-MM-DD, YYYY-MM or YYYY, ~ for approximate, "
        "? for uncertain, A/B for a range (.. for an open end). Leave out for a condition "
        "with no date, such as 'When policies are reviewed'.",
        default=None,
        example="2020-03",
    )
    note: str | None = doc(
        "How certain the date is and why: required when the source does not state it.",
        default=None,
    )

    @cached_property
    def parsed(self) -> dates.Edtf | None:
        return dates.parse(self.edtf) if self.edtf else None

    @property
    def precision(self) -> str:
        return self.parsed.precision if self.parsed else "none"

    @property
    def stated(self) -> bool:
        """Whether the source itself gives this date (rather than it being inferred)."""
        return self.as_written is not None

    def words(self) -> str:
        """What a page shows: the source's wording, else the machine date in words."""
        if self.as_written:
            return self.as_written
        if self.parsed:
            return f"Not stated; {self.parsed.words()} (inferred)"
        return "Not stated"

    def reading(self) -> str | None:
        """How a loosely worded date ("November", "a year previously") was read, with its
        note; None where the source's words need no reading."""
        return self.parsed.words() if self.as_written and self.note and self.parsed else None

    def sort_key(self) -> tuple:
        parsed = self.parsed
        if parsed is None:
            return (1, "9999-12-31", "9999-12-31")
        first = parsed.earliest or parsed.latest
        last = parsed.latest or parsed.earliest
        return (0, first.isoformat(), last.isoformat())  # type: ignore[union-attr]


@dataclass(kw_only=True)
class Source:
    """A public document the record is transcribed from."""

    id: str = doc("A short name for the document, used by records' 'source' fields.", example="cyp-minutes")
    title: str = doc("The document's title as it heads itself.")
    kind: str | None = doc("What sort of document it is (minutes, decision notice, report...).", default=None)
    file: str | None = doc("The file it was transcribed from.", default=None)
    url: str | None = doc("Where the public can read the document: a web address starting https://.", default=None, link=True)
    date: DateValue | None = doc("When the document was written or published.", default=None)
    note: str | None = doc("Anything a reader should know about the document.", default=None, text=True)


@dataclass(kw_only=True)
class ProgressUpdate:
    """Progress recorded against an action, as the council reported it."""

    text: str = doc("The progress as recorded, verbatim.", text=True)
    date: DateValue | None = doc("When the progress was reported. Leave out if the source does not say.", default=None)
    state: ProgressState | None = doc(
        "What the update says about the action, only where its words say it plainly.", default=None
    )
    source: str | None = doc("The id of the source document this update comes from.", default=None)
    note: str | None = doc("Anything a reader should know about this update.", default=None, text=True)


@dataclass(kw_only=True)
class DueChange:
    """A deadline that moved: the new date, when it moved and why."""

    due: DateValue = doc("The new due date.")
    changed: DateValue = doc("When the change was made or reported.")
    reason: str = doc("Why the deadline moved, as the council gave it.", text=True)
    source: str | None = doc("The id of the source document that records the change.", default=None)


@dataclass(kw_only=True)
class Action:
    """Something the council committed to do in answer to a recommendation."""

    id: str = doc("The action's number within its recommendation.", example="1")
    description: str = doc("The action, verbatim.", text=True)
    owner: str | None = doc("Who is responsible, as the source names them.", default=None, example="Democratic Services")
    due: DateValue | None = doc("When it was first due ('By When' in the source).", default=None)
    due_changes: list[DueChange] = doc("Every later change to the due date, oldest first.", factory=list)
    success_criteria: list[str] = doc("The target or success criteria, one per item.", factory=list)
    progress: list[ProgressUpdate] = doc("Progress recorded, oldest first.", factory=list)
    note: str | None = doc("Anything a reader should know about this action.", default=None, text=True)

    @property
    def current_due(self) -> DateValue | None:
        return self.due_changes[-1].due if self.due_changes else self.due


@dataclass(kw_only=True)
class Response:
    """The executive's or committee's answer to a recommendation."""

    title: str = doc("The label the source gives the response.", example="Executive Response")
    text: str = doc("The response, verbatim.", text=True)
    decision: ResponseDecision | None = doc(
        "Agreed, partially agreed or not agreed. Leave out where the source gives no decision "
        "(a committee answering its own recommendation).",
        default=None,
    )
    source: str | None = doc("The id of the source document; defaults to the recommendation's.", default=None)
    date: DateValue | None = doc("When the response was given, if the source says.", default=None)
    actions: list[Action] = doc("The action table. An empty list means no action is planned.", factory=list)


@dataclass(kw_only=True)
class Recommendation:
    """A recommendation a scrutiny review made, with the response to it."""

    id: str = doc("The recommendation's number as the review writes it, and its file name.", example="iv")
    heading: str | None = doc("The heading the source gives it.", default=None)
    text: str = doc("The recommendation, verbatim.", text=True)
    addressed_to: AddressedTo = doc("Whom it asks to act.")
    source: str = doc("The id of the source document it is transcribed from.")
    response: Response | None = doc("The response, with its actions.", default=None)
    shares_response_with: str | None = doc(
        "Instead of 'response': the id of the recommendation whose response also answers this one.",
        default=None,
    )
    related: list[str] = doc("Ids of other records in this review that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class Meeting:
    """A committee meeting, as its minutes record it."""

    id: str = doc("A short name for the meeting, and its file name.")
    title: str = doc("The meeting's title.")
    body: str = doc("The committee that met.")
    date: DateValue = doc("When the meeting took place.")
    source: str = doc("The id of the source document (the minutes).")
    agenda_item: str | None = doc("The agenda item this record covers.", default=None)
    purpose: str | None = doc("The purpose of the item, verbatim.", default=None, text=True)
    minutes: str | None = doc("The minutes of the item, verbatim.", default=None, text=True)
    resolutions_preamble: str | None = doc("The words that introduce the resolutions.", default=None, text=True)
    related: list[str] = doc("Ids of other records in this review that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class Resolution:
    """Something a committee resolved at a meeting."""

    id: str = doc("The resolution's number, unique within the review, and its file name.", example="1")
    meeting: str = doc("The id of the meeting that passed it.")
    text: str = doc("The resolution, verbatim.", text=True)
    source: str = doc("The id of the source document.")
    related: list[str] = doc("Ids of other records in this review that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class DecisionPart:
    """One lettered part of a decision."""

    label: str = doc("The part's label as written.", example="a)")
    text: str = doc("The part, verbatim.", text=True)


@dataclass(kw_only=True)
class Decision:
    """A formal decision, such as a cabinet decision notice."""

    id: str = doc("A short name for the decision, and its file name.")
    title: str = doc("The decision's title.")
    decision_maker: str = doc("Who made the decision.", example="Cabinet")
    date_of_decision: DateValue = doc("When the decision was made.")
    source: str = doc("The id of the source document.")
    status: str | None = doc("The decision's status as the notice gives it.", default=None)
    key_decision: str | None = doc("Whether it is a key decision, as written (Yes or No).", default=None)
    subject_to_call_in: str | None = doc("Whether it is subject to call-in, as written.", default=None)
    purpose: str | None = doc("The purpose, verbatim.", default=None, text=True)
    decision: str | None = doc("The words of the decision before its lettered parts.", default=None, text=True)
    parts: list[DecisionPart] = doc("The decision's lettered parts.", factory=list)
    alternative_options: str | None = doc("Alternative options considered, verbatim.", default=None, text=True)
    wards_affected: str | None = doc("Wards affected, as written.", default=None)
    contact: str | None = doc("The contact the notice gives.", default=None)
    publication_date: DateValue | None = doc("When the decision was published.", default=None)
    effective_from: DateValue | None = doc("When the decision takes effect.", default=None)
    accompanying_documents: list[str] = doc("Documents published with the decision.", factory=list)
    related: list[str] = doc("Ids of other records in this review that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class Event:
    """Any other dated event the sources mention."""

    id: str = doc("A short name for the event, and its file name.")
    title: str = doc("A short, factual title.")
    date: DateValue = doc("When it happened.")
    text: str = doc("The source's own words about it.", text=True)
    source: str = doc("The id of the source document.")
    related: list[str] = doc("Ids of other records in this review that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know.", default=None, text=True)


@dataclass(kw_only=True)
class Review:
    """A scrutiny review and everything that followed from it: one folder of data."""

    id: str = doc("A short name for the review, and its folder name.", example="peer-on-peer-abuse-2019")
    title: str = doc("The review's title.")
    body: str = doc("The committee that held the review.")
    date: DateValue = doc("When the review was held.")
    summary: str | None = doc("A short description, in the source's words.", default=None, text=True)
    sources: list[Source] = doc("The public documents the records are transcribed from.", factory=list)
    note: str | None = doc("Anything a reader should know.", default=None, text=True)
    recommendations: list[Recommendation] = doc("The review's recommendations.", factory=list, folder="recommendations")
    meetings: list[Meeting] = doc("Meetings that considered the review or its follow-up.", factory=list, folder="meetings")
    resolutions: list[Resolution] = doc("Resolutions passed at those meetings.", factory=list, folder="resolutions")
    decisions: list[Decision] = doc("Decisions taken on the review's business.", factory=list, folder="decisions")
    events: list[Event] = doc("Other dated events the sources mention.", factory=list, folder="events")

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass(kw_only=True)
class Term:
    """An abbreviation the sources use."""

    term: str = doc("The abbreviation as the sources write it.", example="MASH")
    basis: GlossaryBasis = doc(
        "'stated' where the sources give the expansion, 'unambiguous' for a well-known body, "
        "'unknown' where neither: then leave out the expansion."
    )
    expansion: str | None = doc("What it stands for.", default=None, example="Multi Agency Safeguarding Hub")
    source: str | None = doc("Where the expansion is stated.", default=None)
    note: str | None = doc("Anything a reader should know.", default=None, text=True)


@dataclass(kw_only=True)
class Glossary:
    """The abbreviations used in the records."""

    terms: list[Term] = doc("The abbreviations, one per item.", factory=list)


@dataclass(kw_only=True)
class Site:
    """The site as a whole."""

    title: str = doc("The site's title.")
    council: str = doc("The council whose record this is.")
    licence: str = doc("The licence the record is published under.", example="Open Government Licence v3.0")
    as_at: str | None = doc(
        "The day statuses are worked out for (YYYY-MM-DD). Leave out to use the build date.", default=None
    )
    introduction: str | None = doc("What this site is, in two short paragraphs, for the home page.", default=None, text=True)
    content_note: str | None = doc("A short note on the subject matter, shown on the home page.", default=None, text=True)
    edit_url_base: str | None = doc(
        "The web address that, followed by a data file's path, edits that file (for 'edit this record' links).",
        default=None,
        link=True,
    )


@dataclass(kw_only=True)
class Tracker:
    """Everything the site is built from."""

    site: Site
    glossary: Glossary
    reviews: list[Review]
