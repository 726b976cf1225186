"""Item categories: what an item's description (or HS code) says it is, and value thresholds.

A rule's ``scope.item_categories`` name categories; the catalogue's ``categories`` section
gives each its description terms, exclude terms, HS prefixes and the broader categories it is
part of. An item described as "AK-47 rifles" is in ``small_arms_light_weapons`` and so in
``arms_and_related_materiel``: DPRK-ARMS-TO catches it without an HS code.

``evaluate_item_categories`` adds what ``evaluate_hs_codes`` cannot see: a rule applies to an
item whose description names one of its categories and whose HS code does not already fall
under the rule's ``hs_codes`` (the HS evaluator owns those). When the item declares an HS code
outside the category's own HS prefixes, the description and the code disagree: the finding
is ``review``.

Value thresholds (``scope.value_thresholds``, luxury goods) apply to an item in the
threshold's category, by description or HS code: ``value_test`` compares the item's unit
value with the threshold. Above it, the rule's effect; at or below it, ``information``; a
value in another currency, or no value, or a total above the threshold without a quantity,
is ``review`` with the reason, never a silent clearance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Item, Transaction
from tradescreen.reference.hs import format_hs
from tradescreen.rules.catalogue import Catalogue, Category, Rule
from tradescreen.rules.evaluators.routes import applicable_rules

__all__ = [
    "CategoryMatch",
    "ValueTest",
    "evaluate_item_categories",
    "item_categories",
    "other_category",
    "value_test",
]


@dataclass(frozen=True, slots=True)
class CategoryMatch:
    """An item's category and what placed it there: a description term or an HS prefix."""

    category: str
    term: str | None = None
    hs_prefix: str | None = None

    def describe(self, item: Item) -> str:
        if self.term is not None:
            return f"description {item.description!r} names {self.category} ({self.term!r})"
        return f"hs_code {item.hs_code} is {self.category} (HS {format_hs(self.hs_prefix or '')})"


@dataclass(frozen=True, slots=True)
class ValueTest:
    """The outcome of a value threshold: the effect (None: the rule's) and why."""

    effect: str | None
    evidence: str
    details: Mapping[str, Any]


def _normalize(text: str) -> str:
    return " ".join(re.sub(r"[-_/,;:()]+", " ", text.casefold()).split())


@cache
def _pattern(term: str) -> re.Pattern[str]:
    words = _normalize(term)
    if not words.isascii():
        return re.compile(re.escape(words))
    return re.compile(rf"(?<!\w){re.escape(words)}(?:s|es)?(?!\w)")


def _names(terms: tuple[str, ...], text: str) -> str | None:
    """The longest of ``terms`` that ``text`` contains (the first of equal length)."""
    found = [term for term in terms if _pattern(term).search(text)]
    return max(found, key=lambda term: len(_normalize(term)), default=None)


def _term_match(category: Category, text: str) -> str | None:
    if _names(category.exclude_terms, text) is not None:
        return None
    return _names(category.terms, text)


def item_categories(
    item: Item, digits: str | None, catalogue: Catalogue, by_hs: bool = True
) -> list[CategoryMatch]:
    """The categories the item's description names, then those its HS code falls in."""
    text = _normalize(item.description)
    matches = []
    for category in catalogue.categories.values():
        term = _term_match(category, text)
        if term is not None:
            matches.append(CategoryMatch(category.id, term=term))
    if by_hs and digits:
        named = {m.category for m in matches}
        for category in catalogue.categories.values():
            prefix = next((p for p in category.hs_codes if digits.startswith(p)), None)
            if prefix is not None and category.id not in named:
                matches.append(CategoryMatch(category.id, hs_prefix=prefix))
    return matches


def _covered(catalogue: Catalogue, wanted: tuple[str, ...], category: str) -> bool:
    return bool(catalogue.category_lineage(category) & set(wanted))


def other_category(
    rule: Rule, matches: list[CategoryMatch], digits: str, catalogue: Catalogue
) -> CategoryMatch | None:
    """A description category that places the item outside the rule, or None.

    For an HS code that only overlaps the rule's codes (item ``2710.19``, rule
    ``27101921``): the description names a category whose HS codes hold the item's code,
    that is none of the rule's categories, and no broader one of them ("diesel fuel" is not
    aviation fuel; "kerosene" might be). None when the description names a rule category.
    """
    wanted = set(rule.scope.item_categories)
    named = [m for m in matches if m.term is not None]
    if not wanted or any(_covered(catalogue, tuple(wanted), m.category) for m in named):
        return None
    broader = {c for w in wanted for c in catalogue.category_lineage(w)}
    for match in named:
        category = catalogue.categories[match.category]
        if match.category not in broader and any(digits.startswith(p) for p in category.hs_codes):
            return match
    return None


