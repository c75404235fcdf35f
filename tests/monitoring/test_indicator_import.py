"""The Module 8 dashboard file: every row checked, all problems listed by row and column, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from diklat.monitoring.indicator_import import COLUMNS, normalize_heading, parse_indicators
from diklat.monitoring.periods import parse_month

SERVICES = ["Izin Usaha Mikro dan Kecil (IUMK)", "Surat Keterangan Usaha"]
FIRST, LAST = date(2024, 1, 1), date(2026, 6, 1)
HEADER = list(COLUMNS)


def parse(*rows):
    return parse_indicators([HEADER, *rows], SERVICES, FIRST, LAST)


def test_valid_file():
    result = parse(
        ["Izin Usaha Mikro dan Kecil (IUMK)", "2026-01", "140", "95,5", "88", "14", "12", "80"],
        ["surat keterangan usaha", "Feb 2026", "60", "40", "", "3", "3", "50"],
    )
    assert result.ok
    first, second = result.records
    assert (first.month, first.services, first.avg_minutes, first.median_minutes) == (date(2026, 1, 1), 140, 95.5, 88.0)
    assert second.service == "Surat Keterangan Usaha" and second.median_minutes is None


def test_every_problem_is_listed_and_nothing_is_kept():
    result = parse(
        ["IUMK", "2026-01", "10", "30", "", "1", "1", "5"],  # row 2: unknown service
        [SERVICES[0], "13/2026", "10", "30", "", "1", "1", "5"],  # row 3: month unreadable
        [SERVICES[0], "2027-01", "10", "30", "", "1", "1", "5"],  # row 4: month in the future
        [SERVICES[0], "2026-02", "-3", "30", "", "1", "1", "0"],  # row 5: negative count
        [SERVICES[0], "2026-03", "10", "30", "", "2", "5", "5"],  # row 6: resolved > received
        [SERVICES[0], "2026-04", "10", "30", "", "1", "1", "11"],  # row 7: first visit > services
        [SERVICES[0], "2026-05", "10", "30", "", "1", "1", "5"],  # row 8: fine
        [SERVICES[0], "2026-05", "12", "31", "", "1", "1", "5"],  # row 9: duplicate of row 8
        [SERVICES[0], "2026-06", "10", "0", "", "1", "1.5", "5"],  # row 10: time 0, not whole
        [SERVICES[0], "2026-01", "10", "", "", "1", "1", "5"],  # row 11: no average time
    )
    assert not result.ok and result.records == []
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (2, "layanan"),
        (3, "bulan"),
        (4, "bulan"),
        (5, "jumlah_layanan"),
        (6, "aduan_selesai"),
        (7, "selesai_kunjungan_pertama"),
        (9, "bulan"),
        (10, "rata_rata_waktu_menit"),
        (10, "aduan_selesai"),
        (11, "rata_rata_waktu_menit"),
    }
    duplicate = next(p for p in result.problems if p.row == 9)
    assert duplicate.params["row"] == 8


def test_header_problems():
    result = parse_indicators([["layanan", "bulan", "warna"]], SERVICES, FIRST, LAST)
    columns = {p.column for p in result.problems}
    assert "warna" in columns and "jumlah_layanan" in columns and "aduan_masuk" in columns


def test_empty_and_heading_only():
    assert parse_indicators([], SERVICES, FIRST, LAST).problems[0].row is None
    assert not parse_indicators([HEADER], SERVICES, FIRST, LAST).ok


def test_zero_services_month_has_no_time():
    assert parse([SERVICES[0], "2026-01", "0", "", "", "0", "0", "0"]).ok
    result = parse([SERVICES[0], "2026-01", "0", "20", "", "0", "0", "0"])
    assert (2, "rata_rata_waktu_menit") in {(p.row, p.column) for p in result.problems}


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("Rata-rata waktu (menit)", "rata_rata_waktu_menit"),
        ("Layanan", "layanan"),
        ("Month", "bulan"),
        ("Complaints received", "aduan_masuk"),
        ("Selesai kunjungan pertama", "selesai_kunjungan_pertama"),
    ],
)
def test_headings_are_normalised(heading, name):
    assert normalize_heading(heading) == name


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2025-07", date(2025, 7, 1)),
        ("2025-07-01 00:00:00", date(2025, 7, 1)),
        ("07/2025", date(2025, 7, 1)),
        ("Juli 2025", date(2025, 7, 1)),
        ("Agt 2025", date(2025, 8, 1)),
        ("Des 2025", date(2025, 12, 1)),
        ("2025-13", None),
        ("kemarin", None),
        ("", None),
    ],
)
def test_month_formats(text, month):
    assert parse_month(text) == month
