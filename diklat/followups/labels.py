"""Translatable labels for follow-up kinds, statuses, ratings and indicators."""

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "visit": _l("Mentoring visit"),
    "followup_session": _l("Follow-up session"),
    "group_review": _l("Group review"),
    "report_due": _l("Trial report due"),
    "evaluation": _l("Quarterly evaluation"),
}
ITEM_STATUS_LABELS = {
    "planned": _l("Planned"),
    "confirmed": _l("Confirmed"),
    "done": _l("Done"),
    "missed": _l("Missed"),
    "rescheduled": _l("Rescheduled"),
    "cancelled": _l("Cancelled"),
}
ITEM_STATUS_BADGES = {
    "planned": "badge-muted",
    "confirmed": "badge-info",
    "done": "badge-ok",
    "missed": "badge-bad",
    "rescheduled": "badge-warn",
    "cancelled": "badge-muted",
}
RATING_LABELS = {"applied": _l("Applied"), "partly": _l("Partly applied"), "not_applied": _l("Not applied")}
RATING_BADGES = {"applied": "badge-ok", "partly": "badge-warn", "not_applied": "badge-bad"}
REPORT_STATUS_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted, awaiting review"),
    "needs_more": _l("More requested"),
    "accepted": _l("Accepted"),
}
REPORT_STATUS_BADGES = {
    "draft": "badge-muted",
    "submitted": "badge-info",
    "needs_more": "badge-warn",
    "accepted": "badge-ok",
}
INDICATOR_LABELS = {
    "service_time": _l("Average service time (minutes)"),
    "complaints": _l("Complaints per month"),
    "first_visit": _l("Completed on the first visit (%)"),
    "skm": _l("Satisfaction index (SKM, 25–100)"),
}


def item_title(item) -> str:  # noqa: ANN001
    """A readable title: kind, evaluation number and team."""
    label = str(KIND_LABELS[item.kind.value])
    if item.kind.value == "evaluation":
        label = f"{label} {item.sequence}"
    return f"{label} — {item.team.name}" if item.team else label
