"""Interface labels for curriculum states."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "empty": _l("Not started"),
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned for revision"),
    "accepted": _l("Accepted"),
}
STATUS_BADGES = {
    "empty": "badge-muted",
    "draft": "badge-info",
    "submitted": "badge-warn",
    "returned": "badge-bad",
    "accepted": "badge-ok",
}
SCOPE_LABELS = {"team": _l("per team"), "participant": _l("per participant")}
SOURCE_LABELS = {"manual": _l("set by the facilitator"), "schedule": _l("follows the schedule")}
