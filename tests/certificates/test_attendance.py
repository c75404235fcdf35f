"""Attendance: all present then exceptions, self check-in by rotating code, sheets, the one-statement query."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import time_machine
from openpyxl import load_workbook
from sqlalchemy import event

from diklat.cohorts import checkin
from diklat.cohorts.models import Attendance, AttendanceStatus
from diklat.cohorts.queries import attendance_records
from diklat.extensions import db

# Session of cohort A: 10 March 2026, 08:00–09:30 WIB (01:00–02:30 UTC).
INSIDE = datetime(2026, 3, 10, 1, 5, tzinfo=UTC)  # 08:05 WIB
LATE = datetime(2026, 3, 10, 1, 40, tzinfo=UTC)  # 08:40 WIB
AFTER = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)  # 10:00 WIB


def _status(session_id: int, user_id: int) -> str | None:
    row = db.session.scalar(
        db.select(Attendance).where(Attendance.session_id == session_id, Attendance.user_id == user_id)
    )
    return row.status.value if row else None


def test_all_present_then_one_exception(client, factory):
    world = factory.world()
    cohort, session, people = world["a"]["cohort"], world["a"]["session"], world["a"]["participants"]
    client.login(world["a"]["facilitator"].email)
    url = f"/cohorts/{cohort.id}/schedule/{session.id}/attendance"
    assert client.post(url + "/all-present").status_code == 302
    assert all(_status(session.id, p.id) == "present" for p in people)
    data = {f"status-{p.id}": "present" for p in people} | {f"status-{people[1].id}": "excused"}
    assert client.post(url, data).status_code == 302
    assert [_status(session.id, p.id) for p in people] == ["present", "excused", "present", "present"]


def test_self_checkin_inside_late_and_outside_the_window(client, factory, app):
    world = factory.world()
    cohort, session, people = world["a"]["cohort"], world["a"]["session"], world["a"]["participants"]
    secret = app.config["SECRET_KEY"]
    url = f"/cohorts/{cohort.id}/checkin/{session.id}"
    with time_machine.travel(INSIDE, tick=False):
        client.login(people[0].email)
        code = checkin.code_for(secret, session.id, checkin.minute_index(INSIDE))
        assert client.get(f"{url}?c={code}").status_code == 200
        assert client.post(url, {"c": code}).status_code == 302
        assert _status(session.id, people[0].id) == "present"
    with time_machine.travel(LATE, tick=False):
        client.logout()
        client.login(people[1].email)
        stale = checkin.code_for(secret, session.id, checkin.minute_index(LATE) - 5)
        refused = client.post(url, {"c": stale})
        assert refused.status_code == 422 and "kedaluwarsa" in refused.get_data(as_text=True)
        other_session = world["b"]["session"]
        foreign = checkin.code_for(secret, other_session.id, checkin.minute_index(LATE))
        assert client.post(url, {"c": foreign}).status_code == 422
        assert (
            client.post(f"/cohorts/{world['b']['cohort'].id}/checkin/{other_session.id}", {"c": foreign}).status_code
            == 404
        )
        code = checkin.code_for(secret, session.id, checkin.minute_index(LATE) - 1)  # previous minute still works
        assert client.post(url, {"c": code}).status_code == 302
        assert _status(session.id, people[1].id) == "late"
    with time_machine.travel(AFTER, tick=False):
        client.logout()
        client.login(people[2].email)
        code = checkin.code_for(secret, session.id, checkin.minute_index(AFTER))
        closed = client.post(url, {"c": code})
        assert closed.status_code == 422 and "ditutup" in closed.get_data(as_text=True)
        assert _status(session.id, people[2].id) is None


def test_checkin_screen_shows_the_current_code(client, factory, app):
    world = factory.world()
    cohort, session = world["a"]["cohort"], world["a"]["session"]
    with time_machine.travel(INSIDE, tick=False):
        client.login(world["a"]["facilitator"].email)
        page = client.get(f"/cohorts/{cohort.id}/schedule/{session.id}/checkin").get_data(as_text=True)
        code = checkin.code_for(app.config["SECRET_KEY"], session.id, checkin.minute_index(INSIDE))
        assert f"{code[:3]} {code[3:]}" in page
        svg = client.get(f"/cohorts/{cohort.id}/schedule/{session.id}/checkin/qr.svg")
        assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
        client.logout()
        client.login(world["a"]["participants"][0].email)
        assert client.get(f"/cohorts/{cohort.id}/schedule/{session.id}/checkin").status_code == 403


def test_daftar_hadir_blank_and_filled(client, factory):
    world = factory.world()
    cohort, session, people = world["a"]["cohort"], world["a"]["session"], world["a"]["participants"]
    db.session.add(Attendance(session_id=session.id, user_id=people[0].id, status=AttendanceStatus.LATE))
    db.session.commit()
    client.login(world["a"]["facilitator"].email)
    base = f"/cohorts/{cohort.id}/schedule/{session.id}/daftar-hadir"
    for query in ("", "?filled=1"):
        pdf = client.get(base + ".pdf" + query)
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    sheet = load_workbook(io.BytesIO(client.get(base + ".xlsx?filled=1").data)).active
    assert sheet["B3"].value.date() == date(2026, 3, 10)
    header = [c.value for c in sheet[8]]
    assert header[:5] == ["No", "Nama", "NIP", "Jabatan", "Instansi"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=9)]
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert sorted(r[5] or "" for r in rows) == ["", "", "", "Terlambat"]
    blank = load_workbook(io.BytesIO(client.get(base + ".xlsx").data)).active
    assert all(r[5].value in (None, "") for r in blank.iter_rows(min_row=9))
    day = client.get(f"/cohorts/{cohort.id}/attendance/2026-03-10/daftar-hadir.pdf")
    assert day.status_code == 200
    assert client.get(f"/cohorts/{cohort.id}/attendance/2026-03-11/daftar-hadir.pdf").status_code == 404
    client.logout()
    client.login(world["b"]["facilitator"].email)
    assert client.get(base + ".pdf").status_code == 404


def test_attendance_records_in_one_statement(app, factory):
    world = factory.world()
    cohort, people = world["a"]["cohort"], world["a"]["participants"]
    second = factory.session(cohort, day_offset=1, title="Modul 2")
    for person, (first, other) in zip(
        people, [("present", "late"), ("present", "absent"), ("absent", "absent"), ("late", "excused")], strict=True
    ):
        db.session.add(
            Attendance(session_id=world["a"]["session"].id, user_id=person.id, status=AttendanceStatus(first))
        )
        db.session.add(Attendance(session_id=second.id, user_id=person.id, status=AttendanceStatus(other)))
    db.session.commit()
    cohort_id, ids = cohort.id, [p.id for p in people]
    db.session.expire_all()
    statements = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        records = attendance_records(cohort_id)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) == 1
    assert [records[i].attended for i in ids] == [2, 1, 0, 1]
    assert records[ids[0]].percent == 100 and records[ids[1]].percent == 50
    assert records[ids[0]].jp == 4.0  # two sessions of 90 minutes


def test_attendance_page_shows_recap(client, factory):
    world = factory.world()
    cohort, session, people = world["a"]["cohort"], world["a"]["session"], world["a"]["participants"]
    db.session.add(Attendance(session_id=session.id, user_id=people[0].id, status=AttendanceStatus.PRESENT))
    db.session.commit()
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/cohorts/{cohort.id}/attendance").get_data(as_text=True)
    assert "JP diikuti" in page and re.search(r">\s*1 / 1\s*<", page)


def test_schedule_warns_of_two_sessions_in_one_room(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    factory.session(cohort, title="Modul 2 paralel")  # same day, same time, same room "Aula"
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/cohorts/{cohort.id}/schedule").get_data(as_text=True)
    assert "Ruang Aula terpakai dua kali" in page


def test_rank_is_kept_when_adding_a_person(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    client.get(f"/cohorts/{cohort.id}/members")
    form = {
        "email": "baru@example.go.id",
        "name": "Peserta Baru",
        "role": "participant",
        "team_id": "0",
        "rank": "Penata Muda (III/a)",
        "nip": "",
        "agency": "",
        "unit": "",
        "position": "",
    }
    assert client.post(f"/cohorts/{cohort.id}/members", form).status_code == 302
    from diklat.auth.models import User

    assert db.session.scalar(db.select(User.rank).where(User.email == "baru@example.go.id")) == "Penata Muda (III/a)"
