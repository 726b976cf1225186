"""Users' judgements on cross-list links: the same designee, or two.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolution_judgements",
        sa.Column("entity_id", sa.String(300), primary_key=True),
        sa.Column("other_id", sa.String(300), primary_key=True),
        sa.Column("judgement", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("judged_at", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("resolution_judgements")
