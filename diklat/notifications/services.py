"""Creating, reading and mailing notifications. Services flush; the caller commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale, gettext
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from diklat.auth.models import User
from diklat.cohorts.models import Cohort
from diklat.common.jobs import enqueue
from diklat.common.mail import send_mail
from diklat.common.time import to_local, utcnow
from diklat.extensions import db
from diklat.notifications.messages import message_of
from diklat.notifications.models import MailMode, Notification, NotificationPreference


def text_of(note: Notification) -> str:
    """The notification's sentence in the current locale."""
    params = {}
    for name, value in (note.params or {}).items():
        # "<name>_msgid" holds an English label, translated now so the sentence follows the reader's language.
        params[name.removesuffix("_msgid")] = gettext(value) if name.endswith("_msgid") else value
    return gettext(message_of(note.kind), **params)


def mail_mode(user_id: int) -> MailMode:
    """The person's e-mail preference (immediately when never set)."""
    pref = db.session.get(NotificationPreference, user_id)
    return pref.mail if pref else MailMode.IMMEDIATE


def set_mail_mode(user_id: int, mode: MailMode) -> None:
    """Store the person's e-mail preference."""
    pref = db.session.get(NotificationPreference, user_id)
    if pref is None:
        db.session.add(NotificationPreference(user_id=user_id, mail=mode))
    else:
        pref.mail = mode
    db.session.flush()


def notify(
    user_ids: Iterable[int],
    kind: str,
    key: str,
    params: dict[str, Any],
    url: str,
    cohort_id: int | None = None,
    exclude: int | None = None,
) -> list[Notification]:
    """One notification per person for the event ``key``; an event already notified is skipped."""
    created: list[Notification] = []
    for user_id in sorted(set(user_ids) - {exclude}):
        exists = db.session.scalar(
            select(Notification.id).where(Notification.user_id == user_id, Notification.key == key)
        )
        if exists is not None:
            continue
        note = Notification(user_id=user_id, cohort_id=cohort_id, kind=kind, key=key, params=params, url=url)
        try:
            with db.session.begin_nested():
                db.session.add(note)
        except IntegrityError:  # a parallel request created it first
            continue
        created.append(note)
        # Outside a request (CLI, demo) the caller's transaction is still open: the mail run sends it later.
        if has_request_context() and mail_mode(user_id) == MailMode.IMMEDIATE:
            enqueue(deliver_immediate, note.id)
    return created


def unread_count(user_id: int) -> int:
    """How many notifications the person has not opened yet."""
    query = select(func.count(Notification.id)).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return db.session.scalar(query) or 0


def recent(user_id: int, limit: int = 100) -> list[Notification]:
    """The person's notifications, newest first."""
    query = select(Notification).where(Notification.user_id == user_id)
    return list(db.session.scalars(query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))


def local_times(notes: list[Notification]) -> dict[int, datetime]:
    """Each notification's time on the wall clock of its cohort (a WITA course's note reads WITA), one query."""
    ids = {note.cohort_id for note in notes if note.cohort_id}
    rows = db.session.execute(select(Cohort.id, Cohort.timezone).where(Cohort.id.in_(ids))) if ids else []
    zones = {cohort_id: zone for cohort_id, zone in rows}
    return {note.id: to_local(note.created_at, zones.get(note.cohort_id)) for note in notes}


def own_notification(user_id: int, note_id: int) -> Notification | None:
    """The person's notification ``note_id`` (None for someone else's)."""
    note = db.session.get(Notification, note_id)
    return note if note is not None and note.user_id == user_id else None


def mark_read(user_id: int, note_id: int | None = None) -> int:
    """Mark one (or all) of the person's notifications read; returns how many changed."""
    query = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if note_id is not None:
        query = query.where(Notification.id == note_id)
    result = db.session.execute(query.values(read_at=utcnow()))
    return result.rowcount or 0


# --- mail -----------------------------------------------------------------------------------------


def _claim(batch: str, *conditions: Any) -> list[Notification]:
    """Atomically mark the unmailed rows matching ``conditions`` as ours and return them."""
    db.session.execute(
        update(Notification)
        .where(Notification.mailed_at.is_(None), *conditions)
        .values(mailed_at=utcnow(), mail_batch=batch)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    query = select(Notification).where(Notification.mail_batch == batch).order_by(Notification.created_at)
    return list(db.session.scalars(query))


def _absolute(url: str) -> str:
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    return url if url.startswith("http") or not base else f"{base}{url}"


def _send(user: User, notes: list[Notification], digest: bool) -> None:
    with force_locale(user.locale or "id"):
        lines = [(text_of(n), _absolute(n.url)) for n in notes]
        subject = gettext("Daily summary: %(count)s notifications", count=len(notes)) if digest else lines[0][0]
        text = render_template("notifications/mail.txt", user=user, lines=lines, digest=digest)
    send_mail(user.email, subject, text)


def deliver_immediate(note_id: int) -> None:
    """Background job: mail one notification to a person who wants them immediately (once)."""
    note = db.session.get(Notification, note_id)
    if note is None:
        return
    user = db.session.get(User, note.user_id)
    if user is None or not user.active or mail_mode(user.id) != MailMode.IMMEDIATE:
        return
    claimed = _claim(uuid.uuid4().hex, Notification.id == note_id)
    if claimed:
        _send(user, claimed, digest=False)


@dataclass
class DigestResult:
    """What one digest run did."""

    mails: int = 0
    items: int = 0


def send_digests(now: datetime | None = None) -> DigestResult:
    """Mail each digest-preferring person everything not mailed yet; a second run finds nothing new."""
    now = now or utcnow()
    result = DigestResult()
    digest_users = select(NotificationPreference.user_id).where(NotificationPreference.mail == MailMode.DIGEST)
    user_ids = db.session.scalars(
        select(Notification.user_id)
        .where(Notification.mailed_at.is_(None), Notification.user_id.in_(digest_users))
        .distinct()
    ).all()
    for user_id in user_ids:
        user = db.session.get(User, user_id)
        claimed = _claim(uuid.uuid4().hex, Notification.user_id == user_id, Notification.created_at <= now)
        if not claimed or user is None or not user.active:
            continue
        _send(user, claimed, digest=True)
        result.mails += 1
        result.items += len(claimed)
    send_pending_immediate()
    return result


def send_pending_immediate() -> None:
    """Immediate notifications whose job never ran (created outside a request) are mailed now, once."""
    ids = db.session.scalars(select(Notification.id).where(Notification.mailed_at.is_(None))).all()
    for note_id in ids:
        if mail_mode(db.session.get(Notification, note_id).user_id) == MailMode.IMMEDIATE:
            deliver_immediate(note_id)
