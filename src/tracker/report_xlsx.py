"""The tracker report as a spreadsheet: one sheet per section, the same rows as the Word file, dates as real dates."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .report import Report, steady_zip, summary, tables

DATE_FORMAT = "d mmmm yyyy"
"""26 November 2020, in Excel's and LibreOffice's number-format words."""


def workbook(report: Report) -> bytes:
    """The report as .xlsx bytes. Text is stored as Unicode, so curly quotes and dashes survive as typed."""
    book = Workbook()
    about = book.active
    about.title = "About"
    about.append([report.title])
    about["A1"].font = Font(bold=True, size=14)
    about.append([f"{report.council}. As at {report.as_at_words}."])
    for line in summary(report):
        about.append([line])
    about.append(["Each sheet is one section of the report. Dates are real dates: sort and filter them as dates."])
    about.column_dimensions["A"].width = 110
    for table in tables(report):
        sheet = book.create_sheet(table.sheet)
        sheet.append([c.name for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDDDDD")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for values in table.rows:
            sheet.append(list(values))
        for n, column in enumerate(table.columns, start=1):
            letter = get_column_letter(n)
            sheet.column_dimensions[letter].width = column.width + 2
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=column.kind == "text", vertical="top")
                if column.kind == "date" and cell.value is not None:
                    cell.number_format = DATE_FORMAT
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
        else:
            sheet.append([table.empty])
    props = book.properties
    props.title = report.title
    props.subject = f"Recommendations tracker report as at {report.as_at_words}"
    props.creator = props.lastModifiedBy = report.council
    props.language = "en-GB"
    # Dated by the 'as at' day, not the moment it was made.
    props.created = props.modified = datetime(report.as_at.year, report.as_at.month, report.as_at.day)
    out = io.BytesIO()
    # openpyxl's save() stamps the moment it was called; its writer, used directly, keeps the date set above.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return steady_zip(out.getvalue(), report.as_at)


