"""Sign-in of N people with real scrypt hashes, arriving at random over a window, beside the bare endpoint.

The question it answers: when everyone signs in during the ten minutes before a test, how long does each sign-in
take, and does the rest of the site stay responsive (the bare endpoint and signed-in page loads measured at the
same time)? Each person opens /login, posts the form, follows to the home page. Loopback only; bounded by --n
and --window. Runs in the load virtualenv (``bench/run_signin.sh`` sets everything up).
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from gevent.event import Event  # noqa: E402
from locust.env import Environment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import CSRF_RE  # noqa: E402
from load_gevent import Stats, bare, load_average, new_session, timed  # noqa: E402


def person(index: int, at: float, args: argparse.Namespace, env: Environment, stats: Stats) -> None:
    """Wait until ``at`` seconds into the run, then sign in and open the tests tab (timed apart)."""
    gevent.sleep(at)
    session = new_session(args.base, env)
    began = time.perf_counter()
    _, page = timed(session, stats, "login page", "GET", "/login")
    match = CSRF_RE.search(page)
    if match is None:
        stats.add("sign-in", 0.0, False, "no form")
        return
    data = {"csrf_token": match.group(1), "email": f"bench{index:04d}@example.go.id", "password": "bench-pass"}
    status, _ = timed(session, stats, "sign-in post", "POST", "/login", data=data)
    stats.add("sign-in (page + post + home)", (time.perf_counter() - began) * 1000, status == 200, str(status))
    timed(session, stats, "tests tab (signed in)", "GET", f"/cohorts/{args.cohort}/tests")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--cohort", type=int, required=True)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--window", type=float, default=600.0, help="seconds over which people arrive")
    args = parser.parse_args()
    env, stats, stop = Environment(), Stats(), Event()
    rng = random.Random(1)
    load_before = load_average()
    people = [gevent.spawn(person, i, rng.uniform(0, args.window), args, env, stats) for i in range(1, args.n + 1)]
    pingers = [gevent.spawn(bare, args, env, stats, stop) for _ in range(2)]
    gevent.sleep(args.window / 2)
    load_during = load_average()
    gevent.joinall(people, timeout=args.window + 600)
    stop.set()
    gevent.joinall(pingers, timeout=5)
    report = {
        "n": args.n,
        "window_s": args.window,
        "load_before": load_before,
        "load_during": load_during,
        "latency_ms": stats.summary(),
        "errors": stats.errors,
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
