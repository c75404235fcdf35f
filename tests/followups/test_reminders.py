"""Reminder e-mails: due ones go out once, even when two runs overlap (threads and processes)."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from diklat.common import mail
from diklat.common import time as clock
from diklat.extensions import db
from diklat.followups import reminders
from diklat.followups.models import ItemKind, SentReminder
from tests.followups.helpers import item_of, past_world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def mailbox(app, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "mail"
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(folder))
    return folder


def mails(folder: Path) -> list[email.message.Message]:
    if not folder.exists():
        return []
    return [email.message_from_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]


def sent_rows() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(SentReminder)) or 0


def run(app, today: date, days: int = 3) -> reminders.RunResult:
    with app.test_request_context("/", base_url="http://diklat.test"):
        return reminders.send_reminders(today, days)


def test_before_and_overdue_reminders_go_to_the_right_people(app, factory, mailbox):
    world = past_world(factory, days_ago=20)
    team = world["a"]["teams"][0]
    visit = item_of(team.id, ItemKind.VISIT)
    result = run(app, visit.starts_on - timedelta(days=2))
    assert result.sent > 0 and result.failed == 0
    to = {m["To"] for m in mails(mailbox) if "Kelompok a1" in m["Subject"]}
    assert world["a"]["mentor"].email in to and world["a"]["participants"][0].email in to
    assert world["b"]["facilitator"].email not in {m["To"] for m in mails(mailbox)}
    body = mails(mailbox)[0].get_payload(decode=True).decode()
    assert "http://diklat.test/cohorts/" in body
    later = run(app, visit.ends_on + timedelta(days=1))
    overdue = [
        m for m in mails(mailbox) if "Kelompok a1" in m["Subject"] and m["To"] == world["a"]["facilitator"].email
    ]
    assert later.sent > 0 and overdue  # the facilitator hears about the overdue visit


def test_running_twice_sends_once(app, factory, mailbox):
    past_world(factory, days_ago=100)
    first = run(app, clock.today())
    second = run(app, clock.today())
    assert first.sent > 0 and second.sent == 0 and second.skipped == first.sent
    assert len(mails(mailbox)) == first.sent == sent_rows()


def test_two_runs_at_the_same_moment_send_once(app, factory, mailbox):
    past_world(factory, days_ago=100)
    barrier = threading.Barrier(2)
    results: list = []
    errors: list = []

    def worker() -> None:
        try:
            with app.app_context():
                barrier.wait()
                results.append(run(app, clock.today()))
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    total = sum(r.sent for r in results)
    assert total > 0 and total == len(mails(mailbox)) == sent_rows()
    assert sum(r.skipped for r in results) == total  # each reminder was claimed by exactly one run


def test_two_cli_processes_at_once_send_once(app, factory, mailbox, database_url):
    past_world(factory, days_ago=100)
    env = dict(os.environ, DATABASE_URL=database_url, DIKLAT_MAIL_FOLDER=str(mailbox), DIKLAT_ENV="testing")
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "reminders", "send"]
    procs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    sent = [int(out.split("Reminders: ")[1].split(" sent")[0]) for out, _err in outputs]
    assert sum(sent) > 0 and sum(sent) == len(mails(mailbox)) == sent_rows()


def test_failed_delivery_is_retried_next_run(app, factory, mailbox, monkeypatch):
    past_world(factory, days_ago=100)
    calls = {"n": 0}
    real = reminders.send_mail

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("SMTP down")
        return real(*args, **kwargs)

    monkeypatch.setattr(reminders, "send_mail", flaky)
    first = run(app, clock.today())
    assert first.failed == 1 and sent_rows() == first.sent
    second = run(app, clock.today())
    assert second.sent == 1 and len(mails(mailbox)) == first.sent + 1


def test_cli_command(app, factory, mailbox):
    past_world(factory, days_ago=100)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["reminders", "send", "--today", clock.today().isoformat()])
    assert first.exit_code == 0 and "sent" in first.output
    again = runner.invoke(args=["reminders", "send"])
    assert again.exit_code == 0 and again.output.startswith("Reminders: 0 sent")


def test_smtp_delivery_uses_the_configuration(app, monkeypatch):
    seen: dict = {}

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            seen["server"] = (host, port)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            seen["tls"] = True

        def login(self, user, password):
            seen["login"] = (user, password)

        def send_message(self, message):
            seen["to"] = message["To"]

    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    config = {
        "MAIL_FOLDER": None,
        "MAIL_SERVER": "smtp.example.go.id",
        "MAIL_PORT": 587,
        "MAIL_USE_TLS": True,
        "MAIL_USERNAME": "diklat",
        "MAIL_PASSWORD": "rahasia",
    }
    with app.app_context():
        for key, value in config.items():
            monkeypatch.setitem(app.config, key, value)
        message = mail.send_mail("a@example.go.id", "Uji", "Isi surat")
    assert seen == {
        "server": ("smtp.example.go.id", 587),
        "tls": True,
        "login": ("diklat", "rahasia"),
        "to": "a@example.go.id",
    }
    assert message["From"] == app.config["MAIL_SENDER"]
