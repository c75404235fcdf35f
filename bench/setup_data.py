"""Prepare a benchmark database: the demo bank, one cohort of N participants and an open post-test.

Run with the app's environment (DATABASE_URL unset = SQLite in DIKLAT_BENCH_SQLITE). Prints the cohort and test ids.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from diklat import create_app  # noqa: E402
from diklat.assessments.bank_services import add_questions, get_or_create_bank  # noqa: E402
from diklat.assessments.exam_services import save_settings, set_questions  # noqa: E402
from diklat.assessments.gift import parse_gift  # noqa: E402
from diklat.assessments.models import TestKind  # noqa: E402
from diklat.auth.services import create_user  # noqa: E402
from diklat.cohorts.models import Cohort, CohortMember, Role, Team  # noqa: E402
from diklat.common import time as clock  # noqa: E402
from diklat.common.time import utcnow  # noqa: E402
from diklat.extensions import db  # noqa: E402


def main(n: int, uri: str) -> None:
    """Build the data for ``n`` participants in the database at ``uri``."""
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": uri, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        bank = get_or_create_bank("Bench")
        questions = add_questions(bank, parse_gift((ROOT / "diklat/assessments/demo_bank.gift").read_text()).questions)
        cohort = Cohort(
            name="Bench",
            course="Diklat SOP",
            place="Aula",
            start_date=clock.today(),
            end_date=clock.today() + timedelta(days=2),
        )
        db.session.add(cohort)
        db.session.flush()
        team = Team(cohort_id=cohort.id, name="Kelompok 1", office="DPMPTSP", service="IUMK")
        db.session.add(team)
        db.session.flush()
        for i in range(1, n + 1):
            user = create_user(f"bench{i:04d}@example.go.id", f"Peserta Bench {i}", "bench-pass")
            db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role=Role.PARTICIPANT, team_id=team.id))
        now = utcnow()
        test = save_settings(
            None,
            cohort,
            TestKind.POST,
            title="Post-test",
            instructions="",
            opens_at=now - timedelta(minutes=5),
            closes_at=now + timedelta(hours=3),
            time_limit_minutes=60,
            shuffle_questions=True,
            shuffle_choices=True,
            user_id=None,
        )
        set_questions(test, questions)
        db.session.commit()
        print(json.dumps({"cohort": cohort.id, "test": test.id, "questions": len(questions)}))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
