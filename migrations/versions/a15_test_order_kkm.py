"""assessments: pass mark (KKM) per test, flagged answers, pre-before-post waivers, gradebook weights

Revision ID: a15
Revises: 0006_monitoring
"""

import sqlalchemy as sa
from alembic import op

revision = "a15"
down_revision = "a14"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pass_mark", sa.Float(), nullable=False, server_default="70"))
    with op.batch_alter_table("test_answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flagged", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "test_order_waivers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_test_order_waivers_cohort_id_cohorts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["granted_by_id"], ["users.id"], name=op.f("fk_test_order_waivers_granted_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_test_order_waivers_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_order_waivers")),
        sa.UniqueConstraint("cohort_id", "user_id", name=op.f("uq_test_order_waivers_cohort_user")),
    )
    with op.batch_alter_table("test_order_waivers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_test_order_waivers_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_test_order_waivers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "gradebook_weights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.Integer(), nullable=False),
        sa.Column("worksheets", sa.Integer(), nullable=False),
        sa.Column("pre", sa.Integer(), nullable=False),
        sa.Column("post", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_gradebook_weights_cohort_id_cohorts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gradebook_weights")),
        sa.UniqueConstraint("cohort_id", name=op.f("uq_gradebook_weights_cohort_id")),
    )


def downgrade():
    op.drop_table("gradebook_weights")
    with op.batch_alter_table("test_order_waivers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_test_order_waivers_user_id"))
        batch_op.drop_index(batch_op.f("ix_test_order_waivers_cohort_id"))
    op.drop_table("test_order_waivers")
    with op.batch_alter_table("test_answers", schema=None) as batch_op:
        batch_op.drop_column("flagged")
    with op.batch_alter_table("tests", schema=None) as batch_op:
        batch_op.drop_column("pass_mark")
