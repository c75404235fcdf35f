"""Pages and runs spanning several cohorts decide each item with its own cohort's date (WIB and WIT)."""

from __future__ import annotations

import email
from datetime import date, datetime

import pytest
import time_machine

from diklat.cohorts.models import Role
from diklat.extensions import db
from diklat.followups import reminders
from diklat.followups.attention import followup_attention
from diklat.followups.models import ItemKind, ItemStatus
from tests.followups.helpers import item_of, past_world

# 23:30 in Jakarta on 2 December is already 01:30 on 3 December in Jayapura.
MOMENT = datetime.fromisoformat("2026-12-02T16:30:00+00:00")
DAY = date(2026, 12, 2)


@pytest.fixture()
def two_zones(factory):
    """Facilitator A also runs cohort B, which is in WIT; one visit of each cohort ends on 2 December."""
    with time_machine.travel(MOMENT, tick=False):
        world = past_world(factory, days_ago=40)
        facilitator = world["a"]["facilitator"]
        cohort_b = world["b"]["cohort"]
        cohort_b.timezone = "Asia/Jayapura"
        factory.member(cohort_b, facilitator, Role.FACILITATOR)
        from diklat.followups import plan_services

        plan_services.generate(cohort_b, world["b"]["facilitator"], DAY)
        visits = [item_of(world[key]["teams"][0].id, ItemKind.VISIT) for key in ("a", "b")]
        for visit in visits:
            visit.starts_on = visit.ends_on = DAY
            visit.status = ItemStatus.PLANNED
        db.session.commit()
        yield world, facilitator, visits


def test_attention_calls_overdue_only_what_its_own_cohort_has_passed(two_zones, app):
    _world, facilitator, (wib_visit, wit_visit) = two_zones
    with time_machine.travel(MOMENT, tick=False), app.test_request_context("/"):
        texts = [item.url for item in followup_attention(facilitator)]
    assert any(url.endswith(f"/items/{wit_visit.id}") for url in texts)
    assert not any(url.endswith(f"/items/{wib_visit.id}") for url in texts)


def test_calendar_list_keeps_the_jakarta_visit_upcoming_and_the_jayapura_one_past(two_zones, client):
    _world, facilitator, (wib_visit, wit_visit) = two_zones
    with time_machine.travel(MOMENT, tick=False):
        client.login(facilitator.email)
        upcoming = client.get("/calendar/list").get_data(as_text=True)
        past = client.get("/calendar/list?when=past").get_data(as_text=True)
    assert f'/items/{wib_visit.id}"' in upcoming and f'/items/{wit_visit.id}"' not in upcoming
    assert f'/items/{wit_visit.id}"' in past and f'/items/{wib_visit.id}"' not in past


def test_the_reminder_run_uses_each_cohorts_date(two_zones, app, tmp_path, monkeypatch):
    world, _facilitator, (_wib_visit, _wit_visit) = two_zones
    folder = tmp_path / "mail"
    monkeypatch.setitem(app.config, "MAIL_FOLDER", str(folder))
    with time_machine.travel(MOMENT, tick=False), app.test_request_context("/", base_url="http://diklat.test"):
        reminders.send_reminders(None, 3)
    subjects = [
        (m["To"], m["Subject"]) for m in (email.message_from_bytes(p.read_bytes()) for p in folder.glob("*.eml"))
    ]
    overdue_b = [s for to, s in subjects if to == world["b"]["facilitator"].email and "Kelompok b1" in s]
    overdue_a = [s for to, s in subjects if to == world["a"]["facilitator"].email and "Kelompok a1" in s]
    assert overdue_b, "the WIT visit ended yesterday in Jayapura: its facilitator hears it is overdue"
    assert not overdue_a, "the WIB visit is still today in Jakarta: no overdue mail to the facilitator yet"
