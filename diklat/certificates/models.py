"""Certificate settings per cohort (completion rules, numbering, signer), certificates and bundle jobs."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diklat.auth.models import User
from diklat.cohorts.models import Cohort
from diklat.common.models import TimestampMixin, VersionedMixin
from diklat.common.time import utcnow
from diklat.extensions import db

DEFAULT_PATTERN = "{seq:03}/SERT/DIKLAT-SOP/{year}"


class CertificateSettings(TimestampMixin, VersionedMixin, db.Model):
    """A cohort's completion rules, number pattern and signing official."""

    __tablename__ = "certificate_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), unique=True)
    min_attendance: Mapped[int] = mapped_column(default=90)
    require_post_test: Mapped[bool] = mapped_column(default=True)
    post_test_pass_mark: Mapped[float | None] = mapped_column(Float)
    require_sop: Mapped[bool] = mapped_column(default=True)
    number_pattern: Mapped[str] = mapped_column(String(100), default=DEFAULT_PATTERN)
    institution: Mapped[str] = mapped_column(String(200), default="")
    signer_position: Mapped[str] = mapped_column(String(200), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_nip: Mapped[str] = mapped_column(String(18), default="")
    signature_file: Mapped[str] = mapped_column(String(100), default="")
    logo_file: Mapped[str] = mapped_column(String(100), default="")

    cohort: Mapped[Cohort] = relationship()


class Certificate(db.Model):
    """One issued certificate (STTPP); revoked ones stay, a reissue gets a new number."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(String(120), unique=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    jp: Mapped[float] = mapped_column(Float)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id", ondelete="SET NULL"))

    cohort: Mapped[Cohort] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def valid(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


class BundleStatus(enum.StrEnum):
    """Where a bulk PDF/ZIP job stands."""

    QUEUED = "queued"
    DONE = "done"
    FAILED = "failed"


class CertificateBundle(db.Model):
    """A bulk download (one PDF for printing or a ZIP) built in the background."""

    __tablename__ = "certificate_bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    fmt: Mapped[str] = mapped_column(String(8))
    status: Mapped[BundleStatus] = mapped_column(
        Enum(
            BundleStatus,
            name="bundle_status",
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=BundleStatus.QUEUED,
    )
    stored_name: Mapped[str] = mapped_column(String(100), default="")
    count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
