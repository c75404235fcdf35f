"""Notifications: created from the features' signals, shown under the bell, mailed by preference, once."""

from __future__ import annotations

from datetime import datetime, timedelta

import time_machine
from sqlalchemy import select

from diklat.curriculum.services import get_module, review_answer, save_answer
from diklat.extensions import db
from diklat.notifications import services
from diklat.notifications.models import MailMode, Notification
from diklat.notifications.scan import scan
from tests.curriculum.conftest import sheet_url


def _returned_sla(world, accept: bool = False):
    cohort, team, me = world["a"]["cohort"], world["a"]["teams"][0], world["a"]["participants"][0]
    sheet = next(w for w in get_module(4).worksheets if w.key == "sla")
    answer = save_answer(sheet, cohort, {"service": "IUMK"}, None, me, team=team, submit=True)
    review_answer(answer, answer.version, world["a"]["facilitator"], accept, {} if accept else {"cost": "Isi biaya."})
    db.session.commit()
    return answer


def _notes(user) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)))


def test_returned_worksheet_reaches_the_whole_team_not_others(world):
    _returned_sla(world)
    first, second, other_team = (
        world["a"]["participants"][0],
        world["a"]["participants"][1],
        world["a"]["participants"][2],
    )
    assert [n.kind for n in _notes(first)] == ["worksheet_returned"]
    assert [n.kind for n in _notes(second)] == ["worksheet_returned"]
    assert _notes(other_team) == [] and _notes(world["a"]["facilitator"]) == []
    assert _notes(first)[0].url == sheet_url(world["a"]["cohort"].id, 4, "sla", "teams", world["a"]["teams"][0].id)


def test_review_through_the_page_mails_immediately_once(client, world, mailbox):
    me = world["a"]["participants"][0]
    cohort, team = world["a"]["cohort"], world["a"]["teams"][0]
    sheet = next(w for w in get_module(4).worksheets if w.key == "sla")
    answer = save_answer(sheet, cohort, {"service": "IUMK"}, None, me, team=team, submit=True)
    db.session.commit()
    client.login(world["a"]["facilitator"].email)
    url = sheet_url(cohort.id, 4, "sla", "teams", team.id)
    client.get(url)
    response = client.post(
        url + "/review", {"version": str(answer.version), "action": "return", "comment-cost": "Isi."}
    )
    assert response.status_code == 302
    response.close()  # a WSGI server closes the response: the queued mail job runs then
    mails = mailbox()
    assert sorted(to for to, _s, _b in mails) == sorted(p.email for p in world["a"]["participants"][:2])
    assert all("dikembalikan untuk diperbaiki" in subject for _t, subject, _b in mails)
    assert all(url in body for _t, _s, body in mails)
    services.send_digests()  # the catch-up finds nothing left to send
    assert len(mailbox()) == 2


def test_bell_count_list_and_open_marks_read(client, world):
    _returned_sla(world)
    me = world["a"]["participants"][0]
    client.login(me.email)
    home = client.get("/").get_data(as_text=True)
    assert "Pemberitahuan: 1 belum dibaca" in home and 'class="bell-count"' in home
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Lembar kerja Anda “Lembar Kerja 4A" in page
    note = _notes(me)[0]
    opened = client.post(f"/notifications/{note.id}/open")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(note.url)
    assert services.unread_count(me.id) == 0
    assert "Pemberitahuan: 0 belum dibaca" in client.get("/").get_data(as_text=True)


@time_machine.travel(datetime(2026, 3, 10, 1, 15), tick=False)  # 08:15 WIB, 09:15 WITA
def test_the_list_shows_each_note_on_its_cohorts_wall_clock(client, world):
    world["a"]["cohort"].timezone = "Asia/Makassar"
    db.session.commit()
    _returned_sla(world)
    client.login(world["a"]["participants"][0].email)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "10 Mar 2026 09.15" in page and "08.15" not in page


def test_someone_elses_notification_is_404(client, world):
    _returned_sla(world)
    note = _notes(world["a"]["participants"][0])[0]
    client.login(world["a"]["participants"][2].email)
    assert client.post(f"/notifications/{note.id}/open").status_code == 404
    assert services.unread_count(world["a"]["participants"][0].id) == 1


def test_digest_twice_sends_once_and_off_sends_nothing(app_ctx, world, mailbox):
    first, second = world["a"]["participants"][0], world["a"]["participants"][1]
    services.set_mail_mode(first.id, MailMode.DIGEST)
    services.set_mail_mode(second.id, MailMode.OFF)
    db.session.commit()
    _returned_sla(world)  # outside a request: nothing mailed yet
    assert mailbox() == []
    assert services.send_digests().mails == 1
    assert services.send_digests().mails == 0
    mails = mailbox()
    assert [(to, subject) for to, subject, _b in mails] == [(first.email, "Ringkasan harian: 1 pemberitahuan")]
    # A later event goes into the next digest only, never repeating the first one.
    assert [n.mailed_at is not None for n in _notes(first)] == [True]
    assert [n.mailed_at for n in _notes(second)] == [None]  # "off": never mailed
    _accept_after_resubmit(world)
    services.send_digests()
    latest = mailbox()[-1]
    assert (
        latest[1] == "Ringkasan harian: 1 pemberitahuan" and "diterima" in latest[2] and "dikembalikan" not in latest[2]
    )


