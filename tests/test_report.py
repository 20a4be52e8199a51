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
from conftest import with_second_review
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
    # The site's words for the date, then the source's own, as a record page gives them.
    assert letter.due == "March 2020 (the source says “End of March 2020”)"
    assert letter.progress.label == "Past due" and letter.is_overdue
    assert letter.overdue == "6 years 8 months" and letter.overdue_days == (REAL_DAY - date(2020, 3, 31)).days
    assert letter.assessment == "None recorded"  # as the record page says it
    assert letter.latest == "Between February and March 2020: the response report"  # the title is on its page
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
    assert made.closed == 2 and made.monitored == 29


def test_counts_agree_with_the_list_of_everything_overdue(real):
    """Recommendations i, ii and iii share one action: the site counts three items, the table one action."""
    made = report.build(real)
    assert made.past_due_items == len(real.views.overdue) == 11
    assert len(made.overdue) == 9 and len(made.outstanding) == 14 and made.open_items == 16
    assert made.summary_lines[1:3] == [
        "2 are complete, signed off, closed or need no action; 16 have actions outstanding; 11 are past their due "
        "date, as the list of everything overdue counts them.",
        "Recommendations i, ii and iii share their actions, so the table of outstanding items lists each such action "
        "once: 14 actions outstanding, 9 of them past due.",
    ]


def test_owners_are_named_as_their_records_name_them(real):
    made = report.build(real)
    owners = {row.owner for row in made.outstanding}
    assert "ADED&S" not in owners and "head of legal services" not in owners
    assert {"Assistant Director, Education, Development and Skills", "Head of legal services"} <= owners


def test_due_dates_in_the_site_style_with_the_sources_words_where_they_differ(real):
    made = report.build(real)
    (shared,) = rows_of(made, "Recommendations i, ii and iii")
    assert shared.due == "31 January 2021 (the source says “31st January 2021”)"
    (x,) = rows_of(made, "Recommendation x")
    assert x.due == "September 2020"  # the source words it as the site does
    (xii,) = rows_of(made, "Recommendation xii")
    assert xii.due == "When policies are reviewed or new ones are created"  # a condition, not a date


def test_abbreviations_the_report_uses_are_explained(real):
    made = report.build(real)
    assert dict(made.abbreviations) == {
        "MASH": "Multi Agency Safeguarding Hub", "DfE": "Department for Education",
        "ADED&S": "assistant director education, development and skills",
        "CSO": "not spelled out in the source documents"}


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
        ("Recommendation vi", "Slipped", "Not signed off or closed", date(2021, 3, 22)),
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
        ("Recommendation iv", "March 2020 (the source says “End of March 2020”)",
         "June 2020 (the source says “End of June 2020”)", "1 April 2020", "The letter awaits the Chairperson’s approval."),
        ("Recommendation x", "September 2020", "December 2021", "22 March 2021", REASON),
    ]
    (x,) = rows_of(made, "Recommendation x")
    assert x.due == "December 2021" and not x.is_overdue and x.progress.label == "In progress"
    assert x.moved == "Moved once, last on 22 March 2021"
    (iv,) = rows_of(made, "Recommendation iv")
    assert iv.due == "June 2020 (the source says “End of June 2020”)" and iv.overdue == "1 year"


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
        ("Heading 1", "Abbreviations"),
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
    assert "15 have actions outstanding; 9 are past their due date" in said
    assert "13 actions outstanding, 7 of them past due" in said
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


@pytest.fixture(scope="module")
def two_reviews(tmp_path_factory) -> Site:
    """The fixture with a second review (a copy of the first under another name), as a committee's report covers
    it: the Word file adds a Review column."""
    return Site(load(with_second_review(tmp_path_factory.mktemp("two") / "data")))


def test_two_reviews_are_counted_apart(two_reviews):
    made = report.build(two_reviews, report.scope_of(two_reviews, committee="children-and-young-people-scrutiny"))
    assert made.monitored == 58 and made.open_items == 30 and made.past_due_items == 18
    assert "Recommendations i, ii and iii of the Second spotlight review share their actions" in made.summary_lines[2]


