"""Spreadsheet cells that cannot become formulas (OWASP "CSV injection"): pure, no Flask.

A text cell starting with ``= + - @``, a tab or a carriage return is read as a formula by Excel and
LibreOffice. CSV cells get a leading apostrophe; XLSX cells are stored with the text type.
"""

from __future__ import annotations

from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: object) -> bool:
    """True for text a spreadsheet would evaluate as a formula."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_cell(value: object) -> object:
    """The value for a CSV writer: risky text prefixed with an apostrophe, everything else unchanged."""
    return "'" + value if is_risky(value) else value  # type: ignore[operator]


def csv_row(row: Iterable[object]) -> list[object]:
    """One CSV row with every risky text cell neutralised."""
    return [csv_cell(value) for value in row]


def neutralise_workbook(workbook) -> None:  # noqa: ANN001 - an openpyxl Workbook
    """Store every text cell that looks like a formula as plain text, in every sheet."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_risky(cell.value):
                    cell.data_type = "s"
