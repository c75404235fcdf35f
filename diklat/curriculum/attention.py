"""Home-page attention items: worksheets waiting for review (facilitators) or returned (participants)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import or_, select

from diklat.cohorts.access import membership_in, user_cohorts
from diklat.cohorts.models import CohortMember, Role
from diklat.common.nav import AttentionItem
from diklat.curriculum.models import AnswerStatus, WorksheetAnswer
from diklat.curriculum.services import waiting_for_review
from diklat.extensions import db


def _returned(cohort_id: int, member: CohortMember) -> list[WorksheetAnswer]:
    owners = [f"user:{member.user_id}"] + ([f"team:{member.team_id}"] if member.team_id else [])
    return list(
        db.session.scalars(
            select(WorksheetAnswer).where(
                WorksheetAnswer.cohort_id == cohort_id,
                WorksheetAnswer.status == AnswerStatus.RETURNED,
                or_(*[WorksheetAnswer.owner_key == o for o in owners]),
            )
        )
    )


def curriculum_attention(user: Any) -> list[AttentionItem]:
    """What the curriculum asks of this user across their cohorts."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for cohort, role in user_cohorts(user.id):
        if role == Role.FACILITATOR.value and (count := waiting_for_review(cohort)):
            items.append(
                AttentionItem(
                    ngettext(
                        "%(num)d worksheet waits for your review (%(cohort)s).",
                        "%(num)d worksheets wait for your review (%(cohort)s).",
                        count,
                        cohort=cohort.name,
                    ),
                    url_for("curriculum.progress", cohort_id=cohort.id),
                    category="curriculum",
                )
            )
        elif role == Role.PARTICIPANT.value:
            member = membership_in(user.id, cohort.id)
            for answer in _returned(cohort.id, member):
                kind, owner = ("teams", answer.team_id) if answer.team_id else ("people", answer.user_id)
                items.append(
                    AttentionItem(
                        _("Returned for revision: %(title)s", title=answer.worksheet.title),
                        url_for(
                            "curriculum.worksheet",
                            cohort_id=cohort.id,
                            number=answer.worksheet.module.number,
                            key=answer.worksheet.key,
                            kind=kind,
                            owner_id=owner,
                        ),
                        category="curriculum",
                    )
                )
    return items
