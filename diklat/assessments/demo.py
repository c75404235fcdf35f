"""Demo step: an Indonesian question bank, and the demo cohort's pre-test and post-test taken by its participants.

Answers are simulated with a simple ability model (seeded, so every run gives the same data): abilities vary,
most people improve between the tests, a few do not; one participant misses the post-test and one had an
interrupted pre-test and was granted another attempt.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from diklat.assessments.attempt_services import finalize, grant_attempt, save_response, start_attempt
from diklat.assessments.bank_services import add_questions, get_or_create_bank
from diklat.assessments.exam_services import copy_questions, find_test, save_settings, set_questions
from diklat.assessments.gift import parse_gift
from diklat.assessments.models import Attempt, Test, TestKind, TestQuestion
from diklat.assessments.qtypes import QType, matching_options
from diklat.cohorts.models import Role
from diklat.common.time import local_to_utc
from diklat.demo.context import DemoContext
from diklat.extensions import db

BANK_NAME = "Bank Soal Diklat SOP LTSP"
BANK_FILE = Path(__file__).with_name("demo_bank.gift")
MISSING_POST = "peserta24@diklat.example"
RETAKE = "peserta07@diklat.example"
WRONG_TEXT = {"shortanswer": ["pelaksana", "kepala dinas", "petugas", "admin"], "numerical": ["80", "60", "100", "12"]}


def _utc(day: date, hour: int, minute: int, tz: str) -> datetime:
    return local_to_utc(day, time(hour, minute), tz)


def _bank() -> list:
    bank = get_or_create_bank(
        BANK_NAME,
        description="Soal pilihan ganda, benar/salah, isian singkat, numerik dan "
        "menjodohkan tentang elemen SOP, pemetaan proses, standar "
        "pelayanan, pengaduan, dan monitoring.",
    )
    if not bank.questions:
        add_questions(bank, parse_gift(BANK_FILE.read_text(encoding="utf-8")).questions)
        db.session.refresh(bank)
    return list(bank.questions)


def _tests(ctx: DemoContext, questions: list) -> tuple[Test, Test]:
    cohort, tz = ctx.cohort, ctx.cohort.timezone
    pre = find_test(cohort.id, TestKind.PRE) or save_settings(
        None,
        cohort,
        TestKind.PRE,
        title="Pre-test Diklat SOP LTSP",
        instructions="Kerjakan sendiri tanpa membuka materi. Hasil pre-test tidak memengaruhi kelulusan.",
        opens_at=_utc(ctx.start, 8, 45, tz),
        closes_at=_utc(ctx.start, 9, 30, tz),
        time_limit_minutes=30,
        shuffle_questions=True,
        shuffle_choices=True,
        user_id=ctx.user("fasilitator@diklat.example").id,
    )
    post = find_test(cohort.id, TestKind.POST) or save_settings(
        None,
        cohort,
        TestKind.POST,
        title="Post-test Diklat SOP LTSP",
        instructions="Soal sama dengan pre-test dalam urutan berbeda. Kerjakan dalam 30 menit.",
        opens_at=_utc(ctx.start + timedelta(days=2), 13, 0, tz),
        closes_at=_utc(ctx.start + timedelta(days=2), 13, 45, tz),
        time_limit_minutes=30,
        shuffle_questions=True,
        shuffle_choices=True,
        user_id=ctx.user("fasilitator@diklat.example").id,
    )
    if not pre.questions:
        set_questions(pre, questions)
    if not post.questions:
        copy_questions(pre, post)
    return pre, post


def _p_correct(ability: float, difficulty: float) -> float:
    return 1 / (1 + math.exp(-1.3 * (ability - difficulty)))


def simulate_response(question: TestQuestion, p: float, rng: random.Random) -> dict | None:
    """A plausible answer: right with probability ``p``, otherwise a typical wrong one; sometimes blank."""
    data, right = question.data, rng.random() < p
    if rng.random() < 0.02:
        return None
    kind = question.qtype.value
    if kind == QType.MULTICHOICE:
        best = max(range(len(data["choices"])), key=lambda i: data["choices"][i]["fraction"])
        wrong = [i for i in range(len(data["choices"])) if i != best]
        return {"choice": best if right else rng.choice(wrong)}
    if kind == QType.MULTIRESPONSE:
        picked = [
            i
            for i, c in enumerate(data["choices"])
            if (c["fraction"] > 0 and rng.random() < (0.95 if right else 0.6))
            or (c["fraction"] <= 0 and rng.random() < (0.03 if right else 0.35))
        ]
        return {"choices": picked}
    if kind == QType.TRUEFALSE:
        return {"value": data["correct"] if right else not data["correct"]}
    if kind in (QType.SHORTANSWER, QType.NUMERICAL):
        if right:
            best = max(data["answers"], key=lambda a: a["fraction"])
            text = best["text"] if kind == QType.SHORTANSWER else f"{best['value']:g}"
            return {"text": text.upper() if rng.random() < 0.2 else text}
        return {"text": rng.choice(WRONG_TEXT[kind])}
    options = matching_options(data)
    pairs = {}
    for i, pair in enumerate(data["pairs"]):
        if pair["question"].strip():
            pairs[str(i)] = options.index(pair["answer"]) if rng.random() < p else rng.randrange(len(options))
    return {"pairs": pairs}


def _take(
    test: Test,
    user_id: int,
    start: datetime,
    ability: float,
    rng: random.Random,
    difficulty: dict[int, float],
    answered_share: float = 1.0,
) -> Attempt:
    attempt = start_attempt(test, user_id, start)
    available = (attempt.deadline_at - start).total_seconds() / 60
    duration = available * rng.uniform(0.45, 0.93) if answered_share >= 1 else 8.0
    questions = list(test.questions)
    for question in questions[: round(len(questions) * answered_share)]:
        response = simulate_response(question, _p_correct(ability, difficulty[question.position]), rng)
        save_response(attempt, question.id, response, start + timedelta(minutes=rng.uniform(0.3, duration)))
    finalize(attempt, "submitted", start + timedelta(minutes=duration))
    return attempt


def _simulate(ctx: DemoContext, pre: Test, post: Test) -> None:
    rng = random.Random(20260310)
    difficulty = {q.position: rng.uniform(-1.2, 1.6) for q in pre.questions}
    members = ctx.cohort.members_with_role(Role.PARTICIPANT)
    for index, member in enumerate(sorted(members, key=lambda m: m.user.email)):
        ability = rng.gauss(-0.1, 0.7)
        gain = max(-0.3, rng.gauss(1.2, 0.55))
        pre_start = pre.opens_at + timedelta(minutes=1 + index % 5)
        if member.user.email == RETAKE:
            first = _take(pre, member.user_id, pre_start, ability, rng, difficulty, answered_share=0.3)
            grant_attempt(
                pre,
                member.user_id,
                "Peserta tidak sengaja menekan tombol Kumpulkan pada menit ke-8 "
                "(layar sentuh laptop pinjaman); baru 10 soal terjawab.",
                ctx.user("fasilitator@diklat.example").id,
            )
            pre_start = first.submitted_at + timedelta(minutes=2)
        _take(pre, member.user_id, pre_start, ability, rng, difficulty)
        if member.user.email != MISSING_POST:
            post_start = post.opens_at + timedelta(minutes=1 + index % 4)
            _take(post, member.user_id, post_start, ability + gain, rng, difficulty)


def seed(ctx: DemoContext) -> None:
    """Bank, tests and attempts for the demo cohort (idempotent)."""
    questions = _bank()
    if ctx.cohort is None:
        return
    pre, post = _tests(ctx, questions)
    already = db.session.scalar(select(Attempt.id).where(Attempt.test_id.in_([pre.id, post.id])).limit(1))
    if already is None:
        _simulate(ctx, pre, post)
    db.session.flush()
