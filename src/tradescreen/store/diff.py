"""What changed between two versions of a list, by the source's own identifier."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from tradescreen.exc import InputError, NotFoundError
from tradescreen.store.tables import entity_records, version_entities
from tradescreen.store.versions import ListVersion, get_version, list_versions_of

__all__ = ["EntityChange", "FieldChange", "VersionDiff", "diff_latest", "diff_versions"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one entity: old and new values; for list fields, the items added and removed."""

    field: str
    old: Any
    new: Any
    added: list[Any] | None = None
    removed: list[Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"field": self.field, "old": self.old, "new": self.new}
        if self.added is not None:
            data["added"], data["removed"] = self.added, self.removed
        return data


@dataclass(frozen=True, slots=True)
class EntityChange:
    source_id: str
    caption: str
    schema: str
    changes: list[FieldChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "caption": self.caption,
            "schema": self.schema,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class VersionDiff:
    old: ListVersion
    new: ListVersion
    added: list[EntityChange]
    removed: list[EntityChange]
    modified: list[EntityChange]

    @property
    def note(self) -> str | None:
        """A warning when the two versions were read from different formats of the list."""
        if self.old.format == self.new.format:
            return None
        return (
            f"the versions come from two formats ({self.old.format} → {self.new.format}), "
            "which state some fields differently (address parts, remarks, identifiers): "
            "a modified field may be the formats' difference, not the list's; compare "
            "versions of one format for the list's own changes"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.new.source,
            "note": self.note,
            "from": self.old.to_dict(),
            "to": self.new.to_dict(),
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "modified": len(self.modified),
            },
            "added": [c.to_dict() for c in self.added],
            "removed": [c.to_dict() for c in self.removed],
            "modified": [c.to_dict() for c in self.modified],
        }


def _members(engine: Engine, version_id: int) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(version_entities.c.source_id, version_entities.c.record_hash).where(
                version_entities.c.version_id == version_id
            )
        )
        return {sid: digest for sid, digest in rows}


def _load(engine: Engine, hashes: set[str]) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    ordered = sorted(hashes)
    with engine.connect() as conn:
        for start in range(0, len(ordered), 500):
            rows = conn.execute(
                select(entity_records.c.hash, entity_records.c.data).where(
                    entity_records.c.hash.in_(ordered[start : start + 500])
                )
            )
            records.update((h, json.loads(d)) for h, d in rows)
    return records


def _caption(data: dict[str, Any]) -> str:
    names = data.get("names") or [{"value": data["source_id"]}]
    return str(names[0]["value"])


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    changes = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, list) and isinstance(after, list):
            added = [item for item in after if item not in before]
            removed = [item for item in before if item not in after]
            changes.append(FieldChange(key, before, after, added, removed))
        else:
            changes.append(FieldChange(key, before, after))
    return changes


def diff_versions(engine: Engine, old_id: int, new_id: int) -> VersionDiff:
    """Added, removed and modified entities between two versions of the same source."""
    old, new = get_version(engine, old_id), get_version(engine, new_id)
    if old.source != new.source:
        raise InputError(f"cannot diff {old.label} against {new.label}: different sources")
    before, after = _members(engine, old.id), _members(engine, new.id)
    changed = {sid for sid in before.keys() & after.keys() if before[sid] != after[sid]}
    records = _load(
        engine,
        {after[s] for s in after.keys() - before.keys()}
        | {before[s] for s in before.keys() - after.keys()}
        | {before[s] for s in changed}
        | {after[s] for s in changed},
    )

    def change(sid: str, digest: str, changes: list[FieldChange] | None = None) -> EntityChange:
        data = records[digest]
        return EntityChange(sid, _caption(data), data["schema"], changes or [])

    return VersionDiff(
        old=old,
        new=new,
        added=[change(s, after[s]) for s in sorted(after.keys() - before.keys())],
        removed=[change(s, before[s]) for s in sorted(before.keys() - after.keys())],
        modified=[
            change(s, after[s], _field_changes(records[before[s]], records[after[s]]))
            for s in sorted(changed)
        ],
    )


def diff_latest(engine: Engine, source: str) -> VersionDiff:
    """The diff between the latest two versions of ``source``."""
    versions = list_versions_of(engine, source)
    if not versions:
        raise NotFoundError(f"no list versions of {source!r} in the store")
    if len(versions) < 2:
        raise NotFoundError(
            f"{source!r} has only one version ({versions[0].label}): nothing to diff"
        )
    return diff_versions(engine, versions[-2].id, versions[-1].id)
