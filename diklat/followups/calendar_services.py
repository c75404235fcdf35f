"""Which follow-up items a person sees in their calendar, and their private feed token."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from diklat.auth.models import User
from diklat.cohorts.models import CohortMember, Role, Team
from diklat.common.time import utcnow
from diklat.extensions import db
from diklat.followups import schedule
from diklat.followups.ics import CalendarEvent
from diklat.followups.labels import item_title
from diklat.followups.models import CalendarToken, FollowupItem


def visible_items(user: User) -> list[FollowupItem]:
    """Facilitators: every item of their cohorts; mentors: their teams' and cohort-wide items;
    participants: their team's and cohort-wide items."""
    memberships = db.session.scalars(select(CohortMember).where(CohortMember.user_id == user.id)).all()
    managed = [m.cohort_id for m in memberships if m.role == Role.FACILITATOR]
    own_teams = [m.team_id for m in memberships if m.role == Role.PARTICIPANT and m.team_id]
    mentored = list(db.session.scalars(select(Team.id).where(Team.mentor_id == user.id)))
    wide_cohorts = [m.cohort_id for m in memberships if m.role in (Role.MENTOR, Role.PARTICIPANT)]
    conditions = []
    if managed:
        conditions.append(FollowupItem.cohort_id.in_(managed))
    if own_teams or mentored:
        conditions.append(FollowupItem.team_id.in_(own_teams + mentored))
    if wide_cohorts:
        conditions.append(FollowupItem.cohort_id.in_(wide_cohorts) & FollowupItem.team_id.is_(None))
    if not conditions:
        return []
    return list(
        db.session.scalars(
            select(FollowupItem)
            .where(or_(*conditions))
            .order_by(FollowupItem.starts_on, FollowupItem.start_time, FollowupItem.id)
            .options(joinedload(FollowupItem.team), joinedload(FollowupItem.cohort))
        )
    )


def item_days(item: FollowupItem) -> list[date]:
    """The working days an item occupies (a two-day visit from Friday is Friday and Monday)."""
    days = (item.ends_on - item.starts_on).days + 1
    if days == 1:
        return [item.starts_on]
    off = schedule.non_working_days(range(item.starts_on.year, item.ends_on.year + 1))
    span = [item.starts_on + timedelta(days=n) for n in range(days)]
    return [d for d in span if schedule.is_working_day(d, off)] or [item.starts_on]


def to_events(item: FollowupItem, url_for_item: Callable[[FollowupItem], str], domain: str) -> list[CalendarEvent]:
    """Plain calendar values of an item in its cohort's zone: one event per working day it occupies."""
    cohort = item.cohort
    url = url_for_item(item)
    days = item_days(item)
    events = []
    for n, day in enumerate(days, start=1):
        title = item_title(item)
        if len(days) > 1:
            title = _("%(title)s (day %(n)d of %(total)d)", title=title, n=n, total=len(days))
        uid = f"followup-{item.id}@{domain}" if n == 1 else f"followup-{item.id}-{n}@{domain}"
        events.append(
            CalendarEvent(
                uid=uid,
                title=title,
                starts_on=day,
                ends_on=day,
                start_time=item.start_time,
                end_time=item.end_time,
                timezone=cohort.timezone or "Asia/Jakarta",
                status=item.status.value,
                sequence=item.version,
                location=item.place,
                description=f"{cohort.name}\n{url}",
                url=url,
            )
        )
    return events


def events_for(item: FollowupItem) -> list[CalendarEvent]:
    """Calendar values of an item with its page address; UIDs stay stable across hosts."""
    from urllib.parse import urlsplit

    from flask import current_app, url_for

    domain = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "diklat.local"
    return to_events(
        item, lambda i: url_for("followups.item", cohort_id=i.cohort_id, item_id=i.id, _external=True), domain
    )


def token_of(user: User) -> CalendarToken | None:
    """The person's feed token, if they turned the feed on."""
    return db.session.scalar(select(CalendarToken).where(CalendarToken.user_id == user.id))


def regenerate_token(user: User) -> CalendarToken:
    """A fresh feed token; the previous address stops working."""
    token = token_of(user)
    if token is None:
        token = CalendarToken(user_id=user.id)
        db.session.add(token)
    token.token = secrets.token_urlsafe(32)
    token.created_at = utcnow()
    db.session.flush()
    return token


def revoke_token(user: User) -> None:
    """Turn the feed off."""
    token = token_of(user)
    if token is not None:
        db.session.delete(token)
        db.session.flush()


def user_by_token(token: str) -> User | None:
    """The owner of a feed token (constant-time compare on the stored value)."""
    if not token or len(token) > 64:
        return None
    row = db.session.scalar(select(CalendarToken).where(CalendarToken.token == token))
    if row is None or not secrets.compare_digest(row.token, token):
        return None
    user = db.session.get(User, row.user_id)
    return user if user is not None and user.active else None
