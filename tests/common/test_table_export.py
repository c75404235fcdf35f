"""The one table writer: typed XLSX cells, and formula-like text made inert in CSV and XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from babel import Locale
from openpyxl import load_workbook

from diklat.common.table_export import CSV, XLSX, Sheet, csv_bytes, is_formula_like, table_file, xlsx_bytes

DANGEROUS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_recognised(text):
    assert is_formula_like(text)


@pytest.mark.parametrize("text", ["Siti", "", "1+1", "a=b", "Rp 5.000", " =1"])
def test_ordinary_text_is_left_alone(text):
    assert not is_formula_like(text)


def _csv_rows(data: bytes, delimiter: str = ";") -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_neutralises_formulas_but_not_numbers():
    rows = _csv_rows(csv_bytes(["a", "b", "c"], [[text, -5, 2.5] for text in DANGEROUS]))
    assert rows[0] == ["a", "b", "c"]
    for (cell, number, decimal), original in zip(rows[1:], DANGEROUS, strict=True):
        assert cell == "'" + original and number == "-5" and decimal == "2,5"


def test_csv_follows_the_locale_indonesian_comma_between_semicolons_english_point_between_commas():
    row = [1234.5, Decimal("72.25"), 0.00012, 1 / 3, 7, "Rp 5.000,00"]
    indonesian = _csv_rows(csv_bytes(["x"] * 6, [row], Locale.parse("id")))
    assert indonesian[1] == ["1234,5", "72,25", "1,20E-4", "0,3333", "7", "Rp 5.000,00"]
    english = _csv_rows(csv_bytes(["x"] * 6, [row], Locale.parse("en")), delimiter=",")
    assert english[1] == ["1234.5", "72.25", "1.20E-4", "0.3333", "7", "Rp 5.000,00"]


def test_csv_writes_dates_iso_and_none_empty():
    rows = _csv_rows(csv_bytes(["d", "t", "n"], [[date(2026, 3, 10), datetime(2026, 3, 10, 8, 30), None]]))
    assert rows[1] == ["2026-03-10", "2026-03-10 08:30", ""]


def test_xlsx_cells_are_typed_and_formulas_inert():
    data = xlsx_bytes(
        [
            Sheet(
                "Hasil",
                ["Nama", "Nilai", "Tanggal", "Desimal", "Catatan"],
                [["Siti", 87.5, date(2026, 3, 10), Decimal("1.25"), "=1+1"], ["Agus", 3, None, Decimal(2), "@x"]],
            ),
        ]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Hasil" and sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet["B2"].value == 87.5 and sheet["B2"].data_type == "n"
    assert sheet["B3"].value == 3
    assert sheet["C2"].is_date and sheet["C2"].value.date() == date(2026, 3, 10)
    assert sheet["D2"].value == 1.25 and sheet["D2"].data_type == "n"
    assert sheet["E2"].value == "=1+1" and sheet["E2"].data_type == "s"  # text, not a formula
    assert sheet["E3"].value == "@x" and sheet["E3"].data_type == "s"


def test_text_columns_stay_text_in_xlsx():
    data, mimetype = table_file(
        "xlsx", Sheet("t", ["Bulan", "NIP"], [["2025-07", "198703152010122003"]], text_columns=frozenset({0, 1}))
    )
    assert mimetype == XLSX
    sheet = load_workbook(data).active
    assert sheet["A2"].value == "2025-07" and sheet["B2"].value == "198703152010122003"
    assert sheet["B2"].number_format == "@"


def test_csv_table_file():
    data, mimetype = table_file("csv", Sheet("t", ["x"], [["=2"]]))
    assert mimetype == CSV and _csv_rows(data.getvalue())[1] == ["'=2"]


def test_libreoffice_does_not_evaluate_the_formula_text(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path / "t.xlsx"
    path.write_bytes(xlsx_bytes([Sheet("t", ["x"], [["=1+1"], [2]])]))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    assert (tmp_path / "t.csv").read_text().splitlines()[1:] == ["=1+1", "2"]
