"""Bad data, as clerks really write it, through both `tracker check` and `mkdocs build`.

Each case copies the small fixture data folder (tests/fixtures/data: the
council's records and two reviews), makes one mistake in it, and expects both commands to fail with the
same plain message at the same file, line and column, with no traceback and
without writing any of the site.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "data"
BIN = Path(sys.executable).parent

SITE = "data/site.yml"
GLOSSARY = "data/glossary.yml"
REVIEW = "data/reviews/sample-review-2020/review.yml"
REC_I = "data/reviews/sample-review-2020/recommendations/i.yml"
REC_II = "data/reviews/sample-review-2020/recommendations/ii.yml"
REC_III = "data/reviews/sample-review-2020/recommendations/iii.yml"
RES_1 = "data/reviews/sample-review-2020/resolutions/1.yml"
RES_2 = "data/reviews/sample-review-2020/resolutions/2.yml"
COMMITMENT = "data/reviews/sample-review-2020/commitments/letters-by-september.yml"
EVENT = "data/reviews/sample-review-2020/events/sample-event.yml"
SECOND = "data/reviews/second-review-2021"
MEETING = "data/council/meetings/sample-meeting.yml"
DECISION = "data/council/decisions/sample-decision.yml"
REPORT = "data/council/sources/sample-report.yml"
OWNER = "data/council/owners/fixture-team.yml"
OTHER_OWNER = "data/council/owners/democratic-services.yml"
CABINET = "data/council/committees/cabinet.yml"

CHRISTMAS_DECISION = """\
id: christmas-decision
title: A decision published just before Christmas
decision_maker: Cabinet
subject_to_call_in: "Yes"
date_of_decision: {as_written: 17 December 2020, edtf: "2020-12-17"}
publication_date: {as_written: 21 December 2020, edtf: "2020-12-21"}
effective_from: {as_written: 29 December 2020, edtf: "2020-12-29"}
source: sample-minutes
"""
"""Published on Monday 21 December 2020: five working days, skipping Christmas Day (Friday 25th) and the
Boxing Day holiday (Monday 28th), end on Wednesday 30 December, so it takes effect on the 31st, not the 29th."""


# ------------------------------------------------------------------ helpers


def copy_fixture(tmp: Path) -> Path:
    """A fresh copy of the fixture data as ``tmp/data``; returns ``tmp``."""
    shutil.copytree(FIXTURE, tmp / "data")
    return tmp


def run(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment.pop("TRACKER_DEBUG", None)
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout)


def tracker(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The `tracker` console script, as a clerk runs it."""
    return run([str(BIN / "tracker"), *args], cwd=cwd, env=env)


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the real project on the data in ``project/data``."""
    return run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)],
               cwd=ROOT, env={"TRACKER_DATA_DIR": str(project / "data")})


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def sub(rel: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """Replace text in one file (the text must be there)."""

    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return mutate


def put(rel: str, content: str | bytes) -> Callable[[Path], None]:
    """Write a file (creating folders as needed)."""

    def mutate(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def remove(rel: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).unlink()


def copy(rel: str, to: str) -> Callable[[Path], None]:
    return lambda root: shutil.copyfile(root / rel, root / to)


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for m in mutations:
            m(root)

    return mutate


def latin1(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace text and save the file in Windows-1252, as pasting from old software does."""

    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8").replace(old, new)
        path.write_bytes(text.encode("cp1252"))

    return mutate


# -------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Path], None]
    where: str
    """The problem's place as printed: 'file', 'file, line L' or 'file, line L, column C'."""
    message: str | tuple[str, ...]
    """Pieces of the message the clerk must see."""

    @property
    def messages(self) -> tuple[str, ...]:
        return self.message if isinstance(self.message, tuple) else (self.message,)
    field: str = ""
    schema: bool = False
    """Whether the file's JSON Schema must reject it too (the editor shows the same mistake)."""


def at(file: str, line: int | None = None, column: int | None = None) -> str:
    return file + (f", line {line}" if line else "") + (f", column {column}" if column else "")


