"""In-process, WSGI level: thread CPU of one answer save beside the anonymous bare endpoint, no test client.

    rm -f /tmp/ab.db*; .venv/bin/python bench/setup_data.py 300 sqlite:////tmp/ab.db
    rm -f /tmp/ab-run.db*; cp /tmp/ab.db /tmp/ab-run.db
    DATABASE_URL=sqlite:////tmp/ab-run.db .venv/bin/python bench/save_micro.py [ROUNDS]

Twenty bench participants sign in and start the test through the test client; then each round calls the WSGI
app directly with one prepared save request per participant and one bare request, timing only the app (as
``bench/cpu_app.py`` does under gunicorn). Prints the medians and their ratio. ``ROOT=<checkout>`` measures
another checkout of the code (an A/B) on the same database copy.
"""

from __future__ import annotations

import json
import logging
import os
import re
import statistics
import sys
import time
from typing import NamedTuple

sys.path.insert(0, os.environ.get("ROOT", os.getcwd()))
os.chdir(os.environ.get("ROOT", os.getcwd()))
os.environ["DIKLAT_ENV"] = "development"
from werkzeug.test import EnvironBuilder  # noqa: E402

from bench.cpu_app import flask_app as app  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Person(NamedTuple):
    save_url: str
    questions: list[int]
    token: str
    cookie: str


def call(environ: dict) -> tuple[str, list[tuple[str, str]]]:
    """Run the app on ``environ``; its status and headers."""
    seen: list = []
    b"".join(app(environ, lambda status, headers, *_: seen.append((status, headers))))
    return seen[0]


def save_environ(person: Person, round_: int) -> dict:
    q = person.questions[round_ % len(person.questions)]
    body = json.dumps({"question": q, "fields": [[f"q{q}", "1"]]})
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    headers |= {"X-CSRFToken": person.token, "Cookie": person.cookie}
    return EnvironBuilder(path=person.save_url, method="POST", data=body, headers=headers).get_environ()


def signed_in(index: int) -> Person:
    """A bench participant who has started the test, with the session cookie a browser would now send."""
    c = app.test_client()
    token = CSRF.search(c.get("/login").get_data(as_text=True)).group(1)
    c.post("/login", data={"csrf_token": token, "email": f"bench{index:04d}@example.go.id", "password": "bench-pass"})
    token = CSRF.search(c.get("/cohorts/1/tests").get_data(as_text=True)).group(1)
    url = c.post("/cohorts/1/tests/1/start", data={"csrf_token": token}).headers["Location"]
    page = c.get(url).get_data(as_text=True)
    save_url = re.search(r'data-save-url="([^"]+)"', page).group(1)
    questions = [int(x) for x in re.findall(r'name="q(\d+)"', page)]
    cookie = "; ".join(f"{k.key}={k.value}" for k in c._cookies.values())
    person = Person(save_url, questions, token, cookie)
    # The first request from a new client marks the session not fresh; take the cookie it sends back.
    _status, headers = call(save_environ(person, 0))
    renewed = [v.split(";")[0] for k, v in headers if k == "Set-Cookie" and v.startswith("session=")]
    return person._replace(cookie=renewed[0]) if renewed else person


def main() -> None:
    logging.disable(logging.INFO)
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    people = [signed_in(i) for i in range(1, 21)]
    took: dict[str, list[float]] = {"save": [], "bare": []}
    for round_ in range(1, rounds + 1):
        for person in people:
            environ = save_environ(person, round_)
            began = time.thread_time()
            status, _ = call(environ)
            took["save"].append(time.thread_time() - began)
            assert status.startswith("200"), status
            environ = EnvironBuilder(path="/__bench__/bare").get_environ()
            began = time.thread_time()
            call(environ)
            took["bare"].append(time.thread_time() - began)
    save, bare = (statistics.median(took[k]) * 1000 for k in ("save", "bare"))
    print(f"save {save:.3f} ms, bare {bare:.3f} ms, ratio {save / bare:.2f} ({len(took['save'])} saves)")


if __name__ == "__main__":
    main()
