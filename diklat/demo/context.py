"""Shared state for demo steps: the dates and the people every feature's demo builds on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import Cohort
from diklat.common import time as clock
from diklat.extensions import db

DEMO_PASSWORD = "diklat-demo"
DEMO_COHORT_NAME = "Angkatan I Tahun 2026"
DEMO_ACCOUNTS = [
    ("admin@diklat.example", "admin"),
    ("fasilitator@diklat.example", "facilitator"),
    ("mentor@diklat.example", "mentor"),
] + [(f"peserta{i:02d}@diklat.example", "participant") for i in range(1, 25)]


def course_start(today: date) -> date:
    """A Tuesday about 200 days ago: the course is over and two quarters of follow-up have passed."""
    start = today - timedelta(days=200)
    return start - timedelta(days=(start.weekday() - 1) % 7)


@dataclass
class DemoContext:
    """What later demo steps need: today, the demo cohort and people by e-mail."""

    today: date
    start: date
    cohort: Cohort | None = None
    users: dict[str, User] = field(default_factory=dict)

    @classmethod
    def build(cls) -> DemoContext:
        today = clock.today()
        ctx = cls(today=today, start=course_start(today))
        ctx.cohort = db.session.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT_NAME))
        if ctx.cohort is not None:
            ctx.start = ctx.cohort.start_date
        return ctx

    def user(self, email: str) -> User:
        """A demo account by e-mail (loaded on first use)."""
        if email not in self.users:
            self.users[email] = db.session.scalar(select(User).where(User.email == email))
        return self.users[email]
