"""Party checks: every party screened against the lists, its role named in the finding.

A strong match to a designee of a programme the regime's person rules cover
(``scope.programs`` of rules such as DPRK-ASSET-FREEZE) takes that rule's effect;
a possible match, or a match to a designee of another programme, is a review
finding carrying the matcher's explanation.
"""

from __future__ import annotations

from dataclasses import replace

from tradescreen.matching import Hit, Listing, Screener
from tradescreen.model import Entity
from tradescreen.model.findings import Finding, LegalBasis
from tradescreen.model.transaction import Party, Transaction
from tradescreen.rules.catalogue import Catalogue, Rule

__all__ = ["LIST_MATCH_RULE", "PartyScreener", "evaluate_parties"]

#: Rule id of a match to a designee outside the regime's programmes.
LIST_MATCH_RULE = "SCREEN-LIST-MATCH"

#: Transaction identifier keys to the FtM identifier kinds the matcher compares.
IDENTIFIER_KINDS = {
    "imo": "imoNumber",
    "passport": "passportNumber",
    "national_id": "idNumber",
    "registration": "registrationNumber",
    "tax": "taxNumber",
    "swift": "swiftBic",
    "lei": "leiCode",
}


class PartyScreener:
    """Parties screened with the entities behind their hits, for many transactions."""

    def __init__(self, screener: Screener) -> None:
        self.screener = screener

    def screen(self, party: Party) -> list[tuple[Hit, Listing, Entity]]:
        """Every listing of every designee a party matches at or above the threshold, so
        that each list's designation is cited (the UN's and OFAC's of one designee), with
        the entity behind it. No relative margin: check reports every designee."""
        identifiers = {IDENTIFIER_KINDS.get(k, "any"): v for k, v in party.identifiers.items()}
        schema = party.schema or ("Vessel" if "imo" in party.identifiers else "LegalEntity")
        hits = self.screener.screen(
            party.name,
            schema=schema,
            birth_date=party.birth_date,
            country=party.country,
            identifiers=identifiers or None,
            limit=None,
            margin=1.0,
        )
        return [
            (hit, listing, self.screener.entity(listing.entity_id))
            for hit in hits
            for listing in hit.listings
        ]


def _designation_rules(catalogue: Catalogue) -> list[Rule]:
    # Any regime's person rules that name the programmes of their designees.
    return [r for r in catalogue.rules.values() if r.direction == "persons" and r.scope.programs]


def _finding(
    index: int, party: Party, hit: Hit, listing: Listing, entity: Entity, rule: Rule | None
) -> Finding:
    programs = ", ".join(entity.programs) or "no programme given"
    evidence = (
        f"{party.role} '{party.name}' matches {entity.source} {entity.source_id} "
        f"'{listing.name}' ({programs}), score {listing.score:.2f}"
    )
    if listing.entity_id == hit.entity_id:
        evidence += f" ({hit.band}): {hit.explanation}"
    else:
        evidence += (
            f"; the same designee as {hit.source} {hit.source_id}, score {hit.score:.2f} "
            f"({hit.band}): {hit.explanation}"
        )
    details = {
        "role": party.role,
        "entity_id": listing.entity_id,
        "source": listing.source,
        "source_id": listing.source_id,
        "matched_name": listing.matched_name,
        "score": listing.score,
        "band": hit.band,
        "programs": list(entity.programs),
        "designee_hit": hit.entity_id,
    }
    subject = f"parties[{index}]"
    listed_under = f" ({', '.join(entity.programs)})" if entity.programs else ""
    designation = LegalBasis(f"{entity.source} list{listed_under}", entity.source_id)
    if rule is None:
        return Finding(
            "party", LIST_MATCH_RULE, "review", (designation,), evidence, subject, details
        )
    effect = rule.effect if hit.band == "strong" else "review"
    finding = rule.finding("party", subject, evidence, details, effect=effect)
    return replace(finding, legal_basis=(*finding.legal_basis, designation))


def evaluate_parties(
    tx: Transaction, catalogue: Catalogue, screener: PartyScreener
) -> list[Finding]:
    """Findings for every party with a hit at or above the default threshold."""
    rules = _designation_rules(catalogue)
    findings = []
    for index, party in enumerate(tx.parties):
        for hit, listing, entity in screener.screen(party):
            rule = next((r for r in rules if set(entity.programs) & set(r.scope.programs)), None)
            findings.append(_finding(index, party, hit, listing, entity, rule))
    return findings
