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

from .report import Report, Table, steady_zip, summary, tables

_TABLE_STYLE = "Table text"
_FONT = "Arial"
"""A plain sans-serif most councils' house styles use; Word substitutes where it is missing."""


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
    doc.add_paragraph("“Progress recorded” and “Past due” are worked out from the council’s papers and the due dates, "
                      f"as at {report.as_at_words}. The committee’s assessments are its own judgement.")
    out = io.BytesIO()
    doc.save(out)
    return steady_zip(out.getvalue(), report.as_at)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(11)
    _language(normal.element)
    cells = styles.add_style(_TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.font.size = Pt(9)
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
    total = sum(c.width for c in columns)
    usable = Cm(29.7 - 2 * 1.8)
    style_id = doc.styles[_TABLE_STYLE].style_id  # set by id: python-docx looks a name up anew on every use
    # Widths on the grid, where Word and LibreOffice both read them, and on the header row's cells; not on
    # every cell, which costs most of the time of a large report.
    for grid_column, column in zip(grid.columns, columns):
        grid_column.width = int(usable * column.width / total)
    header = grid.rows[0]
    _repeat_as_header(header)
    for cell, column in zip(header.cells, columns):
        cell.width = int(usable * column.width / total)
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
