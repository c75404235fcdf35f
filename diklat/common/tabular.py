"""Reading uploaded tables (CSV in UTF-8, or XLSX) and reporting their problems: pure, no Flask.

Every importer (participants, indicators, SKM questionnaires) reads its upload here and reports each
problem with its row (1 = the heading row) and column.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field

from diklat.common.markers import N_
from diklat.common.zipcheck import zip_problem

MAX_ROWS = 5000
MAX_COLUMNS = 100
MAX_CELL = 5000
PARSE_SECONDS = 5.0


class _TooLarge(Exception):
    """The table passes one of the limits above."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


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
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return _bounded(reader), []
    except _TooLarge as exc:
        return [], [exc.problem]
    except csv.Error:
        # Also a field past csv.field_size_limit (131,072 characters): a message, not a crash.
        return [], [_cell_problem(reader.line_num or 1)]


def _read_xlsx(data: bytes) -> tuple[list[list[str]], list[Problem]]:
    from openpyxl import load_workbook

    problem = zip_problem(data)
    if problem:
        return [], [Problem(None, None, problem)]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        return [], [Problem(None, None, N_("The file could not be read as an Excel workbook (.xlsx)."))]
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        return _bounded(["" if v is None else _cell_text(v) for v in row] for row in values), []
    except _TooLarge as exc:
        return [], [exc.problem]
    except Exception:  # noqa: BLE001 - a broken sheet part
        return [], [Problem(None, None, N_("The file could not be read as an Excel workbook (.xlsx)."))]
    finally:
        workbook.close()


def _bounded(rows) -> list[list[str]]:  # noqa: ANN001 - any iterable of string lists
    """Collect rows, stopping with a Problem past the row, column, cell-length or time limits."""
    deadline = time.monotonic() + PARSE_SECONDS
    collected: list[list[str]] = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise _TooLarge(Problem(None, None, N_("The file has more than %(limit)d rows."), {"limit": MAX_ROWS}))
        if len(row) > MAX_COLUMNS and any(row[MAX_COLUMNS:]):
            problem = Problem(number, None, N_("The row has more than %(limit)d columns."), {"limit": MAX_COLUMNS})
            raise _TooLarge(problem)
        if any(len(cell) > MAX_CELL for cell in row):
            raise _TooLarge(_cell_problem(number))
        if time.monotonic() > deadline:
            raise _TooLarge(Problem(None, None, N_("The file took too long to read. Split it into smaller files.")))
        collected.append(list(row[:MAX_COLUMNS]))
    return collected


def _cell_problem(row: int) -> Problem:
    return Problem(row, None, N_("A cell holds more than %(limit)d characters."), {"limit": MAX_CELL})


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
