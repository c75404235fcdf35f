"""The setup checklist of a new cohort: steps in order, each with its state and where to do it.

Features add their own steps with ``register_setup_step`` (the cohort feature knows none of them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from diklat.cohorts.models import Cohort, Role


@dataclass(frozen=True)
class SetupStep:
    """One thing to do before a cohort is ready: ``done(cohort)`` says whether it is."""

    key: str
    label: Any
    hint: Any
    endpoint: str
    done: Callable[[Cohort], bool]
    order: int = 50


@dataclass
class StepState:
    """A step as shown: label, hint, link and state."""

    step: SetupStep
    done: bool


SETUP_STEPS: list[SetupStep] = []


def register_setup_step(step: SetupStep) -> None:
    """Add a checklist step (idempotent for repeated app creation)."""
    if all(s.key != step.key for s in SETUP_STEPS):
        SETUP_STEPS.append(step)
        SETUP_STEPS.sort(key=lambda s: s.order)


def checklist(cohort: Cohort) -> list[StepState]:
    """Every step with its state, in the order to do them."""
    return [StepState(step, bool(step.done(cohort))) for step in SETUP_STEPS]


def is_ready(cohort: Cohort) -> bool:
    """True when every step is done: the checklist then gives way to the attention list."""
    return all(state.done for state in checklist(cohort))


def _has_teams(cohort: Cohort) -> bool:
    return bool(cohort.teams)


def _participants_in_teams(cohort: Cohort) -> bool:
    participants = cohort.members_with_role(Role.PARTICIPANT)
    return bool(participants) and all(m.team_id for m in participants)


def _mentors(cohort: Cohort) -> bool:
    return bool(cohort.teams) and all(t.mentor_id for t in cohort.teams)


def _schedule(cohort: Cohort) -> bool:
    return bool(cohort.sessions)


COHORT_STEPS = [
    SetupStep(
        "teams", _l("Create the teams"), _l("One team per office and public service."), "cohorts.teams", _has_teams, 10
    ),
    SetupStep(
        "participants",
        _l("Enrol the participants in their teams"),
        _l("Upload the enrolment template or add people one by one."),
        "cohorts.members",
        _participants_in_teams,
        20,
    ),
    SetupStep(
        "mentors",
        _l("Give every team a mentor"),
        _l("Edit each team and choose its mentor."),
        "cohorts.teams",
        _mentors,
        30,
    ),
    SetupStep(
        "schedule",
        _l("Plan the schedule"),
        _l("The sessions of the course days, with modules and rooms."),
        "cohorts.schedule",
        _schedule,
        40,
    ),
]
