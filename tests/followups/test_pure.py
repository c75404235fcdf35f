"""File-type detection, indicators, step statistics and .ics building with plain values."""

from __future__ import annotations

import io
import zipfile
from datetime import date, time

import pytest
from icalendar import Calendar

from diklat.followups import filetypes, indicators, step_stats
from diklat.followups.ics import CalendarEvent, calendar_bytes

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ff"
    "ff3f0005fe02fea7d6a5a70000000049454e44ae426082"
)


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(buffer, format="JPEG")
    return buffer.getvalue()


def ooxml(main: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main, "<x/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "pdf"),
        (PNG, "png"),
        ("jpeg", "jpg"),
        (ooxml("word/document.xml"), "docx"),
        (ooxml("xl/workbook.xml"), "xlsx"),
        (plain_zip(), None),  # a ZIP renamed .docx is not a DOCX
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # Windows executable
        (b"<html><script>alert(1)</script></html>", None),
        (b"GIF89a\x01\x00\x01\x00", None),  # an image type we do not accept
        (b"", None),
    ],
)
def test_detect_by_content(tmp_path, content, expected):
    path = tmp_path / "upload.pdf"  # the name always claims PDF; only content counts
    path.write_bytes(jpeg() if content == "jpeg" else content)
    assert filetypes.detect(path) == expected


def test_size_problem():
    assert filetypes.size_problem(0, 100)[0] == "The file is empty."
    message, params = filetypes.size_problem(3 * 1_048_576, 2 * 1_048_576)
    assert params == {"size": "3,0 MB", "limit": "2,0 MB"} and "limit" in message  # Indonesian by default
    assert filetypes.size_problem(5000, 1024)[1] == {"size": "5 KB", "limit": "1 KB"}
    assert filetypes.size_problem(100, 100) is None


@pytest.mark.parametrize(
    ("original", "kind", "expected"),
    [
        ("Foto loket.jpeg", "jpg", "Foto loket.jpg"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("C:\\Users\\x\\laporan.docx", "docx", "laporan.docx"),
        ('a"b;c\r\n.pdf', "pdf", "abc.pdf"),
        ("report.exe", "png", "report.png"),
        ("....", "pdf", "lampiran.pdf"),
    ],
)
def test_safe_download_name(original, kind, expected):
    assert filetypes.safe_download_name(original, kind) == expected


def test_indicator_ranges_and_change():
    assert indicators.value_problem("skm", 20) is not None
    assert indicators.value_problem("skm", 88.5) is None
    assert indicators.value_problem("first_visit", 101) is not None
    assert indicators.value_problem("complaints", None) is None
    assert indicators.change("service_time", 60, 45)["improved"] is True
    assert indicators.change("first_visit", 60, 45)["improved"] is False
    assert indicators.change("complaints", 0, 3)["relative"] is None
    assert indicators.change("skm", 80, 80)["improved"] is None
    assert indicators.change("skm", None, 80) is None


@pytest.mark.parametrize(
    ("index", "letter"), [(88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"), (65.0, "C"), (64.99, "D"), (25, "D")]
)
def test_skm_grade_bands(index, letter):
    assert indicators.skm_grade(index)[0] == letter


def test_step_summary_and_combination():
    one = step_stats.summarize(["applied", "applied", "partly", "not_applied"])
    assert one == {"observed": 4, "applied": 2, "partly": 1, "not_applied": 1, "share_applied": 0.5}
    empty = step_stats.summarize([])
    assert empty["share_applied"] is None
    both = step_stats.combine([one, step_stats.summarize(["applied"]), empty])
    assert both["observed"] == 5 and both["applied"] == 3 and both["share_applied"] == pytest.approx(0.6)


def test_ics_has_jakarta_times_and_a_vtimezone():
    event = CalendarEvent(
        uid="followup-1@test",
        title="Kunjungan pendampingan",
        starts_on=date(2026, 8, 18),
        ends_on=date(2026, 8, 19),
        start_time=time(8),
        end_time=time(16),
        timezone="Asia/Jakarta",
        status="confirmed",
        sequence=3,
        location="DPMPTSP Kota Mekarsari",
    )
    body = calendar_bytes([event], "Diklat")
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Asia/Jakarta" in body
    assert b"DTSTART;TZID=Asia/Jakarta:20260818T080000" in body
    parsed = Calendar.from_ical(body)
    vevent = parsed.walk("VEVENT")[0]
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    assert start.utcoffset().total_seconds() == 7 * 3600
    assert (start.hour, end.day, end.hour) == (8, 19, 16)
    assert str(vevent["status"]) == "CONFIRMED" and int(vevent["sequence"]) == 3
