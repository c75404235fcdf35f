"""Trial-implementation reports: save, submit, review. Flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import Team
from diklat.common.markers import N_
from diklat.extensions import db
from diklat.followups.models import (
    FollowupItem,
    Indicator,
    ItemKind,
    ReportIndicator,
    ReportReview,
    ReportStatus,
    TrialReport,
)
from diklat.followups.plan_services import REPORT_SUBMITTED, mark_done_by_evidence
from diklat.followups.signals import report_submitted
from diklat.sops.queries import sop_versions

EDITABLE = (ReportStatus.DRAFT, ReportStatus.NEEDS_MORE)


@dataclass
class IndicatorData:
    """One indicator row as typed: before and during the trial."""

    indicator: Indicator
    before: float | None
    during: float | None
    label: str = ""


@dataclass
class ReportData:
    """The report form as plain values."""

    period_start: date | None
    period_end: date | None
    what_worked: str = ""
    obstacles: str = ""
    sop_changes: str = ""
    sop_version_ids: list[int] = field(default_factory=list)
    testimonials: str = ""
    indicators: list[IndicatorData] = field(default_factory=list)


def report_of(team: Team) -> TrialReport | None:
    """The team's report, if started."""
    return db.session.scalar(select(TrialReport).where(TrialReport.team_id == team.id))


def sop_version_choices(team: Team) -> list[dict]:
    """The team's saved SOP versions (from the SOP feature), oldest first."""
    return sop_versions(team.id)


def save_report(team: Team, data: ReportData, report: TrialReport | None = None) -> TrialReport:
    """Create or update the team's report (only while it is a draft or more was asked)."""
    if report is None:
        report = TrialReport(team_id=team.id, status=ReportStatus.DRAFT)
        db.session.add(report)
    if report.status not in EDITABLE:
        raise ValueError("report is not editable")
    for name in ("period_start", "period_end", "what_worked", "obstacles", "sop_changes", "testimonials"):
        setattr(report, name, getattr(data, name))
    report.sop_version_ids = list(data.sop_version_ids)
    report.indicators = [
        ReportIndicator(indicator=row.indicator, label=row.label, position=i, before=row.before, during=row.during)
        for i, row in enumerate(data.indicators)
    ]
    db.session.flush()
    return report


def submit_problems(report: TrialReport) -> list[str]:
    """What is missing before the report can be submitted (untranslated messages)."""
    problems = []
    if not report.period_start or not report.period_end:
        problems.append(N_("Enter the trial period."))
    if not report.what_worked.strip():
        problems.append(N_("Describe what worked."))
    if not report.obstacles.strip():
        problems.append(N_("Describe the obstacles."))
    if not any(i.before is not None or i.during is not None for i in report.indicators):
        problems.append(N_("Enter at least one indicator value."))
    return problems


def submit(report: TrialReport, user: User, now: datetime) -> None:
    """Send the report for review; it completes the team's report deadline."""
    if report.status not in EDITABLE:
        raise ValueError("report is not editable")
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by_id = now, user.id
    item = db.session.scalar(
        select(FollowupItem).where(FollowupItem.team_id == report.team_id, FollowupItem.kind == ItemKind.REPORT_DUE)
    )
    mark_done_by_evidence(item, user, REPORT_SUBMITTED)
    db.session.flush()
    report_submitted.send(report, user_id=user.id)


def review(report: TrialReport, reviewer: User, decision: ReportStatus, comment: str) -> ReportReview:
    """Accept the report or ask for more; the decision is kept as history."""
    if report.status != ReportStatus.SUBMITTED or decision not in (ReportStatus.ACCEPTED, ReportStatus.NEEDS_MORE):
        raise ValueError("only a submitted report can be reviewed")
    entry = ReportReview(report_id=report.id, reviewer_id=reviewer.id, decision=decision, comment=comment)
    db.session.add(entry)
    report.status = decision
    db.session.flush()
    return entry


def indicator_rows(report: TrialReport | None, kind: Indicator) -> list[ReportIndicator]:
    """The report's rows of one indicator."""
    return [i for i in (report.indicators if report else []) if i.indicator == kind]
