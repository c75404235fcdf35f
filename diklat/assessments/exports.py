"""Results and item analysis as XLSX and CSV through the one table writer; plain rows in, bytes out."""

from __future__ import annotations

from diklat.common.table_export import Sheet, csv_bytes, xlsx_bytes


def _round(value: object, digits: int = 4) -> object:
    return round(value, digits) if isinstance(value, float) else value


def to_xlsx(sheets: list[tuple[str, list[str], list[list[object]]]]) -> bytes:
    """A workbook with one sheet per ``(title, header, rows)``; header bold and frozen."""
    return xlsx_bytes(
        [Sheet(title, header, [[_round(v) for v in row] for row in rows]) for title, header, rows in sheets]
    )


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """UTF-8 CSV with a BOM so spreadsheet programs read the accents right."""
    return csv_bytes(header, [[_round(v) for v in row] for row in rows])
