"""The printed length of a SOP, measured once per saved draft in the background (a PDF takes seconds)."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from diklat.cohorts.models import Team
from diklat.extensions import db
from diklat.sops.document import SopDocument
from diklat.sops.export import PrintInfo, count_pages
from diklat.sops.models import Sop
from diklat.sops.services import document_hash, effective_document
from diklat.sops.workflow import STATUS_LABELS, STATUSES

__all__ = ["document_hash", "measure_pages", "print_info_of"]


def print_info_of(team: Team, sop: Sop | None, version: int | None = None) -> PrintInfo:
    """Agency lines and status for the printed SOP (in Indonesian, the document's language)."""
    key = sop.status.value if sop else STATUSES[0]
    with force_locale("id"):
        status = _(STATUS_LABELS[key])
    latest = sop.latest.number if sop and sop.latest else None
    return PrintInfo(agency=team.office, unit=team.service, status=status, version=version or latest)


def measure_pages(sop_id: int) -> None:
    """Job: count the pages of the SOP's printed draft and keep the count beside the draft's fingerprint.

    Written with a plain UPDATE that leaves ``version`` and ``updated_at`` alone: measuring is not an edit.
    """
    sop = db.session.get(Sop, sop_id)
    if sop is None:
        return
    doc, _sources = effective_document(sop.team_id, SopDocument.from_dict(sop.draft))
    digest = document_hash(doc)
    if sop.page_count is not None and sop.page_hash == digest:
        return
    pages = count_pages(doc, print_info_of(sop.team, sop))
    table = Sop.__table__
    db.session.execute(
        table.update()
        .where(table.c.id == sop_id)
        .values(page_count=pages, page_hash=digest, updated_at=table.c.updated_at)
    )
    db.session.commit()
