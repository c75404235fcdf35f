"""Done means: two gunicorn servers behind HAProxy sharing PostgreSQL, Redis and an S3 server (moto).

Everything goes through the proxy (see ``tests/scaling/cluster.py``). Clients use different loopback source
addresses (127.0.0.2, 127.0.0.3, ...) to be different "offices"; the app learns them through ProxyFix.
Runs where PostgreSQL, Redis and haproxy are present (CI: ``DIKLAT_REQUIRE_MULTINODE=1`` fails instead).
"""

from __future__ import annotations

import email
import json
import re
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest

requests = pytest.importorskip("requests")

from tests.access.helpers import HEADER, LINK_RE, body, person_row  # noqa: E402
from tests.followups.helpers import png_bytes  # noqa: E402
from tests.scaling.cluster import BIN, ROOT, Office, mail_files, pairs, run_workers, sql, start_cluster  # noqa: E402

pytestmark = [pytest.mark.multinode, pytest.mark.postgres]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, s3_server) -> Iterator[dict]:
    """Database, bucket, Redis prefix, two gunicorn servers and HAProxy; torn down afterwards."""
    yield from start_cluster(tmp_path_factory, s3_server)


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


def test_reminders_run_on_both_servers_at_once_send_each_once(cluster):
    before = mail_files(cluster)
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
    new = pairs(mail_files(cluster) - before)
    assert sum(sent) > 0 and len(new) == sum(sent) and len(set(new)) == len(new)
    assert sql(cluster, "SELECT count(*) FROM followup_reminders")[0][0] == len(new)


def test_job_started_through_the_proxy_is_sent_once_by_the_workers(cluster):
    ids = cluster["ids"]
    facilitator = Office(cluster["base"], "127.0.0.6")
    facilitator.login("fac-a@example.go.id", pick="a")
    facilitator.page(f"/cohorts/{ids['cohort']}/followup", "a")
    sql(cluster, "DELETE FROM followup_reminders")  # forget the previous test's run: this one has mails to send
    before = mail_files(cluster)
    started = facilitator.submit(f"/cohorts/{ids['cohort']}/followup/reminders", pick="a")
    assert started.status_code == 302
    page = facilitator.page(f"/cohorts/{ids['cohort']}/followup", "b").text
    job_id = re.search(r'data-job-url="/jobs/(\d+)"', page).group(1)
    assert facilitator.page(f"/jobs/{job_id}", "b").json()["status"] == "queued"
    assert mail_files(cluster) == before  # nothing is sent inside the web servers
    logs = run_workers(cluster, 2)
    status = facilitator.page(f"/jobs/{job_id}", "b").json()
    assert status["status"] == "done", (status, logs)
    new = pairs(mail_files(cluster) - before)
    assert new and len(set(new)) == len(new)
    assert sql(cluster, "SELECT count(*) FROM followup_reminders")[0][0] == len(new)


def test_invitation_from_an_enrolment_via_server_a_is_mailed_exactly_once_by_the_workers(cluster):
    ids = cluster["ids"]
    facilitator = Office(cluster["base"], "127.0.0.8")
    assert facilitator.login("fac-a@example.go.id", pick="a").status_code == 302
    facilitator.page(f"/cohorts/{ids['cohort']}/enrol", "a")
    before = mail_files(cluster)
    enrolled = facilitator.post(
        cluster["base"] + f"/cohorts/{ids['cohort']}/enrol",
        data={"csrf_token": facilitator.token},
        files={"file": ("peserta.csv", (HEADER + person_row(41)).encode(), "text/csv")},
        headers={"X-Pick": "a"},
        allow_redirects=False,
        timeout=30,
    )
    assert enrolled.status_code == 302 and enrolled.headers["X-Backend"] == "a", enrolled.text[-2000:]
    status = "SELECT t.mail_status::text FROM sign_in_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = "
    assert [s.lower() for (s,) in sql(cluster, status + "'baru41@example.go.id'")] == ["queued"]
    assert mail_files(cluster) == before  # nothing is sent inside the web servers
    logs = run_workers(cluster, 2)
    new = [email.message_from_bytes(p.read_bytes()) for p in mail_files(cluster) - before]
    assert [m["To"] for m in new] == ["baru41@example.go.id"], logs  # exactly one mail, the invitation
    assert [s.lower() for (s,) in sql(cluster, status + "'baru41@example.go.id'")] == ["sent"]
    link = LINK_RE.search(body(new[0]))
    assert link and link.group(0).startswith(cluster["base"] + "/welcome/")  # the public address, not a server's
    welcome = Office(cluster["base"], "127.0.0.9").page(link.group(0).replace(cluster["base"], ""), "b")
    assert welcome.status_code == 200 and welcome.headers["X-Backend"] == "b"  # the link works on the other server


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
    stored = sql(
        cluster,
        f"SELECT response FROM test_answers WHERE attempt_id = {int(attempt_id)}",
    )
    assert any("jawaban 29" in json.dumps(row[0]) for row in stored), stored
