"""Account administration for site admins."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select
from werkzeug.wrappers import Response

from diklat.admin.forms import ResetPasswordForm, UserForm
from diklat.auth.models import User
from diklat.auth.services import create_user, find_user_by_email
from diklat.cohorts.access import user_cohorts
from diklat.common.inputs import int_arg
from diklat.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 50


@bp.before_request
@login_required
def require_admin() -> None:
    """Every admin page is for site admins only."""
    if not current_user.is_admin:
        abort(403)


@bp.get("/users")
def users() -> str:
    """Accounts, searchable by name, e-mail or NIP."""
    q = request.args.get("q", "").strip()
    page = int_arg("page", 1, low=1, high=100_000) or 1
    stmt = select(User).order_by(User.name)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(User.name).like(like), User.email.like(like), User.nip.like(like)))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(stmt.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return render_template("admin/users.html", users=rows, q=q, page=page, total=total, page_size=PAGE_SIZE)


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
        elif user is None and not form.password.data:
            form.password.errors.append(_("Give an initial password."))
        elif user is not None and user.id == current_user.id and not form.is_admin.data:
            form.is_admin.errors.append(_("You cannot remove your own administrator role."))
        else:
            fields = {k: getattr(form, k).data or "" for k in ("name", "agency", "unit", "position")}
            fields.update(nip=form.nip.data or None, is_admin=form.is_admin.data, active=form.active.data)
            if user is None:
                user = create_user(email, password=form.password.data, **fields)
                user.must_change_password = True
            else:
                user.email = email
                for key, value in fields.items():
                    setattr(user, key, value)
            db.session.commit()
            flash(_("Account saved."), "success")
            return redirect(url_for("admin.users"))
    cohorts = user_cohorts(user.id) if user else []
    return render_template("admin/user_form.html", form=form, user=user, cohorts=cohorts)


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
def reset_password(user_id: int) -> str | Response:
    """Set a temporary password; the person must change it when they next sign in."""
    user = db.session.get(User, user_id) or abort(404)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        user.must_change_password = True
        db.session.commit()
        flash(_("Password reset. Give the temporary password to %(name)s in person.", name=user.name), "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/reset_password.html", form=form, user=user)
