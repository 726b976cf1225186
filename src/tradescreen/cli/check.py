"""``tradescreen check``: the decision on one transaction, or on a file of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tradescreen.cli._common import (
    console,
    decode_json,
    handle_errors,
    latest_lists,
    print_json,
    printable,
    read_text,
    store_engine,
)
from tradescreen.exc import InputError, RuleDataError, TransactionError
from tradescreen.model.transaction import parse_transaction
from tradescreen.settings import get_settings

if TYPE_CHECKING:
    from tradescreen.model.findings import Decision

__all__ = ["check_command", "read_transactions"]

DECISION_STYLES = {
    "prohibited": "bold red",
    "license_required": "bold yellow",
    "review": "yellow",
    "clear": "green",
}


def read_transactions(path: Path) -> tuple[list[Any], bool]:
    """The transactions of a file, and whether it is a batch.

    A file holds one transaction object, a JSON array of them, or JSON lines; a UTF-8
    byte order mark is allowed. A file without a transaction is refused.
    """
    text = read_text(path)
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise InputError(f"{path.name}: the file holds no transaction")
    try:
        data = decode_json(path, text)
    except json.JSONDecodeError as first:
        if len(lines) < 2:
            raise InputError(
                f"{path.name}: line {first.lineno} column {first.colno}: invalid JSON: {first.msg}"
            ) from None
        data = []
        for number, line in lines:
            try:
                data.append(decode_json(path, line, number))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path.name}: line {number}: invalid JSON: {exc.msg}") from None
    if data == []:
        raise InputError(f"{path.name}: the batch is empty")
    return (data, True) if isinstance(data, list) else ([data], False)


def _print_decision(decision: Decision) -> None:
    """The decision as text; everything from the transaction or the lists is ``printable``."""
    style = DECISION_STYLES[decision.decision]
    console.print(f"[bold]{printable(decision.transaction_id)}[/]: [{style}]{decision.decision}[/]")
    for finding in decision.findings:
        basis = "; ".join(
            f"{b.instrument} {b.paragraph or ''}".strip() + (" (verify)" if b.verify else "")
            for b in finding.legal_basis
        )
        console.print(
            f"  [bold]{printable(finding.subject)}[/] {finding.effect} "
            f"[cyan]{printable(finding.rule_id)}[/] — {printable(basis)}"
        )
        console.print(f"      {printable(finding.evidence)}")
    versions = ", ".join(
        f"{source} #{v['version_id']} ({v.get('published') or 'undated'})"
        for source, v in decision.list_versions.items()
    )
    console.print(f"  lists: {printable(versions)}; engine {decision.engine_version}")


@handle_errors
def check_command(
    path: Annotated[
        Path, typer.Argument(help="Transaction JSON: one object, an array or JSON lines.")
    ],
    regime: Annotated[
        Path | None,
        typer.Option("--regime", help="A rule catalogue YAML (default: the UN 1718 regime)."),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the decision JSON.")] = False,
) -> None:
    """Decide on a transaction: prohibited, license_required, review or clear, with findings."""
    from tradescreen.decision.check import check_transaction, context_for
    from tradescreen.rules import load_catalogue
    from tradescreen.store.audit import record_decision

    if regime is not None:
        try:
            load_catalogue(regime)  # cached: build_context gets it again
        except RuleDataError as exc:
            raise InputError(str(exc)) from None  # the user's file, not ours: exit 2
    raw, batch = read_transactions(path)
    transactions = []
    for index, data in enumerate(raw):
        try:
            transactions.append(parse_transaction(data))
        except TransactionError as exc:
            prefix = f"{path.name}: transaction {index}" if batch else path.name
            raise TransactionError(exc.pointer, f"{exc.problem} ({prefix})") from None
    with store_engine() as engine:
        lists = latest_lists(engine)
        context = context_for(lists.screener, lists.vessels, lists.list_versions, regime)
        decisions = [check_transaction(tx, context) for tx in transactions]
        with engine.begin() as conn:
            for decision in decisions:
                record_decision(conn, decision, get_settings().user)
    if json_output:
        print_json([d.to_dict() for d in decisions] if batch else decisions[0].to_dict())
        return
    for decision in decisions:
        _print_decision(decision)
