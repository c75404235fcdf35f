"""Monitoring and evaluation: service indicators, SKM survey, quarterly reviews, four-level cohort report."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.cohorts.access import EVERYONE, MANAGERS_AND_MENTORS, PARTICIPANTS
from diklat.common.nav import register_attention, register_cohort_tab


def init_app(app: Flask) -> None:
    """Register models, blueprints, cohort tabs and settings."""
    from diklat.monitoring import (  # noqa: F401 - registers routes
        feedback_views,
        indicator_views,
        models,
        public_views,
        report_views,
        review_views,
        skm_views,
        views,
    )
    from diklat.monitoring.attention import missing_figures
    from diklat.monitoring.blueprint import bp, public_bp
    from diklat.monitoring.skm import ELEMENTS

    app.config.setdefault("SKM_RATE_LIMIT", 10)
    app.config.setdefault("SKM_RATE_WINDOW_SECONDS", 15 * 60)
    register_cohort_tab("monitoring.overview", _l("Monitoring"), EVERYONE, order=41, group="followup")
    register_cohort_tab("monitoring.report", _l("Evaluation report"), MANAGERS_AND_MENTORS, order=45, group="reports")
    register_cohort_tab("monitoring.feedback", _l("Course feedback"), PARTICIPANTS, order=46, group="assessment")
    register_attention(missing_figures)
    app.jinja_env.globals.update(SKM_ELEMENTS=ELEMENTS)
    app.jinja_env.filters["tr"] = _translate
    app.register_blueprint(bp)
    app.register_blueprint(public_bp)


def _translate(message: str) -> str:
    """Translate a msgid held in data (marked with N_), without %-formatting it."""
    from flask_babel import gettext

    return gettext(message) if message else message
