"""Per-address limits that hold on several servers behind a proxy.

The client address comes from ``request.remote_addr``, which ``ProxyFix`` (``DIKLAT_TRUSTED_PROXIES``)
sets from the proxy's ``X-Forwarded-For``. Counters live in a ``limits`` storage: Redis when
``DIKLAT_REDIS_URL`` is set, so every server counts the same client together, memory otherwise.

Use :func:`check` before acting and :func:`hit` for what counts (only failed sign-ins and slip codes),
or :func:`take` (or the :func:`limited` decorator) where every request counts (forgot password, public
certificate verification). Limits are named; each name reads its rate from the configuration key in
:data:`LIMITS`. Every per-address limit of the app lives here; per-account counters (sign-in failures,
forgot-password requests) stay in the database, which every server shares too.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, current_app, request
from limits import parse, storage, strategies

LIMITS = {
    "login": "LOGIN_ADDRESS_LIMIT",
    "password_reset": "PASSWORD_RESET_LIMIT",  # "forgot password" requests
    "sign_in_code": "SIGN_IN_CODE_LIMIT",  # wrong slip codes
    "skm": "SKM_RATE_LIMIT",  # with SKM_RATE_WINDOW_SECONDS
    "verify": "VERIFY_LIMIT",
}


class Limited(Exception):
    """Too many requests from this address; ``minutes`` until the oldest one no longer counts."""

    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def init_limits(app: Flask) -> None:
    """Point the counters at Redis (shared by every server) or at this process's memory."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_KEY_PREFIX", f"{app.config.get('REDIS_KEY_PREFIX', '')}diklat-limits")


def _counter() -> strategies.RateLimiter:
    """This app's counters, in the limiter's storage (one per app, so test apps never share them)."""
    found = current_app.extensions.get("diklat_limits")
    if found is None:
        backend = storage.storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
        found = current_app.extensions["diklat_limits"] = strategies.MovingWindowRateLimiter(backend)
    return found


def _address_key(name: str) -> str:
    # A keyed hash: the counters in Redis never hold a client's address.
    address = request.remote_addr or "unknown"
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), address.encode(), hashlib.sha256)
    return f"{current_app.config['RATELIMIT_KEY_PREFIX']}:{name}:{digest.hexdigest()[:32]}"


def _rate(name: str) -> Any:
    config = current_app.config
    if name == "skm":
        return parse(f"{config['SKM_RATE_LIMIT']} per {config['SKM_RATE_WINDOW_SECONDS']} seconds")
    return parse(str(config[LIMITS[name]]))


def check(name: str) -> None:
    """Raise :class:`Limited` when this address has used up limit ``name``."""
    rate = _rate(name)
    key = _address_key(name)
    if not _counter().test(rate, key):
        reset_at, _remaining = _counter().get_window_stats(rate, key)
        raise Limited(_minutes_until(reset_at))


def hit(name: str) -> None:
    """Count one use of limit ``name`` for this address."""
    _counter().hit(_rate(name), _address_key(name))


def take(name: str) -> None:
    """Count one use of limit ``name``, or raise :class:`Limited` (one atomic step, even in Redis)."""
    rate = _rate(name)
    key = _address_key(name)
    if not _counter().hit(rate, key):
        reset_at, _remaining = _counter().get_window_stats(rate, key)
        raise Limited(_minutes_until(reset_at))


def _minutes_until(reset_at: float) -> int:
    return max(1, -(-int(reset_at - time.time()) // 60))


def limited(name: str, respond: Callable[[Limited], Any]) -> Callable:
    """Decorate a view: every request counts; past the limit answer ``respond(limited)`` instead."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                take(name)
            except Limited as blocked:
                return respond(blocked)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def reset() -> None:
    """Forget this app's counters (tests)."""
    _counter().storage.reset()
