"""Cohort creation and editing, teams, members, schedule, attendance, bulk enrolment through the views."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from diklat.cohorts.models import Attendance, Cohort, CohortMember, CourseSession, Role, Team
from diklat.extensions import db

HEADER = "name,nip,email,agency,unit,position,team\n"


def _enrol(client, cohort, text: str):
    """Upload ``text`` as the cohort's enrolment CSV."""
    return client.post(
        f"/cohorts/{cohort.id}/enrol",
        {"file": (io.BytesIO(text.encode()), "peserta.csv")},
        content_type="multipart/form-data",
    )


def test_facilitator_creates_cohort_and_becomes_its_facilitator(client, factory):
    world = factory.world()
    fac = world["a"]["facilitator"]
    client.login(fac.email)
    response = client.post(
        "/cohorts/new",
        {
            "name": "Angkatan III",
            "course": "Diklat SOP",
            "place": "Aula",
            "start_date": "2026-05-05",
            "end_date": "2026-05-07",
        },
    )
    assert response.status_code == 302
    cohort = db.session.scalar(db.select(Cohort).where(Cohort.name == "Angkatan III"))
    assert [(m.user_id, m.role) for m in cohort.members] == [(fac.id, Role.FACILITATOR)]


def test_course_must_last_two_to_three_days(client, factory):
    admin = factory.user(is_admin=True)
    client.login(admin.email)
    response = client.post(
        "/cohorts/new",
        {
            "name": "Angkatan X",
            "course": "Diklat SOP",
            "place": "Aula",
            "start_date": "2026-05-05",
            "end_date": "2026-05-12",
        },
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="end_date-error"' in body and 'value="Angkatan X"' in body


def test_participant_cannot_create_cohorts(client, factory):
    world = factory.world()
    client.login(world["a"]["participants"][0].email)
    assert client.get("/cohorts/new").status_code == 403


def test_concurrent_cohort_edit_is_refused_and_input_kept(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    form = {
        "name": "Nama Baru",
        "course": "Diklat SOP",
        "place": "Aula",
        "start_date": "2026-03-10",
        "end_date": "2026-03-12",
        "version": str(cohort.version),
    }
    assert client.post(f"/cohorts/{cohort.id}/edit", form).status_code == 302
    form["name"] = "Nama Lain"  # based on the old version
    response = client.post(f"/cohorts/{cohort.id}/edit", form)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "Nama Baru" in body and 'value="Nama Lain"' in body
    db.session.refresh(cohort)
    assert cohort.name == "Nama Baru"


def test_add_member_reuses_existing_account(client, factory):
    world = factory.world()
    cohort_b = world["b"]["cohort"]
    person_a = world["a"]["participants"][0]
    client.login(world["b"]["facilitator"].email)
    response = client.post(
        f"/cohorts/{cohort_b.id}/members", {"name": "x", "email": person_a.email, "role": "mentor", "team_id": "0"}
    )
    assert response.status_code == 302
    roles = {
        m.cohort_id: m.role
        for m in db.session.scalars(db.select(CohortMember).where(CohortMember.user_id == person_a.id))
    }
    assert roles == {world["a"]["cohort"].id: Role.PARTICIPANT, cohort_b.id: Role.MENTOR}


def test_team_edit_and_duplicate_name(client, factory):
    world = factory.world()
    cohort, team = world["a"]["cohort"], world["a"]["teams"][0]
    client.login(world["a"]["facilitator"].email)
    clash = client.post(
        f"/cohorts/{cohort.id}/teams/{team.id}/edit",
        {"name": world["a"]["teams"][1].name, "office": "X", "service": "Y", "mentor_id": "0", "version": "1"},
    )
    assert clash.status_code == 200 and 'id="name-error"' in clash.get_data(as_text=True)
    ok = client.post(
        f"/cohorts/{cohort.id}/teams/{team.id}/edit",
        {
            "name": "Kelompok Mawar",
            "office": "DPMPTSP",
            "service": "IUMK",
            "mentor_id": str(world["a"]["mentor"].id),
            "version": "1",
        },
    )
    assert ok.status_code == 302
    assert db.session.get(Team, team.id).name == "Kelompok Mawar"


def test_schedule_jp_and_attendance_rate(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    response = client.post(
        f"/cohorts/{cohort.id}/schedule/new",
        {
            "day": "2026-03-11",
            "start_time": "08:00",
            "end_time": "09:30",
            "title": "Modul 2",
            "module_number": "2",
            "room": "Aula",
        },
    )
    assert response.status_code == 302
    outside = client.post(
        f"/cohorts/{cohort.id}/schedule/new",
        {"day": "2026-04-01", "start_time": "10:00", "end_time": "09:30", "title": "Salah"},
    )
    body = outside.get_data(as_text=True)
    assert 'id="day-error"' in body and 'id="end_time-error"' in body
    ninth = client.post(
        f"/cohorts/{cohort.id}/schedule/new",
        {"day": "2026-03-11", "start_time": "10:00", "end_time": "11:00", "title": "X", "module_number": "9"},
    ).get_data(as_text=True)
    assert "Angka harus antara 1 dan 8." in ninth and "Number must be" not in ninth  # WTForms' words, translated
    session = db.session.scalar(db.select(CourseSession).where(CourseSession.title == "Modul 2"))
    assert session.jp == 2.0
    people = world["a"]["participants"]
    incomplete = client.post(
        f"/cohorts/{cohort.id}/schedule/{session.id}/attendance", {f"status-{people[0].id}": "present"}
    )
    assert incomplete.status_code == 422
    assert db.session.scalar(db.select(db.func.count()).select_from(Attendance)) == 0
    statuses = dict(zip([p.id for p in people], ["present", "late", "excused", "absent"], strict=True))
    data = {f"status-{uid}": s for uid, s in statuses.items()}
    assert client.post(f"/cohorts/{cohort.id}/schedule/{session.id}/attendance", data).status_code == 302
    page = client.get(f"/cohorts/{cohort.id}/attendance").get_data(as_text=True)
    # present and late attend (100%), excused and absent do not (0%); one of the two sessions recorded
    assert page.count("100%") == 2 and page.count(">0%") == 2


def test_enrolment_all_or_nothing(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    before = db.session.scalar(db.select(db.func.count()).select_from(CohortMember))
    bad = (
        HEADER + "Ani,198703152010122001,ani@example.go.id,DPMPTSP,,Petugas,Kelompok Baru\n"
        "Budi,12345,budi@example.go.id,DPMPTSP,,Petugas,Kelompok Baru\n"
        ",198703152010121002,,DPMPTSP,,,\n"
    )
    response = _enrol(client, cohort, bad)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.count('<tr><td class="num">') >= 4  # nip row 3, name/email/agency/team row 4
    assert db.session.scalar(db.select(db.func.count()).select_from(CohortMember)) == before
    assert db.session.scalar(db.select(Team).where(Team.name == "Kelompok Baru")) is None
    good = (
        HEADER + "Ani,198703152010122001,ani@example.go.id,DPMPTSP,,Petugas,Kelompok Baru\n"
        "Budi,198703152010121002,budi@example.go.id,DPMPTSP,,Petugas,Kelompok Baru\n"
    )
    response = _enrol(client, cohort, good)
    assert response.status_code == 302
    team = db.session.scalar(db.select(Team).where(Team.name == "Kelompok Baru"))
    assert sorted(m.user.name for m in team.members) == ["Ani", "Budi"]


def test_enrolment_templates_download(client, factory):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    xlsx = client.get("/cohorts/enrolment-template.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert [c.value for c in sheet[1]] == [
        "nama",
        "nip",
        "email",
        "instansi",
        "unit kerja",
        "jabatan",
        "pangkat/golongan",
        "kelompok",
    ]
    csv = client.get("/cohorts/enrolment-template.csv")
    assert csv.data.decode("utf-8-sig").startswith("nama;nip;email")


def test_enrolment_carries_the_rank_to_the_certificate_and_an_admin_can_correct_it(client, factory):
    from diklat.auth.models import User

    world = factory.world()
    cohort = world["a"]["cohort"]
    existing = world["a"]["participants"][0]
    client.login(world["a"]["facilitator"].email)
    roster = (
        "nama,nip,email,instansi,unit kerja,jabatan,pangkat/golongan,kelompok\n"
        "Ani,198703152010122001,ani@example.go.id,DPMPTSP,,Petugas,Penata Muda / III-a,Kelompok 1\n"
    )
    response = _enrol(client, cohort, roster)
    assert response.status_code == 302
    ani = db.session.scalar(db.select(User).where(User.email == "ani@example.go.id"))
    assert ani.rank == "Penata Muda / III-a"
    other = factory.cohort(world["a"]["facilitator"], name="Angkatan berikut")  # a later course, promoted since
    promoted = (  # moved to the regency's office and promoted since; the name as the roster spells it
        "ANI S.,198703152010122001,ani@example.go.id,DPMPTSP Kabupaten Contoh,Bidang Perizinan,,"
        "Penata Muda Tk.I / III-b,Kelompok 1\n"
    )
    response = _enrol(client, other, roster.splitlines()[0] + "\n" + promoted)
    assert response.status_code == 302
    db.session.expire_all()
    ani = db.session.get(User, ani.id)
    assert ani.rank == "Penata Muda Tk.I / III-b" and ani.agency == "DPMPTSP Kabupaten Contoh"
    assert ani.unit == "Bidang Perizinan" and ani.position == "Petugas"  # an empty cell keeps what was there
    assert ani.name == "Ani"  # the account holder's own spelling stays
    assert existing.rank == db.session.get(User, existing.id).rank  # nobody else touched
    client.logout()
    client.login("admin@example.go.id")
    page = client.get(f"/admin/users/{ani.id}").get_data(as_text=True)
    assert 'name="rank"' in page and "Penata Muda Tk.I / III-b" in page
