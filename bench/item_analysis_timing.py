"""Time the item analysis (DOMAIN §6) for 5,000 attempts × 50 questions: the pure statistics on a mark matrix,
and the same through the database path (marks read from stored answers) when --db is given.

Usage: .venv/bin/python bench/item_analysis_timing.py [--attempts 5000] [--questions 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diklat.assessments.stats import item_analysis
from diklat.common import time as clock


def main() -> None:
    """Print the median and worst time of several runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--attempts", type=int, default=5000)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="also time the page's path on this empty database (SQLAlchemy URL)")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    ability = rng.normal(0, 1, args.attempts)
    difficulty = rng.normal(0, 1, args.questions)
    max_marks = rng.choice([1.0, 2.0], args.questions)
    p = 1 / (1 + np.exp(-(ability[:, None] - difficulty[None, :])))
    marks = (rng.random((args.attempts, args.questions)) < p) * max_marks
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        items, test = item_analysis(marks, list(max_marks))
        times.append(time.perf_counter() - start)
    print(
        f"item analysis {args.attempts} attempts x {args.questions} questions (pure statistics): "
        f"median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms "
        f"(alpha {test.alpha:.3f}, {len(items)} items)"
    )
    if args.db:
        database_path(args, marks, max_marks)


def database_path(args: argparse.Namespace, marks: np.ndarray, max_marks: np.ndarray) -> None:
    """Store the marks as finished attempts and time the report as the page computes it (read + statistics)."""
    from datetime import datetime

    from flask_migrate import upgrade
    from sqlalchemy import insert

    from diklat import create_app
    from diklat.assessments.models import Attempt, AttemptAnswer, Test, TestKind, TestQuestion
    from diklat.assessments.results import item_report
    from diklat.auth.models import User
    from diklat.cohorts.models import Cohort
    from diklat.extensions import db

    root = Path(__file__).resolve().parent.parent
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": args.db})
    with app.app_context():
        upgrade(directory=str(root / "migrations"))
        cohort = Cohort(name="Timing", course="Diklat", place="-", start_date=clock.today(), end_date=clock.today())
        db.session.add(cohort)
        db.session.flush()
        now = datetime(2026, 1, 1)
        test = Test(cohort_id=cohort.id, kind=TestKind.POST, title="T", opens_at=now, closes_at=now)
        db.session.add(test)
        db.session.flush()
        for i in range(args.questions):
            db.session.add(
                TestQuestion(
                    test_id=test.id,
                    position=i + 1,
                    qtype="truefalse",
                    name=f"Q{i}",
                    text="x",
                    data={"correct": True},
                    points=float(max_marks[i]),
                    category="",
                    general_feedback="",
                )
            )
        db.session.flush()
        qids = [q.id for q in test.questions]
        db.session.execute(
            insert(User),
            [
                {
                    "email": f"t{i}@x.id",
                    "name": f"T{i}",
                    "password_hash": "-",
                    "agency": "",
                    "unit": "",
                    "position": "",
                    "session_token": f"{i}",
                }
                for i in range(args.attempts)
            ],
        )
        users = db.session.scalars(db.select(User.id).order_by(User.id)).all()
        db.session.execute(
            insert(Attempt),
            [
                {
                    "test_id": test.id,
                    "user_id": u,
                    "number": 1,
                    "seed": 1,
                    "started_at": now,
                    "deadline_at": now,
                    "submitted_at": now,
                    "max_score": float(max_marks.sum()),
                }
                for u in users
            ],
        )
        attempts = db.session.scalars(db.select(Attempt.id).order_by(Attempt.id)).all()
        rows = [
            {"attempt_id": a, "test_question_id": qids[j], "fraction": float(marks[i, j] / max_marks[j])}
            for i, a in enumerate(attempts)
            for j in range(args.questions)
        ]
        for chunk in range(0, len(rows), 20000):
            db.session.execute(insert(AttemptAnswer), rows[chunk : chunk + 20000])
        db.session.commit()
        times = []
        for _ in range(args.repeat):
            db.session.expire_all()
            start = time.perf_counter()
            _, summary = item_report(db.session.get(Test, test.id))
            times.append(time.perf_counter() - start)
        print(
            f"item analysis through the database ({args.db.split(':')[0]}): median "
            f"{statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms (S = {summary.s})"
        )


if __name__ == "__main__":
    main()
