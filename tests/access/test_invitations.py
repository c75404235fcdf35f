"""Invitations after enrolment: mails, one-time links, slips with codes, resend, failed sends."""

from __future__ import annotations

import subprocess
import time
from datetime import timedelta

import time_machine
from sqlalchemy import select

from diklat.auth.models import UNUSABLE_PASSWORD, User
from diklat.auth.token_models import MailStatus, SignInToken
from diklat.common.audit import AuditEvent
from diklat.common.time import utcnow
from diklat.extensions import db
from tests.access.helpers import HEADER, body, csv_upload, done, link_in, mails, mails_to, person_row


def _enrol(client, cohort, rows: str):
    return done(
        client.post(f"/cohorts/{cohort.id}/enrol", csv_upload(HEADER + rows), content_type="multipart/form-data")
    )


def test_enrolment_invites_new_accounts_and_tells_existing_ones(client, factory, app):
    world = factory.world()
    cohort = world["a"]["cohort"]
    known = world["b"]["participants"][0]  # has an account from cohort B
    client.login(world["a"]["facilitator"].email)
    rows = person_row(1) + person_row(2) + f"{known.name},{known.nip},{known.email},DPMPTSP,,Petugas,Kelompok Baru\n"
    response = _enrol(client, cohort, rows)
    assert response.status_code == 302
    new = db.session.scalars(select(User).where(User.email.like("baru%"))).all()
    assert len(new) == 2 and all(u.password_hash == UNUSABLE_PASSWORD for u in new)  # no scrypt per account
    for user in new:
        (invitation,) = mails_to(app, user.email)
        assert "/welcome/" in body(invitation) and cohort.name in invitation["Subject"]
    (notice,) = mails_to(app, known.email)
    assert "/welcome/" not in body(notice) and f"/cohorts/{cohort.id}" in body(notice)
    tokens = db.session.scalars(select(SignInToken)).all()
    assert len(tokens) == 2 and {t.mail_status for t in tokens} == {MailStatus.SENT}
    assert all(len(t.token_hash) == 64 for t in tokens)  # only the sha256 digest is stored
    secrets_sent = {link_in(mails_to(app, u.email)[0]).rsplit("/", 1)[1] for u in new}
    assert not secrets_sent & {t.token_hash for t in tokens}
    page = client.get(f"/cohorts/{cohort.id}/members").get_data(as_text=True)
    assert page.count("Diundang") >= 2  # access state "Invited" per new participant


def test_link_sets_password_once_then_shows_the_clear_page(client, factory, app):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    _enrol(client, world["a"]["cohort"], person_row(3))
    client.logout()
    link = link_in(mails_to(app, "baru3@example.go.id")[0])
    page = client.get(link)
    assert page.status_code == 200 and "baru3@example.go.id" in page.get_data(as_text=True)
    short = client.post(link, {"new": "pendek", "confirm": "pendek"})
    assert short.status_code == 200 and 'id="new-error"' in short.get_data(as_text=True)
    done_ = client.post(link, {"new": "sandi-baru-saya-1", "confirm": "sandi-baru-saya-1"})
    assert done_.status_code == 302 and done_.headers["Location"].endswith("/")
    assert client.get("/").status_code == 200  # signed in, on the home page
    user = db.session.scalar(select(User).where(User.email == "baru3@example.go.id"))
    assert user.check_password("sandi-baru-saya-1") and user.last_login_at is not None
    client.logout()
    used = client.get(link)
    assert used.status_code == 410 and "Kirim tautan baru" in used.get_data(as_text=True)
    tampered = client.get(link[:-3] + "xyz")
    assert tampered.status_code == 410 and "Kirim tautan baru" in tampered.get_data(as_text=True)
    assert client.get("/welcome/" + "a" * 500).status_code == 410


