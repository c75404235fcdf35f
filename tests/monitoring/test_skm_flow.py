"""The public SKM form (no sign-in, throttled, no personal data) and paper questionnaires."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from diklat.extensions import db
from diklat.monitoring.models import ResponseSource, SkmResponse

ANSWERS = {f"u{i}": "3" for i in range(1, 10)}


def responses() -> int:
    return db.session.scalar(select(func.count()).select_from(SkmResponse))


def test_public_form_stores_one_response_without_sign_in(client, world):
    url = f"/skm/{world['service'].survey_token}"
    page = client.get(url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Persyaratan" in text and "Sangat sesuai" in text
    response = client.post(url, {**ANSWERS, "u3": "4", "sex": "P", "suggestion": "Antrean cepat"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/thanks")
    stored = db.session.scalar(select(SkmResponse))
    assert stored.answers == [3, 3, 4, 3, 3, 3, 3, 3, 3]
    assert (stored.source, stored.sex, stored.suggestion) == (ResponseSource.ONLINE, "P", "Antrean cepat")
    assert client.get(response.headers["Location"]).status_code == 200
    assert responses() == 1


def test_missing_answers_are_marked_and_kept(client, world):
    url = f"/skm/{world['service'].survey_token}"
    client.get(url)
    partial = {k: v for k, v in ANSWERS.items() if k != "u5"}
    response = client.post(url, {**partial, "suggestion": "tetap ada"})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Pilih satu jawaban." in text and "tetap ada" in text
    assert responses() == 0


def test_rate_limit_per_address_with_clear_message(client, world, app):
    url = f"/skm/{world['service'].survey_token}"
    limit = app.config["SKM_RATE_LIMIT"]
    client.get(url)
    for _ in range(limit):
        assert client.post(url, ANSWERS).status_code == 302
    blocked = client.post(url, {**ANSWERS, "suggestion": "jawaban ke-11"})
    assert blocked.status_code == 429
    text = blocked.get_data(as_text=True)
    assert "coba lagi" in text and "jawaban ke-11" in text
    assert responses() == limit


def test_closed_and_unknown_surveys(client, world):
    world["service"].survey_open = False
    db.session.commit()
    assert client.get(f"/skm/{world['service'].survey_token}").status_code == 410
    assert client.get("/skm/tidak-ada").status_code == 404


def test_paper_entry_all_or_nothing(client, world):
    a = world["a"]
    url = f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}/services/{world['service'].id}/paper"
    day = world["course_month"].isoformat()
    client.login(a["team_participant"].email)
    client.get(url)
    row0 = {f"{k}-0": v for k, v in ANSWERS.items()} | {"tanggal-0": day}
    row1 = {f"{k}-1": v for k, v in ANSWERS.items()} | {"tanggal-1": day, "u4-1": "7"}
    response = client.post(url, {"rows": "10", **row0, **row1})
    assert response.status_code == 422
    assert 'value="7"' in response.get_data(as_text=True)
    assert responses() == 0
    response = client.post(url, {"rows": "10", **row0, **row1, "u4-1": "2", "jenis_kelamin-1": "L"})
    assert response.status_code == 302
    assert responses() == 2
    assert {r.source for r in db.session.scalars(select(SkmResponse))} == {ResponseSource.PAPER}


def test_paper_import_lists_every_problem(client, world):
    a = world["a"]
    url = f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}/services/{world['service'].id}/skm-import"
    day = world["course_month"].isoformat()
    header = "tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin,usia,pendidikan,saran\n"
    bad = (
        header
        + f"{day},3,3,3,3,3,3,3,3,3,P,30-39,SMA,\n{day},3,3,0,3,3,3,3,3,,X,,,\n2001-01-01,3,3,3,3,3,3,3,3,3,,,,\n"
    )
    client.login(a["facilitator"].email)
    client.get(url)
    response = client.post(
        url, {"file": (io.BytesIO(bad.encode()), "kuesioner.csv")}, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "4 masalah" in text and "jenis_kelamin" in text
    assert responses() == 0
    good = header + f"{day},3,3,3,3,3,3,3,3,3,P,30-39,SMA,Bagus\n{day},4,4,4,4,4,4,4,4,4,,,,\n"
    client.get(url)
    response = client.post(
        url, {"file": (io.BytesIO(good.encode()), "kuesioner.csv")}, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "87,50" in page  # (27 + 36) / 2 / 9 × 25 = 87.50, grade B
    assert "responden sedikit" in page


def test_qr_code_is_svg_of_the_public_link(client, world):
    a = world["a"]
    client.login(a["facilitator"].email)
    response = client.get(
        f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}/services/{world['service'].id}/qr.svg"
    )
    assert response.mimetype == "image/svg+xml" and b"<svg" in response.data
