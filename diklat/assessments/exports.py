"""Results and item analysis as XLSX (openpyxl) and CSV; plain rows in, bytes out."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font


def _round(value: object, digits: int = 4) -> object:
    return round(value, digits) if isinstance(value, float) else value


def to_xlsx(sheets: list[tuple[str, list[str], list[list[object]]]]) -> bytes:
    """A workbook with one sheet per ``(title, header, rows)``; header bold and frozen."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_round(v) for v in row])
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """UTF-8 CSV with a BOM so spreadsheet programs read the accents right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _round(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
