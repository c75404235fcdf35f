"""Fixtures for assessments: a small bank and an open pre-test in cohort A of the factory world."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from diklat.assessments.bank_services import add_questions, get_or_create_bank
from diklat.assessments.exam_services import save_settings, set_questions
from diklat.assessments.gift import parse_gift
from diklat.assessments.models import TestKind
from diklat.common.time import utcnow
from diklat.extensions import db

FIXTURES = Path("/work/shared/fixtures/moodle")
if not FIXTURES.exists():  # the repository's copy, when the shared folder is not mounted
    FIXTURES = Path(__file__).resolve().parent / "fixtures"

SMALL_BANK = """
$CATEGORY: $course$/top/Elemen SOP

// [module:1] [points:1]
::MC::Simbol keputusan adalah … {=belah ketupat ~kapsul ~persegi panjang}

// [module:1] [points:2]
::MR::Pilih bagian SOP. {~%50%Tujuan ~%50%Ruang lingkup ~%-100%Foto}

$CATEGORY: $course$/top/Pemetaan proses

// [module:2] [points:1]
::TF::Alur digambar dalam kolom pelaksana. {T}

// [module:2] [points:1]
::SA::Aplikasi pengaduan nasional bernama … {=LAPOR =SP4N*LAPOR}

// [module:4] [points:1]
::NUM::Berapa persen tepat waktu jika 170 dari 200? {#85:0.5}

// [module:8] [points:2]
::MATCH::Pasangkan. {=Kapsul -> Awal =Belah ketupat -> Keputusan = -> Arsip}
"""


@pytest.fixture()
def world(factory):
    """The factory world plus a bank and an open pre-test (30 minutes) in cohort A."""
    data = factory.world()
    bank = get_or_create_bank("Bank uji")
    questions = add_questions(bank, parse_gift(SMALL_BANK).questions)
    now = utcnow()
    test = save_settings(
        None,
        data["a"]["cohort"],
        TestKind.PRE,
        title="Pre-test uji",
        instructions="",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=2),
        time_limit_minutes=30,
        shuffle_questions=True,
        shuffle_choices=True,
        user_id=data["a"]["facilitator"].id,
    )
    set_questions(test, questions)
    db.session.commit()
    data.update(bank=bank, test=test, questions=questions)
    return data
