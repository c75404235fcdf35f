"""The features read each other through their small APIs: checked on the seeded demo cohort."""

from __future__ import annotations

from sqlalchemy import select

from diklat.cohorts.models import Cohort, Team
from diklat.extensions import db


def test_features_share_their_data_on_the_demo_cohort(app_ctx, client):
    result = app_ctx.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == "Angkatan I Tahun 2026"))
    team = db.session.scalar(select(Team).where(Team.cohort_id == cohort.id, Team.name == "Kelompok 1"))

    # Module 4/6 worksheets feed the SOP's service standard and the monitoring charts' promised time.
    from diklat.curriculum.queries import team_worksheet_answers
    from diklat.monitoring.integrations import promised_minutes
    from diklat.sops.services import worksheet_standard

    sla = team_worksheet_answers(team.id, 4)["sla"]
    standard = worksheet_standard(team.id)
    assert standard["complaint_channel"] == team_worksheet_answers(team.id, 6)["complaint_form"]["channels"].strip()
    assert promised_minutes(team.id) == sla["standard_time_minutes"]
    assert "service_time_value" in standard

    # The SOP's steps are what the mentor observes on a visit.
    from diklat.followups.visit_services import sop_step_rows
    from diklat.sops.queries import sop_steps

    rows, version = sop_step_rows(team)
    assert [r["label"] for r in rows] == [s["activity"] for s in sop_steps(team.id)] and version

    # The four-level report reads visits (L3) and SOP statuses from the other features.
    from diklat.monitoring.evaluation import build_report

    report = build_report(cohort)
    assert report["l2"]["available"] and 0 < report["l2"]["n"] < 24  # one demo participant missed the post-test
    assert report["l3"]["observed"] and report["l3"]["overall"]["observed"] > 0
    assert report["l3"]["n_teams"] == 6 and report["l3"]["in_trial_or_revised"] >= 1
    assert report["l4"]["available"]

    # A saved quarterly review completes the evaluation planned in the quarter after it.
    from diklat.followups.models import FollowupItem, ItemKind, ItemStatus
    from diklat.monitoring.models import QuarterlyReview

    reviewed = {
        (r.year, r.quarter)
        for r in db.session.scalars(select(QuarterlyReview).where(QuarterlyReview.team_id == team.id))
    }
    evaluations = db.session.scalars(
        select(FollowupItem).where(FollowupItem.team_id == team.id, FollowupItem.kind == ItemKind.EVALUATION)
    ).all()
    for item in evaluations:
        year, quarter = item.starts_on.year, (item.starts_on.month - 1) // 3 + 1
        previous = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        if previous in reviewed:
            assert item.status == ItemStatus.DONE, item.starts_on
    assert any(i.status == ItemStatus.DONE for i in evaluations)

    # Module 3 points the team to its SOP in the editor.
    client.login("peserta01@diklat.example")
    page = client.get(f"/cohorts/{cohort.id}/modules/3/sheets/sop_outline/teams/{team.id}").get_data(as_text=True)
    assert f"/cohorts/{cohort.id}/sops/{team.id}" in page
