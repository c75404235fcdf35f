"""The reminder job behind ``flask reminders send``: e-mails before each item and when overdue.

Each (subject, kind, recipient) is *claimed* by inserting a row under a unique key and committing
before the mail goes out, so a second run — even one running at the same moment — fails the
insert and skips. This job commits by design (it is the CLI's unit of work, not a service).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app, url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from diklat.auth.models import User
from diklat.cohorts.models import CohortMember, Role, Team
from diklat.common import time as clock
from diklat.common.mail import send_mail
from diklat.extensions import db
from diklat.followups import schedule
from diklat.followups.labels import item_title
from diklat.followups.models import AgreedAction, FollowupItem, ItemKind, ItemStatus, SentReminder

log = logging.getLogger(__name__)
OPEN = [ItemStatus(s) for s in schedule.OPEN_STATUSES]


@dataclass
class RunResult:
    """What one run did."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0


def _members(cohort_id: int, roles: tuple[Role, ...], team_id: int | None = None) -> list[User]:
    query = select(CohortMember).where(CohortMember.cohort_id == cohort_id, CohortMember.role.in_(roles))
    if team_id is not None:
        query = query.where(CohortMember.team_id == team_id)
    return [m.user for m in db.session.scalars(query)]


def item_recipients(item: FollowupItem, overdue: bool) -> list[User]:
    """Who hears about an item: the people expected to act on it."""
    people: list[User] = []
    mentor = item.assignee or (item.team.mentor if item.team else None)
    if item.team is None:
        roles = (Role.FACILITATOR,) if overdue else (Role.FACILITATOR, Role.MENTOR, Role.PARTICIPANT)
        people = _members(item.cohort_id, roles)
    elif item.kind == ItemKind.VISIT:
        people = [mentor] if mentor else []
        people += (
            _members(item.cohort_id, (Role.FACILITATOR,))
            if overdue
            else _members(item.cohort_id, (Role.PARTICIPANT,), item.team_id)
        )
    else:
        people = _members(item.cohort_id, (Role.PARTICIPANT,), item.team_id) + ([mentor] if mentor else [])
    unique = {u.id: u for u in people if u is not None and u.active}
    return list(unique.values())


def action_recipients(action: AgreedAction) -> list[User]:
    """The team and its mentor."""
    team = action.team
    people = _members(team.cohort_id, (Role.PARTICIPANT,), team.id) + ([team.mentor] if team.mentor else [])
    return list({u.id: u for u in people if u.active}.values())


def claim(subject: str, subject_id: int, kind: str, recipient_id: int) -> int | None:
    """Insert and commit the reminder row; None when another run already has it."""
    row = SentReminder(subject=subject, subject_id=subject_id, kind=kind, recipient_id=recipient_id)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    return row.id


def release(row_id: int) -> None:
    """Give a claim back after a failed send so the next run retries."""
    db.session.execute(SentReminder.__table__.delete().where(SentReminder.id == row_id))
    db.session.commit()


def _deliver(subject: str, subject_id: int, kind: str, user: User, render: callable, result: RunResult) -> None:
    row_id = claim(subject, subject_id, kind, user.id)
    if row_id is None:
        result.skipped += 1
        return
    try:
        with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            title, body = render()
            send_mail(user.email, title, body)
        result.sent += 1
    except Exception:
        log.exception("reminder to %s failed", user.email)
        release(row_id)
        result.failed += 1


def _item_mail(item: FollowupItem, kind: str, user: User) -> tuple[str, str]:
    overdue = kind.startswith("overdue")
    title = item_title(item)
    subject = (
        _("Overdue: %(title)s", title=title)
        if overdue
        else _("Reminder: %(title)s on %(date)s", title=title, date=format_date(item.starts_on, "medium"))
    )
    url = url_for("followups.item", cohort_id=item.cohort_id, item_id=item.id, _external=True)
    when = format_date(item.starts_on, "full")
    if item.ends_on != item.starts_on:
        when += " – " + format_date(item.ends_on, "full")
    lines = [
        _("Hello %(name)s,", name=user.name),
        "",
        _("This follow-up item is past its date and has not been marked done:")
        if overdue
        else _("A follow-up item is coming up:"),
        "",
        title,
        f"{_('Cohort')}: {item.cohort.name}",
        f"{_('Date')}: {when}",
        f"{_('Time')}: {item.start_time:%H:%M}–{item.end_time:%H:%M} ({item.cohort.timezone})",
    ]
    if item.place:
        lines.append(f"{_('Place')}: {item.place}")
    lines += ["", f"{_('Details and calendar file:')} {url}", "", _("This is an automatic reminder from Diklat SOP.")]
    return f"[Diklat SOP] {subject}", "\n".join(lines) + "\n"


