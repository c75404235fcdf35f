"""The attendance sheet (daftar hadir): PDF (A4, WeasyPrint) and XLSX, blank or filled with the record."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel.dates import format_date
from flask import current_app, render_template
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from diklat.cohorts.models import Cohort, CohortMember, CourseSession, Role
from diklat.common.formatting import time
from diklat.common.table_export import append_row

ZONE_WORDS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
# The printed sheet is always in Indonesian, as the paper forms are.
STATUS_WORDS = {"present": "Hadir", "late": "Terlambat", "excused": "Izin", "absent": "Tidak hadir"}


@dataclass
class SheetSession:
    """One session on a sheet, with each participant's recorded status ('' when not recorded)."""

    title: str
    day: date
    start: str
    end: str
    room: str
    status: dict[int, str] = field(default_factory=dict)


@dataclass
class Sheet:
    """What a daftar hadir shows."""

    course: str
    cohort: str
    place: str
    day: date
    sessions: list[SheetSession]
    people: list[CohortMember]
    filled: bool
    zone: str = "WIB"

    @property
    def day_text(self) -> str:
        """The date as '12 Maret 2026'."""
        return format_date(self.day, "EEEE, d MMMM y", locale="id")


def build_sheet(cohort: Cohort, sessions: list[CourseSession], filled: bool) -> Sheet:
    """A sheet for one session or one day's sessions; participants sorted by name."""
    people = sorted(cohort.members_with_role(Role.PARTICIPANT), key=lambda m: m.user.name.lower())
    rows = [
        SheetSession(
            s.title,
            s.day,
            time(s.start_time, "id"),
            time(s.end_time, "id"),
            s.room,
            {a.user_id: a.status.value for a in s.attendance} if filled else {},
        )
        for s in sessions
    ]
    zone = ZONE_WORDS.get(cohort.timezone or "", "WIB")
    return Sheet(cohort.course, cohort.name, cohort.place, sessions[0].day, rows, people, filled, zone)


def sheet_pdf(sheet: Sheet, facilitator: str) -> bytes:
    """The sheet as an A4 PDF: one page block per session, signature column staggered left/right."""
    from weasyprint import CSS, HTML

    html = render_template("cohorts/daftar_hadir.html", sheet=sheet, facilitator=facilitator, words=STATUS_WORDS)
    css = Path(current_app.root_path).parent / "templates" / "cohorts" / "daftar_hadir.css"
    return HTML(string=html, base_url=current_app.root_path).write_pdf(stylesheets=[CSS(filename=str(css))])


HEADERS = ["No", "Nama", "NIP", "Jabatan", "Instansi", "Keterangan", "Tanda tangan"]
NIP_COLUMN = frozenset({2})  # 18 digits: text, never a number


def sheet_xlsx(sheet: Sheet) -> bytes:
    """The sheet as XLSX: one worksheet per session; the date cell is a real date, No a real number."""
    book = Workbook()
    book.remove(book.active)
    for index, session in enumerate(sheet.sessions, start=1):
        ws = book.create_sheet(f"Sesi {index}")
        append_row(ws, ["DAFTAR HADIR"])
        ws["A1"].font = Font(bold=True, size=14)
        append_row(ws, ["Kegiatan", f"{sheet.course} — {sheet.cohort}"])
        append_row(ws, ["Tanggal", session.day])
        append_row(ws, ["Waktu", f"{session.start}–{session.end} {sheet.zone}"])
        append_row(ws, ["Tempat", ", ".join(p for p in (session.room, sheet.place) if p)])
        append_row(ws, ["Sesi", session.title])
        append_row(ws, [])
        append_row(ws, HEADERS)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for number, member in enumerate(sheet.people, start=1):
            user = member.user
            status = STATUS_WORDS.get(session.status.get(user.id, ""), "")
            append_row(
                ws, [number, user.name, user.nip or "", user.position, user.agency, status, ""], text_columns=NIP_COLUMN
            )
        for column, width in zip("ABCDEFG", (5, 30, 20, 28, 30, 14, 22), strict=True):
            ws.column_dimensions[column].width = width
        for row in ws.iter_rows(min_row=9):
            row[0].alignment = Alignment(horizontal="right")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
