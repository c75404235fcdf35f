"""Demo step: sign-in history and invitation states, so the people pages show every access state.

Ready accounts keep the demo password and have signed in; the upcoming second cohort gets three people
who are still on their way in: one invited by e-mail, one who opened the link, one whose e-mail bounced.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from diklat.auth.invitations import issue, queue_link
from diklat.auth.services import create_user
from diklat.auth.token_models import MailStatus, Purpose, SignInToken
from diklat.cohorts.models import Cohort, CohortMember, Role, Team
from diklat.common.audit import AuditAction, record
from diklat.common.time import utcnow
from diklat.demo.context import DEMO_ACCOUNTS, DemoContext
from diklat.extensions import db

SECOND_COHORT = "Angkatan II Tahun 2026"
NEVER_SIGNED_IN = ("peserta24@diklat.example",)
ON_THEIR_WAY = [
    ("peserta-b3@diklat.example", "Rahmat Hidayatullah", "Petugas Informasi", "invited"),
    ("peserta-b4@diklat.example", "Ayu Lestari Wulandari", "Analis Perizinan", "opened"),
    ("peserta-b5@diklat.example", "Bayu Anggoro", "Operator Loket", "failed"),
]


def seed(ctx: DemoContext) -> None:
    """Stamp past sign-ins on the ready accounts and add people with pending invitations (idempotent)."""
    now = utcnow()
    for index, (email, _role) in enumerate(DEMO_ACCOUNTS):
        user = ctx.user(email)
        if user is not None and user.last_login_at is None and email not in NEVER_SIGNED_IN:
            user.last_login_at = now - timedelta(days=2 + index % 9, hours=index)
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == SECOND_COHORT))
    if cohort is None:
        return
    team = db.session.scalar(select(Team).where(Team.cohort_id == cohort.id))
    facilitator = cohort.members_with_role(Role.FACILITATOR)[0].user
    for email, name, position, state in ON_THEIR_WAY:
        if ctx.user(email) is not None:
            continue
        user = create_user(email, name, None, agency=team.office if team else "", position=position)
        ctx.users[email] = user
        db.session.add(
            CohortMember(cohort_id=cohort.id, user_id=user.id, role=Role.PARTICIPANT, team_id=team.id if team else None)
        )
        token = queue_link(user, Purpose.INVITE, cohort.id, facilitator.id)
        record(AuditAction.INVITED, facilitator.id, user.id, cohort.id)
        _settle(token, state)


def _settle(token: SignInToken, state: str) -> None:
    issue(token)  # a secret nobody knows: the demo shows the state, the link itself is never used
    token.created_at = token.sent_at = utcnow() - timedelta(days=1)
    token.mail_status = MailStatus.FAILED if state == "failed" else MailStatus.SENT
    if state == "failed":
        token.mail_error = "550 5.1.1 mailbox unavailable"
        token.sent_at = None
    if state == "opened":
        token.opened_at = utcnow() - timedelta(hours=3)
    db.session.flush()
