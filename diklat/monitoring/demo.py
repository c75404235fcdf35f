"""Demo step: baseline and monthly indicators, SKM responses, quarterly reviews and course feedback (idempotent)."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import func, select

from diklat.cohorts.models import Role, Team
from diklat.demo.context import DemoContext
from diklat.extensions import db
from diklat.monitoring import integrations
from diklat.monitoring.demo_texts import FEEDBACK_IMPROVE, FEEDBACK_LIKED, REVIEWS, SUGGESTIONS
from diklat.monitoring.indicator_import import MonthRecord
from diklat.monitoring.models import CourseFeedback, QuarterlyReview, ResponseSource, SkmResponse
from diklat.monitoring.periods import add_months, month_start, months_between, quarter_bounds, quarter_of
from diklat.monitoring.services import save_month, team_services
from diklat.monitoring.skm_services import add_response

# Per team: promised minutes, baseline average minutes, services per month, complaints per month, first-visit share
PROFILES = {
    "Kelompok 1": (60, 96, 140, 14, 0.56),
    "Kelompok 2": (2880, 4300, 38, 9, 0.41),
    "Kelompok 3": (45, 70, 310, 21, 0.63),
    "Kelompok 4": (30, 52, 260, 17, 0.60),
    "Kelompok 5": (1440, 2350, 22, 5, 0.48),
    "Kelompok 6": (40, 63, 90, 8, 0.66),
}
BASELINE_MONTHS = 3


def seed(ctx: DemoContext) -> None:
    """Fill the demo cohort's monitoring data once."""
    if ctx.cohort is None:
        return
    rng = random.Random(7)
    for team in ctx.cohort.teams:
        if team.name not in PROFILES:
            continue
        service = team_services(team)[0]
        if service.promised_minutes is None:
            service.promised_minutes = PROFILES[team.name][0]
        if not service.months:
            _months(ctx, team, service, rng)
        if not db.session.scalar(
            select(func.count()).select_from(SkmResponse).where(SkmResponse.service_id == service.id)
        ):
            _responses(ctx, team, service, rng)
        _reviews(ctx, team)
    db.session.flush()
    _feedback(ctx, rng)


def _months(ctx: DemoContext, team: Team, service, rng: random.Random) -> None:  # noqa: ANN001
    _promised, base_time, volume, complaints, first_visit = PROFILES[team.name]
    course = month_start(ctx.start)
    last = add_months(month_start(ctx.today), -1)
    author = ctx.user("peserta%02d@diklat.example" % (int(team.name.split()[-1]) * 4 - 3))
    for month in months_between(add_months(course, -BASELINE_MONTHS), last):
        step = max(0, (month.year - course.year) * 12 + month.month - course.month + 1)
        progress = min(1.0, step / 6)  # improvement builds up over about six months of trial
        avg = base_time * (1 - 0.33 * progress) * rng.uniform(0.95, 1.05)
        services = int(volume * rng.uniform(0.88, 1.12))
        received = max(0, round(complaints * (1 - 0.55 * progress) * rng.uniform(0.8, 1.2)))
        resolved = received - (rng.randint(0, 2) if progress < 0.5 else rng.randint(0, 1))
        share = min(0.95, first_visit + 0.24 * progress + rng.uniform(-0.03, 0.03))
        record = MonthRecord(
            0,
            service.name,
            month,
            services,
            round(avg, 1),
            round(avg * 0.9, 1),
            received,
            max(0, resolved),
            int(services * share),
        )
        save_month(service, record, author.id if author else None)


def _responses(ctx: DemoContext, team: Team, service, rng: random.Random) -> None:  # noqa: ANN001
    first = quarter_of(ctx.start)
    second = (first[0] + 1, 1) if first[1] == 4 else (first[0], first[1] + 1)
    third = (second[0] + 1, 1) if second[1] == 4 else (second[0], second[1] + 1)
    for level, quarter in ((2.95, first), (3.15, second), (3.3, third)):
        start, end = quarter_bounds(*quarter)
        start = max(start, ctx.start)
        end = min(end, ctx.today + timedelta(days=1))
        if start >= end:
            continue
        days = (end - start).days
        for _ in range(rng.randint(40, 80)):
            answers = [_answer(rng, level + (0.15 if i in (5, 6) else -0.1 if i == 2 else 0)) for i in range(9)]
            answered = start + timedelta(days=rng.randrange(days))
            source = ResponseSource.ONLINE if rng.random() < 0.6 else ResponseSource.PAPER
            suggestion = rng.choice(SUGGESTIONS) if rng.random() < 0.12 else ""
            add_response(
                service,
                answers,
                answered,
                source,
                rng.choice("LP"),
                rng.choice(["20-29", "30-39", "40-49", "50+"]),
                rng.choice(["SMA", "S1/D4", "D1-D3", "SMP"]),
                suggestion,
            )


def _answer(rng: random.Random, mean: float) -> int:
    """An answer 1–4 scattered around ``mean``."""
    return max(1, min(4, round(rng.gauss(mean, 0.6))))


def _reviews(ctx: DemoContext, team: Team) -> None:
    mentor = ctx.user("mentor@diklat.example")
    first = quarter_of(ctx.start)
    second = (first[0] + 1, 1) if first[1] == 4 else (first[0], first[1] + 1)
    texts = REVIEWS[team.name]
    versions = integrations.sop_versions(team.id) or []
    for (year, quarter), (observation, decisions, revision) in zip((first, second), texts, strict=False):
        if quarter_bounds(year, quarter)[1] > ctx.today:
            continue
        exists = db.session.scalar(
            select(QuarterlyReview.id).where(
                QuarterlyReview.team_id == team.id, QuarterlyReview.year == year, QuarterlyReview.quarter == quarter
            )
        )
        if exists:
            continue
        review = QuarterlyReview(
            team_id=team.id,
            year=year,
            quarter=quarter,
            observation=observation,
            decisions=decisions,
            author_id=mentor.id if mentor else None,
        )
        if revision:
            review.revise_sop = True
            latest = versions[-1] if versions else None
            review.sop_version_id = int(latest["id"]) if latest else None
            review.sop_reference = f"Versi {latest['number']}" if latest else revision[0]
            review.revision_reason = revision[1]
        db.session.add(review)
        integrations.complete_evaluation(team.id, year, quarter, review.author_id)


def _feedback(ctx: DemoContext, rng: random.Random) -> None:
    cohort = ctx.cohort
    facilitators = [m.user_id for m in cohort.members_with_role(Role.FACILITATOR)]
    done = set(db.session.scalars(select(CourseFeedback.user_id).where(CourseFeedback.cohort_id == cohort.id)))
    participants = cohort.members_with_role(Role.PARTICIPANT)
    means = {1: 4.2, 2: 4.4, 3: 4.5, 4: 4.0, 5: 4.6, 6: 4.1, 7: 3.7, 8: 3.9}
    for index, member in enumerate(participants):
        if index % 8 == 7 or member.user_id in done:  # three participants did not answer
            continue
        db.session.add(
            CourseFeedback(
                cohort_id=cohort.id,
                user_id=member.user_id,
                module_ratings={str(n): max(1, min(5, round(rng.gauss(m, 0.6)))) for n, m in means.items()},
                facilitator_ratings={str(f): max(1, min(5, round(rng.gauss(4.4, 0.5)))) for f in facilitators},
                liked=FEEDBACK_LIKED[index % len(FEEDBACK_LIKED)] if index % 3 else "",
                improve=FEEDBACK_IMPROVE[index % len(FEEDBACK_IMPROVE)] if index % 2 else "",
            )
        )
