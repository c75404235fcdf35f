"""Clashes in a plan, found before saving: one person booked twice on a day, a follow-up session during a
field visit, two course sessions in one room at once. Pure: plain bookings in, messages out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from itertools import combinations

from diklat.common.markers import N_

VISIT = "visit"
FOLLOWUP_SESSION = "followup_session"
COURSE_SESSION = "course_session"


@dataclass(frozen=True)
class Booking:
    """Something on the calendar: its kind, label, dates, times, people and room."""

    kind: str
    label: str
    starts_on: date
    ends_on: date
    start_time: time
    end_time: time
    people: frozenset[str] = field(default_factory=frozenset)  # names of mentors/facilitators booked
    room: str = ""


@dataclass(frozen=True)
class Clash:
    """One clash as an untranslated message and its parameters."""

    message: str
    params: dict


def _days_overlap(a: Booking, b: Booking) -> bool:
    return a.starts_on <= b.ends_on and b.starts_on <= a.ends_on


def _times_overlap(a: Booking, b: Booking) -> bool:
    return a.start_time < b.end_time and b.start_time < a.end_time


def _first_common_day(a: Booking, b: Booking) -> date:
    return max(a.starts_on, b.starts_on)


def _person(a: Booking, b: Booking) -> list[Clash]:
    both = sorted(a.people & b.people)
    if not both or not _days_overlap(a, b):
        return []
    return [
        Clash(
            N_("%(person)s is booked twice on %(day)s: %(first)s and %(second)s."),
            {"person": name, "day": _first_common_day(a, b), "first": a.label, "second": b.label},
        )
        for name in both
    ]


def _session_during_visit(a: Booking, b: Booking) -> list[Clash]:
    kinds = {a.kind, b.kind}
    if kinds != {VISIT, FOLLOWUP_SESSION} or not _days_overlap(a, b):
        return []
    visit, session = (a, b) if a.kind == VISIT else (b, a)
    return [
        Clash(
            N_("The follow-up session on %(day)s overlaps the field visit %(visit)s."),
            {"day": session.starts_on, "visit": visit.label},
        )
    ]


def _room(a: Booking, b: Booking) -> list[Clash]:
    if (
        a.kind != COURSE_SESSION
        or b.kind != COURSE_SESSION
        or not a.room
        or a.room.strip().lower() != b.room.strip().lower()
    ):
        return []
    if not _days_overlap(a, b) or not _times_overlap(a, b):
        return []
    return [
        Clash(
            N_("Room %(room)s is booked twice on %(day)s: %(first)s and %(second)s."),
            {"room": a.room, "day": a.starts_on, "first": a.label, "second": b.label},
        )
    ]


RULES = (_person, _session_during_visit, _room)


def find_clashes(bookings: list[Booking]) -> list[Clash]:
    """Every clash between two bookings, in booking order."""
    return [clash for a, b in combinations(bookings, 2) for rule in RULES for clash in rule(a, b)]


def clashes_with(candidate: Booking, others: list[Booking]) -> list[Clash]:
    """The clashes a new or moved booking would create with the others (checked before saving)."""
    return [clash for other in others for rule in RULES for clash in rule(candidate, other)]


def fingerprint(*values: object) -> str:
    """A short text naming the values a warning was shown for; 'save anyway' holds only for these."""
    return "|".join("" if v is None else str(v).strip().lower() for v in values)
