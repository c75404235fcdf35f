"""Quarterly reviews, course feedback and the four-level report (page, PDF, workbook)."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from diklat.common import time as clock
from diklat.extensions import db
from diklat.monitoring.evaluation import build_report, level2_learning, level3_behaviour
from diklat.monitoring.indicator_import import MonthRecord
from diklat.monitoring.levels23 import learning_rows
from diklat.monitoring.models import CourseFeedback, QuarterlyReview, ResponseSource
from diklat.monitoring.periods import add_months, quarter_of
from diklat.monitoring.services import save_month
from diklat.monitoring.skm_services import add_response


def review_url(world):
    a = world["a"]
    year, quarter = quarter_of(clock.today())
    return f"/cohorts/{a['cohort'].id}/monitoring/teams/{a['teams'][0].id}/reviews/{year}/{quarter}"


def test_review_with_sop_revision_needs_reason_and_reference(client, world):
    url = review_url(world)
    client.login(world["a"]["mentor"].email)
    client.get(url)
    response = client.post(
        url,
        {
            "observation": "SOP dipakai di loket.",
            "decisions": "Tambah petugas.",
            "revise_sop": "y",
            "sop_version_id": "0",
        },
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Tuliskan alasan revisi SOP." in text and "SOP dipakai di loket." in text
    response = client.post(
        url,
        {
            "observation": "SOP dipakai di loket.",
            "decisions": "Tambah petugas.",
            "revise_sop": "y",
            "sop_version_id": "0",
            "sop_reference": "Versi 2, 1 Agustus",
            "revision_reason": "Langkah verifikasi dipangkas.",
        },
    )
    assert response.status_code == 302
    review = db.session.scalar(select(QuarterlyReview))
    assert (review.sop_reference, review.revision_reason, review.sop_version_id) == (
        "Versi 2, 1 Agustus",
        "Langkah verifikasi dipangkas.",
        None,
    )


def test_review_links_a_version_of_the_teams_sop(client, factory, world):
    team = world["a"]["teams"][0]
    _first, second = factory.sop_versions(team, world["a"]["team_participant"], ["Draf awal", "Setelah uji coba"])
    url = review_url(world)
    client.login(world["a"]["facilitator"].email)
    assert "Setelah uji coba" in client.get(url).get_data(as_text=True)
    response = client.post(
        url,
        {
            "observation": "a",
            "decisions": "b",
            "revise_sop": "y",
            "sop_version_id": str(second),
            "revision_reason": "Alur rujukan diperjelas.",
            "version": "",
        },
    )
    assert response.status_code == 302
    review = db.session.scalar(select(QuarterlyReview))
    assert (review.sop_version_id, review.sop_reference) == (second, "Versi 2")


def test_review_refuses_a_stale_edit(client, world):
    url = review_url(world)
    client.login(world["a"]["facilitator"].email)
    client.get(url)
    assert client.post(url, {"observation": "a", "decisions": "b", "version": ""}).status_code == 302
    response = client.post(url, {"observation": "teks saya", "decisions": "b", "version": "0"})
    assert response.status_code == 409 and "teks saya" in response.get_data(as_text=True)


def test_participant_gives_course_feedback_once_and_can_change_it(client, world):
    a = world["a"]
    url = f"/cohorts/{a['cohort'].id}/monitoring/feedback"
    client.login(a["team_participant"].email)
    page = client.get(url).get_data(as_text=True)
    assert "Modul 8" in page
    ratings = {f"m{n}": "4" for n in range(1, 9)} | {f"f{a['facilitator'].id}": "5"}
    response = client.post(url, {**ratings, "m8": "", "liked": "Simulasi loket"})
    assert response.status_code == 422 and "Simulasi loket" in response.get_data(as_text=True)
    assert client.post(url, {**ratings, "liked": "Simulasi loket", "version": ""}).status_code == 302
    client.get(url)
    assert client.post(url, {**ratings, "m1": "5", "version": "1"}).status_code == 302
    feedback = db.session.scalar(select(CourseFeedback))
    assert feedback.module_ratings["1"] == 5 and feedback.facilitator_ratings == {str(a["facilitator"].id): 5}


def _fill(world):
    service, course = world["service"], world["course_month"]
    for offset, (avg, received, first) in enumerate([(90, 12, 50), (88, 14, 55), (92, 13, 52)], start=-3):
        save_month(
            service,
            MonthRecord(0, service.name, add_months(course, offset), 100, avg, None, received, received, first),
            None,
        )
    for offset in range(0, 6):
        save_month(service, MonthRecord(0, service.name, add_months(course, offset), 100, 60, None, 5, 5, 80), None)
    start = world["a"]["cohort"].start_date
    for i in range(12):
        add_response(service, [3] * 9, start + timedelta(days=i), ResponseSource.ONLINE)
        add_response(service, [4] * 9, start + timedelta(days=100 + i), ResponseSource.PAPER)
    db.session.commit()


def test_report_levels_missing_data_is_missing_not_zero(app_ctx, world):
    report = build_report(world["a"]["cohort"])
    assert report["l1"]["available"] is False and report["l1"]["respondents"] == 0
    assert report["l1"]["modules"][0]["mean"] is None
    assert report["l2"] == {"level": 2, "available": False}
    assert report["l3"]["available"] is False and report["l3"]["observed"] is False
    assert report["l3"]["statuses"] == [] and report["l3"]["in_trial_or_revised"] is None
    assert report["l4"]["available"] is False
    team = report["l4"]["teams"][0]
    assert team["indicators"] == [] and team["skm_latest"] is None


def test_report_level4_from_indicators_and_skm(app_ctx, world):
    _fill(world)
    l4 = build_report(world["a"]["cohort"])["l4"]
    team = next(t for t in l4["teams"] if t["indicators"])
    time = next(i for i in team["indicators"] if i["key"] == "avg_minutes")
    assert (time["baseline"], time["latest"], time["improved"]) == (90.0, 60.0, True)
    assert team["baseline_months"] == 3 and team["quarter_months"] == 3
    assert team["skm_first"]["index"] == 75.0 and team["skm_latest"]["index"] == 100.0
    assert team["skm_change"] == 25.0 and team["skm_latest"]["n"] == 12
    assert l4["n_teams_indicators"] == 1 and l4["improved"]["avg_minutes"] == {"improved": 1, "worse": 0, "n": 1}


def test_level_2_rows_show_a_missing_figure_as_missing_not_zero(app_ctx):
    # L2 presentation of a summary with a missing figure (the real assessments path: tests/integration).
    with app_ctx.test_request_context("/"):
        l2 = learning_rows({"n_paired": 4, "mean_g": 0.52, "categories": {"high": 1, "medium": 3}})
        rows = [(str(label), value) for label, value, _kind in l2["rows"]]
    assert l2["n"] == 4
    assert rows[3] == ("Rata-rata N-gain individu (g)", 0.52)
    assert [value for _label, value, _kind in l2["rows"]][1] is None  # not reported: missing, not zero
    assert [value for _label, value, _kind in l2["categories"]] == [1, 3, 0]


def test_levels_2_and_3_from_the_other_features(app_ctx, world):
    from diklat.followups import visit_services as visits
    from diklat.followups.models import Rating

    # L3 from a real mentoring visit on team a1: 4 of 5 steps applied, one partly.
    ratings = [Rating.APPLIED] * 4 + [Rating.PARTLY]
    data = visits.VisitData(
        started_on=clock.today() - timedelta(days=30),
        ended_on=clock.today() - timedelta(days=30),
        place="Kantor",
        observations=[visits.ObservationData(f"Langkah {i + 1}", r) for i, r in enumerate(ratings)],
    )
    visits.save_visit(world["a"]["teams"][0], world["a"]["mentor"], data)
    db.session.commit()
    cohort_id = world["a"]["cohort"].id
    assert level2_learning(cohort_id)["available"] is False  # nobody has taken the tests yet
    l3 = level3_behaviour(cohort_id)
    assert l3["available"] and l3["observed"] and l3["overall"]["share_applied"] == 0.8
    assert l3["overall"]["observed"] == 5 and l3["overall"]["partly"] == 1
    assert (
        next(t for t in l3["teams"] if t["share"] is not None)["share"] == 0.8 and l3["statuses"] == []
    )  # no team has an SOP yet


def test_report_page_pdf_and_workbook(client, world):
    _fill(world)
    a = world["a"]
    base = f"/cohorts/{a['cohort'].id}/monitoring"
    client.login(a["facilitator"].email)
    page = client.get(f"{base}/report").get_data(as_text=True)
    assert "Data belum tersedia" in page and "Level 4" in page and "90 → 60" in page
    pdf = client.get(f"{base}/report.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    workbook = load_workbook(io.BytesIO(client.get(f"{base}/report.xlsx").data))
    assert workbook.sheetnames == ["L1 Reaksi", "L2 Pembelajaran", "L3 Perilaku", "L4 Hasil"]
    assert workbook["L2 Pembelajaran"]["A2"].value == "Data belum tersedia"
    values = [row for row in workbook["L4 Hasil"].iter_rows(values_only=True)]
    assert any(r[1] == "Rata-rata waktu layanan" and r[2] == 90 and r[3] == 60 for r in values)
