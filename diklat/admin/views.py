"""Account administration for site admins."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from diklat.admin.accounts import AccountFilters, deactivate, filtered_accounts, roles_by_user
from diklat.admin.forms import UserForm
from diklat.auth.invitations import invite, send_reset_by_admin
from diklat.auth.mail_jobs import send_invitation_mail
from diklat.auth.models import User
from diklat.auth.services import create_user, find_user_by_email
from diklat.auth.states import STATE_BADGES, STATE_LABELS, access_states
from diklat.cohorts.access import user_cohorts
from diklat.cohorts.models import Cohort
from diklat.common.inputs import int_arg
from diklat.common.jobs import enqueue
from diklat.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 50


@bp.before_request
@login_required
def require_admin() -> None:
    """Every admin page is for site admins only."""
    if not current_user.is_admin:
        abort(403)


def _filters() -> AccountFilters:
    return AccountFilters(
        q=request.args.get("q", "").strip(),
        role=request.args.get("role", ""),
        cohort_id=int_arg("cohort", None, low=1),
        status=request.args.get("status", ""),
    )


@bp.get("/users")
def users() -> str:
    """Accounts with their roles and access state; filter by role, cohort, status; search name, e-mail, NIP."""
    filters = _filters()
    page = int_arg("page", 1, low=1, high=100_000) or 1
    stmt = filtered_accounts(filters)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(stmt.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "admin/users.html",
        users=rows,
        filters=filters,
        args=args,
        roles=roles_by_user([u.id for u in rows]),
        states=access_states(rows),
        state_labels=STATE_LABELS,
        state_badges=STATE_BADGES,
        cohorts=db.session.scalars(select(Cohort).order_by(Cohort.start_date.desc())).all(),
        page=page,
        total=total,
        page_size=PAGE_SIZE,
    )


@bp.route("/users/new", methods=["GET", "POST"])
@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int | None = None) -> str | Response:
    """Create or edit an account."""
    user = db.session.get(User, user_id) if user_id else None
    if user_id and user is None:
        abort(404)
    form = UserForm(obj=user)
    if user is None and not form.is_submitted():
        form.active.data = True
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        other = find_user_by_email(email)
        nip_owner = db.session.scalar(select(User).where(User.nip == form.nip.data)) if form.nip.data else None
        if other is not None and other is not user:
            form.email.errors.append(_("Another account uses this e-mail."))
        elif nip_owner is not None and nip_owner is not user:
            form.nip.errors.append(_("Another account uses this NIP."))
        elif user is not None and user.id == current_user.id and not form.is_admin.data:
            form.is_admin.errors.append(_("You cannot remove your own administrator role."))
        else:
            fields = {k: getattr(form, k).data or "" for k in ("name", "agency", "unit", "position", "rank")}
            fields.update(nip=form.nip.data or None, is_admin=form.is_admin.data, active=form.active.data)
            token_ids: list[int] = []
            if user is None:
                user = create_user(email, password=None, **fields)
                token_ids = invite([user], None, current_user.id)
            else:
                was_active = user.active
                user.email = email
                for key, value in fields.items():
                    setattr(user, key, value)
                if was_active and not user.active:
                    user.active = True
                    deactivate([user], current_user.id)
            db.session.commit()
            for token_id in token_ids:
                enqueue(send_invitation_mail, token_id, request.url_root)
            flash(_("Account saved."), "success")
            if token_ids:
                flash(_("An invitation to choose a password is on its way to %(email)s.", email=email), "info")
            return redirect(url_for("admin.users"))
    cohorts = user_cohorts(user.id) if user else []
    return render_template("admin/user_form.html", form=form, user=user, cohorts=cohorts)


@bp.post("/users/<int:user_id>/password")
def reset_password(user_id: int) -> Response:
    """Send the person a one-time link to choose a new password (the admin never sees or types one)."""
    user = db.session.get(User, user_id) or abort(404)
    if user.has_usable_password:
        token_id = send_reset_by_admin(user, current_user.id)
    else:
        token_id = next(iter(invite([user], None, current_user.id, resend=True)), None)
    db.session.commit()
    if token_id is None:
        flash(_("This account is deactivated: activate it first."), "error")
    else:
        enqueue(send_invitation_mail, token_id, request.url_root)
        flash(_("A link to choose a password is on its way to %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))
