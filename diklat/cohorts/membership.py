"""Changing people inside a cohort: move to another team, change role, remove; each leaves an audit event.

Team work (SOP drafts, trial reports, visit logs) belongs to the team it was written for, so a move
only changes the membership; test results belong to the person and stay theirs.
"""

from __future__ import annotations

from diklat.cohorts.models import CohortMember, Role, Team
from diklat.common.audit import AuditAction, record
from diklat.extensions import db


def move_to_team(member: CohortMember, team: Team | None, actor_id: int) -> bool:
    """Put a participant in ``team`` (None: no team); False when nothing changed."""
    if member.role != Role.PARTICIPANT or member.team_id == (team.id if team else None):
        return False
    before = member.team.name if member.team else None
    member.team_id = team.id if team else None
    record(
        AuditAction.TEAM_CHANGED,
        actor_id,
        member.user_id,
        member.cohort_id,
        before=before,
        after=team.name if team else None,
    )
    db.session.flush()
    db.session.refresh(member)
    return True


def change_role(member: CohortMember, role: Role, actor_id: int) -> bool:
    """Give a member another role in the cohort; only participants keep a team. False when unchanged."""
    if member.role == role:
        return False
    record(AuditAction.ROLE_CHANGED, actor_id, member.user_id, member.cohort_id, before=member.role.value, after=role)
    member.role = role
    if role != Role.PARTICIPANT:
        member.team_id = None
    db.session.flush()
    return True


def remove(member: CohortMember, actor_id: int) -> None:
    """Take a person out of the cohort (the account and what they wrote stay)."""
    record(AuditAction.MEMBER_REMOVED, actor_id, member.user_id, member.cohort_id, role=member.role.value)
    db.session.delete(member)
    db.session.flush()


def last_facilitator(member: CohortMember) -> bool:
    """True when ``member`` is the cohort's only facilitator (the cohort would be left without one)."""
    facilitators = member.cohort.members_with_role(Role.FACILITATOR)
    return member.role == Role.FACILITATOR and len(facilitators) == 1
