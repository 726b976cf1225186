"""Checking a transaction: every evaluator, then one decision with its findings.

Party screening runs first: its designee matches meet the ``designated_party_involved``
trigger of other rules. Each item is determined against the parameterised control-list
entries once; the determinations feed the listed-items rule, the sectoral bans' evidence,
the catch-alls and the hub red flag, with the item's dual-use candidates
(``search_dual_use``) for the catch-alls.

The context (catalogue, nomenclature, control list, screening index, vessel index
and the list versions they were built from) is built once and reused for every
transaction of a batch; the decision records the list versions and the engine
version, so that it can be reproduced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tradescreen import __version__
from tradescreen.exc import TransactionError
from tradescreen.matching import Screener
from tradescreen.model import Entity
from tradescreen.model.findings import DECISIONS, Decision, Finding
from tradescreen.model.transaction import Transaction
from tradescreen.reference import HsNomenclature, load_hs
from tradescreen.reference.dual_use import Candidate, search_dual_use
from tradescreen.rules import Catalogue, load_catalogue
from tradescreen.rules.controls import (
    ControlDetermination,
    ControlList,
    default_control_list,
    determination_finding,
    determine_item,
)
from tradescreen.rules.evaluators import (
    VesselIndex,
    evaluate_catch_all,
    evaluate_designated_party,
    evaluate_hs_codes,
    evaluate_item_categories,
    evaluate_red_flags,
    evaluate_route,
    evaluate_vessel,
    validate_hs_codes,
)
from tradescreen.rules.evaluators.parties import PartyScreener, evaluate_parties
from tradescreen.rules.units import UnitError

__all__ = ["CheckContext", "build_context", "check_transaction", "context_for", "decide"]

#: The rule a controlled item supplied to the target country falls under, in a regime
#: that has it (a regime without it gets the control-list findings alone).
LISTED_ITEMS_RULE = "DPRK-WMD-LISTED-TO"
#: How many dual-use candidates of an item's description the catch-alls read.
DUAL_USE_CANDIDATES = 5


@dataclass(frozen=True, slots=True)
class CheckContext:
    catalogue: Catalogue
    hs: HsNomenclature
    controls: ControlList
    parties: PartyScreener
    vessels: VesselIndex
    list_versions: dict[str, Any]


def build_context(
    entities: Iterable[Entity], list_versions: dict[str, Any], regime: Path | None = None
) -> CheckContext:
    """Everything a check needs, built once from the list entities.

    ``regime`` is a rule catalogue file (docs/catalogue.md); default: the UN 1718 regime.
    """
    entities = list(entities)
    return context_for(
        Screener(entities), VesselIndex.from_entities(entities), list_versions, regime
    )


def context_for(
    screener: Screener,
    vessels: VesselIndex,
    list_versions: dict[str, Any],
    regime: Path | None = None,
) -> CheckContext:
    """Everything a check needs, around a screener and vessel index already built (the
    store's compiled lists, ``tradescreen.compiled``)."""
    return CheckContext(
        catalogue=load_catalogue(regime),
        hs=load_hs(),
        controls=default_control_list(),
        parties=PartyScreener(screener),
        vessels=vessels,
        list_versions=list_versions,
    )


def decide(findings: Iterable[Finding]) -> str:
    """The most severe decision any finding leads to; ``clear`` when none does."""
    found = {finding.decision for finding in findings}
    return next((d for d in DECISIONS if d in found), "clear")


def _determinations(
    tx: Transaction, index: int, context: CheckContext
) -> list[ControlDetermination]:
    try:
        return determine_item(tx.items[index], context.controls)
    except UnitError as exc:
        pointer = (
            f"/items/{index}/attributes/{exc.attribute}" if exc.attribute else f"/items/{index}"
        )
        raise TransactionError(pointer, str(exc)) from None


def _item_findings(
    tx: Transaction,
    context: CheckContext,
    hs_findings: list[Finding],
    determined: dict[int, list[ControlDetermination]],
) -> list[Finding]:
    """Control-list findings per item, and what they mean for the regime's own measures.

    A controlled item supplied to the target country falls under the listed-items
    rule. An item that misses a control threshold but is caught by a sectoral (HS)
    ban says so in the ban's evidence: no licence requirement would stop it, the
    regime's measure does.
    """
    findings: list[Finding] = []
    target = context.catalogue.target_country
    for index in range(len(tx.items)):
        subject = f"items[{index}]"
        determinations = determined[index]
        findings.extend(determination_finding(d, subject) for d in determinations)
        controlled = [d for d in determinations if d.status == "controlled"]
        rule = context.catalogue.rules.get(LISTED_ITEMS_RULE)
        if controlled and rule is not None and target and tx.supplies_to(target):
            entries = ", ".join(d.paragraph for d in controlled)
            findings.append(
                rule.finding(
                    "item",
                    subject,
                    f"{entries} controlled item supplied to {target}: {controlled[0].evidence}",
                )
            )
        below = [d for d in determinations if d.status == "not_controlled"]
        if below and not controlled:
            note = "; ".join(d.evidence for d in below)
            for position, finding in enumerate(hs_findings):
                if finding.subject == subject and finding.decision == "prohibited":
                    hs_findings[position] = replace(
                        finding,
                        evidence=f"{finding.evidence}; the item is below the control-list "
                        f"threshold ({note}), so no control-list licence requirement applies: "
                        f"the {context.catalogue.regime} measure prohibits it",
                    )
    return findings


def check_transaction(tx: Transaction, context: CheckContext) -> Decision:
    """Every finding on ``tx`` and the decision they lead to."""
    codes = validate_hs_codes(tx, context.hs)
    party_findings = evaluate_parties(tx, context.catalogue, context.parties)
    hs_findings = evaluate_hs_codes(tx, context.catalogue, context.hs)
    determined = {index: _determinations(tx, index, context) for index in range(len(tx.items))}
    item_findings = _item_findings(tx, context, hs_findings, determined)
    candidates: dict[int, list[Candidate]] = {
        index: search_dual_use(item.description, DUAL_USE_CANDIDATES)
        for index, item in enumerate(tx.items)
    }
    findings = [
        *party_findings,
        *evaluate_designated_party(tx, context.catalogue, party_findings),
        *hs_findings,
        *evaluate_item_categories(tx, context.catalogue, codes),
        *item_findings,
        *evaluate_catch_all(tx, context.catalogue, determined, candidates, codes),
        *evaluate_route(tx, context.catalogue),
        *(evaluate_vessel(tx, context.catalogue, context.vessels) if tx.vessel else ()),
        *evaluate_red_flags(tx, context.catalogue),
    ]
    return Decision(
        transaction_id=tx.id,
        decision=decide(findings),
        findings=tuple(findings),
        list_versions=context.list_versions,
        engine_version=__version__,
    )
