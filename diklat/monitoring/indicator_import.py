"""Monthly service-indicator files (Module 8 dashboard format): pure parsing and validation.

A file is accepted whole or not at all; every problem is reported with its row and column.
Row 1 is the heading row, so the first data row is row 2, as a spreadsheet shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from diklat.common.markers import N_
from diklat.common.tabular import Problem
from diklat.monitoring.periods import parse_month

COLUMNS = (
    "layanan",
    "bulan",
    "jumlah_layanan",
    "rata_rata_waktu_menit",
    "median_waktu_menit",
    "aduan_masuk",
    "aduan_selesai",
    "selesai_kunjungan_pertama",
)
REQUIRED = ("layanan", "bulan", "jumlah_layanan", "aduan_masuk", "aduan_selesai", "selesai_kunjungan_pertama")
ALIASES = {
    "service": "layanan",
    "jenis_layanan": "layanan",
    "month": "bulan",
    "periode": "bulan",
    "services": "jumlah_layanan",
    "number_of_services": "jumlah_layanan",
    "jumlah": "jumlah_layanan",
    "average_minutes": "rata_rata_waktu_menit",
    "rata_rata_waktu": "rata_rata_waktu_menit",
    "waktu_rata_rata_menit": "rata_rata_waktu_menit",
    "median_minutes": "median_waktu_menit",
    "median_waktu": "median_waktu_menit",
    "complaints_received": "aduan_masuk",
    "jumlah_aduan": "aduan_masuk",
    "pengaduan_masuk": "aduan_masuk",
    "complaints_resolved": "aduan_selesai",
    "pengaduan_selesai": "aduan_selesai",
    "aduan_ditindaklanjuti": "aduan_selesai",
    "first_visit": "selesai_kunjungan_pertama",
    "selesai_sekali_datang": "selesai_kunjungan_pertama",
}
MAX_ROWS = 1000
MAX_MINUTES = 60 * 24 * 365  # a service taking longer than a year is a typing mistake
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class MonthRecord:
    """One validated month of one service."""

    row: int
    service: str  # the service's name exactly as the team spells it
    month: date
    services: int
    avg_minutes: float | None
    median_minutes: float | None
    received: int
    resolved: int
    first_visit: int


@dataclass
class IndicatorParse:
    """Records when the file is good, problems otherwise."""

    records: list[MonthRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def normalize_heading(text: str) -> str:
    """'Rata-rata waktu (menit)' → 'rata_rata_waktu_menit'; then aliases map to the canonical name."""
    key = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def parse_indicators(rows: list[list[str]], services: list[str], first_month: date, last_month: date) -> IndicatorParse:
    """Validate a table against the team's ``services`` and the allowed month range."""
    result = IndicatorParse()
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        result.problems.append(Problem(None, None, N_("The file is empty.")))
        return result
    header = [normalize_heading(h) for h in rows[0]]
    _check_header(rows[0], header, result.problems)
    if len(rows) - 1 > MAX_ROWS:
        result.problems.append(Problem(None, None, N_("At most %(n)d rows per file."), {"n": MAX_ROWS}))
    if result.problems:
        return result
    by_name = {s.strip().lower(): s for s in services}
    seen: dict[tuple[str, date], int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        values = {name: (str(raw[i]).strip() if i < len(raw) else "") for i, name in enumerate(header) if name}
        record = _check_row(number, values, by_name, first_month, last_month, result.problems)
        # Duplicates are found even when one of the two rows has other problems.
        service, month = by_name.get(values.get("layanan", "").lower()), parse_month(values.get("bulan", ""))
        if service is not None and month is not None:
            if (service, month) in seen:
                result.problems.append(
                    Problem(
                        number,
                        "bulan",
                        N_("Month %(month)s of '%(service)s' also appears in row %(row)d."),
                        {"month": month.strftime("%Y-%m"), "service": service, "row": seen[(service, month)]},
                    )
                )
            seen.setdefault((service, month), number)
        if record is not None:
            result.records.append(record)
    if result.problems:
        result.records = []
    elif not result.records:
        result.problems.append(Problem(None, None, N_("The file has a heading row but no months.")))
    return result


def _check_header(raw: list[str], header: list[str], problems: list[Problem]) -> None:
    for index, name in enumerate(header):
        if name and name not in COLUMNS:
            problems.append(
                Problem(
                    1,
                    str(raw[index]),
                    N_("Unknown column '%(name)s'. Allowed: %(allowed)s."),
                    {"name": raw[index], "allowed": ", ".join(COLUMNS)},
                )
            )
    for name in REQUIRED:
        if name not in header:
            problems.append(Problem(1, name, N_("Required column '%(name)s' is missing."), {"name": name}))
    duplicates = {n for n in header if n and header.count(n) > 1}
    for name in sorted(duplicates):
        problems.append(Problem(1, name, N_("Column '%(name)s' appears more than once."), {"name": name}))


def _check_row(
    number: int,
    values: dict[str, str],
    services: dict[str, str],
    first_month: date,
    last_month: date,
    problems: list[Problem],
) -> MonthRecord | None:
    before = len(problems)
    service = services.get(values.get("layanan", "").lower())
    if not values.get("layanan"):
        problems.append(Problem(number, "layanan", N_("Required value is empty.")))
    elif service is None:
        problems.append(
            Problem(
                number,
                "layanan",
                N_("Unknown service '%(value)s'. Known: %(known)s."),
                {"value": values["layanan"], "known": "; ".join(services.values())},
            )
        )
    month = _month(number, values.get("bulan", ""), first_month, last_month, problems)
    counts = {
        name: _count(number, name, values.get(name, ""), problems)
        for name in ("jumlah_layanan", "aduan_masuk", "aduan_selesai", "selesai_kunjungan_pertama")
    }
    avg = _minutes(number, "rata_rata_waktu_menit", values.get("rata_rata_waktu_menit", ""), problems)
    median = _minutes(number, "median_waktu_menit", values.get("median_waktu_menit", ""), problems)
    _check_relations(number, counts, avg, median, problems)
    if len(problems) > before:
        return None
    # no problems: every required value was read
    return MonthRecord(
        number,
        cast("str", service),
        cast("date", month),
        cast("int", counts["jumlah_layanan"]),
        avg,
        median,
        cast("int", counts["aduan_masuk"]),
        cast("int", counts["aduan_selesai"]),
        cast("int", counts["selesai_kunjungan_pertama"]),
    )


def _month(number: int, text: str, first: date, last: date, problems: list[Problem]) -> date | None:
    if not text:
        problems.append(Problem(number, "bulan", N_("Required value is empty.")))
        return None
    month = parse_month(text)
    if month is None:
        problems.append(
            Problem(
                number, "bulan", N_("'%(value)s' is not a month; write it as YYYY-MM, e.g. 2025-07."), {"value": text}
            )
        )
    elif not first <= month <= last:
        problems.append(
            Problem(
                number,
                "bulan",
                N_("Month %(month)s is outside the allowed range %(first)s to %(last)s."),
                {"month": month.strftime("%Y-%m"), "first": first.strftime("%Y-%m"), "last": last.strftime("%Y-%m")},
            )
        )
        return None
    return month


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".")) if text.count(",") <= 1 else None
    except ValueError:
        return None


