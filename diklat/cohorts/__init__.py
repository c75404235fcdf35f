"""Cohorts (angkatan): members with per-cohort roles, teams, schedule and attendance."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.common.nav import register_cohort_tab

MANAGE = {"facilitator", "admin"}
ALL = {"facilitator", "admin", "mentor", "participant"}


def init_app(app: Flask) -> None:
    """Register the blueprint, its view modules, cohort tabs and template helpers."""
    from diklat.cohorts import people_views, schedule_views, views  # noqa: F401 - registers routes
    from diklat.cohorts.blueprint import bp
    from diklat.cohorts.labels import ATTENDANCE_LABELS, ROLE_LABELS, STATUS_LABELS

    register_cohort_tab("cohorts.detail", _l("Overview"), ALL, order=0)
    register_cohort_tab("cohorts.teams", _l("Teams"), ALL, order=5)
    register_cohort_tab("cohorts.members", _l("People"), ALL, order=6)
    register_cohort_tab("cohorts.schedule", _l("Schedule"), ALL, order=7)
    register_cohort_tab("cohorts.attendance", _l("Attendance"), MANAGE, order=8)
    app.jinja_env.globals.update(
        ROLE_LABELS=ROLE_LABELS, ATTENDANCE_LABELS=ATTENDANCE_LABELS, STATUS_LABELS=STATUS_LABELS
    )
    app.register_blueprint(bp)
