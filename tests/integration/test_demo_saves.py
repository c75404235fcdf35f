"""Every demo SOP and worksheet saves exactly as its page sends it; the demo tells the truth about itself."""

from __future__ import annotations

import re

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from diklat.cohorts.models import CohortMember, Role
from diklat.demo import run_demo_seed
from diklat.extensions import db
from diklat.sops.checks import run_checks
from diklat.sops.document import SopDocument
from diklat.sops.models import Sop, SopStatus
from diklat.sops.services import effective_document
from tests.conftest import Client
from tests.formdata import form_data

SHEET_LINK = re.compile(r'href="(/cohorts/\d+/modules/\d+/sheets/[\w-]+/(?:teams|people)/\d+)"')


def _post_as_page(client: Client, page: str, form_class: str, extra: dict[str, str]) -> tuple[str, int, str]:
    found = form_data(page, form_class)
    assert found is not None
    action, fields = found
    response = client.raw.post(action, data=MultiDict([*fields, *extra.items()]))
    return action, response.status_code, response.get_data(as_text=True)


def _one_participant_per_team(cohort_id: int) -> list[CohortMember]:
    members = db.session.scalars(
        select(CohortMember).where(CohortMember.cohort_id == cohort_id, CohortMember.role == Role.PARTICIPANT)
    ).all()
    return list({m.team_id: m for m in members if m.team_id}.values())


def test_every_demo_sop_and_worksheet_saves_as_the_page_sends_it(app_ctx):
    ctx = run_demo_seed()
    cohort_id = ctx.cohort.id
    saved_sops, saved_sheets, refused = 0, 0, []
    for member in _one_participant_per_team(cohort_id):
        client = Client(app_ctx.test_client())
        client.login(member.user.email)
        editor = f"/cohorts/{cohort_id}/sops/{member.team_id}"
        page = client.get(editor).get_data(as_text=True)
        if 'class="sop-form"' in page:
            action, code, body = _post_as_page(client, page, "sop-form", {})
            saved_sops += code == 302
            if code != 302:
                refused.append((action, code, re.findall(r'class="error"[^>]*>([^<]+)', body)[:3]))
        links = set()
        for number in range(1, 9):
            links |= set(
                SHEET_LINK.findall(client.get(f"/cohorts/{cohort_id}/modules/{number}").get_data(as_text=True))
            )
        for link in sorted(links):
            page = client.get(link).get_data(as_text=True)
            if 'class="ws-form"' not in page:
                continue
            action, code, body = _post_as_page(client, page, "ws-form", {"action": "save"})
            saved_sheets += code == 302
            if code != 302:
                refused.append((action, code, body[:300]))
        client.logout()
    assert refused == []
    assert saved_sops >= 4 and saved_sheets >= 6, (saved_sops, saved_sheets)


def test_demo_sops_tell_the_truth(app_ctx):
    """At least one demo SOP passes every check on two pages; no accepted SOP breaks its own time promise."""
    run_demo_seed()
    perfect, broken_promises = [], []
    for sop in db.session.scalars(select(Sop)):
        doc, _sources = effective_document(sop.team_id, SopDocument.from_dict(sop.draft))
        results = {r.key: r for r in run_checks(doc, sop.page_count)}
        if all(r.passed for r in results.values()) and sop.page_count == 2:
            perfect.append(sop.team.name)
        time_checks = [r for r in results.values() if r.group == "time"]
        if sop.status in (SopStatus.ACCEPTED, SopStatus.IN_TRIAL, SopStatus.REVISED_AFTER_TRIAL) and not all(
            r.passed for r in time_checks
        ):
            broken_promises.append((sop.team.name, [r.key for r in time_checks if not r.passed]))
    assert perfect, "no demo SOP passes every check on two pages"
    assert broken_promises == []
