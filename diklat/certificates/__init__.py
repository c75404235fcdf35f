"""Completion and certificates: rules per cohort, numbered certificates with public verification, JP records."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.common.nav import register_cohort_tab

MANAGE = {"facilitator", "admin"}


def init_app(app: Flask) -> None:
    """Register models, views and the cohort tabs (the verification limit is ``VERIFY_LIMIT``)."""
    from diklat.certificates import me_views, models, public_views, settings_views, views  # noqa: F401
    from diklat.certificates.blueprint import bp

    register_cohort_tab("certificates.index", _l("Certificates"), MANAGE, order=45, group="reports")
    register_cohort_tab("certificates.me", _l("My progress"), {"participant"}, order=1)
    app.register_blueprint(bp)
