"""A cheap load generator: N participants as gevent greenlets on locust's FastHttpSession (geventhttpclient).

Same flow as ``bench/load.py`` (sign in, open the tests tab, start at the same moment, save answers through the
page's JSON endpoint, submit at the same moment, verify nothing acknowledged was lost), but one process and one
core-light event loop instead of N Python threads, so the server keeps the CPU. Runs in its own virtualenv
(``bench/run.sh`` creates it with locust). Loopback only; bounded by --answers and --deadline.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

import gevent  # noqa: E402
from gevent.event import Event  # noqa: E402
from locust.contrib.fasthttp import FastHttpSession  # noqa: E402
from locust.env import Environment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import CSRF_RE, answer_fields, parse_questions, verify  # noqa: E402


class Barrier:
    """All participants (and the conductor) wait here until the last one arrives."""

    def __init__(self, parties: int) -> None:
        self.parties, self.count, self.event = parties, 0, Event()

    def wait(self, timeout: float) -> None:
        self.count += 1
        if self.count >= self.parties:
            self.event.set()
        self.event.wait(timeout)


class Stats:
    """Latencies (ms) and errors by step."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def add(self, kind: str, ms: float, ok: bool, detail: str = "") -> None:
        self.times.setdefault(kind, []).append(ms)
        if not ok:
            self.errors[f"{kind}:{detail}"] = self.errors.get(f"{kind}:{detail}", 0) + 1

    def summary(self) -> dict:
        out = {}
        for kind, values in sorted(self.times.items()):
            values = sorted(values)
            q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
            out[kind] = {"n": len(values), "p50": round(q[49], 1), "p95": round(q[94], 1), "p99": round(q[98], 1)}
        return out


def new_session(base: str, env: Environment) -> FastHttpSession:
    """A client with its own cookie jar (one signed-in participant)."""
    return FastHttpSession(base, env.events.request, None, connection_timeout=60, network_timeout=120)


def timed(session: FastHttpSession, stats: Stats, kind: str, method: str, path: str, **kwargs):
    """One request; a status of 400 or more (or a network error) counts as an error of ``kind``."""
    began = time.perf_counter()
    try:
        response = session.request(method, path, catch_response=False, allow_redirects=True, **kwargs)
        status, text = response.status_code, response.text or ""
    except Exception as exc:  # noqa: BLE001 - counted, not raised
        status, text = 0, type(exc).__name__
    ms = (time.perf_counter() - began) * 1000
    stats.add(kind, ms, 0 < status < 400, str(status) if status else text)
    return status, text


def participant(index: int, args: argparse.Namespace, env: Environment, stats: Stats, barriers, acked) -> None:  # noqa: ANN001
    """Play one participant; the synchronisation points are honoured even after a failure."""
    rng = random.Random(index)
    email = f"bench{index:04d}@example.go.id"
    passed = 0
    try:
        session = new_session(args.base, env)
        _, page = timed(session, stats, "sign-in", "GET", "/login")
        token = CSRF_RE.search(page).group(1)
        data = {"csrf_token": token, "email": email, "password": "bench-pass"}
        timed(session, stats, "sign-in", "POST", "/login", data=data)
        passed = 1
        barriers[0].wait(args.deadline)
        _, page = timed(session, stats, "open", "GET", f"/cohorts/{args.cohort}/tests")
        token = CSRF_RE.search(page).group(1)
        start = f"/cohorts/{args.cohort}/tests/{args.test}/start"
        _, page = timed(session, stats, "start", "POST", start, data={"csrf_token": token})
        save_url = re.search(r'data-save-url="([^"]+)"', page).group(1)
        questions = parse_questions(page)
        mine: dict[str, list] = {}
        headers = {"Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json"}
        for _ in range(args.answers):
            gevent.sleep(rng.uniform(args.interval * 0.5, args.interval * 1.5))
            qid = rng.choice(list(questions))
            fields = answer_fields(questions[qid], rng)
            body = json.dumps({"question": qid, "fields": fields})
            status, _ = timed(session, stats, "save", "POST", save_url, data=body, headers=headers)
            if status == 200:
                mine[str(qid)] = fields
        acked[email] = mine
        passed = 2
        barriers[1].wait(args.deadline)
        passed = 3
        barriers[2].wait(args.deadline)
        data = [("csrf_token", token), ("action", "submit")] + [(n, v) for f in mine.values() for n, v in f]
        attempt_url = save_url.rsplit("/answer", 1)[0]
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        timed(session, stats, "submit", "POST", attempt_url, data=urlencode(data), headers=form)
    except Exception as exc:  # noqa: BLE001 - counted as an error of the run
        stats.add("participant", 0.0, False, f"{type(exc).__name__} in phase {passed}")
    finally:
        acked.setdefault(email, {})
        for barrier in barriers[passed:]:
            barrier.wait(args.deadline)


def bare(args: argparse.Namespace, env: Environment, stats: Stats, stop: Event) -> None:
    """The bare endpoint of the same server at a steady rate during the whole run."""
    session = new_session(args.base, env)
    while not stop.is_set():
        timed(session, stats, "bare", "GET", "/__bench__/bare")
        gevent.sleep(0.5)


def load_average() -> list[float]:
    """The machine's 1-, 5- and 15-minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser()
    for name, kind, default in (
        ("--base", str, None),
        ("--db", str, None),
        ("--cohort", int, None),
        ("--test", int, None),
        ("--n", int, 300),
        ("--answers", int, 15),
        ("--interval", float, 10.0),
        ("--deadline", float, 900),
        ("--workdir", str, "/tmp"),
        ("--app-python", str, ".venv/bin/python"),
    ):
        parser.add_argument(name, type=kind, default=default)
    args = parser.parse_args()
    env, stats, acked = Environment(), Stats(), {}
    barriers = [Barrier(args.n + 1) for _ in range(3)]
    stop = Event()
    load_before = load_average()
    greenlets = [gevent.spawn(participant, i, args, env, stats, barriers, acked) for i in range(1, args.n + 1)]
    pingers = [gevent.spawn(bare, args, env, stats, stop) for _ in range(2)]
    barriers[0].wait(args.deadline)
    began = time.perf_counter()
    barriers[1].wait(args.deadline)
    load_during = load_average()
    after_saves = verify(args, acked, "saves", args.app_python)
    barriers[2].wait(args.deadline)
    gevent.joinall(greenlets, timeout=args.deadline)
    stop.set()
    gevent.joinall(pingers, timeout=5)
    after_submit = verify(args, acked, "submit", args.app_python)
    report = {
        "n": args.n,
        "seconds": round(time.perf_counter() - began, 1),
        "load_before": load_before,
        "load_during": load_during,
        "latency_ms": stats.summary(),
        "errors": stats.errors,
        "verify_after_saves": after_saves,
        "verify_after_submit": after_submit,
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
