"""The tamper-evident audit log: append-only records, each hash-chained to the one before.

Every record carries a sequence number (1, 2, 3 … without gaps), when, who, what (an
action such as ``lists.import`` or ``check`` and its subject), the details as JSON and the
engine version, plus ``prev_hash``, the hash of the record before it (64 zeros for the
first). Its ``hash`` is the SHA-256 of the canonical JSON of all of that. Changing a record
changes its hash; deleting, inserting or reordering records breaks the sequence or the
chain. ``verify_chain`` walks the chain and names the first record that does not hold,
whether it reads the store or an export (``export_chain``: one JSON line per record, then a
line with the head hash), so an auditor can check an export offline with nothing but this
module or a SHA-256 tool.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from tradescreen import __version__
from tradescreen.exc import InputError
from tradescreen.model import Decision
from tradescreen.store.canonical import canonical_hash, canonical_json
from tradescreen.store.tables import audit_log
from tradescreen.store.versions import ListVersion

__all__ = [
    "GENESIS_HASH",
    "AuditRecord",
    "ChainCheck",
    "append_record",
    "export_chain",
    "read_chain",
    "read_export",
    "record_decision",
    "record_screening",
    "verify_chain",
]

#: The ``prev_hash`` of the first record.
GENESIS_HASH = "0" * 64

#: The longest subject a record keeps (a label: the details hold the whole query).
_SUBJECT_LENGTH = 255

#: The fields a record's hash covers, in the order of the export.
_HASHED = ("seq", "recorded_at", "actor", "action", "subject", "details", "engine_version")


@dataclass(frozen=True, slots=True)
class AuditRecord:
    seq: int
    recorded_at: str
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    engine_version: str
    prev_hash: str
    hash: str

    def expected_hash(self) -> str:
        """The hash this record's content and predecessor give."""
        return _chain_hash({**{f: getattr(self, f) for f in _HASHED}, "prev_hash": self.prev_hash})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The outcome of a verification: the first record that does not hold, if any."""

    count: int
    head_hash: str
    first_bad: int | None = None  # the sequence number (or position) of the first bad record
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, **asdict(self)}


def _chain_hash(fields: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of a record's fields."""
    return canonical_hash(fields)[0]


def append_record(
    conn: Connection, action: str, subject: str, details: dict[str, Any], actor: str | None = None
) -> AuditRecord:
    """Append one record inside the caller's transaction, so it commits with what it records.

    ``actor`` defaults to the operating-system user (the CLI passes ``TRADESCREEN_USER``).

    Two writers cannot both take the same sequence number: ``seq`` is the primary key, so
    the second insert fails and its transaction rolls back.
    """
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    details_json = canonical_json(details)
    fields = {
        "seq": last.seq + 1 if last else 1,
        "recorded_at": datetime.now(UTC).isoformat(timespec="microseconds"),
        "actor": actor or getpass.getuser(),
        "action": action,
        "subject": subject
        if len(subject) <= _SUBJECT_LENGTH
        else subject[: _SUBJECT_LENGTH - 1] + "…",
        "details": json.loads(details_json),  # as read back: JSON types only
        "engine_version": __version__,
        "prev_hash": last.hash if last else GENESIS_HASH,
    }
    record = AuditRecord(**fields, hash=_chain_hash(fields))
    conn.execute(insert(audit_log).values(**{**fields, "details": details_json}, hash=record.hash))
    return record


def record_decision(conn: Connection, decision: Decision, actor: str | None = None) -> AuditRecord:
    """A decision in the log, whole: its findings, list versions and engine version."""
    return append_record(conn, "check", decision.transaction_id, decision.to_dict(), actor)


def record_screening(
    conn: Connection,
    action: str,
    subject: str,
    details: dict[str, Any],
    versions: Iterable[ListVersion],
    actor: str | None = None,
) -> AuditRecord:
    """A screening in the log, with the list versions it ran against (their ids)."""
    list_versions = {v.source: v.id for v in versions}
    return append_record(conn, action, subject, {**details, "list_versions": list_versions}, actor)


def read_chain(engine: Engine) -> Iterator[AuditRecord]:
    """Every record in sequence order."""
    with engine.connect() as conn:
        for row in conn.execute(select(audit_log).order_by(audit_log.c.seq)):
            yield AuditRecord(**{**row._asdict(), "details": json.loads(row.details)})


def verify_chain(records: Iterable[AuditRecord], head_hash: str | None = None) -> ChainCheck:
    """Walk the chain; the first record whose number, link or hash is wrong fails it.

    ``head_hash`` (an export's) must be the last record's hash: records cut off the end
    of a chain leave every link intact but change its head.
    """
    previous, count = GENESIS_HASH, 0
    for position, record in enumerate(records, start=1):
        count = position
        if record.seq != position:
            problem = (
                f"record {position} has number {record.seq}: a record is missing, added or moved"
            )
            return ChainCheck(count, previous, record.seq, problem)
        if record.prev_hash != previous:
            return ChainCheck(
                count, previous, record.seq, "its link to the record before is broken"
            )
        if record.expected_hash() != record.hash:
            return ChainCheck(count, previous, record.seq, "its content was altered")
        previous = record.hash
    if head_hash is not None and head_hash != previous:
        return ChainCheck(
            count, previous, None, f"the head hash is {head_hash}, the chain ends in {previous}"
        )
    return ChainCheck(count, previous)


def export_chain(engine: Engine, path: Path) -> ChainCheck:
    """Write the chain as JSON lines, then a ``{"head_hash", "count"}`` line; verified first."""
    records = list(read_chain(engine))
    check = verify_chain(records)
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(canonical_json(record.to_dict()) + "\n")
        fh.write(canonical_json({"head_hash": check.head_hash, "count": check.count}) + "\n")
    return check


def read_export(path: Path) -> tuple[list[AuditRecord], str]:
    """The records and head hash of an export; a line that is no record is bad input."""
    records: list[AuditRecord] = []
    head: str | None = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the audit export: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        try:
            data = json.loads(line)
            if number == len(lines):
                head = data["head_hash"]
            else:
                records.append(AuditRecord(**data))
        except (ValueError, TypeError, KeyError) as exc:
            raise InputError(f"{path.name}: line {number}: not an audit record: {exc}") from exc
    if head is None:
        raise InputError(f"{path.name}: empty audit export")
    return records, head
