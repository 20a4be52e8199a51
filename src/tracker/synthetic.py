"""Write a synthetic but valid data folder of any size, for benchmarks and scale tests.

The records are invented (an imaginary "Exampleshire Council"), but they have
the real record's layout and its mess. The council's own records are kept once
in council/: committees (scrutiny committees, the cabinet, a cabinet member),
owners with every spelling the sources use (each action's owner is one of
them), meetings, decisions with lettered parts (some with actions and the
committee's assessments), and the source documents. Each review folder holds
its recommendations (shared responses, recommendations with no actions,
responses approved by a decision, 'accepted in principle'), resolutions (whom
they ask to act, responses whose words are not among the sources), the
commitments given at meetings, and events. Dates come in every precision the
data uses (undated progress, conditions with no machine date, ranges, open
ends, deadlines that moved); some progress names the records that show it;
some items have the committee's assessments on the default scale, a few signed
off or closed. Every record is built as a model object and written field by
field in the model's order, so a field renamed in ``model.py`` is renamed here
too.

The same arguments and seed always give byte-identical files::

    python -m tracker.synthetic OUT_DIR --reviews 40 --recommendations 1000 \\
        --actions-per 2 --updates-per 2 --seed 1
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import clocks, model
from .model import (
    Action,
    Assessment,
    Commitment,
    Committee,
    DateInText,
    DateValue,
    Decision,
    DecisionPart,
    DueChange,
    Event,
    Evidence,
    Glossary,
    Meeting,
    Owner,
    Period,
    ProgressUpdate,
    Recommendation,
    ReportBack,
    Resolution,
    Response,
    Review,
    Source,
    Term,
)

AS_AT = date(2023, 3, 31)
"""The fixed 'as at' day of every generated folder, so statuses never depend on the build date."""

CLOCKS = model.Clocks(response_period=Period(weeks=8), call_in_period=Period(working_days=7),
                      update_cycle=Period(months=3),
                      nation="wales", source="exampleshire-constitution")
"""The imaginary council's own rules, none of them the default, so every field of the model holds a value
somewhere in a generated folder (the downloads' round trip is then tested on every field)."""

SCHEMA_LINE = "# yaml-language-server: $schema={}{}.schema.json\n"
"""The first line of every data file, as in the real record."""

_SCHEMA_PREFIX = {0: "../schemas/", 3: "../../../../schemas/", 2: "../../../schemas/"}
"""Folder depth below the data folder -> the relative path to the repository's schemas,
as the real data writes it (the data folder sits one level below the repository)."""

COUNCIL_FOLDERS = {"committees": "committee", "owners": "owner", "meetings": "meeting", "decisions": "decision",
                   "sources": "source"}
"""Sub-folder of council/ -> the kind (and schema) of its files."""

REVIEW_FOLDERS = {"recommendations": "recommendation", "resolutions": "resolution", "commitments": "commitment",
                  "events": "event"}
"""Sub-folder of a review -> the kind (and schema) of its files."""


@dataclass(frozen=True)
class Summary:
    """What was written."""

    reviews: int
    recommendations: int
    actions: int
    updates: int
    meetings: int
    resolutions: int
    decisions: int
    events: int
    files: int
    committees: int = 0
    owners: int = 0
    sources: int = 0
    commitments: int = 0
    assessments: int = 0
    evidence: int = 0


# ----- vocabulary -----

_TOPICS = [
    "peer on peer abuse in schools", "home to school transport", "fly-tipping enforcement",
    "children's mental health services", "adult social care waiting times", "flood resilience",
    "temporary accommodation", "libraries and community hubs", "road safety near schools",
    "affordable housing delivery", "youth services", "domestic abuse support", "air quality",
    "household recycling", "support for unpaid carers", "special educational needs transport",
    "rural bus services", "the climate emergency", "council tax support", "digital inclusion",
]
_REVIEW_KINDS = ["spotlight review", "task and finish group", "scrutiny review", "inquiry day"]
_COMMITTEES = [
    # (id, name, the other spellings the minutes use)
    ("children-and-young-people-scrutiny", "Children and young people scrutiny committee",
     ["Children and Young People's Scrutiny Committee", "CYP scrutiny committee"]),
    ("adults-and-wellbeing-scrutiny", "Adults and wellbeing scrutiny committee", ["Adults scrutiny committee"]),
    ("environment-and-sustainability-scrutiny", "Environment and sustainability scrutiny committee", []),
    ("general-scrutiny", "General scrutiny committee", ["General Scrutiny"]),
    ("connected-communities-scrutiny", "Connected communities scrutiny committee", []),
]
_EXECUTIVE = [
    # (id, name, kind, executive, the other spellings the notices use)
    ("cabinet", "Cabinet", "executive", True, ["The Cabinet"]),
    ("cabinet-member-children-and-families", "Cabinet member, children and families", "cabinet member", True,
     ["Cabinet member children and families"]),
    ("director-of-resources", "Director of resources", "officer", False, []),
]
_OWNER_RECORDS = [
    # (id, name, the other spellings the sources use, directorate)
    ("democratic-services", "Democratic Services", [], "Corporate services"),
    ("assistant-director-education-development-and-skills", "Assistant Director, Education, Development and Skills",
     ["ADED&S", "the ADED&S", "assistant director education, development and skills"], "Children and families"),
    ("director-for-children-and-families", "Director for children and families",
     ["Director of children and families"], "Children and families"),
    ("early-help-manager", "Early Help Manager", [], None),
    ("learning-and-achievement-team", "Learning and Achievement Team", [], "Children and families"),
    ("head-of-highways-and-transport", "Head of Highways and Transport", ["Head of highways"], "Economy and environment"),
    ("service-manager-waste-and-recycling", "Service Manager, Waste and Recycling", [], "Economy and environment"),
    ("housing-solutions-team", "Housing Solutions Team", [], None),
    ("head-of-commissioning", "Head of Commissioning", [], "Adults and communities"),
    ("public-health-consultant", "Public Health Consultant", [], None),
    ("strategic-housing-manager", "Strategic Housing Manager", [], None),
    ("cabinet-member-environment-and-economy", "Cabinet member, environment and economy", [], None),
    ("head-of-corporate-performance", "Head of Corporate Performance", [], "Corporate services"),
]
_OWNERS = [spelling for _, name, aliases, _ in _OWNER_RECORDS for spelling in (name, *aliases)]
"""Every spelling an action's owner may have: each resolves to one owner record."""
_VERBS = [
    "works with", "promotes to", "writes to", "seeks assurance from", "reviews its arrangements with",
    "agrees a protocol with", "shares its data with", "commissions training for",
]
_HEADINGS = [
    "School Policies", "Risk Assessments", "Family Support Workers", "Council policies", "Data sharing",
    "Promotion of training in schools", "Future meetings of the spotlight review", "Letter to the DfE",
    "Resources", "Communication with families", "Performance reporting", "Partnership working",
]
_PARTNERS = [
    "all schools in Exampleshire", "the DfE", "partner agencies", "the MASH", "town and parish councils",
    "the CCG", "West Mercia Police", "the YOS and the CPS", "housing associations", "Ofsted",
    "the voluntary and community sector", "the NHS trust", "HTs, COGs and DSLs",
]
_GOALS = [
    "to ensure that policies are clear and regularly reviewed",
    "to clarify responsibility for the production of risk assessments",
    "so that residents can see what has been done and by when",
    "to improve the recording of decisions and the reasons for them",
    "so that data on {topic} is shared with the committee each quarter",
    "to develop a model policy for {topic}",
    "to identify what extra resources can be committed to {topic}",
    "and reports back to the committee within six months",
    "to make sure that families are kept informed at every stage",
]
_SENTENCES = [
    "Work is already underway to improve how {topic} is delivered across the county.",
    "It should be noted that many of our schools are academies and we cannot guarantee or enforce such policies upon them.",
    "The {owner} explained that the service had seen a significant increase in demand since {year}.",
    "A report on {topic} will be brought to the committee once the review has concluded.",
    "The timeframe for the review was precisely prescribed and details were drawn from the case management system.",
    "Members asked whether the MASH had the capacity to respond to referrals within the agreed timescales.",
    "It was acknowledged that some of the record keeping from the earlier period was incomplete or imperfect.",
    "The cabinet member thanked residents for their persistence in raising questions and concerns about {topic}.",
    "Legal advice is to treat each case on a case by case basis, in line with the DfE guidance.",
    "There was a need for a greater level of trust in scrutiny and the process.",
    "Ofsted had recognised the progress made, but further improvement was necessary.",
    "The committee was unable to undertake its role effectively if it was not provided with all relevant information.",
    "Funding of £{money} has been identified for {year}/{next_year}, subject to the budget being agreed.",
    "Officers will bring an update to the committee’s “performance challenge” session.",
    "It was queried whether the work would be in place by the end of September {year}.",
    "The SEND team explained that the new process had been trialled in two localities – Leominster and Ross on Wye.",
    "Councillors noted that the <strong>draft</strong> guidance had not yet been shared with schools.",
    "The response refers to the [action plan](https://example.org/plan) and to {{{{ appendix 2 }}}}, which are not published.",
    "Thanks were expressed to the families who had contributed to a deeper understanding of the issue.",
    "The data will be presented to the committee as part of the quarterly performance report.",
]
_PROGRESS = [
    "The letter is currently in preparation",
    "Review commenced {month} {year}.",
    "Complete. The report was presented to the committee in {month} {year}.",
    "A draft policy has been shared with HTs and DSLs for comment.",
    "Consultation with the chairperson will occur once the review of cases has been concluded.",
    "Delayed by the covid-19 pandemic; a revised date will be agreed with the committee.",
    "Training delivered to 42 schools; a further 18 are booked for the autumn term.",
    "Review {month} {year} to set up next conference",
    "No update was provided for this action.",
    "Complete – the guidance was published on the council’s website.",
]
_CRITERIA = [
    "Letter sent to DfE", "Report provided to the committee", "All schools have a stand-alone policy",
    "Ofsted reports state that safeguarding is effective in all schools",
    "Families identified, supported and sustainable change achieved.",
    "Quarterly data shared with the committee", "A date for a further meeting is agreed.",
    "Fewer than 5% of cases exceed the agreed timescale", "Guidance published and promoted to partners",
]
_EVENTS = [
    "Ofsted focused visit", "National guidance issued", "Conference for all schools", "Report delayed",
    "Review of cases begins", "Leader commissions the review", "Consultation opens", "Funding bid submitted",
    "Pilot scheme launched", "Peer review by the LGA", "Flooding affects council services",
]
_TERMS = [
    ("MASH", "Multi Agency Safeguarding Hub", "stated"), ("DfE", "Department for Education", "stated"),
    ("ADED&S", "assistant director education, development and skills", "stated"),
    ("YOS", "Youth Offending Service", "stated"), ("CPS", "Crown Prosecution Service", "stated"),
    ("CCG", "Clinical Commissioning Group", "stated"), ("LGA", "Local Government Association", "unambiguous"),
    ("NHS", "National Health Service", "unambiguous"),
    ("Ofsted", "Office for Standards in Education, Children's Services and Skills", "unambiguous"),
    ("DSL", None, "unknown"), ("HT", None, "unknown"), ("COG", None, "unknown"), ("SEND", "special educational needs and disabilities", "site"),
    ("CC", None, "unknown"),
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_CONDITIONS = [
    "When policies are reviewed or new ones are created", "Ongoing", "As and when cases arise",
    "Following the completion of the review", "To be confirmed", "Annually, at the start of each school year",
]
_REASONS = [
    "The covid-19 pandemic meant that officers were redeployed to the emergency response.",
    "The review of cases took longer than planned; the report could not be written until it was complete.",
    "The national guidance this action depends on was delayed by the DfE.",
    "The committee asked for the work to be widened to include academies.",
]
_ASSESSMENT_WORDS = {
    "achieved": ["The committee was satisfied that the recommendation had been achieved.",
                 "Members agreed that the work was complete and could be signed off."],
    "on-track": ["The committee noted the progress and agreed that the work was on track.",
                 "Members were assured that the work would be completed by the date given."],
    "slipped": ["The committee noted that the work had slipped and asked for a revised date.",
                "Members expressed concern at the delay and asked for the reasons in writing."],
    "not-achieved": ["The committee concluded that the recommendation had not been achieved.",
                     "Members agreed that no further progress could be expected and closed the item."],
}
_UNDERTAKINGS = [
    "The {owner} undertook to write to all schools about {topic} by the end of {month} {year}.",
    "The {owner} agreed to provide the committee with the data on {topic} before its next meeting.",
    "It was confirmed that a briefing note on {topic} would be circulated to members.",
    "The {owner} undertook to attend a future meeting to answer members' questions on {topic}.",
    "It was agreed that the policy on {topic} would be reviewed and brought back to the committee.",
]
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(number: int) -> str:
    """A recommendation number as the reviews write it: i, ii, iii, iv..."""
    out = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out += letters * count
    return out


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _month_end(day: date) -> date:
    nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _year_of(meeting: Meeting) -> int | None:
    parsed = meeting.date.parsed
    return parsed.earliest.year if parsed and parsed.earliest else None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# ----- one review's records -----


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _spellings(name: str, aliases: list[str]) -> list[str]:
    return [name, *aliases]


class _Council:
    """The records kept once for the whole council, which every review's writer adds to in turn, with ids
    unique across the council (every council folder shares one set of ids)."""

    def __init__(self) -> None:
        self.committees = [Committee(id=i, name=n, kind="scrutiny committee", aliases=list(a),
                                     note="Its minutes spell its name in several ways." if a else None)
                           for i, n, a in _COMMITTEES]
        self.committees += [Committee(id=i, name=n, kind=k, executive=e, aliases=list(a)) for i, n, k, e, a in _EXECUTIVE]
        self.owners = [Owner(id=i, name=n, aliases=list(a), directorate=d,
                             note="The sources spell this owner in more than one way." if a else None)
                       for i, n, a, d in _OWNER_RECORDS]
        self.meetings: list[Meeting] = []
        self.decisions: list[Decision] = []
        self.sources: list[Source] = [
            Source(id="exampleshire-glossary", title="Glossary of abbreviations used in committee papers",
                   kind="glossary", url="https://example.org/glossary",
                   date=DateValue(as_written="January 2018", edtf="2018-01")),
        ]
        self.used = {r.id for r in (*self.committees, *self.owners, *self.sources)}

    def unique(self, stem: str) -> str:
        candidate, n = stem, 2
        while candidate in self.used:
            candidate, n = f"{stem}-{n}", n + 1
        self.used.add(candidate)
        return candidate


class _Writer:
    """Invents one review, and the council's records about it. Every choice comes from this review's own
    random stream."""

    def __init__(self, rng: random.Random, index: int, recs: int, actions_per: float, updates_per: float,
                 council: _Council):
        self.rng = rng
        self.index = index
        self.recs = recs
        self.actions_per = actions_per
        self.updates_per = updates_per
        self.council = council
        self.topic = _TOPICS[index % len(_TOPICS)]
        self.start = date(2018 + index % 4, 1 + (index * 5) % 12, 1)
        self.used: set[str] = set()
        self.meetings: list[Meeting] = []
        self.decisions: list[Decision] = []
        self.resolutions: list[Resolution] = []
        self.src: dict[str, str] = {}

    # -- small pieces --

    def fill(self, template: str) -> str:
        year = self.start.year + self.rng.randint(0, 2)
        return template.format(
            topic=self.topic, owner=self.rng.choice(_OWNERS), year=year, next_year=str(year + 1)[2:],
            month=self.rng.choice(_MONTHS), money=f"{self.rng.randint(10, 400) * 1000:,}",
        )

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.fill(t) for t in self.rng.sample(_SENTENCES, self.rng.randint(low, high)))

    def prose(self, paragraphs: int, bullets: float = 0.3) -> str:
        """Paragraphs of council prose; some become bullets or numbered items."""
        out = []
        for _ in range(paragraphs):
            roll = self.rng.random()
            if roll < bullets:
                items = [self.sentences(1, 3) for _ in range(self.rng.randint(2, 5))]
                marker = (lambda n: f"{n}. ") if roll < bullets / 3 else (lambda n: "- ")
                out.append("\n".join(marker(n) + item for n, item in enumerate(items, start=1)))
            else:
                out.append(self.sentences(1, 4))
        return "\n\n".join(out) + "\n"

    def unique(self, stem: str) -> str:
        candidate, n = stem, 2
        while candidate in self.used:
            candidate, n = f"{stem}-{n}", n + 1
        self.used.add(candidate)
        return candidate

    def day_after(self, earliest: date, months: int) -> date:
        span = max(1, (min(_add_months(earliest, months), AS_AT) - earliest).days)
        return earliest + timedelta(days=self.rng.randint(0, span))

    def when(self, day: date, *, stated: float = 0.8, kinds=("day", "month")) -> DateValue:
        """A date at one of the given precisions, worded as a source might word it."""
        kind = self.rng.choice(kinds)
        if kind == "day":
            edtf = day.isoformat()
            words = self.rng.choice([f"{_ordinal(day.day)} {_MONTHS[day.month - 1]} {day.year}",
                                     f"{day:%d/%m/%Y}", f"{day.day} {_MONTHS[day.month - 1]} {day.year}"])
        elif kind == "month":
            edtf = f"{day:%Y-%m}"
            words = self.rng.choice([f"End of {_MONTHS[day.month - 1]} {day.year}", f"{_MONTHS[day.month - 1]} {day.year}"])
        elif kind == "year":
            edtf, words = str(day.year), self.rng.choice([f"During {day.year}", f"{day.year}"])
        elif kind == "approximate":
            edtf, words = f"{day:%Y-%m}~", f"Around {_MONTHS[day.month - 1]} {day.year}"
        elif kind == "range":
            end = _add_months(day, self.rng.randint(1, 3))
            edtf = f"{day:%Y-%m}/{end:%Y-%m}"
            first = _MONTHS[day.month - 1] + (f" {day.year}" if day.year != end.year else "")
            words = f"{first} – {_MONTHS[end.month - 1]} {end.year}"
        elif kind == "open":
            edtf = f"{day:%Y-%m}/.."
            words = f"After the review has been completed which is due by end of {_MONTHS[day.month - 1]} {day.year}"
            return DateValue(as_written=words, edtf=edtf,
                             note="No single date: due after the review completes. Recorded as open-ended.")
        else:  # a condition: words and no machine date
            return DateValue(as_written=self.rng.choice(_CONDITIONS),
                             note="A condition, not a date, so there is no machine date and no deadline to check.")
        if self.rng.random() < stated:
            return DateValue(as_written=words, edtf=edtf)
        return DateValue(edtf=edtf, note=f"Not stated in the source; inferred from the surrounding text ({words.lower()}).")

    # -- records --

    def sources(self, review_id: str) -> list[Source]:
        day = self.start
        self.src = {name: self.council.unique(f"{review_id}-{name}")
                    for name in ("responses", "minutes", "decision-notice", "update-report", "press-statement")}
        ids = self.src
        return [
            Source(id=ids["responses"], title=f"Summary of recommendations and executive responses [{self.topic}]",
                   kind="response report", file=f"{self.index:03d}_responses.txt",
                   date=DateValue(edtf=f"{_add_months(day, 2):%Y-%m}/{_add_months(day, 3):%Y-%m}",
                                  note="Not dated; inferred from its content."),
                   note="Transcribed from a table whose cells are split across page breaks."),
            Source(id=ids["minutes"], title=f"Minutes: {self.topic}", kind="committee minutes (agenda item)",
                   url=f"https://example.org/minutes/{self.index}", date=self.when(_add_months(day, 6))),
            Source(id=ids["decision-notice"], title=f"Decision: {self.topic}", kind="decision notice",
                   date=self.when(_add_months(day, 9), kinds=("day",))),
            Source(id=ids["update-report"], title=f"Progress update report [{self.topic}]", kind="update report",
                   date=self.when(_add_months(day, 14), kinds=("month",))),
            Source(id=ids["press-statement"], title=f"Press statement: the committee looks at {self.topic}",
                   kind="press statement", url=f"https://example.org/news/{self.index}",
                   date=self.when(_add_months(day, 4), kinds=("day",)),
                   quote=f"The committee met to look again at {self.topic}."),
        ]

    def evidence(self) -> list[Evidence]:
        """The records that show a progress update, for about a quarter of them."""
        rng = self.rng
        if rng.random() >= 0.25:
            return []
        kind = rng.choice(["meeting", "decision", "source"])
        if kind == "meeting" and self.meetings:
            meeting = rng.choice(self.meetings)
            quote = (meeting.minutes or "").split("\n\n")[0].lstrip("-0123456789. ").split(". ")[0].strip()
            return [Evidence(record=meeting.id, quote=quote or None)]
        if kind == "decision" and self.decisions:
            decision = rng.choice(self.decisions)
            part = rng.choice(decision.parts)
            return [Evidence(record=decision.id, part=part.label,
                             quote=part.text.split("\n")[0].lstrip("- ").strip() if rng.random() < 0.7 else None)]
        return [Evidence(record=self.src["update-report"])]

    def progress(self, since: date) -> list[ProgressUpdate]:
        rng = self.rng
        updates = []
        count = rng.randint(0, max(0, round(self.updates_per * 2)))
        day = since
        for n in range(count):
            day = min(self.day_after(day, 6), AS_AT)  # progress is never dated after the 'as at' day
            state = rng.choice([None, None, "in progress", "not started", "complete"]) if n + 1 == count \
                else rng.choice([None, "in progress", "not started"])
            text = self.fill(rng.choice(_PROGRESS))
            if rng.random() < 0.2:
                text = self.prose(rng.randint(1, 3), bullets=0.5)
            updates.append(ProgressUpdate(
                text=text,
                date=self.when(day, stated=0.7, kinds=("day", "month", "approximate")) if rng.random() < 0.55 else None,
                state=state,  # type: ignore[arg-type]
                source=rng.choice([self.src["responses"], self.src["update-report"]]),
                evidence=self.evidence(),
                note="The progress entry is not dated in the source." if rng.random() < 0.1 else None,
            ))
        return updates

    def due_changes(self, due: DateValue | None, due_from: date) -> list[DueChange]:
        rng = self.rng
        changes = []
        if due is not None and due.parsed and rng.random() < 0.18:
            latest = due.parsed.latest or due.parsed.earliest or due_from
            for _ in range(rng.randint(1, 2)):
                changed = min(self.day_after(latest, 3), AS_AT)
                new_due = self.when(_add_months(latest, rng.randint(2, 8)), kinds=("day", "month", "range"))
                changes.append(DueChange(due=new_due, changed=self.when(changed, kinds=("day", "month")),
                                         reason=rng.choice(_REASONS),
                                         source=rng.choice([None, self.src["update-report"]])))
                latest = new_due.parsed.latest  # type: ignore[union-attr]
        return changes

    def action(self, number: int, due_from: date) -> Action:
        rng = self.rng
        due = None
        if rng.random() < 0.92:
            due = self.when(self.day_after(due_from, 20), stated=0.85,
                            kinds=("day", "month", "month", "month", "year", "approximate", "range", "open", "condition"))
        changes = self.due_changes(due, due_from)
        updates = self.progress(due_from)
        if rng.random() < 0.3:
            description = "\n".join(f"{n}. {self.sentences(1, 2)}" for n in range(1, rng.randint(2, 4) + 1)) + "\n"
        else:
            description = self.sentences(1, 3) + "\n"
        in_text = []
        if rng.random() < 0.1:
            day = self.day_after(due_from, 12)
            words = f"{_MONTHS[day.month - 1]} {day.year}"
            quote = f"a new policy will be in place from {words}"
            description += f"The aim is that {quote}.\n"
            in_text.append(DateInText(quote=quote, date=DateValue(as_written=words, edtf=f"{day:%Y-%m}")))
        return Action(
            id=str(number),
            description=description,
            owner=rng.choice(_OWNERS) if rng.random() < 0.95 else None,
            due=due,
            due_changes=changes,
            success_criteria=[rng.choice(_CRITERIA) for _ in range(rng.randint(0, 4))],
            progress=updates,
            dates_in_text=in_text,
            note=self.prose(1) if rng.random() < 0.1 else None,
        )

    def assessments(self, after: date, chance: float) -> list[Assessment]:
        """The committee's assessments at meetings after ``after`` and by the 'as at' day, for some items."""
        rng = self.rng
        if rng.random() >= chance:
            return []
        eligible = [m for m in self.meetings
                    if m.date.parsed and m.date.parsed.earliest and m.date.parsed.earliest >= after
                    and m.date.parsed.latest and m.date.parsed.latest <= AS_AT]
        if not eligible:
            return []
        chosen = sorted(rng.sample(eligible, min(len(eligible), rng.randint(1, 2))), key=lambda m: m.date.sort_key())
        out = []
        for k, meeting in enumerate(chosen):
            value = rng.choice(list(_ASSESSMENT_WORDS))
            last = k == len(chosen) - 1
            outcome = None
            if last and value == "achieved" and rng.random() < 0.6:
                outcome = "signed off"
            elif last and value == "not-achieved" and rng.random() < 0.4:
                outcome = "closed not implemented"
            passed = [r.id for r in self.resolutions if r.meeting == meeting.id]
            out.append(Assessment(
                date=meeting.date,
                meeting=meeting.id,
                resolution=rng.choice(passed) if passed and rng.random() < 0.5 else None,
                value=value,
                text=rng.choice(_ASSESSMENT_WORDS[value]) if rng.random() < 0.8 else None,
                outcome=outcome,  # type: ignore[arg-type]
                source=self.src["minutes"],
                note="The minutes record the committee's view in the discussion, not in a resolution."
                if rng.random() < 0.1 else None,
            ))
        return out

    def report_back(self) -> ReportBack | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            return ReportBack(as_written="every six months", every=Period(months=6), source=self.src["minutes"])
        if roll < 0.08:
            return ReportBack(as_written="every 28 days", every=Period(days=28), source=self.src["minutes"])
        if roll < 0.12:
            day = _add_months(self.start, rng.randint(6, 18))
            words = f"{_MONTHS[day.month - 1]} {day.year}"
            return ReportBack(as_written=f"to the committee in {words}",
                              dates=[DateValue(as_written=words, edtf=f"{day:%Y-%m}")], source=self.src["minutes"])
        return None

    def recommendations(self, others: list[str]) -> list[Recommendation]:
        rng = self.rng
        out: list[Recommendation] = []
        number = 1
        while number <= self.recs:
            group = rng.choice([2, 3]) if rng.random() < 0.12 and number + 1 <= self.recs else 1
            group = min(group, self.recs - number + 1)
            heading = rng.choice(_HEADINGS)
            addressed = "committee" if rng.random() < 0.15 else "executive"
            lead = roman(number)
            due_from = _add_months(self.start, rng.randint(1, 4))
            if rng.random() < 0.1:
                actions: list[Action] = []
                decision = rng.choice(["not agreed", "agreed", None])
            else:
                count = max(1, round(self.actions_per * rng.uniform(0.5, 1.5))) if self.actions_per > 0 else 0
                actions = [self.action(n, due_from) for n in range(1, count + 1)]
                decision = rng.choice(["agreed", "agreed", "agreed", "partially agreed", "accepted in principle",
                                       "not agreed"])
            if addressed == "committee":
                decision = None
            opening = {"agreed": "Agreed.", "partially agreed": f"Partially agreed with the exception of {roman(number + 1)}).",
                       "accepted in principle": "Accepted in principle, subject to the funding being agreed.",
                       "not agreed": "Not agreed.", None: "Following the completion of the review,"}[decision]
            approved_in = None
            answered = self.when(_add_months(self.start, 2), kinds=("month", "range")) if rng.random() < 0.3 else None
            if addressed == "executive" and self.decisions and rng.random() < 0.25:
                approving = rng.choice(self.decisions)
                approved_in = Evidence(record=approving.id, part=approving.parts[min(1, len(approving.parts) - 1)].label)
                answered = None
            text = f"{opening} {self.sentences(1, 3)}\n" + (f"\n{self.prose(rng.randint(1, 2))}" if rng.random() < 0.6 else "")
            in_text = []
            if rng.random() < 0.1:
                day = self.day_after(due_from, 12)
                words = f"{_MONTHS[day.month - 1]} {day.year}"
                text += f"\nThe policy will be reviewed again in {words}.\n"
                in_text.append(DateInText(quote=f"reviewed again in {words}",
                                          date=DateValue(as_written=words, edtf=f"{day:%Y-%m}")))
            response = Response(
                title="Scrutiny Response" if addressed == "committee" else "Executive Response",
                text=text,
                dates_in_text=in_text,
                decision=decision,  # type: ignore[arg-type]
                decision_words={"agreed": "Agreed", "partially agreed": "Partially Agreed",
                                "accepted in principle": "Accepted in principle", "not agreed": "Not Agreed",
                                None: None}[decision] if rng.random() < 0.7 else None,
                source=rng.choice([None, self.src["responses"]]),
                date=answered,
                approved_in=approved_in,
                actions=actions,
            )
            for offset in range(group):
                rec_id = roman(number + offset)
                self.used.add(rec_id)
                goal = self.fill(rng.choice(_GOALS))
                who = "the executive" if addressed == "executive" else f"the {self.body[0].lower()}{self.body[1:]}"
                text = f"That {who} {rng.choice(_VERBS)} {rng.choice(_PARTNERS)} {goal};\n"
                if rng.random() < 0.15:
                    text += "\n" + self.prose(1, bullets=1.0)
                related = sorted({rng.choice(others) for _ in range(rng.randint(0, 3))}) if others else []
                shared = offset > 0
                out.append(Recommendation(
                    id=rec_id,
                    heading=heading if rng.random() < 0.95 else None,
                    text=text,
                    addressed_to=addressed,  # type: ignore[arg-type]
                    source=self.src["responses"],
                    priority=rng.choice(["High", "Medium", "Low"]) if rng.random() < 0.3 else None,
                    response=None if shared else response,
                    shares_response_with=lead if shared else None,
                    assessments=self.assessments(due_from, 0.25),
                    report_back=self.report_back(),
                    related=related,
                    note=(f"Printed with {lead} under one heading and answered by its response." if shared
                          else self.prose(rng.randint(1, 2)) if rng.random() < 0.4 else None),
                ))
            number += group
        return out

    def make_meetings(self, review_id: str, spellings: list[str], count: int) -> list[Meeting]:
        rng = self.rng
        out = []
        for n in range(count):
            day = _add_months(self.start, 4 + 3 * n)
            roll = rng.random()
            if n == 1:  # a date the minutes leave out and another document states, in every review
                roll = 0.7
            if roll < 0.65:
                date_value = self.when(day, kinds=("day",))
            elif roll < 0.75:
                date_value = DateValue(as_written=f"{_ordinal(day.day)} {_MONTHS[day.month - 1]} {day.year}",
                                       edtf=day.isoformat(), source=self.src["press-statement"],
                                       note="The minutes do not state the date; the council's press statement does.")
            else:
                date_value = DateValue(
                    edtf=f"{day:%Y-%m}/{_add_months(day, 3):%Y-%m}",
                    note="The minutes never state the date of the meeting.\n\n"
                         "- The range is worked out from clues in the minutes.\n")
            out.append(Meeting(
                id=self.council.unique(f"{self.committee_id}-{day:%Y-%m}"),
                title=f"{self.body}: {self.topic}",
                committee=rng.choice(spellings),
                date=date_value,
                source=self.src["minutes"],
                reviews=[review_id],
                agenda_item=f"Review of {self.topic}",
                purpose=self.prose(1, bullets=0),
                minutes=self.prose(rng.randint(6, 18), bullets=0.4),
                resolutions_preamble=None,
                dates_in_text=[DateInText(quote=f"the next survey of schools is planned for {_MONTHS[later.month - 1]} "
                                                f"{later.year}",
                                          date=DateValue(as_written=f"{_MONTHS[later.month - 1]} {later.year}",
                                                         edtf=f"{later:%Y-%m}"))]
                if rng.random() < 0.3 and (later := _add_months(day, 6)) else [],
                note="The minutes record this item under any other business." if rng.random() < 0.2 else None,
            ))
        return out

    def make_decisions(self, review_id: str, count: int) -> list[Decision]:
        rng = self.rng
        out = []
        for n in range(count):
            day = _add_months(self.start, 5 + 4 * n)
            maker_id, name, _, executive, aliases = rng.choice(_EXECUTIVE)
            published = day + timedelta(days=4)
            said = rng.choice(["Yes", "Yes", "No", None]) if executive else "No"
            called = rng.random() < 0.15
            if (self.index, n) == (1, 0):  # one decision in every large enough folder is called in
                maker_id, name, _, executive, aliases = _EXECUTIVE[0]
                said, called = "Yes", True
            applies = said == "Yes" or (said is None and executive)
            call_in_ends = effective_from = called_in = None
            if applies:
                ends = clocks.add(published, CLOCKS.call_in_period, CLOCKS.nation)
                if rng.random() < 0.5:
                    call_in_ends = DateValue(as_written=f"{ends:%d/%m/%Y}", edtf=ends.isoformat())
                if rng.random() < 0.6:
                    effective = ends + timedelta(days=1)
                    effective_from = DateValue(as_written=f"{effective:%d/%m/%Y}", edtf=effective.isoformat())
                if called:
                    called_in = DateValue(as_written=f"{published + timedelta(days=2):%d/%m/%Y}",
                                          edtf=(published + timedelta(days=2)).isoformat())
            elif rng.random() < 0.5:
                effective_from = DateValue(as_written=f"{day:%d/%m/%Y}", edtf=day.isoformat())
            parts = []
            for letter in "abcd"[: rng.randint(1, 4)]:
                parts.append(DecisionPart(
                    label=f"{letter})",
                    text=self.prose(1, bullets=0.2),
                    actions=[self.action(k, day) for k in range(1, rng.randint(1, 2) + 1)]
                    if rng.random() < 0.3 or (n, letter) == (0, "a") else [],
                    assessments=self.assessments(day, 0.15),
                    note="The notice prints this part without its full stop."
                    if rng.random() < 0.15 or (self.index, n, letter) == (0, 0, "a") else None,
                ))
            out.append(Decision(
                id=self.council.unique(f"{maker_id}-{day:%Y-%m}"),
                title=f"Response to the {self.topic} review",
                decision_maker=rng.choice([name, *aliases]),
                date_of_decision=DateValue(as_written=f"{day:%d/%m/%Y}", edtf=day.isoformat()),
                source=self.src["decision-notice"],
                reviews=[review_id],
                status="Recommendations Approved",
                key_decision=rng.choice(["No", "Yes"]),
                subject_to_call_in=said,
                purpose=self.prose(1, bullets=0),
                decision="THAT\n",
                parts=parts,
                alternative_options="1. " + self.sentences(1, 2) + "\n",
                wards_affected="(All Wards);",
                contact="Democratic Services, Exampleshire Council.",
                publication_date=DateValue(as_written=f"{published:%d/%m/%Y}", edtf=published.isoformat()),
                call_in_ends=call_in_ends,
                effective_from=effective_from,
                called_in=called_in,
                accompanying_documents=[f"Review of {self.topic}"],
                note="The notice was republished with a corrected title." if rng.random() < 0.3 else None,
            ))
        return out

    def make_resolutions(self) -> list[Resolution]:
        rng = self.rng
        meetings = self.meetings
        out = []
        total = 1 + self.recs // 2
        for n in range(1, total + 1):
            meeting = meetings[min(len(meetings) - 1, (n - 1) * len(meetings) // total)]
            self.used.add(str(n))
            addressed = rng.choice([None, None, "executive", "executive", "committee"])
            response = None
            since = meeting.date.parsed.earliest or self.start  # type: ignore[union-attr]
            # The first resolution to the executive is answered as the real record's are: a decision approved a
            # response whose words are not among the sources.
            first = addressed == "executive" and not any(r.addressed_to == "executive" for r in out)
            if addressed == "executive" and (first or rng.random() < 0.6):
                if self.decisions and (first or rng.random() < 0.5):
                    approving = rng.choice(self.decisions)
                    response = Response(
                        title="Executive response",
                        note="The executive's response is an appendix to the cabinet report, which is not among the "
                             "source documents, so its words are not recorded here.",
                        approved_in=Evidence(record=approving.id, part=approving.parts[-1].label),
                        date=approving.date_of_decision)
                else:
                    decision = rng.choice(["agreed", "partially agreed", None])
                    response = Response(
                        title="Executive response",
                        text=f"{self.sentences(1, 3)}\n",
                        decision=decision,  # type: ignore[arg-type]
                        source=self.src["responses"],
                        actions=[self.action(k, since) for k in range(1, rng.randint(0, 2) + 1)])
            elif addressed == "committee" and rng.random() < 0.4:
                response = Response(title="Committee response", text=f"{self.sentences(1, 2)}\n",
                                    source=self.src["minutes"],
                                    actions=[self.action(1, since)] if rng.random() < 0.5 else [])
            out.append(Resolution(id=str(n), meeting=meeting.id, text=self.prose(1, bullets=0.1),
                                  source=self.src["minutes"], addressed_to=addressed,  # type: ignore[arg-type]
                                  response=response, report_back=self.report_back() if addressed else None,
                                  dates_in_text=[DateInText(quote="before the start of the summer term in "
                                                                  f"{meeting_year}",
                                                            date=DateValue(as_written=f"the summer term in {meeting_year}",
                                                                           edtf=str(meeting_year),
                                                                           note="The term's dates are not given."))]
                                  if rng.random() < 0.1 and (meeting_year := _year_of(meeting)) else [],
                                  note="The minutes do not number the resolutions; they are numbered here in the "
                                       "order the minutes give them." if rng.random() < 0.2 else None))
        return out

    def make_commitments(self) -> list[Commitment]:
        rng = self.rng
        out = []
        for meeting in self.meetings:
            held = meeting.date.parsed.earliest  # type: ignore[union-attr]
            if held is None or held > AS_AT:
                continue
            # Every review has at least one: the first meeting it held gives one or more.
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3]) if out else rng.choice([1, 1, 2, 3])):
                who = rng.choice(_OWNERS)
                text = rng.choice(_UNDERTAKINGS).format(owner=who, topic=self.topic, month=rng.choice(_MONTHS),
                                                        year=held.year)
                due = self.when(self.day_after(held, 6), kinds=("day", "month", "month", "condition")) \
                    if rng.random() < 0.8 else None
                out.append(Commitment(
                    id=self.unique(f"undertaking-{held:%Y-%m}"),
                    title=f"An update on {self.topic}" if rng.random() < 0.5 else None,
                    meeting=meeting.id,
                    text=text[0].upper() + text[1:] + "\n",
                    given_by=who,
                    due=due,
                    due_changes=self.due_changes(due, held),
                    source=self.src["minutes"],
                    progress=self.progress(held),
                    assessments=self.assessments(held, 0.3),
                    note="The minutes record the undertaking in the discussion, not as a resolution."
                    if rng.random() < 0.2 else None,
                ))
        return out

    def generate(self) -> dict[str, list]:
        rng = self.rng
        self.committee_id, self.body, aliases = rng.choice(_COMMITTEES)
        spellings = [self.body, *aliases]
        review_id = f"{self.topic.replace(' ', '-').replace(chr(39), '')}-{self.start.year}-{self.index}"
        self.council.sources += self.sources(review_id)
        received = self.when(_add_months(self.start, 1), kinds=("day",)) if rng.random() < 0.5 else None
        response_due = None
        if received is not None and rng.random() < 0.5:
            due = clocks.add(received.parsed.earliest, CLOCKS.response_period, CLOCKS.nation)  # type: ignore[union-attr, arg-type]
            response_due = DateValue(as_written=f"{_ordinal(due.day)} {_MONTHS[due.month - 1]} {due.year}",
                                     edtf=due.isoformat())
        review = Review(
            id=review_id,
            title=f"{self.topic[0].upper()}{self.topic[1:]} {rng.choice(_REVIEW_KINDS)}",
            committee=rng.choice(spellings),
            date=self.when(self.start, kinds=("month", "day")),
            report_received=received,
            response_due=response_due,
            summary=self.prose(2),
            report_back=ReportBack(as_written="every six months", every=Period(months=6), source=self.src["minutes"])
            if rng.random() < 0.3 else None,
            note=self.prose(1) if rng.random() < 0.3 else None,
        )
        self.meetings = self.make_meetings(review_id, spellings, 2 + self.recs // 15)
        self.decisions = self.make_decisions(review_id, 1 + self.recs // 15)
        self.council.meetings += self.meetings
        self.council.decisions += self.decisions
        events = []
        for n in range(2 + self.recs // 4):
            day = self.day_after(_add_months(self.start, -18), 40)
            title = rng.choice(_EVENTS)
            events.append(Event(
                id=self.unique(f"{title.lower().replace(' ', '-')}-{day:%Y-%m}"),
                title=title,
                date=self.when(day, stated=0.75, kinds=("day", "month", "month", "year", "approximate", "range")),
                text=self.prose(rng.randint(1, 2), bullets=0.1),
                source=rng.choice([self.src["minutes"], self.src["responses"]]),
                note=self.prose(1) if rng.random() < 0.2 else None,
            ))
        self.resolutions = self.make_resolutions()
        for resolution in self.resolutions:
            meeting = next(m for m in self.meetings if m.id == resolution.meeting)
            resolution.assessments = self.assessments(meeting.date.parsed.earliest or self.start, 0.2)  # type: ignore[union-attr]
        for meeting in self.meetings:
            if any(r.meeting == meeting.id for r in self.resolutions):
                meeting.resolutions_preamble = (
                    "Councillor A Example proposed and Councillor B Sample seconded the recommendations "
                    "of the committee which were approved unanimously.\n\nThat the committee:\n")
        others = [m.id for m in self.meetings] + [d.id for d in self.decisions] + [e.id for e in events]
        recommendations = self.recommendations(others)
        commitments = self.make_commitments()
        pool = [r.id for r in recommendations] + [c.id for c in commitments] + others
        for record in [*self.meetings, *self.decisions, *events, *self.resolutions, *commitments]:
            record.related = sorted({rng.choice(pool) for _ in range(rng.randint(0, 3))} - {record.id})
        return {"review": [review], "recommendations": recommendations, "resolutions": self.resolutions,
                "commitments": commitments, "events": events}


# ----- writing YAML -----


class _Flow(dict):
    """A short mapping written on one line, like the real data's dates."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        # List items indented under their key, as the real data writes them.
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data) -> bool:
        return True  # a date shared by two records is written out in full in each


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))


def plain(record: object) -> object:
    """A model record as the values a data file holds, in the model's field order.

    Defaults are left out, except a response's empty action list, which says
    "no action planned". Sub-folder fields (a review's records) are left out: they are files.
    """
    if isinstance(record, list):
        return [plain(item) for item in record]
    if not dataclasses.is_dataclass(record):
        return record
    out: dict[str, object] = {}
    for f in dataclasses.fields(record):
        if f.metadata.get("folder"):
            continue
        value = getattr(record, f.name)
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default  # type: ignore[misc]
        if value == default and not (isinstance(record, Response) and f.name == "actions"):
            continue
        out[f.name] = plain(value)
    if isinstance(record, DateValue | Period) and not getattr(record, "note", None):
        return _Flow(out)
    return out


def dump(record: object, schema: str, depth: int) -> str:
    """One data file's text: the schema line, then the record."""
    body = yaml.dump(plain(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**6)
    return SCHEMA_LINE.format(_SCHEMA_PREFIX[depth], schema) + body


# ----- the whole folder -----


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split a total into uneven parts (each at least 1 where the total allows) that add up exactly."""
    parts = max(1, min(parts, total)) if total else max(1, parts)
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    if total >= parts:
        for i, size in enumerate(sizes):
            if size == 0:
                donor = sizes.index(max(sizes))
                sizes[donor] -= 1
                sizes[i] = 1
    return sizes


def _items(review: Review) -> list:
    return [*review.recommendations, *review.resolutions, *review.commitments]


def generate(out_dir: Path, *, reviews: int = 1, recommendations: int = 12, actions_per: float = 2,
             updates_per: float = 2, seed: int = 1) -> Summary:
    """Write a data folder into ``out_dir`` (which must be empty or missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = _split(recommendations, reviews, random.Random(f"{seed}:sizes"))
    files: dict[Path, str] = {}
    council = _Council()
    council.sources.append(Source(
        id="exampleshire-constitution", title="Exampleshire Council constitution", kind="constitution",
        url="https://example.org/constitution", date=DateValue(as_written="May 2017", edtf="2017-05"),
        quote="The executive shall respond to a report of an overview and scrutiny committee within eight weeks."))
    site = model.Site(
        title="Exampleshire Council scrutiny: what was promised and what has happened",
        council="Exampleshire Council",
        licence="Open Government Licence v3.0",
        as_at=AS_AT.isoformat(),
        introduction="This site is generated from synthetic data for testing at scale.\n\n"
                     "Every name, date and word in it is invented.\n",
        content_note="Some reviews concern abuse and harm to children.\n",
        edit_url_base="https://example.org/edit/data",
        clocks=CLOCKS,
        contact=model.Contact(team="Democratic services", email="scrutiny@example.org", phone="01234 567890",
                              address="Exampleshire Council, 1 High Street, Exampletown, EX1 1AA",
                              page="https://example.org/contact", source="https://example.org/contact",
                              reply_days=10),
        accessibility=model.AccessibilityStatement(prepared="2026-01-05", reviewed="2026-06-01", tested="2026-06-01",
                                                   not_accessible=["The council's PDF papers."]),
    )
    files[Path("site.yml")] = dump(site, "site", 0)
    glossary = Glossary(terms=[
        Term(term=term, basis=basis, expansion=expansion,  # type: ignore[arg-type]
             source="exampleshire-glossary" if basis == "stated" else None,
             note=f"Used as “{term}” in the responses." if basis != "unambiguous" else "National body.",
             explained="The usual short form in English councils." if basis == "site" else None)
        for term, expansion, basis in _TERMS
    ])
    files[Path("glossary.yml")] = dump(glossary, "glossary", 0)
    counts = dict.fromkeys(["actions", "updates", "resolutions", "events", "commitments", "assessments",
                            "evidence"], 0)
    written: list[Review] = []
    for index, size in enumerate(sizes):
        writer = _Writer(random.Random(f"{seed}:review:{index}"), index, size, actions_per, updates_per, council)
        records = writer.generate()
        review = records["review"][0]
        folder = Path("reviews") / review.id
        files[folder / "review.yml"] = dump(review, "review", 2)
        for sub, kind in REVIEW_FOLDERS.items():
            for record in records[sub]:
                files[folder / sub / f"{record.id}.yml"] = dump(record, kind, 3)
            setattr(review, sub, records[sub])
        counts["resolutions"] += len(records["resolutions"])
        counts["events"] += len(records["events"])
        counts["commitments"] += len(records["commitments"])
        written.append(review)
    for sub, kind in COUNCIL_FOLDERS.items():
        for record in getattr(council, sub):
            files[Path("council") / sub / f"{record.id}.yml"] = dump(record, kind, 2)
    # Counted from the records as written: every action, update and assessment, wherever it is held.
    holders = [*(item for review in written for item in _items(review)),
               *(part for decision in council.decisions for part in decision.parts)]
    for holder in holders:
        response = getattr(holder, "response", None)
        actions = (response.actions if response else []) if not isinstance(holder, Commitment | DecisionPart) else (
            holder.actions if isinstance(holder, DecisionPart) else [holder])
        for action in actions:
            counts["actions"] += 1
            counts["updates"] += len(action.progress)
            counts["evidence"] += sum(len(u.evidence) for u in action.progress)
        counts["assessments"] += len(holder.assessments)
    for path, text in sorted(files.items()):
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    return Summary(reviews=len(sizes), recommendations=recommendations, files=len(files),
                   meetings=len(council.meetings), decisions=len(council.decisions),
                   committees=len(council.committees), owners=len(council.owners), sources=len(council.sources),
                   **counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tracker.synthetic",
        description="Write a synthetic, valid data folder (same seed, same bytes).",
    )
    parser.add_argument("out_dir", type=Path, help="the data folder to write (must be empty, or use --force)")
    parser.add_argument("--reviews", type=int, default=None,
                        help="how many reviews to spread the recommendations over (default: one per 25)")
    parser.add_argument("--recommendations", type=int, default=12, help="recommendations in total (default 12)")
    parser.add_argument("--actions-per", type=float, default=2,
                        help="actions per recommendation that has its own response, on average (default 2)")
    parser.add_argument("--updates-per", type=float, default=2,
                        help="progress updates per action, on average (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument("--force", action="store_true",
                        help="replace site.yml, glossary.yml, council/ and reviews/ if the folder already has them")
    args = parser.parse_args(argv)
    if args.recommendations < 1:
        parser.error("--recommendations must be at least 1")
    reviews = args.reviews or max(1, round(args.recommendations / 25))
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} is not empty; use --force to replace the data in it")
        shutil.rmtree(out / "reviews", ignore_errors=True)
        shutil.rmtree(out / "council", ignore_errors=True)
        for name in ("site.yml", "glossary.yml"):
            (out / name).unlink(missing_ok=True)
    summary = generate(out, reviews=reviews, recommendations=args.recommendations,
                       actions_per=args.actions_per, updates_per=args.updates_per, seed=args.seed)
    print(f"Wrote {summary.files} files to {out}: {summary.reviews} reviews, {summary.recommendations} "
          f"recommendations, {summary.resolutions} resolutions, {summary.commitments} commitments, "
          f"{summary.actions} actions, {summary.updates} progress updates ({summary.evidence} pieces of evidence), "
          f"{summary.assessments} committee assessments, {summary.events} events; in council/: "
          f"{summary.committees} committees, {summary.owners} owners, {summary.meetings} meetings, "
          f"{summary.decisions} decisions, {summary.sources} source documents.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
