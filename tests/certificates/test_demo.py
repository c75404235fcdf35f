"""The demo shows completion with reasons, certificates for those who completed, one revoked and reissued."""

from __future__ import annotations

from sqlalchemy import func, select

from diklat.certificates.models import Certificate
from diklat.certificates.queries import completions
from diklat.certificates.services import missing_for_issue, settings_of
from diklat.demo import run_demo_seed
from diklat.extensions import db


def test_demo_certificates_twice(app_ctx):
    ctx = run_demo_seed()
    count = db.session.scalar(select(func.count()).select_from(Certificate))
    run_demo_seed()
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == count
    assert missing_for_issue(settings_of(ctx.cohort)) == []
    standing = completions(ctx.cohort)
    done = {uid for uid, c in standing.items() if c.completed}
    assert 0 < len(done) < len(standing)
    assert all(c.problems for uid, c in standing.items() if uid not in done)
    certificates = list(db.session.scalars(select(Certificate).where(Certificate.cohort_id == ctx.cohort.id)))
    revoked = [c for c in certificates if not c.valid]
    assert len(revoked) == 1 and revoked[0].revoked_reason
    assert any(c.replaces_id == revoked[0].id and c.valid for c in certificates)
    assert {c.user_id for c in certificates if c.valid} == done
    assert len({c.number for c in certificates}) == len(certificates)
