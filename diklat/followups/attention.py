"""Home-page attention items: overdue follow-up items and actions, reports waiting for review or rework."""

from __future__ import annotations

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from diklat.cohorts.access import memberships_of
from diklat.cohorts.models import Role, Team
from diklat.common import time as clock
from diklat.common.markers import N_
from diklat.common.nav import AttentionItem
from diklat.extensions import db
from diklat.followups.labels import item_title
from diklat.followups.models import AgreedAction, FollowupItem, ItemStatus, ReportStatus, TrialReport
from diklat.followups.schedule import OPEN_STATUSES


def _scope(user) -> tuple[list[int], list[int], list[int]]:  # noqa: ANN001
    """(cohorts the user facilitates, teams they mentor, their own teams)."""
    members = memberships_of(user.id)
    managed = [m.cohort_id for m in members if m.role == Role.FACILITATOR]
    mentored = list(db.session.scalars(select(Team.id).where(Team.mentor_id == user.id)))
    own = [m.team_id for m in members if m.role == Role.PARTICIPANT and m.team_id]
    return managed, mentored, own


def _overdue_items(managed: list[int], teams: list[int]) -> list[AttentionItem]:
    conditions = []
    if managed:
        conditions.append(FollowupItem.cohort_id.in_(managed))
    if teams:
        conditions.append(FollowupItem.team_id.in_(teams))
    if not conditions:
        return []
    items = db.session.scalars(
        select(FollowupItem)
        .where(
            or_(*conditions),
            FollowupItem.status.in_([ItemStatus(s) for s in OPEN_STATUSES]),
            FollowupItem.ends_on < clock.latest_today(),
        )
        .order_by(FollowupItem.ends_on)
        .options(joinedload(FollowupItem.team), joinedload(FollowupItem.cohort))
    ).all()
    items = [i for i in items if i.ends_on < clock.today(i.cohort)]  # each cohort's own date
    return [
        AttentionItem(
            _("%(title)s was due %(date)s", title=item_title(i), date=format_date(i.ends_on, "medium")),
            url_for("followups.item", cohort_id=i.cohort_id, item_id=i.id),
            overdue=True,
            category="followup",
            due=i.ends_on,
        )
        for i in items
    ]


def _overdue_actions(team_ids: list[int]) -> list[AttentionItem]:
    if not team_ids:
        return []
    actions = db.session.scalars(
        select(AgreedAction)
        .where(
            AgreedAction.team_id.in_(team_ids),
            AgreedAction.done_on.is_(None),
            AgreedAction.due_on < clock.latest_today(),
        )
        .order_by(AgreedAction.due_on)
        .options(joinedload(AgreedAction.team).joinedload(Team.cohort))
    ).all()
    actions = [a for a in actions if a.due_on < clock.today(a.team.cohort)]
    return [
        AttentionItem(
            _("Agreed action of %(team)s overdue: %(text)s", team=a.team.name, text=a.description[:80]),
            url_for("followups.team", cohort_id=a.team.cohort_id, team_id=a.team_id) + f"#action-{a.id}",
            overdue=True,
            category="followup-action",
            due=a.due_on,
        )
        for a in actions
    ]


def _reports(team_ids: list[int], status: ReportStatus, text: str) -> list[AttentionItem]:
    if not team_ids:
        return []
    reports = db.session.scalars(
        select(TrialReport)
        .where(TrialReport.team_id.in_(team_ids), TrialReport.status == status)
        .options(joinedload(TrialReport.team))
    ).all()
    return [
        AttentionItem(
            _(text, team=r.team.name),
            url_for("followups.report", cohort_id=r.team.cohort_id, team_id=r.team_id),
            category="followup-report",
        )
        for r in reports
    ]


def followup_attention(user) -> list[AttentionItem]:  # noqa: ANN001
    """Everything overdue in the user's scope, plus reports that wait on them."""
    if not user.is_authenticated:
        return []
    managed, mentored, own = _scope(user)
    managed_teams = list(db.session.scalars(select(Team.id).where(Team.cohort_id.in_(managed)))) if managed else []
    items = _overdue_items(managed, mentored + own)
    items += _overdue_actions(sorted(set(managed_teams + mentored + own)))
    reviewers = sorted(set(managed_teams + mentored))
    items += _reports(reviewers, ReportStatus.SUBMITTED, N_("Trial report of %(team)s waits for your review"))
    items += _reports(own, ReportStatus.NEEDS_MORE, N_("More was requested on the trial report of %(team)s"))
    return items
