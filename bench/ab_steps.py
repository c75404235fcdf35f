"""In-process A/B: thread CPU per step of the test-taking flow, for the code at ROOT, on a bench database.

    rm -f /tmp/ab.db*; .venv/bin/python bench/setup_data.py 300 sqlite:////tmp/ab.db
    git worktree add /tmp/old <commit>   # the code to compare against (copy the compiled .mo catalogs into it)
    for root in /tmp/old "$PWD"; do rm -f /tmp/ab-run.db*; cp /tmp/ab.db /tmp/ab-run.db
      ROOT=$root DATABASE_URL=sqlite:////tmp/ab-run.db .venv/bin/python bench/ab_steps.py 1 41; done

Each participant FIRST..LAST-1 signs in, opens home and the tests tab, starts, opens the test page, saves six
answers through the JSON endpoint, submits and opens the result; the median thread CPU per step is printed (ms),
with the bare endpoint beside it. The Flask test client adds about 1 ms to every request. Delete the WAL files
with the database copy, or the previous run's attempts come back.
"""

from __future__ import annotations

import json
import logging
import os
import re
import statistics
import sys
import time
from collections.abc import Callable

sys.path.insert(0, os.environ["ROOT"])
os.chdir(os.environ["ROOT"])
os.environ["DIKLAT_ENV"] = "development"
from werkzeug.datastructures import MultiDict  # noqa: E402
from werkzeug.test import TestResponse  # noqa: E402

from bench.cpu_app import flask_app as app  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
steps: dict[str, list[float]] = {}


def timed(name: str, call: Callable[[], TestResponse]) -> TestResponse:
    began = time.thread_time()
    response = call()
    steps.setdefault(name, []).append(time.thread_time() - began)
    return response


def participant(index: int) -> None:
    c = app.test_client()
    token = CSRF.search(c.get("/login").get_data(as_text=True)).group(1)
    c.post("/login", data={"csrf_token": token, "email": f"bench{index:04d}@example.go.id", "password": "bench-pass"})
    timed("home", lambda: c.get("/"))
    token = CSRF.search(timed("open tests tab", lambda: c.get("/cohorts/1/tests")).get_data(as_text=True)).group(1)
    url = timed("start", lambda: c.post("/cohorts/1/tests/1/start", data={"csrf_token": token})).headers["Location"]
    page = timed("attempt page", lambda: c.get(url)).get_data(as_text=True)
    save_url = re.search(r'data-save-url="([^"]+)"', page).group(1)
    questions = [int(x) for x in re.findall(r'name="q(\d+)"', page)][:6]
    headers = {"Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json"}
    for q in questions:
        body = json.dumps({"question": q, "fields": [[f"q{q}", "0"]]})
        assert timed("save", lambda body=body: c.post(save_url, data=body, headers=headers)).status_code == 200
    form = MultiDict([("csrf_token", token), ("action", "submit")] + [(f"q{q}", "0") for q in questions])
    done = timed("submit", lambda: c.post(url, data=form))
    timed("result page", lambda: c.get(done.headers["Location"]))
    timed("bare", lambda: c.get("/__bench__/bare"))


def main() -> None:
    logging.disable(logging.INFO)
    for index in range(int(sys.argv[1]), int(sys.argv[2])):
        participant(index)
    print(json.dumps({k: round(statistics.median(v) * 1000, 2) for k, v in steps.items()}))


if __name__ == "__main__":
    main()
