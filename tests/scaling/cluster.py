"""The multi-node test's cluster: two gunicorn servers behind HAProxy sharing PostgreSQL, Redis and moto's S3.

HAProxy adds ``X-Backend`` (which server answered) and honours ``X-Pick: a|b`` to send a request to one
server while it is up. :class:`Office` is a browser at one loopback source address, going through the proxy.
"""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

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


def start_cluster(tmp_path_factory, s3_server: dict) -> Iterator[dict]:
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


def mail_files(cluster: dict) -> set[Path]:
    return set((cluster["tmp"] / "mail").glob("*.eml"))


def pairs(files: set[Path]) -> list[tuple[str, str]]:
    parsed = [email.message_from_bytes(p.read_bytes()) for p in files]
    return [(m["To"], m["Subject"]) for m in parsed]


def sql(cluster: dict, statement: str) -> list:
    import psycopg

    with psycopg.connect(PG_URL.rsplit("/", 1)[0] + f"/{cluster['db']}", autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def run_workers(cluster: dict, count: int = 2) -> list[str]:
    """``count`` RQ workers at once (``flask jobs worker --burst``: they stop when the queue is empty); their logs."""
    workers = [
        subprocess.Popen(
            [str(BIN / "flask"), "--app", "wsgi", "jobs", "worker", "--burst"],
            env={**cluster["env"], "DIKLAT_UPLOAD_FOLDER": str(cluster["tmp"] / f"worker-{n}")},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in range(count)
    ]
    return [worker.communicate(timeout=180)[0] for worker in workers]
