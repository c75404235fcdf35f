"""Two course sessions in one room at the same time, as translated sentences (the schedule and its form)."""

from __future__ import annotations

from datetime import date, time

from flask_babel import format_date
from flask_babel import gettext as _

from diklat.cohorts.models import Cohort


def _bookings(cohort: Cohort, skip_id: int | None = None) -> list:
    # the pure clash rules live with the follow-up plan; imported here, not at start-up (cohorts sits below)
    from diklat.followups.clashes import COURSE_SESSION, Booking

    return [
        Booking(COURSE_SESSION, s.title, s.day, s.day, s.start_time, s.end_time, frozenset(), s.room)
        for s in cohort.sessions
        if skip_id is None or s.id != skip_id
    ]


def _translated(clashes: list) -> list[str]:
    return [
        _(c.message, **{k: format_date(v, "long") if isinstance(v, date) else v for k, v in c.params.items()})
        for c in clashes
    ]


def room_clashes(cohort: Cohort) -> list[str]:
    """Every room booked twice at once in the cohort's schedule."""
    from diklat.followups.clashes import find_clashes

    return _translated(find_clashes(_bookings(cohort)))


def session_clashes(
    cohort: Cohort, session_id: int | None, title: str, day: date, start: time, end: time, room: str
) -> list[str]:
    """The room clashes a new or changed session would have with the cohort's other sessions."""
    from diklat.followups.clashes import COURSE_SESSION, Booking, clashes_with

    candidate = Booking(COURSE_SESSION, title, day, day, start, end, frozenset(), room or "")
    return _translated(clashes_with(candidate, _bookings(cohort, session_id)))


def confirmation(*values: object) -> str:
    """What the hidden "save anyway" field holds: the values the warning was shown for."""
    from diklat.followups.clashes import fingerprint

    return fingerprint(*values)
