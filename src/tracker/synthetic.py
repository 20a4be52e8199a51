"""Write a synthetic but valid data folder of any size, for benchmarks and scale tests.

The records are invented (an imaginary "Exampleshire Council"), but they have
the real record's shapes and its mess: shared responses, recommendations with
no actions, undated progress, conditional due dates with no machine date,
ranges, deadlines that moved, long texts with bullets, meetings with
resolutions, decisions, events and a glossary. Every record is built as a
model object and written field by field in the model's order, so a field
renamed in ``model.py`` is renamed here too.

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

from . import model
from .model import (
    Action,
    DateValue,
    Decision,
    DecisionPart,
    DueChange,
    Event,
    Glossary,
    Meeting,
    ProgressUpdate,
    Recommendation,
    Resolution,
    Response,
    Review,
    Source,
    Term,
)

AS_AT = date(2023, 3, 31)
"""The fixed 'as at' day of every generated folder, so statuses never depend on the build date."""

SCHEMA_LINE = "# yaml-language-server: $schema={}{}.schema.json\n"
"""The first line of every data file, as in the real record."""

_SCHEMA_PREFIX = {0: "../schemas/", 3: "../../../../schemas/", 2: "../../../schemas/"}
"""Folder depth below the data folder -> the relative path to the repository's schemas,
as the real data writes it (the data folder sits one level below the repository)."""


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
    "Children and young people scrutiny committee", "Adults and wellbeing scrutiny committee",
    "Environment and sustainability scrutiny committee", "General scrutiny committee",
    "Connected communities scrutiny committee",
]
_OWNERS = [
    "Democratic Services", "Assistant Director, Education, Development and Skills",
    "Director of children and families", "Director for children and families", "Early Help Manager",
    "Learning and Achievement Team", "Head of Highways and Transport", "Service Manager, Waste and Recycling",
    "Housing Solutions Team", "Head of Commissioning", "Public Health Consultant", "Strategic Housing Manager",
    "Cabinet member, environment and economy", "Head of Corporate Performance", "the ADED&S",
]
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
    ("DSL", None, "unknown"), ("HT", None, "unknown"), ("COG", None, "unknown"), ("SEND", None, "unknown"),
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


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# ----- one review's records -----


class _Writer:
    """Invents one review. Every choice comes from this review's own random stream."""

    def __init__(self, rng: random.Random, index: int, recs: int, actions_per: float, updates_per: float):
        self.rng = rng
        self.index = index
        self.recs = recs
        self.actions_per = actions_per
        self.updates_per = updates_per
        self.topic = _TOPICS[index % len(_TOPICS)]
        self.start = date(2018 + index % 4, 1 + (index * 5) % 12, 1)
        self.used: set[str] = set()

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

    def sources(self) -> list[Source]:
        review_day = self.start
        return [
            Source(id="responses", title=f"Summary of recommendations and executive responses [{self.topic}]",
                   kind="response report", file=f"{self.index:03d}_responses.txt",
                   date=DateValue(edtf=f"{_add_months(review_day, 2):%Y-%m}/{_add_months(review_day, 3):%Y-%m}",
                                  note="Not dated; inferred from its content."),
                   note="Transcribed from a table whose cells are split across page breaks."),
            Source(id="minutes", title=f"Minutes: {self.topic}", kind="committee minutes (agenda item)",
                   url=f"https://example.org/minutes/{self.index}", date=self.when(_add_months(review_day, 6))),
            Source(id="decision-notice", title=f"Decision: {self.topic}", kind="decision notice",
                   date=self.when(_add_months(review_day, 9), kinds=("day",))),
            Source(id="update-report", title=f"Progress update report [{self.topic}]", kind="update report",
                   date=self.when(_add_months(review_day, 14), kinds=("month",))),
        ]

    def action(self, number: int, due_from: date) -> Action:
        rng = self.rng
        due = None
        if rng.random() < 0.92:
            due = self.when(self.day_after(due_from, 20), stated=0.85,
                            kinds=("day", "month", "month", "month", "year", "approximate", "range", "open", "condition"))
        changes = []
        if due is not None and due.parsed and rng.random() < 0.18:
            latest = due.parsed.latest or due.parsed.earliest or due_from
            for _ in range(rng.randint(1, 2)):
                changed = min(self.day_after(latest, 3), AS_AT)
                new_due = self.when(_add_months(latest, rng.randint(2, 8)), kinds=("day", "month", "range"))
                changes.append(DueChange(due=new_due, changed=self.when(changed, kinds=("day", "month")),
                                         reason=rng.choice(_REASONS),
                                         source=rng.choice([None, "update-report"])))
                latest = new_due.parsed.latest  # type: ignore[union-attr]
        updates = []
        count = rng.randint(0, max(0, round(self.updates_per * 2)))
        day = due_from
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
                state=state,
                source=rng.choice(["responses", "update-report"]),
                note="The progress entry is not dated in the source." if rng.random() < 0.1 else None,
            ))
        if rng.random() < 0.3:
            description = "\n".join(f"{n}. {self.sentences(1, 2)}" for n in range(1, rng.randint(2, 4) + 1)) + "\n"
        else:
            description = self.sentences(1, 3) + "\n"
        return Action(
            id=str(number),
            description=description,
            owner=rng.choice(_OWNERS) if rng.random() < 0.95 else None,
            due=due,
            due_changes=changes,
            success_criteria=[rng.choice(_CRITERIA) for _ in range(rng.randint(0, 4))],
            progress=updates,
            note=self.prose(1) if rng.random() < 0.1 else None,
        )

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
                decision = rng.choice(["agreed", "agreed", "agreed", "partially agreed", "not agreed"])
            if addressed == "committee":
                decision = None
            opening = {"agreed": "Agreed.", "partially agreed": f"Partially agreed with the exception of {roman(number + 1)}).",
                       "not agreed": "Not agreed.", None: "Following the completion of the review,"}[decision]
            response = Response(
                title="Scrutiny Response" if addressed == "committee" else "Executive Response",
                text=f"{opening} {self.sentences(1, 3)}\n" + (f"\n{self.prose(rng.randint(1, 2))}" if rng.random() < 0.6 else ""),
                decision=decision,  # type: ignore[arg-type]
                source=rng.choice([None, "responses"]),
                date=self.when(_add_months(self.start, 2), kinds=("month", "range")) if rng.random() < 0.3 else None,
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
                    source="responses",
                    response=None if shared else response,
                    shares_response_with=lead if shared else None,
                    related=related,
                    note=(f"Printed with {lead} under one heading and answered by its response." if shared
                          else self.prose(rng.randint(1, 2)) if rng.random() < 0.4 else None),
                ))
            number += group
        return out

    def meetings(self, count: int) -> list[Meeting]:
        out = []
        for n in range(count):
            day = _add_months(self.start, 4 + 3 * n)
            date_value = self.when(day, kinds=("day",)) if self.rng.random() < 0.7 else DateValue(
                edtf=f"{day:%Y-%m}/{_add_months(day, 3):%Y-%m}",
                note="The minutes never state the date of the meeting.\n\n- The range is worked out from clues in the minutes.\n")
            out.append(Meeting(
                id=self.unique(f"committee-{day:%Y-%m}"),
                title=f"{self.body}: {self.topic}",
                body=self.body,
                date=date_value,
                source="minutes",
                agenda_item=f"Review of {self.topic}",
                purpose=self.prose(1, bullets=0),
                minutes=self.prose(self.rng.randint(6, 18), bullets=0.4),
                resolutions_preamble=None,
            ))
        return out

    def generate(self) -> dict[str, list]:
        rng = self.rng
        self.body = rng.choice(_COMMITTEES)
        review = Review(
            id=f"{self.topic.replace(' ', '-').replace(chr(39), '')}-{self.start.year}-{self.index}",
            title=f"{self.topic[0].upper()}{self.topic[1:]} {rng.choice(_REVIEW_KINDS)}",
            body=self.body,
            date=self.when(self.start, kinds=("month", "day")),
            summary=self.prose(2),
            sources=[],
            note=self.prose(1) if rng.random() < 0.3 else None,
        )
        review.sources = self.sources()
        meetings = self.meetings(1 + self.recs // 20)
        events = []
        for n in range(2 + self.recs // 4):
            day = self.day_after(_add_months(self.start, -18), 40)
            title = rng.choice(_EVENTS)
            events.append(Event(
                id=self.unique(f"{title.lower().replace(' ', '-')}-{day:%Y-%m}"),
                title=title,
                date=self.when(day, stated=0.75, kinds=("day", "month", "month", "year", "approximate", "range")),
                text=self.prose(rng.randint(1, 2), bullets=0.1),
                source=rng.choice(["minutes", "responses"]),
                note=self.prose(1) if rng.random() < 0.2 else None,
            ))
        decisions = []
        for n in range(1 + self.recs // 30):
            day = _add_months(self.start, 9 + 4 * n)
            decisions.append(Decision(
                id=self.unique(f"cabinet-{day:%Y-%m}"),
                title=f"Response to the {self.topic} review",
                decision_maker=rng.choice(["Cabinet", "Cabinet member, children and families", "Director of resources"]),
                date_of_decision=DateValue(as_written=f"{day:%d/%m/%Y}", edtf=day.isoformat()),
                source="decision-notice",
                status="Recommendations Approved",
                key_decision=rng.choice(["No", "Yes"]),
                subject_to_call_in=rng.choice(["Yes", "No"]),
                purpose=self.prose(1, bullets=0),
                decision="THAT\n",
                parts=[DecisionPart(label=f"{letter})", text=self.prose(1, bullets=0.2))
                       for letter in "abcd"[: rng.randint(1, 4)]],
                alternative_options="1. " + self.sentences(1, 2) + "\n",
                wards_affected="(All Wards);",
                contact="Democratic Services, Exampleshire Council.",
                publication_date=DateValue(as_written=f"{day + timedelta(days=4):%d/%m/%Y}",
                                           edtf=(day + timedelta(days=4)).isoformat()),
                effective_from=DateValue(as_written=f"{day + timedelta(days=9):%d/%m/%Y}",
                                         edtf=(day + timedelta(days=9)).isoformat()),
                accompanying_documents=[f"Review of {self.topic}"],
            ))
        resolutions = []
        for n in range(1, 2 + self.recs // 2):
            meeting = meetings[min(len(meetings) - 1, (n - 1) * len(meetings) // (1 + self.recs // 2))]
            self.used.add(str(n))
            resolutions.append(Resolution(id=str(n), meeting=meeting.id, text=self.prose(1, bullets=0.1),
                                          source="minutes"))
        for meeting in meetings:
            if any(r.meeting == meeting.id for r in resolutions):
                meeting.resolutions_preamble = (
                    "Councillor A Example proposed and Councillor B Sample seconded the recommendations "
                    "of the committee which were approved unanimously.\n\nThat the committee:\n")
        others = [m.id for m in meetings] + [d.id for d in decisions] + [e.id for e in events]
        recommendations = self.recommendations(others)
        rec_ids = [r.id for r in recommendations]
        pool = rec_ids + others
        for record in [*meetings, *decisions, *events, *resolutions]:
            record.related = sorted({rng.choice(pool) for _ in range(rng.randint(0, 3))} - {record.id})
        return {"review": [review], "recommendations": recommendations, "meetings": meetings,
                "resolutions": resolutions, "decisions": decisions, "events": events}


# ----- writing YAML -----


class _Flow(dict):
    """A short mapping written on one line, like the real data's dates."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        # List items indented under their key, as the real data writes them.
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))


def plain(record: object) -> object:
    """A model record as the values a data file holds, in the model's field order.

    Defaults are left out, except a response's empty action list, which says
    "no action planned". Sub-folder fields of a review are left out: they are files.
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
    if isinstance(record, DateValue) and not record.note:
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


def generate(out_dir: Path, *, reviews: int = 1, recommendations: int = 12, actions_per: float = 2,
             updates_per: float = 2, seed: int = 1) -> Summary:
    """Write a data folder into ``out_dir`` (which must be empty or missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = _split(recommendations, reviews, random.Random(f"{seed}:sizes"))
    files: dict[Path, str] = {}
    site = model.Site(
        title="Exampleshire Council scrutiny: what was promised and what has happened",
        council="Exampleshire Council",
        licence="Open Government Licence v3.0",
        as_at=AS_AT.isoformat(),
        introduction="This site is generated from synthetic data for testing at scale.\n\n"
                     "Every name, date and word in it is invented.\n",
        content_note="Some reviews concern abuse and harm to children.\n",
        edit_url_base="https://example.org/edit/data",
    )
    files[Path("site.yml")] = dump(site, "site", 0)
    glossary = Glossary(terms=[
        Term(term=term, basis=basis, expansion=expansion,  # type: ignore[arg-type]
             source="responses" if basis == "stated" else None,
             note=f"Used as “{term}” in the responses." if basis != "unambiguous" else "National body.")
        for term, expansion, basis in _TERMS
    ])
    files[Path("glossary.yml")] = dump(glossary, "glossary", 0)
    counts = dict.fromkeys(["actions", "updates", "meetings", "resolutions", "decisions", "events"], 0)
    for index, size in enumerate(sizes):
        records = _Writer(random.Random(f"{seed}:review:{index}"), index, size, actions_per, updates_per).generate()
        review = records["review"][0]
        folder = Path("reviews") / review.id
        files[folder / "review.yml"] = dump(review, "review", 2)
        for sub, schema in (("recommendations", "recommendation"), ("meetings", "meeting"),
                            ("resolutions", "resolution"), ("decisions", "decision"), ("events", "event")):
            for record in records[sub]:
                files[folder / sub / f"{record.id}.yml"] = dump(record, schema, 3)
            if sub != "recommendations":
                counts[sub] += len(records[sub])
        for rec in records["recommendations"]:
            for action in rec.response.actions if rec.response else []:
                counts["actions"] += 1
                counts["updates"] += len(action.progress)
    for path, text in sorted(files.items()):
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    return Summary(reviews=len(sizes), recommendations=recommendations, files=len(files), **counts)


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
                        help="replace site.yml, glossary.yml and reviews/ if the folder already has them")
    args = parser.parse_args(argv)
    if args.recommendations < 1:
        parser.error("--recommendations must be at least 1")
    reviews = args.reviews or max(1, round(args.recommendations / 25))
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} is not empty; use --force to replace the data in it")
        shutil.rmtree(out / "reviews", ignore_errors=True)
        for name in ("site.yml", "glossary.yml"):
            (out / name).unlink(missing_ok=True)
    summary = generate(out, reviews=reviews, recommendations=args.recommendations,
                       actions_per=args.actions_per, updates_per=args.updates_per, seed=args.seed)
    print(f"Wrote {summary.files} files to {out}: {summary.reviews} reviews, {summary.recommendations} "
          f"recommendations, {summary.actions} actions, {summary.updates} progress updates, "
          f"{summary.meetings} meetings, {summary.resolutions} resolutions, {summary.decisions} decisions, "
          f"{summary.events} events.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
