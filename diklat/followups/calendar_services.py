"""Which follow-up items a person sees in their calendar, and their private feed token."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy import or_, select

from diklat.auth.models import User
from diklat.cohorts.models import CohortMember, Role, Team
from diklat.common.time import utcnow
from diklat.extensions import db
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
    return list(db.session.scalars(
        select(FollowupItem).where(or_(*conditions))
        .order_by(FollowupItem.starts_on, FollowupItem.start_time, FollowupItem.id)))


def to_event(item: FollowupItem, url_for_item: Callable[[FollowupItem], str], domain: str) -> CalendarEvent:
    """Plain calendar values of an item, in its cohort's zone."""
    cohort = item.cohort
    description = f"{cohort.name}\n{url_for_item(item)}"
    return CalendarEvent(uid=f"followup-{item.id}@{domain}", title=item_title(item), starts_on=item.starts_on,
                         ends_on=item.ends_on, start_time=item.start_time, end_time=item.end_time,
                         timezone=cohort.timezone or "Asia/Jakarta", status=item.status.value,
                         sequence=item.version, location=item.place, description=description,
                         url=url_for_item(item))


def event_for(item: FollowupItem) -> CalendarEvent:
    """Calendar values of an item with its page address; UIDs stay stable across hosts."""
    from urllib.parse import urlsplit

    from flask import current_app, url_for

    domain = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "diklat.local"
    return to_event(item, lambda i: url_for("followups.item", cohort_id=i.cohort_id, item_id=i.id, _external=True),
                    domain)


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
