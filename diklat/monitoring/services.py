"""Indicator services: monitored services, monthly figures, imports with confirmation. They flush, never commit."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from diklat.cohorts.models import Team
from diklat.common.models import created_on_first_use
from diklat.common.time import today, utcnow
from diklat.extensions import db
from diklat.monitoring import integrations
from diklat.monitoring.indicator_import import MonthRecord
from diklat.monitoring.indicators import MonthFigures
from diklat.monitoring.models import IndicatorMonth, MonitoredService, PendingImport
from diklat.monitoring.periods import add_months, month_start, quarter_of, quarters_from

PENDING_LIFETIME = timedelta(hours=2)
EARLIEST_MONTHS_BEFORE_COURSE = 24


def team_services(team: Team) -> list[MonitoredService]:
    """The team's monitored services, creating the primary one from the team's SOP service once."""
    services = list(
        db.session.scalars(
            select(MonitoredService)
            .where(MonitoredService.team_id == team.id)
            .order_by(MonitoredService.is_primary.desc(), MonitoredService.name)
        )
    )
    if services or not team.service:
        return services
    service = MonitoredService(team_id=team.id, name=team.service[:200], is_primary=True)
    created_on_first_use(service)
    return [service]


def services_by_team(teams: list[Team]) -> dict[int, list[MonitoredService]]:
    """:func:`team_services` for many teams in a constant number of statements (months loaded too)."""
    query = (
        select(MonitoredService)
        .where(MonitoredService.team_id.in_([t.id for t in teams]))
        .options(selectinload(MonitoredService.months))
        .order_by(MonitoredService.is_primary.desc(), MonitoredService.name)
    )
    found: dict[int, list[MonitoredService]] = {t.id: [] for t in teams}
    for service in db.session.scalars(query):
        found[service.team_id].append(service)
    for team in teams:
        if not found[team.id] and team.service:
            found[team.id] = team_services(team)  # creates the primary service once
    return found


def get_service(team: Team, service_id: int) -> MonitoredService | None:
    """A service of ``team`` by id, None when it belongs elsewhere."""
    service = db.session.get(MonitoredService, service_id)
    return service if service is not None and service.team_id == team.id else None


def promised_time(service: MonitoredService) -> tuple[int | None, str]:
    """The promised service time in minutes and where it comes from ('sla', 'settings' or '')."""
    if service.is_primary:
        minutes = integrations.promised_minutes(service.team_id)
        if minutes:
            return minutes, "sla"
    if service.promised_minutes:
        return service.promised_minutes, "settings"
    return None, ""


def month_range(team: Team, today: date) -> tuple[date, date]:
    """Months a team may report: from two years before the course to the current month."""
    course = month_start(team.cohort.start_date)
    return add_months(course, -EARLIEST_MONTHS_BEFORE_COURSE), month_start(today)


def figures(service: MonitoredService) -> list[MonthFigures]:
    """The recorded months of a service as plain values."""
    return [
        MonthFigures(m.month, m.services, m.avg_minutes, m.median_minutes, m.received, m.resolved, m.first_visit)
        for m in service.months
    ]


def save_month(
    service: MonitoredService, values: MonthRecord, user_id: int | None, existing: IndicatorMonth | None = None
) -> IndicatorMonth:
    """Create or overwrite one month of a service."""
    row = existing or IndicatorMonth(service_id=service.id, month=values.month)
    row.services, row.avg_minutes, row.median_minutes = values.services, values.avg_minutes, values.median_minutes
    row.received, row.resolved, row.first_visit = values.received, values.resolved, values.first_visit
    row.entered_by_id = user_id
    if existing is None:
        db.session.add(row)
    return row


def delete_month(row: IndicatorMonth) -> None:
    """Remove a month that was cleared in the entry table."""
    db.session.delete(row)


def overlapping_months(team: Team, records: list[MonthRecord]) -> list[tuple[str, date]]:
    """(service, month) pairs of the file that already hold figures."""
    services = {s.name: s for s in team_services(team)}
    existing = {(s.name, m.month) for s in services.values() for m in s.months}
    return sorted({(r.service, r.month) for r in records} & existing, key=lambda p: (p[0], p[1]))


def apply_import(team: Team, records: list[MonthRecord], user_id: int) -> int:
    """Write every record, replacing months that exist; returns the number of months written."""
    services = {s.name: s for s in team_services(team)}
    for record in records:
        service = services[record.service]
        existing = next((m for m in service.months if m.month == record.month), None)
        save_month(service, record, user_id, existing)
        if existing is not None:
            existing.version += 1
    db.session.flush()
    return len(records)


def store_pending(team: Team, user_id: int, kind: str, filename: str, records: list) -> str:
    """Keep validated records server-side until the user confirms; returns the token."""
    db.session.execute(delete(PendingImport).where(PendingImport.created_at < utcnow() - PENDING_LIFETIME))
    token = secrets.token_urlsafe(24)
    payload = [_jsonable(asdict(r)) for r in records]
    db.session.add(
        PendingImport(
            token=token, team_id=team.id, user_id=user_id, kind=kind, filename=filename[:255], payload=payload
        )
    )
    db.session.flush()
    return token


def _jsonable(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in values.items()}


def load_pending(team: Team, user_id: int, token: str, kind: str) -> PendingImport | None:
    """The pending upload of this user and team, None when unknown or expired."""
    pending = db.session.scalar(select(PendingImport).where(PendingImport.token == token))
    if (
        pending is None
        or pending.team_id != team.id
        or pending.user_id != user_id
        or pending.kind != kind
        or pending.created_at < utcnow() - PENDING_LIFETIME
    ):
        return None
    return pending


def pending_month_records(pending: PendingImport) -> list[MonthRecord]:
    """Rebuild the month records kept in a pending upload."""
    return [MonthRecord(**{**item, "month": date.fromisoformat(item["month"])}) for item in pending.payload]


def review_quarters(team: Team) -> list[tuple[int, int]]:
    """Quarters from the course's quarter to the current one, newest first."""
    return list(reversed(quarters_from(quarter_of(team.cohort.start_date), quarter_of(today(team.cohort)))))
