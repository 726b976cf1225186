"""Users' judgements on cross-list links, kept across imports and recorded in the audit log."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert, select

from tradescreen.exc import InputError, NotFoundError
from tradescreen.model import Judgement
from tradescreen.store.audit import append_record
from tradescreen.store.tables import resolution_judgements, version_entities

__all__ = ["judge_listings", "list_judgements"]


def judge_listings(
    engine: Engine, entity_id: str, other_id: str, judgement: str, actor: str, note: str = ""
) -> Judgement:
    """Store a judgement on two listings (replacing an earlier one on the same pair) and
    record it in the audit log, in one transaction.

    Raises:
        InputError: the two ids are one, or the judgement is not ``same`` or ``different``.
        NotFoundError: an entity id is in no stored list version.
    """
    if entity_id == other_id:
        raise InputError(f"{entity_id!r} is one listing: judge two different ones")
    first, second = sorted((entity_id, other_id))
    try:
        judged = Judgement(
            first, second, judgement, actor, datetime.now(UTC).isoformat(timespec="seconds"), note
        )
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    with engine.begin() as conn:
        known = set(
            conn.execute(
                select(version_entities.c.entity_id)
                .where(version_entities.c.entity_id.in_((first, second)))
                .distinct()
            ).scalars()
        )
        for unknown in (first, second):
            if unknown not in known:
                raise NotFoundError(f"no listing {unknown!r} in the store (an entity_id of a hit)")
        conn.execute(
            delete(resolution_judgements).where(
                (resolution_judgements.c.entity_id == first)
                & (resolution_judgements.c.other_id == second)
            )
        )
        conn.execute(insert(resolution_judgements).values(judged.to_dict()))
        append_record(conn, "resolution.judge", f"{first} {second}", judged.to_dict(), actor)
    return judged


def list_judgements(engine: Engine) -> list[Judgement]:
    """Every stored judgement, by entity ids."""
    table = resolution_judgements
    with engine.connect() as conn:
        rows = conn.execute(select(table).order_by(table.c.entity_id, table.c.other_id))
        return [Judgement(**row._mapping) for row in rows]
