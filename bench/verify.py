"""Compare what the server stored with the last answer the server acknowledged to each client."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diklat import create_app  # noqa: E402
from diklat.assessments.attempt_services import layout_for  # noqa: E402
from diklat.assessments.layout import response_from_fields  # noqa: E402
from diklat.assessments.models import Attempt, AttemptAnswer  # noqa: E402
from diklat.auth.models import User  # noqa: E402
from diklat.extensions import db  # noqa: E402


def main(uri: str, acked_path: str) -> None:
    """Print {"checked": answers compared, "lost": mismatches, "unfinished": attempts not submitted}."""
    acked = json.loads(Path(acked_path).read_text())
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": uri})
    checked = lost = unfinished = 0
    with app.app_context():
        for email, answers in acked.items():
            user = db.session.scalar(db.select(User).where(User.email == email))
            attempt = db.session.scalar(db.select(Attempt).where(Attempt.user_id == user.id))
            unfinished += attempt is None or attempt.submitted_at is None
            if attempt is None:
                continue
            slots = {s.question_id: s for s in layout_for(attempt)}
            stored = {
                a.test_question_id: a.response
                for a in db.session.scalars(db.select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id))
            }
            for question_id, fields in answers.items():
                slot = slots[int(question_id)]
                grouped: dict[str, list[str]] = {}
                for name, value in fields:
                    grouped.setdefault(name, []).append(value)
                checked += 1
                lost += stored.get(int(question_id)) != response_from_fields(slot, grouped)
    print(json.dumps({"checked": checked, "lost": lost, "unfinished": unfinished}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
