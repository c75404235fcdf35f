"""Translatable labels for role, attendance and cohort-status values."""

from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "facilitator": _l("Facilitator"),
    "mentor": _l("Mentor"),
    "participant": _l("Participant"),
    "admin": _l("Administrator"),
}
ATTENDANCE_LABELS = {
    "present": _l("Present"),
    "late": _l("Late"),
    "excused": _l("Excused"),
    "absent": _l("Absent"),
}
STATUS_LABELS = {"upcoming": _l("Upcoming"), "running": _l("Running"), "finished": _l("Finished")}
