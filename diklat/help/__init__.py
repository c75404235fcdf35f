"""Help inside the product: a short guide per role (what to do when), reachable from every page."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the help pages and the ``help_url()`` template helper used by the layout."""
    from flask import url_for

    from diklat.help.views import bp

    app.register_blueprint(bp)
    app.jinja_env.globals["help_url"] = lambda: url_for("help.index")
