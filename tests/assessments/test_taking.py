"""Taking a test end to end: start, save per answer (JSON) or per form, resume, deadline, one attempt, key hidden."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from werkzeug.datastructures import MultiDict

from diklat.assessments.attempt_services import close_expired, save_response
from diklat.assessments.layout import attempt_layout
from diklat.assessments.models import Attempt, AttemptGrant
from diklat.common.time import utcnow
from diklat.extensions import db


def start(client, world, user=None):
    user = user or world["a"]["participants"][0]
    client.login(user.email)
    cohort = world["a"]["cohort"].id
    client.get(f"/cohorts/{cohort}/tests")
    response = client.post(f"/cohorts/{cohort}/tests/{world['test'].id}/start")
    assert response.status_code == 302, response.status_code
    attempt = db.session.scalar(db.select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.id.desc()))
    return attempt, response.headers["Location"]


def save_json(client, world, attempt, question_id, fields):
    url = f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/answer"
    return client.raw.post(
        url,
        json={"question": question_id, "fields": fields},
        headers={"X-CSRFToken": client.token, "Accept": "application/json"},
    )


def layout(attempt):
    return {
        s.question_id: s
        for s in attempt_layout(
            attempt.seed,
            [(q.id, q.qtype.value, q.data) for q in attempt.test.questions],
            attempt.test.shuffle_questions,
            attempt.test.shuffle_choices,
        )
    }


def right_fields(attempt):
    """Form fields that answer every question right, built from the layout like the page does."""
    fields = []
    for q in attempt.test.questions:
        slot = layout(attempt)[q.id]
        name = f"q{q.id}"
        if q.qtype.value == "multichoice":
            best = max(range(len(q.data["choices"])), key=lambda i: q.data["choices"][i]["fraction"])
            fields.append((name, str(slot.choice_order.index(best))))
        elif q.qtype.value == "multiresponse":
            fields += [
                (name, str(slot.choice_order.index(i))) for i, c in enumerate(q.data["choices"]) if c["fraction"] > 0
            ]
        elif q.qtype.value == "truefalse":
            fields.append((name, "true" if q.data["correct"] else "false"))
        elif q.qtype.value == "shortanswer":
            fields.append((name, "lapor"))
        elif q.qtype.value == "numerical":
            fields.append((name, "85,2"))
        else:
            options = list(dict.fromkeys(p["answer"] for p in q.data["pairs"]))
            for pos, pair in enumerate(slot.pair_order):
                fields.append(
                    (f"{name}_{pos}", str(slot.option_order.index(options.index(q.data["pairs"][pair]["answer"]))))
                )
    return fields


def test_answer_key_never_reaches_the_browser(client, world):
    attempt, url = start(client, world)
    page = client.get(url).get_data(as_text=True)
    assert "Simbol keputusan" in page
    for marker in ("fraction", "feedback", "correct", "tolerance", "LAPOR", "SP4N", "85:0.5", "1822"):
        assert marker not in page, marker
    # choices are sent as display positions 0..n-1 only
    assert re.findall(r'name="q\d+" value="([^"]+)"', page)
    assert all(v.isdigit() or v in ("true", "false") for v in re.findall(r'name="q\d+" value="([^"]+)"', page))
    mc = world["questions"][0]
    body = save_json(client, world, attempt, mc.id, [[f"q{mc.id}", "0"]]).get_json()
    assert set(body) == {"saved", "remaining"}


def test_every_answer_saved_and_resumed_with_remaining_time(client, world):
    attempt, url = start(client, world)
    answers = right_fields(attempt)
    for q in world["questions"]:
        fields = [[k, v] for k, v in answers if k == f"q{q.id}" or k.startswith(f"q{q.id}_")]
        response = save_json(client, world, attempt, q.id, fields)
        assert response.status_code == 200 and response.get_json()["saved"]
    db.session.expire_all()
    saved = {a.test_question_id: a.response for a in attempt.answers}
    assert all(saved[q.id] for q in world["questions"])
    page = client.get(url).get_data(as_text=True)  # reopening
    remaining = int(re.search(r'data-remaining="(\d+)"', page).group(1))
    assert 29 * 60 <= remaining <= 30 * 60
    assert page.count("checked") >= 3 and 'value="lapor"' in page
    # submitting through the plain form (no script): everything right
    client.raw.post(url, data=MultiDict([("csrf_token", client.token), ("action", "submit"), *answers]))
    db.session.refresh(attempt)
    assert attempt.finished and attempt.finish_reason == "submitted"
    assert attempt.score == pytest.approx(8.0) and attempt.percent == pytest.approx(100.0)


def test_form_save_without_script_keeps_answers(client, world):
    attempt, url = start(client, world)
    tf = world["questions"][2]
    response = client.post(url, {"action": "save", f"q{tf.id}": "false"})
    assert response.status_code == 302 and response.headers["Location"].endswith(url.split("localhost")[-1])
    db.session.expire_all()
    assert {a.test_question_id: a.response for a in attempt.answers}[tf.id] == {"value": False}


def test_deadline_finalizes_on_next_access_and_late_saves_are_refused(client, world):
    attempt, url = start(client, world)
    tf = world["questions"][2]
    save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]])
    attempt.deadline_at = utcnow() - timedelta(seconds=30)
    db.session.commit()
    response = save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "false"]])
    assert response.status_code == 409 and response.get_json()["error"] == "time_up"
    db.session.refresh(attempt)
    assert attempt.finished and attempt.finish_reason == "timeout" and attempt.score == 1.0
    assert client.get(url).status_code == 302  # the page now leads to the result
    assert save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "false"]]).get_json()["error"] == "finished"


def test_close_expired_command(app, client, world):
    attempt, _ = start(client, world)
    attempt.deadline_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["tests", "close-expired"])
    assert "Closed 1 expired attempt(s)." in result.output
    db.session.refresh(attempt)
    assert attempt.finish_reason == "timeout" and attempt.submitted_at == attempt.deadline_at
    assert close_expired(utcnow()) == 0


def test_save_after_submission_cannot_change_the_grade(client, world):
    attempt, url = start(client, world)
    client.post(url, {"action": "submit"})
    db.session.refresh(attempt)
    from diklat.assessments.attempt_services import AttemptError

    with pytest.raises(AttemptError):
        save_response(attempt, world["questions"][0].id, {"choice": 0}, utcnow())


def test_one_attempt_unless_granted_with_reason(client, world):
    attempt, url = start(client, world)
    client.post(url, {"action": "submit"})
    again = client.post(f"/cohorts/{world['a']['cohort'].id}/tests/{world['test'].id}/start")
    assert again.status_code == 302 and again.headers["Location"].endswith("/tests")
    assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)) == 1
    client.logout()
    client.login(world["a"]["facilitator"].email)
    grants_url = f"/cohorts/{world['a']['cohort'].id}/tests/{world['test'].id}/attempts"
    client.get(grants_url)
    refused = client.post(grants_url, {"user_id": str(attempt.user_id), "reason": ""})
    assert refused.status_code == 200 and db.session.scalar(db.select(AttemptGrant.id)) is None
    client.post(grants_url, {"user_id": str(attempt.user_id), "reason": "Laptop mati di tengah tes"})
    grant = db.session.scalar(db.select(AttemptGrant))
    assert grant.reason == "Laptop mati di tengah tes" and grant.granted_by_id == world["a"]["facilitator"].id
    client.logout()
    second, _ = start(client, world)
    assert second.number == 2 and second.id != attempt.id


def test_reopening_start_resumes_the_same_attempt(client, world):
    first, _ = start(client, world)
    second, _ = start(client, world)
    assert first.id == second.id


def test_other_people_cannot_use_an_attempt(client, world):
    attempt, url = start(client, world)
    client.logout()
    client.login(world["a"]["participants"][1].email)
    assert client.get(url).status_code == 404
    q = world["questions"][0]
    assert save_json(client, world, attempt, q.id, [[f"q{q.id}", "0"]]).status_code == 404


def test_json_save_needs_csrf(client, world):
    attempt, _ = start(client, world)
    url = f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/answer"
    q = world["questions"][0]
    assert client.raw.post(url, json={"question": q.id, "fields": []}).status_code == 400


def test_result_review_only_after_the_window_closes(client, world):
    attempt, url = start(client, world)
    client.post(url, {"action": "submit"})
    result = client.get(f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/result").get_data(as_text=True)
    assert "belah ketupat" not in result
    world["test"].closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = client.get(f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/result").get_data(as_text=True)
    assert "belah ketupat" in result


def test_home_page_points_participants_to_the_open_test(client, world):
    client.login(world["a"]["participants"][0].email)
    home = client.get("/").get_data(as_text=True)
    assert "Pre-test uji" in home and f"/cohorts/{world['a']['cohort'].id}/tests" in home
    _, url = start(client, world)
    client.post(url, {"action": "submit"})
    assert "Pre-test uji" not in client.get("/").get_data(as_text=True)
