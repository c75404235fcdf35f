"""After the course: follow-up plan and calendar, field visits, trial reports, reminders."""

from __future__ import annotations

import os

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.cohorts.access import EVERYONE, has_any_cohort
from diklat.common.nav import register_attention, register_cohort_tab, register_main_nav


def init_app(app: Flask) -> None:
    """Register models, views, tab, menu link, attention items and the ``reminders`` CLI group."""
    from diklat.followups import (  # noqa: F401
        calendar_views,
        files_views,
        models,
        plan_views,
        report_views,
        team_views,
    )
    from diklat.followups.attention import followup_attention
    from diklat.followups.blueprint import bp
    from diklat.followups.cli import reminders_cli
    from diklat.followups.labels import (
        INDICATOR_LABELS,
        ITEM_STATUS_BADGES,
        ITEM_STATUS_LABELS,
        KIND_LABELS,
        RATING_BADGES,
        RATING_LABELS,
        REPORT_STATUS_BADGES,
        REPORT_STATUS_LABELS,
    )

    app.config.setdefault("REMINDER_DAYS_BEFORE", int(os.environ.get("DIKLAT_REMINDER_DAYS_BEFORE", "3")))
    app.config.setdefault("PUBLIC_URL", os.environ.get("DIKLAT_PUBLIC_URL", "http://127.0.0.1:5000"))
    register_cohort_tab("followups.plan", _l("Follow-up"), EVERYONE, order=40, group="followup")
    register_main_nav("followups.calendar", _l("Calendar"), has_any_cohort, order=20)
    register_attention(followup_attention)
    from diklat.cohorts.reuse import register_cohort_copier
    from diklat.followups.reuse import copy_offsets

    register_cohort_copier(copy_offsets)
    app.jinja_env.globals.update(
        FU_KIND_LABELS=KIND_LABELS,
        FU_STATUS_LABELS=ITEM_STATUS_LABELS,
        FU_STATUS_BADGES=ITEM_STATUS_BADGES,
        FU_RATING_LABELS=RATING_LABELS,
        FU_RATING_BADGES=RATING_BADGES,
        FU_REPORT_LABELS=REPORT_STATUS_LABELS,
        FU_REPORT_BADGES=REPORT_STATUS_BADGES,
        FU_INDICATOR_LABELS=INDICATOR_LABELS,
    )
    app.register_blueprint(bp)
    app.cli.add_command(reminders_cli)
