"""Follow-up plan services: generate, re-date on new offsets, change status, reschedule. Flush, never commit."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import Cohort
from diklat.common.markers import N_
from diklat.common.models import created_on_first_use
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
        created_on_first_use(plan)
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


def _planned(cohort: Cohort, plan: FollowupPlan) -> list[schedule.PlannedDate]:
    offsets = plan.offsets()
    return schedule.plan(cohort.end_date, offsets, non_working(cohort, offsets))


def draft(cohort: Cohort) -> list[FollowupItem]:
    """The plan as it would be generated now, not saved (for the preview with its clashes)."""
    plan = plan_of(cohort)
    items = []
    for planned in _planned(cohort, plan):
        owners = cohort.teams if planned.per_team else [None]
        items += [_new_item(cohort, plan, planned, team) for team in owners]
    return items


def replaceable(items: list[FollowupItem]) -> bool:
    """Nothing was done yet: every item still planned and none has a history."""
    if any(i.status != ItemStatus.PLANNED for i in items):
        return False
    ids = [i.id for i in items]
    return (
        not ids or db.session.scalar(select(FollowupChange.id).where(FollowupChange.item_id.in_(ids)).limit(1)) is None
    )


def teams_without_items(cohort: Cohort) -> list:
    """Teams added after the plan was made (they have no items yet)."""
    with_items = set(db.session.scalars(select(FollowupItem.team_id).where(FollowupItem.cohort_id == cohort.id)))
    return [t for t in cohort.teams if t.id not in with_items]


def add_team_items(cohort: Cohort, teams: list) -> list[FollowupItem]:
    """Give teams added after generating their own items, dated like everyone else's."""
    plan = plan_of(cohort)
    created = [_new_item(cohort, plan, p, team) for p in _planned(cohort, plan) if p.per_team for team in teams]
    db.session.add_all(created)
    db.session.flush()
    return created


def generate(cohort: Cohort, user: User, today: date, early: bool = False) -> list[FollowupItem]:
    """Create (or, while nothing was done yet, replace) the plan; from the course's last day, or earlier on request."""
    if cohort.end_date > today and not early:
        raise PlanError(N_("The plan can be drafted from the course's last day."))
    if not cohort.teams:
        raise PlanError(N_("Add teams to the cohort first."))
    plan = plan_of(cohort)
    existing = items_of(cohort)
    if existing and plan.generated_at is not None and not replaceable(existing):
        if new_teams := teams_without_items(cohort):
            return add_team_items(cohort, new_teams)
        raise PlanError(N_("Work on the plan has started: change single items instead (their history is kept)."))
    for item in existing:  # untouched items (or evaluations left by saving offsets first) are replaced
        db.session.delete(item)
    db.session.flush()
    created = draft(cohort)
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
    if plan.generated_at is not None:  # before generating there is nothing to extend
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
    ends_on = moved_end(item, starts_on, length_days)
    _record(item, user, ItemStatus.RESCHEDULED, reason, starts_on)
    item.starts_on = starts_on
    item.ends_on = ends_on
    item.start_time, item.end_time = start_time, end_time
    item.status = ItemStatus.RESCHEDULED
    item.auto_dates = False
    db.session.flush()


def moved_end(item: FollowupItem, starts_on: date, length_days: int | None = None) -> date:
    """The last day of the item when it starts on ``starts_on`` (same length in working days)."""
    days = length_days or _working_length(item)
    off = schedule.holidays_around(starts_on, 30, plan_of(item.cohort).collective_leave)
    return schedule.working_span(starts_on, days, off)


def _working_length(item: FollowupItem) -> int:
    days = 0
    day = item.starts_on
    while day <= item.ends_on:
        days += day.weekday() < 5
        day += timedelta(days=1)
    return max(1, days)


# Why the system changed an item (stored as these English words, shown translated).
VISIT_LOGGED, REPORT_SUBMITTED, REVIEW_SAVED = N_("Visit logged"), N_("Report submitted"), N_("Quarterly review saved")
OFFSETS_CHANGED = N_("Plan offsets changed")
SYSTEM_REASONS = frozenset({VISIT_LOGGED, REPORT_SUBMITTED, REVIEW_SAVED, OFFSETS_CHANGED})


def mark_done_by_evidence(item: FollowupItem | None, user: User, reason: str) -> None:
    """A logged visit or a submitted report completes its open item."""
    if item is not None and item.status.value in schedule.OPEN_STATUSES:
        set_status(item, user, ItemStatus.DONE, reason)
