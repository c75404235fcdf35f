"""Certificate services: settings, issuing with never-reused numbers, revoking, reissuing. Flush, never commit."""

from __future__ import annotations

from typing import BinaryIO

from sqlalchemy import select, update

from diklat.auth.models import User
from diklat.certificates import numbering
from diklat.certificates.models import Certificate, CertificateSettings
from diklat.certificates.queries import completions, valid_certificates
from diklat.cohorts.models import Cohort
from diklat.common.markers import N_
from diklat.common.models import created_on_first_use
from diklat.common.time import utcnow
from diklat.extensions import db
from diklat.followups import storage

IMAGE_KINDS = ("png", "jpg")
NOT_AN_IMAGE = N_("This file is not a PNG or JPG image.")


class CertificateError(Exception):
    """Certificates cannot be issued now; ``problems`` says why (untranslated)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def settings_of(cohort: Cohort) -> CertificateSettings:
    """The cohort's certificate settings, created with the defaults on first use."""
    settings = db.session.scalar(select(CertificateSettings).where(CertificateSettings.cohort_id == cohort.id))
    if settings is None:
        settings = CertificateSettings(cohort_id=cohort.id)
        created_on_first_use(settings)
    return settings


def missing_for_issue(settings: CertificateSettings) -> list[str]:
    """What must be filled in before certificates can be issued (untranslated messages)."""
    missing = []
    if not settings.signer_name.strip():
        missing.append(N_("The signing official's name is missing."))
    if not settings.signer_position.strip():
        missing.append(N_("The signing official's position is missing."))
    if not settings.signer_nip.strip():
        missing.append(N_("The signing official's NIP is missing."))
    if not settings.signature_file:
        missing.append(N_("The signature/stamp image is missing."))
    if not settings.logo_file:
        missing.append(N_("The institution's logo is missing."))
    if not settings.institution.strip():
        missing.append(N_("The institution's name is missing."))
    return missing


def store_image(stream: BinaryIO, upload_root: str, limit: int) -> str:
    """Keep an uploaded PNG/JPG through the shared upload checks; anything else is refused and removed."""
    kept = storage.store(stream, upload_root, limit)
    if kept.kind not in IMAGE_KINDS:
        storage.remove(upload_root, [kept.stored_name])
        raise storage.UploadRejected(NOT_AN_IMAGE)
    return kept.stored_name


def take_sequence(cohort_id: int) -> int:
    """Reserve the cohort's next certificate sequence: one atomic UPDATE, so no number is handed out twice."""
    db.session.execute(
        update(Cohort).where(Cohort.id == cohort_id).values(certificate_next_seq=Cohort.certificate_next_seq + 1)
    )
    next_seq = db.session.scalar(select(Cohort.certificate_next_seq).where(Cohort.id == cohort_id))
    return int(next_seq) - 1


def _new_certificate(cohort: Cohort, settings: CertificateSettings, user_id: int, jp: float, by: User) -> Certificate:
    seq = take_sequence(cohort.id)
    year = cohort.end_date.year  # the year of the course, also for a later reissue
    certificate = Certificate(
        cohort_id=cohort.id,
        user_id=user_id,
        seq=seq,
        number=numbering.format_number(settings.number_pattern, seq, year),
        code=numbering.new_code(),
        jp=jp,
        issued_by_id=by.id,
    )
    db.session.add(certificate)
    return certificate


def course_jp(cohort: Cohort) -> float:
    """The JP a completed participant earns: the course's scheduled lesson hours."""
    return round(sum(s.jp for s in cohort.sessions), 2)


def issue_for_completed(cohort: Cohort, by: User) -> list[Certificate]:
    """Issue a certificate to every participant who completed and has no valid one yet."""
    settings = settings_of(cohort)
    if problems := missing_for_issue(settings):
        raise CertificateError(problems)
    have = valid_certificates(cohort.id)
    jp = course_jp(cohort)
    issued = [
        _new_certificate(cohort, settings, uid, jp, by)
        for uid, completion in sorted(completions(cohort).items())
        if completion.completed and uid not in have
    ]
    db.session.flush()
    return issued


def revoke(certificate: Certificate, reason: str) -> None:
    """Revoke a certificate with a reason; its number is never used again."""
    if not certificate.valid:
        return
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = reason.strip()
    db.session.flush()


def reissue(certificate: Certificate, reason: str, by: User) -> Certificate:
    """Revoke (when still valid) and issue a replacement under a new number and a new code."""
    settings = settings_of(certificate.cohort)
    if problems := missing_for_issue(settings):
        raise CertificateError(problems)
    revoke(certificate, reason)
    replacement = _new_certificate(certificate.cohort, settings, certificate.user_id, course_jp(certificate.cohort), by)
    replacement.replaces_id = certificate.id
    db.session.flush()
    return replacement


def find_by_code(code: str) -> Certificate | None:
    """The certificate with this verification code (exact match)."""
    cleaned = code.strip().upper()
    if not cleaned or len(cleaned) > 32:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == cleaned))
