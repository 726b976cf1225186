"""API tokens: created for a role, presented by machines, revoked; each change audited."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Row, insert, select, update

from tradescreen.exc import InputError, NotFoundError
from tradescreen.store.audit import append_record
from tradescreen.store.tables import api_tokens

__all__ = ["ROLES", "ApiToken", "authenticate_token", "create_token", "list_tokens", "revoke_token"]

#: What each role may do in the service: an analyst screens and checks, an approver also
#: approves (cases, to come), an administrator manages, an auditor reads lists and the log.
ROLES = ("analyst", "approver", "administrator", "auditor")
PREFIX = "ts_"


@dataclass(frozen=True, slots=True)
class ApiToken:
    id: int
    name: str
    role: str
    created_by: str
    created_at: str
    revoked_at: str | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def create_token(engine: Engine, name: str, role: str, actor: str) -> tuple[ApiToken, str]:
    """A new token for ``role``: the stored record, and the secret (shown once, never kept).

    Raises:
        InputError: the role is unknown or the name empty.
    """
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    if not name.strip():
        raise InputError("a token needs a name (who or what uses it)")
    secret = PREFIX + secrets.token_urlsafe(32)
    fields = {"name": name, "role": role, "created_by": actor, "created_at": _now()}
    with engine.begin() as conn:
        inserted = conn.execute(insert(api_tokens).values(**fields, token_hash=_hash(secret)))
        token_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
        append_record(conn, "token.create", name, {"id": token_id, **fields}, actor)
    return ApiToken(token_id, revoked_at=None, **fields), secret


def revoke_token(engine: Engine, token_id: int, actor: str) -> ApiToken:
    """Revoke a token at once; revoking it again changes nothing.

    Raises:
        NotFoundError: no token has this id.
    """
    with engine.begin() as conn:
        row = conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
        if row is None:
            raise NotFoundError(f"no API token {token_id}")
        token = _token(row)
        if token.revoked_at is None:
            token = replace(token, revoked_at=_now())
            conn.execute(
                update(api_tokens)
                .where(api_tokens.c.id == token_id)
                .values(revoked_at=token.revoked_at)
            )
            append_record(conn, "token.revoke", token.name, {"id": token_id}, actor)
    return token


def list_tokens(engine: Engine) -> list[ApiToken]:
    with engine.connect() as conn:
        return [_token(r) for r in conn.execute(select(api_tokens).order_by(api_tokens.c.id))]


def authenticate_token(engine: Engine, secret: str) -> ApiToken | None:
    """The live token whose secret this is; None for an unknown or revoked one."""
    with engine.connect() as conn:
        row = conn.execute(
            select(api_tokens).where(
                (api_tokens.c.token_hash == _hash(secret)) & api_tokens.c.revoked_at.is_(None)
            )
        ).first()
    return None if row is None else _token(row)


def _token(row: Row[Any]) -> ApiToken:
    return ApiToken(**{k: v for k, v in row._mapping.items() if k != "token_hash"})
