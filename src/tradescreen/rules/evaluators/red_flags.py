"""Catch-all red flags and activity rules (services, finance, joint ventures, workers).

Red flags come from compliance guidance (BIS 'Red Flag Indicators', the DPRK
typologies of the Panel of Experts and the OFAC advisories); each is a ``review``
finding that cites its guidance. A red flag names its ``test`` in the catalogue; the
tests on parties and payment run here, those on the route and vessel in ``routes`` and
``vessels``. A declared end use that says nothing is flagged; a missing one is not,
since a transaction record may simply not carry it.

Activity rules apply when ``tx.activities`` carries one of the rule's ``scope.activities``
and the target country appears in the transaction (route, a party, the vessel flag).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from tradescreen.exc import TransactionError
from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Transaction
from tradescreen.reference.exchange_rates import convert, quoted_currencies, table_end
from tradescreen.rules.catalogue import Catalogue, RedFlag, contains_term
from tradescreen.rules.evaluators.routes import target_involvement

__all__ = ["RED_FLAG_TESTS", "evaluate_activities", "evaluate_red_flags"]

#: A red-flag test yields (subject, evidence) for every place the flag shows.
_Test = Callable[[Transaction, Catalogue, RedFlag], Iterator[tuple[str, str]]]


def _strings(params: Mapping[str, Any], key: str) -> list[str]:
    return [str(value).casefold() for value in params.get(key, ())]


def _vague_end_use(
    tx: Transaction, catalogue: Catalogue, flag: RedFlag
) -> Iterator[tuple[str, str]]:
    vague = set(_strings(flag.params, "vague_terms"))
    declared = [("transaction", "end_use", tx.end_use)]
    declared += [
        (f"items[{i}]", f"items[{i}].end_use", it.end_use) for i, it in enumerate(tx.items)
    ]
    for subject, field, value in declared:
        if value is not None and " ".join(value.casefold().split()) in vague:
            yield subject, f"{field} {value!r} does not say what the goods are for"


def _transaction_day(tx: Transaction) -> dt.date | None:
    try:
        return dt.date.fromisoformat(tx.date) if tx.date else None
    except ValueError:
        raise TransactionError("/date", f"{tx.date!r} is not a date (YYYY-MM-DD)") from None


def _cash_payment(
    tx: Transaction, catalogue: Catalogue, flag: RedFlag
) -> Iterator[tuple[str, str]]:
    """Cash for items worth ``min_value`` or more, every value converted to ``currency``.

    Values in another currency are converted at the ECB reference rate of the transaction's
    date (``tradescreen.reference.exchange_rates``); an item without a currency is taken to be
    in ``currency``.

    Raises:
        TransactionError: an item's currency has no ECB rate (pointer ``/items/0/currency``).
    """
    method = str(tx.payment.get("method", "")).casefold()
    if method not in _strings(flag.params, "methods"):
        return
    currency = str(flag.params.get("currency", "USD"))
    min_value = float(flag.params.get("min_value", 0))
    day = _transaction_day(tx)
    total, conversions = 0.0, []
    for index, item in enumerate(tx.items):
        code = item.currency or currency
        if item.value is None or code == currency:
            total += item.value or 0.0
            continue
        conversion = convert(item.value, code, currency, day)
        if conversion is None:
            raise TransactionError(
                f"/items/{index}/currency",
                f"{code!r} has no ECB reference rate to {currency} in the bundled table "
                f"(to {table_end().isoformat()}; quoted: {', '.join(sorted(quoted_currencies()))})",
            )
        total += conversion.value
        conversions.append(f"items[{index}] {conversion.describe()}")
    if total >= min_value:
        rates = f" ({'; '.join(conversions)})" if conversions else ""
        yield (
            "transaction",
            (
                f"payment method {method} for items worth {total:,.0f} {currency} "
                f"≥ {min_value:,.0f} {currency}{rates}"
            ),
        )


def _forwarder_as_consignee(
    tx: Transaction, catalogue: Catalogue, flag: RedFlag
) -> Iterator[tuple[str, str]]:
    roles = set(flag.params.get("roles", ()))
    terms = _strings(flag.params, "name_terms")
    forwarders = {
        " ".join(p.name.casefold().split()) for p in tx.parties if p.role == "freight_forwarder"
    }
    for index, party in enumerate(tx.parties):
        if party.role not in roles:
            continue
        name = " ".join(party.name.casefold().split())
        found = next((term for term in terms if contains_term(term, name)), None)
        where = f"{party.role} {party.name!r} (parties[{index}])"
        if name in forwarders:
            yield f"parties[{index}]", f"{where} is also the freight forwarder"
        elif found is not None:
            yield f"parties[{index}]", f"{where} is named as a forwarding firm ({found!r})"


def _transshipment_hub(
    tx: Transaction, catalogue: Catalogue, flag: RedFlag
) -> Iterator[tuple[str, str]]:
    roles = set(flag.params.get("roles", ()))
    for index, party in enumerate(tx.parties):
        if party.role not in roles or party.address is None:
            continue
        port = catalogue.find_port(party.address)
        if port is not None and port.red_flag == flag.id:
            yield (
                f"parties[{index}]",
                (
                    f"{party.role} {party.name!r} (parties[{index}]) address {party.address!r} "
                    f"is in {port.name} ({port.country})"
                ),
            )


def _third_party_payment(
    tx: Transaction, catalogue: Catalogue, flag: RedFlag
) -> Iterator[tuple[str, str]]:
    method = str(tx.payment.get("method", "")).casefold()
    if method in _strings(flag.params, "methods"):
        yield "transaction", f"payment method {method}"
    if tx.payment.get("third_party_payer") is True:
        country = tx.payment.get("payer_country")
        where = f" in {country}" if country else ""
        yield (
            "transaction",
            f"payment.third_party_payer: paid by a third party{where}, not the buyer",
        )


_TESTS: Mapping[str, _Test] = {
    "vague_end_use": _vague_end_use,
    "cash_payment": _cash_payment,
    "forwarder_as_consignee": _forwarder_as_consignee,
    "transshipment_hub": _transshipment_hub,
    "third_party_payment": _third_party_payment,
}

#: Red-flag tests this module runs.
RED_FLAG_TESTS = frozenset(_TESTS)

#: The finding kind of a subject ("parties[1]" → party).
_KINDS = {"parties": "party", "items": "item"}


def evaluate_activities(tx: Transaction, catalogue: Catalogue) -> list[Finding]:
    """Findings of rules whose ``scope.activities`` the transaction carries.

    Only when the target country appears in the transaction: training or a joint venture
    between two parties elsewhere is none of the regime's business.
    """
    involvement = target_involvement(tx, catalogue.target_country)
    if involvement is None:
        return []
    findings = []
    for rule in catalogue.rules.values():
        matched = [(i, a) for i, a in enumerate(tx.activities) if a in rule.scope.activities]
        if matched:
            listed = ", ".join(f"{a} (activities[{i}])" for i, a in matched)
            evidence = f"activity {listed} with {catalogue.target_country} involved: {involvement}"
            subject = f"activities[{matched[0][0]}]"
            details = {"activities": [a for _, a in matched]}
            findings.append(rule.finding("transaction", subject, evidence, details))
    return findings


def evaluate_red_flags(tx: Transaction, catalogue: Catalogue) -> list[Finding]:
    """Red-flag findings on parties, end use and payment, then activity rule findings."""
    findings = []
    for flag in catalogue.red_flags.values():
        test = _TESTS.get(flag.test or "")
        if test is None:
            continue
        for subject, evidence in test(tx, catalogue, flag):
            kind = _KINDS.get(subject.split("[")[0], "transaction")
            findings.append(flag.finding(kind, subject, evidence))
    return findings + evaluate_activities(tx, catalogue)
