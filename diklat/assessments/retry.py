"""Retry a short write transaction when SQLite reports "database is locked".

In WAL mode a transaction that read before another connection committed cannot start writing (SQLITE_BUSY_SNAPSHOT)
and the busy timeout does not help; rolling back and running the whole unit again does. PostgreSQL never raises it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError

from diklat.extensions import db

T = TypeVar("T")
ATTEMPTS = 8


def retry_locked(unit: Callable[[], T]) -> T:
    """Run ``unit`` (which must commit) again after a rollback while the database reports it is locked."""
    for attempt in range(ATTEMPTS):
        try:
            return unit()
        except OperationalError as error:
            if "locked" not in str(error.orig) or attempt == ATTEMPTS - 1:
                raise
            db.session.rollback()
            time.sleep(random.uniform(0.02, 0.05) * 2**attempt)
    raise AssertionError("unreachable")
