"""Downloadable enrolment template files."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from diklat.cohorts.enrolment import COLUMNS, INDONESIAN_HEADINGS
from diklat.common.table_export import XLSX, Sheet, fill_sheet, table_file, workbook_bytes


# The Indonesian heading of each column (every one of them is accepted back on import).
def headings(locale: str) -> list[str]:
    """Column headings of the template: Indonesian unless English is asked for."""
    return list(COLUMNS) if locale == "en" else [INDONESIAN_HEADINGS[c] for c in COLUMNS]


EXAMPLE = [
    "Siti Rahmawati",
    "198703152010122003",
    "siti.rahmawati@example.go.id",
    "DPMPTSP Kabupaten Contoh",
    "Bidang Pelayanan",
    "Petugas Loket",
    "Penata Muda / III-a",
    "Kelompok 1",
]


def enrolment_template(fmt: str, locale: str = "id") -> tuple[io.BytesIO, str]:
    """A CSV or XLSX with the expected columns and one example row."""
    # NIP is text: a number format would drop leading digits and round the last ones.
    table = Sheet(
        "peserta", headings(locale), [EXAMPLE], text_columns=frozenset({1}), widths=(28, 22, 32, 30, 22, 20, 22, 14)
    )
    if fmt == "csv":
        return table_file(fmt, table)
    workbook = Workbook()
    sheet = workbook.active
    fill_sheet(sheet, table)
    for row in range(2, 502):
        sheet[f"B{row}"].number_format = "@"
    validation = DataValidation(
        type="textLength",
        operator="equal",
        formula1="18",
        allow_blank=True,
        error="NIP = 18 digit",
        showErrorMessage=True,
    )
    validation.add("B2:B501")
    sheet.add_data_validation(validation)
    return io.BytesIO(workbook_bytes(workbook)), XLSX
