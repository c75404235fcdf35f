"""Follow-up plan services: generate, re-date on new offsets, change status, reschedule. Flush, never commit."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import Cohort
from diklat.common.markers import N_
from diklat.common.time import utcnow
from diklat.extensions import db
from diklat.followups import schedule
from diklat.followups.models import FollowupChange, FollowupItem, FollowupPlan, ItemKind, ItemStatus

# Default local times per kind: (start, end).
TIMES = {
    ItemKind.VISIT: (time(8, 0), time(16, 0)),
    ItemKind.FOLLOWUP_SESSION: (time(9, 0), time(12, 0)),
    ItemKind.GROUP_REVIEW: (time(9, 0), time(12, 0)),
    ItemKind.REPORT_DUE: (time(15, 0), time(16, 0)),
    ItemKind.EVALUATION: (time(9, 0), time(11, 0)),
}


class PlanError(Exception):
    """The plan cannot be generated now; ``message`` says why (untranslated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def plan_of(cohort: Cohort) -> FollowupPlan:
    """The cohort's plan settings, created with the defaults on first use."""
    plan = db.session.scalar(select(FollowupPlan).where(FollowupPlan.cohort_id == cohort.id))
    if plan is None:
        plan = FollowupPlan(cohort_id=cohort.id, session_place=cohort.place)
        db.session.add(plan)
        db.session.flush()
    return plan


def items_of(cohort: Cohort) -> list[FollowupItem]:
    """Every item of the cohort in date order."""
    return list(
        db.session.scalars(
            select(FollowupItem)
            .where(FollowupItem.cohort_id == cohort.id)
            .order_by(FollowupItem.starts_on, FollowupItem.start_time, FollowupItem.team_id, FollowupItem.id)
        )
    )


def non_working(cohort: Cohort, offsets: schedule.Offsets) -> dict[date, str]:
    """Holidays covering the plan's whole horizon."""
    return schedule.holidays_around(cohort.end_date, schedule.plan_horizon(offsets), offsets.collective_leave)


def _new_item(cohort: Cohort, plan: FollowupPlan, planned: schedule.PlannedDate, team=None) -> FollowupItem:  # noqa: ANN001
    kind = ItemKind(planned.kind)
    start, end = TIMES[kind]
    place = plan.session_place or cohort.place
    if team is not None:
        place = team.office if kind in (ItemKind.VISIT, ItemKind.EVALUATION) else ""
    return FollowupItem(
        cohort_id=cohort.id,
        team_id=team.id if team else None,
        kind=kind,
        sequence=planned.sequence,
        starts_on=planned.starts_on,
        ends_on=planned.ends_on,
        start_time=start,
        end_time=end,
        place=place,
        assignee_id=team.mentor_id if team is not None and kind == ItemKind.VISIT else None,
        status=ItemStatus.PLANNED,
    )


def generate(cohort: Cohort, user: User, today: date) -> list[FollowupItem]:
    """Create every item of the plan in one go, once the course has ended."""
    if cohort.end_date >= today:
        raise PlanError(N_("The plan can be generated once the course has ended."))
    if items_of(cohort):
        raise PlanError(N_("The plan has already been generated."))
    if not cohort.teams:
        raise PlanError(N_("Add teams to the cohort first."))
    plan = plan_of(cohort)
    offsets = plan.offsets()
    created = []
    for planned in schedule.plan(cohort.end_date, offsets, non_working(cohort, offsets)):
        owners = cohort.teams if planned.per_team else [None]
        created += [_new_item(cohort, plan, planned, team) for team in owners]
    db.session.add_all(created)
    plan.generated_at, plan.generated_by_id = utcnow(), user.id
    db.session.flush()
    return created


def _record(
    item: FollowupItem, user: User | None, to_status: ItemStatus, reason: str, new_start: date | None = None
) -> None:
    db.session.add(
        FollowupChange(
            item_id=item.id,
            changed_by_id=user.id if user else None,
            from_status=item.status.value,
            to_status=to_status.value,
            from_starts_on=item.starts_on if new_start else None,
            to_starts_on=new_start,
            reason=reason,
        )
    )


def apply_offsets(cohort: Cohort, plan: FollowupPlan, offsets: schedule.Offsets, user: User, reason: str) -> int:
    """Save new offsets and move the items that still follow them (planned, never moved by hand)."""
    for name in schedule.Offsets.__dataclass_fields__:
        setattr(plan, name, getattr(offsets, name))
    planned = {(p.kind, p.sequence): p for p in schedule.plan(cohort.end_date, offsets, non_working(cohort, offsets))}
    moved = 0
    for item in items_of(cohort):
        target = planned.get((item.kind.value, item.sequence))
        if target is None or not item.auto_dates or item.status != ItemStatus.PLANNED:
            continue
        if (item.starts_on, item.ends_on) != (target.starts_on, target.ends_on):
            _record(item, user, item.status, reason, target.starts_on)
            item.starts_on, item.ends_on = target.starts_on, target.ends_on
            moved += 1
    _add_new_evaluations(cohort, plan, planned)
    db.session.flush()
    return moved


def _add_new_evaluations(cohort: Cohort, plan: FollowupPlan, planned: dict) -> None:
    """When the evaluation count grew, add the missing evaluations for every team."""
    existing = {(i.team_id, i.sequence) for i in items_of(cohort) if i.kind == ItemKind.EVALUATION}
    for (kind, sequence), target in planned.items():
        if kind != ItemKind.EVALUATION.value:
            continue
        for team in cohort.teams:
            if (team.id, sequence) not in existing:
                db.session.add(_new_item(cohort, plan, target, team))


def set_status(item: FollowupItem, user: User, status: ItemStatus, reason: str = "") -> None:
    """Confirm, complete, mark missed, cancel or reopen an item; the change is kept in its history."""
    if status == ItemStatus.RESCHEDULED:
        raise ValueError("use reschedule() to move an item")
    if status == item.status:
        return
    _record(item, user, status, reason)
    item.status = status
    db.session.flush()


def reschedule(
    item: FollowupItem,
    user: User,
    starts_on: date,
    start_time: time,
    end_time: time,
    reason: str,
    length_days: int | None = None,
) -> None:
    """Move an item to a new date (and times) with a reason; it keeps its length in working days."""
    days = length_days or _working_length(item)
    plan = plan_of(item.cohort)
    off = schedule.holidays_around(starts_on, 30, plan.collective_leave)
    _record(item, user, ItemStatus.RESCHEDULED, reason, starts_on)
    item.starts_on = starts_on
    item.ends_on = schedule.working_span(starts_on, days, off)
    item.start_time, item.end_time = start_time, end_time
    item.status = ItemStatus.RESCHEDULED
    item.auto_dates = False
    db.session.flush()


def _working_length(item: FollowupItem) -> int:
    days = 0
    day = item.starts_on
    while day <= item.ends_on:
        days += day.weekday() < 5
        day += timedelta(days=1)
    return max(1, days)


def mark_done_by_evidence(item: FollowupItem | None, user: User, reason: str) -> None:
    """A logged visit or a submitted report completes its open item."""
    if item is not None and item.status.value in schedule.OPEN_STATUSES:
        set_status(item, user, ItemStatus.DONE, reason)
