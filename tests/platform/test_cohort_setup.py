"""First week of a facilitator: the setup checklist and a new cohort made from an earlier one."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from diklat.assessments.models import Attempt, Question, QuestionBank, Test, TestKind, TestQuestion
from diklat.cohorts.models import Cohort, CohortMember, Team
from diklat.cohorts.reuse_rules import shift_day, working_index
from diklat.cohorts.setup import checklist
from diklat.curriculum.models import ModuleState
from diklat.curriculum.services import set_module_state
from diklat.extensions import db
from diklat.followups.models import FollowupPlan
from diklat.followups.schedule import non_working_days
from tests.curriculum.conftest import synced  # noqa: F401 - fixture

OFF = non_working_days([2026])


@pytest.mark.parametrize(
    ("day", "new_start", "expected"),
    [
        (date(2026, 3, 10), date(2026, 3, 31), date(2026, 3, 31)),
        (date(2026, 3, 12), date(2026, 3, 31), date(2026, 4, 2)),
        (date(2026, 3, 12), date(2026, 4, 1), date(2026, 4, 6)),  # Good Friday and the weekend skipped
        (date(2026, 3, 11), date(2026, 3, 17), date(2026, 3, 25)),  # Nyepi and Idul Fitri leave skipped
        (date(2026, 3, 9), date(2026, 3, 31), date(2026, 3, 30)),  # a day before the course stays before it
        (date(2026, 3, 13), date(2026, 3, 31), date(2026, 4, 6)),  # the working day after: Good Friday skipped
    ],
)
def test_shift_counts_working_days(day, new_start, expected):
    assert shift_day(day, date(2026, 3, 10), date(2026, 3, 12), new_start, OFF) == expected


def test_a_course_day_that_was_a_holiday_still_counts():
    # The earlier course ran 12–14 May 2026, its last day on Ascension Day: the copy still has three days.
    assert shift_day(date(2026, 5, 14), date(2026, 5, 12), date(2026, 5, 14), date(2026, 6, 2), OFF) == date(2026, 6, 4)


def test_working_index_skips_weekends():
    assert working_index(date(2026, 3, 16), date(2026, 3, 12), OFF) == 2  # Thu → Mon


def _add_test(cohort, kind, bank_question):
    test = Test(
        cohort_id=cohort.id,
        kind=kind,
        title=f"{kind.value}-test",
        instructions="Kerjakan sendiri.",
        opens_at=datetime(2026, 3, 10, 0, 30),
        closes_at=datetime(2026, 3, 12, 9, 0),
        time_limit_minutes=30,
        shuffle_questions=False,
    )
    test.questions = [
        TestQuestion(
            question_id=bank_question.id,
            position=1,
            qtype=bank_question.qtype,
            name="Q1",
            text=bank_question.text,
            data=bank_question.data,
            points=2.0,
        )
    ]
    db.session.add(test)
    return test


@pytest.fixture()
def earlier(factory, synced):  # noqa: F811
    w = factory.world()
    cohort = w["a"]["cohort"]  # 10–12 March 2026
    factory.session(cohort, day_offset=2, start=time(13), end=time(15), module=5)
    bank = QuestionBank(name="Bank")
    db.session.add(bank)
    db.session.flush()
    question = Question(bank_id=bank.id, qtype="multichoice", name="Q1", text="Apa itu SOP?", data={"choices": []})
    db.session.add(question)
    db.session.flush()
    pre = _add_test(cohort, TestKind.PRE, question)
    _add_test(cohort, TestKind.POST, question)
    db.session.flush()
    db.session.add(
        Attempt(test_id=pre.id, user_id=w["a"]["participants"][0].id, seed=1, deadline_at=datetime(2026, 3, 10, 2))
    )
    db.session.add(FollowupPlan(cohort_id=cohort.id, visit_days_after=21, report_days_after=75))
    db.session.commit()
    return w


def test_copy_keeps_course_settings_and_never_people_or_work(client, earlier):
    source = earlier["a"]["cohort"]
    client.login(earlier["a"]["facilitator"].email)
    form = client.get(f"/cohorts/new/from-earlier?source={source.id}").get_data(as_text=True)
    assert "Angkatan baru dari angkatan sebelumnya" in form and "selected" in form
    response = client.post(
        "/cohorts/new/from-earlier",
        {"source": source.id, "name": "Angkatan C", "start_date": "2026-03-31", "place": ""},
    )
    assert response.status_code == 302
    new = db.session.scalar(select(Cohort).where(Cohort.name == "Angkatan C"))
    assert (new.start_date, new.end_date, new.place, new.course) == (
        date(2026, 3, 31),
        date(2026, 4, 2),
        source.place,
        source.course,
    )
    assert [(s.day, s.start_time, s.module_number) for s in new.sessions] == [
        (date(2026, 3, 31), time(8), 1),
        (date(2026, 4, 2), time(13), 5),
    ]
    tests = db.session.scalars(select(Test).where(Test.cohort_id == new.id).order_by(Test.kind)).all()
    assert sorted(t.kind for t in tests) == [TestKind.POST, TestKind.PRE]
    pre = next(t for t in tests if t.kind == TestKind.PRE)
    assert (pre.time_limit_minutes, pre.shuffle_questions, pre.instructions) == (30, False, "Kerjakan sendiri.")
    assert (pre.opens_at, pre.closes_at) == (datetime(2026, 3, 31, 0, 30), datetime(2026, 4, 2, 9, 0))
    assert [(q.name, q.points) for q in pre.questions] == [("Q1", 2.0)] and pre.attempts == []
    plan = db.session.scalar(select(FollowupPlan).where(FollowupPlan.cohort_id == new.id))
    assert (plan.visit_days_after, plan.report_days_after, plan.generated_at) == (21, 75, None)
    members = db.session.scalars(select(CohortMember).where(CohortMember.cohort_id == new.id)).all()
    assert [m.user_id for m in members] == [earlier["a"]["facilitator"].id]
    assert db.session.scalars(select(Team).where(Team.cohort_id == new.id)).all() == []
    page = client.get(f"/cohorts/{new.id}").get_data(as_text=True)
    assert "Persiapan angkatan ini" in page and "Buat tim" in page


def test_copy_refuses_weekend_start_and_a_split_course_keeping_input(client, earlier):
    source = earlier["a"]["cohort"]
    client.login(earlier["a"]["facilitator"].email)
    saturday = client.post(
        "/cohorts/new/from-earlier", {"source": source.id, "name": "Angkatan X", "start_date": "2026-03-28"}
    )
    assert saturday.status_code == 200 and "harus hari kerja" in saturday.get_data(as_text=True)
    assert 'value="Angkatan X"' in saturday.get_data(as_text=True)
    split = client.post(
        "/cohorts/new/from-earlier", {"source": source.id, "name": "Angkatan X", "start_date": "2026-04-01"}
    )
    assert "melewati akhir pekan atau hari libur" in split.get_data(as_text=True)
    assert db.session.scalar(select(Cohort).where(Cohort.name == "Angkatan X")) is None


def test_copy_only_from_a_cohort_one_manages(client, earlier):
    client.login(earlier["a"]["facilitator"].email)
    other = earlier["b"]["cohort"]
    response = client.post(
        "/cohorts/new/from-earlier", {"source": other.id, "name": "Curian", "start_date": "2026-03-31"}
    )
    assert response.status_code == 200 and "Curian" not in [c.name for c in db.session.scalars(select(Cohort))]
    client.logout()
    client.login(earlier["a"]["participants"][0].email)
    assert client.get("/cohorts/new/from-earlier").status_code == 403


def test_checklist_follows_the_work_and_then_gives_way(client, earlier):
    cohort = earlier["a"]["cohort"]
    states = {s.step.key: s.done for s in checklist(cohort)}
    assert states == {
        "teams": True,
        "participants": True,
        "mentors": False,
        "schedule": True,
        "tests": True,
        "modules": False,
    }
    client.login(earlier["a"]["participants"][0].email)
    assert "Persiapan angkatan ini" not in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)  # managers only
    client.logout()
    for team in cohort.teams:
        team.mentor_id = earlier["a"]["mentor"].id
    for number in range(1, 9):
        set_module_state(cohort, number, ModuleState.OPEN, earlier["a"]["facilitator"])
    db.session.commit()
    assert all(s.done for s in checklist(cohort))
    client.login(earlier["a"]["facilitator"].email)
    assert "Persiapan angkatan ini" not in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)


def test_enrolment_template_has_indonesian_headings_that_import_back(client, earlier):
    from diklat.cohorts.enrolment import ALIASES, COLUMNS
    from diklat.cohorts.templates_io import headings

    client.login(earlier["a"]["facilitator"].email)
    csv = client.get("/cohorts/enrolment-template.csv").get_data(as_text=True)
    assert (
        csv.lstrip("\ufeff").splitlines()[0] == "nama;nip;email;instansi;unit kerja;jabatan;pangkat/golongan;kelompok"
    )
    assert [ALIASES.get(h, h) for h in headings("id")] == list(COLUMNS)
    english = client.get("/cohorts/enrolment-template.csv?headings=en").get_data(as_text=True)
    assert english.lstrip("\ufeff").startswith("name;nip;email")
