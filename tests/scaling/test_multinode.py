"""Done means: two gunicorn servers behind HAProxy sharing PostgreSQL, Redis and an S3 server (moto).

Everything goes through the proxy. HAProxy adds ``X-Backend`` (which server answered) and honours
``X-Pick: a|b`` to send a request to one server while it is up. Clients use different loopback source
addresses (127.0.0.2, 127.0.0.3) to be different "offices"; the app learns them through ProxyFix.
Runs where PostgreSQL, Redis and haproxy are present (CI: ``DIKLAT_REQUIRE_MULTINODE=1`` fails instead).
"""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

requests = pytest.importorskip("requests")
from requests.adapters import HTTPAdapter  # noqa: E402

from tests.followups.helpers import png_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("DIKLAT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
pytestmark = [pytest.mark.multinode, pytest.mark.postgres]

HAPROXY = """
global
    maxconn 256
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch 1
    retry-on all-retryable-errors
    option http-buffer-request
    option http-server-close
frontend web
    bind 127.0.0.1:{port}
    option forwardfor
    default_backend app
backend app
    balance roundrobin
    http-response set-header X-Backend %[srv_name]
    use-server a if {{ req.hdr(X-Pick) -m str a }}
    use-server b if {{ req.hdr(X-Pick) -m str b }}
    server a 127.0.0.1:{a} check inter 500ms fall 1 rise 1
    server b 127.0.0.1:{b} check inter 500ms fall 1 rise 1
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _missing() -> str | None:
    import psycopg
    from redis import Redis

    if not shutil.which("haproxy"):
        return "haproxy is not installed"
    try:
        psycopg.connect(PG_URL, connect_timeout=2).close()
    except psycopg.Error as exc:
        return f"no PostgreSQL at {PG_URL} ({type(exc).__name__})"
    try:
        Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except Exception as exc:  # noqa: BLE001
        return f"no Redis on 127.0.0.1:6379 ({type(exc).__name__})"
    return None


class Office(requests.Session):
    """A browser at one client address (a loopback source address), going through the proxy."""

    def __init__(self, base: str, address: str) -> None:
        super().__init__()
        self.base = base
        self.token = ""

        class Source(HTTPAdapter):
            def init_poolmanager(self, *args, **kwargs):
                kwargs["source_address"] = (address, 0)
                super().init_poolmanager(*args, **kwargs)

        self.mount("http://", Source())

    def page(self, path: str, pick: str = "", **kwargs) -> requests.Response:
        answer = self.get(self.base + path, headers={"X-Pick": pick}, allow_redirects=False, timeout=30, **kwargs)
        if match := CSRF_RE.search(answer.text):
            self.token = match.group(1)
        return answer

    def submit(self, path: str, data: dict | None = None, pick: str = "", **kwargs) -> requests.Response:
        data = {"csrf_token": self.token, **(data or {})}
        return self.post(
            self.base + path, data=data, headers={"X-Pick": pick}, allow_redirects=False, timeout=30, **kwargs
        )

    def login(self, email_address: str, password: str = "diklat-demo", pick: str = "") -> requests.Response:
        self.page("/login", pick)
        return self.submit("/login", {"email": email_address, "password": password}, pick)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, s3_server) -> Iterator[dict]:
    """Database, bucket, Redis prefix, two gunicorn servers and HAProxy; torn down afterwards."""
    reason = _missing()
    if reason:
        if os.environ.get("DIKLAT_REQUIRE_MULTINODE"):
            pytest.fail(reason)
        pytest.skip(reason)
    import psycopg
    from redis import Redis

    from diklat.common.storage import s3_client

    tmp = tmp_path_factory.mktemp("cluster")
    name = f"diklat_mn_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    bucket = f"diklat-mn-{uuid.uuid4().hex[:10]}"
    s3_client(s3_server).create_bucket(Bucket=bucket)
    prefix = f"diklat-mn-{uuid.uuid4().hex[:10]}:"
    proxy_port, port_a, port_b = _free_port(), _free_port(), _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DIKLAT_")},
        "DATABASE_URL": PG_URL.rsplit("/", 1)[0] + f"/{name}",
        "DIKLAT_ENV": "testing",
        "SECRET_KEY": "multi-node-test-" + uuid.uuid4().hex,
        "DIKLAT_SERVERS": "2",
        "DIKLAT_TRUSTED_PROXIES": "1",
        "DIKLAT_REDIS_URL": "redis://127.0.0.1:6379/15",
        "DIKLAT_REDIS_KEY_PREFIX": prefix,
        "DIKLAT_STORAGE_URL": f"s3://{bucket}/files",
        "DIKLAT_STORAGE_ENDPOINT_URL": s3_server["STORAGE_ENDPOINT_URL"],
        "DIKLAT_STORAGE_ACCESS_KEY": "testing",
        "DIKLAT_STORAGE_SECRET_KEY": "testing",
        "DIKLAT_MAIL_FOLDER": str(tmp / "mail"),
        "DIKLAT_PUBLIC_URL": f"http://127.0.0.1:{proxy_port}",
        "DIKLAT_JOBS_RETRY_INTERVALS": "[0]",
        "PYTHONPATH": str(ROOT),
    }
    seeded = subprocess.run(
        [sys.executable, "-m", "tests.scaling.multinode_seed"],
        env={**env, "DIKLAT_UPLOAD_FOLDER": str(tmp / "seed")},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    ids = json.loads(seeded.stdout.strip().splitlines()[-1])
    servers: dict[str, subprocess.Popen] = {}
    processes: list[subprocess.Popen] = []
    try:
        yield from _run_cluster(tmp, env, ids, name, servers, processes, (proxy_port, port_a, port_b))
    finally:  # also when start-up failed: never leave servers behind
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        connection = Redis.from_url("redis://127.0.0.1:6379/15")
        keys = list(connection.scan_iter(match=f"*{prefix}*", count=500))
        if keys:
            connection.delete(*keys)
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run_cluster(
    tmp: Path, env: dict, ids: dict, name: str, servers: dict, processes: list, ports: tuple
) -> Iterator[dict]:
    """Start both servers and the proxy (recorded in ``processes`` as they start), yield the cluster."""
    proxy_port, port_a, port_b = ports
    for label, port in (("a", port_a), ("b", port_b)):
        servers[label] = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                *("--workers", "2", "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "10", "--timeout", "90"),
                "--preload",  # the app is built once, before the workers fork (start-up is slow on a busy machine)
                *("--control-socket", str(tmp / f"gunicorn-{label}.ctl"), "wsgi:app"),
            ],
            env={**env, "DIKLAT_UPLOAD_FOLDER": str(tmp / f"uploads-{label}")},  # nothing shared on disk
            cwd=ROOT,
            stdout=open(tmp / f"gunicorn-{label}.log", "w"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
        )
        processes.append(servers[label])
    config = tmp / "haproxy.cfg"
    config.write_text(HAPROXY.format(port=proxy_port, a=port_a, b=port_b))
    proxy = subprocess.Popen(
        ["haproxy", "-f", str(config), "-db"],
        stdout=open(tmp / "haproxy.log", "w"),  # noqa: SIM115 - closed with the process
        stderr=subprocess.STDOUT,
    )
    processes.append(proxy)
    base = f"http://127.0.0.1:{proxy_port}"
    try:
        _wait_until_both_answer(base)
    except AssertionError as exc:
        logs = "\n".join(f"--- {p.name}\n{p.read_text()[-1500:]}" for p in sorted(tmp.glob("*.log")))
        raise AssertionError(f"{exc}\n{logs}") from None
    yield {"base": base, "env": env, "tmp": tmp, "ids": ids, "servers": servers, "db": name}


def _wait_until_both_answer(base: str) -> None:
    seen: set[str] = set()
    last = ""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and seen != {"a", "b"}:
        for pick in ("a", "b"):
            try:
                answer = requests.get(base + "/healthz", headers={"X-Pick": pick}, timeout=30)
            except requests.RequestException as exc:
                last = repr(exc)
                continue
            last = f"{answer.status_code} {answer.headers.get('X-Backend')} {answer.text[:300]}"
            if answer.status_code == 200 and answer.headers.get("X-Backend") == pick:
                seen.add(pick)
        time.sleep(0.3)
    assert seen == {"a", "b"}, f"servers answering: {seen}; last answer: {last}"


def _mails(cluster: dict) -> list[email.message.Message]:
    folder = cluster["tmp"] / "mail"
    return [email.message_from_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))] if folder.exists() else []


def test_health_reports_every_shared_part(cluster):
    for pick in ("a", "b"):
        answer = requests.get(cluster["base"] + "/healthz", headers={"X-Pick": pick}, timeout=10)
        assert answer.json() == {"status": "ok", "database": "ok", "redis": "ok", "storage": "ok"}


def test_session_works_on_both_servers(cluster):
    office = Office(cluster["base"], "127.0.0.2")
    assert office.login("mentor-a@example.go.id", pick="a").status_code == 302
    for pick in ("a", "b", "a", "b"):
        home = office.page("/", pick)
        assert home.status_code == 200 and home.headers["X-Backend"] == pick
        assert "mentor-a@example.go.id" in home.text or "Keluar" in home.text


def test_photo_uploaded_via_a_downloads_via_b_and_is_refused_to_another_team(cluster):
    ids = cluster["ids"]
    base = f"/cohorts/{ids['cohort']}/followup/teams/{ids['team']}"
    mentor = Office(cluster["base"], "127.0.0.2")
    mentor.login("mentor-a@example.go.id", pick="a")
    mentor.page(f"{base}/visits/{ids['visit']}", "a")
    photo = png_bytes((12, 200, 90))
    uploaded = mentor.post(
        cluster["base"] + f"{base}/visits/{ids['visit']}/attachments",
        data={"csrf_token": mentor.token, "caption": "Papan alur"},
        files={"file": ("papan.png", photo, "image/png")},
        headers={"X-Pick": "a"},
        allow_redirects=False,
        timeout=30,
    )
    assert uploaded.status_code == 302 and uploaded.headers["X-Backend"] == "a"
    page = mentor.page(f"{base}/visits/{ids['visit']}", "b").text
    attachment_id = re.findall(rf"{base}/attachments/(\d+)", page)[-1]
    download = mentor.page(f"{base}/attachments/{attachment_id}", "b")
    assert download.status_code == 200 and download.headers["X-Backend"] == "b" and download.content == photo
    assert not list((cluster["tmp"] / "uploads-b").rglob("*.png"))  # it came from the bucket
    outsider = Office(cluster["base"], "127.0.0.3")
    assert outsider.login("p-a21@example.go.id", pick="b").status_code == 302
    assert outsider.page(f"{base}/attachments/{attachment_id}", "b").status_code in (403, 404)
    other = f"/cohorts/{ids['cohort']}/followup/teams/{ids['other_team']}/attachments/{attachment_id}"
    assert outsider.page(other, "a").status_code == 404


def test_sign_in_limit_counts_across_servers_per_client_address(cluster):
    office = Office(cluster["base"], "127.0.0.4")
    codes = []
    for n in range(21):
        pick = "ab"[n % 2]
        office.page("/login", pick)
        codes.append(office.submit("/login", {"email": f"salah{n}@example.go.id", "password": "x"}, pick).status_code)
    assert codes[:20] == [200] * 20 and codes[20] == 429
    assert office.submit("/login", {"email": "p-a11@example.go.id", "password": "diklat-demo"}, "b").status_code == 429
    neighbour = Office(cluster["base"], "127.0.0.5")
    assert neighbour.login("p-a11@example.go.id", pick="a").status_code == 302


def _mail_files(cluster: dict) -> set[Path]:
    return set((cluster["tmp"] / "mail").glob("*.eml"))


def _pairs(files: set[Path]) -> list[tuple[str, str]]:
    parsed = [email.message_from_bytes(p.read_bytes()) for p in files]
    return [(m["To"], m["Subject"]) for m in parsed]


def test_reminders_run_on_both_servers_at_once_send_each_once(cluster):
    before = _mail_files(cluster)
    runs = [
        subprocess.Popen(
            [str(BIN / "flask"), "--app", "wsgi", "reminders", "send"],
            env={**cluster["env"], "DIKLAT_UPLOAD_FOLDER": str(cluster["tmp"] / f"uploads-{label}")},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label in ("a", "b")
    ]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    sent = [int(re.search(r"(\d+) sent", out).group(1)) for out, _err in outputs]
    new = _pairs(_mail_files(cluster) - before)
    assert sum(sent) > 0 and len(new) == sum(sent) and len(set(new)) == len(new)
    assert _sql(cluster, "SELECT count(*) FROM followup_reminders")[0][0] == len(new)


def test_job_started_through_the_proxy_is_sent_once_by_the_workers(cluster):
    ids = cluster["ids"]
    facilitator = Office(cluster["base"], "127.0.0.6")
    facilitator.login("fac-a@example.go.id", pick="a")
    facilitator.page(f"/cohorts/{ids['cohort']}/followup", "a")
    _sql(cluster, "DELETE FROM followup_reminders")  # forget the previous test's run: this one has mails to send
    before = _mail_files(cluster)
    started = facilitator.submit(f"/cohorts/{ids['cohort']}/followup/reminders", pick="a")
    assert started.status_code == 302
    page = facilitator.page(f"/cohorts/{ids['cohort']}/followup", "b").text
    job_id = re.search(r'data-job-url="/jobs/(\d+)"', page).group(1)
    assert facilitator.page(f"/jobs/{job_id}", "b").json()["status"] == "queued"
    assert _mail_files(cluster) == before  # nothing is sent inside the web servers
    workers = [
        subprocess.Popen(
            [str(BIN / "flask"), "--app", "wsgi", "jobs", "worker", "--burst"],
            env={**cluster["env"], "DIKLAT_UPLOAD_FOLDER": str(cluster["tmp"] / f"worker-{n}")},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in range(2)
    ]
    logs = [worker.communicate(timeout=180)[0] for worker in workers]
    status = facilitator.page(f"/jobs/{job_id}", "b").json()
    assert status["status"] == "done", (status, logs)
    new = _pairs(_mail_files(cluster) - before)
    assert new and len(set(new)) == len(new)
    assert _sql(cluster, "SELECT count(*) FROM followup_reminders")[0][0] == len(new)


def _sql(cluster: dict, statement: str) -> list:
    import psycopg

    with psycopg.connect(PG_URL.rsplit("/", 1)[0] + f"/{cluster['db']}", autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def test_stopping_one_server_loses_no_acknowledged_answer(cluster):
    ids = cluster["ids"]
    participant = Office(cluster["base"], "127.0.0.7")
    assert participant.login("p-a11@example.go.id", pick="a").status_code == 302
    participant.page(f"/cohorts/{ids['cohort']}/tests", "a")
    started = participant.submit(f"/cohorts/{ids['cohort']}/tests/{ids['test']}/start", pick="a")
    attempt_page = participant.page(started.headers["Location"].replace(cluster["base"], ""), "a")
    attempt_id = re.search(r"/attempts/(\d+)", attempt_page.url + started.headers["Location"]).group(1)
    url = cluster["base"] + f"/cohorts/{ids['cohort']}/attempts/{attempt_id}/answer"
    acknowledged, served_by, client_retries = [], [], 0
    for n in range(30):
        if n == 10:
            cluster["servers"]["a"].send_signal(signal.SIGTERM)  # graceful stop: in-flight requests finish
        for _try in range(5):  # like the attempt page's script: an unsaved answer is sent again
            try:
                answer = participant.post(
                    url,
                    json={"question": ids["short_question"], "fields": [[f"q{ids['short_question']}", f"jawaban {n}"]]},
                    headers={"X-CSRFToken": participant.token, "Accept": "application/json", "X-Pick": "a"},
                    timeout=30,
                )
            except requests.ConnectionError:
                answer = None
            if answer is not None and answer.status_code == 200 and answer.json().get("saved"):
                acknowledged.append(n)
                served_by.append(answer.headers.get("X-Backend"))
                break
            client_retries += 1
            time.sleep(0.5)
        time.sleep(0.1)
    print(f"failover: {client_retries} client-side resends while server a stopped")
    assert client_retries <= 2
    assert acknowledged == list(range(30)), acknowledged
    assert served_by[0] == "a" and served_by[-1] == "b"
    stored = _sql(
        cluster,
        f"SELECT response FROM test_answers WHERE attempt_id = {int(attempt_id)}",
    )
    assert any("jawaban 29" in json.dumps(row[0]) for row in stored), stored
