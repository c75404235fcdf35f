"""Seed the multi-node test's database (run as a separate process with the servers' environment).

Migrates, creates the factory world with cohort A's follow-up plan, a visit log on team a1, an open
pre-test, and prints the ids the test needs as JSON.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade

from diklat import create_app
from diklat.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    """Build everything and print the ids."""
    from diklat.assessments.bank_services import add_questions, get_or_create_bank
    from diklat.assessments.exam_services import save_settings, set_questions
    from diklat.assessments.gift import parse_gift
    from diklat.assessments.models import TestKind
    from diklat.common.time import today as local_today
    from diklat.common.time import utcnow
    from diklat.followups import visit_services as visits
    from diklat.followups.models import ItemKind, Rating
    from tests.assessments.conftest import SMALL_BANK
    from tests.factories import Factory
    from tests.followups.helpers import item_of, past_world

    app = create_app()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        world = past_world(Factory(), days_ago=20)
        team = world["a"]["teams"][0]
        visit_item = item_of(team.id, ItemKind.VISIT)  # due in two days: reminders have something to send
        visit_item.starts_on = visit_item.ends_on = local_today() + timedelta(days=2)
        log = visits.save_visit(
            team,
            world["a"]["mentor"],
            visits.VisitData(
                started_on=world["a"]["cohort"].end_date + timedelta(days=5),
                ended_on=world["a"]["cohort"].end_date + timedelta(days=5),
                place="Kantor",
                observations=[visits.ObservationData("Langkah 1", Rating.APPLIED)],
                actions=[],
            ),
        )
        questions = add_questions(get_or_create_bank("Bank uji"), parse_gift(SMALL_BANK).questions)
        now = utcnow()
        test = save_settings(
            None,
            world["a"]["cohort"],
            TestKind.PRE,
            title="Pre-test uji",
            instructions="",
            opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(hours=2),
            time_limit_minutes=60,
            shuffle_questions=False,
            shuffle_choices=False,
            user_id=world["a"]["facilitator"].id,
        )
        set_questions(test, questions)
        db.session.commit()
        short = next(q for q in test.questions if q.qtype.value == "shortanswer")
        print(
            json.dumps(
                {
                    "cohort": world["a"]["cohort"].id,
                    "team": team.id,
                    "other_team": world["a"]["teams"][1].id,
                    "visit": log.id,
                    "test": test.id,
                    "short_question": short.id,
                }
            )
        )


if __name__ == "__main__":
    main()
