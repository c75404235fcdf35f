"""A background job's status on the page that started it: the facilitator sends due reminders from the plan."""

from __future__ import annotations

from datetime import timedelta

from diklat.common.time import today as local_today
from diklat.extensions import db
from diklat.followups.models import ItemKind
from tests.browser.conftest import check_accessibility, login, screenshot
from tests.followups.helpers import item_of, past_world


def test_reminder_job_status_on_the_plan(page, phone_page, factory):
    world = past_world(factory, days_ago=20)
    visit = item_of(world["a"]["teams"][0].id, ItemKind.VISIT)
    visit.starts_on = visit.ends_on = local_today() + timedelta(days=2)
    db.session.commit()
    cohort = world["a"]["cohort"]
    login(page, world["a"]["facilitator"].email)
    page.goto(f"/cohorts/{cohort.id}/followup")
    page.get_by_role("button", name="Kirim pengingat yang jatuh tempo sekarang").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Surel pengingat sedang dikirim.").is_visible()
    # The job runs after the response; the status line catches up by itself (jobs.js polls).
    page.locator(".job-status.job-done").wait_for(timeout=15000)
    assert page.locator("#reminders").get_by_text("Selesai", exact=True).is_visible()
    check_accessibility(page)
    page.locator("#reminders").scroll_into_view_if_needed()
    screenshot(page, "jobs-plan-status")
    login(phone_page, world["a"]["facilitator"].email)
    phone_page.goto(f"/cohorts/{cohort.id}/followup#reminders")
    phone_page.locator("#reminders").scroll_into_view_if_needed()
    screenshot(phone_page, "jobs-plan-status-phone")
