"""Completion status of every participant of a cohort, from a handful of statements (never per person)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from diklat.certificates.completion import Facts, Rules, Unmet, unmet
from diklat.certificates.models import Certificate, CertificateSettings
from diklat.cohorts.models import Cohort, Role
from diklat.cohorts.queries import attendance_records
from diklat.extensions import db

# SOP statuses that count as "submitted" (returned = sent back for revision, so not yet).
SOP_SUBMITTED = ("submitted", "accepted", "in_trial", "revised_after_trial")


@dataclass(frozen=True)
class Completion:
    """One participant's standing against the cohort's rules."""

    user_id: int
    facts: Facts
    jp: float
    problems: list[Unmet]

    @property
    def completed(self) -> bool:
        """All rules met."""
        return not self.problems


def rules_of(settings: CertificateSettings | None) -> Rules:
    """The cohort's rules as plain values (defaults without a settings row)."""
    if settings is None:
        return Rules()
    return Rules(
        settings.min_attendance, settings.require_post_test, settings.post_test_pass_mark, settings.require_sop
    )


def _post_percent(cohort_id: int) -> dict[int, float]:
    from diklat.assessments.exam_services import find_test
    from diklat.assessments.models import TestKind
    from diklat.assessments.results import counted_attempts

    return {uid: a.percent for uid, a in counted_attempts(find_test(cohort_id, TestKind.POST)).items()}


def _sop_submitted(cohort_id: int) -> set[int]:
    from diklat.cohorts.models import Team
    from diklat.sops.models import Sop

    rows = db.session.scalars(
        select(Team.id)
        .join(Sop, Sop.team_id == Team.id)
        .where(Team.cohort_id == cohort_id, Sop.status.in_(SOP_SUBMITTED))
    )
    return set(rows)


def completions(cohort: Cohort) -> dict[int, Completion]:
    """user id → completion of every participant."""
    settings = db.session.scalar(select(CertificateSettings).where(CertificateSettings.cohort_id == cohort.id))
    rules = rules_of(settings)
    records = attendance_records(cohort.id)
    post = _post_percent(cohort.id)
    sop_teams = _sop_submitted(cohort.id)
    out = {}
    for member in cohort.members_with_role(Role.PARTICIPANT):
        record = records.get(member.user_id)
        facts = Facts(
            attendance_percent=record.percent if record else 0.0,
            post_test_taken=member.user_id in post,
            post_test_percent=post.get(member.user_id),
            sop_submitted=member.team_id in sop_teams,
        )
        out[member.user_id] = Completion(member.user_id, facts, record.jp if record else 0.0, unmet(rules, facts))
    return out


def certificates_of(cohort_id: int) -> list[Certificate]:
    """Every certificate of the cohort, oldest first."""
    return list(
        db.session.scalars(select(Certificate).where(Certificate.cohort_id == cohort_id).order_by(Certificate.seq))
    )


def valid_certificates(cohort_id: int) -> dict[int, Certificate]:
    """user id → the participant's valid certificate."""
    return {c.user_id: c for c in certificates_of(cohort_id) if c.valid}
