"""Gradebook: every participant, set-based reads, weights checked, sortable, XLSX with real numbers."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import event

from diklat.assessments.gradebook import final_grade, gradebook, weights_problem
from diklat.assessments.models import GradeWeights, Test
from diklat.cohorts.models import Role
from diklat.extensions import db
from tests.assessments.test_results import run_demo_seed


def test_final_grade_and_weights():
    weights = {"attendance": 20, "worksheets": 30, "pre": 0, "post": 50}
    assert final_grade({"attendance": 100, "worksheets": 50, "pre": 10, "post": 80}, weights) == 20 + 15 + 40
    assert final_grade({"attendance": None, "worksheets": None, "pre": None, "post": 80}, weights) == 40
    assert final_grade({}, {**weights, "post": 40}) is None
    assert weights_problem({**weights, "post": 40}) and weights_problem({**weights, "pre": -10, "post": 60})
    assert weights_problem(weights) is None


def _count_statements(run):
    statements = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return len(statements)


def test_demo_gradebook_every_participant_and_xlsx_numbers(client, app_ctx):
    run_demo_seed()
    cohort = db.session.scalar(db.select(Test)).cohort
    participants = cohort.members_with_role(Role.PARTICIPANT)
    db.session.expire_all()
    count = _count_statements(lambda: gradebook(cohort))
    rows, _weights, _kkm = gradebook(cohort)
    assert len(rows) == len(participants) and count <= 15  # set-based, not one query per participant
    assert any(r.attendance for r in rows) and any(r.worksheets_accepted for r in rows)
    assert any(r.sop_status for r in rows) and all(r.final is not None for r in rows)

    client.login("fasilitator@diklat.example")
    url = f"/cohorts/{cohort.id}/gradebook"
    page = client.get(url).get_data(as_text=True)
    assert all(m.user.name in page for m in participants)
    assert page.count('class="badge badge-ok">Lulus') + page.count("Tidak lulus") >= len(participants)
    by_final = client.get(url + "?sort=final&dir=desc").get_data(as_text=True)
    best = max(rows, key=lambda r: r.final)
    assert by_final.index(best.member.user.name) < by_final.index("</tbody>")
    assert by_final.split("<tbody>")[1].index(best.member.user.name) < 300

    bad = client.post(url, {"attendance": "20", "worksheets": "30", "pre": "10", "post": "50"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "post-error" in text and "110" in text and 'value="10"' in text
    assert db.session.scalar(db.select(GradeWeights)) is None
    client.post(url, {"attendance": "10", "worksheets": "20", "pre": "20", "post": "50"})
    assert db.session.scalar(db.select(GradeWeights)).pre == 20

    book = load_workbook(io.BytesIO(client.get(f"/cohorts/{cohort.id}/gradebook.xlsx").data))
    sheet = book.worksheets[0]
    assert sheet.max_row == 1 + len(participants)
    finals = [sheet.cell(row=i, column=9).value for i in range(2, sheet.max_row + 1)]
    attendance = [sheet.cell(row=i, column=4).value for i in range(2, sheet.max_row + 1)]
    assert all(isinstance(v, float | int) for v in finals) and all(isinstance(v, float | int) for v in attendance)
