"""The app wrapped for benchmarks: server CPU time per request, by step, measured inside the server.

``gunicorn -c bench/gunicorn_conf.py bench.cpu_app:app`` serves the real app; every request's thread CPU time
(``time.thread_time``: this request's own work, not other threads') and wall time are added to the step the URL
belongs to. Each worker writes its totals to ``$BENCH_CPU_DIR/cpu-<pid>.json`` when it exits; ``bench/cpu_report.py``
adds the workers up. Not part of the product: nothing in ``diklat/`` knows about it.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable

from wsgi import app as flask_app

STEPS = (  # (step, method or None for any, path pattern)
    ("bare", None, re.compile(r"^/__bench__/bare$")),
    ("healthz", None, re.compile(r"^/healthz$")),
    ("sign-in page", "GET", re.compile(r"^/login$")),
    ("sign-in", "POST", re.compile(r"^/login$")),
    ("home", "GET", re.compile(r"^/$")),
    ("open tests tab", "GET", re.compile(r"^/cohorts/\d+/tests$")),
    ("start", "POST", re.compile(r"^/cohorts/\d+/tests/\d+/start$")),
    ("attempt page", "GET", re.compile(r"^/cohorts/\d+/attempts/\d+$")),
    ("save", "POST", re.compile(r"^/cohorts/\d+/attempts/\d+/answer$")),
    ("submit", "POST", re.compile(r"^/cohorts/\d+/attempts/\d+$")),
    ("result page", "GET", re.compile(r"^/cohorts/\d+/attempts/\d+/result$")),
)
_lock = threading.Lock()
_totals: dict[str, list[float]] = {}  # step -> [requests, cpu seconds, wall seconds]


def step_of(method: str, path: str) -> str:
    """The benchmark step a request belongs to (``other`` when none)."""
    for name, wanted, pattern in STEPS:
        if (wanted is None or wanted == method) and pattern.match(path):
            return name
    return "other"


class CpuPerRequest:
    """WSGI middleware adding each request's thread CPU and wall time to its step."""

    def __init__(self, wrapped: Callable) -> None:
        self.wrapped = wrapped

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        cpu, wall = time.thread_time(), time.perf_counter()
        body = b"".join(self.wrapped(environ, start_response))  # the whole response is built inside the timing
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        step = step_of(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))
        with _lock:
            row = _totals.setdefault(step, [0, 0.0, 0.0])
            row[0] += 1
            row[1] += cpu
            row[2] += wall
        return [body]


def dump() -> None:
    """Write this worker's totals (called by gunicorn's worker_exit hook)."""
    folder = os.environ.get("BENCH_CPU_DIR")
    if folder:
        with _lock:
            data = {k: list(v) for k, v in _totals.items()}
        with open(os.path.join(folder, f"cpu-{os.getpid()}.json"), "w") as fh:
            json.dump(data, fh)


def _bare() -> str:
    """The bare endpoint: the whole Flask request cycle, no database, no template."""
    return "ok"


flask_app.add_url_rule("/__bench__/bare", "bench_bare", _bare)
app = CpuPerRequest(flask_app)