def _unit_value(item: Item, threshold: float) -> tuple[float | None, str]:
    """The unit value, or None with the reason it is unknown; and how it was read."""
    assert item.value is not None
    if item.quantity is not None and item.quantity > 0:
        unit = item.value / item.quantity
        return (
            unit,
            f"unit value {unit:,.2f} (value {item.value:,.2f} / quantity {item.quantity:g})",
        )
    if item.value <= threshold:
        return (
            item.value,
            f"item value {item.value:,.2f} (no quantity: each unit is worth at most that)",
        )
    return None, f"item value {item.value:,.2f} with no quantity: the unit value is unknown"


def _compare(operator: str, value: float, threshold: float) -> bool:
    if operator == ">":
        return value > threshold
    if operator == ">=":
        return value >= threshold
    raise ValueError(f"unsupported threshold operator {operator!r}")


def value_test(
    rule: Rule, item: Item, matches: list[CategoryMatch], catalogue: Catalogue
) -> ValueTest | None:
    """The rule's value threshold for the item's category, applied; None if none applies."""
    for threshold in rule.scope.value_thresholds:
        category = str(threshold.get("category"))
        match = next(
            (m for m in matches if category in catalogue.category_lineage(m.category)), None
        )
        if match is None:
            continue
        operator = str(threshold.get("operator", ">"))
        limit = float(threshold["value"])
        currency = str(threshold.get("unit", "USD"))
        stated = f"{category} threshold unit value {operator} {limit:,.0f} {currency}"
        details: dict[str, Any] = {"value_threshold": dict(threshold), "category": category}
        where = match.describe(item)
        if item.value is None:
            return ValueTest(
                "review", f"{where}; no item value: {stated} cannot be tested", details
            )
        if item.currency is None or item.currency.upper() != currency.upper():
            declared = item.currency or "no currency"
            return ValueTest(
                "review",
                f"{where}; item value {item.value:,.2f} {declared}, {stated}: convert at the "
                f"transaction date's rate to test it",
                details,
            )
        unit, read = _unit_value(item, limit)
        if unit is None:
            return ValueTest("review", f"{where}; {read} {currency}, {stated}", details)
        details["unit_value"] = round(unit, 2)
        if _compare(operator, unit, limit):
            return ValueTest(None, f"{where}; {read} {currency} {operator} {limit:,.0f}", details)
        return ValueTest(
            "information",
            f"{where}; {read} {currency} is not {operator} {limit:,.0f}: below the "
            f"{category} threshold",
            details,
        )
    return None


def _finding(
    rule: Rule,
    catalogue: Catalogue,
    item: Item,
    index: int,
    digits: str | None,
    matches: list[CategoryMatch],
    supplied: str,
) -> Finding | None:
    wanted = rule.scope.item_categories
    named = [m for m in matches if m.term is not None and _covered(catalogue, wanted, m.category)]
    tested = value_test(rule, item, matches, catalogue) if rule.scope.value_thresholds else None
    if not named and tested is None:
        return None
    details: dict[str, Any] = {"item_categories": [m.category for m in named]}
    if named:
        details["terms"] = [m.term for m in named]
    if tested is not None:
        details.update(tested.details)
        return rule.finding(
            "item", f"items[{index}]", f"{tested.evidence}, {supplied}", details, tested.effect
        )
    match = named[0]
    evidence = f"{match.describe(item)}, {supplied}"
    category = catalogue.categories.get(match.category)
    own_codes = category.hs_codes if category is not None else ()
    if digits and own_codes and not any(digits.startswith(p) for p in own_codes):
        listed = ", ".join(format_hs(p) for p in own_codes)
        evidence += (
            f"; but hs_code {item.hs_code} is outside the category's HS {listed}: "
            f"description and code disagree, review"
        )
        return rule.finding("item", f"items[{index}]", evidence, details, effect="review")
    return rule.finding("item", f"items[{index}]", evidence, details)


def evaluate_item_categories(
    tx: Transaction, catalogue: Catalogue, codes: Mapping[int, str]
) -> list[Finding]:
    """Findings of item rules whose categories an item's description names.

    ``codes`` are the items' HS digits by index (``validate_hs_codes``). A rule applies as
    ``applicable_rules`` says; an item whose HS code falls
    under the rule's ``hs_codes`` is left to the HS evaluator, which applies value thresholds
    itself.
    """
    matches = {
        index: item_categories(item, codes.get(index), catalogue)
        for index, item in enumerate(tx.items)
    }
    findings = []
    for rule, supplied in applicable_rules(tx, catalogue):
        if not rule.scope.item_categories:
            continue
        for index, item in enumerate(tx.items):
            digits = codes.get(index)
            if digits is not None and rule.scope.hs_match(digits) is not None:
                continue
            finding = _finding(rule, catalogue, item, index, digits, matches[index], supplied)
            if finding is not None:
                findings.append(finding)
    return sorted(findings, key=lambda f: f.subject)
