"""People in a cohort: privacy of NIP and e-mail, team moves, role changes, duplicates, export, anonymisation."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urldefrag, urlsplit

import pytest
from sqlalchemy import select

from diklat.auth.models import User
from diklat.cohorts.models import CohortMember, Role
from diklat.common.audit import AuditEvent, AuditTrailIsAppendOnly
from diklat.extensions import db
from tests.access.helpers import done

HREF = re.compile(r'(?:href|action)="([^"]+)"')
SKIP = ("/static/", "/logout", "mailto:", "tel:")


def crawl(client, start: str = "/", limit: int = 400) -> dict[str, str]:
    """Every page reachable by GET links from ``start``: path -> body text."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        text = response.get_data(as_text=True) if response.mimetype.startswith(("text/", "application/json")) else ""
        seen[path] = text
        if response.mimetype != "text/html":
            continue
        for raw in HREF.findall(text):
            link = urldefrag(html.unescape(raw))[0]
            parts = urlsplit(link)
            if parts.netloc or not link.startswith("/") or link.startswith(SKIP) or "/language" in link:
                continue
            if link not in seen and link not in queue:
                queue.append(link)
    return seen


def test_participant_sees_no_other_persons_nip_or_email_anywhere(client, factory):
    world = factory.world()
    me = world["a"]["participants"][0]
    others = [u for u in db.session.scalars(select(User)) if u.id != me.id]
    client.login(me.email)
    pages = crawl(client)
    assert len(pages) > 10, list(pages)
    assert any("/members" in p for p in pages) and any("/teams" in p for p in pages)
    leaks = [
        (path, secret)
        for path, text in pages.items()
        for person in others
        for secret in (person.email, person.nip)
        if secret and secret in text
    ]
    assert leaks == []
    assert any(me.nip in text for text in pages.values())  # their own data is shown to them (account page)


def test_mentor_sees_contact_details_of_mentored_teams_only(client, factory):
    world = factory.world()
    a = world["a"]
    mentored = {m.user_id for t in a["teams"] if t.mentor_id == a["mentor"].id for m in t.members}
    hidden = [u for u in db.session.scalars(select(User)) if u.id not in mentored and u.id != a["mentor"].id]
    client.login(a["mentor"].email)
    pages = crawl(client)
    leaks = [(p, u.email) for p, text in pages.items() for u in hidden if u.email in text or (u.nip and u.nip in text)]
    assert leaks == []


def test_facilitator_and_mentor_see_what_they_need(client, factory):
    world = factory.world()
    a = world["a"]
    in_mentored, elsewhere = a["teams"][0].members[0].user, a["teams"][1].members[0].user
    client.login(a["facilitator"].email)
    page = client.get(f"/cohorts/{a['cohort'].id}/members").get_data(as_text=True)
    assert in_mentored.nip in page and elsewhere.email in page
    client.logout()
    client.login(a["mentor"].email)
    page = client.get(f"/cohorts/{a['cohort'].id}/members").get_data(as_text=True)
    assert in_mentored.nip in page and in_mentored.email in page  # a participant of a team they mentor
    assert elsewhere.nip not in page and elsewhere.email not in page


def test_moved_participant_works_in_new_team(client, factory):
    world = factory.world()
    a = world["a"]
    mover = a["participants"][0]
    old, new = a["teams"]
    member = db.session.scalar(select(CohortMember).where(CohortMember.user_id == mover.id))
    client.login(a["facilitator"].email)
    response = client.post(f"/cohorts/{a['cohort'].id}/members/{member.id}/team", {"team_id": new.id})
    assert response.status_code == 302
    db.session.expire_all()
    assert member.team_id == new.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "team_changed"))
    assert event.details == {"before": old.name, "after": new.name} and event.actor_id == a["facilitator"].id
    other = world["b"]["teams"][0]
    assert client.post(f"/cohorts/{a['cohort'].id}/members/{member.id}/team", {"team_id": other.id}).status_code == 404
    client.logout()
    client.login(mover.email)
    teams = client.get(f"/cohorts/{a['cohort'].id}/teams").get_data(as_text=True)
    assert new.name in teams and old.name not in teams


def test_role_change_and_last_facilitator(client, factory):
    world = factory.world()
    a = world["a"]
    member = db.session.scalar(select(CohortMember).where(CohortMember.user_id == a["participants"][1].id))
    client.login(a["facilitator"].email)
    client.post(f"/cohorts/{a['cohort'].id}/members/{member.id}/role", {"role": "mentor"})
    db.session.expire_all()
    assert member.role == Role.MENTOR and member.team_id is None
    fac = db.session.scalar(select(CohortMember).where(CohortMember.user_id == a["facilitator"].id))
    client.post(f"/cohorts/{a['cohort'].id}/members/{fac.id}/role", {"role": "participant"})
    db.session.expire_all()
    assert fac.role == Role.FACILITATOR  # the cohort keeps a facilitator
    assert client.post(f"/cohorts/{a['cohort'].id}/members/{member.id}/role", {"role": "boss"}).status_code == 400
    client.logout()
    client.login(a["participants"][0].email)
    assert (
        client.post(f"/cohorts/{a['cohort'].id}/members/{member.id}/role", {"role": "facilitator"}).status_code == 403
    )


