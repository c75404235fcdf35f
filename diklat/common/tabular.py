"""Reading uploaded tables (CSV in UTF-8, or XLSX) and reporting their problems: pure, no Flask.

Every importer (participants, indicators, SKM questionnaires) reads its upload here and reports each
problem with its row (1 = the heading row) and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from diklat.common.markers import N_


@dataclass
class Problem:
    """One thing wrong with the file: row 1 is the heading row; column is a heading name."""

    row: int | None
    column: str | None
    message: str
    params: dict = field(default_factory=dict)


def read_table(filename: str, data: bytes) -> tuple[list[list[str]], list[Problem]]:
    """Turn a CSV (UTF-8) or XLSX upload into rows of strings."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    return [], [Problem(None, None, N_("The file must be a CSV (.csv) or Excel workbook (.xlsx)."))]


def _read_csv(data: bytes) -> tuple[list[list[str]], list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [
            Problem(line, None, N_("The file is not UTF-8 encoded text. Save it as 'CSV UTF-8' and upload it again."))
        ]
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)], []


def _read_xlsx(data: bytes) -> tuple[list[list[str]], list[Problem]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        return [], [Problem(None, None, N_("The file could not be read as an Excel workbook (.xlsx)."))]
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else _cell_text(v) for v in values])
    workbook.close()
    return rows, []


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
