"""Admin actions on several accounts at once, and anonymisation on request."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from diklat.admin.accounts import anonymise, deactivate
from diklat.admin.views import bp
from diklat.auth.invitations import invite
from diklat.auth.mail_jobs import send_invitation_mail
from diklat.auth.models import User
from diklat.common.jobs import enqueue
from diklat.common.urls import safe_next
from diklat.extensions import db


@bp.post("/users/bulk")
def bulk() -> Response:
    """Deactivate the ticked accounts, or resend their invitations."""
    ids = [int(v) for v in request.form.getlist("user_id") if v.isdigit()]
    back = safe_next(request.form.get("next")) or url_for("admin.users")
    users = list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []
    if not users:
        flash(_("Tick at least one account."), "error")
        return redirect(back)
    action = request.form.get("action")
    if action == "deactivate":
        count = deactivate(users, current_user.id)
        db.session.commit()
        flash(_("%(count)d accounts deactivated.", count=count), "success")
    elif action == "resend":
        token_ids = invite(users, None, current_user.id, resend=True)
        db.session.commit()
        for token_id in token_ids:
            enqueue(send_invitation_mail, token_id, request.url_root)
        flash(
            _(
                "%(count)d invitations are on their way (accounts with a password or deactivated are skipped).",
                count=len(token_ids),
            ),
            "success",
        )
    else:
        abort(400)
    return redirect(back)


@bp.post("/users/<int:user_id>/anonymise")
def anonymise_user(user_id: int) -> Response:
    """Forget a person who asked for it: identity replaced, sign-in disabled, aggregates kept."""
    user = db.session.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash(_("You cannot anonymise your own account."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    if request.form.get("confirm") != "yes":
        flash(_("Tick the confirmation box to anonymise this account."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    anonymise(user, current_user.id)
    db.session.commit()
    flash(_("The account has been anonymised."), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))
