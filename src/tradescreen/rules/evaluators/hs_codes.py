"""HS-coded measures: sectoral bans and caps matched on each item's HS code.

A rule's ``scope.hs_codes`` are prefixes: ``"76"`` covers every code in chapter 76,
so a 4- or 6-digit item code maps to its chapter's measures. When the item code is
less specific than a listed prefix (item ``2710``, rule ``271012``), only part of the
item's goods are covered: the finding is ``review``, not the rule's effect, unless the
item's description names a category of goods outside the rule ("diesel fuel" under
2710.19 and the aviation-fuel ban): then it is ``information``, with that reason. A rule with
``scope.value_thresholds`` (luxury goods) tests the item's value when the item is in a
threshold's category (``categories.value_test``).
"""

from __future__ import annotations

from typing import Any

from tradescreen.exc import TransactionError
from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Item, Transaction
from tradescreen.reference.hs import HsNomenclature, format_hs, normalize_hs
from tradescreen.rules.catalogue import Catalogue, Rule
from tradescreen.rules.evaluators.categories import item_categories, other_category, value_test
from tradescreen.rules.evaluators.routes import applicable_rules

__all__ = ["evaluate_hs_codes", "validate_hs_codes"]


def validate_hs_codes(tx: Transaction, hs: HsNomenclature) -> dict[int, str]:
    """The digits of every item's HS code, by item index.

    Raises:
        TransactionError: an HS code is malformed or does not exist in HS 2022
            (pointer ``/items/N/hs_code``).
    """
    codes = {}
    for index, item in enumerate(tx.items):
        if item.hs_code is None:
            continue
        pointer = f"/items/{index}/hs_code"
        try:
            digits = normalize_hs(item.hs_code)
        except ValueError as error:
            raise TransactionError(pointer, str(error)) from None
        if hs.lookup(digits) is None:
            raise TransactionError(pointer, f"HS code {item.hs_code!r} does not exist in HS 2022")
        codes[index] = digits
    return codes


def _describe(hs: HsNomenclature, code: str) -> str:
    entry = hs.codes.get(code[:6])
    return f"HS {format_hs(code)} ({entry.description})" if entry else f"HS {format_hs(code)}"


def _item_finding(
    rule: Rule,
    catalogue: Catalogue,
    hs: HsNomenclature,
    item: Item,
    index: int,
    digits: str,
    supplied: str,
) -> Finding | None:
    scope = rule.scope
    matched = scope.hs_match(digits)
    partial = matched is None
    prefix = scope.hs_overlap(digits) if matched is None else matched
    if prefix is None:
        return None
    listed = _describe(hs, prefix)
    item_text = f"hs_code {item.hs_code} ({hs.describe(digits)})"
    if partial:
        evidence = f"{item_text} includes {listed}, {supplied}: part of the heading is covered"
    elif prefix == digits:
        evidence = f"{item_text} is listed, {supplied}"
    else:
        evidence = f"{item_text} within {listed}, {supplied}"
    details: dict[str, Any] = {"hs_prefix": prefix, "hs_indicative": scope.hs_indicative}
    if rule.cap:
        details["cap"] = dict(rule.cap)
        details["conditions"] = list(rule.conditions)
    effect = "review" if partial else None
    matches = item_categories(item, digits, catalogue)
    outside = other_category(rule, matches, digits, catalogue) if partial else None
    if outside is not None:
        evidence = (
            f"{evidence}; but {outside.describe(item)}, none of the rule's categories "
            f"({', '.join(scope.item_categories)})"
        )
        details["item_categories"] = [outside.category]
        effect = "information"
    if scope.value_thresholds:
        details["value_thresholds"] = [dict(t) for t in scope.value_thresholds]
        tested = value_test(rule, item, matches, catalogue)
        if tested is not None:
            evidence = f"{evidence}; {tested.evidence}"
            details.update(tested.details)
            if not partial:
                effect = tested.effect
    return rule.finding("item", f"items[{index}]", evidence, details, effect=effect)


def evaluate_hs_codes(tx: Transaction, catalogue: Catalogue, hs: HsNomenclature) -> list[Finding]:
    """Findings for every item whose HS code falls under an HS-coded rule that applies.

    A rule applies as ``applicable_rules`` says. Exemptions are recorded in the finding
    details, never applied.

    Raises:
        TransactionError: an HS code is malformed or unknown (see ``validate_hs_codes``).
    """
    codes = validate_hs_codes(tx, hs)
    findings = []
    for rule, supplied in applicable_rules(tx, catalogue):
        if not rule.scope.hs_codes:
            continue
        for index, digits in codes.items():
            finding = _item_finding(rule, catalogue, hs, tx.items[index], index, digits, supplied)
            if finding is not None:
                findings.append(finding)
    return sorted(findings, key=lambda f: f.subject)
