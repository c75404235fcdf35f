"""No page's statement count grows with the cohort: the demo cohort (24 participants, 6 teams) against the same
cohort grown tenfold (240 participants, 60 teams, each with attendance, attempts, worksheets, SOP and follow-ups).

Every page a facilitator, a mentor and a participant reach by following links is visited in both cohorts; for each
kind of page the statement count of the large cohort may exceed the small one's by a small constant only.
"""

from __future__ import annotations

from sqlalchemy import func, select

from diklat.cohorts.models import CohortMember, Role, Team
from diklat.demo import run_demo_seed
from diklat.extensions import db
from tests.crawl import crawl, worst_by_shape
from tests.scale import grow_cohort

ROLES = {
    "facilitator": "fasilitator@diklat.example",
    "mentor": "mentor@diklat.example",
    "participant": "peserta01@diklat.example",
}
ALLOWANCE = 3  # statements a page may add at ten times the size (a second page of results, a lazy extra)


def _crawl_all(client, cohort_id: int) -> dict[str, dict]:
    pages = {}
    for role, email in ROLES.items():
        client.login(email)
        visits = crawl(client, ["/", f"/cohorts/{cohort_id}"])
        pages[role] = worst_by_shape(visits)
        client.logout()
    return pages


def test_page_statement_counts_do_not_grow_with_the_cohort(app_ctx, client):
    ctx = run_demo_seed()
    cohort_id = ctx.cohort.id
    small = _crawl_all(client, cohort_id)

    grow_cohort(cohort_id, copies=9)
    participants = db.session.scalar(
        select(func.count())
        .select_from(CohortMember)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.role == Role.PARTICIPANT)
    )
    teams = db.session.scalar(select(func.count()).select_from(Team).where(Team.cohort_id == cohort_id))
    assert (participants, teams) == (240, 60)
    large = _crawl_all(client, cohort_id)

    growing = []
    for role, shapes in small.items():
        assert len(shapes) > 10, f"the {role} crawl reached only {sorted(shapes)}"
        for shape, visit in shapes.items():
            big = large[role].get(shape)
            if big is not None and big.statements > visit.statements + ALLOWANCE:
                growing.append(f"{role} {shape}: {visit.statements} → {big.statements} statements")
    assert not growing, "pages whose statement count grows with the cohort:\n" + "\n".join(sorted(growing))
