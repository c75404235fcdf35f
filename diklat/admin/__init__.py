"""Site administration: accounts (create, edit, reset password, deactivate) and all cohorts."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the admin blueprint."""
    from diklat.admin.views import bp

    app.register_blueprint(bp)
