"""Home-page reminders: last month's indicators not entered yet for a team one works in or mentors."""

from __future__ import annotations

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

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
    teams = db.session.scalars(
        select(Team).where(or_(Team.id.in_(own), Team.mentor_id == user.id)).options(joinedload(Team.cohort))
    ).all()
    primary = {
        s.team_id: s
        for s in db.session.scalars(
            select(MonitoredService).where(
                MonitoredService.team_id.in_([t.id for t in teams]), MonitoredService.is_primary.is_(True)
            )
        )
    }
    last_month = {t.id: add_months(month_start(today(t.cohort)), -1) for t in teams}  # in each cohort's zone
    entered = set(
        db.session.execute(
            select(IndicatorMonth.service_id, IndicatorMonth.month).where(
                IndicatorMonth.service_id.in_([s.id for s in primary.values()]),
                IndicatorMonth.month.in_(set(last_month.values())),
            )
        ).tuples()
    )
    items = []
    for team in teams:
        service, month = primary.get(team.id), last_month[team.id]
        if month_start(team.cohort.start_date) > month or service is None or (service.id, month) in entered:
            continue
        items.append(
            AttentionItem(
                _(
                    "%(team)s: figures for %(month)s are not entered yet",
                    team=team.name,
                    month=format_date(month, "MMMM yyyy"),
                ),
                url_for("monitoring.entry", cohort_id=team.cohort_id, team_id=team.id, service_id=service.id),
                category="monitoring",
                due=month,
            )
        )
    return items
