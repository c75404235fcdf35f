"""Account list queries and admin actions on accounts: filters, bulk deactivate, anonymise."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, or_, select, update

from diklat.auth.models import LoginAttempt, User
from diklat.auth.token_models import AccessRequest, SignInToken
from diklat.cohorts.models import CohortMember, Role
from diklat.common.audit import AuditAction, record
from diklat.common.time import utcnow
from diklat.extensions import db

ANONYMOUS_DOMAIN = "anonim.invalid"


@dataclass
class AccountFilters:
    """What the admin filters the account list by (empty values: no filter)."""

    q: str = ""
    role: str = ""  # admin | facilitator | mentor | participant
    cohort_id: int | None = None
    status: str = ""  # active | inactive | never


def filtered_accounts(f: AccountFilters) -> Select:
    """The account query for the filters, ordered by name."""
    stmt = select(User).order_by(User.name, User.id)
    if f.q:
        like = f"%{f.q.lower()}%"
        stmt = stmt.where(or_(func.lower(User.name).like(like), User.email.like(like), User.nip.like(like)))
    if f.role == "admin":
        stmt = stmt.where(User.is_admin.is_(True))
    elif f.role in {r.value for r in Role} or f.cohort_id:
        members = select(CohortMember.user_id)
        if f.role in {r.value for r in Role}:
            members = members.where(CohortMember.role == Role(f.role))
        if f.cohort_id:
            members = members.where(CohortMember.cohort_id == f.cohort_id)
        stmt = stmt.where(User.id.in_(members))
    if f.status == "active":
        stmt = stmt.where(User.active.is_(True))
    elif f.status == "inactive":
        stmt = stmt.where(User.active.is_(False))
    elif f.status == "never":
        stmt = stmt.where(User.active.is_(True), User.last_login_at.is_(None))
    return stmt


def roles_by_user(user_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """(cohort name, role) pairs per user, for the role column."""
    from diklat.cohorts.models import Cohort

    out: dict[int, list[tuple[str, str]]] = {}
    if not user_ids:
        return out
    rows = db.session.execute(
        select(CohortMember.user_id, Cohort.name, CohortMember.role)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(CohortMember.user_id.in_(user_ids))
        .order_by(Cohort.start_date.desc())
    )
    for user_id, cohort_name, role in rows:
        out.setdefault(user_id, []).append((cohort_name, role.value))
    return out


def deactivate(users: list[User], actor_id: int) -> int:
    """Deactivate accounts (never one's own); their sessions and open links end. Returns how many changed."""
    changed = 0
    for user in users:
        if user.id == actor_id or not user.active:
            continue
        user.active = False
        user.session_token = secrets.token_hex(16)
        _revoke_links(user.id)
        record(AuditAction.DEACTIVATED, actor_id, user.id)
        changed += 1
    db.session.flush()
    return changed


def anonymise(user: User, actor_id: int) -> None:
    """Replace identity fields, disable sign-in; rows that feed aggregates (answers, ratings) stay."""
    old_email = user.email
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == old_email))
    db.session.execute(delete(AccessRequest).where(AccessRequest.email == old_email))
    user.name = f"Anonim #{user.id}"
    user.email = f"anonim-{user.id}@{ANONYMOUS_DOMAIN}"
    user.nip = None
    user.agency = user.unit = user.position = ""
    user.active = False
    user.is_admin = False
    user.locale = None
    user.set_unusable_password()
    user.anonymised_at = utcnow()
    _revoke_links(user.id)
    record(AuditAction.ANONYMISED, actor_id, user.id)
    db.session.flush()


def _revoke_links(user_id: int) -> None:
    db.session.execute(
        update(SignInToken)
        .where(SignInToken.user_id == user_id, SignInToken.used_at.is_(None), SignInToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
