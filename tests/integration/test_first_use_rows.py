"""Rows a page creates the first time it needs them (default settings) are committed by that page, not flushed
and then rolled back at the end of the request."""

from __future__ import annotations

from sqlalchemy import select

from diklat.certificates.models import CertificateSettings
from diklat.extensions import db
from diklat.followups.models import FollowupPlan


def test_the_certificate_settings_and_the_followup_plan_are_saved_on_first_visit(client, factory):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    for url, model in (
        (f"/cohorts/{cohort.id}/certificates", CertificateSettings),
        (f"/cohorts/{cohort.id}/followup", FollowupPlan),
    ):
        assert client.get(url).status_code == 200
        db.session.rollback()  # what the request left uncommitted is gone, as on a real server
        assert db.session.scalar(select(model).where(model.cohort_id == cohort.id)) is not None, url
