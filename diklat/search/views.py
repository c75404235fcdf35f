"""The search page: one box, results grouped by kind."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from diklat.search.services import MIN_LENGTH, can_search, search

bp = Blueprint("search", __name__, url_prefix="/search")

GROUP_LABELS = {
    "people": _l("People"),
    "teams": _l("Teams and offices"),
    "sops": _l("SOPs"),
    "questions": _l("Questions"),
}


@bp.get("/")
@login_required
def index() -> str:
    """Search people, teams, SOPs and questions in the cohorts the viewer manages."""
    if not can_search(current_user):
        abort(403)
    text = (request.args.get("q") or "").strip()[:200]
    results = search(current_user, text)
    return render_template(
        "search/index.html", q=text, results=results, labels=GROUP_LABELS, too_short=0 < len(text) < MIN_LENGTH
    )
