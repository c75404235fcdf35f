"""Working in the bank: search, 'no module' filter, bulk assign and delete, the new-version warning."""

from __future__ import annotations

from datetime import timedelta

from diklat.assessments.attempt_services import finalize, start_attempt
from diklat.assessments.models import Question
from diklat.common.time import utcnow
from diklat.extensions import db


def test_bulk_assign_and_delete(client, world):
    bank = world["bank"]
    first, second, third = world["questions"][:3]
    first.module_number = second.module_number = None
    db.session.commit()
    client.login(world["a"]["facilitator"].email)
    url = f"/banks/{bank.id}"
    page = client.get(url + "?module=none").get_data(as_text=True)
    assert f'id="pick-{first.id}"' in page and f'id="pick-{third.id}"' not in page
    assert f'id="pick-{third.id}"' in client.get(url + "?q=kolom+pelaksana").get_data(as_text=True)

    nothing = client.post(url, {"action": "assign", "module_number": "3"})
    assert nothing.status_code == 400 and "bulk-ids-error" in nothing.get_data(as_text=True)
    bad = client.post(url, {"action": "assign", "question_ids": [first.id], "module_number": "9", "category": "X"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "module_number-error" in text and 'value="X"' in text
    done = client.post(
        url, {"action": "assign", "question_ids": [first.id, second.id], "module_number": "3", "points": "1,5"}
    )
    assert done.status_code == 302
    db.session.expire_all()
    assert {q.module_number for q in (first, second)} == {3} and first.points == 1.5
    assert first.category == "Elemen SOP"  # an empty field leaves the topic as it was

    client.post(url, {"action": "delete", "question_ids": [second.id]})
    assert db.session.get(Question, second.id) is None and db.session.get(Question, first.id) is not None


def test_editing_a_question_with_finished_answers_warns(client, world):
    question = world["questions"][0]
    client.login(world["a"]["facilitator"].email)
    url = f"/banks/{world['bank'].id}/questions/{question.id}"
    assert "flash-warning" not in client.get(url).get_data(as_text=True)
    now = utcnow()
    attempt = start_attempt(world["test"], world["a"]["participants"][0].id, now)
    finalize(attempt, "submitted", now + timedelta(minutes=1))
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "flash-warning" in page and "1" in page
    frozen = world["test"].questions[0].text
    client.post(url, {"gift": "::MC::Pertanyaan baru {=a ~b}", "points": "1", "version": str(question.version)})
    db.session.expire_all()
    assert db.session.get(Question, question.id).text != frozen and world["test"].questions[0].text == frozen
