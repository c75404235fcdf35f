"""Demo step: the demo cohort's follow-up plan, visit logs with photos, trial reports, something overdue."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from diklat.cohorts.models import Team
from diklat.demo.context import DemoContext
from diklat.extensions import db
from diklat.followups import plan_services, storage
from diklat.followups import report_services as reports
from diklat.followups import visit_services as visits
from diklat.followups.models import (
    Attachment,
    FollowupChange,
    FollowupItem,
    Indicator,
    ItemKind,
    ItemStatus,
    Rating,
    ReportStatus,
    TrialReport,
)

STEPS = [
    "Petugas loket menyambut pemohon dan memberi nomor antrean",
    "Petugas memeriksa kelengkapan berkas dengan daftar periksa",
    "Berkas yang lengkap dicatat di aplikasi dan pemohon menerima tanda terima",
    "Verifikator memeriksa keabsahan data",
    "Kepala seksi menandatangani dokumen",
    "Dokumen diserahkan dan pemohon diminta mengisi survei kepuasan",
]
# Per team: ratings of the six steps (A applied, P partly, N not applied).
RATINGS = ["AAAAPA", "AAPAAP", "APNAAN", "AAAPAA", "PAPNAA"]
RATING = {"A": Rating.APPLIED, "P": Rating.PARTLY, "N": Rating.NOT_APPLIED}
NOTES = {
    Rating.PARTLY: "Sudah berjalan, tetapi belum konsisten di semua loket.",
    Rating.NOT_APPLIED: "Belum dijalankan; petugas masih memakai cara lama.",
}
PROBLEMS = [
    "Antrean menumpuk pada pukul 09.00–11.00 karena hanya dua loket yang dibuka.",
    "Daftar periksa berkas belum dicetak untuk semua loket; petugas baru masih bertanya ke senior.",
    "Aplikasi pencatatan sering lambat sehingga tanda terima ditulis tangan.",
    "Pemohon yang berkasnya kurang harus datang lagi karena tidak ada layanan susulan via WhatsApp.",
    "Tanda tangan kepala seksi tertunda ketika pejabat dinas luar.",
]
WORDING = [
    'Langkah 2 "berkas diperiksa secukupnya" ditafsirkan berbeda; usul: "berkas diperiksa dengan daftar periksa 8 butir".',
    'Istilah "hari kerja" dan "hari kalender" dipakai bergantian pada standar waktu.',
    "Langkah 4 tidak menyebut siapa pengganti verifikator bila berhalangan.",
    'Kalimat tentang biaya "sesuai ketentuan" membingungkan; tulis "tidak dipungut biaya".',
    "Alur rujukan ke Dinas Kesehatan belum jelas batas waktunya.",
]
ACTIONS = [
    ("Cetak dan tempel daftar periksa berkas di setiap loket", "Kepala Seksi Pelayanan", 14, True),
    ("Tambah satu loket pada jam sibuk (09.00–11.00)", "Kepala Bidang Pelayanan", 30, True),
    ("Perbaiki kalimat langkah 2 dan 4 SOP, lalu sosialisasikan ke petugas", "Tim SOP kelompok", 21, False),
]
PHOTO_CAPTIONS = ["Papan alur layanan di ruang tunggu", "Daftar periksa berkas di meja loket"]


def _image(text: str, color: tuple[int, int, int], fmt: str) -> bytes:
    """A small real JPEG/PNG with a caption drawn on it (Pillow comes with WeasyPrint)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 610, 390), outline=(255, 255, 255), width=6)
    draw.text((60, 190), text, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def _attach(team: Team, data: bytes, name: str, caption: str, **parent: int) -> None:
    kept = storage.store(io.BytesIO(data), current_app.config["UPLOAD_FOLDER"], current_app.config["UPLOAD_MAX_BYTES"])
    db.session.add(
        Attachment(
            team_id=team.id,
            original_name=name,
            stored_name=kept.stored_name,
            kind=kept.kind,
            size=kept.size,
            caption=caption,
            **parent,
        )
    )


def _item(team_id: int | None, kind: ItemKind, sequence: int = 1) -> FollowupItem:
    return db.session.scalar(
        select(FollowupItem).where(
            FollowupItem.team_id == team_id, FollowupItem.kind == kind, FollowupItem.sequence == sequence
        )
    )


def seed(ctx: DemoContext) -> None:
    """Generate the plan once and fill it with evidence (idempotent: skipped when the plan exists)."""
    cohort = ctx.cohort
    if cohort is None or plan_services.items_of(cohort):
        return
    facilitator, mentor = ctx.user("fasilitator@diklat.example"), ctx.user("mentor@diklat.example")
    plan_services.plan_of(cohort).session_place = "Aula BPSDM Provinsi Contoh (luring) dan Zoom"
    plan_services.generate(cohort, facilitator, ctx.today)
    for kind in (ItemKind.FOLLOWUP_SESSION, ItemKind.GROUP_REVIEW):
        plan_services.set_status(_item(None, kind), facilitator, ItemStatus.DONE, "")
    teams = list(cohort.teams)
    for index, team in enumerate(teams):
        _visit(ctx, team, index, mentor)
        _evaluations(team, index, mentor)
    _reports(ctx, teams, facilitator, mentor)
    _backdate(cohort.id, ctx.today)
    _reminder_job(cohort.id, facilitator.id, ctx.today)


def _reminder_job(cohort_id: int, facilitator_id: int, today: date) -> None:
    """This morning's reminder run, as the plan page shows it (finished, three mails)."""
    from diklat.common.job_models import Job, JobStatus
    from diklat.followups.plan_views import reminders_ref

    started = datetime.combine(today, time(23)) - timedelta(days=1)  # 06:00 WIB
    db.session.add(
        Job(
            func="diklat.followups.reminders:send_cohort_reminders",
            label="Reminder mails",
            ref=reminders_ref(cohort_id),
            status=JobStatus.DONE,
            attempts=1,
            created_by_id=facilitator_id,
            created_at=started,
            started_at=started,
            finished_at=started + timedelta(seconds=4),
        )
    )


def _backdate(cohort_id: int, today: date) -> None:
    """Give history rows the dates they would have had (UTC, 09:00 WIB), not the seeding moment."""
    changes = db.session.scalars(
        select(FollowupChange).join(FollowupItem).where(FollowupItem.cohort_id == cohort_id)
    ).all()
    for change in changes:
        item = change.item
        day = change.from_starts_on - timedelta(days=3) if change.to_starts_on else min(item.ends_on, today)
        change.changed_at = datetime.combine(day, time(2))
    for report in db.session.scalars(select(TrialReport).join(Team).where(Team.cohort_id == cohort_id)):
        for n, review in enumerate(report.reviews):
            review.created_at = (report.submitted_at or datetime.combine(today, time(2))) + timedelta(days=3 + 4 * n)


def _visit(ctx: DemoContext, team: Team, index: int, mentor) -> None:  # noqa: ANN001
    item = _item(team.id, ItemKind.VISIT)
    if index == 5:
        plan_services.set_status(
            item, mentor, ItemStatus.MISSED, "Kantor tutup karena banjir; kunjungan perlu dijadwalkan ulang."
        )
        return
    if index == 4:
        new_day = item.starts_on + timedelta(days=7)
        while new_day.weekday() >= 5:
            new_day += timedelta(days=1)
        plan_services.reschedule(
            item,
            mentor,
            new_day,
            time(8),
            time(16),
            "Kepala dinas menghadiri rapat mendadak dengan Bupati pada tanggal semula.",
        )
    steps, version = visits.sop_step_rows(team)
    labels = [(s["number"], s["label"]) for s in steps] or [(None, label) for label in STEPS]
    ratings = RATINGS[index]
    observations = [
        visits.ObservationData(
            label=label,
            number=number,
            rating=RATING[ratings[i % len(ratings)]],
            note=NOTES.get(RATING[ratings[i % len(ratings)]], ""),
        )
        for i, (number, label) in enumerate(labels)
    ]
    members = ", ".join(m.user.name for m in team.members)
    actions = [visits.ActionData(text, owner, item.ends_on + timedelta(days=days)) for text, owner, days, _d in ACTIONS]
    if index == 0:
        actions.append(
            visits.ActionData(
                "Evaluasi semester pelaksanaan SOP bersama kepala dinas",
                "Tim SOP kelompok",
                ctx.today + timedelta(days=20),
            )
        )
    data = visits.VisitData(
        started_on=item.starts_on,
        ended_on=item.ends_on,
        place=team.office,
        item_id=item.id,
        sop_version=version,
        attendees=f"{members} (tim kelompok)\nKepala bidang pelayanan\n2 petugas loket",
        problems=PROBLEMS[index],
        unclear_wording=WORDING[index],
        notes="Pendampingan dua hari: hari 1 observasi loket, hari 2 diskusi perbaikan SOP.",
        observations=observations,
        actions=actions,
    )
    log = visits.save_visit(team, mentor, data)
    for action in log.actions:
        spec = next((a for a in ACTIONS if a[0] == action.description), None)
        if spec and (spec[3] or index in (1, 3)):
            action.done_on, action.done_by_id = action.due_on - timedelta(days=2), mentor.id
    for n, caption in enumerate(PHOTO_CAPTIONS):
        fmt, ext = ("JPEG", "jpg") if n == 0 else ("PNG", "png")
        data_bytes = _image(f"{team.name} - {caption}", (11 + 30 * index, 83, 148 - 10 * index), fmt)
        _attach(team, data_bytes, f"foto-{n + 1}-{team.name.lower().replace(' ', '-')}.{ext}", caption, visit_id=log.id)


def _evaluations(team: Team, index: int, mentor) -> None:  # noqa: ANN001
    first, second = _item(team.id, ItemKind.EVALUATION, 1), _item(team.id, ItemKind.EVALUATION, 2)
    if index < 5:
        plan_services.set_status(first, mentor, ItemStatus.DONE, "")
    if index < 3:
        plan_services.set_status(second, mentor, ItemStatus.DONE, "")
    elif index == 3:
        plan_services.set_status(second, mentor, ItemStatus.CONFIRMED, "Dijadwalkan bersama rapat staf bulanan.")


def _report_data(team: Team, index: int, start: date) -> reports.ReportData:
    base = 95 - 8 * index
    return reports.ReportData(
        period_start=start,
        period_end=start + timedelta(days=60),
        what_worked="Daftar periksa berkas membuat petugas baru bisa melayani tanpa bertanya; pemohon tahu sejak awal "
        "dokumen apa yang kurang. Papan alur di ruang tunggu mengurangi pertanyaan berulang.",
        obstacles="Aplikasi pencatatan lambat pada jam sibuk; satu petugas cuti panjang sehingga loket kekurangan "
        "orang. Sebagian pemohon belum terbiasa mengisi survei kepuasan.",
        sop_changes="Langkah 2 ditulis ulang dengan daftar periksa 8 butir; ditambahkan pengganti verifikator bila "
        "berhalangan; standar waktu dinyatakan dalam hari kerja.",
        testimonials='"Sekarang jelas sejak awal berkas apa yang kurang, tidak bolak-balik lagi." — Ibu S., pelaku '
        'usaha\n"Antrean lebih tertib dan petugas ramah." — Bapak R., pemohon',
        indicators=[
            reports.IndicatorData(Indicator.SERVICE_TIME, float(base), float(base - 25 + 3 * index), team.service),
            reports.IndicatorData(Indicator.COMPLAINTS, 14.0 - index, 6.0 + index),
            reports.IndicatorData(Indicator.FIRST_VISIT, 58.0 + index, 81.0 - index),
            reports.IndicatorData(Indicator.SKM, 74.5 + index, 83.2 - index / 2),
        ],
    )


def _reports(ctx: DemoContext, teams: list[Team], facilitator, mentor) -> None:  # noqa: ANN001
    """Team 1 and 2 accepted (team 1 after a request for more), 3 submitted, 4 asked for more, 5 draft, 6 none."""
    start = ctx.cohort.end_date + timedelta(days=14)
    for index, team in enumerate(teams[:5]):
        author = team.members[0].user
        report = reports.save_report(team, _report_data(team, index, start))
        _attach(
            team,
            _image(f"Rekap indikator {team.name}", (30, 107, 52), "PNG"),
            "rekap-indikator.png",
            "Rekap indikator bulanan",
            report_id=report.id,
        )
        if index == 4:
            continue
        reports.submit(report, author, datetime.combine(ctx.cohort.end_date + timedelta(days=85), time(3)))
        if index == 0:
            reports.review(report, mentor, ReportStatus.NEEDS_MORE, "Mohon lampirkan data keluhan per bulan.")
            report.status = ReportStatus.SUBMITTED
        if index in (0, 1):
            reports.review(
                report, facilitator, ReportStatus.ACCEPTED, "Laporan lengkap dan datanya jelas. Terima kasih."
            )
        elif index == 3:
            reports.review(
                report,
                mentor,
                ReportStatus.NEEDS_MORE,
                "Tambahkan testimoni pengguna dan jelaskan mengapa keluhan naik pada bulan kedua.",
            )
    db.session.flush()