CASES = [
    # --- YAML itself
    Case("tab-indent", sub(REC_I, "  title: Executive Response", "\ttitle: Executive Response"),
         at(REC_I, 9, 1), "tab character"),
    Case("unclosed-quote-at-end", sub(RES_2, "source: sample-minutes", 'source: "sample-minutes'),
         at(RES_2, 6, 9), "never closed"),
    Case("unclosed-quote-swallows-lines", sub(SITE, "council: Fixture Borough Council", 'council: "Fixture Borough Council'),
         at(SITE, 3, 10), "not closed on the same line"),
    Case("unclosed-quote-mid-file", sub(REC_I, "heading: School policies", 'heading: "School policies'),
         at(REC_I, 3, 10), "not closed on the same line"),
    Case("duplicated-key", sub(REC_I, "heading: School policies\n", "heading: School policies\nheading: Schools\n"),
         at(REC_I, 4, 1), "appears twice", field="heading"),
    Case("empty-file", put(RES_2, ""), at(RES_2, 1, 1), "The file is empty."),
    Case("only-comments", put(RES_2, "# yaml-language-server: $schema=x\n# to do\n"), at(RES_2, 1, 1),
         "The file is empty."),
    Case("colon-in-value", sub(REC_I, "heading: School policies", "heading: Policies: all schools"),
         at(REC_I, 3, 18), "A colon followed by a space"),
    Case("alias-star", sub(REC_I, "heading: School policies", "heading: *policies"),
         at(REC_I, 3, 10), "YAML alias"),
    Case("starred-words", sub(REC_I, "heading: School policies", "heading: *policies*"),
         at(REC_I, 3, 19), "special meaning in YAML"),
    Case("second-document", sub(RES_2, "source: sample-minutes", "source: sample-minutes\n---\nid: x"),
         at(RES_2, 7, 1), "more than one YAML document"),
    Case("control-character", sub(RES_2, "six months", "six\x07months"), at(RES_2, 5, 27),
         "invisible control character (U+0007)"),
    Case("not-utf8", latin1(REC_I, "Work has started.", "Work has started at the café."),
         at(REC_I, 32, 44), "not saved as UTF-8"),
    Case("utf16", lambda root: (root / RES_2).write_bytes((root / RES_2).read_text().encode("utf-16")),
         at(RES_2, 1, 1), "UTF-16"),
    # --- fields
    Case("missing-required-field", sub(REC_I, "addressed_to: executive\n", ""), at(REC_I, 2, 1),
         "The required field 'addressed_to' is missing.", field="addressed_to", schema=True),
    Case("unknown-field-typo", sub(REC_I, "heading:", "headng:"), at(REC_I, 3, 1),
         "Did you mean 'heading'?", field="headng", schema=True),
    Case("unknown-nested-field", sub(REC_I, "      owner: Fixture Team\n      due: {as_written: End",
                                     "      ownr: Fixture Team\n      due: {as_written: End"),
         at(REC_I, 21, 7), "Did you mean 'owner'?", field="response.actions[1].ownr", schema=True),
    Case("list-where-text", sub(REC_I, "heading: School policies", "heading: [School, policies]"),
         at(REC_I, 3, 10), "should be text, but it is a list", field="heading", schema=True),
    Case("text-where-list", sub(REC_I, "      success_criteria:\n        - Letters sent",
                                "      success_criteria: Letters sent"),
         at(REC_I, 28, 25), "should be a list", field="response.actions[1].success_criteria", schema=True),
    Case("date-as-plain-text", sub(REC_I, 'due: {as_written: End of March 2021, edtf: "2021-03"}',
                                   "due: End of March 2021"),
         at(REC_I, 22, 12), 'edtf: "2021-03"', field="response.actions[1].due", schema=True),
    Case("required-field-empty", sub(MEETING, "committee: Fixture scrutiny committee", "committee:"),
         at(MEETING, 4, 11), "This field is empty", field="committee", schema=True),
    Case("blank-text", sub(RES_2, "text: |\n  Asks for a report in six months.\n", 'text: ""\n'),
         at(RES_2, 4, 7), "This text is blank.", field="text", schema=True),
    Case("template-placeholder", sub(RES_2, "Asks for a report in six months.", "TODO: the resolution"),
         at(RES_2, 4, 7), "placeholder", field="text"),
    Case("id-with-spaces", both(sub(EVENT, "id: sample-event", "id: sample event")),
         at(EVENT, 2, 5), "no spaces", field="id", schema=True),
    Case("top-level-list", put(EVENT, "- id: sample-event\n  title: x\n"), at(EVENT, 1, 1),
         "should be a group of fields", schema=True),
    # --- vocabularies
    Case("unknown-decision", sub(REC_I, "decision: partially agreed", "decision: partialy agreed"),
         at(REC_I, 10, 13), ("'partialy agreed' is not a decision.", "Did you mean 'partially agreed'?"),
         field="response.decision", schema=True),
    Case("decision-capitalised", sub(REC_I, "decision: partially agreed", "decision: Partially Agreed"),
         at(REC_I, 10, 13), "Write it exactly as 'partially agreed'", field="response.decision", schema=True),
    Case("unknown-state", sub(REC_I, "state: in progress", "state: completed"), at(REC_I, 33, 18),
         "Did you mean 'complete'?", field="response.actions[1].progress[1].state", schema=True),
    Case("unknown-addressed-to", sub(REC_I, "addressed_to: executive", "addressed_to: cabinet"),
         at(REC_I, 6, 15), ("is not someone a recommendation can be addressed to", "Did you mean 'executive'?"),
         field="addressed_to", schema=True),
    # the council's own words for a value: the message names the value they mean
    Case("synonym-cabinet", sub(REC_I, "addressed_to: executive", "addressed_to: Cabinet"),
         at(REC_I, 6, 15), "Did you mean 'executive'? The tracker's word for 'Cabinet' is 'executive'.",
         field="addressed_to", schema=True),
    Case("synonym-yes", sub(REC_I, "decision: partially agreed", "decision: Yes"),
         at(REC_I, 10, 13), ("'Yes' is not a decision.", "The council's word 'Yes' means 'agreed' here: write "
                             "'decision: agreed', and keep the council's own word in 'decision_words: Yes'"),
         field="response.decision", schema=True),
    Case("synonym-in-part", sub(REC_I, "decision: partially agreed", "decision: In part"),
         at(REC_I, 10, 13), "The council's word 'In part' means 'partially agreed' here",
         field="response.decision", schema=True),
    Case("synonym-completed", sub(REC_I, "state: in progress", "state: Completed"), at(REC_I, 33, 18),
         "Did you mean 'complete'? The tracker's word for 'Completed' is 'complete'.",
         field="response.actions[1].progress[1].state", schema=True),
    Case("synonym-ongoing", sub(REC_I, "state: in progress", "state: On-going"), at(REC_I, 33, 18),
         "Did you mean 'in progress'?", field="response.actions[1].progress[1].state", schema=True),
    Case("unknown-glossary-basis", sub(GLOSSARY, "basis: stated", "basis: said"), at(GLOSSARY, 5, 12),
         "is not a glossary basis", field="terms[1].basis", schema=True),
    # --- dates
    Case("impossible-date", sub(REC_I, '"2021-02-01"', '"2021-02-30"'), at(REC_I, 31, 53),
         "February 2021 has 28 days", field="response.actions[1].progress[1].date.edtf"),
    Case("date-written-british", sub(REC_I, 'edtf: "2021-03-01"', "edtf: 01/03/2021"), at(REC_I, 25, 53),
         "Did you mean '2021-03-01'?", field="response.actions[1].due_changes[1].changed.edtf", schema=True),
    Case("month-13", sub(REVIEW, 'edtf: "2020-03"', 'edtf: "2020-13"'), at(REVIEW, 5, 38),
         "months run from 01 to 12", field="date.edtf"),
    Case("range-ends-before-start", sub(REPORT, "edtf: 2020-04/2020-05", "edtf: 2020-05/2020-04"),
         at(REPORT, 6, 14), "ends before it starts", field="date.edtf"),
    Case("date-with-nothing", sub(REC_I, 'due: {as_written: End of March 2021, edtf: "2021-03"}', "due: {}"),
         at(REC_I, 22, 12), "neither 'as_written' nor 'edtf'", field="response.actions[1].due", schema=True),
    Case("inferred-date-without-note", sub(REC_I, 'due: {as_written: End of March 2021, edtf: "2021-03"}',
                                           'due: {edtf: "2021-03"}'),
         at(REC_I, 22, 12), "a 'note' must say how", field="response.actions[1].due", schema=True),
    Case("takes-effect-before-made", sub(DECISION, 'edtf: "2021-06-05"', 'edtf: "2021-05-01"'),
         at(DECISION, 16, 17), "takes effect before it was made", field="effective_from"),
    Case("as-at-not-a-day", sub(SITE, 'as_at: "2021-06-30"', 'as_at: "2021-06-31"'), at(SITE, 5, 8),
         "June 2021 has 30 days", field="as_at"),
    Case("progress-after-as-at", sub(REC_I, '"2021-02-01"', '"2021-07-01"'), at(REC_I, 31, 17),
         "dated after the 'as at' date (30 June 2021)", field="response.actions[1].progress[1].date"),
    Case("due-change-after-as-at", sub(REC_I, '"2021-03-01"', '"2021-08-01"'), at(REC_I, 25, 20),
         "This change of due date is dated after", field="response.actions[1].due_changes[1].changed"),
    # --- ids and references
    Case("duplicate-action-id", sub(REC_I, '- id: "2"', '- id: "1"'), at(REC_I, 35, 11),
         "Two actions here have the number '1'", field="response.actions[2].id"),
    Case("two-files-same-source", copy(REPORT, REPORT.replace(".yml", ".yaml")), at(REPORT, 2, 5),
         "The id 'sample-report' is already used in the council's records (data/council), by "
         "data/council/sources/sample-report.yaml", field="id"),
    Case("two-files-same-record", copy(REC_I, REC_I.replace(".yml", ".yaml")), at(REC_I, 2, 5),
         "The id 'i' is already used in this review", field="id"),
    Case("same-id-in-two-folders", put(SECOND.replace("second-review-2021", "sample-review-2020") + "/events/1.yml",
                                      "id: \"1\"\ntitle: An event\ndate: {as_written: May 2021, edtf: \"2021-05\"}\n"
                                      "text: It happened.\nsource: sample-minutes\n"),
         at("data/reviews/sample-review-2020/events/1.yml", 1, 5), "already used in this review, by "
         "data/reviews/sample-review-2020/resolutions/1.yml", field="id"),
    Case("id-does-not-match-file", sub(REC_III, "id: iii", "id: iv"), at(REC_III, 2, 5),
         "does not match the file name 'iii'", field="id"),
    Case("related-to-missing-record", sub(REC_I, "related: [sample-decision]", "related: [sample-decisoin]"),
         at(REC_I, 41, 11), ("'sample-decisoin' is not the id of any record in this review or of any meeting, "
                             "decision or source document.", "Did you mean 'sample-decision'?"), field="related[1]"),
    Case("resolution-of-missing-meeting", sub(RES_1, "meeting: sample-meeting", "meeting: other-meeting"),
         at(RES_1, 3, 10), "'other-meeting' is not a meeting in data/council/meetings.", field="meeting"),
    Case("unknown-source", sub(REC_I, "source: sample-report\nresponse", "source: sample-reprot\nresponse"),
         at(REC_I, 7, 9), "Did you mean 'sample-report'?", field="source"),
    Case("shares-missing-response", sub(REC_II, "shares_response_with: i", "shares_response_with: iv"),
         at(REC_II, 8, 23), "'iv' is not a recommendation in this review", field="shares_response_with"),
    Case("response-and-shares", sub(REC_III, "note:", "shares_response_with: i\nnote:"), at(REC_III, 2, 1),
         "either a 'response' or 'shares_response_with', and not both", field="response", schema=True),
    Case("glossary-duplicate-term", sub(GLOSSARY, "terms:\n", "terms:\n  - term: DfE\n    basis: unknown\n"),
         at(GLOSSARY, 5, 11), "The abbreviation 'DfE' is listed twice", field="terms[2].term"),
    # --- links
    Case("javascript-url", sub(REPORT, "url: https://www.example.gov.uk/sample-report", "url: javascript:alert(1)"),
         at(REPORT, 5, 6), "must be a web address starting 'https://'", field="url", schema=True),
    Case("url-without-scheme", sub(REPORT, "url: https://www.example.gov.uk", "url: www.example.gov.uk"),
         at(REPORT, 5, 6), "Did you mean 'https://www.example.gov.uk/sample-report'?", field="url",
         schema=True),
    Case("edit-url-javascript", sub(SITE, "licence:", "edit_url_base: javascript:alert(1)//\nlicence:"),
         at(SITE, 4, 16), "must be a web address", field="edit_url_base", schema=True),
    # --- files and folders
    Case("file-in-misspelt-folder", put("data/reviews/sample-review-2020/recomendations/iv.yml", "id: iv\n"),
         at("data/reviews/sample-review-2020/recomendations/iv.yml"), "Did you mean the folder 'recommendations'?"),
    Case("capital-suffix", copy(EVENT, EVENT.replace(".yml", ".YML")),
         at(EVENT.replace(".yml", ".YML")), "data files end '.yml', in small letters"),
    Case("review-without-review-yml", remove(SECOND + "/review.yml"), at(SECOND), "has no review.yml"),
    Case("missing-site-yml", remove(SITE), at(SITE), "The file site.yml is missing."),
    Case("council-file-in-misspelt-folder", put("data/council/owner/someone.yml", "id: someone\nname: Someone\n"),
         at("data/council/owner/someone.yml"), "Did you mean the folder 'owners'?"),
    Case("meeting-in-the-review-folder", put("data/reviews/sample-review-2020/meetings/m.yml", "id: m\n"),
         at("data/reviews/sample-review-2020/meetings/m.yml"), "Council-wide records go in data/council/"),
    # --- owners and committees: by id, name or alias
    Case("owner-not-found-near-spelling", sub(REC_I, "      owner: Fixture Team\n      due: {as_written: End",
                                              "      owner: Fixture Taem\n      due: {as_written: End"),
         at(REC_I, 21, 14), ("'Fixture Taem' is not the name, id or alias of any owner.",
                             "Did you mean 'Fixture Team'?"), field="response.actions[1].owner"),
    Case("owner-not-found", sub(COMMITMENT, "given_by: FT", "given_by: The head of schools"),
         at(COMMITMENT, 6, 11), ("'The head of schools' is not the name, id or alias of any owner.",
                                 "If this is a new owner, add a file to data/council/owners; if it is another "
                                 "spelling of an owner there, add 'The head of schools' to that owner's aliases."),
         field="given_by"),
    Case("alias-shared-by-two-owners", sub(OWNER, "  - FT\n", "  - FT\n  - Democratic Services\n"),
         at(OWNER, 6, 5), ("'Democratic Services' already names the owner 'democratic-services', so an action "
                           "could not say which owner it means.", "keep one file and list every spelling"),
         field="aliases[2]"),
    Case("committee-not-found", sub(REVIEW, "committee: Fixture scrutiny committee", "committee: Audit committee"),
         at(REVIEW, 4, 12), ("'Audit committee' is not the name, id or alias of any committee.",
                             "Add the body as a file in data/council/committees"), field="committee"),
    Case("committee-near-spelling", sub(REVIEW, "committee: Fixture scrutiny committee",
                                        "committee: Fixture scrutiny comittee"),
         at(REVIEW, 4, 12), "Did you mean 'Fixture scrutiny committee'?", field="committee"),
    Case("decision-maker-not-a-committee", sub(DECISION, "decision_maker: Cabinet", "decision_maker: Cabinett"),
         at(DECISION, 4, 17), ("'Cabinett' is not the name, id or alias of any committee.", "Did you mean 'Cabinet'?"),
         field="decision_maker"),
    Case("executive-not-yes-or-no", sub(CABINET, "executive: true", "executive: sometimes"),
         at(CABINET, 5, 12), "'sometimes' is not yes or no.", field="executive", schema=True),
    Case("same-id-in-two-council-folders", put("data/council/owners/cabinet.yml", "id: cabinet\nname: Cabinet office\n"),
         at("data/council/owners/cabinet.yml", 1, 5), "The id 'cabinet' is already used in the council's records "
         "(data/council), by data/council/committees/cabinet.yml", field="id"),
    # --- meetings, decisions and evidence
    Case("commitment-at-missing-meeting", sub(COMMITMENT, "meeting: sample-meeting", "meeting: sample-meting"),
         at(COMMITMENT, 3, 10), ("'sample-meting' is not a meeting in data/council/meetings.",
                                 "Did you mean 'sample-meeting'?"), field="meeting"),
    Case("assessment-at-missing-meeting", sub(REC_III, "    meeting: sample-meeting", "    meeting: june-meeting"),
         at(REC_III, 21, 14), "'june-meeting' is not a meeting in data/council/meetings.",
         field="assessments[1].meeting"),
    Case("evidence-of-missing-decision", sub(COMMITMENT, "record: sample-decision", "record: sample-decisoin"),
         at(COMMITMENT, 13, 17), ("'sample-decisoin' is not the id of any record in this review or of any meeting, "
                                  "decision or source document.", "Did you mean 'sample-decision'?"),
         field="progress[1].evidence[1].record"),
    Case("evidence-of-missing-part", sub(COMMITMENT, "part: b)", "part: c)"),
         at(COMMITMENT, 14, 15), ("The decision 'sample-decision' has no part 'c)'.", "Expected: one of: a), b)"),
         field="progress[1].evidence[1].part"),
    Case("approved-in-missing-part", sub(REC_I, "part: b)}", "part: b}"),
         at(REC_I, 40, 48), ("The decision 'sample-decision' has no part 'b'.", "Did you mean 'b)'?"),
         field="response.approved_in.part"),
    Case("part-of-what-is-not-a-decision", sub(COMMITMENT, "record: sample-decision", "record: sample-meeting"),
         at(COMMITMENT, 14, 15), "Only a decision has parts.", field="progress[1].evidence[1].part"),
    Case("reference-to-missing-review", sub(REC_I, "related: [sample-decision]", "related: [second-review/1]"),
         at(REC_I, 41, 11), ("'second-review' in 'second-review/1' is not a review.",
                             "Did you mean 'second-review-2021'?"), field="related[1]"),
    Case("reference-to-missing-record-of-another-review",
         sub(REC_I, "related: [sample-decision]", "related: [sample-decision, second-review-2021/2]"),
         at(REC_I, 41, 28), "The review 'second-review-2021' has no record '2'.", field="related[2]"),
    Case("meeting-of-missing-review", sub(MEETING, "reviews: [sample-review-2020]", "reviews: [sample-review-2021]"),
         at(MEETING, 8, 11), ("'sample-review-2021' is not a review.", "Did you mean 'sample-review-2020'?"),
         field="reviews[1]"),
    # --- assessments and the scale
    Case("assessment-value-not-on-scale", sub(REC_I, "value: amber", "value: yellow"),
         at(REC_I, 46, 12), ("'yellow' is not on the council's assessment scale.",
                             "Expected: one of: amber, green, red"), field="assessments[1].value"),
    Case("assessment-value-default-scale", sub(REC_III, "value: green", "value: achieved"),
         at(REC_III, 22, 12), "'achieved' is not on the council's assessment scale.", field="assessments[1].value"),
    Case("unknown-outcome", sub(REC_III, "outcome: signed off", "outcome: signed-off"),
         at(REC_III, 24, 14), ("is not an assessment outcome", "Write it exactly as 'signed off'"),
         field="assessments[1].outcome", schema=True),
    Case("assessment-of-missing-resolution", sub(REC_I, 'resolution: "2"', 'resolution: "3"'),
         at(REC_I, 45, 17), "'3' is not a resolution in this review.", field="assessments[1].resolution"),
    # --- clocks
    Case("period-with-two-units", sub(SITE, "response_period: {weeks: 8}", "response_period: {weeks: 8, days: 56}"),
         at(SITE, 9, 20), ("A period is a number of one unit: months, weeks, days or working_days. This one gives 2.",
                           "Keep exactly one of months, weeks, days and working_days."),
         field="clocks.response_period"),
    Case("period-of-zero", sub(SITE, "response_period: {weeks: 8}", "response_period: {weeks: 0}"),
         at(SITE, 9, 28), "A period must be at least one week.", field="clocks.response_period.weeks"),
    Case("period-with-no-unit", sub(SITE, "update_cycle: {months: 6}", "update_cycle: {}"),
         at(SITE, 11, 17), "This one gives none.", field="clocks.update_cycle"),
    Case("period-in-words", sub(SITE, "response_period: {weeks: 8}", "response_period: {weeks: eight}"),
         at(SITE, 9, 28), "'eight' is not a whole number.", field="clocks.response_period.weeks", schema=True),
    Case("period-unit-misspelt", sub(SITE, "call_in_period: {working_days: 5}", "call_in_period: {workingdays: 5}"),
         at(SITE, 10, 20), "Did you mean 'working_days'?", field="clocks.call_in_period.workingdays", schema=True),
    Case("report-back-period-with-two-units",
         sub(RES_1, "related: [sample-decision]\n",
             "related: [sample-decision]\nreport_back: {every: {months: 6, weeks: 2}, source: sample-minutes}\n"),
         at(RES_1, 8, 22), "A period is a number of one unit: months, weeks, days or working_days. This one gives 2.",
         field="report_back.every"),
    # --- responses
    Case("response-with-no-text-or-note", sub(REC_III, "  text: A letter is being prepared.\n", ""),
         at(REC_III, 8, 3), "This response has no text. Where the response itself is not among the sources, "
         "a 'note' must say so.", field="response"),
    Case("not-agreed-with-no-text", sub(REC_III, "  text: A letter is being prepared.\n",
                                        "  decision: not agreed\n  note: The response is not among the papers.\n"),
         at(REC_III, 9, 13), "A recommendation that is not agreed needs the reasons: the response's 'text'.",
         field="response.decision"),
    # --- the real cause of a misplaced line
    Case("field-dedented-out-of-its-group",
         sub(REC_I, "          state: in progress\n          source: sample-report\n",
             "          source: sample-report\n      state: in progress\n"),
         at(REC_I, 34, 7), ("'state' is not a field of an action, but it is a field of a progress update: this line "
                            "is indented too little", "Line 'state' up with 'source' on line 33 (the same number of "
                            "spaces before it): move it 4 spaces to the right."),
         field="response.actions[1].state"),
    Case("field-indented-into-a-group",
         both(sub(REC_I, "      owner: Fixture Team\n      due: {as_written: End of March",
                  "      due: {as_written: End of March"),
              sub(REC_I, "          source: sample-report\n", "          source: sample-report\n          owner: Fixture Team\n")),
         at(REC_I, 34, 11), ("'owner' is not a field of a progress update, but it is a field of an action: this "
                             "line is indented too far", "Line 'owner' up with 'progress' on line 29", "move it 4 "
                             "spaces to the left"),
         field="response.actions[1].progress[1].owner"),
    Case("field-repeated-inside-a-group",
         sub(REC_I, "          source: sample-report\n", "          source: sample-report\n          owner: Fixture Team\n"),
         at(REC_I, 35, 11), ("'owner' is not a field of a progress update, but it is a field of an action",
                             "The action already has 'owner' (line 21): if this line repeats it, delete one of them"),
         field="response.actions[1].progress[1].owner"),
    Case("field-outside-its-brackets",
         sub(REC_I, '      due: {as_written: End of March 2021, edtf: "2021-03"}',
             '      due: {as_written: End of March 2021}\n      edtf: "2021-03"'),
         at(REC_I, 23, 7), ("'edtf' is not a field of an action, but it is a field of a date: it is outside the "
                            "date's curly brackets, so it is read as part of the action instead of the date above it.",
                            "Put it inside the curly brackets on line 22, with the date's other fields: "
                            "{as_written: ..., edtf: ...}."),
         field="response.actions[1].edtf"),
    Case("line-at-no-level", sub(REC_I, "          state: in progress\n          source: sample-report\n",
                                 "          source: sample-report\n    state: in progress\n"),
         at(REC_I, 34, 5), ("The indentation of this line does not match the lines around it.",
                            "This line has 4 spaces before its first word; the fields above it have 10 spaces (like "
                            "'source' on line 33), 6 spaces (like 'progress' on line 30) or 2 spaces (like 'actions' "
                            "on line 17).")),
    Case("quote-closed-early-in-braces",
         sub(REC_I, 'due: {as_written: End of March 2021, edtf: "2021-03"}',
             'due: {as_written: "End of March 2021, edtf: "2021-03"}'),
         at(REC_I, 22, 25), ("A quoted text starts here but its closing quote mark is missing: the quote mark at "
                             "column 51 closes it instead", 'Add the closing quote mark where the text ends: '
                             'due: {as_written: "End of March 2021", edtf: "2021-03"}')),
    Case("apostrophe-in-single-quotes",
         sub(REC_I, "due: {as_written: When policies are reviewed}",
             "due: {as_written: 'When the school's policies are reviewed'}"),
         at(REC_I, 38, 25), ("The single quote at column 41 is an apostrophe, but YAML reads it as the end of the "
                             "quoted text that starts here ('When the school')",
                             "Put the text in double quotes instead (\"When the school's policies are reviewed\")")),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_data_is_explained_by_check_and_build(case: Case, tmp_path: Path):
    project = copy_fixture(tmp_path)
    case.mutate(project)
    header = f"{case.where}, field '{case.field}':" if case.field else f"{case.where}:"

    checked = tracker("check", "--data", "data", cwd=project)
    text = output(checked)
    assert checked.returncode == 1, text
    assert "Traceback" not in text
    assert header in text, text
    assert all(m in text for m in case.messages), text

    site_dir = tmp_path / "site"
    built = mkdocs_build(project, site_dir)
    text = output(built)
    assert built.returncode != 0, text
    assert "Traceback" not in text
    assert header in text, text
    assert all(m in text for m in case.messages), text
    assert not site_dir.exists(), "a failed build must not leave a half-written site"


def test_at_least_thirty_distinct_cases():
    assert len({c.name for c in CASES}) == len(CASES) >= 30


def test_every_problem_is_reported_in_one_run(tmp_path: Path):
    project = copy_fixture(tmp_path)
    names = ("unknown-decision", "resolution-of-missing-meeting", "javascript-url", "empty-file",
             "unclosed-quote-swallows-lines", "shares-missing-response")
    for name in names:
        next(c for c in CASES if c.name == name).mutate(project)
    result = tracker("check", "--data", "data", cwd=project)
    text = output(result)
    assert result.returncode == 1
    # Even with review.yml and site.yml wrong, the records are checked against each other.
    assert "The data has 6 problems. The site cannot be built until they are fixed." in text
    assert "Nothing was published" not in text
    for name in names:
        case = next(c for c in CASES if c.name == name)
        assert all(m in text for m in case.messages)


def test_a_failed_build_leaves_an_existing_site_untouched(tmp_path: Path):
    project = copy_fixture(tmp_path)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the site as last published")
    sub(REC_I, "decision: partially agreed", "decision: partialy agreed")(project)
    result = mkdocs_build(project, site_dir)
    assert result.returncode != 0
    assert [p.name for p in site_dir.iterdir()] == ["index.html"]
    assert (site_dir / "index.html").read_text() == "the site as last published"


def test_bom_and_windows_line_endings_are_accepted_quietly(tmp_path: Path):
    project = copy_fixture(tmp_path)
    for rel in (REC_I, SITE, REVIEW):
        path = project / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    checked = tracker("check", "--data", "data", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert checked.stderr == ""
    assert "Note:" not in checked.stdout
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, output(built)
    assert "WARNING" not in built.stderr
    page = (tmp_path / "site" / "reviews" / "sample-review-2020" / "recommendations" / "i" / "index.html")
    assert "Partially agreed. Many schools already have such policies." in page.read_text(encoding="utf-8")


def test_the_fixture_and_a_second_review_build(tmp_path: Path):
    project = copy_fixture(tmp_path)
    checked = tracker("check", "--data", "data", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert "2 reviews" in checked.stdout
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, output(built)
    second = tmp_path / "site" / "reviews" / "second-review-2021"
    assert (second / "index.html").is_file()
    assert (second / "recommendations" / "1" / "index.html").is_file()


def test_a_third_review_folder_just_works(tmp_path: Path):
    project = copy_fixture(tmp_path)
    shutil.copytree(project / SECOND, project / "data/reviews/third-review-2022")
    sub("data/reviews/third-review-2022/review.yml", "id: second-review-2021", "id: third-review-2022")(project)
    from tracker.load import load

    loaded = load(project / "data")
    assert [r.id for r in loaded.tracker.reviews] == ["sample-review-2020", "second-review-2021", "third-review-2022"]


# --------------------------------------------------------------- warnings


def test_a_stated_date_the_call_in_rule_contradicts_is_a_warning_not_a_problem(tmp_path: Path):
    project = copy_fixture(tmp_path)
    decision = "data/council/decisions/christmas-decision.yml"
    put(decision, CHRISTMAS_DECISION)(project)
    checked = tracker("check", "--data", "data", cwd=project)
    text = output(checked)
    assert checked.returncode == 0, text
    assert "Traceback" not in text and checked.stderr == ""
    assert f"Warning: {decision}, line 7, column 17, field 'effective_from':" in checked.stdout
    assert ("The notice states 29 December 2020, but the council's call-in rule gives 31 December 2020: the day "
            "after the call-in period ends (five working days after publication, 21 December 2020") in checked.stdout
    assert "The stated date is the one shown." in checked.stdout
    assert "add a 'note' to effective_from" in checked.stdout
    assert checked.stdout.index("The data is ready to publish") < checked.stdout.index("Warning:")
    assert "1 warning: worth a look, but it does not stop the site being published." in checked.stdout

    from tracker.load import load

    (warning,) = load(project / "data").warnings
    assert (warning.where.file, warning.where.line, warning.field) == (decision, 7, "effective_from")

    # A note on the date says the notice is right: the warning goes.
    put(decision, CHRISTMAS_DECISION.replace(
        'edtf: "2020-12-29"}', 'edtf: "2020-12-29", note: The notice gives this date; it is not worked out.}'))(project)
    checked = tracker("check", "--data", "data", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert "Warning:" not in output(checked)
    assert load(project / "data").warnings == []


def test_a_call_in_end_and_a_response_due_date_that_disagree_are_warnings(tmp_path: Path):
    project = copy_fixture(tmp_path)
    put("data/council/decisions/christmas-decision.yml", CHRISTMAS_DECISION.replace(
        "effective_from: {as_written: 29 December 2020, edtf: \"2020-12-29\"}",
        "call_in_ends: {as_written: 28 December 2020, edtf: \"2020-12-28\"}"))(project)
    sub(REVIEW, 'response_due: {as_written: 1 June 2020, edtf: "2020-06-01"}',
        'response_due: {as_written: 25 May 2020, edtf: "2020-05-25"}')(project)
    checked = tracker("check", "--data", "data", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert checked.stdout.count("\nWarning: ") == 2
    assert "field 'call_in_ends':" in checked.stdout
    assert "The notice states 28 December 2020, but the council's call-in rule gives 30 December 2020" in checked.stdout
    assert f"Warning: {REVIEW}, line 7, column 15, field 'response_due':" in checked.stdout
    assert ("The response is stated to be due 25 May 2020, but the council's response period gives 1 June 2020: "
            "eight weeks after the date the report was received") in checked.stdout
    assert "2 warnings: worth a look, but they do not stop the site being published." in checked.stdout


def test_a_decision_not_subject_to_call_in_has_no_call_in_to_disagree_with(tmp_path: Path):
    project = copy_fixture(tmp_path)
    put("data/council/decisions/christmas-decision.yml",
        CHRISTMAS_DECISION.replace('subject_to_call_in: "Yes"', 'subject_to_call_in: "No"'))(project)
    checked = tracker("check", "--data", "data", cwd=project)
    assert checked.returncode == 0, output(checked)
    assert "Warning:" not in checked.stdout


# --------------------------------------------------------------- the guides' examples


EXAMPLE = re.compile(r"<!-- example: (\w+)( partial)?[^>]*-->\n( *)```yaml\n(.*?)\n *```", re.S)
"""A YAML example in a guide, marked with the model class it shows ('partial': some required fields left out;
'none': not a record)."""


@pytest.mark.parametrize("doc", ["data/README.md", "CLERKS_GUIDE.md"])
def test_every_yaml_example_in_the_guides_is_valid_for_the_model(doc: str, tmp_path: Path):
    from tracker import model
    from tracker.validate import Builder
    from tracker.yamlfile import read as read_yaml

    text = (ROOT / doc).read_text(encoding="utf-8")
    examples = EXAMPLE.findall(text)
    assert len(examples) == text.count("```yaml") >= 8, "every YAML example is marked with what it shows"
    for name, partial, _, body in examples:
        if name == "none":
            continue
        cls = getattr(model, name)
        path = tmp_path / "example.yml"
        path.write_text(textwrap.dedent(body) + "\n", encoding="utf-8")
        parsed = read_yaml(path, f"{doc}: {name} example")
        assert not parsed.problems and parsed.node is not None, [p.explain() for p in parsed.problems]
        builder = Builder()
        for node in parsed.node.value if parsed.node.kind == "list" else [parsed.node]:  # type: ignore[union-attr]
            builder.build(cls, node)
        problems = [p for p in builder.problems if not (partial and p.message.startswith("The required field"))]
        assert not problems, "\n".join([body, *(p.explain() for p in problems)])


# --------------------------------------------------------------- fuzzing


def _mutations(text: str, rng: random.Random) -> str:
    """One random edit of the kind a hurried clerk makes."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    choice = rng.randrange(9)
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(i, rng.choice(lines))
    elif choice == 2:
        lines[i] = lines[i].replace("  ", "\t", 1)
    elif choice == 3:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    elif choice == 4:
        pos = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:pos] + rng.choice(['"', "'", ":", ": ", "- ", "[", "]", "{", "}", "#", "*", "&", "|",
                                                "!", "%", "@", "`", ">", ",", "?", "\x00", "\u00e9", "\ufeff"]) + lines[i][pos:]
    elif choice == 5:
        lines[i] = " " * rng.randrange(1, 5) + lines[i]
    elif choice == 6:
        lines[i] = lines[i].lstrip()
    elif choice == 7:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = lines[i].replace(":", "", 1)
    return "\n".join(lines)


def test_random_mutations_never_crash_the_loader(tmp_path: Path):
    """Hundreds of random edits of real and fixture files: a clear problem or success, never a crash."""
    from tracker.build import Build
    from tracker.load import load
    from tracker.problems import DataProblems

    rng = random.Random(20210630)
    sources = [ROOT / "data", FIXTURE]
    outcomes = {"problems": 0, "fine": 0}
    for round_ in range(150):
        data = tmp_path / f"r{round_}" / "data"
        shutil.copytree(sources[round_ % 2], data)
        files = sorted(p for p in data.rglob("*.yml"))
        for _ in range(rng.randrange(1, 4)):
            path = rng.choice(files)
            text = path.read_text(encoding="utf-8")
            path.write_text(_mutations(text, rng), encoding="utf-8")
        try:
            load(data)
        except DataProblems as problems:
            report = problems.report()
            assert problems.problems and "Nothing was published" in report
            for problem in problems.problems:
                assert problem.where.file.startswith("data/") or problem.where.file == str(data), problem
            outcomes["problems"] += 1
        else:
            # Valid after the edit: the rest of the engine must cope too.
            if outcomes["fine"] < 25:
                build = Build.prepare(data, ROOT / "overrides" / "records")
                for src_uri in build.pages:
                    build.content(src_uri)
            outcomes["fine"] += 1
        shutil.rmtree(data.parent)
    assert outcomes["problems"] > 60, outcomes


def test_random_bytes_never_crash_the_reader(tmp_path: Path):
    """Any bytes at all in a data file: the reader explains, it never crashes."""
    from tracker.validate import Builder
    from tracker.model import Recommendation
    from tracker.yamlfile import read

    rng = random.Random(7)
    seed = (FIXTURE / "reviews/sample-review-2020/recommendations/i.yml").read_bytes()
    alphabet = b" \t\n\r:-[]{}#&*!|>'\"%@`,?\\~0123456789abcXYZ\x00\x07\xc3\xa9\xe9\xef\xbb\xbf\xff"
    path = tmp_path / "i.yml"
    for round_ in range(600):
        data = bytearray(seed)
        for _ in range(rng.randrange(1, 8)):
            at_ = rng.randrange(len(data) + 1)
            if rng.random() < 0.5:
                data[at_:at_] = bytes(rng.choice(alphabet) for _ in range(rng.randrange(1, 4)))
            else:
                del data[at_: at_ + rng.randrange(1, 6)]
        if round_ % 50 == 0:
            data = bytearray(rng.choice(alphabet) for _ in range(rng.randrange(0, 200)))
        if round_ % 97 == 0:
            data = bytearray(b"[" * 5000 + b"]" * 5000)
        path.write_bytes(bytes(data))
        parsed = read(path, "i.yml")
        if parsed.node is not None:
            Builder().build(Recommendation, parsed.node)
        for problem in parsed.problems:
            problem.explain()
