"""Password hashes, a bounded number at a time in each server process.

One scrypt check costs about 100 ms of CPU and releases the GIL, so a burst of sign-ins before a test (hundreds
of people in the same minute) would otherwise hash on every thread at once and leave no core for the people
already answering. Here at most ``PASSWORD_HASH_SLOTS`` hashes run at once per process; the others wait up to
``PASSWORD_HASH_WAIT_SECONDS`` for a slot, then the sign-in answers "busy, try again" (HashBusy) with what the
person typed kept. New hashes (setting a password) wait for a slot as long as it takes. The hash itself stays
as strong as configured.
"""

from __future__ import annotations

import secrets
import threading

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}  # by slot count, so tests may configure their own
_decoys: dict[str, str] = {}  # by hash method: a hash of a random secret nobody knows


class HashBusy(Exception):
    """Every hashing slot stayed taken for the configured wait."""


def _semaphore() -> threading.BoundedSemaphore:
    count = max(1, int(current_app.config.get("PASSWORD_HASH_SLOTS", 1)))
    with _lock:
        return _slots.setdefault(count, threading.BoundedSemaphore(count))


def _slot() -> threading.BoundedSemaphore:
    semaphore = _semaphore()
    if not semaphore.acquire(timeout=float(current_app.config.get("PASSWORD_HASH_WAIT_SECONDS", 20))):
        raise HashBusy
    return semaphore


def check_hash(stored: str, password: str) -> bool:
    """Whether ``password`` matches ``stored``; raises HashBusy when no slot frees up in time."""
    semaphore = _slot()
    try:
        return check_password_hash(stored, password)
    finally:
        semaphore.release()


def make_hash(password: str) -> str:
    """A new hash with the configured method, waiting for a slot as long as it takes (setting a password is rare
    and must not fail half-way through an enrolment or an invitation)."""
    with _semaphore():
        return generate_password_hash(password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


def check_hash_or_decoy(stored: str | None, password: str) -> bool:
    """:func:`check_hash`; without a stored hash (no such account, or no password yet) the same work against a
    decoy, so how long a sign-in takes does not tell whether an e-mail address has an account. Always False then."""
    if stored is not None:
        return check_hash(stored, password)
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    decoy = _decoys.get(method)
    if decoy is None:
        decoy = _decoys.setdefault(method, make_hash(secrets.token_urlsafe(24)))
    check_hash(decoy, password)
    return False
