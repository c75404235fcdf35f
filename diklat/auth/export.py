"""A person's own data as one JSON document: every row that points at them, and rows that point at those.

Walking the foreign keys means a feature added later is exported without changing this module.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select

from diklat.auth.models import User
from diklat.common.time import utcnow
from diklat.extensions import db

SECRET_COLUMNS = {"password_hash", "session_token", "token_hash", "code_hash", "address_hash"}
SKIP_TABLES = {"users", "sign_in_tokens", "access_requests", "login_attempts", "audit_events", "alembic_version"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return None  # binary blobs (files) are listed by their metadata rows only
    return value


def _row(table: Table, row: Any) -> dict[str, Any]:
    return {k: _plain(v) for k, v in row._mapping.items() if k not in SECRET_COLUMNS}


def _pointing_at(target: str) -> list[tuple[Table, list[str]]]:
    """Tables with foreign keys to ``target``.id and the names of those columns."""
    found = []
    for table in db.metadata.sorted_tables:
        if table.name in SKIP_TABLES:
            continue
        columns = [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == target]
        if columns:
            found.append((table, columns))
    return found


def _rows_where(table: Table, columns: list[str], ids: set[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    condition = None
    for name in columns:
        clause = table.c[name].in_(ids)
        condition = clause if condition is None else condition | clause
    return [_row(table, r) for r in db.session.execute(select(table).where(condition))]


def personal_data(user: User) -> dict[str, Any]:
    """Profile plus every record that refers to the person directly, or through a record of theirs."""
    users = db.metadata.tables["users"]
    profile = _row(users, db.session.execute(select(users).where(users.c.id == user.id)).one())
    records: dict[str, list[dict[str, Any]]] = {}
    owned: dict[str, set[int]] = {}
    for table, columns in _pointing_at("users"):
        if table.name in ("teams", "cohorts"):  # rows they manage, not rows about them
            continue
        rows = _rows_where(table, columns, {user.id})
        if rows:
            records[table.name] = rows
            owned[table.name] = {r["id"] for r in rows if "id" in r}
    for parent, ids in list(owned.items()):
        for table, columns in _pointing_at(parent):
            rows = [r for r in _rows_where(table, columns, ids) if r not in records.get(table.name, [])]
            if rows:
                records.setdefault(table.name, []).extend(rows)
    return {"exported_at": utcnow().isoformat() + "Z", "profile": profile, "records": records}
