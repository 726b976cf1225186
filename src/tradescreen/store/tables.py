"""The store's tables.

A list version is one publication of one source. Entity content is stored once
per distinct content (``entity_records``, keyed by the SHA-256 of its canonical
JSON) and versions point at it (``version_entities``), so an unchanged entity
costs one row per version and a diff compares hashes before it reads content.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "api_tokens",
    "audit_log",
    "download_state",
    "entity_records",
    "list_versions",
    "metadata",
    "record_programs",
    "resolution_judgements",
    "version_entities",
]

metadata = MetaData()

list_versions = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False, index=True),
    Column("format", String(32), nullable=False),
    Column("published", String(10), nullable=True),  # the list's own date, ISO
    # Where the list states no date, the publisher's running number: OFAC's highest ent_num.
    Column("sequence", Integer, nullable=True),
    Column("content_hash", String(64), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("files", JSON, nullable=False),  # [{"name", "sha256", "size"}]
    Column("parent_id", Integer, ForeignKey("list_versions.id"), nullable=True),  # deltas
    UniqueConstraint("source", "content_hash", name="uq_list_versions_source_content"),
)

entity_records = Table(
    "entity_records",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("schema", String(32), nullable=False),
    Column("data", Text, nullable=False),  # Entity.to_dict() as canonical JSON
)

version_entities = Table(
    "version_entities",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("source_id", String(255), primary_key=True),
    Column("entity_id", String(300), nullable=False),
    Column("schema", String(32), nullable=False),
    Column("record_hash", String(64), ForeignKey("entity_records.hash"), nullable=False),
)

record_programs = Table(
    "record_programs",
    metadata,
    Column("record_hash", String(64), ForeignKey("entity_records.hash"), primary_key=True),
    Column("program", String(255), primary_key=True),
)

download_state = Table(
    "download_state",
    metadata,
    Column("source", String(64), primary_key=True),
    Column("url", String(2000), primary_key=True),
    Column("etag", Text, nullable=True),
    Column("last_modified", Text, nullable=True),
    Column("sha256", String(64), nullable=True),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
)

#: The tamper-evident audit log (``store.audit``): one row per recorded act, each holding
#: the SHA-256 of its canonical JSON, which includes the previous row's hash.
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # 1, 2, 3 … no gaps
    Column("recorded_at", String(32), nullable=False),  # ISO 8601, UTC
    Column("actor", String(255), nullable=False),
    Column("action", String(64), nullable=False),  # "lists.import", "check", ...
    Column("subject", String(255), nullable=False),
    Column("details", Text, nullable=False),  # canonical JSON
    Column("engine_version", String(32), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

#: A user's judgement on two listings (``matching.resolution``): the same designee, or two.
#: One row per pair (``entity_id`` < ``other_id``), the latest judgement; the audit log keeps
#: every one. Keyed by entity ids, which stay the same across list versions.
resolution_judgements = Table(
    "resolution_judgements",
    metadata,
    Column("entity_id", String(300), primary_key=True),
    Column("other_id", String(300), primary_key=True),
    Column("judgement", String(16), nullable=False),  # "same" or "different"
    Column("actor", String(255), nullable=False),
    Column("judged_at", String(32), nullable=False),  # ISO 8601, UTC
    Column("note", Text, nullable=False),
)

#: Tokens that machines present to the service (``store.tokens``): only the SHA-256 of each
#: is kept (a token is 256 random bits: a slow hash would add nothing but latency).
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False),
    Column("role", String(32), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_by", String(255), nullable=False),
    Column("created_at", String(32), nullable=False),  # ISO 8601, UTC
    Column("revoked_at", String(32), nullable=True),
)
