"""Flag for review, the review page before submitting, the navigator's states; answers stay saved."""

from __future__ import annotations

from diklat.assessments.models import AttemptAnswer
from diklat.extensions import db
from tests.assessments.test_taking import save_json, start


def test_flag_review_page_then_submit(client, world):
    attempt, url = start(client, world)
    first, second = world["test"].questions[:2]
    tf = next(q for q in world["test"].questions if q.qtype.value == "truefalse")
    assert save_json(client, world, attempt, tf.id, [[f"q{tf.id}", "true"]]).status_code == 200
    assert (
        save_json(
            client,
            world,
            attempt,
            first.id,
            [],
        ).status_code
        == 200
    )
    response = client.raw.post(
        f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/answer",
        json={"question": second.id, "fields": [], "flagged": True},
        headers={"X-CSRFToken": client.token, "Accept": "application/json"},
    )
    assert response.status_code == 200
    answer = db.session.scalar(
        db.select(AttemptAnswer).where(
            AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.test_question_id == second.id
        )
    )
    assert answer.flagged is True

    page = client.get(url).get_data(as_text=True)
    assert "q-nav-item is-flagged" in page and "is-answered" in page and 'inputmode="decimal"' in page
    assert f'name="flag-{second.id}" id="flag-{second.id}" value="1" checked' in page

    # "Review and submit" posts the whole form (answers and flags) and lands on the review page
    form = {f"q{tf.id}": "false", f"flag-{first.id}": "1", "action": "review"}
    response = client.post(url, form)
    assert response.status_code == 302 and response.headers["Location"].endswith("/review")
    review = client.get(response.headers["Location"]).get_data(as_text=True)
    total = len(world["test"].questions)
    assert f"1 dari {total} dijawab" in review or f"1 of {total} answered" in review
    assert review.count('class="review-link"') == (total - 1) + 1  # unanswered, plus the one flag left
    assert db.session.get(type(attempt), attempt.id).submitted_at is None

    done = client.post(f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/submit")
    assert done.status_code == 302 and done.headers["Location"].endswith("/result")
    db.session.expire_all()
    finished = db.session.get(type(attempt), attempt.id)
    assert finished.finish_reason == "submitted" and finished.score is not None
    again = client.post(f"/cohorts/{world['a']['cohort'].id}/attempts/{attempt.id}/submit")
    assert again.status_code == 302
