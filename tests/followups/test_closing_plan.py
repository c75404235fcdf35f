"""The closing plan: drafted from the course's last day, offsets saved first, new teams, clashes before saving."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine

from diklat.cohorts.models import Team
from diklat.extensions import db
from diklat.followups.models import FollowupItem, ItemStatus

# Cohort A runs 10–12 March 2026; 12 March 10:00 WIB is its last day.
LAST_DAY = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)
BEFORE = datetime(2026, 3, 11, 3, 0, tzinfo=UTC)


def _count(cohort_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count()).select_from(FollowupItem).where(FollowupItem.cohort_id == cohort_id)
    )


def test_drafted_and_agreed_on_the_last_day_with_clashes_shown(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    with time_machine.travel(LAST_DAY, tick=False):
        client.login(world["a"]["facilitator"].email)
        draft = client.get(f"/cohorts/{cohort.id}/followup/draft").get_data(as_text=True)
        # default offsets put the follow-up session (day 30) inside the visits (day 30, 2 days)
        assert "bertabrakan dengan kunjungan lapangan" in draft
        assert _count(cohort.id) == 0  # a draft saves nothing
        assert client.post(f"/cohorts/{cohort.id}/followup/generate").status_code == 302
        assert _count(cohort.id) == 10
        assert "Bentrok jadwal" in client.get(f"/cohorts/{cohort.id}/followup").get_data(as_text=True)


def test_before_the_last_day_only_on_request(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    with time_machine.travel(BEFORE, tick=False):
        client.login(world["a"]["facilitator"].email)
        client.post(f"/cohorts/{cohort.id}/followup/generate")
        assert _count(cohort.id) == 0
        client.post(f"/cohorts/{cohort.id}/followup/generate", {"early": "1"})
        assert _count(cohort.id) == 10


def test_offsets_saved_first_do_not_block_generating(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    with time_machine.travel(LAST_DAY, tick=False):
        client.login(world["a"]["facilitator"].email)
        page = client.get(f"/cohorts/{cohort.id}/followup/settings").get_data(as_text=True)
        assert page
        form = {
            "version": "1",
            "visit_days_after": "30",
            "visit_length_days": "2",
            "session_days_after": "45",
            "review_days_after": "60",
            "report_days_after": "90",
            "evaluation_first_days_after": "90",
            "evaluation_interval_days": "91",
            "evaluation_count": "3",
            "collective_leave": "y",
            "session_place": "Aula",
        }
        assert client.post(f"/cohorts/{cohort.id}/followup/settings", form).status_code == 302
        assert _count(cohort.id) == 0
        assert client.post(f"/cohorts/{cohort.id}/followup/generate").status_code == 302
        assert _count(cohort.id) == 2 * (2 + 3) + 2


def test_regenerate_replaces_until_work_starts_then_new_teams_get_items(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    with time_machine.travel(LAST_DAY, tick=False):
        client.login(world["a"]["facilitator"].email)
        client.post(f"/cohorts/{cohort.id}/followup/generate")
        marked = db.session.scalar(db.select(FollowupItem).where(FollowupItem.cohort_id == cohort.id).limit(1))
        marked.place = "tanda"
        db.session.commit()
        client.post(f"/cohorts/{cohort.id}/followup/generate")
        db.session.expire_all()
        second = set(db.session.scalars(db.select(FollowupItem.id).where(FollowupItem.cohort_id == cohort.id)))
        places = set(db.session.scalars(db.select(FollowupItem.place).where(FollowupItem.cohort_id == cohort.id)))
        assert len(second) == 10 and "tanda" not in places  # replaced while nothing was done
        item = db.session.get(FollowupItem, min(second))
        from diklat.followups.plan_services import set_status

        set_status(item, world["a"]["facilitator"], ItemStatus.CONFIRMED, "ok")
        db.session.commit()
        client.post(f"/cohorts/{cohort.id}/followup/generate")
        assert set(db.session.scalars(db.select(FollowupItem.id).where(FollowupItem.cohort_id == cohort.id))) == second
        db.session.add(Team(cohort_id=cohort.id, name="Kelompok baru", office="Kantor", service="Layanan"))
        db.session.commit()
        assert "Tambahkan agenda 1 kelompok baru" in client.get(f"/cohorts/{cohort.id}/followup").get_data(as_text=True)
        client.post(f"/cohorts/{cohort.id}/followup/generate")
        assert _count(cohort.id) == 14
