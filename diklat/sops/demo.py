"""Demo step: an SOP for each demo team, with versions in different states, comments and status history."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from diklat.cohorts.models import Team
from diklat.demo.context import DemoContext
from diklat.demo.platform import demo_nip
from diklat.extensions import db
from diklat.sops.demo_content import SOPS
from diklat.sops.document import SopDocument, Step
from diklat.sops.export import PrintInfo, count_pages
from diklat.sops.models import Sop, SopComment, SopEvent, SopStatus, SopVersion
from diklat.sops.services import document_hash

FACILITATOR = "fasilitator@diklat.example"


def build_document(spec: dict, team_no: int, drafted: date, effective: date | None) -> SopDocument:
    """A SopDocument from a demo spec; step uids are stable so versions line up."""
    position, name, nip_index = spec["approver"]
    value, unit = spec["service_time"]
    steps = []
    for n, (kind, activity, actor, req, t, t_unit, output, notes, nxt, alt) in enumerate(spec["steps"], 1):
        steps.append(
            Step(
                uid=f"k{team_no}-{n}",
                kind=kind,
                activity=activity,
                actor=actor,
                requirements=req,
                time_value=t,
                time_unit=t_unit,
                output=output,
                notes=notes,
                next=f"k{team_no}-{nxt}" if nxt else "",
                alt=f"k{team_no}-{alt}" if alt else "",
            )
        )
    identity = {
        "number": spec["number"],
        "title": spec["title"],
        "approver_position": position,
        "approver_name": name,
        "approver_nip": demo_nip(nip_index) if nip_index else "",
        "drafted_on": drafted.isoformat(),
        "effective_on": effective.isoformat() if effective else "",
        "revised_on": "",
    }
    for key in ("legal_basis", "qualifications", "related_sops", "equipment", "warning", "records"):
        identity[key] = spec[key]
    return SopDocument.from_dict(
        {
            "identity": identity,
            "actors": spec["actors"],
            "steps": [s.__dict__ for s in steps],
            "explanation": {k: spec[k] for k in ("purpose", "scope", "definitions")},
            "standard": {
                "complaint_channel": spec["complaint"],
                "service_time_value": value,
                "service_time_unit": unit,
                "cost": spec["cost"],
            },
        }
    )


def _step(doc: SopDocument, n: int) -> Step:
    return doc.steps[n - 1]


def _slower(doc: SopDocument) -> SopDocument:
    """The first draft: verification and signing each took a whole working day."""
    old = copy.deepcopy(doc)
    _step(old, 6).time_value, _step(old, 6).time_unit = 1, "days"
    _step(old, 8).activity, _step(old, 8).time_value, _step(old, 8).time_unit = "Menandatangani IUMK.", 1, "days"
    old.explanation["purpose"] = "Pedoman pelayanan IUMK."
    return old


def _longer_assessment(doc: SopDocument) -> SopDocument:
    old = copy.deepcopy(doc)
    _step(old, 4).time_value = 7
    return old


def _split_printing(doc: SopDocument) -> SopDocument:
    """Before the trial, printing the certificate and updating the family card were two steps."""
    old = copy.deepcopy(doc)
    printing = _step(old, 6)
    printing.activity, printing.output = "Mencetak akta kelahiran.", "Akta tercetak"
    extra = Step(
        uid="k3-6b",
        kind="process",
        activity="Memperbarui KK dan mencetak KK baru.",
        actor="Operator SIAK",
        time_value=20,
        time_unit="minutes",
        output="KK baru",
    )
    old.steps.insert(6, extra)
    old.identity["revised_on"] = ""
    return old


def _shorter(doc: SopDocument) -> SopDocument:
    old = copy.deepcopy(doc)
    old.steps = [s for s in old.steps if s.uid != "k4-4"]
    return old


def _slow_draft(doc: SopDocument) -> SopDocument:
    old = copy.deepcopy(doc)
    _step(old, 4).time_value = 30
    return old


# Per team: versions as (variant of the final document, reason, author index in the team, course day),
# then the status changes (action, by, day offset from course start, note), then comments.
PLAN: dict[str, dict] = {
    "Kelompok 1": {
        "versions": [
            (_slower, "Draf pertama hasil Modul 3", 0, 1),
            (None, "Waktu verifikasi dan tanda tangan dipangkas sesuai masukan fasilitator", 1, 2),
        ],
        "events": [
            ("submitted", 0, 1.6, ""),
            ("returned", "f", 1.7, "Waktu total melebihi janji 1 hari."),
            ("submitted", 1, 2.3, ""),
            ("accepted", "f", 2.5, "Siap diuji coba setelah ditandatangani."),
        ],
        "comments": [
            (1, "step:k1-6", "Verifikasi satu hari membuat janji 1 hari kerja tidak tercapai."),
            (1, "field:purpose", "Tujuan perlu menyebut manfaat bagi pemohon."),
        ],
    },
    "Kelompok 2": {
        "versions": [
            (_longer_assessment, "Draf pertama", 0, 1),
            (None, "Penilaian teknis dipersingkat menjadi 5 hari", 2, 2),
        ],
        "events": [
            ("submitted", 0, 1.6, ""),
            ("returned", "f", 1.8, ""),
            ("submitted", 2, 2.2, ""),
            ("accepted", "f", 2.4, ""),
            ("in_trial", 1, 21, "Uji coba di loket DPMPTSP mulai hari ini."),
        ],
        "comments": [(1, "step:k2-4", "Tujuh hari untuk penilaian teknis terlalu lama untuk rumah tinggal sederhana.")],
    },
    "Kelompok 3": {
        "versions": [
            (_split_printing, "Draf yang dipresentasikan", 0, 2),
            (None, "Perbaikan setelah uji coba: cetak akta dan pembaruan KK digabung", 3, 75),
        ],
        "events": [
            ("submitted", 0, 2.1, ""),
            ("accepted", "f", 2.4, ""),
            ("in_trial", 0, 18, ""),
            ("revised_after_trial", 3, 76, "Rata-rata waktu layanan turun dari 95 ke 80 menit."),
        ],
        "comments": [],
    },
    "Kelompok 4": {
        "versions": [(_shorter, "Draf awal", 0, 1), (None, "Langkah pemeriksaan koordinator ditambahkan", 1, 2)],
        "events": [("submitted", 1, 2.3, ""), ("returned", "f", 2.6, "Lengkapi saluran pengaduan dan cabang “tidak”.")],
        "comments": [
            (2, "field:complaint_channel", "Saluran pengaduan belum diisi; rujuk standar pelayanan MPP."),
            (2, "step:k4-2", "Keputusan ini belum punya cabang “tidak”: apa yang terjadi jika dokumen tidak sah?"),
            (2, "field:purpose", "Kalimat tujuan terlalu panjang; pecah menjadi dua kalimat pendek."),
        ],
    },
    "Kelompok 5": {"versions": [(None, "Draf awal, belum lengkap", 0, 1)], "events": [], "comments": []},
    "Kelompok 6": {
        "versions": [(_slow_draft, "Draf pertama", 0, 1), (None, "Waktu pembuatan konsep dipersingkat", 2, 2)],
        "events": [("submitted", 2, 2.2, ""), ("accepted", "f", 2.5, "")],
        "comments": [],
    },
}


def _at(ctx: DemoContext, day: float) -> datetime:
    """Naive-UTC time ``day`` days after the course start (fractions are hours of the working day)."""
    whole = int(day)
    hour = 1 + int((day - whole) * 10)  # 08:00–17:00 Jakarta is 01:00–10:00 UTC
    return datetime.combine(ctx.start + timedelta(days=whole), time(hour))


def seed(ctx: DemoContext) -> None:
    """Create each demo team's SOP once (idempotent)."""
    if ctx.cohort is None:
        return
    teams = {t.name: t for t in db.session.scalars(select(Team).where(Team.cohort_id == ctx.cohort.id))}
    for team_no, (name, spec) in enumerate(SOPS.items(), 1):
        team = teams.get(name)
        if team is None or db.session.scalar(select(Sop.id).where(Sop.team_id == team.id)) is not None:
            continue
        _seed_team(ctx, team, team_no, spec, PLAN[name])