def test_add_member_defaults_to_participant_and_catches_duplicates(client, factory):
    world = factory.world()
    a = world["a"]
    client.login(a["facilitator"].email)
    page = client.get(f"/cohorts/{a['cohort'].id}/members").get_data(as_text=True)
    assert re.search(r'<option selected value="participant">|<option value="participant" selected>', page)
    taken = a["participants"][0]
    form = {"name": "Kembar", "email": "kembar@example.go.id", "nip": taken.nip, "role": "participant", "team_id": 0}
    response = client.post(f"/cohorts/{a['cohort'].id}/members", form)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="nip-error"' in body and 'value="Kembar"' in body
    outsider = world["b"]["participants"][0]
    response = client.post(f"/cohorts/{a['cohort'].id}/members", dict(form, nip=outsider.nip))
    assert response.status_code == 302  # the NIP of an account outside the cohort: that account is added
    assert db.session.scalar(select(User).where(User.email == "kembar@example.go.id")) is None
    added = db.session.scalar(
        select(CohortMember).where(CohortMember.cohort_id == a["cohort"].id, CohortMember.user_id == outsider.id)
    )
    assert added is not None and added.role == Role.PARTICIPANT


def test_export_contains_own_data_only(client, factory):
    world = factory.world()
    me = world["a"]["participants"][0]
    client.login(me.email)
    assert "Unduh data saya" in client.get("/account").get_data(as_text=True)
    response = client.get("/account/my-data.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["profile"]["email"] == me.email and "password_hash" not in data["profile"]
    assert [m["cohort_id"] for m in data["records"]["cohort_members"]] == [world["a"]["cohort"].id]
    text = response.get_data(as_text=True)
    others = [u for u in db.session.scalars(select(User)) if u.id != me.id]
    assert not [u.email for u in others if u.email in text]


def test_anonymise_keeps_rows_and_disables_sign_in(client, factory):
    world = factory.world()
    person = world["a"]["participants"][0]
    old_email, old_nip = person.email, person.nip
    client.login(world["admin"].email)
    refused = client.post(f"/admin/users/{person.id}/anonymise", {})
    assert refused.status_code == 302
    assert db.session.get(User, person.id).anonymised_at is None
    client.post(f"/admin/users/{person.id}/anonymise", {"confirm": "yes"})
    db.session.expire_all()
    user = db.session.get(User, person.id)
    assert user.anonymised_at and not user.active and user.nip is None and old_email not in user.email
    assert db.session.scalar(select(CohortMember).where(CohortMember.user_id == person.id)) is not None
    page = client.get("/admin/users?q=" + old_nip).get_data(as_text=True)
    assert "0 akun" in page
    client.logout()
    client.get("/login")
    assert "salah" in client.post("/login", {"email": old_email, "password": "diklat-demo"}).get_data(as_text=True)


def test_audit_trail_is_append_only_and_filterable(client, factory):
    world = factory.world()
    client.login(world["admin"].email)
    target = world["a"]["participants"][1]
    done(client.post("/admin/users/bulk", {"user_id": [str(target.id)], "action": "deactivate"}))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "deactivated"))
    assert event.subject_id == target.id and event.actor_id == world["admin"].id
    page = client.get("/admin/audit?action=deactivated&person=" + target.email).get_data(as_text=True)
    assert target.name in page and "Dinonaktifkan" in page
    assert target.name not in client.get("/admin/audit?action=anonymised").get_data(as_text=True)
    event.action = "something_else"
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.delete(db.session.get(AuditEvent, event.id))
        db.session.flush()
    db.session.rollback()


def test_admin_account_list_filters_and_bulk_resend(client, factory, app):
    world = factory.world()
    client.login(world["admin"].email)
    page = client.get(f"/admin/users?role=mentor&cohort={world['a']['cohort'].id}").get_data(as_text=True)
    assert world["a"]["mentor"].email in page and world["b"]["mentor"].email not in page
    assert "Mentor · Angkatan A" in page
    never = client.get("/admin/users?status=never").get_data(as_text=True)
    assert world["b"]["facilitator"].email in never and world["admin"].email not in never
    invited = User(email="diundang@example.go.id", name="Diundang")
    invited.set_unusable_password()
    db.session.add(invited)
    db.session.commit()
    done(
        client.post(
            "/admin/users/bulk", {"user_id": [str(invited.id), str(world["b"]["mentor"].id)], "action": "resend"}
        )
    )
    from tests.access.helpers import mails_to

    assert len(mails_to(app, "diundang@example.go.id")) == 1
    assert mails_to(app, world["b"]["mentor"].email) == []  # has a password: skipped
    assert client.post("/admin/users/bulk", {"action": "resend"}).status_code == 302
    client.logout()
    client.login(world["a"]["facilitator"].email)
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/audit").status_code == 403


def test_demo_keeps_ready_accounts_and_shows_invitation_states(client, app):
    from diklat.auth.states import access_states
    from diklat.demo import run_demo_seed

    run_demo_seed()
    run_demo_seed()  # idempotent
    client.login("peserta01@diklat.example")  # the ready accounts keep the demo password
    assert client.get("/").status_code == 200
    cohort = db.session.scalar(
        select(db.Model.metadata.tables["cohorts"].c.id).where(db.text("name = 'Angkatan II Tahun 2026'"))
    )
    members = db.session.scalars(select(CohortMember).where(CohortMember.cohort_id == cohort)).all()
    states = set(access_states(m.user for m in members).values())
    assert {"invited", "opened", "send_failed", "active"} <= states
