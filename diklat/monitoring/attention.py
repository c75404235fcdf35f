"""Home-page reminders: last month's indicators not entered yet for a team one works in or mentors."""

from __future__ import annotations

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import or_, select

from diklat.cohorts.models import CohortMember, Role, Team
from diklat.common.nav import AttentionItem
from diklat.common.time import today
from diklat.extensions import db
from diklat.monitoring.models import IndicatorMonth, MonitoredService
from diklat.monitoring.periods import add_months, month_start


def missing_figures(user) -> list[AttentionItem]:  # noqa: ANN001
    """Teams of the user (as participant or mentor) whose primary service lacks last month's figures."""
    if not user.is_authenticated:
        return []
    own = select(CohortMember.team_id).where(CohortMember.user_id == user.id, CohortMember.role == Role.PARTICIPANT)
    teams = db.session.scalars(select(Team).where(or_(Team.id.in_(own), Team.mentor_id == user.id))).all()
    items = []
    for team in teams:
        last_month = add_months(month_start(today(team.cohort)), -1)
        if month_start(team.cohort.start_date) > last_month:
            continue
        service = db.session.scalar(
            select(MonitoredService).where(MonitoredService.team_id == team.id, MonitoredService.is_primary.is_(True))
        )
        if service is None or db.session.scalar(
            select(IndicatorMonth.id).where(IndicatorMonth.service_id == service.id, IndicatorMonth.month == last_month)
        ):
            continue
        items.append(
            AttentionItem(
                _(
                    "%(team)s: figures for %(month)s are not entered yet",
                    team=team.name,
                    month=format_date(last_month, "MMMM yyyy"),
                ),
                url_for("monitoring.entry", cohort_id=team.cohort_id, team_id=team.id, service_id=service.id),
                category="monitoring",
                due=last_month,
            )
        )
    return items
