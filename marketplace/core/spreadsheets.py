"""Spreadsheet exports (CSV, XLSX) that a spreadsheet program cannot be tricked into executing.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)``, ``=cmd|...``). Any free text a user typed
(a report, a listing title, a name) goes through :func:`safe_cell` before it is written, so it is shown as
text. OWASP's advice: prefix such a value with a single quote.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """Return ``value`` made inert for a spreadsheet cell.

    Text that a spreadsheet would read as a formula gets a leading single quote. Numbers, dates, booleans
    and ``None`` pass through unchanged (they are never formulas); anything else is treated as its text.
    """
    if value is None or isinstance(value, (bool, int, float, Decimal, dt.date, dt.time)):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def safe_row(row: Iterable[Any]) -> list[Any]:
    """:func:`safe_cell` applied to every cell of a row."""
    return [safe_cell(value) for value in row]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    # The filename is ours (never user input); quotes are stripped anyway so the header cannot be split.
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(filename.replace('"', ""))
    return response


def csv_response(filename: str, header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """An attachment ``filename``: ``header`` then ``rows`` as CSV, every cell through :func:`safe_cell`.

    Written with a UTF-8 byte-order mark so Excel opens Chinese text correctly.
    """
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return _attachment(response, filename)


def xlsx_response(
    filename: str, header: Sequence[Any], rows: Iterable[Iterable[Any]], *, title: str = "Sheet1"
) -> HttpResponse:
    """An attachment ``filename`` holding one worksheet, every cell through :func:`safe_cell`.

    Text cells are stored with the string data type so openpyxl never turns them into formulas.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row_values in [header, *rows]:
        cells = safe_row(row_values)
        sheet.append(cells)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)
