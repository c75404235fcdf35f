"""Bookings of a cohort's plan and course schedule, and their clashes as translated sentences."""

from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _

from diklat.cohorts.models import Cohort, Role
from diklat.followups.clashes import COURSE_SESSION, Booking, find_clashes
from diklat.followups.labels import KIND_LABELS
from diklat.followups.models import FollowupItem, ItemKind, ItemStatus

FACILITATED = (ItemKind.FOLLOWUP_SESSION, ItemKind.GROUP_REVIEW)
MENTORED = (ItemKind.VISIT, ItemKind.EVALUATION)


def _people(cohort: Cohort, item: FollowupItem, team, facilitators: frozenset[str]) -> frozenset[str]:  # noqa: ANN001
    if item.kind in FACILITATED:
        return facilitators
    if item.kind in MENTORED and team is not None and team.mentor is not None:
        return frozenset({team.mentor.name})
    return frozenset()


def bookings(cohort: Cohort, items: list[FollowupItem]) -> list[Booking]:
    """Open plan items and the course sessions as bookings with their people and rooms."""
    facilitators = frozenset(m.user.name for m in cohort.members_with_role(Role.FACILITATOR))
    teams = {t.id: t for t in cohort.teams}
    out = []
    for item in items:
        if item.status == ItemStatus.CANCELLED:
            continue
        team = teams.get(item.team_id)
        label = str(KIND_LABELS[item.kind.value]) + (f" ({team.name})" if team else "")
        out.append(
            Booking(
                item.kind.value,
                label,
                item.starts_on,
                item.ends_on,
                item.start_time,
                item.end_time,
                _people(cohort, item, team, facilitators),
            )
        )
    for s in cohort.sessions:
        out.append(Booking(COURSE_SESSION, s.title, s.day, s.day, s.start_time, s.end_time, frozenset(), s.room))
    return out


def clash_messages(cohort: Cohort, items: list[FollowupItem]) -> list[str]:
    """Every clash of the plan and schedule, translated, dates in the reader's language."""
    messages = []
    for clash in find_clashes(bookings(cohort, items)):
        params = {k: format_date(v, "long") if hasattr(v, "isoformat") else v for k, v in clash.params.items()}
        messages.append(_(clash.message, **params))
    return messages
