"""Reading list versions back: which are stored, their entities, and a status summary."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from tradescreen.exc import NotFoundError
from tradescreen.model import Entity, EntityArchive
from tradescreen.store.tables import (
    entity_records,
    list_versions,
    record_programs,
    version_entities,
)

__all__ = [
    "ListVersion",
    "SourceStatus",
    "get_version",
    "iter_entities",
    "entity_archive",
    "latest_versions",
    "list_sources",
    "list_versions_of",
    "store_status",
]


@dataclass(frozen=True, slots=True)
class ListVersion:
    id: int
    source: str
    format: str
    published: str | None
    sequence: int | None
    content_hash: str
    entity_count: int
    imported_at: datetime
    files: list[dict[str, Any]]
    parent_id: int | None

    @property
    def label(self) -> str:
        """How people refer to the version: ``un#3 (2026-05-08)``."""
        return f"{self.source}#{self.id} ({self.published or 'undated'})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "published": self.published,
            "sequence": self.sequence,
            "content_hash": self.content_hash,
            "entity_count": self.entity_count,
            "imported_at": self.imported_at.isoformat(),
            "files": self.files,
            "parent_id": self.parent_id,
        }


def _version(row: Any) -> ListVersion:
    return ListVersion(
        id=row.id,
        source=row.source,
        format=row.format,
        published=row.published,
        sequence=row.sequence,
        content_hash=row.content_hash,
        entity_count=row.entity_count,
        imported_at=row.imported_at,
        files=row.files,
        parent_id=row.parent_id,
    )


def oldest_first() -> tuple[Any, ...]:
    """Publication order: by the list's own date, else its running number, then import order.

    The last version of a source in this order is the one that screens; an undated one
    sorts before every dated one.
    """
    return (
        list_versions.c.published.asc().nulls_first(),
        list_versions.c.sequence.asc().nulls_first(),
        list_versions.c.id.asc(),
    )


def newest_first() -> tuple[Any, ...]:
    """The reverse of ``oldest_first``."""
    return (
        list_versions.c.published.desc().nulls_last(),
        list_versions.c.sequence.desc().nulls_last(),
        list_versions.c.id.desc(),
    )


def list_sources(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(
            conn.scalars(select(list_versions.c.source).distinct().order_by(list_versions.c.source))
        )


def list_versions_of(engine: Engine, source: str | None = None) -> list[ListVersion]:
    """Stored versions, oldest first (of one source, or of all sources grouped by source)."""
    query = select(list_versions).order_by(list_versions.c.source, *oldest_first())
    if source is not None:
        query = query.where(list_versions.c.source == source)
    with engine.connect() as conn:
        return [_version(row) for row in conn.execute(query)]


def get_version(engine: Engine, version_id: int) -> ListVersion:
    with engine.connect() as conn:
        row = conn.execute(select(list_versions).where(list_versions.c.id == version_id)).first()
    if row is None:
        raise NotFoundError(f"no list version {version_id} in the store")
    return _version(row)


def _entity_texts(engine: Engine, version_id: int) -> Iterator[str]:
    """The JSON of every entity of a version, in source id order."""
    query = (
        select(entity_records.c.data)
        .join(version_entities, version_entities.c.record_hash == entity_records.c.hash)
        .where(version_entities.c.version_id == version_id)
        .order_by(version_entities.c.source_id)
    )
    with engine.connect() as conn:
        yield from conn.scalars(query)


def iter_entities(engine: Engine, version_id: int) -> Iterator[Entity]:
    """Every entity of a version, in source id order."""
    for data in _entity_texts(engine, version_id):
        yield Entity.from_dict(json.loads(data))


def latest_versions(engine: Engine) -> list[ListVersion]:
    """The latest version of every source."""
    latest: dict[str, ListVersion] = {}
    for version in list_versions_of(engine):
        latest[version.source] = version  # oldest first, so the last one wins
    return list(latest.values())


def entity_archive(engine: Engine, versions: Iterable[ListVersion]) -> EntityArchive:
    """The entities of ``versions`` (the latest ones: what screening runs against), kept
    as the store's JSON until read."""
    return EntityArchive(text for version in versions for text in _entity_texts(engine, version.id))


@dataclass(frozen=True, slots=True)
class SourceStatus:
    source: str
    latest: ListVersion
    version_count: int
    by_schema: dict[str, int] = field(default_factory=dict)
    by_program: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "versions": self.version_count,
            "latest": self.latest.to_dict(),
            "by_schema": self.by_schema,
            "by_program": self.by_program,
        }


def _counts(conn: Connection, version_id: int) -> tuple[dict[str, int], dict[str, int]]:
    by_schema = conn.execute(
        select(version_entities.c.schema, func.count())
        .where(version_entities.c.version_id == version_id)
        .group_by(version_entities.c.schema)
        .order_by(version_entities.c.schema)
    )
    by_program = conn.execute(
        select(record_programs.c.program, func.count())
        .join(version_entities, version_entities.c.record_hash == record_programs.c.record_hash)
        .where(version_entities.c.version_id == version_id)
        .group_by(record_programs.c.program)
        .order_by(func.count().desc(), record_programs.c.program)
    )
    return {k: v for k, v in by_schema}, {k: v for k, v in by_program}


def store_status(engine: Engine) -> list[SourceStatus]:
    """Per source: its latest version, how many versions, counts by schema and by program."""
    statuses = []
    versions = list_versions_of(engine)
    with engine.connect() as conn:
        for latest in latest_versions(engine):
            count = sum(1 for v in versions if v.source == latest.source)
            by_schema, by_program = _counts(conn, latest.id)
            statuses.append(SourceStatus(latest.source, latest, count, by_schema, by_program))
    return statuses
