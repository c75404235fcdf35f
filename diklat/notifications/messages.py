"""What each kind of notification says (English msgids, translated when shown or mailed)."""

from __future__ import annotations

from diklat.common.markers import N_

MESSAGES: dict[str, str] = {
    "worksheet_returned": N_("Your worksheet “%(title)s” was returned for revision."),
    "worksheet_accepted": N_("Your worksheet “%(title)s” was accepted."),
    "sop_returned": N_("The SOP of %(team)s was returned for revision."),
    "sop_accepted": N_("The SOP of %(team)s was accepted."),
    "sop_submitted": N_("The SOP of %(team)s was submitted for review."),
    "sop_comment": N_("New comment on the SOP of %(team)s by %(author)s."),
    "visit_logged": N_("A visit log of %(team)s is ready to review."),
    "report_submitted": N_("The trial report of %(team)s is ready to review."),
    "test_open": N_("The test “%(title)s” is open until %(closes)s."),
    "test_closing": N_("The test “%(title)s” closes soon (%(closes)s)."),
    "followup_overdue": N_("Follow-up item “%(title)s” of %(team)s is overdue."),
}


def message_of(kind: str) -> str:
    """The untranslated template for ``kind`` (a generic one for unknown kinds)."""
    return MESSAGES.get(kind, N_("Something changed in %(cohort)s."))
