"""Sign in, sign out, change password, choose language."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from diklat.auth.forms import ChangePasswordForm, LoginForm
from diklat.auth.hashing import HashBusy
from diklat.auth.services import LoginBlocked, authenticate, prune_login_attempts
from diklat.common import limits
from diklat.common.time import utcnow
from diklat.common.urls import safe_next
from diklat.extensions import db

bp = Blueprint("auth", __name__)
BUSY = _l("Many people are signing in right now. Please press the button again in a few seconds.")


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """Sign in with e-mail and password; attempts are rate-limited per account and address."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            limits.check("login")
            user = authenticate(
                form.email.data or "",
                form.password.data or "",
                request.remote_addr or "unknown",
                current_app.config["LOGIN_MAX_ATTEMPTS"],
                current_app.config["LOGIN_WINDOW_SECONDS"],
                current_app.config["LOGIN_DELAY_CAP_SECONDS"],
            )
        except (LoginBlocked, limits.Limited) as blocked:
            form.password.errors.append(
                _("Too many failed attempts. Please wait %(minutes)d minutes and try again.", minutes=blocked.minutes)
            )
            return render_template("auth/login.html", form=form), 429
        except HashBusy:
            form.password.errors.append(BUSY)
            return render_template("auth/login.html", form=form), 503, {"Retry-After": "10"}
        if user is None:
            limits.hit("login")
            keep = timedelta(days=current_app.config["LOGIN_ATTEMPTS_KEEP_DAYS"])
            prune_login_attempts(utcnow() - keep)
        db.session.commit()
        if user is None:
            form.password.errors.append(_("E-mail or password is wrong."))
            status = 200
        else:
            login_user(user, remember=bool(form.remember.data))
            if user.must_change_password:
                flash(_("Please choose a new password before you continue."), "warning")
                return redirect(url_for("auth.change_password"))
            return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Sign out: this session's token ends on the server, so a copied cookie stops working too."""
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere() -> Response:
    """End every other session and remember-me cookie of the account; this one stays signed in."""
    current_user.end_sessions()
    db.session.commit()
    login_user(current_user._get_current_object())
    flash(_("You have been signed out on every other device."), "success")
    return redirect(url_for("auth.change_password"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """Change one's own password after confirming the current one."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            right = current_user.check_password(form.current.data or "")
        except HashBusy:
            form.current.errors.append(BUSY)
            return render_template("auth/change_password.html", form=form), 503, {"Retry-After": "10"}
        if not right:
            form.current.errors.append(_("The current password is wrong."))
        else:
            current_user.set_password(form.new.data or "")
            current_user.must_change_password = False
            db.session.commit()
            login_user(current_user._get_current_object())  # the session token changed with the password
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/change_password.html", form=form)


@bp.post("/language")
def set_language() -> Response:
    """Switch the interface language (Indonesian or English) and remember it."""
    choice = request.form.get("locale", "")
    if choice in current_app.config["LANGUAGES"]:
        session["locale"] = choice
        if current_user.is_authenticated:
            current_user.locale = choice
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))
