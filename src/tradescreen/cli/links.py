"""``tradescreen links``: confirm or split what cross-list resolution made of two listings."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tradescreen.cli._common import (
    compile_lists_now,
    console,
    handle_errors,
    print_json,
    printable,
    store_engine,
)
from tradescreen.model.judgement import DIFFERENT, SAME
from tradescreen.settings import get_settings

app = typer.Typer(
    help="Confirm or split the links between listings of one designee on several lists.",
    no_args_is_help=True,
)

EntityIdArgument = Annotated[str, typer.Argument(help="An entity_id, as hits show it.")]
NoteOption = Annotated[str, typer.Option("--note", help="Why: kept with the judgement.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _judge(entity_id: str, other_id: str, judgement: str, note: str, json_output: bool) -> None:
    from tradescreen.store import judge_listings

    with store_engine() as engine:
        judged = judge_listings(engine, entity_id, other_id, judgement, get_settings().user, note)
        compile_lists_now(engine, json_output)
    if json_output:
        print_json(judged.to_dict())
    else:
        console.print(f"{judged.entity_id} and {judged.other_id}: {judged.reason}", soft_wrap=True)


@app.command("confirm")
@handle_errors
def confirm_command(
    entity_id: EntityIdArgument,
    other_id: EntityIdArgument,
    note: NoteOption = "",
    json_output: JsonOption = False,
) -> None:
    """Judge two listings one designee: screening shows them as one hit from now on."""
    _judge(entity_id, other_id, SAME, note, json_output)


@app.command("split")
@handle_errors
def split_command(
    entity_id: EntityIdArgument,
    other_id: EntityIdArgument,
    note: NoteOption = "",
    json_output: JsonOption = False,
) -> None:
    """Judge two listings two designees: no evidence links them from now on."""
    _judge(entity_id, other_id, DIFFERENT, note, json_output)


@app.command("judgements")
@handle_errors
def judgements_command(json_output: JsonOption = False) -> None:
    """Every stored judgement: kept across list versions, each in the audit log."""
    from tradescreen.store import list_judgements

    with store_engine() as engine:
        judgements = list_judgements(engine)
    if json_output:
        print_json([j.to_dict() for j in judgements])
        return
    if not judgements:
        console.print("No judgements: resolution links listings on evidence alone.")
        return
    table = Table("listing", "other listing", "judgement", "by", "on", "note")
    for j in judgements:
        table.add_row(
            *map(printable, (j.entity_id, j.other_id, j.judgement, j.actor, j.judged_at, j.note))
        )
    console.print(table)
