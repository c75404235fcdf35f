"""Factory helpers: create accounts and cohorts with plain calls in tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from diklat.auth.models import User
from diklat.auth.services import create_user
from diklat.cohorts.models import Cohort, CohortMember, CourseSession, Role, Team
from diklat.extensions import db

PASSWORD = "diklat-demo"
MODULES = Path(__file__).resolve().parents[1] / "modules"
_counter = itertools.count(1)


class _ByKey:
    """Old tests read ``world["a"]["cohort"]``; new ones write ``world.a.cohort``."""

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        setattr(self, key, value)

    def __contains__(self, key: str) -> bool:
        return hasattr(self, key)


@dataclass
class CohortWorld(_ByKey):
    """One cohort of :meth:`Factory.world`: facilitator, mentor (of the first team), two teams of two."""

    cohort: Cohort
    facilitator: User
    mentor: User
    teams: list[Team]
    participants: list[User]
    session: CourseSession


@dataclass
class World(_ByKey):
    """Two cohorts ``a`` and ``b`` and a site admin; tests may attach more (``world["service"] = ...``)."""

    admin: User
    a: CohortWorld
    b: CohortWorld
    extra: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key) if key in ("admin", "a", "b") else self.extra[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key in ("admin", "a", "b"):
            setattr(self, key, value)
        else:
            self.extra[key] = value

    def __contains__(self, key: str) -> bool:
        return key in ("admin", "a", "b") or key in self.extra

    def update(self, **values: Any) -> None:
        """Attach more named objects (a bank, a test, a service...)."""
        for key, value in values.items():
            self[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        return default


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

    def world(self) -> World:
        """Two cohorts A and B, each with a facilitator, a mentor, two teams of two participants."""
        admin = self.user(email="admin@example.go.id", is_admin=True)
        out: dict[str, CohortWorld] = {}
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
            out[key] = CohortWorld(cohort, fac, mentor, teams, people, self.session(cohort))
        return World(admin=admin, a=out["a"], b=out["b"])

    def worksheet_answers(self, team: Team, module: int, key: str, data: dict[str, Any], author: User) -> None:
        """Save a team's real worksheet answers (syncs the course content first when needed)."""
        from diklat.curriculum.content import load_modules
        from diklat.curriculum.models import WorksheetDefinition
        from diklat.curriculum.services import get_module, save_answer, sync_modules

        if get_module(module) is None:
            sync_modules(load_modules(MODULES)[0])
        row = get_module(module)
        sheet = db.session.scalar(
            db.select(WorksheetDefinition).where(
                WorksheetDefinition.module_id == row.id, WorksheetDefinition.key == key
            )
        )
        answer = find_answer_or_none(sheet, team)
        save_answer(sheet, team.cohort, data, answer.version if answer else None, author, team=team)
        db.session.commit()

    def sop_versions(self, team: Team, author: User, reasons: list[str], doc: Any = None) -> list[int]:
        """A real SOP for the team (``doc`` or a new one) with one saved version per reason; the version ids."""
        from diklat.sops.services import initial_document, save_draft, save_version, team_sop

        sop = team_sop(team.id)
        doc = doc or initial_document(team)
        sop = save_draft(team, sop, doc, author, str(sop.version) if sop else "0")
        ids = [save_version(sop, reason, author, str(sop.version), doc).id for reason in reasons]
        db.session.commit()
        return ids


def find_answer_or_none(sheet: Any, team: Team) -> Any:
    """The team's current answer to ``sheet``, if any."""
    from diklat.curriculum.services import find_answer, owner_key

    return find_answer(sheet, team.cohort, owner_key(team))
