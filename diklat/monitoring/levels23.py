"""Presentation of levels 2 and 3, whose figures come from the assessments, follow-ups and SOP features.

Turns their plain dicts into labelled rows (label, value, kind) shared by the page, the PDF and the
workbook; ``kind`` says how to show the value: ``int``, ``score``, ``ratio``, ``p`` or ``percent``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

L2_ROWS = (
    ("n_paired", _l("Participants with both tests (n)"), "int"),
    ("mean_pre", _l("Mean pre-test score (0–100)"), "score"),
    ("mean_post", _l("Mean post-test score (0–100)"), "score"),
    ("mean_g", _l("Mean of individual N-gain (g)"), "ratio"),
    ("g_of_means", _l("N-gain of the means"), "ratio"),
    ("t_test_p", _l("Paired t-test, p-value"), "p"),
    ("wilcoxon_p", _l("Wilcoxon signed-rank test, p-value"), "p"),
    ("effect_size", _l("Effect size (Cohen's d_z)"), "ratio"),
)
GAIN_CATEGORIES = (
    ("high", _l("High gain (g ≥ 0.7)")),
    ("medium", _l("Medium gain (0.3 ≤ g < 0.7)")),
    ("low", _l("Low gain (g < 0.3)")),
)
SOP_STATUS_ORDER = ("not_started", "draft", "submitted", "returned", "accepted", "in_trial", "revised_after_trial")
SOP_STATUS_NAMES = {
    "not_started": _l("No SOP yet"),
    "draft": _l("Draft"),
    "submitted": _l("Submitted for review"),
    "returned": _l("Returned for revision"),
    "accepted": _l("Accepted"),
    "in_trial": _l("In trial"),
    "revised_after_trial": _l("Revised after the trial"),
}


def learning_rows(summary: dict) -> dict:
    """L2 rows and gain-category counts from ``cohort_learning_summary``."""
    rows = [(label, summary.get(key), kind) for key, label, kind in L2_ROWS]
    categories = summary.get("categories") or {}
    counts = [(label, categories.get(key, 0), "int") for key, label in GAIN_CATEGORIES]
    if summary.get("undefined_g"):
        counts.append((_l("g undefined (pre-test already at maximum)"), summary["undefined_g"], "int"))
    return {"rows": rows, "categories": counts, "n": summary.get("n_paired")}


def behaviour_rows(steps: dict | None, statuses: dict | None) -> dict:
    """L3: per-team step application from the latest visit, overall share, and SOP status counts."""
    teams = []
    for row in (steps or {}).get("teams", []):
        teams.append(
            {
                "name": row["team_name"],
                "visits": row["visits"],
                "latest": row["latest_visit_on"],
                "observed": row["observed"],
                "applied": row["applied"],
                "partly": row["partly"],
                "not_applied": row["not_applied"],
                "share": row["share_applied"],
            }
        )
    overall = (steps or {}).get("overall")
    # Counts only say something once at least one team has started an SOP.
    statuses = statuses if statuses and any(n for s, n in statuses.items() if s != "not_started") else None
    status_rows = [(SOP_STATUS_NAMES[s], statuses.get(s, 0)) for s in SOP_STATUS_ORDER] if statuses else []
    total = sum((statuses or {}).values())
    trial = sum((statuses or {}).get(s, 0) for s in ("in_trial", "revised_after_trial"))
    return {
        "teams": teams,
        "overall": overall,
        "statuses": status_rows,
        "n_teams": total,
        "in_trial_or_revised": trial if statuses else None,
    }
