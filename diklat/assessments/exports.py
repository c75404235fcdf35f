"""Results and item analysis as XLSX and CSV through the one table writer; plain rows in, bytes out.

XLSX cells hold real numbers (the spreadsheet shows them with the reader's decimal sign; tiny values in
scientific format so a p-value never reads 0); CSV through :func:`diklat.common.table_export.csv_bytes`
(Indonesian: decimal comma, ";" between fields).
"""

from __future__ import annotations

from openpyxl import Workbook

from diklat.common.table_export import TINY, Sheet, fill_sheet, workbook_bytes


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
