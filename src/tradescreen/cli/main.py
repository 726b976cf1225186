"""Entry point: the Typer app and its command groups."""

from __future__ import annotations

import typer

from tradescreen.cli import audit, check, controls, links, lists, screen, service

app = typer.Typer(
    name="tradescreen",
    help="Sanctions and export-control screening: official lists, name matching, DPRK checks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(lists.app, name="lists")
app.command("screen")(screen.screen_command)
app.command("screen-file")(screen.screen_file_command)
app.command("check")(check.check_command)
app.add_typer(links.app, name="links")
app.add_typer(controls.app, name="controls")
app.add_typer(audit.app, name="audit")
app.command("serve")(service.serve_command)
app.add_typer(service.tokens_app, name="tokens")


def main() -> None:
    app()
