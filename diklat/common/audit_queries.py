"""Reading the audit trail: filters for the admin page."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from diklat.auth.models import User
from diklat.common.audit import AuditEvent
from diklat.extensions import db


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def audit_page(filters: dict[str, str], page: int, size: int) -> tuple[list[AuditEvent], int]:
    """Events matching ``filters`` (action, person, since, until as ISO dates), newest first, and the total."""
    stmt = select(AuditEvent)
    if filters.get("action"):
        stmt = stmt.where(AuditEvent.action == filters["action"])
    if filters.get("person"):
        like = f"%{filters['person'].lower()}%"
        actor, subject = aliased(User), aliased(User)
        stmt = (
            stmt.outerjoin(actor, actor.id == AuditEvent.actor_id)
            .outerjoin(subject, subject.id == AuditEvent.subject_id)
            .where(
                or_(
                    func.lower(actor.name).like(like),
                    actor.email.like(like),
                    func.lower(subject.name).like(like),
                    subject.email.like(like),
                )
            )
        )
    if since := _day(filters.get("since", "")):
        stmt = stmt.where(AuditEvent.created_at >= since)
    if until := _day(filters.get("until", "")):
        stmt = stmt.where(AuditEvent.created_at < until + timedelta(days=1))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = db.session.scalars(
        stmt.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(size).offset((page - 1) * size)
    ).all()
    return list(rows), total
