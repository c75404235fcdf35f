"""Demo step: accounts, the demo cohort with 6 teams of 4, its schedule and attendance."""

from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import select

from diklat.auth.models import User
from diklat.auth.services import create_user
from diklat.cohorts.models import Attendance, AttendanceStatus, Cohort, CohortMember, CourseSession, Role, Team
from diklat.demo.context import DEMO_COHORT_NAME, DEMO_PASSWORD, DemoContext
from diklat.extensions import db

TEAMS = [
    ("Kelompok 1", "DPMPTSP Kota Mekarsari", "Izin Usaha Mikro dan Kecil (IUMK)"),
    ("Kelompok 2", "DPMPTSP Kabupaten Sukamaju", "Persetujuan Bangunan Gedung (PBG) rumah tinggal"),
    ("Kelompok 3", "Disdukcapil Kota Mekarsari", "Penerbitan Akta Kelahiran"),
    ("Kelompok 4", "Mal Pelayanan Publik Kabupaten Lembah Hijau", "Perubahan Data Kartu Keluarga"),
    ("Kelompok 5", "DPMPTSP Kabupaten Tanjung Harapan", "Surat Izin Praktik Bidan"),
    ("Kelompok 6", "Kecamatan Sumber Rejeki (PATEN)", "Surat Keterangan Usaha"),
]
PARTICIPANTS = [
    ("Siti Rahmawati", "Petugas Loket"),
    ("Agus Setiawan", "Verifikator Berkas"),
    ("Dewi Lestari", "Analis Perizinan"),
    ("Bambang Hartono", "Kepala Seksi Pelayanan"),
    ("Rina Marlina", "Petugas Front Office"),
    ("Hendra Gunawan", "Penata Perizinan"),
    ("Yuliana Sari", "Petugas Informasi"),
    ("Joko Prasetyo", "Kepala Bidang Pelayanan"),
    ("Nur Aisyah", "Operator SIAK"),
    ("Fajar Nugroho", "Verifikator Dokumen"),
    ("Maya Anggraini", "Petugas Loket"),
    ("Taufik Hidayat", "Kepala Seksi Kelahiran"),
    ("Lina Kartika", "Petugas Front Office"),
    ("Rudi Hermawan", "Operator Data"),
    ("Wulan Puspitasari", "Pengelola Pengaduan"),
    ("Andi Saputra", "Koordinator MPP"),
    ("Ratna Dewi", "Petugas Loket"),
    ("Eko Wahyudi", "Analis Perizinan Kesehatan"),
    ("Fitri Handayani", "Verifikator Teknis"),
    ("Sugeng Riyadi", "Kepala Seksi Perizinan"),
    ("Indah Permatasari", "Petugas Pelayanan"),
    ("Dedi Kurniawan", "Kasi Pelayanan Umum"),
    ("Sri Wahyuni", "Pengadministrasi Umum"),
    ("Arif Rahman", "Sekretaris Kecamatan"),
]
# (day offset, start, end, title, module)
SCHEDULE = [
    (0, "08:00", "08:45", "Pembukaan dan kontrak belajar", None),
    (0, "08:45", "09:30", "Pre-test", None),
    (0, "09:30", "11:00", "Modul 1 — Pengenalan SOP dan Prinsip Layanan Ramah", 1),
    (0, "11:00", "12:30", "Modul 2 — Pemetaan Proses Layanan", 2),
    (0, "13:30", "16:30", "Modul 3 — Menulis SOP Singkat dan Mudah Dipahami", 3),
    (1, "08:00", "09:30", "Modul 4 — Standar Waktu dan Indikator Kinerja", 4),
    (1, "09:30", "11:45", "Modul 5 — Simulasi Loket dan Role-Play", 5),
    (1, "13:00", "14:30", "Modul 6 — Pengelolaan Pengaduan dan Umpan Balik", 6),
    (1, "14:30", "16:00", "Modul 7 — Koordinasi Antar-Dinas dan Rujukan", 7),
    (2, "08:00", "09:30", "Modul 8 — Monitoring, Evaluasi, dan Perbaikan SOP", 8),
    (2, "09:30", "12:00", "Presentasi draf SOP kelompok", 3),
    (2, "13:00", "13:45", "Post-test", None),
    (2, "13:45", "14:30", "Rencana tindak lanjut dan penutupan", None),
]


def demo_nip(index: int) -> str:
    """A structurally valid, fictional NIP for demo person ``index``."""
    year = 1975 + index % 20
    birth = f"{year}{(index % 12) + 1:02d}{(index * 7) % 27 + 1:02d}"
    appointed = f"{year + 24}{(index % 9) + 1:02d}"
    return f"{birth}{appointed}{1 + index % 2}{index:03d}"


def _account(email: str, name: str, **fields: object) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = create_user(email, name, DEMO_PASSWORD, **fields)
    return user


