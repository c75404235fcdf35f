"""The one clock: business dates in the cohort's zone (WIB, WITA, WIT), whatever the machine's hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from flask_babel import format_datetime
from sqlalchemy import select

from diklat.cohorts.models import Cohort, Role
from diklat.common import time as clock
from diklat.extensions import db
from diklat.i18n import use_cohort_zone

EVENING_UTC = datetime(2026, 12, 2, 16, 30, tzinfo=UTC)  # 23:30 WIB, 00:30 WITA, 01:30 WIT


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Asia/Jakarta", date(2026, 12, 2)), ("Asia/Makassar", date(2026, 12, 3)), ("Asia/Jayapura", date(2026, 12, 3))],
)
def test_today_is_the_cohorts_date(zone, expected):
    with time_machine.travel(EVENING_UTC, tick=False):
        assert clock.today(Cohort(timezone=zone)) == expected
        assert clock.today(zone) == expected
        assert clock.now(zone).tzinfo is not None and clock.utcnow().tzinfo is None


def test_no_cohort_means_jakarta_and_conversions_round_trip():
    with time_machine.travel(EVENING_UTC, tick=False):
        assert clock.today() == date(2026, 12, 2)
        stored = clock.local_to_utc(date(2026, 12, 3), time(8, 0), "Asia/Jayapura")
        assert stored == datetime(2026, 12, 2, 23, 0)
        assert clock.to_local(stored, "Asia/Jayapura").time() == time(8, 0)


@time_machine.travel(EVENING_UTC, tick=True)  # still 2 December in Jakarta, already 3 December in Jayapura
def test_a_wit_cohort_is_created_and_its_status_follows_its_own_date(client, factory):
    facilitator = factory.user()
    factory.cohort(facilitator)  # facilitator somewhere, so they may create cohorts
    client.login(facilitator.email)
    client.get("/cohorts/new")
    form = {
        "name": "Angkatan Jayapura",
        "course": "Diklat SOP",
        "place": "Jayapura",
        "start_date": "2026-12-03",
        "end_date": "2026-12-04",
        "timezone": "Asia/Jayapura",
    }
    assert client.post("/cohorts/new", form).status_code == 302
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == "Angkatan Jayapura"))
    assert cohort.timezone == "Asia/Jayapura"
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Berlangsung" in page and "Akan datang" not in page
    cohort.timezone = "Asia/Jakarta"
    db.session.commit()
    assert "Akan datang" in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)


def test_the_cohort_form_offers_only_the_three_indonesian_zones(client, factory):
    facilitator = factory.user()
    factory.cohort(facilitator)
    client.login(facilitator.email)
    client.get("/cohorts/new")
    form = {
        "name": "X",
        "course": "Diklat SOP",
        "place": "X",
        "start_date": "2026-12-03",
        "end_date": "2026-12-04",
        "timezone": "Europe/Berlin",
    }
    response = client.post("/cohorts/new", form)
    assert response.status_code == 200 and "Europe/Berlin" not in response.get_data(as_text=True).split("<select")[0]
    assert db.session.scalar(select(Cohort).where(Cohort.name == "X")) is None


@time_machine.travel(datetime(2026, 3, 10, 1, 15, tzinfo=UTC), tick=False)  # 09:15 WITA, 08:15 WIB
def test_a_cohorts_pages_show_its_own_wall_clock_and_pages_across_cohorts_keep_wib(client, factory):
    facilitator = factory.user(is_admin=True)
    cohort = factory.cohort(facilitator)
    cohort.timezone = "Asia/Makassar"
    db.session.commit()
    team = factory.team(cohort)
    factory.member(cohort, factory.user(), Role.PARTICIPANT, team)
    factory.session(cohort, start=time(8, 0))  # module 1 at 08:00 in Makassar
    factory.worksheet_answers(team, 1, "old_sop_review", {"sop_title": "SOP Izin Usaha"}, facilitator)
    client.login(facilitator.email)

    modules = client.get(f"/cohorts/{cohort.id}/modules/").get_data(as_text=True)
    assert "10 Mar 2026 08:00" in modules and "07:00" not in modules
    saved = client.get(f"/cohorts/{cohort.id}/modules/1").get_data(as_text=True)
    assert "10 Mar 2026 09:15" in saved and "08:15" not in saved


def test_without_a_cohort_datetimes_are_wib_and_loading_one_switches_even_after_a_first_format(app):
    stored = datetime(2026, 3, 10, 1, 15)  # naive UTC, as every column stores it
    with app.test_request_context("/"):
        assert format_datetime(stored, "HH:mm") == "08:15"
        use_cohort_zone("Asia/Jayapura")
        assert format_datetime(stored, "HH:mm") == "10:15"


@time_machine.travel(datetime(2026, 12, 4, 3, 30, tzinfo=UTC), tick=False)  # 11:30 WITA
def test_home_lists_only_sessions_that_have_not_ended_on_the_cohorts_clock(client, factory):
    cohort = factory.cohort(start=date(2026, 12, 4))
    cohort.timezone = "Asia/Makassar"
    db.session.commit()
    person = factory.user()
    factory.member(cohort, person, Role.PARTICIPANT, factory.team(cohort))
    factory.session(cohort, start=time(8, 0), end=time(10, 15), title="Modul Pagi", module=1)
    factory.session(cohort, start=time(11, 0), end=time(12, 0), title="Modul Berjalan", module=2)
    factory.session(cohort, start=time(13, 0), end=time(14, 0), title="Modul Siang", module=3)
    client.login(person.email)
    home = client.get("/").get_data(as_text=True)
    assert "Modul Berjalan" in home and "Modul Siang" in home and "Modul Pagi" not in home
