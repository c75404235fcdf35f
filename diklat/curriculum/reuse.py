"""Curriculum's setup step: every module opens, by the schedule or by hand."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from diklat.cohorts.models import Cohort
from diklat.cohorts.setup import SetupStep
from diklat.curriculum.models import ModuleState
from diklat.curriculum.services import availability


def modules_ready(cohort: Cohort) -> bool:
    """Each module has a session in the schedule (it opens then) or was opened by hand."""
    states = availability(cohort)
    return bool(states) and all(a.first_session is not None or a.explicit == ModuleState.OPEN.value for a in states)


SETUP_STEP = SetupStep(
    "modules",
    _l("Open the modules"),
    _l("A module opens at its first session in the schedule, or open it by hand on the Modules page."),
    "curriculum.index",
    modules_ready,
    60,
)
