"""The committee's tracker report: its rows, the Word file, the spreadsheet and the page, on the real record and on a
fixture with moved deadlines and assessments."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tracker import cli, report
from tracker.build import Build
from tracker.load import load
from tracker.pages import Site
from tracker.report_docx import document
from tracker.report_xlsx import workbook

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "report-data"
"""The real record, with a meeting of 22 March 2021 that assessed two items, and two deadlines moved (the site is
kept as at 30 June 2021)."""
REAL_DAY = date(2026, 12, 1)
REASON = "The Early Help team’s “refresh” of the offer was delayed – staff were redeployed."


@pytest.fixture(scope="module")
def real() -> Site:
    return Site(load(ROOT / "data", today=REAL_DAY))


@pytest.fixture(scope="module")
def fixture_site() -> Site:
    return Site(load(FIXTURE))


@pytest.fixture(scope="module")
def made(fixture_site) -> report.Report:
    return report.build(fixture_site, since=date(2021, 3, 1))


def rows_of(made: report.Report, item: str) -> list[report.Outstanding]:
    return [row for row in made.outstanding if row.item == item]


# ----- the rows -----


def test_real_record_lists_the_overdue_letter_with_its_owner_and_how_long_overdue(real):
    made = report.build(real)
    (letter,) = rows_of(made, "Recommendation iv")
    assert letter.owner == "Democratic Services"
    assert letter.due == "End of March 2020"
    assert letter.progress.label == "Past due" and letter.is_overdue
    assert letter.overdue == "6 years" and letter.overdue_days == (REAL_DAY - date(2020, 3, 31)).days
    assert letter.assessment == "Not yet assessed"
    # Overdue items come first, longest overdue first.
    overdue = [row.overdue_days for row in made.outstanding if row.is_overdue]
    assert overdue == sorted(overdue, reverse=True) and made.outstanding[0].is_overdue


def test_recommendations_answered_together_are_one_row(real):
    made = report.build(real)
    items = [row.item for row in made.outstanding]
    assert "Recommendations i, ii and iii" in items
    assert not {"Recommendation i", "Recommendation ii", "Recommendation iii"} & set(items)


def test_complete_and_no_action_items_are_not_outstanding(real):
    made = report.build(real)
    items = {row.item for row in made.outstanding}
    assert "Recommendation v" not in items  # complete
    assert "Recommendation viii" not in items  # no action planned
    assert made.closed == 2 and made.monitored == 27


def test_resolutions_without_follow_up_are_listed_apart(real):
    made = report.build(real)
    assert [row.item for row in made.no_follow_up] == [f"Resolution {n}" for n in range(1, 12)]


def test_real_record_has_no_assessments_or_moved_deadlines_and_says_so(real):
    made = report.build(real)
    assert made.assessments == [] and made.moved == []
    by_sheet = {t.sheet: t for t in report.tables(made)}
    assert by_sheet["Assessments"].rows == []
    assert by_sheet["Assessments"].empty == "The committee has recorded no assessments of these items."


def test_fixture_assessments_with_the_committees_words_and_sign_off(made):
    assert [(a.item, a.value, a.outcome, a.date) for a in made.assessments] == [
        ("Recommendation vi", "Slipped", "", date(2021, 3, 22)),
        ("Commitment: Enhanced induction process in place by the end of September 2020", "Achieved", "Signed off",
         date(2021, 3, 22)),
    ]
    assert made.assessments[0].words == "The committee noted the letter’s delay — a revised date is needed."
    assert made.assessments[0].meeting.startswith("Children and Young People Scrutiny Committee: progress")
    # The signed-off commitment no longer counts as outstanding, though its date has passed.
    assert not [r for r in made.outstanding if "Enhanced induction" in r.item]
    (vi,) = rows_of(made, "Recommendation vi")
    assert vi.assessment == "Slipped (22 March 2021)"


def test_fixture_moved_deadlines_with_reasons(made):
    assert [(m.item, m.was, m.now, m.changed_words, m.reason) for m in made.moved] == [
        ("Recommendation iv", "End of March 2020", "End of June 2020", "1 April 2020",
         "The letter awaits the Chairperson’s approval."),
        ("Recommendation x", "September 2020", "December 2021", "22 March 2021", REASON),
    ]
    (x,) = rows_of(made, "Recommendation x")
    assert x.due == "December 2021" and not x.is_overdue and x.progress.label == "In progress"
    assert x.moved == "Moved once, last on 22 March 2021"
    (iv,) = rows_of(made, "Recommendation iv")
    assert iv.due == "End of June 2020" and iv.overdue == "1 year"


def test_changes_since_the_last_report(fixture_site):
    since_before = report.build(fixture_site, since=date(2021, 3, 21))
    assert [(c.item, c.kind) for c in since_before.changes] == [
        ("Recommendation vi", "Committee’s assessment"),
        ("Recommendation x", "Deadline moved"),
        ("Commitment: Enhanced induction process in place by the end of September 2020",
         "Committee’s assessment"),
    ]
    assert since_before.changes[1].words == f"Now due December 2021. {REASON}"
    assert report.build(fixture_site, since=date(2021, 3, 22)).changes == []


def test_default_since_is_a_quarter_before_the_as_at_day(fixture_site):
    assert report.build(fixture_site).since == date(2021, 3, 30)


def test_scope_by_committee_and_review(fixture_site):
    scope = report.scope_of(fixture_site, committee="Children and Young People Scrutiny Committee")
    assert scope.title == "Children and young people scrutiny committee"
    assert [r.id for r in scope.reviews] == ["peer-on-peer-abuse-2019"]
    cabinet = report.scope_of(fixture_site, committee="cabinet")
    assert cabinet.reviews == () and report.build(fixture_site, cabinet).outstanding == []
    with pytest.raises(report.UnknownScope, match="There is no review 'nope'. The reviews are: peer-on-peer-abuse-2019"):
        report.scope_of(fixture_site, review="nope")


# ----- the Word file -----


def test_word_file_has_real_headings_a_repeating_header_row_and_landscape_pages(made):
    doc = Document(_bytes(document(made)))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        ("Title", "Recommendations tracker report: All reviews"),
        ("Heading 1", "Summary"),
        ("Heading 1", "Outstanding and overdue items"),
        ("Heading 1", "Asked for action, with no follow-up recorded"),
        ("Heading 1", "The committee’s assessments"),
        ("Heading 1", "Deadlines that moved"),
        ("Heading 1", "What has changed since 1 March 2021"),
    ]
    section = doc.sections[0]
    assert section.page_width > section.page_height
    for table in doc.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert all(c.paragraphs[0].runs[0].bold for c in table.rows[0].cells)
    outstanding = doc.tables[0]
    names = [c.text for c in outstanding.rows[0].cells]
    assert names == ["Item", "What was to be done", "Owner", "Due", "Progress recorded", "Overdue by",
                     "Latest information", "Committee’s assessment", "Deadline moved"]
    first = [c.text for c in outstanding.rows[1].cells]
    assert first[0] == "Recommendation vi" and first[4] == "Past due" and first[7] == "Slipped (22 March 2021)"


def test_word_file_keeps_curly_quotes_and_dashes_and_names_itself(made):
    doc = Document(_bytes(document(made)))
    moved = doc.tables[3]
    assert [c.text for c in moved.rows[0].cells][-1] == "Reason"
    assert moved.rows[2].cells[-1].text == REASON
    props = doc.core_properties
    assert props.title == "Recommendations tracker report: All reviews"
    assert props.author == "Herefordshire Council" and props.language == "en-GB"
    assert props.created.date() == date(2021, 6, 30)


def test_word_file_of_the_real_record_says_what_is_empty(real):
    doc = Document(_bytes(document(report.build(real))))
    texts = [p.text for p in doc.paragraphs]
    assert "The committee has recorded no assessments of these items." in texts
    assert "No deadline in this report has moved." in texts


# ----- the spreadsheet -----


def test_spreadsheet_has_the_same_rows_frozen_headers_and_real_dates(made):
    book = load_workbook(_bytes(workbook(made)))
    assert book.sheetnames == ["About", "Outstanding", "No follow-up", "Assessments", "Moved deadlines",
                               "Since last report"]
    sheet = book["Outstanding"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Item", "Review", "Action", "What was to be done"] and "Due by" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(made.outstanding)
    first = dict(zip(header, rows[0]))
    assert first["Item"] == "Recommendation vi" and first["Progress recorded"] == "Past due"
    assert first["Due by"] == datetime(2020, 3, 31) and first["Days overdue"] == (date(2021, 6, 30) - date(2020, 3, 31)).days
    due_cell = sheet.cell(row=2, column=header.index("Due by") + 1)
    assert due_cell.is_date and due_cell.number_format == "d mmmm yyyy"
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["C"].width


def test_spreadsheet_keeps_every_curly_quote_and_dash(made):
    book = load_workbook(_bytes(workbook(made)))
    moved = book["Moved deadlines"]
    header = [c.value for c in moved[1]]
    reasons = [row[header.index("Reason")] for row in moved.iter_rows(min_row=2, values_only=True)]
    assert reasons == ["The letter awaits the Chairperson’s approval.", REASON]
    words = [row[6] for row in book["Assessments"].iter_rows(min_row=2, values_only=True)]
    assert words[0] == "The committee noted the letter’s delay — a revised date is needed."
    assert book.properties.title == "Recommendations tracker report: All reviews"


def test_empty_sheet_says_so(real):
    book = load_workbook(_bytes(workbook(report.build(real))))
    assert book["Moved deadlines"]["A2"].value == "No deadline in this report has moved."


# ----- the command -----


def test_command_writes_both_files(tmp_path, capsys):
    assert cli.main(["report", "--data", str(FIXTURE), "--out", str(tmp_path), "--since", "2021-03-01"]) == 0
    said = capsys.readouterr().out
    docx_file = tmp_path / "tracker-report-all-reviews-2021-06-30.docx"
    xlsx_file = tmp_path / "tracker-report-all-reviews-2021-06-30.xlsx"
    assert f"Wrote {docx_file}" in said and f"Wrote {xlsx_file}" in said
    assert "13 have actions outstanding, 7 of them past due" in said
    assert Document(str(docx_file)).tables and load_workbook(xlsx_file)["Outstanding"]["A2"].value


def test_command_for_one_review_and_one_format(tmp_path):
    assert cli.main(["report", "--data", str(FIXTURE), "--out", str(tmp_path), "--review", "peer-on-peer-abuse-2019",
                     "--format", "xlsx"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["tracker-report-peer-on-peer-abuse-2019-2021-06-30.xlsx"]


@pytest.mark.parametrize(("args", "message"), [
    (["--committee", "scrutiny"], "There is no committee 'scrutiny'. The committees are:"),
    (["--as-at", "2021-13-01"], "--as-at '2021-13-01' is not a day: write it YYYY-MM-DD"),
    (["--as-at", "2021-01-01"], "is before the day the record is kept as at (30 June 2021, set in data/site.yml)"),
    (["--since", "2021-07-01"], "--since 2021-07-01 must be before the day the report is as at."),
])
def test_command_explains_what_it_cannot_do(tmp_path, capsys, args, message):
    assert cli.main(["report", "--data", str(FIXTURE), "--out", str(tmp_path), *args]) == 1
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_as_at_before_the_records_own_information_is_refused(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert cli.main(["report", "--data", str(data), "--out", str(tmp_path), "--as-at", "2020-01-01"]) == 1
    assert "--as-at 2020-01-01 is before information the record already holds" in capsys.readouterr().err


# ----- the page -----


def test_report_page_is_planned_and_renders_the_fixture_rows():
    build = Build.prepare(FIXTURE, ROOT / "overrides" / "records")
    page = build.pages["report.md"]
    assert page.url == "report/" and page.title == "Recommendations tracker report" and not page.searchable
    html = build.content("report.md")
    for heading in ("Outstanding and overdue items", "The committee’s assessments", "Deadlines that moved",
                    "What has changed since 30 March 2021"):
        assert heading in html
    assert "The Early Help team’s “refresh” of the offer was delayed – staff were redeployed." in html
    assert 'href="../reviews/peer-on-peer-abuse-2019/recommendations/x/"' in html
    assert "<thead>" in html and html.count("<table") == 4  # nothing is newer than the default quarter
    assert "Nothing has been recorded since 30 March 2021." in html


def _bytes(data: bytes):
    import io

    return io.BytesIO(data)


def test_word_file_renders_to_landscape_pdf_pages(made, tmp_path):
    """LibreOffice opens the file and lays it out: every page landscape. Skipped where it is not installed."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "report.docx"
    source.write_bytes(document(made))
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    pdf = (tmp_path / "report.pdf").read_bytes()
    boxes = {tuple(round(float(n)) for n in box.decode().split()) for box in re.findall(rb"/MediaBox\s*\[([\d. ]+)\]", pdf)}
    assert boxes and all(width > height for _, _, width, height in boxes), boxes
    if shutil.which("pdftotext"):
        # Each table heading's words sit whole in their column: a column too narrow splits "Assessment" into
        # "Assessmen" and "t" on the next line.
        text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True,
                              text=True, timeout=60).stdout
        for word in ("Recommendation", "Progress", "recorded", "Overdue", "Committee’s", "assessment",
                     "Assessment", "Deadline", "information"):
            for cut in range(2, len(word)):
                assert f"{word[:cut]}\n{word[cut:]}" not in text, f"{word!r} is split after {word[:cut]!r}"


@pytest.mark.parametrize("make", [document, workbook], ids=["docx", "xlsx"])
def test_files_are_dated_by_the_as_at_day_not_the_moment_they_were_made(made, make):
    """One record as at one day always makes the same bytes: every part and the document's dates are that day."""
    import zipfile

    archive = zipfile.ZipFile(_bytes(make(made)))
    assert {info.date_time for info in archive.infolist()} == {(2021, 6, 30, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert re.search(r"<dcterms:modified[^>]*>2021-06-30T00:00:00Z</dcterms:modified>", core), core
