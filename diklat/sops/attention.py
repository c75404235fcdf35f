"""Home-page items: SOPs waiting for a facilitator's review, SOPs returned to a team."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from diklat.cohorts.access import memberships_of
from diklat.cohorts.models import Role, Team
from diklat.common.nav import AttentionItem
from diklat.extensions import db
from diklat.sops.models import Sop, SopStatus


def sop_attention(user) -> list[AttentionItem]:  # noqa: ANN001
    """Facilitators: submitted SOPs to review. Participants: their team's SOP returned with comments."""
    items: list[AttentionItem] = []
    rows = [(m.role, m.team_id, m.cohort_id) for m in memberships_of(user.id)]
    managed = [cohort_id for role, _team, cohort_id in rows if role == Role.FACILITATOR]
    if managed:
        waiting = db.session.execute(
            select(Sop, Team)
            .join(Team, Team.id == Sop.team_id)
            .where(Team.cohort_id.in_(managed), Sop.status == SopStatus.SUBMITTED)
        ).all()
        for sop, team in waiting:
            items.append(
                AttentionItem(
                    _("SOP of %(team)s waits for your review", team=team.name),
                    url_for("sops.editor", cohort_id=team.cohort_id, team_id=team.id),
                    category="sops",
                    due=sop.updated_at.date(),
                )
            )
    own_teams = [team for role, team, _cohort in rows if role == Role.PARTICIPANT and team]
    if own_teams:
        returned = db.session.execute(
            select(Sop, Team)
            .join(Team, Team.id == Sop.team_id)
            .where(Sop.team_id.in_(own_teams), Sop.status == SopStatus.RETURNED)
        ).all()
        for _sop, team in returned:
            items.append(
                AttentionItem(
                    _("Your team's SOP was returned with comments: revise and submit again"),
                    url_for("sops.editor", cohort_id=team.cohort_id, team_id=team.id),
                    category="sops",
                )
            )
    return items
