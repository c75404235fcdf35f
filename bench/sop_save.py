"""SOP draft save: median of repeated saves of the demo SOP, beside a bare endpoint of the same server.

Usage: bench/sop_save.py [--db URL] [--saves 30]. Builds a fresh database (SQLite in a temporary folder unless
--db is given), seeds the demo, starts gunicorn on a free loopback port, signs in as a Kelompok 1 participant
and saves the SOP editor's form exactly as the page sends it. Every save changes the purpose text, so each one
is a new draft whose 2-page check is queued in the background; saves are spaced by --pause seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.formdata import form_data  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
MEMBER = "peserta13@diklat.example"  # Kelompok 4: its SOP was returned for revision, so it is editable


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _seed(uri: str) -> int:
    code = (
        "from flask_migrate import upgrade; from diklat import create_app; from diklat.demo import run_demo_seed\n"
        f"app = create_app('development', {{'SQLALCHEMY_DATABASE_URI': {uri!r}}})\n"
        "with app.app_context():\n    upgrade(directory='migrations'); ctx = run_demo_seed(); print(ctx.cohort.id)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _timed(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> tuple[float, int, str]:
    start = time.perf_counter()
    try:
        with opener.open(url, data=data, timeout=60) as response:
            body, code = response.read().decode(), response.status
    except urllib.error.HTTPError as error:
        body, code = error.read().decode(), error.code
    return (time.perf_counter() - start) * 1000, code, body


def run(uri: str, saves: int, pause: float) -> dict:
    """Seed, serve, save ``saves`` times; return the figures."""
    cohort_id = _seed(uri)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": uri, "DIKLAT_ENV": "development"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", "2", "--worker-class", "gthread",
         "--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)
        for _ in range(100):
            try:
                opener.open(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        token = CSRF.search(opener.open(base + "/login").read().decode()).group(1)
        login = urllib.parse.urlencode({"email": MEMBER, "password": "diklat-demo", "csrf_token": token})
        _timed(opener, base + "/login", login.encode())
        index = opener.open(f"{base}/cohorts/{cohort_id}/sops/").read().decode()
        teams = dict.fromkeys(re.findall(rf"/cohorts/{cohort_id}/sops/(\d+)\b", index))
        editor = next(
            url
            for url in (f"{base}/cohorts/{cohort_id}/sops/{t}" for t in teams)
            if 'class="sop-form"' in opener.open(url).read().decode()
        )
        save_ms, bare_ms, codes = [], [], []
        for n in range(saves):
            page = opener.open(editor).read().decode()
            found = form_data(page, "sop-form")
            if found is None:
                raise SystemExit(f"no editable SOP form at {editor}: {page[:300]}")
            action, fields = found
            fields = [(k, f"{v} (simpan {n})" if k == "purpose" else v) for k, v in fields]
            ms, code, _body = _timed(opener, base + action, urllib.parse.urlencode(fields).encode())
            save_ms.append(ms)
            codes.append(code)
            bare_ms.append(_timed(opener, base + "/healthz")[0])
            time.sleep(pause)
        return {
            "database": uri.split(":")[0],
            "saves": saves,
            "status_codes": sorted(set(codes)),
            "save_median_ms": round(statistics.median(save_ms), 1),
            "save_p90_ms": round(statistics.quantiles(save_ms, n=10)[-1], 1),
            "healthz_median_ms": round(statistics.median(bare_ms), 1),
            "load_average": os.getloadavg(),
        }
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> None:
    """Parse the arguments and print the result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="SQLAlchemy URL of an empty database (default: SQLite in a temp folder)")
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--pause", type=float, default=1.0)
    args = parser.parse_args()
    uri = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='diklat-sopbench-')}/bench.db"
    print(json.dumps(run(uri, args.saves, args.pause)))


if __name__ == "__main__":
    main()
