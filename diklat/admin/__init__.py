"""Site administration: accounts (create, edit, reset password, deactivate) and all cohorts."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the admin blueprint."""
    from diklat.admin import account_views, audit_views  # noqa: F401  (routes on the admin blueprint)
    from diklat.admin.views import bp
    from diklat.common import audit  # noqa: F401  (the audit model)

    app.register_blueprint(bp)
