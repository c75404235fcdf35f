"""attendance sheets, certificates with verification, rank on users, certificate sequence on cohorts

Revision ID: a14
Revises: 0006_monitoring
"""

import sqlalchemy as sa
from alembic import op

revision = "a14"
down_revision = "0006_monitoring"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("rank", sa.String(length=100), nullable=False, server_default=""))
    with op.batch_alter_table("cohorts") as batch_op:
        batch_op.add_column(sa.Column("certificate_next_seq", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "certificate_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("min_attendance", sa.Integer(), nullable=False),
        sa.Column("require_post_test", sa.Boolean(), nullable=False),
        sa.Column("post_test_pass_mark", sa.Float(), nullable=True),
        sa.Column("require_sop", sa.Boolean(), nullable=False),
        sa.Column("number_pattern", sa.String(length=100), nullable=False),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("signer_position", sa.String(length=200), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_nip", sa.String(length=18), nullable=False),
        sa.Column("signature_file", sa.String(length=100), nullable=False),
        sa.Column("logo_file", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_certificate_settings_cohort_id_cohorts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_settings")),
        sa.UniqueConstraint("cohort_id", name=op.f("uq_certificate_settings_cohort_id")),
    )
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("jp", sa.Float(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_certificates_cohort_id_cohorts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_certificates_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["users.id"], name=op.f("fk_certificates_issued_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["certificates.id"],
            name=op.f("fk_certificates_replaces_id_certificates"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
        sa.UniqueConstraint("number", name=op.f("uq_certificates_number")),
        sa.UniqueConstraint("code", name=op.f("uq_certificates_code")),
    )
    with op.batch_alter_table("certificates") as batch_op:
        batch_op.create_index(batch_op.f("ix_certificates_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificates_user_id"), ["user_id"], unique=False)
    op.create_table(
        "certificate_bundles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("fmt", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stored_name", sa.String(length=100), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_certificate_bundles_cohort_id_cohorts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_bundles")),
    )
    with op.batch_alter_table("certificate_bundles") as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_bundles_cohort_id"), ["cohort_id"], unique=False)


def downgrade():
    op.drop_table("certificate_bundles")
    op.drop_table("certificates")
    op.drop_table("certificate_settings")
    with op.batch_alter_table("cohorts") as batch_op:
        batch_op.drop_column("certificate_next_seq")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("rank")
