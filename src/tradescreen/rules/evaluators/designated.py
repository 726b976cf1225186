"""The ``designated_party_involved`` trigger: rules that apply when a party is a designee.

Party screening (``evaluate_parties``) decides whether a party matches a designee; this
evaluator reads its findings. A party finding that prohibits the transaction (a strong match
to a designee of a programme the regime's person rules cover) meets the trigger, and every
rule with ``designated_party_involved`` in ``scope.triggers`` gets a finding naming the party,
its role and the designation. A possible match (``review``) does not meet it: the party
finding already asks a person to look.
"""

from __future__ import annotations

from collections.abc import Iterable

from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Transaction
from tradescreen.rules.catalogue import Catalogue

__all__ = ["TRIGGER", "designated_parties", "evaluate_designated_party"]

#: The trigger name rules use in ``scope.triggers``.
TRIGGER = "designated_party_involved"


def designated_parties(tx: Transaction, party_findings: Iterable[Finding]) -> dict[str, str]:
    """Evidence by subject (``parties[0]``) for every party that matches a designee."""
    evidence: dict[str, str] = {}
    for finding in party_findings:
        if finding.kind != "party" or finding.decision != "prohibited":
            continue
        if finding.subject in evidence:
            continue
        index = int(finding.subject.removeprefix("parties[").rstrip("]"))
        party = tx.parties[index]
        details = finding.details
        evidence[finding.subject] = (
            f"{party.role} {party.name!r} ({finding.subject}) is designee "
            f"{details.get('source')} {details.get('source_id')} "
            f"{details.get('matched_name')!r} ({finding.rule_id})"
        )
    return evidence


def evaluate_designated_party(
    tx: Transaction, catalogue: Catalogue, party_findings: Iterable[Finding]
) -> list[Finding]:
    """One finding per rule triggered by ``designated_party_involved``, if a party is a designee."""
    designees = designated_parties(tx, party_findings)
    if not designees:
        return []
    evidence = "; ".join(designees.values())
    subject = next(iter(designees))
    details = {"triggers": [TRIGGER], "parties": list(designees)}
    return [
        rule.finding("party", subject, evidence, details)
        for rule in catalogue.rules.values()
        if TRIGGER in rule.scope.triggers
    ]