def test_expired_link_shows_the_clear_page(client, factory, app):
    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    _enrol(client, world["a"]["cohort"], person_row(4))
    client.logout()
    link = link_in(mails_to(app, "baru4@example.go.id")[0])
    with time_machine.travel(utcnow() + timedelta(days=6, hours=23), tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(utcnow() + timedelta(days=7, minutes=1), tick=False):
        expired = client.get(link)
        assert expired.status_code == 410
        assert "Tautan ini tidak berlaku lagi" in expired.get_data(as_text=True)


def test_slips_pdf_and_code_sign_in(client, factory, app, tmp_path):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    _enrol(client, cohort, person_row(5) + person_row(6))
    pdf = client.post(f"/cohorts/{cohort.id}/slips.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    path = tmp_path / "slips.pdf"
    path.write_bytes(pdf.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Peserta 5" in text and "Peserta 6" in text and "Kelompok Baru" in text
    codes = [line.strip() for line in text.splitlines() if len(line.strip()) == 9 and line.strip()[4] == "-"]
    assert len(codes) == 2
    client.logout()
    wrong = client.post("/code", {"code": "AAAA-BBBB", "new": "sandi-baru-saya-1", "confirm": "sandi-baru-saya-1"})
    assert wrong.status_code == 200 and 'id="code-error"' in wrong.get_data(as_text=True)
    ok = client.post(
        "/code", {"code": codes[0].lower().replace("-", " "), "new": "sandi-dari-slip", "confirm": "sandi-dari-slip"}
    )
    assert ok.status_code == 302
    again = client.post("/code", {"code": codes[0], "new": "sandi-dari-slip", "confirm": "sandi-dari-slip"})
    assert 'id="code-error"' in again.get_data(as_text=True)  # single use
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "slips_printed")) is not None


def test_failed_send_is_recorded_and_resend_works(client, factory, app, monkeypatch):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)

    def broken(*args, **kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr("diklat.auth.mail_jobs.send_mail", broken)
    assert _enrol(client, cohort, person_row(7)).status_code == 302  # the enrolment itself succeeds
    token = db.session.scalar(select(SignInToken))
    assert token.mail_status == MailStatus.FAILED and "unreachable" in token.mail_error
    page = client.get(f"/cohorts/{cohort.id}/members").get_data(as_text=True)
    assert "Surel gagal" in page
    monkeypatch.undo()
    member = next(m for m in cohort.members if m.user.email == "baru7@example.go.id")
    done(client.post(f"/cohorts/{cohort.id}/members/{member.id}/invite"))
    (mail,) = mails_to(app, "baru7@example.go.id")
    assert client.get(f"/cohorts/{cohort.id}/members").status_code == 200
    client.logout()
    assert client.get(link_in(mail)).status_code == 200


def test_resend_all_replaces_older_links(client, factory, app):
    world = factory.world()
    cohort = world["a"]["cohort"]
    client.login(world["a"]["facilitator"].email)
    _enrol(client, cohort, person_row(8) + person_row(9))
    first = link_in(mails_to(app, "baru8@example.go.id")[0])
    done(client.post(f"/cohorts/{cohort.id}/invitations/resend"))
    assert len(mails_to(app, "baru8@example.go.id")) == 2 and len(mails_to(app, "baru9@example.go.id")) == 2
    client.logout()
    assert client.get(first).status_code == 410  # only the newest link works
    assert client.get(link_in(mails_to(app, "baru8@example.go.id")[-1])).status_code == 200


def test_thirty_invitations_do_not_slow_the_enrolment(client, factory, app, monkeypatch):
    from diklat.auth import hashing

    world = factory.world()
    client.login(world["a"]["facilitator"].email)
    hashed: list[str] = []
    real_hash = hashing.generate_password_hash
    monkeypatch.setattr(hashing, "generate_password_hash", lambda *a, **k: hashed.append("x") or real_hash(*a, **k))
    rows = "".join(person_row(100 + n) for n in range(30))
    started = time.perf_counter()
    response = client.post(
        f"/cohorts/{world['a']['cohort'].id}/enrol", csv_upload(HEADER + rows), content_type="multipart/form-data"
    )
    elapsed = time.perf_counter() - started  # until the response: mails run after it
    assert response.status_code == 302
    assert hashed == []  # no (deliberately slow) password hashing for the 30 new accounts
    assert mails(app) == []  # nothing is sent inside the request
    assert elapsed < 5.0, elapsed  # about 0.6 s on SQLite on the shared 2-core machine
    done(response)
    assert len([m for m in mails(app) if m["To"].startswith("baru1")]) == 30


def test_nip_of_existing_account_enrols_that_account_and_duplicates_in_cohort_are_row_errors(client, factory, app):
    world = factory.world()
    cohort = world["a"]["cohort"]
    elsewhere, inside = world["b"]["participants"][0], world["a"]["participants"][0]
    client.login(world["a"]["facilitator"].email)
    bad = _enrol(client, cohort, f"Orang Sama,{inside.nip},alamat-lain@example.go.id,DPMPTSP,,Petugas,Kelompok a1\n")
    assert bad.status_code == 422 and inside.email in bad.get_data(as_text=True)
    ok = _enrol(client, cohort, f"Orang Sama,{elsewhere.nip},alamat-baru@example.go.id,DPMPTSP,,Petugas,Kelompok a1\n")
    assert ok.status_code == 302
    assert db.session.scalar(select(User).where(User.email == "alamat-baru@example.go.id")) is None
    assert any(m.user_id == elsewhere.id for m in cohort.members)
    (notice,) = mails_to(app, elsewhere.email)
    assert "/welcome/" not in body(notice)
