"""Home page per role: what each person needs to see and do next."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the home blueprint and the cohort feature's own attention items."""
    from diklat.common.nav import register_attention
    from diklat.home.attention import cohort_attention
    from diklat.home.views import bp

    register_attention(cohort_attention)
    app.register_blueprint(bp)
