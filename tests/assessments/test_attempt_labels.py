"""The test page's per-question labels are translated in the view (once per page); both languages still read right."""

from __future__ import annotations

from tests.assessments.test_taking import start


def test_question_labels_follow_the_chosen_language(client, world):
    _attempt, url = start(client, world)
    total = len(world["questions"])
    page = client.get(url).get_data(as_text=True)
    assert f"Soal 1 dari {total}" in page and f"Soal {total} dari {total}" in page
    assert 'aria-label="Soal 1: belum dijawab"' in page and "Tandai untuk ditinjau" in page
    assert " poin</span>" in page
    client.post("/language", {"locale": "en"})
    page = client.get(url).get_data(as_text=True)
    assert f"Question 1 of {total}" in page and 'aria-label="Question 1: not answered"' in page
    assert "point(s)</span>" in page and "Flag for review" in page
