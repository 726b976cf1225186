"""List versions, content-addressed entity records, download state.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(64), nullable=False, index=True),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("entity_count", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("list_versions.id"), nullable=True),
        sa.UniqueConstraint("source", "content_hash", name="uq_list_versions_source_content"),
    )
    op.create_table(
        "entity_records",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "version_entities",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("list_versions.id"), primary_key=True),
        sa.Column("source_id", sa.String(255), primary_key=True),
        sa.Column("entity_id", sa.String(300), nullable=False),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column(
            "record_hash", sa.String(64), sa.ForeignKey("entity_records.hash"), nullable=False
        ),
    )
    op.create_table(
        "record_programs",
        sa.Column(
            "record_hash", sa.String(64), sa.ForeignKey("entity_records.hash"), primary_key=True
        ),
        sa.Column("program", sa.String(255), primary_key=True),
    )
    op.create_table(
        "download_state",
        sa.Column("source", sa.String(64), primary_key=True),
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("etag", sa.Text, nullable=True),
        sa.Column("last_modified", sa.Text, nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "download_state",
        "record_programs",
        "version_entities",
        "entity_records",
        "list_versions",
    ):
        op.drop_table(table)
