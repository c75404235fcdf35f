"""Synchronized-start load on the post-test: N participants sign in, open the test at the same moment, save an
answer every few seconds, then all submit; /healthz is measured alongside as the bare endpoint of the same server.

Standard library only (threads + urllib), loopback only, bounded by --answers per participant and --deadline.
Prints one JSON object with latencies (ms), errors and answers lost (checked against the database by verify.py).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import itertools
import json
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
FIELDSET_RE = re.compile(r'<fieldset class="question" data-question="(\d+)"')
CHOICE_RE = re.compile(r'type="(radio|checkbox)" name="(q\d+)" value="([^"]+)"')
TEXT_RE = re.compile(r'class="answer-text" name="(q\d+)"')
SELECT_RE = re.compile(r'<select name="(q\d+_\d+)"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option value="(\d+)"')
TEXTS = ["85", "90", "lapor", "2", "penanggung jawab", "14", "5"]


class Stats:
    """Latencies and errors by kind, shared by all threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def add(self, kind: str, ms: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(ms)
            if not ok:
                key = f"{kind}:{detail}"
                self.errors[key] = self.errors.get(key, 0) + 1

    def summary(self) -> dict:
        out = {}
        for kind, values in self.times.items():
            values = sorted(values)
            q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
            out[kind] = {
                "n": len(values),
                "p50": round(q[49], 1),
                "p95": round(q[94], 1),
                "p99": round(q[98], 1),
                "max": round(values[-1], 1),
            }
        return out


def request(
    opener: urllib.request.OpenerDirector,
    stats: Stats,
    kind: str,
    url: str,
    data: bytes | None = None,
    headers: dict | None = None,
):
    """One timed request; returns (status, body) and records errors (anything but 2xx/3xx)."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    start = time.perf_counter()
    try:
        with opener.open(req, timeout=60) as response:
            body, status = response.read().decode(), response.status
    except urllib.error.HTTPError as error:
        body, status = error.read().decode(errors="replace"), error.code
    except Exception as exc:  # noqa: BLE001 - network errors are counted, not raised
        stats.add(kind, (time.perf_counter() - start) * 1000, False, type(exc).__name__)
        return 0, ""
    stats.add(kind, (time.perf_counter() - start) * 1000, status < 400, str(status))
    return status, body


def form(data: list[tuple[str, str]]) -> bytes:
    return urllib.parse.urlencode(data).encode()


def parse_questions(page: str) -> dict[int, list]:
    """Question id → the ways to answer it, read from the test page like a browser would."""
    starts = [(m.start(), int(m.group(1))) for m in FIELDSET_RE.finditer(page)] + [(len(page), 0)]
    out = {}
    for (pos, qid), (end, _) in itertools.pairwise(starts):
        chunk = page[pos:end]
        choices = CHOICE_RE.findall(chunk)
        if choices:
            out[qid] = ["choice", choices[0][0], choices[0][1], [c[2] for c in choices]]
        elif TEXT_RE.search(chunk):
            out[qid] = ["text", TEXT_RE.search(chunk).group(1)]
        else:
            out[qid] = ["select", [(name, OPTION_RE.findall(body)) for name, body in SELECT_RE.findall(chunk)]]
    return out


def answer_fields(spec: list, rng: random.Random) -> list[list[str]]:
    """A random answer in the page's own field names and values."""
    if spec[0] == "choice":
        _, kind, name, values = spec
        picked = [rng.choice(values)] if kind == "radio" else rng.sample(values, rng.randint(1, min(3, len(values))))
        return [[name, v] for v in picked]
    if spec[0] == "text":
        return [[spec[1], rng.choice(TEXTS)]]
    return [[name, rng.choice(options)] for name, options in spec[1]]


class Participant(threading.Thread):
    """One simulated participant."""

    def __init__(
        self, index: int, args: argparse.Namespace, stats: Stats, barriers: list[threading.Barrier], acked: dict
    ) -> None:
        super().__init__(daemon=True)
        self.email = f"bench{index:04d}@example.go.id"
        self.args, self.stats, self.barriers, self.acked = args, stats, barriers, acked
        self.rng = random.Random(index)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def run(self) -> None:
        """Play the participant; a failure is counted and the synchronization points are still honoured."""
        self.phase = 0
        try:
            self.play()
        except Exception as exc:  # noqa: BLE001 - counted as an error of the run
            self.stats.add("participant", 0.0, False, f"{type(exc).__name__} in phase {self.phase}")
        finally:
            self.acked.setdefault(self.email, {})
            for barrier in self.barriers[self.phase :]:
                barrier.wait()

    def play(self) -> None:
        base, stats = self.args.base, self.stats
        _, page = request(self.opener, stats, "login", f"{base}/login")
        token = CSRF_RE.search(page).group(1)
        request(
            self.opener,
            stats,
            "login",
            f"{base}/login",
            form([("csrf_token", token), ("email", self.email), ("password", "bench-pass")]),
        )
        self.phase = 1
        self.barriers[0].wait()  # everyone opens the test at the same moment
        _, page = request(self.opener, stats, "open", f"{base}/cohorts/{self.args.cohort}/tests")
        token = CSRF_RE.search(page).group(1)
        status, page = request(
            self.opener,
            stats,
            "start",
            f"{base}/cohorts/{self.args.cohort}/tests/{self.args.test}/start",
            form([("csrf_token", token)]),
        )
        save_url = base + re.search(r'data-save-url="([^"]+)"', page).group(1)
        attempt_url = save_url.rsplit("/answer", 1)[0]
        questions = parse_questions(page)
        mine: dict[str, list] = {}
        for _ in range(self.args.answers):
            time.sleep(self.rng.uniform(self.args.interval * 0.5, self.args.interval * 1.5))
            qid = self.rng.choice(list(questions))
            fields = answer_fields(questions[qid], self.rng)
            status, _body = request(
                self.opener,
                stats,
                "save",
                save_url,
                json.dumps({"question": qid, "fields": fields}).encode(),
                {"Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json"},
            )
            if status == 200:
                mine[str(qid)] = fields
        self.acked[self.email] = mine
        self.phase = 2
        self.barriers[1].wait()  # answers are checked against the database here
        self.phase = 3
        self.barriers[2].wait()  # then everyone submits at once
        data = [("csrf_token", token), ("action", "submit")] + [(n, v) for f in mine.values() for n, v in f]
        request(self.opener, stats, "submit", attempt_url, form(data))


def bare(base: str, stats: Stats, stop: threading.Event, interval: float) -> None:
    """The bare endpoint, hit at a steady rate during the whole run."""
    opener = urllib.request.build_opener()
    while not stop.is_set():
        request(opener, stats, "healthz", f"{base}/healthz")
        time.sleep(interval)


def verify(args: argparse.Namespace, acked: dict, phase: str, python: str = sys.executable) -> dict:
    """Compare the acknowledged answers with the database (bench/verify.py run by ``python``)."""
    path = Path(args.workdir) / f"acked-{phase}.json"
    path.write_text(json.dumps(acked))
    out = subprocess.run(
        [python, str(Path(__file__).with_name("verify.py")), args.db, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    for name, kind, default in (
        ("--base", str, None),
        ("--db", str, None),
        ("--cohort", int, None),
        ("--test", int, None),
        ("--n", int, 300),
        ("--answers", int, 15),
        ("--interval", float, 3.0),
        ("--deadline", float, 900),
        ("--workdir", str, "/tmp"),
    ):
        parser.add_argument(name, type=kind, default=default)
    args = parser.parse_args()
    stats, acked = Stats(), {}
    barriers = [threading.Barrier(args.n + 1, timeout=args.deadline) for _ in range(3)]
    users = [Participant(i, args, stats, barriers, acked) for i in range(1, args.n + 1)]
    stop = threading.Event()
    pingers = [threading.Thread(target=bare, args=(args.base, stats, stop, 0.5), daemon=True) for _ in range(4)]
    for t in users + pingers:
        t.start()
    barriers[0].wait()
    began = time.perf_counter()
    barriers[1].wait()
    after_saves = verify(args, acked, "saves")
    barriers[2].wait()
    for t in users:
        t.join(timeout=args.deadline)
    stop.set()
    after_submit = verify(args, acked, "submit")
    print(
        json.dumps(
            {
                "n": args.n,
                "seconds": round(time.perf_counter() - began, 1),
                "latency_ms": stats.summary(),
                "errors": stats.errors,
                "verify_after_saves": after_saves,
                "verify_after_submit": after_submit,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
