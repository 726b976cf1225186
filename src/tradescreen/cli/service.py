"""``tradescreen serve`` and ``tradescreen tokens``: the REST API and its API tokens."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tradescreen.cli._common import (
    compiled_lists_dir,
    console,
    handle_errors,
    print_json,
    printable,
    store_engine,
)
from tradescreen.settings import get_settings

tokens_app = typer.Typer(
    help="API tokens for machines using the service: create, list, revoke.", no_args_is_help=True
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@handle_errors
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (OpenAPI document at /openapi.json, interactive docs at /docs)."""
    import uvicorn

    from tradescreen.service.app import create_app

    settings = get_settings()
    app = create_app(settings.database_url, compiled_lists_dir())
    uvicorn.run(app, host=host, port=port, log_level="info")


@tokens_app.command("create")
@handle_errors
def create_command(
    name: Annotated[str, typer.Option("--name", help="Who or what uses the token.")],
    role: Annotated[
        str, typer.Option("--role", help="analyst, approver, administrator or auditor.")
    ],
    json_output: JsonOption = False,
) -> None:
    """Create a token; its secret is printed once and never stored."""
    from tradescreen.store.tokens import create_token

    with store_engine() as engine:
        token, secret = create_token(engine, name, role, get_settings().user)
    if json_output:
        print_json({**token.to_dict(), "token": secret})
        return
    console.print(f"token {token.id} for {printable(token.name)} ({token.role}): {secret}")
    console.print("Keep it now: it is not shown again.")


@tokens_app.command("list")
@handle_errors
def list_command(json_output: JsonOption = False) -> None:
    """Every token, live or revoked (never its secret)."""
    from tradescreen.store.tokens import list_tokens

    with store_engine() as engine:
        tokens = list_tokens(engine)
    if json_output:
        print_json([t.to_dict() for t in tokens])
        return
    table = Table("id", "name", "role", "created by", "created", "revoked")
    for t in tokens:
        table.add_row(
            str(t.id),
            *map(printable, (t.name, t.role, t.created_by, t.created_at, t.revoked_at or "")),
        )
    console.print(table)


@tokens_app.command("revoke")
@handle_errors
def revoke_command(
    token_id: Annotated[int, typer.Argument(help="The token's id (tokens list).")],
    json_output: JsonOption = False,
) -> None:
    """Revoke a token: the service refuses it from the next request on."""
    from tradescreen.store.tokens import revoke_token

    with store_engine() as engine:
        token = revoke_token(engine, token_id, get_settings().user)
    if json_output:
        print_json(token.to_dict())
    else:
        console.print(f"token {token.id} ({printable(token.name)}) revoked at {token.revoked_at}")
