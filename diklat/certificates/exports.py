"""JP records for the personnel office: one row per valid certificate, as XLSX (real numbers/dates) or CSV."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from sqlalchemy import extract, select

from diklat.auth.models import User
from diklat.certificates.models import Certificate
from diklat.cohorts.models import Cohort, CohortMember, Role
from diklat.common.formatting import round_half_up
from diklat.common.table_export import append_row, csv_bytes
from diklat.common.time import to_local
from diklat.extensions import db

HEADERS = [
    "NIP",
    "Nama",
    "Instansi",
    "Pelatihan",
    "Angkatan",
    "Tanggal mulai",
    "Tanggal selesai",
    "JP",
    "Nomor sertifikat",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class JpRow:
    """One line of the competency-development record."""

    nip: str
    name: str
    agency: str
    course: str
    cohort: str
    start: date
    end: date
    jp: float
    number: str

    def values(self) -> list:
        """The row's cells in header order."""
        return [self.nip, self.name, self.agency, self.course, self.cohort, self.start, self.end, self.jp, self.number]


NIP_COLUMN = frozenset({0})  # 18 digits: text, never a number


def _rows(query) -> list[JpRow]:  # noqa: ANN001 - a select
    return [
        JpRow(u.nip or "", u.name, u.agency, c.course, c.name, c.start_date, c.end_date, cert.jp, cert.number)
        for cert, u, c in db.session.execute(query).all()
    ]


def _base():
    return (
        select(Certificate, User, Cohort)
        .join(User, User.id == Certificate.user_id)
        .join(Cohort, Cohort.id == Certificate.cohort_id)
        .where(Certificate.revoked_at.is_(None))
    )


def cohort_rows(cohort_id: int) -> list[JpRow]:
    """Valid certificates of a cohort, by name."""
    return _rows(_base().where(Certificate.cohort_id == cohort_id).order_by(User.name))


def person_rows(user_id: int, year: int, managed_by: int | None = None) -> list[JpRow]:
    """A person's valid certificates of courses ending in ``year``; with ``managed_by`` only of the courses that
    person facilitates."""
    query = _base().where(Certificate.user_id == user_id, extract("year", Cohort.end_date) == year)
    if managed_by is not None:
        managed = select(CohortMember.cohort_id).where(
            CohortMember.user_id == managed_by, CohortMember.role == Role.FACILITATOR
        )
        query = query.where(Certificate.cohort_id.in_(managed))
    return _rows(query.order_by(Cohort.end_date))


def to_csv(rows: list[JpRow]) -> bytes:
    """CSV (UTF-8 with BOM so spreadsheet programs read the names right), ISO dates, JP with a dot."""
    return csv_bytes(HEADERS, [[*row.values()[:7], float(round_half_up(row.jp, 2)), row.number] for row in rows])


def to_xlsx(rows: list[JpRow]) -> bytes:
    """XLSX with date cells as dates and JP as a number; NIP stays text (18 digits would lose precision)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "JP"
    append_row(sheet, HEADERS, bold=True)
    for row in rows:
        append_row(sheet, row.values(), text_columns=NIP_COLUMN)  # dates and JP typed, text never a formula
    for column, width in zip("ABCDEFGHI", (22, 30, 32, 32, 22, 14, 14, 6, 32), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def issued_local_date(certificate: Certificate) -> date:
    """The local date a certificate was issued."""
    return to_local(certificate.issued_at, certificate.cohort).date()
