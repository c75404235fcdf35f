"""Bulk downloads built in the background (``enqueue``): all certificates in one PDF, or a ZIP."""

from __future__ import annotations

import uuid
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from diklat.certificates.documents import all_in_one_pdf, zip_of
from diklat.certificates.models import BundleStatus, CertificateBundle
from diklat.certificates.queries import valid_certificates
from diklat.certificates.services import settings_of
from diklat.common.time import utcnow
from diklat.extensions import db

SUBFOLDER = "certificate-bundles"


def bundle_folder() -> Path:
    """Where finished bundles are kept (generated files, never user uploads)."""
    path = Path(current_app.config["UPLOAD_FOLDER"]) / SUBFOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def bundle_path(bundle: CertificateBundle) -> Path:
    """The finished file of a bundle."""
    return bundle_folder() / Path(bundle.stored_name).name


def latest(cohort_id: int) -> CertificateBundle | None:
    """The cohort's most recent bundle."""
    return db.session.scalar(
        select(CertificateBundle).where(CertificateBundle.cohort_id == cohort_id).order_by(CertificateBundle.id.desc())
    )


def request_bundle(cohort_id: int, fmt: str) -> CertificateBundle:
    """A queued bundle row (the view commits, then enqueues :func:`build_bundle`)."""
    bundle = CertificateBundle(cohort_id=cohort_id, fmt=fmt, status=BundleStatus.QUEUED)
    db.session.add(bundle)
    db.session.flush()
    return bundle


def build_bundle(bundle_id: int, base_url: str) -> None:
    """Job: render every valid certificate of the bundle's cohort into one PDF or a ZIP."""
    bundle = db.session.get(CertificateBundle, bundle_id)
    if bundle is None:
        return
    try:
        with current_app.test_request_context(base_url=base_url):
            certificates = sorted(valid_certificates(bundle.cohort_id).values(), key=lambda c: c.seq)
            settings = settings_of_cohort(bundle.cohort_id)
            body = (all_in_one_pdf if bundle.fmt == "pdf" else zip_of)(certificates, settings)
        name = f"{uuid.uuid4().hex}.{bundle.fmt}"
        (bundle_folder() / name).write_bytes(body)
        bundle.stored_name, bundle.count, bundle.status = name, len(certificates), BundleStatus.DONE
    except Exception:
        bundle.status = BundleStatus.FAILED
        raise
    finally:
        bundle.finished_at = utcnow()
        db.session.commit()


def settings_of_cohort(cohort_id: int):
    """The settings row of a cohort by id."""
    from diklat.cohorts.models import Cohort

    return settings_of(db.session.get(Cohort, cohort_id))
