"""Route checks: origin, transit and destination countries, ports and transshipment hubs.

A rule reaches the route through its ``scope.triggers`` (``origin_dprk``,
``destination_dprk``, ``brokered_by_dprk_national``); a port of the catalogue's ``ports``
list raises its red flag, and puts the target country on the route when it lies there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Transaction, check_country
from tradescreen.rules.catalogue import Catalogue, Rule

__all__ = [
    "RED_FLAG_TESTS",
    "TRIGGER_TESTS",
    "TriggerTest",
    "evaluate_route",
    "evaluate_triggers",
    "supply_path",
    "target_involvement",
]

#: A trigger test: the evidence that the transaction meets the trigger, or None.
TriggerTest = Callable[[Transaction, Catalogue], str | None]

_RECEIVING: tuple[str, ...] = ("consignee", "end_user", "notify_party", "buyer")
_SENDING: tuple[str, ...] = ("exporter", "seller", "manufacturer")


def _path(tx: Transaction) -> str:
    return " → ".join(tx.route.countries) or "no route"


def supply_path(tx: Transaction, country: str, supply: str) -> str:
    """How goods reach (``supply="to"``) or leave (``"from"``) ``country``, from the data.

    E.g. ``"final destination KP on route DE → CN → KP"`` or ``"end_user (parties[2]) in KP"``.
    """
    route = tx.route
    if supply == "to":
        if route.destination == country:
            return f"final destination {country} on route {_path(tx)}"
        if country in route.transit:
            return f"transit through {country} on route {_path(tx)}"
        roles = _RECEIVING
    else:
        if route.origin == country:
            return f"origin {country} on route {_path(tx)}"
        roles = _SENDING
    parties = [
        f"{party.role} (parties[{index}])"
        for index, party in enumerate(tx.parties)
        if party.role in roles and party.country == country
    ]
    return f"{', '.join(parties)} in {country}" if parties else f"route {_path(tx)}"


def applicable_rules(tx: Transaction, catalogue: Catalogue) -> Iterator[tuple[Rule, str]]:
    """The rules whose direction of supply the transaction makes, each with how.

    A rule applies when its direction is a supply ``to`` the target country and goods
    reach it (directly or indirectly), or ``from`` and goods come from it. The text
    says so from the data: ``"supplied to KP (final destination KP on route DE → KP)"``.
    """
    target = catalogue.target_country
    supplies = {"to": tx.supplies_to(target), "from": tx.supplies_from(target)}
    for rule in catalogue.rules.values():
        supply = catalogue.directions[rule.direction]
        if supply is not None and supplies[supply]:
            yield rule, f"supplied {supply} {target} ({supply_path(tx, target, supply)})"


def target_involvement(tx: Transaction, country: str) -> str | None:
    """Where ``country`` appears in the transaction (route, party, vessel flag), or None."""
    if country in tx.route.countries:
        return f"route {_path(tx)}"
    for index, party in enumerate(tx.parties):
        if party.country == country:
            return f"{party.role} (parties[{index}]) in {country}"
    if tx.vessel is not None and tx.vessel.flag == country:
        return f"vessel flag {country}"
    return None


def _target_ports(tx: Transaction, catalogue: Catalogue) -> list[str]:
    ports = (catalogue.find_port(name) for name in tx.route.ports)
    return [p.name for p in ports if p is not None and p.country == catalogue.target_country]


def _origin_target(tx: Transaction, catalogue: Catalogue) -> str | None:
    target = catalogue.target_country
    return f"cargo from {supply_path(tx, target, 'from')}" if tx.supplies_from(target) else None


def _destination_target(tx: Transaction, catalogue: Catalogue) -> str | None:
    target = catalogue.target_country
    if tx.supplies_to(target):
        return f"cargo to {supply_path(tx, target, 'to')}"
    ports = _target_ports(tx, catalogue)
    if ports and not tx.supplies_from(target):
        return (
            f"port {', '.join(ports)} in {target} on route {_path(tx)} "
            f"(declared destination {tx.route.destination})"
        )
    return None


def _brokered_by_target(tx: Transaction, catalogue: Catalogue) -> str | None:
    target = catalogue.target_country
    brokers = [
        f"intermediary {party.name!r} (parties[{index}]) in {target}"
        for index, party in enumerate(tx.parties)
        if party.role == "intermediary" and party.country == target
    ]
    return "; ".join(brokers) or None


#: Route triggers by the name rules use in ``scope.triggers``.
TRIGGER_TESTS: Mapping[str, TriggerTest] = {
    "origin_dprk": _origin_target,
    "destination_dprk": _destination_target,
    "brokered_by_dprk_national": _brokered_by_target,
}

#: Red-flag tests this module runs (ports raise the flag their catalogue entry names).
RED_FLAG_TESTS = frozenset({"port_outside_route"})


def evaluate_triggers(
    tx: Transaction,
    catalogue: Catalogue,
    tests: Mapping[str, TriggerTest],
    kind: str,
    subject: str,
) -> list[Finding]:
    """One finding per rule with a trigger in ``tests`` that the transaction meets."""
    findings = []
    for rule in catalogue.rules.values():
        met = {t: tests[t](tx, catalogue) for t in rule.scope.triggers if t in tests}
        evidence = {trigger: text for trigger, text in met.items() if text is not None}
        if evidence:
            details = {"triggers": list(evidence)}
            findings.append(rule.finding(kind, subject, "; ".join(evidence.values()), details))
    return findings


def _check_countries(tx: Transaction) -> None:
    route = tx.route
    codes = [("/route/origin", route.origin), ("/route/destination", route.destination)]
    codes += [(f"/route/transit/{i}", code) for i, code in enumerate(route.transit)]
    for pointer, code in codes:
        check_country(pointer, code)


def _port_findings(tx: Transaction, catalogue: Catalogue) -> list[Finding]:
    findings = []
    abnormal = next(
        (f for f in catalogue.red_flags.values() if f.test == "port_outside_route"), None
    )
    for index, name in enumerate(tx.route.ports):
        port = catalogue.find_port(name)
        if port is None:
            continue
        details = {"port": name, "pointer": f"/route/ports/{index}"}
        if port.red_flag is not None:
            flag = catalogue.red_flags[port.red_flag]
            evidence = f"port {name!r} is {port.name} ({port.country}) on route {_path(tx)}"
            findings.append(flag.finding("route", "route", evidence, details))
        if abnormal is not None and port.country not in tx.route.countries:
            evidence = (
                f"port {name!r} is in {port.country}, which the declared route "
                f"{_path(tx)} does not include"
            )
            findings.append(abnormal.finding("route", "route", evidence, details))
    return findings


def evaluate_route(tx: Transaction, catalogue: Catalogue) -> list[Finding]:
    """Route findings: rules triggered by the route, then port and hub red flags.

    Raises:
        TransactionError: a route country is not an ISO 3166-1 alpha-2 code
            (pointer ``/route/transit/0`` etc.).
    """
    _check_countries(tx)
    findings = evaluate_triggers(tx, catalogue, TRIGGER_TESTS, "route", "route")
    return findings + _port_findings(tx, catalogue)
