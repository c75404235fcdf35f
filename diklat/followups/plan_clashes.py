"""Bookings of a cohort's plan and course schedule, and their clashes as translated sentences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from flask_babel import format_date
from flask_babel import gettext as _

from diklat.cohorts.models import Cohort, Role
from diklat.followups.clashes import COURSE_SESSION, Booking, Clash, clashes_with, find_clashes
from diklat.followups.labels import KIND_LABELS
from diklat.followups.models import FollowupItem, ItemKind, ItemStatus

FACILITATED = (ItemKind.FOLLOWUP_SESSION, ItemKind.GROUP_REVIEW)
MENTORED = (ItemKind.VISIT, ItemKind.EVALUATION)


def _people(item: FollowupItem, team, facilitators: frozenset[str]) -> frozenset[str]:  # noqa: ANN001
    if item.kind in FACILITATED:
        return facilitators
    if item.kind in MENTORED and team is not None and team.mentor is not None:
        return frozenset({team.mentor.name})
    return frozenset()


def _item_booking(item: FollowupItem, teams: dict, facilitators: frozenset[str]) -> Booking:
    team = teams.get(item.team_id)
    label = str(KIND_LABELS[item.kind.value]) + (f" ({team.name})" if team else "")
    people = _people(item, team, facilitators)
    return Booking(item.kind.value, label, item.starts_on, item.ends_on, item.start_time, item.end_time, people)


def _context(cohort: Cohort) -> tuple[dict, frozenset[str]]:
    facilitators = frozenset(m.user.name for m in cohort.members_with_role(Role.FACILITATOR))
    return {t.id: t for t in cohort.teams}, facilitators


def bookings(cohort: Cohort, items: list[FollowupItem]) -> list[Booking]:
    """Open plan items and the course sessions as bookings with their people and rooms."""
    teams, facilitators = _context(cohort)
    out = [_item_booking(i, teams, facilitators) for i in items if i.status != ItemStatus.CANCELLED]
    for s in cohort.sessions:
        out.append(Booking(COURSE_SESSION, s.title, s.day, s.day, s.start_time, s.end_time, frozenset(), s.room))
    return out


def _translated(clashes: list[Clash]) -> list[str]:
    messages = []
    for clash in clashes:
        params = {k: format_date(v, "long") if hasattr(v, "isoformat") else v for k, v in clash.params.items()}
        messages.append(_(clash.message, **params))
    return messages


def clash_messages(cohort: Cohort, items: list[FollowupItem]) -> list[str]:
    """Every clash of the plan and schedule, translated, dates in the reader's language."""
    return _translated(find_clashes(bookings(cohort, items)))


def clashes_if_moved(
    item: FollowupItem, items: list[FollowupItem], starts_on: date, ends_on: date, start: time, end: time
) -> list[str]:
    """The clashes the item would have on its new dates with the rest of the plan and the course schedule."""
    cohort = item.cohort
    teams, facilitators = _context(cohort)
    moved = replace(
        _item_booking(item, teams, facilitators), starts_on=starts_on, ends_on=ends_on, start_time=start, end_time=end
    )
    others = bookings(cohort, [i for i in items if i.id != item.id])
    return _translated(clashes_with(moved, others))
