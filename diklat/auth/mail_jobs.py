"""Background jobs that mail sign-in links; each loads everything by id and commits itself.

They run after the response (embedded) or in a worker process (queue), so they never rely on the
request that queued them. A failed send is recorded on the link and can be retried (resend).
"""

from __future__ import annotations

import logging

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from diklat.auth.invitations import issue
from diklat.auth.models import User
from diklat.auth.token_models import MailStatus, Purpose, SignInToken
from diklat.common.mail import send_mail
from diklat.common.time import utcnow
from diklat.extensions import db

log = logging.getLogger(__name__)


def _public_context(base_url: str | None):
    """A request context on the public address, so ``url_for(_external=True)`` builds real links."""
    base = current_app.config.get("PUBLIC_URL") or base_url or "http://localhost:5000/"
    return current_app.test_request_context("/", base_url=base)


def send_invitation_mail(token_id: int, base_url: str | None = None) -> None:
    """Mail the invitation or reset link ``token_id`` (a fresh secret each send)."""
    token = db.session.get(SignInToken, token_id)
    if token is None or token.used_at is not None or token.revoked_at is not None or not token.user.active:
        return
    user = token.user
    cohort_name = _cohort_name(token.cohort_id)
    raw, _code = issue(token)
    db.session.commit()  # the link must work before the mail can arrive
    try:
        with _public_context(base_url), force_locale(user.locale or "id"):
            link = url_for("auth.welcome", token=raw, _external=True)
            forgot = url_for("auth.forgot_password", _external=True)
            days = current_app.config["INVITATION_DAYS"]
            hours = current_app.config["PASSWORD_RESET_HOURS"]
            kind = "invitation" if token.purpose == Purpose.INVITE else "reset"
            subject = (
                _("Your account for %(cohort)s", cohort=cohort_name or _("the SOP course"))
                if kind == "invitation"
                else _("Choose a new password")
            )
            text = render_template(
                f"auth/mail/{kind}.txt.html",
                user=user,
                link=link,
                forgot=forgot,
                cohort=cohort_name,
                days=days,
                hours=hours,
            )
        send_mail(user.email, subject, text)
    except Exception as error:  # recorded for the facilitator; "resend" retries
        log.exception("sign-in mail %s to user %s failed", token_id, user.id)
        db.session.rollback()
        token = db.session.get(SignInToken, token_id)
        token.mail_status, token.mail_error = MailStatus.FAILED, str(error)[:500]
    else:
        token.mail_status, token.mail_error, token.sent_at = MailStatus.SENT, "", utcnow()
    db.session.commit()


def send_enrolment_notice(user_id: int, cohort_id: int, base_url: str | None = None) -> None:
    """Tell someone who already has an account that they were enrolled in a cohort."""
    user = db.session.get(User, user_id)
    cohort_name = _cohort_name(cohort_id)
    if user is None or not user.active or cohort_name is None:
        return
    with _public_context(base_url), force_locale(user.locale or "id"):
        subject = _("You are enrolled in %(cohort)s", cohort=cohort_name)
        text = render_template(
            "auth/mail/enrolled.txt.html",
            user=user,
            cohort=cohort_name,
            link=url_for("cohorts.detail", cohort_id=cohort_id, _external=True),
            forgot=url_for("auth.forgot_password", _external=True),
        )
    send_mail(user.email, subject, text)


def _cohort_name(cohort_id: int | None) -> str | None:
    from diklat.cohorts.models import Cohort

    cohort = db.session.get(Cohort, cohort_id) if cohort_id else None
    return cohort.name if cohort else None
