"""``tradescreen audit``: verify the tamper-evident audit log, and export it for an auditor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tradescreen.cli._common import (
    check_output_path,
    console,
    handle_errors,
    print_json,
    store_engine,
)

if TYPE_CHECKING:
    from tradescreen.store.audit import ChainCheck

app = typer.Typer(help="Verify and export the tamper-evident audit log.", no_args_is_help=True)


def _report(check: ChainCheck, json_output: bool) -> None:
    if json_output:
        print_json(check.to_dict())
    elif check.ok:
        console.print(f"audit log intact: {check.count} records, head hash {check.head_hash}")
    else:
        where = f"record {check.first_bad}" if check.first_bad is not None else "the chain"
        console.print(f"[bold red]audit log broken[/] at {where}: {check.problem}", soft_wrap=True)
    if not check.ok:
        raise typer.Exit(1)


@app.command("verify")
@handle_errors
def verify_command(
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Verify an export (offline) instead of the store's log."),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check every record's number, link and hash; name the first one that does not hold."""
    from tradescreen.store.audit import read_chain, read_export, verify_chain

    if file is not None:
        records, head = read_export(file)
        _report(verify_chain(records, head), json_output)
        return
    with store_engine() as engine:
        check = verify_chain(read_chain(engine))
    _report(check, json_output)


@app.command("export")
@handle_errors
def export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON lines file to write.")],
) -> None:
    """Write the whole chain with its head hash, for verification away from the store."""
    from tradescreen.store.audit import export_chain

    check_output_path(output)
    with store_engine() as engine:
        check = export_chain(engine, output)
    console.print(f"{check.count} records written to {output}, head hash {check.head_hash}")
    if not check.ok:
        console.print(f"[bold red]warning:[/] the chain is broken: {check.problem}")
        raise typer.Exit(1)
