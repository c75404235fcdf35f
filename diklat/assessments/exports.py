"""Results and item analysis as XLSX and CSV through the one table writer; plain rows in, bytes out.

XLSX cells hold real numbers (the spreadsheet shows them with the reader's decimal sign; tiny values in
scientific format so a p-value never reads 0); CSV cells are text, so numbers are written the locale's way
(Indonesian: decimal comma, ";" between fields).
"""

from __future__ import annotations

import csv
import io

from babel.numbers import format_scientific
from openpyxl import Workbook

from diklat.common.formatting import compact, current_locale
from diklat.common.table_export import Sheet, csv_text, fill_sheet, workbook_bytes

TINY = 0.001  # below this a two-decimal format would show 0: use scientific notation instead


def number_format(value: float) -> str:
    """The cell format of a float: two decimals, or scientific for tiny values so a p-value never reads 0."""
    return "0.00E+00" if value and abs(value) < TINY else "0.00"


def to_xlsx(sheets: list[tuple[str, list[str], list[list[object]]]]) -> bytes:
    """A workbook with one sheet per ``(title, header, rows)``; header bold and frozen; numbers stay numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet()
        fill_sheet(sheet, Sheet(title, header, rows))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = number_format(cell.value)
    return workbook_bytes(workbook)


def csv_cell(value: object) -> str:
    """One CSV value: numbers the locale's way (up to four decimals, tiny ones in scientific notation)."""
    if isinstance(value, float):
        if value and abs(value) < TINY:
            return format_scientific(value, "0.00E0", locale=current_locale())
        return compact(value, 4)
    return csv_text(value)


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """UTF-8 CSV with a BOM so spreadsheet programs read the accents right; ";" where the decimal sign is ","."""
    decimal_sign = current_locale().number_symbols.get("latn", {}).get("decimal", ".")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if decimal_sign == "," else ",")
    writer.writerow([csv_text(v) for v in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
