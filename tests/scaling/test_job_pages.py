"""A facilitator starts the cohort's reminder mails from the plan page and sees the job's status there."""

from __future__ import annotations

import email
from datetime import timedelta

from sqlalchemy import select

from diklat.common.job_models import Job, JobStatus
from diklat.common.time import today as local_today
from diklat.extensions import db
from diklat.followups.models import ItemKind
from tests.conftest import Client
from tests.followups.helpers import item_of, past_world


def test_send_reminders_now_runs_as_a_job_shown_on_the_plan(app, client, factory, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(tmp_path / "mail"))
    world = past_world(factory, days_ago=20)
    visit = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    # The visit lies ahead (20 days after the course): make it due in two days.
    visit.starts_on = visit.ends_on = local_today() + timedelta(days=2)
    db.session.commit()
    answer = client.post(f"/cohorts/{cohort.id}/followup/reminders")
    answer.close()
    assert answer.status_code == 302
    job = db.session.scalar(select(Job))
    db.session.refresh(job)
    assert job.status == JobStatus.DONE and job.ref == f"cohort:{cohort.id}:reminders"
    sent = [email.message_from_bytes(p.read_bytes()) for p in (tmp_path / "mail").glob("*.eml")]
    assert sent and all(world["b"]["facilitator"].email != m["To"] for m in sent)
    page = client.get(f"/cohorts/{cohort.id}/followup").get_data(as_text=True)
    assert "Selesai" in page and "job-done" in page and "js/jobs.js" in page
    status = client.get(f"/jobs/{job.id}").get_json()
    assert status["status"] == "done" and status["finished"] is True

    # Only managers start it; only its starter (or an admin) reads its status.
    mentor = Client(app.test_client())
    mentor.login(world["a"]["mentor"].email)
    assert mentor.post(f"/cohorts/{cohort.id}/followup/reminders").status_code == 403
    assert mentor.get(f"/jobs/{job.id}").status_code == 404


def test_failed_job_shows_the_reason(app, client, factory, monkeypatch):
    world = past_world(factory, days_ago=20)
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    job = Job(
        func="x:y",
        ref=f"cohort:{cohort.id}:reminders",
        status=JobStatus.FAILED,
        attempts=3,
        error="RuntimeError: 2 reminder mails could not be sent (5 sent)",
        created_by_id=world["a"]["facilitator"].id,
        finished_at=job_time(),
    )
    db.session.add(job)
    db.session.commit()
    page = client.get(f"/cohorts/{cohort.id}/followup").get_data(as_text=True)
    assert "Gagal" in page and "setelah 3 percobaan" in page and "2 reminder mails could not be sent" in page


def job_time():
    from diklat.common.time import utcnow

    return utcnow()
