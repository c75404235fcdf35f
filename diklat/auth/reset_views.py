"""Sign-in links, slip codes and "forgot password": the person chooses their own password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from diklat.auth import invitations
from diklat.auth.invitation_forms import CodeForm, ForgotPasswordForm, SetPasswordForm
from diklat.auth.mail_jobs import send_invitation_mail
from diklat.auth.token_models import SignInToken
from diklat.auth.views import bp
from diklat.common import limits
from diklat.common.jobs import enqueue
from diklat.extensions import db


def _invalid() -> tuple[str, int]:
    """The same page for unknown, expired, used and tampered links: it offers a new link."""
    return render_template("auth/link_invalid.html", form=ForgotPasswordForm()), 410


def _finish(token: SignInToken, password: str) -> Response:
    user = invitations.use(token, password)
    db.session.commit()
    if current_user.is_authenticated and current_user.id != user.id:
        logout_user()
    login_user(user)
    flash(_("Your password is set. Welcome!"), "success")
    return redirect(url_for("home.index"))


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def welcome(token: str) -> str | Response | tuple[str, int]:
    """Open an invitation or reset link: choose a password, then straight to the home page."""
    found = invitations.find_by_token(token)
    if found is None:
        return _invalid()
    invitations.mark_opened(found)
    db.session.commit()
    form = SetPasswordForm()
    if form.validate_on_submit():
        return _finish(found, form.new.data or "")
    return render_template("auth/set_password.html", form=form, person=found.user, token=found)


@bp.route("/code", methods=["GET", "POST"])
def sign_in_code() -> str | Response | tuple[str, int]:
    """Sign in for the first time with the code from a printed slip."""
    form = CodeForm()
    if form.validate_on_submit():
        try:
            limits.check("sign_in_code")  # wrong codes from this address, counted on every server
        except limits.Limited:
            form.code.errors.append(_("Too many attempts from this connection. Please wait and try again."))
            return render_template("auth/code.html", form=form), 429
        found = invitations.find_by_code(form.code.data or "")
        if found is not None:
            return _finish(found, form.new.data or "")
        limits.hit("sign_in_code")
        form.code.errors.append(_("This code is not valid (mistyped, already used or expired)."))
    return render_template("auth/code.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password() -> str | tuple[str, int]:
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        try:
            limits.take("password_reset")  # per address, every server together; per account: silent
        except limits.Limited:
            form.email.errors.append(_("Too many requests from this connection. Please wait and try again."))
            return render_template("auth/forgot.html", form=form), 429
        token_id = invitations.request_reset(email)
        db.session.commit()
        if token_id is not None:
            enqueue(send_invitation_mail, token_id, request.url_root)
        hours = current_app.config["PASSWORD_RESET_HOURS"]
        return render_template("auth/forgot_sent.html", email=email, hours=hours)
    return render_template("auth/forgot.html", form=form)
