"""Grow the demo cohort tenfold by cloning its teams with everything that hangs off them.

A team is cloned together with its participants: every row in any table that references the team or one of those
participants (attendance, attempts and their answers, worksheets, SOPs and their steps, visit logs …) is copied,
recursively, with its foreign keys pointed at the copies. Rows shared by the cohort (sessions, tests, questions) and
people who are not cloned (facilitator, mentor) stay as they are, so the copy looks like more of the same cohort.
The cloner reads the schema from the metadata, so features added later are cloned without changes here.
"""

from __future__ import annotations

import re
from collections import deque
from itertools import count

from sqlalchemy import Table, insert, select

from diklat.auth.models import User
from diklat.cohorts.models import CohortMember, Role, Team
from diklat.extensions import db

_serial = count(1)
OWNER_KEY_RE = re.compile(r"^(team|user):(\d+)$")


def _referencing(tables: list[Table]) -> dict[str, list[tuple[Table, list[tuple[str, str]]]]]:
    """For each table name, the tables whose foreign keys point at it, with (column, referenced table) pairs."""
    found: dict[str, list[tuple[Table, list[tuple[str, str]]]]] = {}
    for table in tables:
        by_target: dict[str, list[tuple[str, str]]] = {}
        for fk in table.foreign_keys:
            by_target.setdefault(fk.column.table.name, []).append((fk.parent.name, fk.column.table.name))
        for target, columns in by_target.items():
            found.setdefault(target, []).append((table, columns))
    return found


def _unique_text_columns(table: Table) -> set[str]:
    """Text columns under a unique constraint that holds no foreign key: a copy must change them."""
    names: set[str] = set()
    groups = [c.columns for c in table.constraints if c.__class__.__name__ == "UniqueConstraint"]
    groups += [i.columns for i in table.indexes if i.unique]
    for columns in groups:
        if any(col.foreign_keys or col.primary_key for col in columns):
            continue
        names |= {col.name for col in columns if col.type.python_type is str}
    for col in table.columns:
        if col.unique and not col.foreign_keys and col.type.python_type is str:
            names.add(col.name)
    return names


class SubtreeCloner:
    """Copies rows and everything referencing them, remapping foreign keys to the copies."""

    def __init__(self) -> None:
        self.tables = list(db.metadata.sorted_tables)
        self.by_name = {t.name: t for t in self.tables}
        self.refs = _referencing(self.tables)

    def clone(self, roots: dict[str, list[int]], overrides: dict[tuple[str, int], dict]) -> dict[tuple[str, int], int]:
        """Clone the root rows (table name → ids) and their referencing subtree; returns old → new ids."""
        rows: dict[tuple[str, int], dict] = {}
        queue: deque[tuple[str, int]] = deque()
        for name, ids in roots.items():
            table = self.by_name[name]
            for row in db.session.execute(select(table).where(table.c.id.in_(ids))).mappings():
                rows[(name, row["id"])] = dict(row)
                queue.append((name, row["id"]))
        while queue:
            name, row_id = queue.popleft()
            for table, columns in self.refs.get(name, []):
                if "id" not in table.c:
                    continue
                for column, _target in columns:
                    if column == "id":
                        continue
                    for row in db.session.execute(select(table).where(table.c[column] == row_id)).mappings():
                        key = (table.name, row["id"])
                        if key not in rows:
                            rows[key] = dict(row)
                            queue.append(key)
        return self._insert(rows, overrides)

    def _insert(self, rows: dict[tuple[str, int], dict], overrides: dict[tuple[str, int], dict]) -> dict:
        mapping: dict[tuple[str, int], int] = {}
        tag = next(_serial)
        for table in self.tables:  # parents before children
            keys = sorted(k for k in rows if k[0] == table.name)
            unique = _unique_text_columns(table)
            for key in keys:
                values = {k: v for k, v in rows[key].items() if k != "id"}
                for fk in table.foreign_keys:
                    old = values.get(fk.parent.name)
                    if old is not None and (fk.column.table.name, old) in mapping:
                        values[fk.parent.name] = mapping[(fk.column.table.name, old)]
                for col, value in values.items():
                    # Denormalised owner keys ("team:12", "user:40") follow the row they name.
                    if isinstance(value, str) and (m := OWNER_KEY_RE.match(value)):
                        target = (m.group(1) + "s", int(m.group(2)))
                        if target in mapping:
                            values[col] = f"{m.group(1)}:{mapping[target]}"
                for col in unique:
                    if values.get(col):
                        values[col] = f"{values[col]}~{tag}"[: table.c[col].type.length or None]
                values.update(overrides.get(key, {}))
                new_id = db.session.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
                mapping[key] = new_id
        return mapping


def grow_cohort(cohort_id: int, copies: int) -> None:
    """Add ``copies`` clones of every team of the cohort (each with its participants and their work)."""
    cloner = SubtreeCloner()
    teams = db.session.scalars(select(Team).where(Team.cohort_id == cohort_id).order_by(Team.id)).all()
    for n in range(1, copies + 1):
        for team in teams:
            members = db.session.scalars(
                select(CohortMember).where(CohortMember.team_id == team.id, CohortMember.role == Role.PARTICIPANT)
            ).all()
            user_ids = [m.user_id for m in members]
            overrides: dict[tuple[str, int], dict] = {("teams", team.id): {"name": f"{team.name} ({n + 1})"}}
            for user in db.session.scalars(select(User).where(User.id.in_(user_ids))):
                local, _, domain = user.email.partition("@")
                overrides[("users", user.id)] = {
                    "email": f"{local}.c{n}@{domain}",
                    "nip": _shifted_nip(user.nip, n) if user.nip else None,
                    "name": f"{user.name} {n + 1}",
                }
            cloner.clone({"teams": [team.id], "users": user_ids}, overrides)
    db.session.commit()


def _shifted_nip(nip: str, n: int) -> str:
    """A different, still well-formed NIP: same birth date and appointment, another serial number."""
    serial = (int(nip[-3:]) + 100 * n) % 1000
    return f"{nip[:-3]}{serial:03d}"
