"""Entry point: the Typer app and its command groups."""

from __future__ import annotations

import typer

from tradescreen.cli import lists

app = typer.Typer(
    name="tradescreen",
    help="Sanctions and export-control screening: official lists, name matching, DPRK checks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(lists.app, name="lists")


def main() -> None:
    app()
