"""Module list, module pages, opening/closing, and the progress board."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from diklat.cohorts.access import MANAGERS, MANAGERS_AND_MENTORS, CohortAccess, load_cohort, load_team
from diklat.cohorts.models import Role
from diklat.common.richtext import markdown_to_html
from diklat.curriculum import services
from diklat.curriculum.blueprint import bp
from diklat.curriculum.models import ModuleState
from diklat.extensions import db

BOARD_ROLES = MANAGERS_AND_MENTORS


def render_material(text: str) -> Markup:
    """Module Markdown as sanitized HTML; headings shifted down so the page keeps one h1."""
    html = markdown_to_html(text, heading_shift=1)
    # Wide tables scroll on phones; the scroll region must be reachable by keyboard.
    wrap = f'<div class="table-wrap" tabindex="0" role="region" aria-label="{_("Table")}"><table>'
    return Markup(html.replace("<table>", wrap).replace("</table>", "</table></div>"))


def load_open_module(access: CohortAccess, number: int) -> services.ModuleAvailability:
    """A module of the cohort: 404 when unknown; participants get 403 while it is closed."""
    found = services.module_availability(access.cohort, number)
    if found is None:
        abort(404)
    if not found.is_open and access.role == Role.PARTICIPANT.value:
        abort(403)
    return found


@bp.get("/")
@login_required
def index(cohort_id: int) -> str:
    """The eight modules with their opening state (managers can open and close them here)."""
    access = load_cohort(cohort_id)
    return render_template(
        "curriculum/index.html",
        access=access,
        cohort=access.cohort,
        modules=services.availability(access.cohort),
        waiting=services.waiting_for_review(access.cohort) if access.manages else 0,
    )


@bp.post("/<int:number>/state")
@login_required
def set_state(cohort_id: int, number: int) -> Response:
    """Open, close, or return a module to the schedule."""
    access = load_cohort(cohort_id, MANAGERS)
    if services.get_module(number) is None:
        abort(404)
    choice = request.form.get("state", "")
    states = {"open": ModuleState.OPEN, "closed": ModuleState.CLOSED, "schedule": None}
    if choice not in states:
        abort(400)
    services.set_module_state(access.cohort, number, states[choice], current_user)
    db.session.commit()
    flash(_("Module %(number)d: setting saved.", number=number), "success")
    return redirect(url_for("curriculum.index", cohort_id=cohort_id))


@bp.get("/<int:number>")
@login_required
def module(cohort_id: int, number: int) -> str:
    """Material, activity and worksheets of one module."""
    access = load_cohort(cohort_id)
    found = load_open_module(access, number)
    teams = access.visible_teams()
    rows = services.module_answers(access.cohort, teams, found.module)
    return render_template(
        "curriculum/module.html",
        access=access,
        cohort=access.cohort,
        found=found,
        content=found.module.content,
        material=render_material(found.module.content.material),
        teams=teams,
        rows=rows,
    )


@bp.get("/<int:number>/teams/<int:team_id>")
@login_required
def team_module(cohort_id: int, number: int, team_id: int) -> str:
    """One team's worksheets in one module (a cell of the progress board)."""
    access = load_cohort(cohort_id)
    team = load_team(access, team_id)
    found = load_open_module(access, number)
    return render_template(
        "curriculum/team_module.html",
        access=access,
        cohort=access.cohort,
        found=found,
        team=team,
        rows=services.team_module_answers(access.cohort, team, found.module),
    )


@bp.get("/progress")
@login_required
def progress(cohort_id: int) -> str:
    """Team × module board of worksheet status."""
    access = load_cohort(cohort_id, BOARD_ROLES)
    teams = access.visible_teams()
    board = services.progress_board(access.cohort, teams)
    counts: dict[str, int] = {}
    for status in board.values():
        counts[status] = counts.get(status, 0) + 1
    return render_template(
        "curriculum/progress.html",
        access=access,
        cohort=access.cohort,
        teams=teams,
        modules=services.all_modules(),
        board=board,
        counts=counts,
    )
