"""Factory helpers: create accounts and cohorts with plain calls in tests."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta

from diklat.auth.models import User
from diklat.auth.services import create_user
from diklat.cohorts.models import Cohort, CohortMember, CourseSession, Role, Team
from diklat.extensions import db

PASSWORD = "diklat-demo"
_counter = itertools.count(1)


def valid_nip(n: int) -> str:
    """A structurally valid NIP unique for ``n``."""
    return f"1985{(n % 12) + 1:02d}{(n % 28) + 1:02d}2010{(n % 12) + 1:02d}{1 + n % 2}{n % 1000:03d}"


class Factory:
    """Create objects, flush and commit so views can see them."""

    def user(self, email: str | None = None, name: str | None = None, **fields: object) -> User:
        n = next(_counter)
        user = create_user(
            email or f"user{n}@example.go.id",
            name or f"Pengguna {n}",
            PASSWORD,
            nip=fields.pop("nip", valid_nip(n)),
            **fields,
        )
        db.session.commit()
        return user

    def cohort(
        self, facilitator: User | None = None, name: str | None = None, start: date | None = None, days: int = 3
    ) -> Cohort:
        n = next(_counter)
        start = start or date(2026, 3, 10)
        cohort = Cohort(
            name=name or f"Angkatan {n}",
            course="Diklat SOP",
            place="Aula",
            start_date=start,
            end_date=start + timedelta(days=days - 1),
        )
        db.session.add(cohort)
        db.session.flush()
        if facilitator is not None:
            self.member(cohort, facilitator, Role.FACILITATOR)
        db.session.commit()
        return cohort

    def team(self, cohort: Cohort, name: str | None = None, mentor: User | None = None) -> Team:
        n = next(_counter)
        team = Team(
            cohort_id=cohort.id,
            name=name or f"Kelompok {n}",
            office="DPMPTSP Kota Contoh",
            service="Izin Usaha Mikro",
            mentor_id=mentor.id if mentor else None,
        )
        db.session.add(team)
        db.session.commit()
        return team

    def member(self, cohort: Cohort, user: User, role: Role, team: Team | None = None) -> CohortMember:
        member = CohortMember(cohort_id=cohort.id, user_id=user.id, role=role, team_id=team.id if team else None)
        db.session.add(member)
        db.session.commit()
        return member

    def session(
        self,
        cohort: Cohort,
        day_offset: int = 0,
        start: time = time(8),
        end: time = time(9, 30),
        title: str = "Modul 1",
        module: int | None = 1,
    ) -> CourseSession:
        session = CourseSession(
            cohort_id=cohort.id,
            day=cohort.start_date + timedelta(days=day_offset),
            start_time=start,
            end_time=end,
            title=title,
            module_number=module,
            room="Aula",
        )
        db.session.add(session)
        db.session.commit()
        return session

    def world(self) -> dict:
        """Two cohorts A and B, each with a facilitator, a mentor, two teams of two participants."""
        out: dict = {"admin": self.user(email="admin@example.go.id", is_admin=True)}
        for key in ("a", "b"):
            fac = self.user(email=f"fac-{key}@example.go.id")
            mentor = self.user(email=f"mentor-{key}@example.go.id")
            cohort = self.cohort(fac, name=f"Angkatan {key.upper()}")
            self.member(cohort, mentor, Role.MENTOR)
            teams = [self.team(cohort, f"Kelompok {key}{i}", mentor if i == 1 else None) for i in (1, 2)]
            people = []
            for t_index, team in enumerate(teams):
                for p in (1, 2):
                    user = self.user(email=f"p-{key}{t_index + 1}{p}@example.go.id")
                    self.member(cohort, user, Role.PARTICIPANT, team)
                    people.append(user)
            out[key] = {
                "cohort": cohort,
                "facilitator": fac,
                "mentor": mentor,
                "teams": teams,
                "participants": people,
                "session": self.session(cohort),
            }
        return out
