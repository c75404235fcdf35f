"""Demo step: content synced, every module open, six teams' worksheets in several review states."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from diklat.cohorts.models import Role, Team
from diklat.curriculum import demo_data as d
from diklat.curriculum.content import load_modules
from diklat.curriculum.models import AnswerStatus, ModuleState, WorksheetAnswer, WorksheetComment
from diklat.curriculum.services import all_modules, owner_key, set_module_state, sync_modules
from diklat.demo.context import DemoContext
from diklat.extensions import db


def _process(team: dict) -> list[dict[str, Any]]:
    return [{"step": s, "actor": a, "time": t, "wait": w, "delay": x} for s, a, t, w, x in team["steps"]]


def _answers(name: str, index: int, team_row: Team) -> dict[str, dict[str, Any]]:
    """Typed answers of one demo team for every team worksheet."""
    t = d.TEAMS[name]
    service, office = t["service"], team_row.office
    ratings = d.CHECKLIST_RATINGS[index % 2]
    steps = t["steps"]
    delays = [s for s in steps if s[4]]
    return {
        "old_sop_review": {
            "sop_title": f"SOP Pelayanan {service}",
            "sop_year": 2017 + index % 4,
            "checklist": {
                k: {"rating": r, "note": "" if r == 3 else "Perlu diperjelas pada draf baru."}
                for k, r in ratings.items()
            },
            "simplify": [{"item": i, "impact": m, "principle": p} for i, m, p in d.SIMPLIFY[index % 2 : index % 2 + 5]],
            "verdict": "rewrite" if index % 2 == 0 else "minor",
            "notes": f"SOP lama {office} disusun sebelum layanan pindah ke aplikasi; alurnya tidak sesuai lagi.",
        },
        "process_map": {
            "service": service,
            "start_point": "Pemohon datang ke loket informasi",
            "end_point": "Pemohon menerima dokumen yang sudah ditandatangani",
            "observed_on": "2026-02-16",
            "steps": _process(t),
            "bottlenecks": "Titik rawan: "
            + "; ".join(s[0].lower() for s in delays)
            + ". Penyebab utama adalah waktu tunggu, bukan waktu proses. Usulan: berkas diteruskan "
            "setiap jam, penandatanganan elektronik, dan pejabat pengganti bila penandatangan dinas luar.",
            "visits": 2 if t["first_visit"] < 80 else 1,
        },
        "sop_outline": {
            "title": f"SOP {service}",
            "purpose": f"Memberi kepastian langkah, waktu, dan persyaratan {service} "
            "agar pemohon cukup datang satu kali.",
            "scope": f"Mulai dari pemohon datang ke loket {office} sampai dokumen diserahkan.",
            "legal_basis": "UU 25/2009 tentang Pelayanan Publik; Peraturan Kepala Daerah tentang Standar Pelayanan.",
            "requirements": [
                {"document": "KTP pemohon", "form": "checked", "note": "Diperiksa dari NIK"},
                {"document": "Formulir permohonan", "form": "original", "note": "Tersedia di loket"},
            ],
            "steps": [{"activity": s[0], "actor": s[1], "time": s[2], "output": "Berkas diproses"} for s in steps],
            "service_time": t["standard"],
            "cost": t["cost"],
            "person_in_charge": "Kepala Bidang Pelayanan",
            "complaint_channel": t["complaint_channels"].splitlines()[0],
            "pages": 2,
            "feedback": "Kelompok lain bertanya apa yang terjadi bila sistem mati; ditambahkan prosedur cadangan.",
        },
        "sla": {
            "service": service,
            "standard_time_minutes": t["standard"],
            "target_on_time_percent": t["on_time"],
            "cost": t["cost"],
            "first_visit_target_percent": t["first_visit"],
            "service_hours": t["hours"],
            "basis": "Sampel 30 berkas bulan Januari dari register dan aplikasi antrean; 90% selesai dalam waktu standar.",
            "indicators": [
                {
                    "indicator": "Rata-rata waktu layanan",
                    "formula": "Jumlah waktu semua berkas ÷ jumlah berkas",
                    "target": f"≤ {t['standard']} menit",
                    "source": "Aplikasi perizinan/SIAK",
                },
                {
                    "indicator": "Layanan tepat waktu",
                    "formula": "Berkas selesai ≤ waktu standar ÷ semua berkas",
                    "target": f"≥ {t['on_time']}%",
                    "source": "Register",
                },
                {
                    "indicator": "Pengaduan per bulan",
                    "formula": "Jumlah pengaduan semua saluran",
                    "target": "≤ 5",
                    "source": "Register pengaduan",
                },
            ],
        },
        "monthly_report": {
            "report_title": f"Laporan Bulanan Kinerja Layanan {service}",
            "recipient": "Kepala Dinas",
            "due_day": 5,
            "sections": [
                {
                    "section": "Ringkasan angka",
                    "content": "Permohonan, tepat waktu, rata-rata waktu",
                    "source": "Aplikasi",
                },
                {
                    "section": "Kasus terlambat",
                    "content": "Berkas yang melewati SLA dan penyebabnya",
                    "source": "Register",
                },
                {"section": "Pengaduan", "content": "Jumlah dan status tindak lanjut", "source": "Register pengaduan"},
            ],
            "sample": [
                {"service": s, "applications": a, "on_time": o, "average_time": m, "complaints": c}
                for s, a, o, m, c in t["monthly"]
            ],
        },
        "scenario_card": {
            "title": "Warga bingung dengan dokumen tidak lengkap",
            "service": service,
            "citizen": "Ibu rumah tangga, 52 tahun, datang naik angkot dari desa. Membawa KTP tetapi lupa surat "
            "pengantar dan tidak tahu bahwa formulir bisa diisi di loket.",
            "missing": [
                {
                    "document": "Surat pengantar desa",
                    "replaceable": True,
                    "alternative": "Surat pernyataan bermeterai sesuai SOP",
                },
                {"document": "Fotokopi KK", "replaceable": True, "alternative": "Diperiksa dari NIK di SIAK"},
            ],
            "clarification": "Layanan apa yang Ibu butuhkan? Dokumen apa saja yang Ibu bawa hari ini?",
            "expected_outcome": "Permohonan diterima hari itu atau Ibu pulang membawa daftar kekurangan tertulis.",
        },
        "complaint_form": {
            "form_title": f"Formulir Pengaduan Layanan {office}",
            "channels": t["complaint_channels"],
            "form_fields": [
                {"label": "Nama (boleh dirahasiakan)", "mandatory": False, "note": ""},
                {"label": "Nomor telepon/WhatsApp", "mandatory": True, "note": "Untuk jawaban"},
                {"label": "Layanan yang diadukan", "mandatory": True, "note": ""},
                {"label": "Tanggal kejadian", "mandatory": True, "note": ""},
                {"label": "Uraian singkat", "mandatory": True, "note": "Apa yang terjadi dan harapan"},
            ]
            + ([{"label": "NIK", "mandatory": True, "note": ""}] if name == "Kelompok 6" else []),
            "response_days": 3,
            "privacy": "Identitas pelapor hanya diketahui petugas pengaduan dan kepala dinas.",
        },
        "handling_flow": {
            "steps": [
                {
                    "step": "Terima, catat di register, beri nomor dan tanda terima",
                    "actor": "Petugas pengaduan",
                    "deadline_days": 0,
                    "output": "Nomor pengaduan",
                },
                {
                    "step": "Verifikasi fakta dan tentukan perbaikan",
                    "actor": "Kepala seksi terkait",
                    "deadline_days": 5,
                    "output": "Catatan tindak lanjut",
                },
                {
                    "step": "Jawab pelapor dan tutup di register",
                    "actor": "Petugas pengaduan",
                    "deadline_days": 1,
                    "output": "Jawaban tertulis",
                },
            ],
            "escalation": "Pengaduan yang tidak selesai dalam 5 hari kerja dilaporkan ke Kepala Dinas dalam rapat mingguan.",
        },
        "referral_flow": {
            "case": f"Permohonan {service} yang memerlukan verifikasi instansi lain.",
            "agency_a": office,
            "agency_b": "Dinas Kesehatan" if name == "Kelompok 5" else "Dinas Kependudukan dan Pencatatan Sipil",
            "flow": [
                {"step": "Menerima berkas lengkap", "actor": "Loket LTSP", "time": 15, "wait": 0, "delay": False},
                {
                    "step": "Mengirim nota permintaan verifikasi",
                    "actor": "Back office LTSP",
                    "time": 10,
                    "wait": 480,
                    "delay": True,
                },
                {
                    "step": "Memverifikasi dan menjawab",
                    "actor": "Instansi kedua",
                    "time": 60,
                    "wait": 1440,
                    "delay": True,
                },
                {"step": "Menerbitkan dokumen", "actor": "Kepala LTSP", "time": 10, "wait": 0, "delay": False},
            ],
            "shared_data": "NIK pemohon dan nomor registrasi dikirim melalui surel resmi; berkas dipindai.",
            "duplicate_requirements": [{"requirement": "Fotokopi KTP", "kept_by": "system"}],
        },
        "internal_memo": {
            "number": f"ND/{index + 41:03d}/LTSP/III/2026",
            "to": "Kepala Dinas Kesehatan",
            "sender": f"Kepala {office}",
            "memo_date": "2026-03-09",
            "subject": "Permohonan rekomendasi teknis",
            "body": "Bersama ini kami sampaikan permohonan untuk diberikan rekomendasi teknis. Berkas telah kami "
            "periksa kelengkapannya. Mohon rekomendasi kami terima paling lambat 3 hari kerja.",
            "deadline_days": 3,
            "attachments": [{"document": "Berkas permohonan", "copies": 1}],
        },
        "dashboard": {
            "service": service,
            "frequency": "monthly",
            "indicators": [
                {
                    "indicator": "Rata-rata waktu layanan",
                    "target": f"≤ {t['standard']} menit",
                    "source": "Aplikasi",
                    "owner": "Operator",
                },
                {
                    "indicator": "Jumlah pengaduan",
                    "target": "≤ 5/bulan",
                    "source": "Register",
                    "owner": "Petugas pengaduan",
                },
                {
                    "indicator": "Selesai kunjungan pertama",
                    "target": f"≥ {t['first_visit']}%",
                    "source": "Lembar kekurangan berkas",
                    "owner": "Petugas loket",
                },
            ],
            "months": [
                {
                    "period": "Januari",
                    "average_time": 48,
                    "complaints": 7,
                    "first_visit_percent": 78,
                    "followup": "done",
                },
                {
                    "period": "Februari",
                    "average_time": 41,
                    "complaints": 5,
                    "first_visit_percent": 83,
                    "followup": "done",
                },
                {
                    "period": "Maret",
                    "average_time": 39,
                    "complaints": 6,
                    "first_visit_percent": 86,
                    "followup": "in_progress",
                },
            ],
            "review_meeting": "Setiap Senin pertama, dipimpin Kepala Bidang Pelayanan",
            "trial_start": "2026-04-01",
            "improvement_plan": "Revisi SOP dicatat di riwayat revisi dengan nomor versi, tanggal, perubahan dan alasannya.",
        },
    }


def _observation(i: int) -> dict[str, Any]:
    role, scenario, ratings, minutes, good, improve = d.OBSERVATIONS[i % len(d.OBSERVATIONS)]
    keys = ("greeting", "listening", "restating", "plain", "written", "alternative", "time", "closing")
    return {
        "role": role,
        "scenario": scenario,
        "duration": minutes,
        "went_well": good,
        "to_improve": improve,
        "behaviour": {k: {"rating": r, "note": ""} for k, r in zip(keys, ratings, strict=True)},
    }


def _store(
    ctx: DemoContext,
    sheet,  # noqa: ANN001
    key: str,
    data: dict,
    status: str,
    comments: dict[str, str],
    team: Team | None,
    user_id: int | None,
    author_id: int,
    when: datetime,
) -> None:
    if db.session.scalar(
        select(WorksheetAnswer.id).where(
            WorksheetAnswer.worksheet_id == sheet.id,
            WorksheetAnswer.owner_key == key,
            WorksheetAnswer.cohort_id == ctx.cohort.id,
        )
    ):
        return
    reviewed = status in ("accepted", "returned")
    answer = WorksheetAnswer(
        worksheet_id=sheet.id,
        cohort_id=ctx.cohort.id,
        owner_key=key,
        data=data,
        team_id=team.id if team else None,
        user_id=user_id,
        status=AnswerStatus(status),
        round=0 if status == "draft" else 1,
        version=3 if reviewed else 2,
        updated_by_id=author_id,
        created_at=when,
        updated_at=when,
        submitted_at=when if status != "draft" else None,
        submitted_by_id=author_id if status != "draft" else None,
    )
    if reviewed:
        facilitator = ctx.user("fasilitator@diklat.example")
        answer.reviewed_at, answer.reviewed_by_id = when + timedelta(hours=2), facilitator.id
        answer.comments = [
            WorksheetComment(
                field_key=k, body=v, round=1, author_id=facilitator.id, created_at=when + timedelta(hours=2)
            )
            for k, v in comments.items()
        ]
    db.session.add(answer)


def seed(ctx: DemoContext) -> None:
    """Sync the content, open every module in the demo cohort, fill the demo teams' worksheets (idempotent)."""
    modules, problems = load_modules(Path(current_app.config["MODULES_DIR"]))
    if problems:
        raise RuntimeError("content problems: " + "; ".join(map(str, problems)))
    sync_modules(modules)
    cohort = ctx.cohort
    facilitator = ctx.user("fasilitator@diklat.example")
    for row in all_modules():
        set_module_state(cohort, row.number, ModuleState.OPEN, facilitator)
    sheets = {s.key: (row.number, s) for row in all_modules() for s in row.active_worksheets}
    for index, team in enumerate(t for t in cohort.teams if t.name in d.TEAMS):
        members = [m for m in team.members if m.role == Role.PARTICIPANT]
        answers, plan = _answers(team.name, index, team), d.PLAN[team.name]
        for key, data in answers.items():
            if key not in plan and index % 3 != 0:
                continue  # some teams have not started every worksheet
            number, sheet = sheets[key]
            status, comments = plan.get(key, ("draft", {}))
            when = datetime.combine(ctx.start + timedelta(days=(number - 1) // 3), time(2 + number))
            author = members[(number + index) % len(members)].user_id if members else facilitator.id
            _store(ctx, sheet, owner_key(team=team), data, status, comments, team, None, author, when)
        for i, member in enumerate(members[:3]):
            number, sheet = sheets["observation"]
            when = datetime.combine(ctx.start + timedelta(days=1), time(4, 30))
            status = ("accepted", "submitted", "draft")[(i + index) % 3]
            _store(
                ctx,
                sheet,
                owner_key(user=member.user),
                _observation(i + index),
                status,
                {},
                None,
                member.user_id,
                member.user_id,
                when,
            )
