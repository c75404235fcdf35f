"""The audit trail for admins: who did what to whom, filterable."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from diklat.admin.views import PAGE_SIZE, bp
from diklat.common.audit import AuditAction
from diklat.common.audit_queries import audit_page

AUDIT_LABELS = {
    AuditAction.INVITED.value: _l("Invited"),
    AuditAction.INVITATION_RESENT.value: _l("Invitation resent"),
    AuditAction.SLIPS_PRINTED.value: _l("Sign-in slip printed"),
    AuditAction.PASSWORD_RESET_SENT.value: _l("Password link sent"),
    AuditAction.PASSWORD_SET.value: _l("Password set through a link"),
    AuditAction.ROLE_CHANGED.value: _l("Role changed"),
    AuditAction.TEAM_CHANGED.value: _l("Moved to another team"),
    AuditAction.MEMBER_ADDED.value: _l("Added to a cohort"),
    AuditAction.MEMBER_REMOVED.value: _l("Removed from a cohort"),
    AuditAction.DEACTIVATED.value: _l("Deactivated"),
    AuditAction.ANONYMISED.value: _l("Anonymised"),
    AuditAction.DATA_EXPORTED.value: _l("Downloaded own data"),
}


@bp.get("/audit")
def audit() -> str:
    """Audit events, newest first, filtered by action, person (name or e-mail) and date range."""
    filters = {key: request.args.get(key, "").strip() for key in ("action", "person", "since", "until")}
    page = max(1, request.args.get("page", 1, type=int))
    events, total = audit_page(filters, page, PAGE_SIZE)
    return render_template(
        "admin/audit.html",
        events=events,
        total=total,
        page=page,
        page_size=PAGE_SIZE,
        filters=filters,
        actions=list(AuditAction),
        AUDIT_LABELS=AUDIT_LABELS,
    )
