"""A person's state of access as the facilitator sees it: invited, link opened, active, never signed in."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from diklat.auth.models import User
from diklat.auth.token_models import MailStatus, SignInToken
from diklat.extensions import db

STATE_LABELS = {
    "active": _l("Active"),
    "never_signed_in": _l("Never signed in"),
    "opened": _l("Link opened"),
    "invited": _l("Invited"),
    "send_failed": _l("E-mail failed"),
    "not_invited": _l("No invitation yet"),
    "inactive": _l("Deactivated"),
}
STATE_BADGES = {
    "active": "badge-ok",
    "never_signed_in": "badge-warn",
    "opened": "badge-info",
    "invited": "badge-info",
    "send_failed": "badge-bad",
    "not_invited": "badge-warn",
    "inactive": "badge-muted",
}


def state_of(user: User, latest: SignInToken | None) -> str:
    """The access state from the account and its latest sign-in link (derived, never stored)."""
    if not user.active:
        return "inactive"
    if user.last_login_at is not None:
        return "active"
    if user.has_usable_password:
        return "never_signed_in"
    if latest is None:
        return "not_invited"
    if latest.opened_at is not None:
        return "opened"
    if latest.mail_status == MailStatus.FAILED:
        return "send_failed"
    return "invited"


def access_states(users: Iterable[User]) -> dict[int, str]:
    """State per user id, with one query for the latest links."""
    users = list(users)
    latest: dict[int, SignInToken] = {}
    if users:
        rows = db.session.scalars(
            select(SignInToken)
            .where(SignInToken.user_id.in_([u.id for u in users]))
            .order_by(SignInToken.created_at, SignInToken.id)
        )
        for token in rows:
            latest[token.user_id] = token
    return {u.id: state_of(u, latest.get(u.id)) for u in users}
