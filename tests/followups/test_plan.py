"""Plan generation, offsets, status changes, rescheduling with history, .ics, calendars and the feed."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar
from sqlalchemy import func, select

from diklat.common import time as clock
from diklat.extensions import db
from diklat.followups import schedule
from diklat.followups.models import CalendarToken, FollowupItem, FollowupPlan, ItemKind, ItemStatus
from tests.followups.helpers import item_of, past_world


def count_items(cohort_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(FollowupItem).where(FollowupItem.cohort_id == cohort_id))


def next_weekday(day: date) -> date:
    off = schedule.non_working_days([day.year, day.year + 1])
    return schedule.next_working_day(day, off)[0]


def test_facilitator_generates_the_plan_in_one_action(client, factory):
    world = past_world(factory, generate=False)
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    client.get(f"/cohorts/{cohort.id}/followup")
    response = client.post(f"/cohorts/{cohort.id}/followup/generate")
    assert response.status_code == 302
    # 2 teams × (visit, report, 2 evaluations) + follow-up session + group review
    assert count_items(cohort.id) == 10
    visit = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    assert visit.assignee_id == world["a"]["mentor"].id and visit.place == world["a"]["teams"][0].office
    off = schedule.non_working_days([visit.starts_on.year])
    assert schedule.is_working_day(visit.starts_on, off)
    assert (visit.starts_on - cohort.end_date).days >= 30
    page = client.get(f"/cohorts/{cohort.id}/followup").get_data(as_text=True)
    assert "Kelompok a1" in page and "Kunjungan pendampingan" in page
    again = client.post(f"/cohorts/{cohort.id}/followup/generate")
    assert again.status_code == 302 and count_items(cohort.id) == 10  # never twice


def test_plan_waits_until_the_course_has_ended(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    cohort.start_date = clock.today()
    cohort.end_date = clock.today() + timedelta(days=2)
    db.session.commit()
    client.login(world["a"]["facilitator"].email)
    client.get(f"/cohorts/{cohort.id}/followup")
    client.post(f"/cohorts/{cohort.id}/followup/generate")
    assert count_items(cohort.id) == 0


def test_only_managers_generate(client, factory):
    world = past_world(factory, generate=False)
    cohort = world["a"]["cohort"]
    client.login(world["a"]["participants"][0].email)
    assert client.post(f"/cohorts/{cohort.id}/followup/generate").status_code == 403
    client.logout()
    client.login(world["b"]["facilitator"].email)
    assert client.post(f"/cohorts/{cohort.id}/followup/generate").status_code == 404
    assert count_items(cohort.id) == 0


def test_reschedule_keeps_history_with_reason(client, factory):
    world = past_world(factory)
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    old_start = item.starts_on
    new_day = next_weekday(clock.today() + timedelta(days=10))
    client.login(world["a"]["facilitator"].email)
    url = f"/cohorts/{item.cohort_id}/followup/items/{item.id}"
    client.get(url)
    response = client.post(
        url + "/reschedule",
        {
            "move-version": item.version,
            "move-starts_on": new_day.isoformat(),
            "move-start_time": "09:00",
            "move-end_time": "15:00",
            "move-reason": "Kepala dinas rapat dengan Bupati",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(FollowupItem, item.id)
    assert item.status == ItemStatus.RESCHEDULED and item.starts_on == new_day and not item.auto_dates
    change = item.changes[-1]
    assert change.reason == "Kepala dinas rapat dengan Bupati"
    assert (change.from_starts_on, change.to_starts_on) == (old_start, new_day)
    page = client.get(url).get_data(as_text=True)
    assert "Kepala dinas rapat dengan Bupati" in page


def test_reschedule_onto_a_holiday_is_refused_and_input_kept(client, factory):
    world = past_world(factory)
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    client.login(world["a"]["facilitator"].email)
    url = f"/cohorts/{item.cohort_id}/followup/items/{item.id}"
    client.get(url)
    year = clock.today().year + 1
    response = client.post(
        url + "/reschedule",
        {
            "move-version": item.version,
            "move-starts_on": f"{year}-08-17",
            "move-start_time": "09:00",
            "move-end_time": "15:00",
            "move-reason": "Alasan saya",
        },
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Kemerdekaan" in body and "Alasan saya" in body
    assert db.session.get(FollowupItem, item.id).status == ItemStatus.PLANNED


def test_stale_edit_is_refused(client, factory):
    world = past_world(factory)
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    client.login(world["a"]["facilitator"].email)
    url = f"/cohorts/{item.cohort_id}/followup/items/{item.id}"
    client.get(url)
    stale = item.version
    assert client.post(url + "/status", {"status-version": stale, "status-status": "confirmed"}).status_code == 302
    response = client.post(
        url + "/status", {"status-version": stale, "status-status": "cancelled", "status-reason": "Dibatalkan"}
    )
    assert response.status_code == 409
    assert "Dibatalkan" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(FollowupItem, item.id).status == ItemStatus.CONFIRMED


def test_missed_needs_a_reason(client, factory):
    world = past_world(factory)
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    client.login(world["a"]["mentor"].email)  # the team's mentor may change its visit
    url = f"/cohorts/{item.cohort_id}/followup/items/{item.id}"
    client.get(url)
    assert client.post(url + "/status", {"status-version": item.version, "status-status": "missed"}).status_code == 422
    assert (
        client.post(
            url + "/status",
            {"status-version": item.version, "status-status": "missed", "status-reason": "Kantor tutup"},
        ).status_code
        == 302
    )


def test_mentor_cannot_change_cohort_wide_items(client, factory):
    world = past_world(factory)
    session = item_of(None, ItemKind.FOLLOWUP_SESSION, world["a"]["cohort"].id)
    client.login(world["a"]["mentor"].email)
    url = f"/cohorts/{session.cohort_id}/followup/items/{session.id}"
    client.get(url)
    assert client.post(url + "/status", {"status-version": session.version, "status-status": "done"}).status_code == 403


def test_new_offsets_move_only_untouched_items(client, factory):
    world = past_world(factory)
    cohort = world["a"]["cohort"]
    moved_by_hand = item_of(world["a"]["teams"][0].id, ItemKind.REPORT_DUE)
    moved_by_hand.status, moved_by_hand.auto_dates = ItemStatus.CONFIRMED, True
    db.session.commit()
    untouched = item_of(world["a"]["teams"][1].id, ItemKind.REPORT_DUE)
    before_confirmed, before_untouched = moved_by_hand.starts_on, untouched.starts_on
    plan = db.session.scalar(select(FollowupPlan).where(FollowupPlan.cohort_id == cohort.id))
    client.login(world["a"]["facilitator"].email)
    client.get(f"/cohorts/{cohort.id}/followup/settings")
    form = {
        "version": plan.version,
        "visit_days_after": 30,
        "visit_length_days": 1,
        "session_days_after": 30,
        "review_days_after": 60,
        "report_days_after": 120,
        "evaluation_first_days_after": 90,
        "evaluation_interval_days": 91,
        "evaluation_count": 3,
        "collective_leave": "y",
        "session_place": "Aula",
    }
    assert client.post(f"/cohorts/{cohort.id}/followup/settings", form).status_code == 302
    db.session.expire_all()
    assert db.session.get(FollowupItem, moved_by_hand.id).starts_on == before_confirmed
    assert (db.session.get(FollowupItem, untouched.id).starts_on - before_untouched).days >= 28
    assert item_of(world["a"]["teams"][1].id, ItemKind.EVALUATION, sequence=3) is not None
    bad = dict(form, version=plan.version + 1, review_days_after=10)
    response = client.post(f"/cohorts/{cohort.id}/followup/settings", bad)
    assert response.status_code == 422
    assert "Reviu kelompok dilaksanakan setelah sesi tindak lanjut." in response.get_data(as_text=True)


def test_item_ics_parses_with_jakarta_time(client, factory):
    world = past_world(factory)
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    client.login(world["a"]["participants"][0].email)
    response = client.get(f"/cohorts/{item.cohort_id}/followup/items/{item.id}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert len(events) == 2  # a two-day visit: one event per working day
    start, end = events[0].decoded("dtstart"), events[-1].decoded("dtend")
    assert str(start.tzinfo) == "Asia/Jakarta" and start.utcoffset() == timedelta(hours=7)
    assert (start.date(), start.hour, end.date(), end.hour) == (item.starts_on, 8, item.ends_on, 16)
    assert events[0].decoded("dtend").date() == item.starts_on  # no event running through the night
    assert "hari ke-1 dari 2" in str(events[0]["summary"])


def test_two_day_visit_over_a_weekend_occupies_friday_and_monday(app_ctx, factory):
    from diklat.followups.calendar_services import item_days

    world = past_world(factory)
    item = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    off = schedule.non_working_days([2027])
    friday = next(
        date(2027, 1, 1) + timedelta(days=n)
        for n in range(60)
        if (date(2027, 1, 1) + timedelta(days=n)).weekday() == 4
        and schedule.is_working_day(date(2027, 1, 1) + timedelta(days=n + 3), off)
        and schedule.is_working_day(date(2027, 1, 1) + timedelta(days=n), off)
    )
    item.starts_on, item.ends_on = friday, friday + timedelta(days=3)
    assert item_days(item) == [friday, friday + timedelta(days=3)]


def test_calendars_show_each_role_their_items(client, factory):
    world = past_world(factory, days_ago=20)
    a1, _a2 = world["a"]["teams"]
    first_visit = item_of(a1.id, ItemKind.VISIT)
    month = first_visit.starts_on.strftime("%Y-%m")
    client.login(world["a"]["participants"][0].email)  # team a1
    page = client.get(f"/calendar?month={month}").get_data(as_text=True)
    assert "Kelompok a1" in page and "Kelompok a2" not in page
    listing = client.get("/calendar/list?when=all").get_data(as_text=True)
    assert "Kelompok a1" in listing and "Kelompok a2" not in listing
    client.logout()
    client.login(world["a"]["facilitator"].email)
    page = client.get(f"/calendar?month={month}").get_data(as_text=True)
    assert "Kelompok a1" in page and "Kelompok a2" in page
    assert client.get("/calendar?month=garbage").status_code == 200


def test_private_feed_shows_only_the_owners_items_and_can_be_revoked(client, factory):
    world = past_world(factory)
    participant = world["a"]["participants"][0]
    client.login(participant.email)
    client.get("/calendar/feed")
    client.post("/calendar/feed/new")
    token = db.session.scalar(select(CalendarToken.token).where(CalendarToken.user_id == participant.id))
    client.logout()
    feed = client.get(f"/calendar/feed/{token}.ics")  # no sign-in needed
    assert feed.status_code == 200
    events = Calendar.from_ical(feed.data).walk("VEVENT")
    titles = [str(e["summary"]) for e in events]
    assert titles and all("Kelompok a2" not in t for t in titles)
    assert any("Kelompok a1" in t for t in titles)
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404
    client.login(participant.email)
    client.get("/calendar/feed")
    client.post("/calendar/feed/new")
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404  # the old address stops working
    client.post("/calendar/feed/off")
    assert db.session.scalar(select(CalendarToken).where(CalendarToken.user_id == participant.id)) is None


def test_overdue_items_on_every_home_page(client, factory):
    world = past_world(factory, days_ago=200)
    for user in (world["a"]["facilitator"], world["a"]["mentor"], world["a"]["participants"][0]):
        client.login(user.email)
        page = client.get("/").get_data(as_text=True)
        assert "Lewat tenggat" in page, user.email
        assert "Kelompok a1" in page
        client.logout()
    client.login(world["b"]["facilitator"].email)
    assert "Kelompok a1" not in client.get("/").get_data(as_text=True)
