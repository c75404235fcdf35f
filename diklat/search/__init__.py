"""Search for facilitators and admins: people, teams and offices, SOPs, questions."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from diklat.common.nav import register_main_nav


def init_app(app: Flask) -> None:
    """Register the search page, its main-menu link and the header box."""
    from flask_login import current_user

    from diklat.search.services import can_search
    from diklat.search.views import bp

    register_main_nav("search.index", _l("Search"), can_search, order=90)
    app.register_blueprint(bp)

    @app.context_processor
    def _search_box() -> dict:
        return {"can_search": lambda: can_search(current_user)}
