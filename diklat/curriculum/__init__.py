"""Curriculum: the eight modules as data, opened per cohort, with worksheets filled, reviewed and printed."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.cohorts.access import EVERYONE, MANAGERS_AND_MENTORS
from diklat.common.nav import register_attention, register_cohort_tab


def init_app(app: Flask) -> None:
    """Register models, blueprint, tabs, CLI and template helpers."""
    from diklat.curriculum import autosave_views, export_views, models, views, worksheet_views  # noqa: F401
    from diklat.curriculum.answers import input_name, process_totals
    from diklat.curriculum.attention import curriculum_attention
    from diklat.curriculum.blueprint import bp
    from diklat.curriculum.cli import content_cli
    from diklat.curriculum.display import display_value, duration_text, rating_label
    from diklat.curriculum.labels import SCOPE_LABELS, SOURCE_LABELS, STATUS_BADGES, STATUS_LABELS

    register_cohort_tab("curriculum.index", _l("Modules"), EVERYONE, order=10)
    register_cohort_tab("curriculum.progress", _l("Worksheet progress"), MANAGERS_AND_MENTORS, order=11)
    app.jinja_env.globals.update(
        WS_STATUS_LABELS=STATUS_LABELS,
        WS_STATUS_BADGES=STATUS_BADGES,
        WS_SCOPE_LABELS=SCOPE_LABELS,
        WS_SOURCE_LABELS=SOURCE_LABELS,
        ws_input_name=input_name,
        ws_display=display_value,
        ws_duration=duration_text,
        ws_rating=rating_label,
        ws_process_totals=process_totals,
    )
    register_attention(curriculum_attention)
    from diklat.cohorts.setup import register_setup_step
    from diklat.curriculum.reuse import SETUP_STEP

    register_setup_step(SETUP_STEP)
    app.register_blueprint(bp)
    app.cli.add_command(content_cli)