def _words(text: str) -> list[str]:
    """Words as a line may break them: at spaces, and after a hyphen, dash or slash; quotes and stops stripped."""
    return [w for w in (part.strip("“”‘’\"'.,;:()[]…!?") for part in re.split(r"[\s\-–—/]+", text)) if w]


@pytest.mark.parametrize("case", ["one review", "two reviews"])
def test_word_file_renders_to_landscape_pdf_pages_with_every_word_whole(case, made, two_reviews, tmp_path):
    """LibreOffice opens the file and lays it out: every page landscape, and every word of every cell whole (a
    column too narrow splits "Recommendation" into "Recommendatio" and "n"). Skipped where it is not installed."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice or pdftotext is not installed")
    if case == "two reviews":
        made = report.build(two_reviews, report.scope_of(two_reviews, committee="children-and-young-people-scrutiny"),
                            since=date(2021, 3, 1))
    source = tmp_path / "report.docx"
    source.write_bytes(document(made))
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    pdf = (tmp_path / "report.pdf").read_bytes()
    boxes = {tuple(round(float(n)) for n in box.decode().split()) for box in re.findall(rb"/MediaBox\s*\[([\d. ]+)\]", pdf)}
    assert boxes and all(width > height for _, _, width, height in boxes), boxes
    doc = Document(str(source))
    if case == "two reviews":
        assert [c.text for c in doc.tables[0].rows[0].cells][:2] == ["Item", "Review"]
    written = {w for p in doc.paragraphs for w in _words(p.text)}
    written |= {w for t in doc.tables for row in t.rows for c in row.cells for w in _words(c.text)}
    printed = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True,
                             text=True, timeout=60).stdout
    bullet = "\uf0b7"  # the list bullet, drawn from a symbol font
    broken = [w for w in _words(printed) if w not in written and w != bullet]
    assert not broken, f"words split across lines: {broken[:12]}"


def test_page_word_file_and_spreadsheet_say_the_same_counts():
    build = Build.prepare(FIXTURE, ROOT / "overrides" / "records")
    html = build.content("report.md")
    made = report.build(build.site)
    texts = [p.text for p in Document(_bytes(document(made))).paragraphs]
    in_sheet = [row[0] for row in load_workbook(_bytes(workbook(made)))["About"].iter_rows(values_only=True)]
    lines = report.summary(made)
    assert "9 are past their due date" in lines[1] and "13 actions outstanding, 7 of them past due" in lines[2]
    for line in lines:
        assert line in texts and line in in_sheet and f"<li>{line}</li>" in html


def test_word_file_says_no_for_deadlines_never_moved_and_lists_its_abbreviations(made):
    doc = Document(_bytes(document(made)))
    outstanding = doc.tables[0]
    names = [c.text for c in outstanding.rows[0].cells]
    moved = {row.cells[names.index("Deadline moved")].text for row in outstanding.rows[1:]}
    assert "No" in moved and "Never" not in moved
    assessments = doc.tables[2]
    assert [row.cells[-1].text for row in assessments.rows[1:]] == ["Not signed off or closed", "Signed off"]
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("Abbreviations")
    assert "DfE: Department for Education" in texts[at:]


def test_report_page_explains_its_abbreviations():
    build = Build.prepare(FIXTURE, ROOT / "overrides" / "records")
    html = build.content("report.md")
    assert '<h2 id="abbreviations">Abbreviations in this report</h2>' in html
    assert "<dt>DfE</dt>\n<dd>Department for Education" in html
    assert ">None<" not in html and "Not yet assessed" not in html


@pytest.mark.parametrize("make", [document, workbook], ids=["docx", "xlsx"])
def test_files_are_dated_by_the_as_at_day_not_the_moment_they_were_made(made, make):
    """One record as at one day always makes the same bytes: every part and the document's dates are that day."""
    import zipfile

    archive = zipfile.ZipFile(_bytes(make(made)))
    assert {info.date_time for info in archive.infolist()} == {(2021, 6, 30, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert re.search(r"<dcterms:modified[^>]*>2021-06-30T00:00:00Z</dcterms:modified>", core), core


# ----- with several reviews: an overview, and a page per review -----


@pytest.fixture(scope="module")
def two_review_build(tmp_path_factory) -> Build:
    """The fixture with a second review (a copy of the first under another name), built as the site builds it."""
    return Build.prepare(with_second_review(tmp_path_factory.mktemp("two-build") / "data"), ROOT / "overrides" / "records")


def test_one_review_keeps_the_whole_report_at_its_address():
    build = Build.prepare(FIXTURE, ROOT / "overrides" / "records")
    assert [src for src in build.pages if src.startswith("report")] == ["report.md"]
    assert "Every review’s tracker report" not in build.content("report.md")


def test_several_reviews_make_an_overview_with_a_line_per_review(two_review_build):
    planned = [src for src in two_review_build.pages if src.startswith("report")]
    assert planned == ["report.md", "report/peer-on-peer-abuse-2019.md", "report/second-review.md"]
    html = two_review_build.content("report.md")
    assert '<h2 id="committee-children-and-young-people-scrutiny">Children and young people scrutiny committee</h2>' in html
    assert "2 reviews: what each report holds" in html
    for review in ("peer-on-peer-abuse-2019", "second-review"):
        assert f'href="{review}/"' in html
    # The overview's counts are each review's own report's: 13 actions outstanding, 7 of them past due.
    row = html[html.index('href="second-review/"'):].split("</tr>")[0]
    assert re.findall(r'<td data-label="[^"]+">(\d+)</td>', row)[:2] == ["13", "7"]
    assert "Outstanding and overdue items" not in html  # the rows are on each review's page, not here


def test_each_review_has_its_own_report_page_linking_back(two_review_build):
    page = two_review_build.pages["report/second-review.md"]
    assert page.url == "report/second-review/" and not page.searchable
    assert page.title == "Recommendations tracker report: Second spotlight review"
    html = two_review_build.content("report/second-review.md")
    assert "<h1>Recommendations tracker report: Second spotlight review</h1>" in html
    assert "13 actions outstanding, 7 of them past due" in html
    assert 'href="../../reviews/second-review/recommendations/x/"' in html
    assert 'href="../../reviews/peer-on-peer-abuse-2019/' not in html  # only this review's rows
    assert '<a href="../">Every review’s tracker report</a>' in html


def test_a_review_page_links_to_its_own_report():
    one = Build.prepare(FIXTURE, ROOT / "overrides" / "records")
    assert 'ready to print: <a href="../../report/">the tracker report for this review</a>' in \
        one.content("reviews/peer-on-peer-abuse-2019/index.md")


def test_with_several_reviews_a_review_page_links_to_that_review_s_report(two_review_build):
    html = two_review_build.content("reviews/second-review/index.md")
    assert 'ready to print: <a href="../../report/second-review/">the tracker report for this review</a>' in html


@pytest.mark.parametrize("data", ["data", "tests/fixtures/report-data", "tests/fixtures/two-reviews"])
def test_every_item_in_the_summary_is_counted_in_one_group(data):
    """A committee adds the summary's numbers up: complete, outstanding, waiting for sign-off and without follow-up
    make the whole (the two-review fixture has a resolution addressed to no one, with no action)."""
    site = Site(load(ROOT / data))
    for review in site.tracker.reviews:
        made = report.build(site, report.scope_of(site, review=review.id))
        assert made.monitored == made.closed + made.open_items + made.awaiting + len(made.no_follow_up), review.id


def test_the_summary_says_one_item_and_one_action_in_the_singular():
    site = Site(load(ROOT / "tests" / "fixtures" / "two-reviews"))
    lines = " ".join(report.build(site, report.scope_of(site, review="beta")).summary_lines)
    assert "holds 1 item that asked for action" in lines and "1 is complete" in lines, lines
    assert not re.search(r"\b1 (items|actions|deadlines|changes|are)\b", lines), lines