def _seed_team(ctx: DemoContext, team: Team, team_no: int, spec: dict, plan: dict) -> None:
    members = [ctx.user(f"peserta{(team_no - 1) * 4 + i:02d}@diklat.example") for i in range(1, 5)]
    facilitator = ctx.user(FACILITATOR)
    accepted = any(e[0] == "accepted" for e in plan["events"])
    final = build_document(
        spec, team_no, ctx.start + timedelta(days=2), ctx.start + timedelta(days=10) if accepted else None
    )
    if any(e[0] == "revised_after_trial" for e in plan["events"]):
        final.identity["revised_on"] = (ctx.start + timedelta(days=76)).isoformat()
    sop = Sop(
        team_id=team.id,
        status=SopStatus.DRAFT,
        draft=final.to_dict(),
        version=len(plan["versions"]) + 1,
        updated_by_id=members[0].id,
        created_at=_at(ctx, 1),
        updated_at=_at(ctx, 1),
        page_count=count_pages(final, PrintInfo(team.office, team.service, "", len(plan["versions"]))),
        page_hash=document_hash(final),
    )
    db.session.add(sop)
    db.session.flush()
    db.session.add(
        SopEvent(
            sop_id=sop.id,
            from_status=SopStatus.DRAFT,
            to_status=SopStatus.DRAFT,
            user_id=members[0].id,
            created_at=_at(ctx, 1),
            note="",
        )
    )
    versions = []
    for number, (variant, reason, author, day) in enumerate(plan["versions"], 1):
        content: Callable | None = variant
        doc = content(final) if content else final
        versions.append(
            SopVersion(
                sop_id=sop.id,
                number=number,
                content=doc.to_dict(),
                reason=reason,
                author_id=members[author].id,
                created_at=_at(ctx, day),
                status=SopStatus.DRAFT,
            )
        )
    db.session.add_all(versions)
    _events(ctx, sop, versions, plan, members, facilitator)
    for number, target, text in plan["comments"]:
        db.session.add(
            SopComment(
                sop_id=sop.id,
                version_number=number,
                target=target,
                text=text,
                author_id=facilitator.id,
                created_at=versions[number - 1].created_at + timedelta(hours=2),
            )
        )
    db.session.flush()


def _events(ctx: DemoContext, sop: Sop, versions: list[SopVersion], plan: dict, members: list, facilitator) -> None:  # noqa: ANN001
    status = SopStatus.DRAFT
    for target, by, day, note in plan["events"]:
        when = _at(ctx, day)
        current = max((v for v in versions if v.created_at <= when), key=lambda v: v.number, default=None)
        user = facilitator if by == "f" else members[by]
        new = SopStatus(target)
        db.session.add(
            SopEvent(
                sop_id=sop.id,
                from_status=status,
                to_status=new,
                user_id=user.id,
                note=note,
                created_at=when,
                version_number=current.number if current else None,
            )
        )
        if current is not None:
            current.status = new
        status = new
        sop.updated_at = when
    sop.status = status
