"""Turn the features' signals into notifications for the people concerned."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, url_for
from sqlalchemy import select

from diklat.cohorts.models import CohortMember, Role, Team
from diklat.curriculum.signals import worksheet_reviewed
from diklat.extensions import db
from diklat.followups.signals import report_submitted, visit_logged
from diklat.notifications.services import notify
from diklat.sops.signals import sop_commented, sop_status_changed


def link(endpoint: str, **values: Any) -> str:
    """A path for ``endpoint`` (also from the CLI, where there is no request)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)


def members(cohort_id: int, roles: tuple[Role, ...], team_id: int | None = None) -> list[int]:
    """User ids holding one of ``roles`` in the cohort (in the team when given)."""
    query = select(CohortMember.user_id).where(CohortMember.cohort_id == cohort_id, CohortMember.role.in_(roles))
    if team_id is not None:
        query = query.where(CohortMember.team_id == team_id)
    return list(db.session.scalars(query))


def on_worksheet_reviewed(answer: Any, accepted: bool, reviewer_id: int, **_: Any) -> None:
    """The owner (or the owning team) hears that a worksheet was returned or accepted."""
    owners = [answer.user_id] if answer.user_id else members(answer.cohort_id, (Role.PARTICIPANT,), answer.team_id)
    kind = "worksheet_accepted" if accepted else "worksheet_returned"
    url = link(
        "curriculum.worksheet",
        cohort_id=answer.cohort_id,
        number=answer.worksheet.module.number,
        key=answer.worksheet.key,
        kind="teams" if answer.team_id else "people",
        owner_id=answer.team_id or answer.user_id,
    )
    key = f"ws:{answer.id}:{answer.round}:{kind}"
    notify(owners, kind, key, {"title": answer.worksheet.title}, url, answer.cohort_id, exclude=reviewer_id)


def on_sop_status_changed(sop: Any, action: str, user_id: int, **_: Any) -> None:
    """Return/accept reach the team; a submission reaches its mentor and the facilitators."""
    team = db.session.get(Team, sop.team_id)
    url = link("sops.editor", cohort_id=team.cohort_id, team_id=team.id)
    version = sop.latest.number if sop.latest else 0
    if action in ("return", "accept"):
        kind = "sop_returned" if action == "return" else "sop_accepted"
        people = members(team.cohort_id, (Role.PARTICIPANT,), team.id)
    elif action == "submit":
        kind = "sop_submitted"
        people = members(team.cohort_id, (Role.FACILITATOR,)) + ([team.mentor_id] if team.mentor_id else [])
    else:
        return
    key = f"sop:{sop.id}:{version}:{kind}:{len(sop.events)}"
    notify(people, kind, key, {"team": team.name}, url, team.cohort_id, exclude=user_id)


def on_sop_commented(comment: Any, sop: Any, **_: Any) -> None:
    """A comment on a team's SOP reaches the team."""
    team = db.session.get(Team, sop.team_id)
    url = link("sops.editor", cohort_id=team.cohort_id, team_id=team.id)
    author = comment.author.name if getattr(comment, "author", None) else ""
    people = members(team.cohort_id, (Role.PARTICIPANT,), team.id)
    params = {"team": team.name, "author": author}
    notify(people, "sop_comment", f"sop-comment:{comment.id}", params, url, team.cohort_id, exclude=comment.author_id)


def on_visit_logged(visit: Any, team: Any, author_id: int, **_: Any) -> None:
    """A new visit log reaches the cohort's facilitators for review."""
    url = link("followups.visit", cohort_id=team.cohort_id, team_id=team.id, visit_id=visit.id)
    people = members(team.cohort_id, (Role.FACILITATOR,))
    notify(people, "visit_logged", f"visit:{visit.id}", {"team": team.name}, url, team.cohort_id, exclude=author_id)


def on_report_submitted(report: Any, user_id: int, **_: Any) -> None:
    """A submitted trial report reaches the facilitators and the team's mentor for review."""
    team = db.session.get(Team, report.team_id)
    url = link("followups.report", cohort_id=team.cohort_id, team_id=team.id)
    people = members(team.cohort_id, (Role.FACILITATOR,)) + ([team.mentor_id] if team.mentor_id else [])
    key = f"report:{report.id}:{report.submitted_at.isoformat() if report.submitted_at else ''}"
    notify(people, "report_submitted", key, {"team": team.name}, url, team.cohort_id, exclude=user_id)


def connect() -> None:
    """Subscribe to every signal (weak=False: the handlers are module functions, connected once)."""
    worksheet_reviewed.connect(on_worksheet_reviewed, weak=False)
    sop_status_changed.connect(on_sop_status_changed, weak=False)
    sop_commented.connect(on_sop_commented, weak=False)
    visit_logged.connect(on_visit_logged, weak=False)
    report_submitted.connect(on_report_submitted, weak=False)
