"""parallel forms: questions drawn per topic for each attempt

Revision ID: a19
Revises: a18
"""

import sqlalchemy as sa
from alembic import op

revision = "a19"
down_revision = "a18"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tests") as batch:
        batch.add_column(sa.Column("draws", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("tests") as batch:
        batch.drop_column("draws")
