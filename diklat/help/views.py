"""Help pages: an index that opens on the viewer's own role, and one guide per role."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

bp = Blueprint("help", __name__, url_prefix="/help")

GUIDES = {
    "facilitator": _l("Guide for facilitators"),
    "mentor": _l("Guide for mentors"),
    "participant": _l("Guide for participants"),
    "admin": _l("Guide for administrators"),
}


def roles_of(user) -> list[str]:  # noqa: ANN001
    """The guides that concern the user, most relevant first."""
    if not user.is_authenticated:
        return []
    from diklat.cohorts.access import user_cohorts

    held = {role for _cohort, role in user_cohorts(user.id)}
    if user.is_admin:
        held.add("admin")
    return [role for role in GUIDES if role in held]


@bp.get("/")
def index() -> str:
    """All guides, the viewer's own first."""
    mine = roles_of(current_user)
    ordered = mine + [r for r in GUIDES if r not in mine]
    return render_template("help/index.html", guides=GUIDES, ordered=ordered, mine=mine)


@bp.get("/<role>")
def guide(role: str) -> str:
    """One role's guide."""
    if role not in GUIDES:
        abort(404)
    return render_template("help/guide.html", role=role, title=GUIDES[role], guides=GUIDES)
