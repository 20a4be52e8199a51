"""A hostile corpus: data files as a careless, unlucky or malicious contributor might write them.

Each case copies the fixture data (tests/fixtures/data), does one hostile thing to it, and runs it through
`tracker check` and `mkdocs build --strict`, asserting the exact message, its file, line and column, the number
of problems (one mistake gives one message, not a cascade), no traceback, a non-zero exit and no site folder
written. A representative subset also goes through the preview (`mkdocs serve`): the terminal shows the message,
the server keeps serving the last good page, and the site returns once the file is mended. A few cases must be
ACCEPTED (a byte-order mark, say); they build and publish.

Bounds, enforced here: every command runs with at most RUNTIME (30 s) and MEMORY (768 MiB of address space,
RLIMIT_AS), so a file that would make the parser run away fails the test instead of the machine; the very large
file and the very long lines are held to BIG_RUNTIME (10 s; on a busy machine, three times the median build). The
cases run two at a time: the whole corpus takes about 30 s on two cores. The preview round (PREVIEW_BOUND, 240 s
at most) takes about 25 s for its subset; CORPUS_PREVIEW_ALL=1 sends every case the file watcher can see
through it (about 2.5 minutes).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from test_validation import (BIN, CABINET, COMMITMENT, DECISION, EVENT, FIXTURE, GLOSSARY, MEETING, OWNER, REC_I,
                             REC_II, REC_III, REPORT, RES_1, RES_2, REVIEW, ROOT, SECOND, SITE, at, both, copy, put,
                             sub)

RUNTIME = 30.0
"""The longest any one `tracker check` or `mkdocs build` of a case may take, in seconds."""
MEMORY = 768 * 2**20
"""The most address space any one command may use (a full build of the fixture needs under 300 MB)."""
BIG_RUNTIME = 10.0
"""The longest a command may take on the very large file and the very long lines."""

RECS = "data/reviews/sample-review-2020/recommendations"
RESOLUTIONS = "data/reviews/sample-review-2020/resolutions"
EVENTS = "data/reviews/sample-review-2020/events"
SECRET = "TOP-SECRET-7f3a9"
"""Written in files outside the data that links point to: it must never appear in any output."""


# ------------------------------------------------------------------ mutations


def text_of(rel: str, root: Path) -> str:
    return (root / rel).read_text(encoding="utf-8")


def raw(rel: str, make: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Rewrite a file's bytes."""

    def mutate(root: Path) -> None:
        path = root / rel
        path.write_bytes(make(path.read_bytes()))

    return mutate


