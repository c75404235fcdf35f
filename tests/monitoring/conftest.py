"""Fixtures for monitoring tests: a world whose course started about 200 days ago."""

from __future__ import annotations

from datetime import timedelta

import pytest

from diklat.cohorts.models import Role
from diklat.common import time as clock
from diklat.extensions import db
from diklat.monitoring.models import MonitoredService
from diklat.monitoring.periods import add_months, month_start


@pytest.fixture()
def world(factory):
    """factory.world() with cohort A starting 200 days ago and a monitored service for team a1."""
    data = factory.world()
    cohort = data["a"]["cohort"]
    cohort.start_date = clock.today() - timedelta(days=200)
    cohort.end_date = cohort.start_date + timedelta(days=2)
    team = data["a"]["teams"][0]
    service = MonitoredService(team_id=team.id, name=team.service, is_primary=True)
    db.session.add(service)
    db.session.commit()
    data["service"] = service
    data["course_month"] = month_start(cohort.start_date)
    data["baseline_month"] = add_months(data["course_month"], -1)
    data["a"]["team_participant"] = next(
        m.user for m in cohort.members if m.role == Role.PARTICIPANT and m.team_id == team.id
    )
    return data
