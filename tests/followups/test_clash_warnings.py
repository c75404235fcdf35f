"""Clashes shown before saving: moving a follow-up item and changing the course schedule warn first, keep the
typed values and save only when confirmed for exactly those values."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import time_machine

from diklat.cohorts.models import CourseSession
from diklat.extensions import db
from diklat.followups.models import FollowupItem, ItemKind, ItemStatus
from tests.followups.helpers import item_of

LAST_DAY = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)  # cohort A runs 10–12 March 2026


def _confirm(body: str, name: str) -> str:
    found = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', body) or re.search(
        rf'type="hidden" name="{name}" value="([^"]*)"', body
    )
    assert found, f"no hidden {name}"
    return found.group(1)


def _move(client, item: FollowupItem, day: str, confirm: str = "", start: str = "09:00"):
    url = f"/cohorts/{item.cohort_id}/followup/items/{item.id}/reschedule"
    data = {
        "move-version": item.version,
        "move-starts_on": day,
        "move-start_time": start,
        "move-end_time": "12:00",
        "move-reason": "Jadwal bupati berubah",
        "move-confirm": confirm,
    }
    return client.post(url, data)


def _generated_world(client, factory):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    assert client.post(f"/cohorts/{world['a']['cohort'].id}/followup/generate").status_code == 302
    return world


def test_moving_a_session_onto_a_visit_warns_then_saves_when_confirmed(client, factory):
    with time_machine.travel(LAST_DAY, tick=False):
        world = _generated_world(client, factory)
        session = item_of(None, ItemKind.FOLLOWUP_SESSION, world["a"]["cohort"].id)
        visit = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
        day = visit.starts_on.isoformat()
        free = _move(client, session, "2026-06-08")  # a Monday clear of the visits
        assert free.status_code == 302
        db.session.expire_all()
        session = db.session.get(FollowupItem, session.id)
        warned = _move(client, session, day)
        body = warned.get_data(as_text=True)
        assert warned.status_code == 200 and "bertabrakan dengan kunjungan lapangan" in body
        assert "Tetap pindahkan" in body and "Jadwal bupati berubah" in body and f'value="{day}"' in body
        db.session.expire_all()
        assert db.session.get(FollowupItem, session.id).starts_on.isoformat() == "2026-06-08"  # nothing saved
        # a confirmation for other values does not count: changing the time asks again
        again = _move(client, session, day, _confirm(body, "move-confirm"), start="08:00")
        assert again.status_code == 200
        saved = _move(client, session, day, _confirm(again.get_data(as_text=True), "move-confirm"), start="08:00")
        assert saved.status_code == 302
        db.session.expire_all()
        moved = db.session.get(FollowupItem, session.id)
        assert moved.starts_on == visit.starts_on and moved.status == ItemStatus.RESCHEDULED


def test_a_mentor_booked_twice_is_warned(client, factory):
    with time_machine.travel(LAST_DAY, tick=False):
        world = _generated_world(client, factory)
        first, second = (item_of(t.id, ItemKind.VISIT) for t in world["a"]["teams"])
        second.team.mentor_id = first.team.mentor_id
        db.session.commit()
        assert _move(client, second, "2026-06-08").status_code == 302  # away from the other visit: saved
        db.session.expire_all()
        second = db.session.get(FollowupItem, second.id)
        warned = _move(client, second, first.starts_on.isoformat()).get_data(as_text=True)
        assert "terjadwal dua kali" in warned and first.team.mentor.name in warned


def _session_form(day: str = "2026-03-10", start: str = "09:00", room: str = "Aula", confirm: str = "") -> dict:
    return {
        "day": day,
        "start_time": start,
        "end_time": "10:30",
        "title": "Modul 2",
        "module_number": "2",
        "room": room,
        "confirm": confirm,
    }


def _sessions() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(CourseSession))


def test_course_session_in_a_booked_room_warns_then_saves_when_confirmed(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]  # its session: 10 March 08:00–09:30 in Aula
    client.login(world["a"]["facilitator"].email)
    before = _sessions()
    url = f"/cohorts/{cohort.id}/schedule/new"
    warned = client.post(url, _session_form())
    body = warned.get_data(as_text=True)
    assert warned.status_code == 200 and "Ruang Aula terpakai dua kali" in body and "Tetap simpan" in body
    assert 'value="Modul 2"' in body and 'value="09:00"' in body and _sessions() == before
    other_room = client.post(url, _session_form(room="Ruang 2", confirm=_confirm(body, "confirm")))
    assert other_room.status_code == 302 and _sessions() == before + 1  # no clash: saved at once
    saved = client.post(url, _session_form(confirm=_confirm(body, "confirm")))
    assert saved.status_code == 302 and _sessions() == before + 2


def test_editing_a_session_does_not_clash_with_itself(client, factory):
    world = factory.world()
    cohort, session = world["a"]["cohort"], world["a"]["session"]
    client.login(world["a"]["facilitator"].email)
    data = _session_form(start="08:00") | {"title": "Modul 1"}
    assert client.post(f"/cohorts/{cohort.id}/schedule/{session.id}/edit", data).status_code == 302
