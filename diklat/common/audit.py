"""Audit trail: who invited, reset, changed a role, moved, deactivated or anonymised whom, and when.

Append-only from the application's side: rows can be added, never changed or deleted through the ORM.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.common.time import utcnow
from diklat.extensions import db


class AuditAction(enum.StrEnum):
    """What happened."""

    INVITED = "invited"
    INVITATION_RESENT = "invitation_resent"
    SLIPS_PRINTED = "slips_printed"
    PASSWORD_RESET_SENT = "password_reset_sent"
    PASSWORD_SET = "password_set"
    ROLE_CHANGED = "role_changed"
    TEAM_CHANGED = "team_changed"
    MEMBER_ADDED = "member_added"
    MEMBER_REMOVED = "member_removed"
    DEACTIVATED = "deactivated"
    ANONYMISED = "anonymised"
    DATA_EXPORTED = "data_exported"


class AuditEvent(db.Model):
    """One administrative action on a person."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    subject: Mapped[User | None] = relationship(foreign_keys=[subject_id])


class AuditTrailIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
def _no_update(mapper, connection, target) -> None:  # noqa: ANN001
    raise AuditTrailIsAppendOnly("audit events cannot be changed")


@event.listens_for(AuditEvent, "before_delete")
def _no_delete(mapper, connection, target) -> None:  # noqa: ANN001
    raise AuditTrailIsAppendOnly("audit events cannot be deleted")


def record(
    action: AuditAction,
    actor_id: int | None,
    subject_id: int | None,
    cohort_id: int | None = None,
    **details: object,
) -> AuditEvent:
    """Append one event; the caller commits."""
    entry = AuditEvent(
        action=action.value, actor_id=actor_id, subject_id=subject_id, cohort_id=cohort_id, details=details
    )
    db.session.add(entry)
    return entry
