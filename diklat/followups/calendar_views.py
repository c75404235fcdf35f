"""Personal calendar of follow-up items: month and list views, the private iCalendar feed."""

from __future__ import annotations

import calendar as pycal
from datetime import date, timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from diklat.common import time as clock
from diklat.extensions import db
from diklat.followups import calendar_services as cal
from diklat.followups.blueprint import bp
from diklat.followups.ics import calendar_bytes
from diklat.followups.models import FollowupItem


def _month(value: str | None, today: date) -> date:
    """First day of the month asked for as ``YYYY-MM`` (this month when absent or malformed)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def _item_today(item: FollowupItem) -> date:
    """Today in the item's own cohort (a person may follow cohorts in WIB, WITA and WIT)."""
    return clock.today(item.cohort)


def _persons_today(items: list[FollowupItem]) -> date:
    """The date the calendar marks as today: their cohorts' zone when they share one, else the default."""
    zones = {clock.zone_name(i.cohort) for i in items}
    return clock.today(zones.pop() if len(zones) == 1 else None)


def month_weeks(first: date) -> list[list[date]]:
    """The weeks (Monday first) covering the month of ``first``."""
    return pycal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)


@bp.get("/calendar")
@login_required
def calendar() -> str:
    """Month view of every follow-up item the person sees."""
    visible = cal.visible_items(current_user)
    today = _persons_today(visible)
    first = _month(request.args.get("month"), today)
    weeks = month_weeks(first)
    items = [i for i in visible if i.ends_on >= weeks[0][0] and i.starts_on <= weeks[-1][-1]]
    by_day: dict[date, list] = {}
    for item in items:
        for day in cal.item_days(item):
            by_day.setdefault(day, []).append(item)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render_template(
        "followups/calendar_month.html",
        first=first,
        weeks=weeks,
        by_day=by_day,
        today=today,
        previous=previous,
        following=following,
        count=len(items),
        today_of=_item_today,
    )


@bp.get("/calendar/list")
@login_required
def calendar_list() -> str:
    """List view: upcoming items (or past, or all) grouped by month."""
    when = request.args.get("when", "upcoming")
    items = cal.visible_items(current_user)
    today = _persons_today(items)
    if when == "upcoming":
        items = [i for i in items if i.ends_on >= _item_today(i)]
    elif when == "past":
        items = [i for i in reversed(items) if i.ends_on < _item_today(i)]
    months: dict[date, list] = {}
    for item in items:
        months.setdefault(item.starts_on.replace(day=1), []).append(item)
    return render_template("followups/calendar_list.html", months=months, when=when, today=today, today_of=_item_today)


@bp.get("/calendar/feed")
@login_required
def feed_settings() -> str:
    """The person's private subscription address and how to renew or stop it."""
    token = cal.token_of(current_user)
    url = url_for("followups.feed", token=token.token, _external=True) if token else None
    return render_template("followups/feed.html", token=token, feed_url=url)


@bp.post("/calendar/feed/new")
@login_required
def feed_regenerate() -> WerkzeugResponse:
    """Create a new address; any previous one stops working at once."""
    had = cal.token_of(current_user) is not None
    cal.regenerate_token(current_user)
    db.session.commit()
    flash(
        _("New calendar address created; the old one no longer works.") if had else _("Calendar address created."),
        "success",
    )
    return redirect(url_for("followups.feed_settings"))


@bp.post("/calendar/feed/off")
@login_required
def feed_revoke() -> WerkzeugResponse:
    """Turn the subscription address off."""
    cal.revoke_token(current_user)
    db.session.commit()
    flash(_("Calendar address turned off."), "info")
    return redirect(url_for("followups.feed_settings"))


@bp.get("/calendar/feed/<token>.ics")
def feed(token: str) -> Response:
    """The subscription feed: no sign-in, the secret address shows only its owner's items."""
    user = cal.user_by_token(token)
    if user is None:
        abort(404)
    body = calendar_bytes([e for i in cal.visible_items(user) for e in cal.events_for(i)], f"Diklat SOP — {user.name}")
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Disposition"] = 'inline; filename="diklat-sop.ics"'
    return response
