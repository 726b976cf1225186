"""Writing parsed publications into the store, all or nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from tradescreen.exc import ListFormatError, ShrinkRefusedError, StoreError
from tradescreen.model import Entity
from tradescreen.sources.types import ParsedList
from tradescreen.store.audit import append_record
from tradescreen.store.canonical import canonical_hash
from tradescreen.store.tables import (
    entity_records,
    list_versions,
    record_programs,
    version_entities,
)
from tradescreen.store.versions import newest_first

__all__ = ["MAX_SHRINK", "ImportResult", "file_info", "import_publications", "record_hash"]

_CHUNK = 500

#: The largest share of the latest version's entities a new latest version may drop
#: without ``allow_shrink``; a new latest version without entities is always refused.
MAX_SHRINK = 0.2


@dataclass(frozen=True, slots=True)
class ImportResult:
    source: str
    format: str
    published: str | None
    entity_count: int
    version_id: int
    created: bool  # False when identical content was already stored
    latest_id: int  # the source's latest version after the import: the one that screens

    @property
    def is_latest(self) -> bool:
        """False for an older publication, stored as history behind the latest."""
        return self.latest_id == self.version_id


def record_hash(entity: Entity) -> tuple[str, str]:
    """The canonical JSON of an entity and its SHA-256."""
    return canonical_hash(entity.to_dict())


def file_info(path: Path) -> dict[str, Any]:
    """A file's name, SHA-256 and size: what a version or an audit record says it read."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"name": path.name, "sha256": digest.hexdigest(), "size": path.stat().st_size}


