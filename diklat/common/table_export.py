"""The one table writer: CSV and XLSX downloads (reading is :mod:`diklat.common.tabular`).

XLSX cells hold real numbers and dates. CSV cells are text, so numbers are written the locale's way, no
grouping, up to four decimals (tiny ones in scientific notation so a p-value never reads 0), and the field
separator follows the decimal sign: Indonesian "72,5" between ";" (what Excel set to Indonesian expects),
English "72.5" between ",". Text that a spreadsheet would run as a formula (starting with ``= + - @``, a tab
or a carriage return: OWASP "CSV injection") is written as inert text — in CSV with a leading apostrophe, in
XLSX as a string cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.numbers import format_scientific, parse_pattern
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from diklat.common.formatting import current_locale, round_half_up

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_CSV_NUMBER = parse_pattern("0.####")
TINY = 0.001  # below this four decimals would show 0: scientific notation instead

Value = str | int | float | Decimal | date | datetime | None


@dataclass
class Sheet:
    """One table: a sheet title, a header row, data rows; ``text_columns`` (0-based) stay text in XLSX."""

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    text_columns: frozenset[int] = field(default_factory=frozenset)
    widths: Sequence[float] | None = None


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would evaluate (``=1+1``, ``@SUM(..)``, ``-2+3``, a leading tab/CR)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(value: object, locale: Locale | None = None) -> str:
    """A CSV field: numbers the locale's way, dates in ISO form, formula-like text behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool | int):
        return str(value)
    if isinstance(value, float | Decimal):
        return csv_number(value, locale or current_locale())
    text = str(value)
    return "'" + text if is_formula_like(text) else text


def csv_number(value: float | Decimal, locale: Locale) -> str:
    """``2.5`` as "2,5" in Indonesian: no grouping, up to four decimals, tiny values as "1,2E-4"."""
    if value and abs(float(value)) < TINY:
        return format_scientific(value, "0.00E0", locale=locale)
    return _CSV_NUMBER.apply(round_half_up(value, 4), locale)


def csv_separator(locale: Locale) -> str:
    """The field separator: a semicolon where the decimal sign is a comma (Indonesian), else a comma."""
    return ";" if locale.number_symbols.get("latn", {}).get("decimal", ".") == "," else ","


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]], locale: Locale | None = None) -> bytes:
    """UTF-8 CSV with a byte-order mark so spreadsheet programs read the accents right."""
    loc = locale or current_locale()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=csv_separator(loc))
    writer.writerow([csv_text(v, loc) for v in header])
    for row in rows:
        writer.writerow([csv_text(v, loc) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_cell(cell: XlsxCell, value: object, as_text: bool = False) -> None:
    """Put ``value`` in ``cell``: numbers and dates typed, text never evaluated as a formula."""
    if value is None:
        cell.value = None
        return
    if as_text or not isinstance(value, bool | int | float | Decimal | date | datetime):
        cell.value = value.isoformat() if isinstance(value, date) else str(value)
        cell.data_type = "s"  # a string cell: "=SUM(A1)" stays those characters
        if as_text:
            cell.number_format = "@"
        return
    cell.value = float(value) if isinstance(value, Decimal) else value
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT


def append_row(
    sheet: Worksheet, values: Sequence[Any], bold: bool = False, text_columns: frozenset[int] = frozenset()
) -> None:
    """Append one row to ``sheet`` through :func:`write_cell` (optionally bold)."""
    cells = []
    for index, value in enumerate(values):
        cell = XlsxCell(sheet)
        write_cell(cell, value, as_text=index in text_columns)
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def fill_sheet(sheet: Worksheet, table: Sheet) -> None:
    """Write a table into ``sheet``: bold frozen header, typed cells, sensible column widths."""
    sheet.title = table.title[:31]
    append_row(sheet, list(table.header), bold=True)
    for values in table.rows:
        append_row(sheet, list(values), text_columns=table.text_columns)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns):
        letter = column[0].column_letter
        if table.widths and index < len(table.widths):
            sheet.column_dimensions[letter].width = table.widths[index]
        else:
            longest = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The saved workbook."""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_bytes(tables: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        fill_sheet(workbook.create_sheet(), table)
    return workbook_bytes(workbook)


def table_file(fmt: str, table: Sheet) -> tuple[io.BytesIO, str]:
    """One table as a ``csv`` or ``xlsx`` download: (file, mimetype)."""
    if fmt == "csv":
        return io.BytesIO(csv_bytes(table.header, table.rows)), CSV
    return io.BytesIO(xlsx_bytes([table])), XLSX
