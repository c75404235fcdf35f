"""Pre-test and post-test: question banks, taking tests, scoring, learning gain and item analysis."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.cohorts.access import EVERYONE, MANAGERS
from diklat.common.nav import register_attention, register_cohort_tab, register_main_nav


def init_app(app: Flask) -> None:
    """Register models, blueprint, tabs, menu entry, attention items, CLI groups and template helpers."""
    # models: Alembic sees the tables; *_views: register their routes on the blueprint.
    from diklat.assessments import (  # noqa: F401
        bank_views,
        draw_views,
        exam_views,
        gradebook_views,
        models,
        results_views,
        take_views,
    )
    from diklat.assessments.attention import open_tests_for
    from diklat.assessments.blueprint import bp
    from diklat.assessments.cli import questions_cli, tests_cli
    from diklat.assessments.labels import label_globals
    from diklat.cohorts.access import is_facilitator_anywhere

    register_cohort_tab("assessments.tests", _l("Pre/post tests"), EVERYONE, order=20, group="assessment")
    register_cohort_tab("assessments.results", _l("Learning results"), MANAGERS, order=21, group="assessment")
    register_cohort_tab("assessments.gradebook_page", _l("Gradebook"), MANAGERS, order=22, group="assessment")
    register_main_nav("assessments.banks", _l("Question banks"), is_facilitator_anywhere, order=30)
    register_attention(open_tests_for)
    from diklat.assessments.reuse import SETUP_STEP, copy_tests
    from diklat.cohorts.reuse import register_cohort_copier
    from diklat.cohorts.setup import register_setup_step

    register_setup_step(SETUP_STEP)
    register_cohort_copier(copy_tests)
    app.jinja_env.globals.update(label_globals())
    app.register_blueprint(bp)
    app.cli.add_command(questions_cli)
    app.cli.add_command(tests_cli)
