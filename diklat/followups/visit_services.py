"""Field-visit logs, step observations and agreed actions. Flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import Team
from diklat.extensions import db
from diklat.followups.models import AgreedAction, FollowupItem, ItemKind, Rating, StepObservation, VisitLog
from diklat.followups.plan_services import VISIT_LOGGED, mark_done_by_evidence
from diklat.followups.signals import visit_logged
from diklat.sops.queries import current_sop, sop_steps


@dataclass
class ObservationData:
    """One observed step as typed in the form."""

    label: str
    rating: Rating
    note: str = ""
    number: int | None = None


@dataclass
class ActionData:
    """One agreed action as typed; ``id`` is set for an existing action."""

    description: str
    owner: str
    due_on: date
    id: int | None = None


@dataclass
class VisitData:
    """Everything the visit form carries, as plain values."""

    started_on: date
    ended_on: date
    place: str
    attendees: str = ""
    problems: str = ""
    unclear_wording: str = ""
    notes: str = ""
    item_id: int | None = None
    sop_version: int | None = None
    observations: list[ObservationData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)


def sop_step_rows(team: Team) -> tuple[list[dict], int | None]:
    """The team's current SOP steps and version number (from the SOP feature); ([], None) without an SOP."""
    steps = sop_steps(team.id)
    current = current_sop(team.id)
    rows = [{"number": s.get("number"), "label": s.get("activity", ""), "actor": s.get("actor", "")} for s in steps]
    return rows, (current or {}).get("version_number")


def visits_of(team: Team) -> list[VisitLog]:
    """A team's visit logs, newest first."""
    return list(
        db.session.scalars(
            select(VisitLog).where(VisitLog.team_id == team.id).order_by(VisitLog.started_on.desc(), VisitLog.id.desc())
        )
    )


def visit_items(team: Team) -> list[FollowupItem]:
    """The team's planned mentoring visits a log can belong to."""
    return list(
        db.session.scalars(
            select(FollowupItem)
            .where(FollowupItem.team_id == team.id, FollowupItem.kind == ItemKind.VISIT)
            .order_by(FollowupItem.starts_on)
        )
    )


def save_visit(team: Team, author: User, data: VisitData, visit: VisitLog | None = None) -> VisitLog:
    """Create or update a visit log with its observations and actions; a logged visit completes its item."""
    if visit is None:
        visit = VisitLog(team_id=team.id, author_id=author.id)
        db.session.add(visit)
    for name in ("started_on", "ended_on", "place", "attendees", "problems", "unclear_wording", "notes", "sop_version"):
        setattr(visit, name, getattr(data, name))
    item = db.session.get(FollowupItem, data.item_id) if data.item_id else None
    visit.item_id = item.id if item is not None and item.team_id == team.id else None
    visit.observations = [
        StepObservation(position=i, step_number=o.number, label=o.label, rating=o.rating, note=o.note)
        for i, o in enumerate(data.observations)
    ]
    _sync_actions(visit, team, data.actions)
    db.session.flush()
    mark_done_by_evidence(item if visit.item_id else None, author, VISIT_LOGGED)
    visit_logged.send(visit, team=team, author_id=author.id)
    return visit


def _sync_actions(visit: VisitLog, team: Team, rows: list[ActionData]) -> None:
    existing = {a.id: a for a in visit.actions}
    kept = []
    for row in rows:
        action = existing.get(row.id) if row.id else None
        if action is None:
            action = AgreedAction(team_id=team.id)
        action.description, action.owner, action.due_on = row.description, row.owner, row.due_on
        kept.append(action)
    visit.actions = kept


def complete_action(action: AgreedAction, user: User, today: date) -> None:
    """Mark an agreed action done today."""
    action.done_on, action.done_by_id = today, user.id
    db.session.flush()


def reopen_action(action: AgreedAction) -> None:
    """Undo a done mark."""
    action.done_on, action.done_by_id = None, None
    db.session.flush()


def team_actions(team: Team) -> list[AgreedAction]:
    """All agreed actions of a team: open first by due date, then done."""
    actions = db.session.scalars(select(AgreedAction).where(AgreedAction.team_id == team.id)).all()
    return sorted(actions, key=lambda a: (a.done_on is not None, a.due_on, a.id))