def seed(ctx: DemoContext) -> None:
    """Create demo accounts, the cohort, teams, schedule and attendance (idempotent)."""
    admin = _account("admin@diklat.example", "Admin Diklat", is_admin=True, agency="BPSDM Provinsi Contoh")
    facilitator = _account(
        "fasilitator@diklat.example",
        "Dr. Ratih Kusumawardani",
        nip=demo_nip(90),
        agency="BPSDM Provinsi Contoh",
        unit="Bidang Pengembangan Kompetensi",
        position="Widyaiswara Ahli Madya",
    )
    mentor = _account(
        "mentor@diklat.example",
        "Hadi Santoso, S.Sos., M.AP",
        nip=demo_nip(91),
        agency="BPSDM Provinsi Contoh",
        unit="Bidang Pengembangan Kompetensi",
        position="Widyaiswara Ahli Muda",
    )
    people = []
    for i, (name, position) in enumerate(PARTICIPANTS, start=1):
        team = TEAMS[(i - 1) // 4]
        people.append(
            _account(
                f"peserta{i:02d}@diklat.example",
                name,
                nip=demo_nip(i),
                agency=team[1],
                unit="Bidang Pelayanan",
                position=position,
            )
        )
    for user in (admin, facilitator, mentor, *people):
        ctx.users[user.email] = user
    if ctx.cohort is None:
        ctx.cohort = _cohort(ctx, facilitator, mentor, people)
    _second_cohort(ctx)


def _cohort(ctx: DemoContext, facilitator: User, mentor: User, people: list[User]) -> Cohort:
    cohort = Cohort(
        name=DEMO_COHORT_NAME,
        course="Diklat Pengembangan SOP Layanan Terpadu Satu Pintu",
        place="Aula BPSDM Provinsi Contoh, Kota Mekarsari",
        start_date=ctx.start,
        end_date=ctx.start + timedelta(days=2),
        created_by_id=facilitator.id,
    )
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=facilitator.id, role=Role.FACILITATOR))
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=mentor.id, role=Role.MENTOR))
    teams = []
    for name, office, service in TEAMS:
        team = Team(cohort_id=cohort.id, name=name, office=office, service=service, mentor_id=mentor.id)
        db.session.add(team)
        teams.append(team)
    db.session.flush()
    for i, user in enumerate(people):
        db.session.add(
            CohortMember(cohort_id=cohort.id, user_id=user.id, role=Role.PARTICIPANT, team_id=teams[i // 4].id)
        )
    _schedule(cohort, people)
    return cohort


def _schedule(cohort: Cohort, people: list[User]) -> None:
    rng = random.Random(2026)
    for offset, start, end, title, module in SCHEDULE:
        session = CourseSession(
            cohort_id=cohort.id,
            day=cohort.start_date + timedelta(days=offset),
            start_time=time.fromisoformat(start),
            end_time=time.fromisoformat(end),
            title=title,
            module_number=module,
            room="Aula Utama" if module != 5 else "Ruang Simulasi Loket",
        )
        db.session.add(session)
        db.session.flush()
        for user in people:
            roll = rng.random()
            status = (
                AttendanceStatus.PRESENT
                if roll < 0.86
                else AttendanceStatus.LATE
                if roll < 0.94
                else AttendanceStatus.EXCUSED
                if roll < 0.97
                else AttendanceStatus.ABSENT
            )
            db.session.add(Attendance(session_id=session.id, user_id=user.id, status=status))


def _second_cohort(ctx: DemoContext) -> None:
    """An upcoming cohort run by someone else: shows per-cohort roles and separation."""
    name = "Angkatan II Tahun 2026"
    if db.session.scalar(select(Cohort).where(Cohort.name == name)):
        return
    facilitator2 = _account(
        "fasilitator2@diklat.example",
        "Yusuf Maulana, M.Si",
        nip=demo_nip(92),
        agency="BPSDM Provinsi Contoh",
        position="Widyaiswara Ahli Muda",
    )
    start = ctx.today + timedelta(days=21 + (1 - (ctx.today + timedelta(days=21)).weekday()) % 7)
    cohort = Cohort(
        name=name,
        course="Diklat Pengembangan SOP Layanan Terpadu Satu Pintu",
        place="Hotel Sahid Mekarsari",
        start_date=start,
        end_date=start + timedelta(days=1),
        created_by_id=facilitator2.id,
    )
    db.session.add(cohort)
    db.session.flush()
    db.session.add(CohortMember(cohort_id=cohort.id, user_id=facilitator2.id, role=Role.FACILITATOR))
    # The first cohort's mentor facilitates here: roles are per cohort.
    db.session.add(
        CohortMember(cohort_id=cohort.id, user_id=ctx.user("mentor@diklat.example").id, role=Role.FACILITATOR)
    )
    team = Team(cohort_id=cohort.id, name="Kelompok A", office="DPMPTSP Kabupaten Bukit Indah", service="Izin Reklame")
    db.session.add(team)
    db.session.flush()
    for i, (pname, position) in enumerate([("Gita Permana", "Petugas Loket"), ("Yoga Pratama", "Verifikator")], 1):
        user = _account(
            f"peserta-b{i}@diklat.example",
            pname,
            nip=demo_nip(60 + i),
            agency="DPMPTSP Kabupaten Bukit Indah",
            position=position,
        )
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role=Role.PARTICIPANT, team_id=team.id))
    db.session.add(
        CourseSession(
            cohort_id=cohort.id,
            day=start,
            start_time=time(8),
            end_time=time(9, 30),
            title="Pembukaan dan pre-test",
            room="Ruang Melati",
        )
    )