def link(rel: str, target: str, *, outside: bool = True, folder: bool = False) -> Callable[[Path], None]:
    """Make ``rel`` a symbolic link: to a file or folder outside the data holding SECRET, or to ``target``
    inside the data (relative to the link)."""

    def mutate(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        if outside:
            elsewhere = root / "elsewhere"
            elsewhere.mkdir(exist_ok=True)
            if folder:
                (elsewhere / "folder").mkdir(exist_ok=True)
                (elsewhere / "folder" / "review.yml").write_text(f"id: {SECRET}\ntitle: {SECRET}\n")
                (elsewhere / "folder" / f"{SECRET}.yml").write_text(f"{SECRET}: {SECRET}\n")
                path.symlink_to(elsewhere / "folder", target_is_directory=True)
            else:
                (elsewhere / "secret.txt").write_text(f"{SECRET}: the runner's own file\nid: {SECRET}\n")
                path.symlink_to(elsewhere / "secret.txt")
        else:
            path.symlink_to(target)

    return mutate


def rename(rel: str, to: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).rename(root / to)


def copy_tree(rel: str, to: str, *edits: tuple[str, str, str]) -> Callable[[Path], None]:
    """Copy a folder, then make (file, old, new) edits in the copy."""

    def mutate(root: Path) -> None:
        shutil.copytree(root / rel, root / to)
        for file, old, new in edits:
            sub(f"{to}/{file}", old, new)(root)

    return mutate


def conflict(rel: str, ours: str, theirs: str, *, base: str | None = None, old: str | None = None,
             crlf_bom: bool = False) -> Callable[[Path], None]:
    """Replace ``old`` (the lines both changed) with Git's conflict markers around two versions."""

    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        middle = f"||||||| merged common ancestor\n{base}" if base is not None else ""
        block = f"<<<<<<< HEAD\n{ours}{middle}=======\n{theirs}>>>>>>> clerk-b/update-iv\n"
        text = text.replace(old, block, 1) if old else text + block
        data = text.encode()
        if crlf_bom:
            data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
        path.write_bytes(data)

    return mutate


def owner_file(rel: str, ident: str, name: str) -> Callable[[Path], None]:
    return put(rel, f"id: {ident}\nname: {name}\n")


def event_file(rel: str, ident: str) -> Callable[[Path], None]:
    """A complete event, so the only mistake in it is the one the case makes."""
    return put(rel, f"id: {ident}\ntitle: An event\ndate: {{as_written: May 2021, edtf: \"2021-05\"}}\n"
                    "text: It happened.\nsource: sample-minutes\n")


def nested_lists(depth: int) -> str:
    return "related:\n" + "".join("  " * level + "-\n" for level in range(1, depth)) + "  " * depth + "- i\n"


def nested_maps(depth: int) -> str:
    return "note:\n" + "".join("  " * level + f"level{level}:\n" for level in range(1, depth)) + \
        "  " * depth + "end: x\n"


# ------------------------------------------------------------------ cases


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str
    """The class of hostility, for the count by class."""
    mutate: Callable[[Path], None]
    where: str = ""
    """The problem's place as printed: 'file', 'file, line L' or 'file, line L, column C'."""
    message: str = ""
    """The problem's whole message line, exactly."""
    field: str = ""
    problems: int | None = 1
    """How many problems the run reports (None: not counted)."""
    also: tuple[str, ...] = ()
    """Other text the output must hold (a suggestion, a second problem)."""
    accept: bool = False
    """The data must be accepted: both commands succeed, and the site is written."""
    page: tuple[str, str] = ("", "")
    """For an accepted case: (a page of the built site, text it must hold)."""
    preview: bool = False
    """In the subset that also goes through `mkdocs serve`."""
    big: bool = False
    """Held to BIG_RUNTIME."""
    watched: bool = True
    """Whether the preview's file watcher sees the change (it does not see a link to nothing appear)."""

    @property
    def header(self) -> str:
        return f"{self.where}, field '{self.field}':" if self.field else f"{self.where}:"


def H(name: str, kind: str, mutate, where: str, message: str, **extra) -> Hostile:
    return Hostile(name, kind, mutate, where, message, **extra)


LONG = 400_000
"""Characters in the very long line with a mistake in it (under the 1 MB file limit)."""
LONG_ACCEPTED = 100_000
"""Characters in the very long line that is accepted (a CSV cell larger than Python's csv field limit, 131,072
characters, would stop the build's link check, so the accepted line stays under it)."""

DATE = 'date: {as_written: 4 May 2021, edtf: "2021-05-04"}'

CASES: list[Hostile] = [
    # ---------------------------------------------------------------- YAML syntax
    H("unclosed-double-quote-at-end", "yaml", sub(RES_2, "source: sample-minutes", 'source: "sample-minutes'),
      at(RES_2, 6, 9), "A quoted text is never closed: the file ends inside the quotes.", preview=True),
    H("unclosed-double-quote-mid-file", "yaml", sub(REC_I, "heading: School policies", 'heading: "School policies'),
      at(REC_I, 3, 10), "A quoted text starts here but is not closed on the same line, so the rest of the file "
      "is read wrongly."),
    H("unclosed-single-quote", "yaml", sub(MEETING, "agenda_item: Review of cases", "agenda_item: 'Review of cases"),
      at(MEETING, 5, 14), "A quoted text is never closed: the file ends inside the quotes."),
    H("indented-too-far", "yaml", sub(REC_I, "  decision: partially agreed", "   decision: partially agreed"),
      at(REC_I, 10, 4), "This line is indented further than the field above it, so YAML reads it as more of that "
      "field's value, and then stumbles on its colon.", preview=True),
    H("indented-too-little", "yaml", sub(REC_I, "  decision: partially agreed", " decision: partially agreed"),
      at(REC_I, 10, 2), "The indentation of this line does not match the lines around it."),
    H("tab-indentation", "yaml", sub(REC_I, "  title: Executive Response", "\ttitle: Executive Response"),
      at(REC_I, 9, 1), "This line contains a tab character (shown as →). YAML needs spaces for indentation.",
      preview=True),
    H("duplicate-key", "yaml", sub(REC_I, "heading: School policies\n", "heading: School policies\nheading: Schools\n"),
      at(REC_I, 4, 1), "The field 'heading' appears twice in the same place; YAML would silently keep only the "
      "second.", field="heading", also=("Found: 'heading' first at line 3",)),
    H("duplicate-key-nested", "yaml", sub(REC_I, "  title: Executive Response\n",
                                          "  title: Executive Response\n  title: Response\n"),
      at(REC_I, 10, 3), "The field 'title' appears twice in the same place; YAML would silently keep only the "
      "second.", field="response.title"),
    H("alias", "yaml", sub(REC_I, "heading: School policies", "heading: *policies"),
      at(REC_I, 3, 10), "A '*' starts a YAML alias here, which is not used in these files."),
    H("anchor", "yaml", sub(REC_I, "heading: School policies", "heading: &Sons Ltd"),
      at(REC_I, 3, 10), "A '&' at the start of a value makes it a YAML anchor, which these files do not use: "
      "'&Sons' would be silently dropped from the value.", preview=True),
    H("anchor-and-alias-bomb", "yaml",
      sub(REC_I, "related: [sample-decision]", "related: &a [sample-decision, sample-decision]\nnote: [*a, *a, *a]"),
      at(REC_I, 42, 8), "A '*' starts a YAML alias here, which is not used in these files."),
    H("tag", "yaml", sub(REC_I, "heading: School policies", "heading: !Important"),
      at(REC_I, 3, 10), "A '!' at the start of a value makes it a YAML tag, which these files do not use: "
      "'!Important' would be silently dropped from the value."),
    H("python-tag", "yaml", sub(REC_I, "heading: School policies", "heading: !!python/name:os.system"),
      at(REC_I, 3, 10), "A '!' at the start of a value makes it a YAML tag, which these files do not use: "
      "'!!python/name:os.system' would be silently dropped from the value."),
    H("merge-key", "yaml", sub(REC_I, "related: [sample-decision]", "related: [sample-decision]\n<<: {note: x}"),
      at(REC_I, 42, 1), "YAML merge keys ('<<') are not used in these files.", field="<<", preview=True),
    H("second-document", "yaml", sub(RES_2, "source: sample-minutes", "source: sample-minutes\n---\nid: x"),
      at(RES_2, 7, 1), "The file holds more than one YAML document (a second '---' line)."),
    H("document-end-then-more", "yaml", sub(RES_2, "source: sample-minutes", "...\nsource: sample-minutes"),
      at(RES_2, 6, 1), "A line of three dots ('...') ends the YAML document here, so the lines after it cannot be "
      "read."),
    H("flow-mapping-unclosed", "yaml", sub(REC_I, 'due: {as_written: End of March 2021, edtf: "2021-03"}',
                                           'due: {as_written: End of March 2021, edtf: "2021-03"'),
      at(REC_I, 23, 7), "A group in curly brackets is not closed, or a value in it needs quotes."),
    H("flow-mapping-missing-comma", "yaml", sub(REC_I, 'due: {as_written: End of March 2021, edtf: "2021-03"}',
                                                'due: {as_written: End of March 2021 edtf: "2021-03"}'),
      at(REC_I, 22, 47), "A group in curly brackets is not closed, or a value in it needs quotes."),
    H("flow-list-unclosed", "yaml", sub(REC_I, "related: [sample-decision]", "related: [sample-decision"),
      at(REC_I, 42, 12), "A list in square brackets is not closed, or an item in it needs quotes."),
    H("no-space-after-colon", "yaml", sub(REC_I, "heading: School policies", "heading:School policies"),
      at(REC_I, 3, 1), "A field name is followed by a colon but no space, so YAML does not read it as a field."),
    H("colon-in-value", "yaml", sub(REC_I, "heading: School policies", "heading: Policies: all schools"),
      at(REC_I, 3, 18), "A colon followed by a space appears inside a value, which YAML reads as a new field."),
    H("text-after-block-indicator", "yaml", sub(RES_2, "text: |\n  Asks", "text: | Asks\n  Asks"),
      at(RES_2, 4, 9), "After '|' or '>' the text must start on the next line."),
    H("value-starts-with-at", "yaml", sub(REC_I, "heading: School policies", "heading: @schools"),
      at(REC_I, 3, 10), "A value cannot start with '@' unless it is in quotes."),
    H("unknown-escape", "yaml", sub(REC_I, "heading: School policies", 'heading: "C:\\Schools\\policies"'),
      at(REC_I, 3, 14), "A backslash (\\) inside double quotes starts a special character, and this one is "
      "unknown."),
    H("field-name-is-a-list", "yaml", sub(REC_I, "related: [sample-decision]", "related: [sample-decision]\n[a, b]: c"),
      at(REC_I, 42, 1), "A field name must be a single word, not a list or a group."),
    H("empty-file", "yaml", put(RES_2, ""), at(RES_2, 1, 1), "The file is empty."),
    H("scalar-file", "yaml", put(EVENT, "Just some words about the event.\n"), at(EVENT, 1, 1),
      "This should be a group of fields (id, title, date, text, source, related, note), but it is a single value."),
    # ---------------------------------------------------------------- encodings
    H("utf16-with-bom", "encoding", raw(RES_2, lambda b: b.decode().encode("utf-16")),
      at(RES_2, 1, 1), "The file is saved as UTF-16 ('Unicode'), not UTF-8 text.", preview=True),
    H("utf16-without-bom", "encoding", raw(RES_2, lambda b: b.decode().encode("utf-16-le")),
      at(RES_2, 1, 1), "The file is saved as UTF-16 ('Unicode'), not UTF-8 text."),
    H("utf32", "encoding", raw(RES_2, lambda b: b.decode().encode("utf-32")),
      at(RES_2, 1, 1), "The file is saved as UTF-32, not UTF-8 text."),
    H("windows-1252", "encoding", raw(REC_I, lambda b: b.replace(b"Work has started.", "Work has started – café.".encode("cp1252"))),
      at(REC_I, 32, 34), "The file is not saved as UTF-8 text, so some characters cannot be read.",
      also=("Found: the byte 0x96",)),
    H("nul-byte", "encoding", raw(RES_2, lambda b: b.replace(b"six months", b"six\x00months")),
      at(RES_2, 5, 27), "The file contains an invisible control character (U+0000) that YAML does not allow.", preview=True),
    H("nul-escape", "encoding", sub(REC_I, "heading: School policies", 'heading: "School\\0policies"'),
      at(REC_I, 3, 10), "This value holds an invisible control character (U+0000). It is written as a backslash "
      "escape inside double quotes.", field="heading"),
    H("lone-surrogate-escape", "encoding", sub(REC_I, "heading: School policies", 'heading: "School \\ud800policies"'),
      at(REC_I, 3, 10), "This value holds half of a broken character (U+D800, one half of a pair that must come "
      "together), which cannot be saved as text. It is written as a backslash escape inside double quotes.",
      field="heading", preview=True),
    H("lone-surrogate-bytes", "encoding", raw(REC_I, lambda b: b.replace(b"School policies", b"School \xed\xa0\x80policies")),
      at(REC_I, 3, 17), "The file is not saved as UTF-8 text, so some characters cannot be read."),
    H("right-to-left-override-in-id", "encoding", sub(REC_I, "id: i\n", "id: i\u202e\n"),
      at(REC_I, 2, 5), "An id may hold only the letters a–z and A–Z, digits, '-', '.' and '_' (no spaces or "
      "accents): it becomes a file name and part of a web address. It holds an invisible character, U+202E "
      "(right-to-left override): it changes the order in which the text around it is shown, so the id would not "
      "read as it is stored.", field="id", also=("Found: 'i<U+202E>'", "Did you mean 'i'?"), preview=True),
    H("zero-width-space-in-id", "encoding", sub(EVENT, "id: sample-event", "id: sample\u200b-event"),
      at(EVENT, 2, 5), "An id may hold only the letters a–z and A–Z, digits, '-', '.' and '_' (no spaces or "
      "accents): it becomes a file name and part of a web address. It holds an invisible character, U+200B "
      "(zero width space): it cannot be seen, so the id would look like another one and still differ from it.",
      field="id", also=("Did you mean 'sample-event'?",)),
    H("zero-width-in-reference", "encoding", sub(REC_I, "source: sample-report\nresponse", "source: sample-report\u200d\nresponse"),
      at(REC_I, 7, 9), "'sample-report<U+200D>' is not one of the council's source documents.", field="source",
      also=("Did you mean 'sample-report'?",)),
    H("accented-id", "encoding", sub(EVENT, "id: sample-event", "id: sample-évent"),
      at(EVENT, 2, 5), "An id may hold only the letters a–z and A–Z, digits, '-', '.' and '_' (no spaces or "
      "accents): it becomes a file name and part of a web address. It holds 'é' (U+00E9), a letter outside the "
      "plain English alphabet: ids use a–z and A–Z only.", field="id", also=("Did you mean 'sample-event'?",)),
    H("line-separator", "encoding", sub(RES_2, "six months", "six\u2028months"), at(RES_2, 5, 27),
      "The file contains an invisible line separator (U+2028), often pasted from a PDF or a word processor. YAML "
      "reads it as the end of a line, though your editor does not show one there."),
    H("control-character", "encoding", sub(RES_2, "six months", "six\x07months"), at(RES_2, 5, 27),
      "The file contains an invisible control character (U+0007) that YAML does not allow."),
    # ---------------------------------------------------------------- size and depth
    H("very-large-file", "size", sub(RES_2, "Asks for a report in six months.",
                                     "Asks for a report in six months. " + "padding " * 400_000),
      at(RES_2), "The file is 3.2 MB, more than the 1 MB a data file may be, so it was not read. A record is a "
      "few kilobytes (the largest is about 30 KB).", big=True),
    H("very-long-line-with-a-mistake", "size", sub(REC_I, "heading: School policies",
                                                   'heading: "' + "School policies " * (LONG // 16)),
      at(REC_I, 3, 10), "A quoted text starts here but is not closed on the same line, so the rest of the file is "
      "read wrongly.", big=True),
    H("deep-flow-nesting", "size", sub(REC_I, "related: [sample-decision]", "related: " + "[" * 100_000 + "]" * 100_000),
      at(REC_I, 41, 41), "The file nests lists and groups more than 32 levels deep here, which no record needs (the "
      "deepest needs about 10), so it was not read.", big=True, preview=True),
    H("deep-block-lists", "size", sub(REC_I, "related: [sample-decision]\n", nested_lists(40)),
      at(REC_I, 73, 65), "The file nests lists and groups more than 32 levels deep here, which no record needs (the "
      "deepest needs about 10), so it was not read."),
    H("deep-block-maps", "size", sub(REC_I, "related: [sample-decision]\n", nested_maps(40)),
      at(REC_I, 73, 65), "The file nests lists and groups more than 32 levels deep here, which no record needs (the "
      "deepest needs about 10), so it was not read."),
    H("deep-one-line-dashes", "size", sub(REC_I, "related: [sample-decision]", "related:\n  " + "- " * 5000 + "x"),
      at(REC_I, 42, 65), "The file nests lists and groups more than 32 levels deep here, which no record needs (the "
      "deepest needs about 10), so it was not read."),
    # ---------------------------------------------------------------- references pointing nowhere
    H("source-nowhere", "reference", sub(REC_I, "source: sample-report\nresponse", "source: sample-reprot\nresponse"),
      at(REC_I, 7, 9), "'sample-reprot' is not one of the council's source documents.", field="source",
      also=("Did you mean 'sample-report'?",), preview=True),
    H("progress-source-nowhere", "reference", sub(REC_I, "          source: sample-report", "          source: report"),
      at(REC_I, 34, 19), "'report' is not one of the council's source documents.",
      field="response.actions[1].progress[1].source"),
    H("due-change-source-nowhere", "reference", sub(REC_I, "          source: sample-minutes", "          source: minutes"),
      at(REC_I, 27, 19), "'minutes' is not one of the council's source documents.",
      field="response.actions[1].due_changes[1].source"),
    H("date-source-nowhere", "reference", sub(REVIEW, 'response_due: {as_written: 1 June 2020, edtf: "2020-06-01"}',
                                              'response_due: {as_written: 1 June 2020, edtf: "2020-06-01", source: letter}'),
      at(REVIEW, 7, 69), "'letter' is not one of the council's source documents.", field="response_due.source"),
    H("clocks-source-nowhere", "reference", sub(SITE, "  nation: england", "  nation: england\n  source: constitution"),
      at(SITE, 13, 11), "'constitution' is not one of the council's source documents.", field="clocks.source"),
    H("glossary-source-nowhere", "reference", sub(GLOSSARY, "    source: sample-report", "    source: the-report"),
      at(GLOSSARY, 6, 13), "'the-report' is not one of the council's source documents.", field="terms[1].source"),
    H("report-back-source-nowhere", "reference",
      sub(RES_1, "related: [sample-decision]\n", "related: [sample-decision]\nreport_back: {every: {months: 6}, source: plan}\n"),
      at(RES_1, 8, 43), "'plan' is not one of the council's source documents.", field="report_back.source"),
    H("meeting-nowhere", "reference", sub(RES_1, "meeting: sample-meeting", "meeting: other-meeting"),
      at(RES_1, 3, 10), "'other-meeting' is not a meeting in data/council/meetings.", field="meeting"),
    H("commitment-meeting-nowhere", "reference", sub(COMMITMENT, "meeting: sample-meeting", "meeting: sample-meting"),
      at(COMMITMENT, 3, 10), "'sample-meting' is not a meeting in data/council/meetings.", field="meeting",
      also=("Did you mean 'sample-meeting'?",)),
    H("assessment-meeting-nowhere", "reference", sub(REC_III, "    meeting: sample-meeting", "    meeting: june-meeting"),
      at(REC_III, 21, 14), "'june-meeting' is not a meeting in data/council/meetings.", field="assessments[1].meeting"),
    H("assessment-resolution-nowhere", "reference", sub(REC_I, 'resolution: "2"', 'resolution: "3"'),
      at(REC_I, 45, 17), "'3' is not a resolution in this review.", field="assessments[1].resolution"),
    H("action-owner-nowhere", "reference", sub(REC_I, "      owner: Fixture Team\n      due: {as_written: End",
                                               "      owner: Fixture Taem\n      due: {as_written: End"),
      at(REC_I, 21, 14), "'Fixture Taem' is not the name, id or alias of any owner.", field="response.actions[1].owner",
      also=("Did you mean 'Fixture Team'?",)),
    H("given-by-nowhere", "reference", sub(COMMITMENT, "given_by: FT", "given_by: The head of schools"),
      at(COMMITMENT, 6, 11), "'The head of schools' is not the name, id or alias of any owner.", field="given_by"),
    H("review-committee-nowhere", "reference", sub(REVIEW, "committee: Fixture scrutiny committee", "committee: Audit committee"),
      at(REVIEW, 4, 12), "'Audit committee' is not the name, id or alias of any committee.", field="committee"),
    H("meeting-committee-nowhere", "reference", sub(MEETING, "committee: Fixture scrutiny committee", "committee: Full council"),
      at(MEETING, 4, 12), "'Full council' is not the name, id or alias of any committee.", field="committee"),
    H("decision-maker-nowhere", "reference", sub(DECISION, "decision_maker: Cabinet", "decision_maker: Cabinett"),
      at(DECISION, 4, 17), "'Cabinett' is not the name, id or alias of any committee.", field="decision_maker",
      also=("Did you mean 'Cabinet'?",)),
    H("related-nowhere", "reference", sub(REC_I, "related: [sample-decision]", "related: [sample-decisoin]"),
      at(REC_I, 41, 11), "'sample-decisoin' is not the id of any record in this review or of any meeting, decision "
      "or source document.", field="related[1]"),
    H("related-other-review-nowhere", "reference", sub(REC_I, "related: [sample-decision]", "related: [second-review/1]"),
      at(REC_I, 41, 11), "'second-review' in 'second-review/1' is not a review.", field="related[1]"),
    H("related-other-review-record-nowhere", "reference",
      sub(REC_I, "related: [sample-decision]", "related: [second-review-2021/2]"),
      at(REC_I, 41, 11), "The review 'second-review-2021' has no record '2'.", field="related[1]"),
    H("evidence-record-nowhere", "reference", sub(COMMITMENT, "record: sample-decision", "record: sample-decisoin"),
      at(COMMITMENT, 13, 17), "'sample-decisoin' is not the id of any record in this review or of any meeting, "
      "decision or source document.", field="progress[1].evidence[1].record"),
    H("evidence-part-nowhere", "reference", sub(COMMITMENT, "part: b)", "part: c)"),
      at(COMMITMENT, 14, 15), "The decision 'sample-decision' has no part 'c)'.", field="progress[1].evidence[1].part"),
    H("evidence-part-of-a-meeting", "reference", sub(COMMITMENT, "record: sample-decision", "record: sample-meeting"),
      at(COMMITMENT, 14, 15), "Only a decision has parts.", field="progress[1].evidence[1].part"),
    H("approved-in-part-nowhere", "reference", sub(REC_I, "part: b)}", "part: b}"),
      at(REC_I, 40, 48), "The decision 'sample-decision' has no part 'b'.", field="response.approved_in.part"),
    H("approved-in-record-nowhere", "reference", sub(REC_I, "{record: sample-decision, part: b)}", "{record: cabinet-decision}"),
      at(REC_I, 40, 25), "'cabinet-decision' is not the id of any record in this review or of any meeting, decision "
      "or source document.", field="response.approved_in.record"),
    H("meeting-reviews-nowhere", "reference", sub(MEETING, "reviews: [sample-review-2020]", "reviews: [sample-review-2021]"),
      at(MEETING, 8, 11), "'sample-review-2021' is not a review.", field="reviews[1]", preview=True),
    H("decision-reviews-nowhere", "reference", sub(DECISION, "reviews: [sample-review-2020]", "reviews: [sample-review]"),
      at(DECISION, 18, 11), "'sample-review' is not a review.", field="reviews[1]"),
    H("assessment-value-nowhere", "reference", sub(REC_I, "value: amber", "value: yellow"),
      at(REC_I, 46, 12), "'yellow' is not on the council's assessment scale.", field="assessments[1].value"),
    H("shares-response-with-nowhere", "reference", sub(REC_II, "shares_response_with: i", "shares_response_with: iv"),
      at(REC_II, 8, 23), "'iv' is not a recommendation in this review.", field="shares_response_with"),
    # ---------------------------------------------------------------- collisions of ids and names
    H("case-collision-in-a-folder", "collision",
      lambda root: (root / RECS / "I.yml").write_text(text_of(REC_I, root).replace("id: i\n", "id: I\n")),
      at(REC_I, 2, 5), "The id 'i' is too like 'I', used in this review by "
      f"{RECS}/I.yml: they differ only in capital letters. Windows and Mac computers take such names for the same, "
      "so one record's file and page would silently replace the other's.", field="id", preview=True),
    H("case-collision-across-folders", "collision",
      lambda root: (root / RESOLUTIONS / "II.yml").write_text(
          text_of(RES_2, root).replace('id: "2"', "id: II")),
      at(f"{RESOLUTIONS}/II.yml", 2, 5), "The id 'II' is too like 'ii', used in this review by "
      f"{RECS}/ii.yml: they differ only in capital letters. Windows and Mac computers take such names for the "
      "same, so one record's file and page would silently replace the other's.", field="id"),
    H("case-collision-council", "collision", owner_file("data/council/owners/Cabinet.yml", "Cabinet", "Cabinet office"),
      at("data/council/owners/Cabinet.yml", 1, 5), "The id 'Cabinet' is too like 'cabinet', used in the council's "
      "records (data/council) by data/council/committees/cabinet.yml: they differ only in capital letters. Windows "
      "and Mac computers take such names for the same, so one record's file and page would silently replace the "
      "other's.", field="id", preview=True),
    H("case-collision-review-folders", "collision",
      copy_tree(SECOND, "data/reviews/Second-review-2021", ("review.yml", "id: second-review-2021", "id: Second-review-2021")),
      at(SECOND), "The folder name 'second-review-2021' cannot sit beside 'Second-review-2021': they differ only in "
      "capital letters. Windows and Mac computers take them for the same name, so one would replace the other there."),
    H("normalisation-collision", "collision", both(
        event_file(f"{EVENTS}/" + unicodedata.normalize("NFC", "café.yml"), unicodedata.normalize("NFC", "café")),
        event_file(f"{EVENTS}/" + unicodedata.normalize("NFD", "café.yml"), unicodedata.normalize("NFD", "café"))),
      at(f"{EVENTS}/" + unicodedata.normalize("NFC", "café.yml"), 1, 5),
      f"The id '{unicodedata.normalize('NFC', 'café')}' is too like '{unicodedata.normalize('NFD', 'café')}', used in "
      "this review by " + f"{EVENTS}/" + unicodedata.normalize("NFD", "café.yml")
      + ": they look the same and differ only in how an accented letter is stored (as one character, or as a letter "
      "followed by a separate accent). Windows and Mac computers take such names for the same, so one record's file "
      "and page would silently replace the other's.", field="id", problems=3,
      also=("It holds a separate accent, U+0301 (combining acute accent), joined to the letter before it",)),
    H("owner-id-index", "collision", owner_file("data/council/owners/index.yml", "index", "Index team"),
      at("data/council/owners/index.yml", 1, 5), "The page of Index team would be published at 'owners/', the same "
      "address as the site's own page 'Who is responsible'. One would silently replace the other.", field="id",
      preview=True),
    H("committee-id-index", "collision",
      put("data/council/committees/index.yml", "id: index\nname: Index committee\n"),
      at("data/council/committees/index.yml", 1, 5), "The page of Index committee would be published at "
      "'committees/', the same address as the site's own page 'Committees'. One would silently replace the other.",
      field="id"),
    H("two-files-one-id", "collision", copy(REPORT, REPORT.replace(".yml", ".yaml")), at(REPORT, 2, 5),
      "The id 'sample-report' is already used in the council's records (data/council), by "
      "data/council/sources/sample-report.yaml. Two files cannot hold the same record.", field="id"),
    # ---------------------------------------------------------------- merge conflicts
    H("conflict", "conflict", conflict(REC_I, "heading: School policies\n", "heading: Policies in every school\n",
                                       old="heading: School policies\n"),
      at(REC_I, 3, 1), "This file holds an unresolved merge conflict: two versions of the same lines were combined, "
      "and Git has kept both between marker lines. The version from <<<<<<< HEAD is line 4, the other (from "
      ">>>>>>> clerk-b/update-iv) is line 6.",
      also=("press 'Resolve conflicts'", "delete the lines that start <<<<<<<, ======= and >>>>>>>"), preview=True),
    H("conflict-diff3", "conflict", conflict(RES_2, "  Asks for a report in six months.\n",
                                             "  Asks for a report in three months.\n  And a letter.\n",
                                             base="  Asks for a report.\n", old="  Asks for a report in six months.\n"),
      at(RES_2, 5, 1), "This file holds an unresolved merge conflict: two versions of the same lines were combined, "
      "and Git has kept both between marker lines. The version from <<<<<<< HEAD is line 6, the other (from "
      ">>>>>>> clerk-b/update-iv) is lines 10–11. (Lines 8–8 after ||||||| are the version both started from.)"),
    H("conflict-two-in-one-file", "conflict", both(
        conflict(REC_I, "heading: School policies\n", "heading: Schools\n", old="heading: School policies\n"),
        conflict(REC_I, "source: sample-report\nresponse:\n", "source: sample-minutes\nresponse:\n",
                 old="source: sample-report\nresponse:\n")),
      at(REC_I, 3, 1), "This file holds an unresolved merge conflict: two versions of the same lines were combined, "
      "and Git has kept both between marker lines. The version from <<<<<<< HEAD is line 4, the other (from "
      ">>>>>>> clerk-b/update-iv) is line 6.", problems=2,
      also=("line 11, column 1:", "The version from <<<<<<< HEAD is lines 12–13, the other (from >>>>>>> "
            "clerk-b/update-iv) is lines 15–16.")),
    H("conflict-one-side-empty", "conflict", conflict(RES_1, "related: [sample-decision]\n", "",
                                                       old="related: [sample-decision]\n"),
      at(RES_1, 7, 1), "This file holds an unresolved merge conflict: two versions of the same lines were combined, "
      "and Git has kept both between marker lines. The version from <<<<<<< HEAD is line 8, the other (from "
      ">>>>>>> clerk-b/update-iv) is empty (no lines between the markers)."),
    H("conflict-marker-left-over", "conflict", sub(RES_2, "source: sample-minutes", "source: sample-minutes\n>>>>>>> main"),
      at(RES_2, 7, 1), "This line is left over from a merge conflict: a '>>>>>>>' marker line that Git adds when two "
      "versions of a file could not be combined, without the rest of the conflict's markers.", preview=True),
    H("conflict-in-site-yml", "conflict", conflict(SITE, 'as_at: "2021-06-30"\n', 'as_at: "2021-07-31"\n',
                                                   old='as_at: "2021-06-30"\n'),
      at(SITE, 5, 1), "This file holds an unresolved merge conflict: two versions of the same lines were combined, "
      "and Git has kept both between marker lines. The version from <<<<<<< HEAD is line 6, the other (from "
      ">>>>>>> clerk-b/update-iv) is line 8.", problems=None),
    H("conflict-windows-line-endings", "conflict", conflict(RES_2, "source: sample-minutes\n", "source: minutes\n",
                                                            old="source: sample-minutes\n", crlf_bom=True),
      at(RES_2, 6, 1), "This file holds an unresolved merge conflict: two versions of the same lines were combined, "
      "and Git has kept both between marker lines. The version from <<<<<<< HEAD is line 7, the other (from "
      ">>>>>>> clerk-b/update-iv) is line 9."),
    # ---------------------------------------------------------------- symbolic links
    H("link-to-a-file-outside", "symlink", link("data/council/sources/leak.yml", ""),
      at("data/council/sources/leak.yml"), "This is a symbolic link (a shortcut to another file), not a file of its "
      "own. The tracker never reads data through a link: what it points to is not part of the project, and could be "
      "any file on the computer.", preview=True),
    H("link-replacing-a-record", "symlink", link(REC_III, "/etc/hostname"),
      at(REC_III), "This is a symbolic link (a shortcut to another file), not a file of its own. The tracker never "
      "reads data through a link: what it points to is not part of the project, and could be any file on the "
      "computer."),
    H("link-to-a-file-inside", "symlink", link(f"{RECS}/iv.yml", "i.yml", outside=False),
      at(f"{RECS}/iv.yml"), "This is a symbolic link (a shortcut to another file), not a file of its own. The tracker "
      "never reads data through a link: what it points to is not part of the project, and could be any file on the "
      "computer."),
    H("dangling-link", "symlink", link(f"{EVENTS}/gone.yml", "nowhere.yml", outside=False),
      at(f"{EVENTS}/gone.yml"), "This is a symbolic link (a shortcut to another file), not a file of its own. The "
      "tracker never reads data through a link: what it points to is not part of the project, and could be any file "
      "on the computer.", watched=False),
    H("linked-site-yml", "symlink", link(SITE, ""), at(SITE), "This is a symbolic link (a shortcut to another file), "
      "not a file of its own. The tracker never reads data through a link: what it points to is not part of the "
      "project, and could be any file on the computer."),
    H("linked-review-folder", "symlink", link("data/reviews/linked-review", "", folder=True),
      at("data/reviews/linked-review"), "This is a symbolic link (a shortcut to another folder), not a folder of its "
      "own. The tracker never reads data through a link: what it points to is not part of the project, and could be "
      "any file on the computer.", preview=True),
    H("linked-records-folder", "symlink", link(EVENTS, "", folder=True),
      at(EVENTS), "This is a symbolic link (a shortcut to another folder), not a folder of its own. The tracker never "
      "reads data through a link: what it points to is not part of the project, and could be any file on the "
      "computer."),
    # ---------------------------------------------------------------- names Windows cannot store
    H("windows-con", "windows", event_file(f"{EVENTS}/con.yml", "con"), at(f"{EVENTS}/con.yml", 1, 5),
      "The id 'con' cannot be used: 'CON' is a name Windows keeps for a device, so no file or folder can be called "
      "'con' (in any mix of capitals, with or without an ending such as '.yml') on a Windows computer. The record's "
      "file and page folder are named after it.", field="id", preview=True),
    H("windows-nul-with-ending", "windows", event_file(f"{EVENTS}/Nul.txt.yml", "Nul.txt"),
      at(f"{EVENTS}/Nul.txt.yml", 1, 5), "The id 'Nul.txt' cannot be used: 'NUL' is a name Windows keeps for a "
      "device, so no file or folder can be called 'Nul.txt' (in any mix of capitals, with or without an ending such "
      "as '.yml') on a Windows computer. The record's file and page folder are named after it.", field="id"),
    H("windows-com1-owner", "windows", owner_file("data/council/owners/COM1.yml", "COM1", "Communications"),
      at("data/council/owners/COM1.yml", 1, 5), "The id 'COM1' cannot be used: 'COM1' is a name Windows keeps for a "
      "device, so no file or folder can be called 'COM1' (in any mix of capitals, with or without an ending such as "
      "'.yml') on a Windows computer. The record's file and page folder are named after it.", field="id"),
    H("windows-lpt9-review-folder", "windows",
      copy_tree(SECOND, "data/reviews/lpt9", ("review.yml", "id: second-review-2021", "id: lpt9")),
      at("data/reviews/lpt9/review.yml", 2, 5), "The id 'lpt9' cannot be used: 'LPT9' is a name Windows keeps for a "
      "device, so no file or folder can be called 'lpt9' (in any mix of capitals, with or without an ending such as "
      "'.yml') on a Windows computer. The record's file and page folder are named after it.", field="id"),
    H("windows-trailing-dot-id", "windows", event_file(f"{EVENTS}/late..yml", "late."),
      at(f"{EVENTS}/late..yml", 1, 5), "The id 'late.' cannot be used: it ends with a dot, which Windows drops from "
      "file and folder names, so on a Windows computer it would be the same as 'late'. The record's file and page "
      "folder are named after it.", field="id", also=("Did you mean 'late'?",)),
    H("windows-trailing-dot-folder", "windows", rename(SECOND, SECOND + "."),
      at(SECOND + "."), "The folder name 'second-review-2021.' cannot be used: it ends with a dot, which Windows drops "
      "from file and folder names, so on a Windows computer it would be the same as 'second-review-2021'. The project "
      "could not be copied to, or opened on, a Windows computer.", problems=2,
      also=("The id 'second-review-2021' does not match the folder name 'second-review-2021.'",), preview=True),
    H("windows-trailing-space-folder", "windows", rename(SECOND, SECOND + " "),
      at(SECOND + " "), "The folder name 'second-review-2021 ' cannot be used: it ends with a space, which Windows "
      "drops from file and folder names, so on a Windows computer it would be the same as 'second-review-2021'. The "
      "project could not be copied to, or opened on, a Windows computer.", problems=2),
    H("windows-forbidden-character", "windows", event_file(f"{EVENTS}/what?.yml", "what"),
      at(f"{EVENTS}/what?.yml"), "The file name 'what?.yml' cannot be used: it holds '?', which Windows does not "
      "allow in file and folder names. The project could not be copied to, or opened on, a Windows computer.",
      problems=None),
    H("windows-reserved-other-file", "windows", put("data/aux.md", "notes\n"),
      at("data/aux.md"), "The file name 'aux.md' cannot be used: 'AUX' is a name Windows keeps for a device, so no "
      "file or folder can be called 'aux.md' (in any mix of capitals, with or without an ending such as '.yml') on a "
      "Windows computer. The project could not be copied to, or opened on, a Windows computer."),
    # ---------------------------------------------------------------- the monitoring cycle's records
    H("period-two-units", "cycle", sub(SITE, "response_period: {weeks: 8}", "response_period: {weeks: 8, days: 56}"),
      at(SITE, 9, 20), "A period is a number of one unit: months, weeks, days or working_days. This one gives 2.",
      field="clocks.response_period", preview=True),
    H("period-zero", "cycle", sub(SITE, "call_in_period: {working_days: 5}", "call_in_period: {working_days: 0}"),
      at(SITE, 10, 34), "A period must be at least one working day.", field="clocks.call_in_period.working_days"),
    H("period-none", "cycle", sub(SITE, "update_cycle: {months: 6}", "update_cycle: {}"),
      at(SITE, 11, 17), "A period is a number of one unit: months, weeks, days or working_days. This one gives none.",
      field="clocks.update_cycle"),
    H("period-negative", "cycle", sub(SITE, "response_period: {weeks: 8}", "response_period: {weeks: -8}"),
      at(SITE, 9, 28), "'-8' is not a whole number.", field="clocks.response_period.weeks"),
    H("period-in-words", "cycle", sub(SITE, "update_cycle: {months: 6}", "update_cycle: {months: six}"),
      at(SITE, 11, 26), "'six' is not a whole number.", field="clocks.update_cycle.months"),
    H("period-unit-misspelt", "cycle", sub(SITE, "update_cycle: {months: 6}", "update_cycle: {month: 6}"),
      at(SITE, 11, 18), "'month' is not a field of a period. It may be a typo.", field="clocks.update_cycle.month",
      also=("Did you mean 'months'?",)),
    H("nation-unknown", "cycle", sub(SITE, "  nation: england", "  nation: england and wales"),
      at(SITE, 12, 11), "'england and wales' is not a nation.", field="clocks.nation"),
    H("scale-key-twice", "cycle", sub(SITE, "  - key: amber", "  - key: green"),
      at(SITE, 18, 10), "The assessment value 'green' is listed twice.", field="assessment_scale[2].key",
      problems=None),
    H("scale-tone-unknown", "cycle", sub(SITE, "tone: warn", "tone: orange"),
      at(SITE, 21, 11), "'orange' is not a colour family.", field="assessment_scale[2].tone"),
    H("scale-label-missing", "cycle", sub(SITE, "    label: Red\n", ""),
      at(SITE, 22, 5), "The required field 'label' is missing.", field="assessment_scale[3].label"),
    H("assessment-after-as-at", "cycle", sub(REC_III, '{as_written: 4 May 2021, edtf: "2021-05-04"}',
                                             '{as_written: 4 May 2022, edtf: "2022-05-04"}'),
      at(REC_III, 20, 11), "This assessment is dated after the 'as at' date (30 June 2021), so it cannot have happened "
      "yet.", field="assessments[1].date"),
    H("assessment-outcome-unknown", "cycle", sub(REC_III, "outcome: signed off", "outcome: done"),
      at(REC_III, 24, 14), "'done' is not an assessment outcome.", field="assessments[1].outcome"),
    H("assessment-unknown-field", "cycle", sub(REC_III, "    outcome: signed off", "    outcome: signed off\n    rating: 5"),
      at(REC_III, 25, 5), "'rating' is not a field of an assessment. It may be a typo.", field="assessments[1].rating"),
    H("assessment-without-source", "cycle", sub(REC_III, "    source: sample-minutes\n", ""),
      at(REC_III, 20, 5), "The required field 'source' is missing.", field="assessments[1].source"),
    H("commitment-without-given-by", "cycle", sub(COMMITMENT, "given_by: FT\n", ""),
      at(COMMITMENT, 2, 1), "The required field 'given_by' is missing.", field="given_by"),
    H("commitment-due-impossible", "cycle", sub(COMMITMENT, 'edtf: "2021-09"}', 'edtf: "2021-09-31"}'),
      at(COMMITMENT, 7, 48), "'2021-09-31' is not a real day: September 2021 has 30 days.", field="due.edtf"),
    H("commitment-progress-after-as-at", "cycle", sub(COMMITMENT, 'edtf: "2021-05-26"', 'edtf: "2021-08-26"'),
      at(COMMITMENT, 10, 11), "This progress update is dated after the 'as at' date (30 June 2021), so it cannot have "
      "happened yet.", field="progress[1].date", preview=True),
    H("report-back-every-two-units", "cycle",
      sub(RES_1, "related: [sample-decision]\n",
          "related: [sample-decision]\nreport_back: {every: {months: 6, weeks: 2}, source: sample-minutes}\n"),
      at(RES_1, 8, 22), "A period is a number of one unit: months, weeks, days or working_days. This one gives 2.",
      field="report_back.every"),
    H("report-back-date-as-words", "cycle",
      sub(RES_1, "related: [sample-decision]\n", "related: [sample-decision]\nreport_back: {dates: [next spring]}\n"),
      at(RES_1, 8, 23), "A date is written as a group: 'as_written' (the source's words) and 'edtf' (the machine "
      "date).", field="report_back.dates[1]"),
    H("evidence-quote-blank", "cycle", sub(COMMITMENT, "quote: the executive responds.", 'quote: " "'),
      at(COMMITMENT, 15, 16), "This text is blank.", field="progress[1].evidence[1].quote"),
    H("evidence-without-record", "cycle", sub(COMMITMENT, "      - record: sample-decision\n        part: b)",
                                              "      - part: b)"),
      at(COMMITMENT, 13, 9), "The required field 'record' is missing.", field="progress[1].evidence[1].record"),
    H("date-in-text-without-quote", "cycle",
      sub(RES_1, "related: [sample-decision]\n",
          "related: [sample-decision]\ndates_in_text:\n  - date: {as_written: May 2021, edtf: \"2021-05\"}\n"),
      at(RES_1, 9, 5), "The required field 'quote' is missing.", field="dates_in_text[1].quote"),
    H("date-in-text-bad-date", "cycle",
      sub(RES_1, "related: [sample-decision]\n",
          "related: [sample-decision]\ndates_in_text:\n  - quote: by the summer\n    date: {as_written: summer, edtf: summer}\n"),
      at(RES_1, 10, 38), "'summer' is not a date in the form the data uses (YYYY-MM-DD, YYYY-MM or YYYY, optionally "
      "ending ~ or ?, or a range A/B).", field="dates_in_text[1].date.edtf"),
    H("owner-aliases-not-a-list", "cycle", sub(OWNER, "aliases:\n  - FT\n  - the fixture team\n", "aliases: FT\n"),
      at(OWNER, 4, 10), "This should be a list (each item on its own line starting '- '), but it is a single value.",
      field="aliases", problems=None),
    H("owner-alias-shared", "cycle", sub(OWNER, "  - FT\n", "  - FT\n  - Democratic Services\n"),
      at(OWNER, 6, 5), "'Democratic Services' already names the owner 'democratic-services', so an action could not "
      "say which owner it means.", field="aliases[2]"),
    H("committee-alias-blank", "cycle", sub(CABINET, "aliases: [The executive]", 'aliases: [The executive, " "]'),
      at(CABINET, 6, 26), "This text is blank.", field="aliases[2]"),
    H("committee-executive-not-yes-or-no", "cycle", sub(CABINET, "executive: true", "executive: sometimes"),
      at(CABINET, 5, 12), "'sometimes' is not yes or no.", field="executive"),
    H("call-in-ends-impossible", "cycle",
      sub(DECISION, "effective_from:", 'call_in_ends: {as_written: 31/06/2021, edtf: "2021-06-31"}\neffective_from:'),
      at(DECISION, 16, 46), "'2021-06-31' is not a real day: June 2021 has 30 days.", field="call_in_ends.edtf"),
    H("response-without-text-or-note", "cycle", sub(REC_III, "  text: A letter is being prepared.\n", ""),
      at(REC_III, 8, 3), "This response has no text. Where the response itself is not among the sources, a 'note' "
      "must say so.", field="response"),
    # ---------------------------------------------------------------- accepted, on purpose
    H("bom-and-windows-line-endings-accepted", "accepted",
      both(*(raw(rel, lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")) for rel in (SITE, REC_I, MEETING))),
      "", "", accept=True, problems=None,
      page=("reviews/sample-review-2020/recommendations/i/index.html", "Many schools already have such policies.")),
    H("document-markers-accepted", "accepted",
      both(raw(RES_2, lambda b: b.replace(b'id: "2"', b'---\nid: "2"') + b"...\n"),
           raw(RES_1, lambda b: b"%YAML 1.1\n" + b.split(b"\n", 1)[1].replace(b'id: "1"', b'---\nid: "1"'))),
      "", "", accept=True, problems=None,
      page=("reviews/sample-review-2020/resolutions/2/index.html", "Asks for a report in six months.")),
    H("invisible-and-right-to-left-text-accepted", "accepted",
      sub(REC_I, "heading: School policies", "heading: School policies \u200dشكرا\u200f and \u2067ok\u2069"),
      "", "", accept=True, problems=None,
      page=("reviews/sample-review-2020/recommendations/i/index.html", "School policies \u200dشكرا\u200f")),
    H("standard-tag-and-long-line-accepted", "accepted",
      both(sub(REC_I, "heading: School policies", "heading: !!str School policies"),
           sub(REC_III, "note: The progress entry is not dated in the source.",
               "note: " + "The progress entry is not dated. " * (LONG_ACCEPTED // 32))),
      "", "", accept=True, problems=None, big=True,
      page=("reviews/sample-review-2020/recommendations/i/index.html", "School policies")),
]


def test_the_corpus_is_large_and_covers_every_class():
    names = [c.name for c in CASES]
    assert len(set(names)) == len(names)
    by_class: dict[str, int] = {}
    for case in CASES:
        by_class[case.kind] = by_class.get(case.kind, 0) + 1
    assert len(CASES) >= 60, by_class
    assert set(by_class) == {"yaml", "encoding", "size", "reference", "collision", "conflict", "symlink", "windows",
                             "cycle", "accepted"}, by_class
    assert all(n >= 4 for n in by_class.values()), by_class


# ------------------------------------------------------------------ running a case


_LIMIT = ("import os, resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({m}, {m})); "
          "os.execv(sys.argv[1], sys.argv[1:])")


def bounded(args: list[str], cwd: Path, env: dict) -> tuple[int, str, float]:
    """Run a command within MEMORY and RUNTIME: (exit code, its output, seconds taken)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    environment.pop("TRACKER_DEBUG", None)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", _LIMIT.format(m=MEMORY), *args], cwd=cwd, env=environment,
                            capture_output=True, text=True, timeout=RUNTIME, errors="replace")
    return result.returncode, result.stdout + result.stderr, time.monotonic() - started


@dataclass
class Outcome:
    check: tuple[int, str, float]
    build: tuple[int, str, float]
    site: Path


def run_case(case: Hostile, folder: Path) -> Outcome:
    project = folder / "project"
    project.mkdir(parents=True)
    shutil.copytree(FIXTURE, project / "data", symlinks=True)
    case.mutate(project)
    check = bounded([str(BIN / "tracker"), "check", "--data", "data"], project, {})
    site = folder / "site"
    build = bounded([str(BIN / "mkdocs"), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)], ROOT,
                    {"TRACKER_DATA_DIR": str(project / "data")})
    return Outcome(check, build, site)


@pytest.fixture(scope="module")
def outcomes(request, tmp_path_factory) -> dict[str, Outcome]:
    """Every selected case, run two at a time (each command in its own process)."""
    wanted = {item.callspec.params["case"].name for item in request.session.items
              if getattr(item, "callspec", None) and "case" in item.callspec.params
              and item.module is request.module}
    chosen = [c for c in CASES if c.name in wanted]
    base = tmp_path_factory.mktemp("corpus")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        results = dict(zip((c.name for c in chosen), pool.map(lambda c: run_case(c, base / c.name), chosen)))
    print(f"\nthe corpus: {len(chosen)} cases in {time.monotonic() - started:.1f} s")
    return results


def _assert_reported(case: Hostile, exit_code: int, text: str, what: str, count_words: str) -> None:
    assert exit_code == 1 if what == "tracker check" else exit_code != 0, f"{what} exit {exit_code}:\n{text}"
    assert "Traceback" not in text and "Something went wrong inside" not in text, text
    assert case.header in text, f"{what}: no '{case.header}' in:\n{text}"
    assert f"\n  {case.message}\n" in text, f"{what}: the message is not, exactly:\n  {case.message}\nin:\n{text}"
    for piece in case.also:
        assert piece in text, f"{what}: no '{piece}' in:\n{text}"
    if case.problems is not None:
        noun = "problem" if case.problems == 1 else "problems"
        assert f"The data has {case.problems} {noun}. {count_words}" in text, text
    assert SECRET not in text, f"{what} shows what a link points to:\n{text}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_data(case: Hostile, outcomes):
    outcome = outcomes[case.name]
    (check_code, check_text, check_time), (build_code, build_text, build_time) = outcome.check, outcome.build
    if case.accept:
        assert check_code == 0, check_text
        assert "The data is ready to publish" in check_text
        assert build_code == 0, build_text
        page, words = case.page
        assert words in (outcome.site / page).read_text(encoding="utf-8")
    else:
        _assert_reported(case, check_code, check_text, "tracker check",
                         "The site cannot be built until " + ("it is" if case.problems == 1 else "they are") + " fixed.")
        _assert_reported(case, build_code, build_text, "mkdocs build", "Nothing was published.")
        assert not outcome.site.exists(), "a failed build must not leave a site folder"
    if case.big:
        # On a busy machine every command is slower: the bound grows with the typical case's time, so only a big
        # file that is slow in itself (a parser running away) fails.
        typical = statistics.median(o.build[2] for o in outcomes.values())
        bound = max(BIG_RUNTIME, 3 * typical)
        assert check_time < bound and build_time < bound, (check_time, build_time, typical)


# ------------------------------------------------------------------ the preview


PAGE = "reviews/sample-review-2020/recommendations/i/"
PREVIEW_WAIT = 30.0
"""The longest the preview may take to show a message, or the mended site, in seconds."""
PREVIEW_BOUND = 240.0
"""The longest the whole preview round may take, in seconds."""


def _snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def _restore(data: Path, snapshot: dict[str, bytes]) -> None:
    """Put the data folder back exactly as the snapshot holds it (links, new files and folders removed)."""
    for folder, dirs, files in os.walk(data, topdown=False):
        here = Path(folder)
        for name in files + dirs:
            path = here / name
            rel = path.relative_to(data).as_posix()
            if path.is_symlink():
                path.unlink()
            elif path.is_dir():
                if not any(key.startswith(rel + "/") for key in snapshot):
                    shutil.rmtree(path)
            elif rel not in snapshot:
                path.unlink()
    for rel, content in snapshot.items():
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)


def test_the_preview_survives_hostile_data_and_recovers(tmp_path):
    """One preview on a copy: each case in the subset breaks the data, the terminal shows its message and
    the browser the error page with the same message; the data is mended, and the site comes back with the
    mended text."""
    from test_serve import Server, free_port, wait_for

    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(FIXTURE, project / "data")
    data = project / "data"
    rec = REC_I[len("data/"):]
    original = (data / rec).read_text(encoding="utf-8")

    def marked(n: int) -> bytes:
        # A marker on a line no case in the subset touches, so the cases' lines and columns stay as they are.
        return original.replace("policies to all schools;", f"policies to all schools; round {n}").encode()

    (data / rec).write_bytes(marked(0))
    pristine = _snapshot(data)
    subset = [c for c in CASES if (c.preview or os.environ.get("CORPUS_PREVIEW_ALL")) and not c.accept and c.watched]
    assert len(subset) >= 15
    started = time.monotonic()
    server = Server(project, free_port())
    try:
        wait_for(lambda: server.page(PAGE)[0] == 200 or server.process.poll() is not None, "the first build",
                 PREVIEW_WAIT)
        good = "schools; round 0"
        for round_number, case in enumerate(subset, start=1):
            since = len(server.lines)
            case.mutate(project)
            wait_for(lambda: case.message in "".join(server.lines[since:]), f"the message of {case.name}",
                     PREVIEW_WAIT)
            shown = "".join(server.lines[since:])
            assert case.header in shown, shown
            assert "Traceback" not in shown and SECRET not in shown, shown
            assert server.process.poll() is None, server.output
            # While the data is wrong, every page is the error page, saying what the terminal says.
            status, body = server.page(PAGE)
            words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
            assert status == 500 and good not in body, f"{case.name}: the error page is not served"
            assert " ".join(case.message.split()) in words, f"{case.name}: the error page does not say {case.message!r}"
            assert "Traceback" not in body and SECRET not in body, case.name
            # Mend: the data as it was, with a new marker that only a rebuild after the mend can show.
            _restore(data, {**pristine, rec: marked(round_number)})
            good = f"schools; round {round_number}"
            wait_for(lambda: good in server.page(PAGE)[1], f"the site after mending {case.name}", PREVIEW_WAIT)
        assert "Traceback" not in server.output
    finally:
        server.stop()
    assert time.monotonic() - started < PREVIEW_BOUND


# ------------------------------------------------------------------ the engine's own checks, in process


def test_output_paths_that_differ_only_in_capitals_stop_the_build_before_anything_is_written(tmp_path, monkeypatch):
    """The last line of defence: whatever made them (a redirect, a download, a page), two published paths that a
    case-insensitive computer takes for one are refused by Build.prepare, which runs before MkDocs writes."""
    from tracker.build import Build
    from tracker.problems import DataProblems

    project = shutil.copytree(FIXTURE, tmp_path / "data")
    real = Build.redirects
    monkeypatch.setattr(Build, "redirects", lambda self: {**real(self), "Owners/index.html": b"", "glossary": b""})
    with pytest.raises(DataProblems) as raised:
        Build.prepare(project, ROOT / "overrides" / "records")
    report = raised.value.report()
    assert ("The file 'Owners/index.html' would be published at 'Owners/', the same address, apart from capital "
            "letters, as the site's own page 'Who is responsible'. One would silently replace the other.") in report
    assert ("would be published at 'glossary', a file where the site's own page 'Abbreviations' needs a folder of "
            "that name") in report


def test_a_data_file_is_opened_without_following_a_link(tmp_path):
    """Even asked for a link directly, the reader refuses it without opening what it points to."""
    from tracker import yamlfile

    target = tmp_path / "secret.yml"
    target.write_text(f"{SECRET}: x\n")
    (tmp_path / "link.yml").symlink_to(target)
    parsed = yamlfile.read(tmp_path / "link.yml", "link.yml")
    assert parsed.node is None and parsed.lines == []
    assert [p.message for p in parsed.problems] == [yamlfile.symlink_problem("link.yml").message]
    assert SECRET not in repr(parsed)


def test_a_fifo_is_not_waited_on(tmp_path):
    from tracker import yamlfile

    import threading

    fifo = tmp_path / "pipe.yml"
    os.mkfifo(fifo)
    found = []
    reader = threading.Thread(target=lambda: found.append(yamlfile.read(fifo, "pipe.yml")), daemon=True)
    reader.start()
    reader.join(5)
    waited = reader.is_alive()
    if waited:  # unblock the reader (a writer that opens and closes), so the test fails instead of hanging
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
    assert not waited, "reading a named pipe waited for someone to write to it"
    assert found[0].problems[0].message == "This is not an ordinary file, so it cannot be read."


def test_a_million_nested_brackets_are_refused_quickly():
    from tracker import yamlfile

    started = time.monotonic()
    parsed = yamlfile.parse("a: " + "[" * 1_000_000, "deep.yml")
    assert time.monotonic() - started < BIG_RUNTIME
    assert "more than 32 levels deep" in parsed.problems[0].message


# ------------------------------------------------------------------ properties (Hypothesis)

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

FRAGMENTS = ["\n", "  ", "- ", ": ", "'", '"', "[", "]", "{", "}", ",", "#", "&a ", "*a", "!x ", "|", ">", "---",
             "...", "<<<<<<< HEAD\n", "=======\n", ">>>>>>> b\n", "|||||||\n", "\t", "\\", "\\u", "\\ud800", "\\0",
             "\x00", "\x07", "\u202e", "\u200b", "e\u0301", "é", "\ufeff", "%", "@", "?", "id", "text", "<<", "\r", "\u2028", "\x85"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60))
def test_any_text_is_read_or_explained_never_crashes(pieces):
    """Whatever the text, the reader returns nodes or problems (never raises), and every problem is placed in
    the file at a line that exists."""
    from tracker import yamlfile

    text = "".join(pieces)
    parsed = yamlfile.parse(text, "f.yml")
    assert parsed.node is not None or parsed.problems
    for problem in parsed.problems:
        assert problem.where.file == "f.yml"
        assert problem.where.line is None or 1 <= problem.where.line <= len(parsed.lines) + 1
        problem.explain()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.sampled_from(sorted(str(p.relative_to(FIXTURE)) for p in FIXTURE.rglob("*.yml"))),
       st.floats(0, 1), st.sampled_from(FRAGMENTS))
def test_a_hostile_fragment_anywhere_in_any_file_is_explained(tmp_path_factory, rel, where, fragment):
    """One hostile fragment inserted anywhere in any fixture file: the data loads, or every problem is reported
    at a file of the data and a line that exists; nothing of the loader crashes."""
    from tracker.load import load
    from tracker.problems import DataProblems

    data = tmp_path_factory.mktemp("fragment") / "data"
    shutil.copytree(FIXTURE, data)
    path = data / rel
    text = path.read_text(encoding="utf-8")
    cut = int(where * len(text))
    path.write_text(text[:cut] + fragment + text[cut:], encoding="utf-8", newline="")
    try:
        load(data)
    except DataProblems as problems:
        for problem in problems.problems:
            assert problem.where.file.startswith("data/"), problem
            file = data.parent / problem.where.file
            if problem.where.line is not None and file.is_file():
                assert problem.where.line <= file.read_text(encoding="utf-8", errors="replace").count("\n") + 2
            problem.explain()
