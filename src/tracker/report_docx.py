"""The tracker report as a Word document, for the committee's agenda pack: real headings, tables whose header row repeats on every page, landscape A4."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .report import Column, Report, Table, steady_zip, summary, tables

_TABLE_STYLE = "Table text"
_FONT = "Arial"
"""A plain sans-serif most councils' house styles use; Word substitutes where it is missing."""
_TABLE_PT = 9
"""The tables' text size: small enough for a landscape page, large enough to read in print."""
_PAGE_CM, _MARGIN_CM = 29.7, 1.8
_CELL_PADDING_PT = 2 * 5.4 + 2
"""Table Grid's cell margins (0.19 cm each side), and a little to spare."""

# Character widths (thousandths of the text size) of DejaVu Sans, the widest font LibreOffice puts in Arial's
# place where Arial is not installed; Arial and Liberation Sans are narrower, so a word that fits here fits there.
_CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~’‘“”–—…"
_REGULAR = dict(zip(_CHARS, (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
    748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
    615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
    337, 636, 838, 318, 318, 518, 518, 500, 1000, 1000)))
_BOLD = dict(zip(_CHARS, (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696,
    696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
    837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716,
    678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712,
    365, 712, 838, 380, 380, 657, 657, 500, 1000, 1000)))


def document(report: Report) -> bytes:
    """The report as .docx bytes."""
    doc = Document()
    _page(doc)
    _styles(doc)
    _properties(doc, report)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(f"{report.council}. As at {report.as_at_words}.")
    doc.add_heading("Summary", level=1)
    for line in summary(report):
        doc.add_paragraph(line, style="List Bullet")
    several = len(report.scope.reviews) > 1
    for table in tables(report):
        doc.add_heading(table.heading, level=1)
        doc.add_paragraph(table.intro)
        if table.rows:
            _table(doc, table, several)
        else:
            doc.add_paragraph(table.empty)
    if report.abbreviations:
        doc.add_heading("Abbreviations", level=1)
        for term, meaning in report.abbreviations:
            doc.add_paragraph(f"{term}: {meaning}", style="List Bullet")
    doc.add_paragraph("“Progress recorded” and “Past due” are worked out from the council’s papers and the due dates, "
                      f"as at {report.as_at_words}. The committee’s assessments are its own judgement.")
    out = io.BytesIO()
    doc.save(out)
    return steady_zip(out.getvalue(), report.as_at)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(_PAGE_CM), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(_MARGIN_CM))


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(11)
    _language(normal.element)
    cells = styles.add_style(_TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.font.size = Pt(_TABLE_PT)
    cells.paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 24), ("Heading 1", 16)):
        style = styles[name]
        style.font.name = _FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)  # black on white: the theme's blue is too pale to print


def _language(element) -> None:
    """British English for the spelling checker and for screen readers."""
    rpr = element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")


def _properties(doc, report: Report) -> None:
    props = doc.core_properties
    props.title = report.title
    props.subject = f"Recommendations tracker report as at {report.as_at_words}"
    props.author = report.council
    props.last_modified_by = report.council
    props.keywords = "scrutiny; recommendations; tracker report"
    props.language = "en-GB"
    props.comments = f"Made by the scrutiny tracker from the published record, as at {report.as_at_words}."
    # Dated by the 'as at' day, not the moment it was made, so one record always gives one document.
    made = datetime(report.as_at.year, report.as_at.month, report.as_at.day, tzinfo=timezone.utc)
    props.created = props.modified = made
    props.revision = 1


def _table(doc, table: Table, several_reviews: bool) -> None:
    # A column empty in every row (the action number, where each item has one action) is left out.
    keep = [n for n, c in enumerate(table.columns) if (c.in_word or (several_reviews and c.name == "Review"))
            and any(row[n] not in (None, "") for row in table.rows)]
    columns = [table.columns[n] for n in keep]
    grid = doc.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _widths(columns, [[row[n] for n in keep] for row in table.rows])
    style_id = doc.styles[_TABLE_STYLE].style_id  # set by id: python-docx looks a name up anew on every use
    # Widths on the grid, where Word and LibreOffice both read them, and on the header row's cells; not on
    # every cell, which costs most of the time of a large report.
    for grid_column, width in zip(grid.columns, widths):
        grid_column.width = width
    header = grid.rows[0]
    _repeat_as_header(header)
    for cell, column, width in zip(header.cells, columns, widths):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.add_run(column.name).bold = True
        _shade(cell, "DDDDDD")
    for values in table.rows:
        row = grid.add_row()
        _keep_together(row)
        for cell, n in zip(row.cells, keep):
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            paragraph.add_run(_cell(values[n]))


def _widths(columns: list[Column], rows: list[list]) -> list[int]:
    """Each column's width (EMU), budgeted over the columns actually shown: never narrower than its longest word
    (a narrower column breaks the word mid-way, "Recommendatio/n"), and the room left shared as the columns'
    own widths ask. Where even the longest words do not fit, every column gets its share of what they need."""
    usable = Cm(_PAGE_CM - 2 * _MARGIN_CM)
    least = [max([_word_width(w, _BOLD) for w in column.name.split()]
                 + [_word_width(w, _REGULAR) for row in rows for w in _cell(row[n]).split()]) + Pt(_CELL_PADDING_PT)
             for n, column in enumerate(columns)]
    if sum(least) >= usable:
        return [int(usable * w / sum(least)) for w in least]
    # The widest scale at which the columns, each at least its least width, fill the page.
    low, high = 0.0, float(usable)
    for _ in range(50):
        scale = (low + high) / 2
        if sum(max(w, scale * c.width) for w, c in zip(least, columns)) > usable:
            high = scale
        else:
            low = scale
    widths = [int(max(w, low * c.width)) for w, c in zip(least, columns)]
    return widths


def _word_width(word: str, widths: dict[str, int]) -> int:
    """A word's width (EMU) at the tables' text size; a character not in the table counts as the widest."""
    return int(Pt(_TABLE_PT) * sum(widths.get(c, 1000) for c in word) / 1000)


def _cell(value) -> str:
    if value is None:
        return ""
    return str(value)


def _repeat_as_header(row) -> None:
    """Word repeats a row marked w:tblHeader at the top of every page the table runs onto (python-docx
    has no setting for it)."""
    trpr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    trpr.append(mark)


def _keep_together(row) -> None:
    """A row never splits across two pages: a reader sees an item's facts together."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)
