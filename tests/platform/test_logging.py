"""One logging configuration: a request id on every line, an info line for every change a person makes."""

from __future__ import annotations

import logging

from sqlalchemy import select

from diklat.cohorts.models import Cohort
from diklat.common.logs import FORMAT
from diklat.extensions import db


def test_request_id_is_generated_and_echoed(client):
    first = client.get("/login").headers["X-Request-ID"]
    second = client.get("/login").headers["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_given_request_id_is_kept_and_a_bad_one_replaced(client):
    assert client.get("/login", headers={"X-Request-ID": "lb-1234.abc"}).headers["X-Request-ID"] == "lb-1234.abc"
    replaced = client.get("/login", headers={"X-Request-ID": "bad id <Injected>"}).headers["X-Request-ID"]
    assert "Injected" not in replaced and len(replaced) == 32


def test_every_change_is_logged_with_who_what_and_which_object(client, factory, caplog):
    facilitator = factory.user()
    cohort = factory.cohort(facilitator)
    client.login(facilitator.email)
    client.get(f"/cohorts/{cohort.id}/edit")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="diklat.changes"):
        form = {
            "name": "Angkatan Baru",
            "course": "Diklat SOP",
            "place": "Aula",
            "start_date": "2026-03-10",
            "end_date": "2026-03-12",
            "timezone": "Asia/Makassar",
            "version": str(cohort.version),
        }
        response = client.post(f"/cohorts/{cohort.id}/edit", form, headers={"X-Request-ID": "req-edit-1"})
    assert response.status_code == 302
    changes = [r for r in caplog.records if r.name == "diklat.changes"]
    update = next(r for r in changes if r.getMessage().startswith(f"update Cohort id={cohort.id}"))
    assert "name" in update.getMessage() and "timezone" in update.getMessage()
    assert update.user_id == str(facilitator.id) and update.request_id == "req-edit-1"
    line = logging.Formatter(FORMAT).format(update)
    assert "[req-edit-1]" in line and f"user={facilitator.id}" in line


def test_inserts_and_deletes_are_logged_outside_requests_too(app_ctx, factory, caplog):
    with caplog.at_level(logging.INFO, logger="diklat.changes"):
        cohort = factory.cohort()
        db.session.delete(db.session.scalar(select(Cohort).where(Cohort.id == cohort.id)))
        db.session.commit()
    messages = [r.getMessage() for r in caplog.records if r.name == "diklat.changes"]
    assert f"insert Cohort id={cohort.id}" in messages and f"delete Cohort id={cohort.id}" in messages
    assert all(r.user_id == "-" and r.request_id == "-" for r in caplog.records if r.name == "diklat.changes")
