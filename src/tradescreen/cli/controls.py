"""``tradescreen controls``: the dual-use list as a searchable catalogue."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from tradescreen.cli._common import console, handle_errors, print_json, printable
from tradescreen.exc import InputError
from tradescreen.reference.dual_use import search_dual_use

app = typer.Typer(help="Search the dual-use control list (EU Annex I numbering).")


@app.command("search")
@handle_errors
def search_command(
    description: Annotated[str, typer.Argument(help="An item description.")],
    limit: Annotated[int, typer.Option(min=1, help="How many candidates.")] = 10,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Candidate control entries for an item description, best first."""
    if not description.strip():
        raise InputError("the description is empty")
    candidates = search_dual_use(description, limit=limit)
    if json_output:
        print_json([asdict(c) for c in candidates])
        return
    table = Table("entry", "regime", "score", "heading", "matched")
    for c in candidates:
        table.add_row(
            c.code, c.regime, f"{c.score:.2f}", c.heading, printable(", ".join(c.matched_terms))
        )
    console.print(table)
