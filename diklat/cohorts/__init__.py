"""Cohorts (angkatan): members with per-cohort roles, teams, schedule and attendance."""

from __future__ import annotations

import os

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.cohorts.access import EVERYONE, MANAGERS
from diklat.common.nav import register_cohort_tab


def init_app(app: Flask) -> None:
    """Register the blueprint, its view modules, cohort tabs and template helpers."""
    from diklat.cohorts import (  # noqa: F401 - registers routes
        attendance_views,
        member_views,
        people_views,
        reuse_views,
        schedule_views,
        views,
    )
    from diklat.cohorts.blueprint import bp
    from diklat.cohorts.labels import ATTENDANCE_LABELS, ROLE_LABELS, STATUS_LABELS
    from diklat.cohorts.setup import COHORT_STEPS, register_setup_step

    app.config.setdefault("CHECKIN_GRACE_MINUTES", int(os.environ.get("DIKLAT_CHECKIN_GRACE_MINUTES", "15")))
    for step in COHORT_STEPS:
        register_setup_step(step)
    register_cohort_tab("cohorts.detail", _l("Overview"), EVERYONE, order=0)
    register_cohort_tab("cohorts.teams", _l("Teams"), EVERYONE, order=5)
    register_cohort_tab("cohorts.members", _l("People"), EVERYONE, order=6)
    register_cohort_tab("cohorts.schedule", _l("Schedule"), EVERYONE, order=7)
    register_cohort_tab("cohorts.attendance", _l("Attendance"), MANAGERS, order=8)
    app.jinja_env.globals.update(
        ROLE_LABELS=ROLE_LABELS, ATTENDANCE_LABELS=ATTENDANCE_LABELS, STATUS_LABELS=STATUS_LABELS
    )
    app.register_blueprint(bp)
