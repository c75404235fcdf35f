"""The two-statement answer save decides only the usual case; every unusual one still gets the full path's answer."""

from __future__ import annotations

from datetime import timedelta

from diklat.assessments.models import AttemptAnswer
from diklat.cohorts.models import CohortMember, Role
from diklat.common.time import utcnow
from diklat.extensions import db
from tests.assessments.test_taking import save_json, start


def _stored(attempt, question) -> AttemptAnswer:
    db.session.expire_all()
    return db.session.scalar(
        db.select(AttemptAnswer).where(
            AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.test_question_id == question.id
        )
    )


def _post(client, cohort_id, attempt, body):
    return client.raw.post(
        f"/cohorts/{cohort_id}/attempts/{attempt.id}/answer",
        json=body,
        headers={"X-CSRFToken": client.token, "Accept": "application/json"},
    )


def test_saves_and_flags_and_keeps_the_flag_when_not_sent(client, world):
    attempt, _ = start(client, world)
    tf = world["questions"][2]
    body = {"question": tf.id, "fields": [[f"q{tf.id}", "true"]], "flagged": True}
    response = _post(client, world["a"]["cohort"].id, attempt, body)
    assert response.status_code == 200 and 0 < response.get_json()["remaining"] <= 30 * 60
    assert _stored(attempt, tf).response == {"value": True} and _stored(attempt, tf).flagged is True
    assert save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "false"]]).status_code == 200
    assert _stored(attempt, tf).response == {"value": False} and _stored(attempt, tf).flagged is True


def test_the_attempt_under_another_cohort_is_not_found(client, world):
    attempt, _ = start(client, world)
    tf = world["questions"][2]
    body = {"question": tf.id, "fields": [[f"q{tf.id}", "true"]]}
    assert _post(client, world["b"]["cohort"].id, attempt, body).status_code == 404
    assert _stored(attempt, tf).response is None


def test_a_member_who_is_no_longer_a_participant_is_refused(client, world):
    attempt, _ = start(client, world)
    membership = db.session.scalar(
        db.select(CohortMember).where(
            CohortMember.user_id == attempt.user_id, CohortMember.cohort_id == world["a"]["cohort"].id
        )
    )
    membership.role = Role.MENTOR
    db.session.commit()
    tf = world["questions"][2]
    assert save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]]).status_code == 403
    assert _stored(attempt, tf).response is None


def test_a_question_of_another_test_is_a_bad_request(client, world, factory):
    attempt, _ = start(client, world)
    response = save_json(client, world, attempt, 10_000, [["q10000", "0"]])
    assert response.status_code == 400 and response.get_json()["error"] == "bad_request"
    response = _post(client, world["a"]["cohort"].id, attempt, {"question": "x"})
    assert response.status_code == 400


def test_an_answer_sent_within_the_grace_seconds_still_counts(client, world):
    attempt, _ = start(client, world)
    attempt.deadline_at = utcnow() - timedelta(seconds=2)
    db.session.commit()
    tf = world["questions"][2]
    response = save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]])
    assert response.status_code == 200 and response.get_json()["remaining"] == 0
    assert _stored(attempt, tf).response == {"value": True}


def _own_account(attempt):
    from diklat.auth.models import User

    return db.session.get(User, attempt.user_id)


def test_a_session_ended_elsewhere_saves_nothing_and_is_sent_to_sign_in(client, world):
    attempt, _ = start(client, world)
    _own_account(attempt).end_sessions()  # "sign out everywhere", a new password, a deactivation
    db.session.commit()
    tf = world["questions"][2]
    response = save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]])
    # The page script is told in JSON, so it keeps the answer and offers the sign-in page instead of "offline".
    assert response.status_code == 401 and response.get_json()["error"] == "signed_out"
    assert response.get_json()["url"] == "/login" and "masuk lagi" in response.get_json()["message"]
    assert _stored(attempt, tf).response is None
    page = client.raw.get(f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}")  # a browser tab: redirected
    assert page.status_code == 302 and "/login?next=" in page.headers["Location"]


def test_a_temporary_password_leads_to_the_change_form_and_saves_nothing(client, world):
    attempt, _ = start(client, world)
    _own_account(attempt).must_change_password = True
    db.session.commit()
    tf = world["questions"][2]
    response = save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]])
    assert response.status_code == 403 and response.get_json()["error"] == "password_change"
    assert response.get_json()["url"].endswith("/account/password")
    assert _stored(attempt, tf).response is None
    page = client.raw.get(f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}")
    assert page.status_code == 302 and page.headers["Location"].endswith("/account/password")


def test_an_expired_form_is_answered_in_json_for_the_page_script(client, world):
    attempt, _ = start(client, world)
    tf = world["questions"][2]
    url = f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/answer"
    body = {"question": tf.id, "fields": [[f"q{tf.id}", "true"]]}
    response = client.raw.post(url, json=body, headers={"X-CSRFToken": "stale", "Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"] == "form_expired"
    assert response.get_json()["link"] == "Muat ulang halaman"  # the words of the page script's reload link
    assert _stored(attempt, tf).response is None


def test_a_forged_session_identity_is_not_an_account(client, world):
    attempt, _ = start(client, world)
    with client.raw.session_transaction() as session:
        session["_user_id"] = f"{attempt.user_id}:not-the-token"
    tf = world["questions"][2]
    assert save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]]).status_code == 401
    assert _stored(attempt, tf).response is None


def test_another_participants_session_cannot_save_into_this_attempt(client, world):
    attempt, _ = start(client, world)
    client.logout()
    teammate = world["a"]["participants"][1]
    own, _ = start(client, world, user=teammate)  # now signed in as a teammate with an attempt of their own
    assert own.user_id == teammate.id != attempt.user_id
    tf = world["questions"][2]
    assert save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]]).status_code == 404
    assert _stored(attempt, tf).response is None