def _action_mail(action: AgreedAction, kind: str, user: User) -> tuple[str, str]:
    overdue = kind.startswith("overdue")
    subject = (
        _("Overdue action: %(text)s", text=action.description[:60])
        if overdue
        else _("Action due %(date)s: %(text)s", date=format_date(action.due_on, "medium"), text=action.description[:60])
    )
    url = url_for("followups.team", cohort_id=action.team.cohort_id, team_id=action.team_id, _external=True)
    lines = [
        _("Hello %(name)s,", name=user.name),
        "",
        _("An action agreed during the mentoring visit is past its due date:")
        if overdue
        else _("An action agreed during the mentoring visit is due soon:"),
        "",
        action.description,
        f"{_('Team')}: {action.team.name}",
        f"{_('Owner')}: {action.owner}",
        f"{_('Due')}: {format_date(action.due_on, 'full')}",
        "",
        f"{_('Open the team follow-up page:')} {url}",
        "",
        _("This is an automatic reminder from Diklat SOP."),
    ]
    return f"[Diklat SOP] {subject}", "\n".join(lines) + "\n"


def send_reminders(today: date | None, days_before: int, cohort_id: int | None = None) -> RunResult:
    """Send every reminder due today (of one cohort, or all) that no run has sent before.

    ``today`` None: each item is decided with its own cohort's date (cohorts run in WIB, WITA and WIT).
    """
    result = RunResult()
    horizon = (today or clock.latest_today()) + timedelta(days=days_before)
    query = (
        select(FollowupItem)
        .where(FollowupItem.status.in_(OPEN), FollowupItem.starts_on <= horizon)
        .options(joinedload(FollowupItem.cohort))
    )
    if cohort_id is not None:
        query = query.where(FollowupItem.cohort_id == cohort_id)
    for item in db.session.scalars(query).all():
        day = today or clock.today(item.cohort)
        for kind in schedule.reminder_kinds(item.status.value, item.starts_on, item.ends_on, day, days_before):
            for user in item_recipients(item, kind.startswith("overdue")):
                _deliver("item", item.id, kind, user, lambda i=item, k=kind, u=user: _item_mail(i, k, u), result)
    action_query = (
        select(AgreedAction)
        .join(AgreedAction.team)
        .where(AgreedAction.done_on.is_(None), AgreedAction.due_on <= horizon)
        .options(joinedload(AgreedAction.team).joinedload(Team.cohort))
    )
    if cohort_id is not None:
        action_query = action_query.where(Team.cohort_id == cohort_id)
    for action in db.session.scalars(action_query).unique().all():
        day = today or clock.today(action.team.cohort)
        for kind in schedule.reminder_kinds("planned", action.due_on, action.due_on, day, days_before):
            for user in action_recipients(action):
                _deliver(
                    "action", action.id, kind, user, lambda a=action, k=kind, u=user: _action_mail(a, k, u), result
                )
    return result


def send_cohort_reminders(cohort_id: int, today_iso: str, days_before: int) -> None:
    """Job: the cohort's due reminders (started from the plan page); fails, with the count, when a mail failed."""
    with current_app.test_request_context("/", base_url=current_app.config["PUBLIC_URL"]):
        result = send_reminders(date.fromisoformat(today_iso), days_before, cohort_id)
    log.info("cohort %s reminders: %s", cohort_id, result)
    if result.failed:
        raise RuntimeError(f"{result.failed} reminder mails could not be sent ({result.sent} sent)")