def _insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT rows, skipping those whose primary key is already there."""
    if not rows:
        return
    dialect = {"sqlite": sqlite, "postgresql": postgresql}.get(conn.dialect.name)
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        if dialect is None:
            raise StoreError(f"unsupported database {conn.dialect.name}")
        conn.execute(dialect.insert(table).on_conflict_do_nothing(), chunk)


def _newest_versions(conn: Connection, source: str, count: int) -> list[Any]:
    """The ``count`` latest versions of a source, the one that screens first."""
    query = select(list_versions).where(list_versions.c.source == source)
    return list(conn.execute(query.order_by(*newest_first()).limit(count)))


def _latest_version(conn: Connection, source: str) -> Any:
    return next(iter(_newest_versions(conn, source, 1)), None)


def _members(
    parsed: ParsedList, conn: Connection
) -> tuple[dict[str, tuple[str, str, str]], int | None]:
    """Members of the new version before its own entities: a delta's parent's, else none.

    Returns source_id -> (record hash, entity id, schema), and the parent version id.
    """
    members: dict[str, tuple[str, str, str]] = {}
    parent_id: int | None = None
    if parsed.is_delta:
        parent = _latest_version(conn, parsed.source)
        if parent is None:
            # The first delta of a feed starts from nothing: it can only add.
            if parsed.removed:
                raise ListFormatError(
                    parsed.files[0],
                    f"the delta deletes {len(parsed.removed)} entities but the store has no "
                    f"earlier version of {parsed.source!r} to delete them from",
                )
            return members, None
        parent_id = parent.id
        rows = conn.execute(
            select(
                version_entities.c.source_id,
                version_entities.c.record_hash,
                version_entities.c.entity_id,
                version_entities.c.schema,
            ).where(version_entities.c.version_id == parent.id)
        )
        members = {r.source_id: (r.record_hash, r.entity_id, r.schema) for r in rows}
        for source_id in parsed.removed:
            members.pop(source_id, None)
    return members, parent_id


def _check_unique(parsed: ParsedList) -> None:
    seen: set[str] = set()
    for entity in parsed.entities:
        if entity.source_id in seen:
            raise ListFormatError(
                parsed.files[0], "the identifier appears on two records", record=entity.source_id
            )
        seen.add(entity.source_id)


def _check_shrink(parsed: ParsedList, count: int, previous: Any) -> None:
    """Refuse a new latest version that is empty or drops over MAX_SHRINK of the entities."""
    advice = "pass --allow-shrink if the list really shrank"
    if count == 0:
        what = (
            f"replace version {previous.id} of {parsed.source!r} ({previous.entity_count} "
            "entities) with a version without entities"
            if previous is not None
            else f"create a version of {parsed.source!r} without entities"
        )
        raise ShrinkRefusedError(
            parsed.files[0],
            f"the import would {what}: screening against that list would find nothing; "
            f"refused ({advice})",
        )
    if previous is not None and count < previous.entity_count * (1 - MAX_SHRINK):
        raise ShrinkRefusedError(
            parsed.files[0],
            f"the import would replace version {previous.id} of {parsed.source!r} "
            f"({previous.entity_count} entities) with {count}, dropping "
            f"{1 - count / previous.entity_count:.0%} (more than {MAX_SHRINK:.0%}); "
            f"refused ({advice})",
        )


def _import_one(
    conn: Connection,
    parsed: ParsedList,
    files: list[dict[str, Any]],
    now: datetime,
    allow_shrink: bool,
) -> ImportResult:
    _check_unique(parsed)
    members, parent_id = _members(parsed, conn)
    records: list[dict[str, Any]] = []
    programs: list[dict[str, Any]] = []
    for entity in parsed.entities:
        digest, text = record_hash(entity)
        members[entity.source_id] = (digest, entity.entity_id, entity.schema)
        records.append({"hash": digest, "schema": entity.schema, "data": text})
        programs.extend({"record_hash": digest, "program": p} for p in entity.programs)
    content_hash = hashlib.sha256(
        "\n".join(f"{sid}\t{members[sid][0]}" for sid in sorted(members)).encode("utf-8")
    ).hexdigest()
    existing = conn.execute(
        select(list_versions.c.id).where(
            list_versions.c.source == parsed.source, list_versions.c.content_hash == content_hash
        )
    ).first()

    def result(version_id: int, created: bool) -> ImportResult:
        latest_id = _latest_version(conn, parsed.source).id
        return ImportResult(
            parsed.source,
            parsed.format,
            parsed.published,
            len(members),
            version_id,
            created,
            latest_id,
        )

    if existing is not None:
        return result(existing.id, created=False)
    _insert_ignore(conn, entity_records, records)
    _insert_ignore(conn, record_programs, programs)
    version_id = conn.execute(
        insert(list_versions).values(
            source=parsed.source,
            format=parsed.format,
            published=parsed.published,
            sequence=parsed.sequence,
            content_hash=content_hash,
            entity_count=len(members),
            imported_at=now,
            files=files,
            parent_id=parent_id,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    rows = [
        {
            "version_id": version_id,
            "source_id": sid,
            "record_hash": digest,
            "entity_id": entity_id,
            "schema": schema,
        }
        for sid, (digest, entity_id, schema) in members.items()
    ]
    for start in range(0, len(rows), _CHUNK):
        conn.execute(insert(version_entities), rows[start : start + _CHUNK])
    newest = _newest_versions(conn, parsed.source, 2)
    if newest[0].id == version_id and not allow_shrink:
        _check_shrink(parsed, len(members), newest[1] if len(newest) > 1 else None)
    return result(version_id, created=True)


def _audit(
    conn: Connection, result: ImportResult, files: list[dict[str, Any]], actor: str | None
) -> None:
    """The import's record in the audit log, written in the import's own transaction."""
    details = {**asdict(result), "files": files}
    append_record(conn, "lists.import", f"{result.source}#{result.version_id}", details, actor)


def _chronological(publications: Iterable[ParsedList]) -> list[ParsedList]:
    """Oldest publication first, so versions of one source are stored in list order."""
    return sorted(publications, key=lambda p: (p.source, p.published or ""))


def import_publications(
    engine: Engine,
    publications: Sequence[ParsedList],
    *,
    allow_shrink: bool = False,
    actor: str | None = None,
) -> list[ImportResult]:
    """Store every publication as a list version, in one transaction.

    Identical content (same source, same entities) creates no new version. A publication
    older than its source's latest (``versions.oldest_first``) is stored as history and
    does not screen. One that would become the latest with no entities, or with more than
    ``MAX_SHRINK`` fewer than the latest, is refused unless ``allow_shrink``. Each import
    is recorded in the audit log, as done by ``actor``, in the same transaction. If any
    publication fails, nothing is written: the store is exactly as before.
    """
    now = datetime.now(UTC)
    try:
        with engine.begin() as conn:
            ordered = _chronological(publications)
            files = [[file_info(path) for path in parsed.files] for parsed in ordered]
            results = [
                _import_one(conn, parsed, infos, now, allow_shrink)
                for parsed, infos in zip(ordered, files, strict=True)
            ]
            for result, infos in zip(results, files, strict=True):
                _audit(conn, result, infos, actor)
            return results
    except SQLAlchemyError as exc:
        raise StoreError(f"import rolled back: {exc}") from exc
