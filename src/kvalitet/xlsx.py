"""Spreadsheets in and out: XLSX downloads with openpyxl, and tables read from XLSX or CSV.

Cells that a spreadsheet program would run as a formula (=, +, -, @ at the start) are written as
text, so an export of citizens' words cannot become a formula in a colleague's Excel.
"""

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 5000


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        # Sheet titles: at most 31 characters, none of []:*?/\
        title = "".join(c for c in str(sheet.title) if c not in "[]:*?/\\")[:31] or "Sheet"
        worksheet = workbook.create_sheet(title)
        worksheet.append([str(header) for header in sheet.headers])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            worksheet.append([_cell(value) for value in row])
        worksheet.freeze_panes = "A2"
        for column, header in zip(worksheet.columns, sheet.headers, strict=False):
            width = max([len(str(header)), *(len(str(c.value or "")) for c in column[1:200])])
            worksheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(*, filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    response = HttpResponse(workbook_bytes(sheets), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _normalise(header: Any) -> str:
    return " ".join(str(header or "").split()).strip().lower()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _rows_from_xlsx(uploaded) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            _("The spreadsheet could not be read: is it an .xlsx file?")
        ) from error
    worksheet = workbook.worksheets[0]
    rows = [list(row) for row in worksheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    workbook.close()
    return rows


def _rows_from_csv(uploaded) -> list[list[Any]]:
    raw = uploaded.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("The file could not be read as text: save it as CSV in UTF-8."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";" if text.count(";") > text.count(",") else ","
    return list(csv.reader(io.StringIO(text), dialect))


def read_table(uploaded) -> list[dict[str, str]]:
    """The rows of the first sheet (XLSX) or the file (CSV) as dicts keyed by lower-cased header.

    Empty rows are dropped; each dict also has "_row", the row number a person sees in Excel.
    """
    name = (getattr(uploaded, "name", "") or "").lower()
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(0)
    if head.startswith(b"PK"):
        rows = _rows_from_xlsx(uploaded)
    elif name.endswith((".csv", ".txt")):
        rows = _rows_from_csv(uploaded)
    else:
        raise ValidationError(_("Upload the table as an .xlsx or .csv file."))
    if not rows:
        raise ValidationError(_("The file has no rows."))
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError(
            _("The file has more than %(count)s rows; split it into smaller files.")
            % {"count": MAX_ROWS}
        )
    headers = [_normalise(header) for header in rows[0]]
    table = []
    for number, row in enumerate(rows[1:], start=2):
        values = [_text(value) for value in row]
        if not any(values):
            continue
        record = {header: values[i] if i < len(values) else "" for i, header in enumerate(headers)}
        record["_row"] = str(number)
        table.append(record)
    return table
