"""A small per-address rate limiter for public pages, kept in one place (Flask-Limiter may replace it).

In-process and in memory: enough for one worker; limits reset when the process restarts.
"""

from __future__ import annotations

import threading
import time
from collections import deque

_hits: dict[str, deque[float]] = {}
_lock = threading.Lock()


def allow(key: str, limit: int, window_seconds: int, clock=time.monotonic) -> bool:  # noqa: ANN001
    """Count one request for ``key``; False when it is past ``limit`` requests in the last window."""
    now = clock()
    with _lock:
        recent = _hits.setdefault(key, deque())
        while recent and recent[0] <= now - window_seconds:
            recent.popleft()
        if len(recent) >= limit:
            return False
        recent.append(now)
        if len(_hits) > 10_000:  # forget idle addresses so memory stays bounded
            for stale in [k for k, v in _hits.items() if not v or v[-1] <= now - window_seconds]:
                del _hits[stale]
        return True


def reset() -> None:
    """Forget every count (tests)."""
    with _lock:
        _hits.clear()