def _accept_after_resubmit(world):
    from diklat.curriculum.models import WorksheetAnswer

    answer = db.session.scalars(select(WorksheetAnswer)).one()
    me = world["a"]["participants"][0]
    answer = save_answer(
        answer.worksheet,
        world["a"]["cohort"],
        {"cost": "Gratis"},
        answer.version,
        me,
        team=world["a"]["teams"][0],
        submit=True,
    )
    review_answer(answer, answer.version, world["a"]["facilitator"], True, {})
    db.session.commit()


def test_digest_command_is_idempotent(app, world, mailbox):
    services.set_mail_mode(world["a"]["participants"][0].id, MailMode.DIGEST)
    db.session.commit()
    _returned_sla(world)
    runner = app.test_cli_runner()
    assert "digests: 1 mails" in runner.invoke(args=["notifications", "digest"]).output
    assert "digests: 0 mails" in runner.invoke(args=["notifications", "digest"]).output
    assert len([m for m in mailbox() if m[1].startswith("Ringkasan")]) == 1


def test_preferences_page(client, world):
    me = world["a"]["participants"][0]
    client.login(me.email)
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert "Sekali sehari, satu surel ringkasan" in page
    assert client.post("/notifications/settings", {"mail": "digest"}).status_code == 302
    assert services.mail_mode(me.id) == MailMode.DIGEST
    bad = client.post("/notifications/settings", {"mail": "hourly"})
    assert bad.status_code == 200 and 'class="error"' in bad.get_data(as_text=True)
    assert services.mail_mode(me.id) == MailMode.DIGEST


def test_test_opening_and_closing_soon_once(app_ctx, world):
    from diklat.assessments.models import Test, TestKind

    cohort = world["a"]["cohort"]
    start = datetime(2026, 3, 2, 1, 0)
    db.session.add(
        Test(
            cohort_id=cohort.id,
            kind=TestKind.PRE,
            title="Pre-test",
            opens_at=start,
            closes_at=start + timedelta(days=2),
        )
    )
    db.session.commit()
    with time_machine.travel(start - timedelta(hours=1), tick=False):
        assert scan() == 0
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert scan() == 4  # four participants: open
        assert scan() == 0
    with time_machine.travel(start + timedelta(days=1, hours=12), tick=False):
        assert scan() == 4  # closing within a day
        assert scan() == 0
    kinds = sorted(n.kind for n in _notes(world["a"]["participants"][0]))
    assert kinds == ["test_closing", "test_open"]
    assert _notes(world["b"]["participants"][0]) == []


def test_sop_return_and_comment_reach_the_team(app_ctx, world):
    from diklat.sops.services import add_comment, change_status, initial_document, save_draft, save_version

    team = world["a"]["teams"][0]
    me, fac = world["a"]["participants"][0], world["a"]["facilitator"]
    doc = initial_document(team)
    sop = save_draft(team, None, doc, me, "0")
    save_version(sop, "Versi pertama", me, str(sop.version), doc)
    change_status(sop, "submit", me, {"team"}, current=doc)
    add_comment(sop, "general", "Lengkapi dasar hukum.", fac)
    change_status(sop, "return", fac, {"manager"})
    db.session.commit()
    assert sorted(n.kind for n in _notes(world["a"]["participants"][1])) == ["sop_comment", "sop_returned"]
    assert [n.kind for n in _notes(fac)] == ["sop_submitted"]
    assert _notes(world["a"]["participants"][2]) == []


def test_visit_log_and_trial_report_reach_the_reviewers(app_ctx, world):
    from types import SimpleNamespace

    from diklat.followups.signals import report_submitted, visit_logged

    team, mentor, fac = world["a"]["teams"][0], world["a"]["mentor"], world["a"]["facilitator"]
    with app_ctx.test_request_context("/"):
        visit_logged.send(SimpleNamespace(id=7), team=team, author_id=mentor.id)
        visit_logged.send(SimpleNamespace(id=7), team=team, author_id=mentor.id)  # saved again: no second one
        report = SimpleNamespace(id=3, team_id=team.id, submitted_at=datetime(2026, 6, 1, 3))
        report_submitted.send(report, user_id=world["a"]["participants"][0].id)
    db.session.commit()
    assert sorted(n.kind for n in _notes(fac)) == ["report_submitted", "visit_logged"]
    assert [n.kind for n in _notes(mentor)] == ["report_submitted"]
    assert _notes(world["b"]["facilitator"]) == []
