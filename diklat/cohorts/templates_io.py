"""Downloadable enrolment template files."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from diklat.cohorts.enrolment import COLUMNS

EXAMPLE = [
    "Siti Rahmawati",
    "198703152010122003",
    "siti.rahmawati@example.go.id",
    "DPMPTSP Kabupaten Contoh",
    "Bidang Pelayanan",
    "Petugas Loket",
    "Kelompok 1",
]


def enrolment_template(fmt: str, locale: str = "id") -> tuple[io.BytesIO, str]:
    """A CSV or XLSX with the expected columns and one example row."""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        writer.writerow(EXAMPLE)
        return io.BytesIO(text.getvalue().encode("utf-8-sig")), "text/csv"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "peserta"
    sheet.append(list(COLUMNS))
    sheet.append(EXAMPLE)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", (28, 22, 32, 30, 22, 20, 14), strict=True):
        sheet.column_dimensions[column].width = width
    # NIP is text: a number format would drop leading digits and round the last ones.
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
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
