"""Per-object access: one loader per kind, 404 for anything outside the viewer's cohorts or teams.

Roles are per cohort. A site admin manages every cohort and is treated like a facilitator.
A wrong role inside one's own cohort answers 403; anything of another cohort answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import abort, has_request_context, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from diklat.cohorts.models import Cohort, CohortMember, Role, Team
from diklat.extensions import db
from diklat.i18n import use_cohort_zone

R = TypeVar("R")

ADMIN = "admin"
MANAGERS = frozenset({Role.FACILITATOR.value, ADMIN})
EVERYONE = frozenset({Role.FACILITATOR.value, Role.MENTOR.value, Role.PARTICIPANT.value, ADMIN})
MANAGERS_AND_MENTORS = MANAGERS | {Role.MENTOR.value}
PARTICIPANTS = frozenset({Role.PARTICIPANT.value})


@dataclass
class CohortAccess:
    """A cohort as seen by the current user, with the role they hold in it."""

    cohort: Cohort
    role: str  # facilitator | mentor | participant | admin
    membership: CohortMember | None

    @property
    def manages(self) -> bool:
        """Facilitators and admins run the cohort."""
        return self.role in MANAGERS

    @property
    def team(self) -> Team | None:
        """The participant's own team."""
        return self.membership.team if self.membership else None

    def visible_teams(self) -> list[Team]:
        """Teams this viewer may open: all for managers, mentored ones for mentors, own for participants."""
        if self.manages:
            return cohort_teams(self.cohort.id)
        if self.role == Role.MENTOR.value:
            return cohort_teams(self.cohort.id, mentor_id=current_user.id)
        return [self.team] if self.team else []


def cohort_teams(cohort_id: int, mentor_id: int | None = None) -> list[Team]:
    """A cohort's teams by name with their members and mentor loaded in a constant number of statements."""
    query = (
        select(Team)
        .where(Team.cohort_id == cohort_id)
        .options(selectinload(Team.members), joinedload(Team.mentor))
        .order_by(Team.name)
    )
    if mentor_id is not None:
        query = query.where(Team.mentor_id == mentor_id)
    return list(db.session.scalars(query).unique())


def role_in(cohort_id: int, user_id: int, light: bool = False) -> CohortMember | None:
    """The membership of ``user_id`` in ``cohort_id``, if any (``light``: its user and team load on demand)."""
    query = select(CohortMember).where(CohortMember.cohort_id == cohort_id, CohortMember.user_id == user_id)
    if light:
        query = query.options(lazyload(CohortMember.user), lazyload(CohortMember.team))
    return db.session.scalar(query)


def load_cohort(cohort_id: int, roles: frozenset[str] | set[str] = EVERYONE, light: bool = False) -> CohortAccess:
    """Load a cohort the current user belongs to (404 otherwise), then check the role (403).

    ``light`` (the busiest endpoints, e.g. the per-answer save): the same checks, without eagerly loading the
    cohort's members and teams or the membership's user and team; they load on demand if a view touches them.
    """
    options = [lazyload(Cohort.members), lazyload(Cohort.teams)] if light else []
    cohort = db.session.get(Cohort, cohort_id, options=options)
    if cohort is None or not current_user.is_authenticated:
        abort(404)
    membership = role_in(cohort.id, current_user.id, light)
    if membership is not None:
        role = membership.role.value
    elif current_user.is_admin:
        role = ADMIN
    else:
        abort(404)
    if role not in roles:
        abort(403)
    use_cohort_zone(cohort.timezone)
    return CohortAccess(cohort, role, membership)


def load_team(access: CohortAccess, team_id: int) -> Team:
    """Load a team of the cohort that the viewer may see (404 otherwise)."""
    team = db.session.get(Team, team_id)
    if team is None or team.cohort_id != access.cohort.id:
        abort(404)
    if team not in access.visible_teams():
        abort(404)
    return team


def user_cohorts(user_id: int) -> list[tuple[Cohort, str]]:
    """Cohorts a user belongs to with their role, newest first."""
    members = sorted(memberships_of(user_id), key=lambda m: m.cohort.start_date, reverse=True)
    return [(m.cohort, m.role.value) for m in members]


def memberships_of(user_id: int) -> list[CohortMember]:
    """The user's memberships with their cohort and team, in one statement; read once per GET request, since the
    home page's attention items (worksheets, SOPs, tests, follow-ups, attendance) each ask for them."""
    return _once_per_read("memberships", user_id, _memberships)


def _once_per_read(name: str, user_id: int, read: Callable[[int], R]) -> R:
    """``read(user_id)``, kept for the rest of a GET request (a request that changes things reads afresh)."""
    if not has_request_context() or request.method not in ("GET", "HEAD"):
        return read(user_id)
    memo = request.environ.setdefault(f"diklat.{name}", {})
    if user_id not in memo:
        memo[user_id] = read(user_id)
    return memo[user_id]


def _memberships(user_id: int) -> list[CohortMember]:
    query = (
        select(CohortMember)
        .where(CohortMember.user_id == user_id)
        .options(joinedload(CohortMember.cohort), joinedload(CohortMember.team), lazyload(CohortMember.user))
        .order_by(CohortMember.id)
    )
    return list(db.session.scalars(query))


def membership_in(user_id: int, cohort_id: int) -> CohortMember | None:
    """The user's membership of one cohort, from :func:`memberships_of`."""
    return next((m for m in memberships_of(user_id) if m.cohort_id == cohort_id), None)


def is_facilitator_anywhere(user) -> bool:  # noqa: ANN001
    """Whether the user may create cohorts: admins and anyone facilitating a cohort."""
    if not user.is_authenticated:
        return False
    return bool(user.is_admin or Role.FACILITATOR in roles_anywhere(user.id))


def has_any_cohort(user) -> bool:  # noqa: ANN001
    """Whether the user belongs to any cohort, in any role."""
    return bool(user.is_authenticated and roles_anywhere(user.id))


def roles_anywhere(user_id: int) -> frozenset[Role]:
    """The roles the user holds in any cohort, read once per GET request: every page's menu asks for several links."""
    return _once_per_read("roles_anywhere", user_id, _roles)


def _roles(user_id: int) -> frozenset[Role]:
    query = select(CohortMember.role).where(CohortMember.user_id == user_id).distinct()
    return frozenset(db.session.scalars(query))
