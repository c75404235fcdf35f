"""What other features may read from assessments (imported lazily by them)."""

from __future__ import annotations

from diklat.extensions import db


def cohort_learning_summary(cohort_id: int) -> dict | None:
    """Paired pre/post figures of a cohort, or None when the cohort does not exist or has no paired results.

    Keys: n_paired, mean_pre, mean_post (0–100), mean_g, g_of_means, t_test_p, wilcoxon_p, effect_size
    (Cohen's d_z), categories ({"high", "medium", "low"} → count), undefined_g (pre already perfect).
    """
    from diklat.assessments.results import cohort_summary, participant_results
    from diklat.cohorts.models import Cohort

    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        return None
    summary = cohort_summary(participant_results(cohort))
    if summary.n == 0:
        return None
    return {
        "n_paired": summary.n,
        "mean_pre": summary.pre.mean,
        "mean_post": summary.post.mean,
        "mean_g": summary.mean_g,
        "g_of_means": summary.g_of_means,
        "t_test_p": summary.t_p,
        "wilcoxon_p": summary.w_p,
        "effect_size": summary.d_z,
        "categories": dict(summary.categories),
        "undefined_g": summary.undefined_g,
    }
