"""Invitations, sign-in slips and password resets: issue, find, use one-time sign-in links.

Services take plain values and models and flush; views and jobs commit. Only sha256 digests of
tokens and codes are stored, so a database leak opens no account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from diklat.auth.models import User
from diklat.auth.token_models import AccessRequest, Channel, MailStatus, Purpose, SignInToken
from diklat.auth.tokens import code_digest, digest, new_code, new_token
from diklat.common.audit import AuditAction, record
from diklat.common.time import utcnow
from diklat.extensions import db


@dataclass(frozen=True)
class Slip:
    """What a printed sign-in slip shows: the person, the link and the short code."""

    user: User
    token: str
    code: str


def lifetime(purpose: Purpose) -> timedelta:
    """How long a link stays valid (configurable; invitations default to 7 days)."""
    if purpose == Purpose.RESET:
        return timedelta(hours=current_app.config["PASSWORD_RESET_HOURS"])
    return timedelta(days=current_app.config["INVITATION_DAYS"])


def _revoke_mail_links(user_ids: list[int], purpose: Purpose) -> None:
    """Earlier unused mail links of ``purpose`` stop working (one statement for many people)."""
    db.session.execute(
        update(SignInToken)
        .where(
            SignInToken.user_id.in_(user_ids),
            SignInToken.purpose == purpose,
            SignInToken.channel == Channel.MAIL,
            SignInToken.used_at.is_(None),
            SignInToken.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )


def _mail_link(user: User, purpose: Purpose, cohort_id: int | None, actor_id: int | None) -> SignInToken:
    token = SignInToken(
        user_id=user.id,
        cohort_id=cohort_id,
        created_by_id=actor_id,
        purpose=purpose,
        channel=Channel.MAIL,
        mail_status=MailStatus.QUEUED,
    )
    db.session.add(token)
    return token


def queue_link(user: User, purpose: Purpose, cohort_id: int | None, actor_id: int | None) -> SignInToken:
    """A mail link waiting for its job; earlier unused mail links of the same purpose stop working."""
    _revoke_mail_links([user.id], purpose)
    token = _mail_link(user, purpose, cohort_id, actor_id)
    db.session.flush()
    return token


def issue(token: SignInToken, with_code: bool = False) -> tuple[str, str | None]:
    """Give ``token`` a fresh secret (and code) with a fresh expiry; returns the secrets in clear."""
    raw = new_token()
    code = new_code() if with_code else None
    token.token_hash = digest(raw)
    token.code_hash = code_digest(code) if code else None
    token.expires_at = utcnow() + lifetime(token.purpose)
    db.session.flush()
    return raw, code


def invite(users: Iterable[User], cohort_id: int | None, actor_id: int | None, resend: bool = False) -> list[int]:
    """Queue an invitation link for each user without a password; returns the token ids to mail."""
    waiting = [u for u in users if not u.has_usable_password and u.active]
    if not waiting:
        return []
    _revoke_mail_links([u.id for u in waiting], Purpose.INVITE)
    tokens = [_mail_link(user, Purpose.INVITE, cohort_id, actor_id) for user in waiting]
    action = AuditAction.INVITATION_RESENT if resend else AuditAction.INVITED
    for user in waiting:
        record(action, actor_id, user.id, cohort_id)
    db.session.flush()
    return [t.id for t in tokens]


def print_slips(users: Iterable[User], cohort_id: int, actor_id: int | None) -> list[Slip]:
    """New slip tokens with codes for ``users`` (earlier slips of theirs stop working)."""
    slips = []
    now = utcnow()
    for user in users:
        if not user.active:
            continue
        db.session.execute(
            update(SignInToken)
            .where(SignInToken.user_id == user.id, SignInToken.channel == Channel.SLIP, SignInToken.used_at.is_(None))
            .values(revoked_at=now)
        )
        token = SignInToken(  # a slip lives as long as an invitation, also for someone resetting
            user_id=user.id,
            cohort_id=cohort_id,
            created_by_id=actor_id,
            purpose=Purpose.INVITE,
            channel=Channel.SLIP,
            mail_status=MailStatus.NONE,
        )
        db.session.add(token)
        db.session.flush()
        raw, code = issue(token, with_code=True)
        slips.append(Slip(user, raw, code or ""))
        record(AuditAction.SLIPS_PRINTED, actor_id, user.id, cohort_id)
    return slips


def find_by_token(raw: str) -> SignInToken | None:
    """The usable token for a link secret, or None (unknown, expired, used or revoked)."""
    if not raw or len(raw) > 200:
        return None
    token = db.session.scalar(select(SignInToken).where(SignInToken.token_hash == digest(raw)))
    return token if token is not None and token.usable(utcnow()) and token.user.active else None


def find_by_code(code: str) -> SignInToken | None:
    """The usable token for a slip code, or None."""
    if not code or len(code) > 40:
        return None
    token = db.session.scalar(select(SignInToken).where(SignInToken.code_hash == code_digest(code)))
    return token if token is not None and token.usable(utcnow()) and token.user.active else None


def mark_opened(token: SignInToken) -> None:
    """Remember the first time the link was opened (shown to the facilitator)."""
    if token.opened_at is None:
        token.opened_at = utcnow()
        db.session.flush()


def use(token: SignInToken, password: str) -> User:
    """Set the password through ``token``; the token and every other open link of the person stop working."""
    now = utcnow()
    user = token.user
    user.set_password(password)
    user.must_change_password = False
    token.used_at = now
    token.opened_at = token.opened_at or now
    db.session.execute(
        update(SignInToken)
        .where(SignInToken.user_id == user.id, SignInToken.used_at.is_(None), SignInToken.id != token.id)
        .values(revoked_at=now)
    )
    record(AuditAction.PASSWORD_SET, user.id, user.id, token.cohort_id, via=token.purpose.value)
    db.session.flush()
    return user


def reset_allowed_for(email: str) -> bool:
    """Whether "forgot password" may mail ``email`` again (per account; never shown to the visitor).

    The per-address limit is ``diklat.common.limits`` ("password_reset"), shared by every server.
    """
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["ACCESS_REQUEST_WINDOW_SECONDS"])
    stmt = (
        select(func.count())
        .select_from(AccessRequest)
        .where(AccessRequest.created_at >= since, AccessRequest.kind == "reset", AccessRequest.email == email)
    )
    return (db.session.scalar(stmt) or 0) < config["ACCESS_REQUESTS_PER_ACCOUNT"]


def note_reset_request(email: str) -> None:
    """Count one "forgot password" request towards the account's limit; rows past the window go.

    No client address is kept (``address`` stays empty; older rows had one and are pruned here too).
    """
    since = utcnow() - timedelta(seconds=current_app.config["ACCESS_REQUEST_WINDOW_SECONDS"])
    db.session.execute(delete(AccessRequest).where(AccessRequest.created_at < since))
    db.session.add(AccessRequest(kind="reset", email=email, address=""))
    db.session.flush()


def request_reset(email: str) -> int | None:
    """A reset link for the account of ``email`` if there is one and its limit allows; the token id to mail.

    Counts the request either way, so the answer and the timing do not tell whether the account exists.
    """
    email = email.strip().lower()
    allowed = reset_allowed_for(email)
    note_reset_request(email)
    user = db.session.scalar(select(User).where(User.email == email))
    if not allowed or user is None or not user.active or user.anonymised_at is not None:
        return None
    token = queue_link(user, Purpose.RESET, None, None)
    record(AuditAction.PASSWORD_RESET_SENT, None, user.id)
    return token.id


def send_reset_by_admin(user: User, actor_id: int) -> int | None:
    """An admin sends a reset link (never sees or types a password); the token id to mail."""
    if not user.active:
        return None
    token = queue_link(user, Purpose.RESET, None, actor_id)
    record(AuditAction.PASSWORD_RESET_SENT, actor_id, user.id)
    return token.id