def _count(number: int, column: str, text: str, problems: list[Problem]) -> int | None:
    if not text:
        problems.append(Problem(number, column, N_("Required value is empty.")))
        return None
    value = _number(text)
    if value is None or not value.is_integer():
        problems.append(Problem(number, column, N_("'%(value)s' is not a whole number."), {"value": text}))
        return None
    if value < 0:
        problems.append(Problem(number, column, N_("A count cannot be negative.")))
        return None
    if value > MAX_COUNT:
        problems.append(
            Problem(number, column, N_("%(value)s is more than %(max)d."), {"value": text, "max": MAX_COUNT})
        )
        return None
    return int(value)


def _minutes(number: int, column: str, text: str, problems: list[Problem]) -> float | None:
    if not text:
        return None
    value = _number(text)
    if value is None:
        problems.append(Problem(number, column, N_("'%(value)s' is not a number of minutes."), {"value": text}))
    elif value <= 0:
        problems.append(Problem(number, column, N_("A service time must be more than 0 minutes.")))
    elif value > MAX_MINUTES:
        problems.append(
            Problem(
                number,
                column,
                N_("More than a year (%(max)d minutes) is not a plausible service time."),
                {"max": MAX_MINUTES},
            )
        )
    else:
        return round(value, 1)
    return None


def _check_relations(
    number: int, counts: dict[str, int | None], avg: float | None, median: float | None, problems: list[Problem]
) -> None:
    services, received = counts["jumlah_layanan"], counts["aduan_masuk"]
    resolved, first_visit = counts["aduan_selesai"], counts["selesai_kunjungan_pertama"]
    if resolved is not None and received is not None and resolved > received:
        problems.append(
            Problem(
                number,
                "aduan_selesai",
                N_("More complaints resolved (%(resolved)d) than received (%(received)d)."),
                {"resolved": resolved, "received": received},
            )
        )
    if first_visit is not None and services is not None and first_visit > services:
        problems.append(
            Problem(
                number,
                "selesai_kunjungan_pertama",
                N_("More services completed on the first visit (%(first)d) than services (%(services)d)."),
                {"first": first_visit, "services": services},
            )
        )
    if services and avg is None and not any(p.row == number and p.column == "rata_rata_waktu_menit" for p in problems):
        problems.append(
            Problem(number, "rata_rata_waktu_menit", N_("The average service time is needed when there were services."))
        )
    if services == 0 and (avg is not None or median is not None):
        problems.append(
            Problem(number, "rata_rata_waktu_menit", N_("No services in this month, so there can be no service time."))
        )
