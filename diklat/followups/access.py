"""Loaders and permission checks of the follow-up pages (404 outside one's cohort or team)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from diklat.cohorts.access import EVERYONE, CohortAccess, load_cohort, load_team
from diklat.cohorts.models import Role, Team
from diklat.extensions import db
from diklat.followups.models import Attachment, FollowupItem, ItemKind, VisitLog


def is_team_mentor(team: Team | None) -> bool:
    """The signed-in person mentors this team."""
    return team is not None and team.mentor_id == current_user.id


def can_edit_item(access: CohortAccess, item: FollowupItem) -> bool:
    """Managers change every item; a mentor changes their teams' visits."""
    return access.manages or (item.kind == ItemKind.VISIT and is_team_mentor(item.team))


def can_log_visit(access: CohortAccess, team: Team) -> bool:
    """Managers and the team's mentor write visit logs."""
    return access.manages or is_team_mentor(team)


def can_review(access: CohortAccess, team: Team) -> bool:
    """Managers and the team's mentor review the trial report."""
    return access.manages or is_team_mentor(team)


def is_team_member(access: CohortAccess, team: Team) -> bool:
    """A participant of this very team."""
    return access.role == Role.PARTICIPANT.value and access.team is not None and access.team.id == team.id


def load_item(cohort_id: int, item_id: int) -> tuple[CohortAccess, FollowupItem]:
    """An item of the cohort that the viewer may see (a team's item only for those who see the team)."""
    access = load_cohort(cohort_id, EVERYONE)
    item = db.session.get(FollowupItem, item_id)
    if item is None or item.cohort_id != access.cohort.id:
        abort(404)
    if item.team_id is not None:
        load_team(access, item.team_id)
    return access, item


def load_team_page(cohort_id: int, team_id: int) -> tuple[CohortAccess, Team]:
    """The cohort and a team the viewer may see."""
    access = load_cohort(cohort_id, EVERYONE)
    return access, load_team(access, team_id)


def load_visit(cohort_id: int, team_id: int, visit_id: int) -> tuple[CohortAccess, Team, VisitLog]:
    """A visit log of a team the viewer may see."""
    access, team = load_team_page(cohort_id, team_id)
    visit = db.session.get(VisitLog, visit_id)
    if visit is None or visit.team_id != team.id:
        abort(404)
    return access, team, visit


def load_attachment(cohort_id: int, team_id: int, attachment_id: int) -> tuple[CohortAccess, Team, Attachment]:
    """An attachment of a team the viewer may see."""
    access, team = load_team_page(cohort_id, team_id)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.team_id != team.id:
        abort(404)
    return access, team, attachment
