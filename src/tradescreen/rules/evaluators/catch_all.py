"""Catch-all findings: items that no list names but that could still serve the programmes.

The DPRK catch-alls (DPRK-CATCHALL-WMD, 2270 para 27; DPRK-CATCHALL-CONV, 2270 para 8) ban
any item, except food or medicine, that the exporting State determines could contribute to
the prohibited programmes or the armed forces: effect ``determination_based``, a review.
A rule's ``scope.catch_all`` says what raises it for an item supplied to the target country
(directly or indirectly):

- ``determinations``: control-list determination statuses (``near_threshold``, ``unknown``)
  of the item (``tradescreen.rules.controls.determine_item``);
- ``dual_use_regimes`` and ``min_score``: a dual-use list candidate for the item's
  description (``tradescreen.reference.dual_use.search_dual_use``) of one of these regimes
  with a score of ``min_score`` or more. The bundled catalogue uses 0.6: descriptions that
  name a listed product ("vacuum pump" 0.90 → 2B231, "flow forming machine" 0.93 → 2B209,
  "frequency changer" 0.83 → 3A225) score above it, generic goods ("cotton T-shirts" 0.09,
  "industrial ball bearings" 0.38, "night-vision goggles" 0.09) and bare words ("steel" 0.26,
  "goods" 0.17) below.

Items in a category of the rule's ``scope.excludes`` (``food``, ``medicine``, by description
or HS code) are left out. The red flag test ``hub_without_end_user`` also runs here: a
controlled or near-threshold item consigned to a transshipment hub with no end user named.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Transaction
from tradescreen.reference.dual_use import Candidate
from tradescreen.rules.catalogue import Catalogue, RedFlag, Rule
from tradescreen.rules.controls import ControlDetermination
from tradescreen.rules.evaluators.categories import item_categories
from tradescreen.rules.evaluators.routes import supply_path

__all__ = ["RED_FLAG_TESTS", "evaluate_catch_all"]

#: Red-flag tests this module runs.
RED_FLAG_TESTS = frozenset({"hub_without_end_user"})


def _params(rule: Rule) -> Mapping[str, Any]:
    params = rule.scope.extra.get("catch_all")
    return params if isinstance(params, Mapping) else {}


def _reasons(
    params: Mapping[str, Any],
    determinations: Sequence[ControlDetermination],
    candidates: Sequence[Candidate],
) -> tuple[list[str], dict[str, Any]]:
    statuses = set(params.get("determinations", ()))
    reasons: list[str] = []
    details: dict[str, Any] = {}
    flagged = [d for d in determinations if d.status in statuses]
    if flagged:
        reasons += [f"{d.paragraph} {d.status.replace('_', ' ')}: {d.evidence}" for d in flagged]
        details["determinations"] = [
            {"paragraph": d.paragraph, "status": d.status} for d in flagged
        ]
    regimes = set(params.get("dual_use_regimes", ()))
    min_score = float(params.get("min_score", 1.0))
    strong = [c for c in candidates if c.regime in regimes and c.score >= min_score]
    if strong:
        reasons += [
            f"description is a dual-use candidate {c.code} ({c.heading[:80]}; {c.regime}), "
            f"score {c.score:.2f} ≥ {min_score:g}, matched {', '.join(c.matched_terms)}"
            for c in strong
        ]
        details["dual_use_candidates"] = [{"code": c.code, "score": c.score} for c in strong]
    return reasons, details


def _hub(tx: Transaction, catalogue: Catalogue, flag: RedFlag) -> str | None:
    hub_flag = flag.params.get("hub_flag")
    roles = set(flag.params.get("roles", ()))
    for index, name in enumerate(tx.route.ports):
        port = catalogue.find_port(name)
        if port is not None and port.red_flag == hub_flag:
            return f"route port {name!r} (route.ports[{index}]) is {port.name} ({port.country})"
    for index, party in enumerate(tx.parties):
        if party.role not in roles or party.address is None:
            continue
        port = catalogue.find_port(party.address)
        if port is not None and port.red_flag == hub_flag:
            return (
                f"{party.role} {party.name!r} (parties[{index}]) address {party.address!r} "
                f"is in {port.name} ({port.country})"
            )
    return None


def _hub_without_end_user(
    tx: Transaction,
    catalogue: Catalogue,
    flag: RedFlag,
    determinations: Mapping[int, Sequence[ControlDetermination]],
) -> Iterator[Finding]:
    if any(p.role == "end_user" for p in tx.parties):
        return
    hub = _hub(tx, catalogue, flag)
    if hub is None:
        return
    statuses = set(flag.params.get("statuses", ()))
    for index, found in sorted(determinations.items()):
        hits = [d for d in found if d.status in statuses]
        if hits:
            listed = "; ".join(f"{d.paragraph} {d.status.replace('_', ' ')}" for d in hits)
            evidence = f"items[{index}] {listed}; {hub}; no end user among the parties"
            details = {"determinations": [d.paragraph for d in hits]}
            yield flag.finding("item", f"items[{index}]", evidence, details)


def evaluate_catch_all(
    tx: Transaction,
    catalogue: Catalogue,
    determinations: Mapping[int, Sequence[ControlDetermination]],
    candidates: Mapping[int, Sequence[Candidate]],
    codes: Mapping[int, str],
) -> list[Finding]:
    """Catch-all rule findings per item, then the hub red-flag findings.

    ``determinations`` and ``candidates`` are by item index (control-list determinations and
    dual-use candidates of its description); ``codes`` the items' HS digits.
    """
    target = catalogue.target_country
    findings: list[Finding] = []
    rules = [r for r in catalogue.rules.values() if _params(r)]
    if rules and tx.supplies_to(target):
        supplied = f"supplied to {target} ({supply_path(tx, target, 'to')})"
        for index, item in enumerate(tx.items):
            categories = {
                c
                for m in item_categories(item, codes.get(index), catalogue)
                for c in catalogue.category_lineage(m.category)
            }
            for rule in rules:
                if categories & set(rule.scope.excludes):
                    continue
                reasons, details = _reasons(
                    _params(rule), determinations.get(index, ()), candidates.get(index, ())
                )
                if reasons:
                    evidence = (
                        f"items[{index}] {item.description!r}: {'; '.join(reasons)}, {supplied}"
                    )
                    findings.append(rule.finding("item", f"items[{index}]", evidence, details))
    for flag in catalogue.red_flags.values():
        if flag.test == "hub_without_end_user":
            findings.extend(_hub_without_end_user(tx, catalogue, flag, determinations))
    return findings
