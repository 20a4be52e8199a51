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

ResponseDecision = Literal["agreed", "partially agreed", "accepted in principle", "not agreed"]
"""What the executive (or committee) said to a recommendation, normalised; the council's own words
are kept beside it in ``decision_words``."""

ProgressState = Literal["not started", "in progress", "complete"]
"""What a progress update says about the action, where it says anything."""

AddressedTo = Literal["executive", "committee", "council"]
"""Whom a recommendation asks to act: the executive, the scrutiny committee itself, or the full council."""

Outcome = Literal["signed off", "closed not implemented"]
"""What a committee's assessment can do to an item: sign it off, or close it as not implemented.
Either way, monitoring stops."""

Tone = Literal["good", "warn", "bad", "info", "neutral"]
"""The colour family a status uses; each family means one thing across the site."""

GlossaryBasis = Literal["stated", "unambiguous", "site", "unknown"]
"""Where an abbreviation's expansion comes from: the sources, a well-known national body, the site's own
explanation (the sources never spell it out), or nowhere (the meaning is not known)."""


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
    source: str | None = doc(
        "The id of the document that states this date, where it is not the record's own source "
        "(a date found in another public document).",
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

    def house(self) -> str:
        """The date in the site's one style, for lists, tables, the timeline and reasons ("26 November 2020",
        "between June and September 2020", "about 2019"); a condition with no date in the source's words."""
        if self.parsed:
            return self.parsed.words()
        return self.as_written or "Not stated"

    def source_differs(self) -> bool:
        """Whether the source words this date otherwise than the site does ("31st January 2021"), so that a
        record page shows the source's words beside the site's."""
        if not (self.as_written and self.parsed):
            return False
        def norm(text: str) -> str:
            return " ".join(text.lower().strip(" .").split())
        return norm(self.as_written) != norm(self.parsed.words())

    def reading(self) -> str | None:
        """How a loosely worded date ("November", "a year previously") was read, with its
        note; None where the source's words need no reading."""
        return self.parsed.words() if self.as_written and self.note and self.parsed else None

    @property
    def order(self) -> tuple:
        """The sort key as an attribute, for templates' ``sort(attribute="date.order")``."""
        return self.sort_key()

    def sort_key(self) -> tuple:
        parsed = self.parsed
        if parsed is None:
            return (1, "9999-12-31", "9999-12-31")
        first = parsed.earliest or parsed.latest
        last = parsed.latest or parsed.earliest
        return (0, first.isoformat(), last.isoformat())  # type: ignore[union-attr]


@dataclass(kw_only=True)
class Source:
    """A public document the record is transcribed from, or that states a fact it uses."""

    id: str = doc("A short name for the document, used by records' 'source' fields, and its file name.",
                  example="cyp-minutes")
    title: str = doc("The document's title as it heads itself.")
    kind: str | None = doc("What sort of document it is (minutes, decision notice, report...).", default=None)
    file: str | None = doc("The file it was transcribed from.", default=None)
    url: str | None = doc("Where the public can read the document: a web address starting https://.", default=None, link=True)
    date: DateValue | None = doc("When the document was written or published.", default=None)
    quote: str | None = doc("The document's own words that the record relies on, where it is cited for one fact.",
                            default=None, text=True)
    note: str | None = doc("Anything a reader should know about the document.", default=None, text=True)


# ----- Council-level records: each kept once, and referred to from any review -----


@dataclass(kw_only=True)
class Committee:
    """A body of the council that meets, recommends or decides: a scrutiny committee, the cabinet, the council."""

    id: str = doc("A short name for the body, and its file name.", example="children-and-young-people-scrutiny")
    name: str = doc("The body's name as the council writes it.", example="Children and young people scrutiny committee")
    kind: str | None = doc("What sort of body it is, in the council's words.", default=None, example="scrutiny committee")
    executive: bool = doc("Yes for the executive (cabinet, or a cabinet member): its decisions can be called in.",
                          default=False)
    aliases: list[str] = doc("Other names the sources use for this body, exactly as they write them.", factory=list)
    note: str | None = doc("Anything a reader should know.", default=None, text=True)


@dataclass(kw_only=True)
class Owner:
    """A post or team that owns actions: one record however the sources spell it."""

    id: str = doc("A short name for the owner, and its file name.", example="democratic-services")
    name: str = doc("The name the site groups under.", example="Democratic Services")
    aliases: list[str] = doc(
        "Every other spelling the sources use for this owner, exactly as written. An action's 'owner' "
        "must be the name, the id or one of these.",
        factory=list,
    )
    directorate: str | None = doc("The directorate the owner sits in, where a source says.", default=None)
    note: str | None = doc("Anything a reader should know, such as where each spelling is used.", default=None, text=True)


@dataclass(kw_only=True)
class Evidence:
    """A record or document that shows something happened."""

    record: str = doc(
        "The id of what shows it: a meeting, a decision, a source document, or a record of a review "
        "(write another review's record as review-id/record-id).",
        example="cyp-scrutiny-review-of-cases",
    )
    part: str | None = doc("For a decision: the label of the part that shows it, as written.", default=None, example="c)")
    quote: str | None = doc("The words of that record that show it, verbatim.", default=None, text=True)


@dataclass(kw_only=True)
class ProgressUpdate:
    """Progress recorded against an action: an officer's report, or what the council's papers (minutes, a decision) show was done; its source says which."""

    text: str = doc("The progress as recorded, verbatim.", text=True)
    date: DateValue | None = doc("When the progress was reported. Leave out if the source does not say.", default=None)
    state: ProgressState | None = doc(
        "What the update says about the action, only where its words say it plainly.", default=None
    )
    source: str | None = doc("The id of the source document this update comes from.", default=None)
    evidence: list[Evidence] = doc("Records that show what the update says (a meeting, a decision part, a document).",
                                   factory=list)
    note: str | None = doc("Anything a reader should know about this update.", default=None, text=True)


@dataclass(kw_only=True)
class DueChange:
    """A deadline that moved: the new date, when it moved and why."""

    due: DateValue = doc("The new due date.")
    changed: DateValue = doc("When the change was made or reported.")
    reason: str = doc("Why the deadline moved, as the council gave it.", text=True)
    source: str | None = doc("The id of the source document that records the change.", default=None)


@dataclass(kw_only=True)
class DateInText:
    """A date written inside a cell of text (a target, a plan, a step), kept so the timeline holds it."""

    quote: str = doc("The words around the date, verbatim.", example="a separate peer on peer abuse policy from September 2020")
    date: DateValue = doc("The date those words give.")


@dataclass(kw_only=True)
class Action:
    """Something the council committed to do in answer to a recommendation, resolution or decision."""

    id: str = doc("The action's number within its record.", example="1")
    description: str = doc("The action, verbatim.", text=True)
    owner: str | None = doc("Who is responsible, exactly as the source names them (an owner's name or alias).",
                            default=None, example="Democratic Services")
    due: DateValue | None = doc("When it was first due ('By When' in the source).", default=None)
    due_changes: list[DueChange] = doc("Every later change to the due date, oldest first.", factory=list)
    success_criteria: list[str] = doc("The target or success criteria, one per item.", factory=list)
    progress: list[ProgressUpdate] = doc("Progress recorded, oldest first.", factory=list)
    dates_in_text: list[DateInText] = doc("Dates written inside the action's cells, for the timeline.", factory=list)
    note: str | None = doc("Anything a reader should know about this action.", default=None, text=True)

    @property
    def current_due(self) -> DateValue | None:
        return self.due_changes[-1].due if self.due_changes else self.due


@dataclass(kw_only=True)
class Response:
    """The executive's or committee's answer to something that asked for action."""

    title: str = doc("The label the source gives the response.", example="Executive Response")
    text: str | None = doc("The response, verbatim. Leave out only where the response itself is not among the "
                           "sources (then say so in 'note').", default=None, text=True)
    decision: ResponseDecision | None = doc(
        "Agreed, partially agreed, accepted in principle or not agreed. Leave out where the source gives no "
        "decision (a committee answering its own recommendation).",
        default=None,
    )
    decision_words: str | None = doc("The council's own words for its decision, exactly as written.",
                                     default=None, example="Partially Agreed")
    source: str | None = doc("The id of the source document; defaults to the record's.", default=None)
    date: DateValue | None = doc("When the response was given, if a source says.", default=None)
    approved_in: Evidence | None = doc("The decision (and part) that approved the response, where one did.",
                                       default=None)
    actions: list[Action] = doc("The action table. An empty list means no action is planned.", factory=list)
    dates_in_text: list[DateInText] = doc("Dates written inside the response's text, for the timeline.", factory=list)
    note: str | None = doc("Anything a reader should know about the response.", default=None, text=True)


@dataclass(kw_only=True)
class Assessment:
    """The committee's own judgement of how an item stands: never the officers' report."""

    date: DateValue = doc("When the committee made the assessment (its meeting's date).")
    meeting: str = doc("The id of the meeting that made it.")
    resolution: str | None = doc("The id of the resolution that records it, where there is one.", default=None)
    value: str = doc("A key of the council's assessment scale (assessment_scale in site.yml).", example="on-track")
    text: str | None = doc("The committee's words, verbatim.", default=None, text=True)
    outcome: Outcome | None = doc(
        "'signed off' when the committee signs the item off, 'closed not implemented' when it closes it as not "
        "implemented. Either stops monitoring.",
        default=None,
    )
    source: str = doc("The id of the source document (usually the minutes).")
    note: str | None = doc("Anything a reader should know.", default=None, text=True)


@dataclass(kw_only=True)
class ReportBack:
    """When the committee asked for an update to come back to it."""

    as_written: str | None = doc("The schedule as the source words it.", default=None, example="through the quarterly performance report")
    every: "Period | None" = doc("How often an update is due, where it recurs.", default=None)
    dates: list[DateValue] = doc("Dates an update is due back, where the committee set them.", factory=list)
    source: str | None = doc("The id of the source document that sets it.", default=None)


@dataclass(kw_only=True)
class Recommendation:
    """A recommendation a scrutiny review made, with the response to it."""

    id: str = doc("The recommendation's number as the review writes it, and its file name.", example="iv")
    heading: str | None = doc("The heading the source gives it.", default=None)
    text: str = doc("The recommendation, verbatim.", text=True)
    addressed_to: AddressedTo = doc("Whom it asks to act.")
    source: str = doc("The id of the source document it is transcribed from.")
    priority: str | None = doc("The priority the council gives it, as written.", default=None)
    response: Response | None = doc("The response, with its actions.", default=None)
    shares_response_with: str | None = doc(
        "Instead of 'response': the id of the recommendation whose response also answers this one.",
        default=None,
    )
    assessments: list[Assessment] = doc("The committee's assessments of it, oldest first.", factory=list)
    report_back: ReportBack | None = doc("When an update on it is due back to the committee.", default=None)
    related: list[str] = doc("Ids of other records that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class Meeting:
    """A meeting of a committee, as its minutes record it."""

    id: str = doc("A short name for the meeting, and its file name.")
    title: str = doc("The meeting's (or agenda item's) title.")
    committee: str = doc("The committee that met: a committee's id, name or alias.")
    date: DateValue = doc("When the meeting took place.")
    source: str = doc("The id of the source document (the minutes).")
    reviews: list[str] = doc("Ids of the reviews whose business the meeting dealt with.", factory=list)
    agenda_item: str | None = doc("The agenda item this record covers.", default=None)
    purpose: str | None = doc("The purpose of the item, verbatim.", default=None, text=True)
    minutes: str | None = doc("The minutes of the item, verbatim.", default=None, text=True)
    resolutions_preamble: str | None = doc("The words that introduce the resolutions.", default=None, text=True)
    dates_in_text: list[DateInText] = doc("Dates written inside the minutes that are not records of their own, for "
                                          "the timeline.", factory=list)
    related: list[str] = doc("Ids of other records that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class Resolution:
    """Something a committee resolved at a meeting: often a recommendation to the executive in all but name."""

    id: str = doc("The resolution's number, unique within the review, and its file name.", example="1")
    meeting: str = doc("The id of the meeting that passed it.")
    text: str = doc("The resolution, verbatim.", text=True)
    source: str = doc("The id of the source document.")
    addressed_to: AddressedTo | None = doc(
        "Whom it asks to act, where it asks for action: the executive, the committee itself, or the full council.",
        default=None)
    response: Response | None = doc("The response to it, with its actions.", default=None)
    assessments: list[Assessment] = doc("The committee's assessments of it, oldest first.", factory=list)
    report_back: ReportBack | None = doc("When an update on it is due back to the committee.", default=None)
    dates_in_text: list[DateInText] = doc("Dates written inside the resolution's text, for the timeline.", factory=list)
    related: list[str] = doc("Ids of other records that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class Commitment:
    """An undertaking given at a meeting and recorded in its minutes: who gave it, and by when."""

    id: str = doc("A short name for the commitment, and its file name.", example="schools-explain-by-december-2020")
    title: str | None = doc("A short, factual title for lists and links, in the site's words (the minutes' own words "
                            "are in 'text').", default=None, example="Enhanced induction process in place")
    meeting: str = doc("The id of the meeting where it was given.")
    text: str = doc("The minutes' words that record the undertaking, verbatim.", text=True)
    given_by: str = doc("Who gave it, as the minutes name them (an owner's name or alias).", example="ADED&S")
    due: DateValue | None = doc("By when, if the minutes say.", default=None)
    due_changes: list[DueChange] = doc("Every later change to the due date, oldest first.", factory=list)
    source: str = doc("The id of the source document (the minutes).")
    progress: list[ProgressUpdate] = doc("Progress recorded, oldest first.", factory=list)
    assessments: list[Assessment] = doc("The committee's assessments of it, oldest first.", factory=list)
    related: list[str] = doc("Ids of other records that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)

    @property
    def as_action(self) -> Action:
        """The commitment as the one action it is, for working out how it stands."""
        return Action(id="1", description=self.text, owner=self.given_by, due=self.due,
                      due_changes=self.due_changes, progress=self.progress)


@dataclass(kw_only=True)
class DecisionPart:
    """One lettered part of a decision, with any follow-up it asks for."""

    label: str = doc("The part's label as written.", example="a)")
    text: str = doc("The part, verbatim.", text=True)
    actions: list[Action] = doc("What was to be done to carry the part out, where a source says.", factory=list)
    assessments: list[Assessment] = doc("The committee's assessments of it, oldest first.", factory=list)
    note: str | None = doc("Anything a reader should know about this part.", default=None, text=True)


@dataclass(kw_only=True)
class Decision:
    """A formal decision, such as a cabinet decision notice."""

    id: str = doc("A short name for the decision, and its file name.")
    title: str = doc("The decision's title.")
    decision_maker: str = doc("Who made the decision, as the notice writes it (a committee's name or alias).",
                              example="Cabinet")
    date_of_decision: DateValue = doc("When the decision was made.")
    source: str = doc("The id of the source document.")
    reviews: list[str] = doc("Ids of the reviews whose business the decision deals with.", factory=list)
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
    call_in_ends: DateValue | None = doc(
        "When the call-in period ends, where the notice states it. Leave out to have it worked out from the "
        "council's call-in rule.", default=None)
    effective_from: DateValue | None = doc(
        "When the decision takes effect, as the notice states it. A stated date always wins over a worked-out one.",
        default=None)
    called_in: DateValue | None = doc("When the decision was called in, if it was.", default=None)
    accompanying_documents: list[str] = doc("Documents published with the decision.", factory=list)
    related: list[str] = doc("Ids of other records that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know about the transcription.", default=None, text=True)


@dataclass(kw_only=True)
class Event:
    """Any other dated event the sources mention."""

    id: str = doc("A short name for the event, and its file name.")
    title: str = doc("A short, factual title.")
    date: DateValue = doc("When it happened.")
    text: str = doc("The source's own words about it.", text=True)
    source: str = doc("The id of the source document.")
    related: list[str] = doc("Ids of other records that this one concerns.", factory=list)
    note: str | None = doc("Anything a reader should know.", default=None, text=True)


@dataclass(kw_only=True)
class Review:
    """A scrutiny review and everything that followed from it: one folder of data."""

    id: str = doc("A short name for the review, and its folder name.", example="peer-on-peer-abuse-2019")
    title: str = doc("The review's title.")
    committee: str = doc("The committee that held the review: a committee's id, name or alias.")
    date: DateValue = doc("When the review was held.")
    report_received: DateValue | None = doc(
        "When the executive received the review's report (or, if later, the notice of it): the response clock "
        "starts here. Leave out where no source says; the review's date is then used, and the page says so.",
        default=None)
    response_due: DateValue | None = doc(
        "When the response is due, where a source states it. A stated date always wins over a worked-out one.",
        default=None)
    summary: str | None = doc("A short description, in the source's words.", default=None, text=True)
    report_back: ReportBack | None = doc("When updates on the review are due back to the committee.", default=None)
    note: str | None = doc("Anything a reader should know.", default=None, text=True)
    recommendations: list[Recommendation] = doc("The review's recommendations.", factory=list, folder="recommendations")
    resolutions: list[Resolution] = doc("Resolutions passed on the review's business.", factory=list, folder="resolutions")
    commitments: list[Commitment] = doc("Undertakings given at meetings on the review's business.", factory=list,
                                        folder="commitments")
    events: list[Event] = doc("Other dated events the sources mention.", factory=list, folder="events")


@dataclass(kw_only=True)
class Council:
    """The records kept once for the whole council: data/council/."""

    committees: list[Committee] = doc("The council's committees and the executive.", factory=list, folder="committees")
    owners: list[Owner] = doc("The posts and teams that own actions.", factory=list, folder="owners")
    meetings: list[Meeting] = doc("Meetings, whichever reviews they dealt with.", factory=list, folder="meetings")
    decisions: list[Decision] = doc("Decisions, whichever reviews they dealt with.", factory=list, folder="decisions")
    sources: list[Source] = doc("The public documents the record is taken from.", factory=list, folder="sources")


@dataclass(kw_only=True)
class Term:
    """An abbreviation the sources use."""

    term: str = doc("The abbreviation as the sources write it.", example="MASH")
    basis: GlossaryBasis = doc(
        "'stated' where the sources give the expansion, 'unambiguous' for a well-known body, 'site' for the "
        "site's own plain-English explanation where the sources never spell it out, 'unknown' where the meaning "
        "is not known: then leave out the expansion."
    )
    expansion: str | None = doc("What it stands for.", default=None, example="Multi Agency Safeguarding Hub")
    source: str | None = doc("Where the expansion is stated.", default=None)
    explained: str | None = doc("For the site's own explanation (basis 'site'): why the site reads it so, in a sentence.",
                                default=None)
    note: str | None = doc("Anything a reader should know.", default=None, text=True)


@dataclass(kw_only=True)
class Glossary:
    """The abbreviations used in the records."""

    terms: list[Term] = doc("The abbreviations, one per item.", factory=list)


@dataclass(kw_only=True)
class Period:
    """A length of time, in exactly one unit."""

    months: int | None = doc("A number of calendar months.", default=None)
    weeks: int | None = doc("A number of weeks.", default=None)
    days: int | None = doc("A number of calendar days.", default=None)
    working_days: int | None = doc("A number of working days: not weekends or the nation's bank holidays.", default=None)

    def unit(self) -> tuple[str, int] | None:
        """(unit, count) when exactly one unit is given, else None."""
        given = [(name, getattr(self, name)) for name in ("months", "weeks", "days", "working_days")
                 if getattr(self, name) is not None]
        return given[0] if len(given) == 1 else None

    def words(self) -> str:
        unit, count = self.unit() or ("days", 0)
        names = {"months": ("month", "months"), "weeks": ("week", "weeks"), "days": ("day", "days"),
                 "working_days": ("working day", "working days")}[unit]
        number = _NUMBER_WORDS.get(count, str(count))
        return f"{number} {names[0] if count == 1 else names[1]}"


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


@dataclass(kw_only=True)
class Clocks:
    """The council's rules for its clocks: set once in site.yml; the defaults are the statutory ones."""

    response_period: Period = doc(
        "How long the executive has to respond to a scrutiny report or recommendations. The default is the "
        "statutory two months (Local Government Act 2000, s.9FE); constitutions may set eight weeks or 28 days.",
        factory=lambda: Period(months=2))
    call_in_period: Period = doc(
        "How long after publication an executive decision can be called in; it takes effect when this ends.",
        factory=lambda: Period(working_days=5))
    update_cycle: Period = doc(
        "How often new information is expected; an open item with nothing newer is flagged as not updated.",
        factory=lambda: Period(months=6))
    nation: Literal["england", "wales", "scotland", "northern ireland"] = doc(
        "Whose bank holidays count when working days are counted.", default="england")
    source: str | None = doc("Where the council's rules are published (its constitution), if known.", default=None)


@dataclass(kw_only=True)
class ScaleValue:
    """One value of the council's scale for the committee's assessments."""

    key: str = doc("How assessments write the value.", example="on-track")
    label: str = doc("How the site shows it.", example="On track")
    meaning: str = doc("What it means, in the council's words.")
    tone: Tone = doc("Its colour family: good, warn, bad, info or neutral.")


def _default_scale() -> list[ScaleValue]:
    return [
        ScaleValue(key="achieved", label="Achieved", meaning="The committee judges that the recommendation has been achieved.", tone="good"),
        ScaleValue(key="on-track", label="On track", meaning="The committee judges that the work is on track to be achieved by its due date.", tone="info"),
        ScaleValue(key="slipped", label="Slipped", meaning="The committee judges that the work has slipped; a revised date and the reason are needed.", tone="warn"),
        ScaleValue(key="not-achieved", label="Not achieved", meaning="The committee judges that the recommendation has not been achieved.", tone="bad"),
    ]


@dataclass(kw_only=True)
class Contact:
    """Whom residents contact about the site: questions, errors, and information in another format.
    Give only details the council publishes, and say where (``source``); never invent one."""

    team: str | None = doc("Who answers, as the council names them.", default=None, example="Democratic services")
    email: str | None = doc("The e-mail address that answers.", default=None, example="councillorservices@example.gov.uk")
    phone: str | None = doc("The telephone number that answers.", default=None, example="01234 567890")
    address: str | None = doc("The postal address, on one line.", default=None)
    page: str | None = doc("The council's own contact page.", default=None, link=True)
    source: str | None = doc("The public page these details were taken from.", default=None, link=True)
    reply_days: int | None = doc("How many working days the council takes to reply, where it says.", default=None)


@dataclass(kw_only=True)
class AccessibilityStatement:
    """The facts the accessibility statement gives: when it was prepared and reviewed, and what is not yet accessible."""

    prepared: str | None = doc("The day the statement was prepared (YYYY-MM-DD).", default=None, example="2026-12-01")
    reviewed: str | None = doc("The day it was last reviewed (YYYY-MM-DD).", default=None, example="2026-12-01")
    tested: str | None = doc("The day the website was last tested (YYYY-MM-DD).", default=None, example="2026-12-01")
    not_accessible: list[str] = doc("What is not yet accessible, one item each, in plain words.", factory=list)

    def day(self, name: str) -> str | None:
        """One of the statement's days in words ("1 December 2026"), or None where it is not a day."""
        value = getattr(self, name)
        try:
            parsed = dates.parse(value) if value else None
        except dates.EdtfError:
            return None
        return parsed.words() if parsed is not None and parsed.precision == "day" else None


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
    clocks: Clocks = doc("The council's response, call-in and update clocks.", factory=Clocks)
    contact: Contact | None = doc(
        "Whom residents contact with a question, an error or a request for another format. Leave out until the "
        "council gives one: the pages then say that no contact has been given.", default=None)
    accessibility: AccessibilityStatement = doc(
        "The dates and known gaps the accessibility statement gives.", factory=AccessibilityStatement)
    assessment_scale: list[ScaleValue] = doc(
        "The values the committee's assessments use, with what each means. The default is Achieved, On track, "
        "Slipped, Not achieved.", factory=_default_scale)


@dataclass(kw_only=True)
class Tracker:
    """Everything the site is built from."""

    site: Site
    glossary: Glossary
    council: Council
    reviews: list[Review]
