"""Completion rules: which of a cohort's rules a participant has not met. Pure: plain values in and out."""

from __future__ import annotations

from dataclasses import dataclass

from diklat.common.markers import N_


@dataclass(frozen=True)
class Rules:
    """A cohort's completion rules."""

    min_attendance: int = 90  # percent of sessions held
    require_post_test: bool = True
    post_test_pass_mark: float | None = None  # percent; None = taking the post-test is enough
    require_sop: bool = True


@dataclass(frozen=True)
class Facts:
    """What is known about one participant."""

    attendance_percent: float
    post_test_taken: bool
    post_test_percent: float | None
    sop_submitted: bool


Unmet = tuple[str, dict]  # (untranslated message, params)


def _attendance(rules: Rules, facts: Facts) -> Unmet | None:
    if facts.attendance_percent + 1e-9 < rules.min_attendance:
        return N_("Attendance %(actual)s%% is below the minimum %(minimum)s%%."), {
            "actual": f"{facts.attendance_percent:.0f}",
            "minimum": rules.min_attendance,
        }
    return None


def _post_test(rules: Rules, facts: Facts) -> Unmet | None:
    if rules.require_post_test and not facts.post_test_taken:
        return N_("The post-test was not taken."), {}
    if rules.post_test_pass_mark is not None and facts.post_test_taken:
        score = facts.post_test_percent or 0.0
        if score + 1e-9 < rules.post_test_pass_mark:
            return N_("Post-test score %(score)s is below the pass mark %(mark)s."), {
                "score": f"{score:.0f}",
                "mark": f"{rules.post_test_pass_mark:g}",
            }
    return None


def _sop(rules: Rules, facts: Facts) -> Unmet | None:
    if rules.require_sop and not facts.sop_submitted:
        return N_("The team's SOP has not been submitted."), {}
    return None


CHECKS = (_attendance, _post_test, _sop)


def unmet(rules: Rules, facts: Facts) -> list[Unmet]:
    """Every rule the participant has not met, in a fixed order; empty means completed."""
    return [problem for check in CHECKS if (problem := check(rules, facts)) is not None]
