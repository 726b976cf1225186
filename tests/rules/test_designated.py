"""The designated_party_involved trigger, read from party screening findings."""

from __future__ import annotations

from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Party, Route, Transaction
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.evaluators.designated import TRIGGER, evaluate_designated_party

CATALOGUE = load_catalogue()
TX = Transaction(
    "t",
    parties=(
        Party("exporter", "Flanschwerk GmbH", "DE"),
        Party("intermediary", "Korea Ryonbong General Corporation", "CN"),
    ),
    route=Route("DE", "CN"),
)


def _party_finding(effect: str, subject: str = "parties[1]") -> Finding:
    rule = CATALOGUE.rules["DPRK-ASSET-FREEZE"]
    details = {"source": "un", "source_id": "KPe.002", "matched_name": "KOREA RYONBONG"}
    return rule.finding("party", subject, "match", details, effect=effect)


def test_a_designee_match_fires_every_rule_that_names_the_trigger() -> None:
    named = [r.id for r in CATALOGUE.rules.values() if TRIGGER in r.scope.triggers]
    assert named == ["DPRK-CARGO-INSPECTION"]
    [finding] = evaluate_designated_party(TX, CATALOGUE, [_party_finding("freeze")])
    assert (finding.rule_id, finding.effect, finding.subject) == (
        "DPRK-CARGO-INSPECTION",
        "inspect",
        "parties[1]",
    )
    assert finding.evidence == (
        "intermediary 'Korea Ryonbong General Corporation' (parties[1]) is designee "
        "un KPe.002 'KOREA RYONBONG' (DPRK-ASSET-FREEZE)"
    )
    assert finding.details["triggers"] == [TRIGGER]


def test_a_possible_match_or_no_match_does_not_fire() -> None:
    assert evaluate_designated_party(TX, CATALOGUE, [_party_finding("review")]) == []
    assert evaluate_designated_party(TX, CATALOGUE, []) == []


def test_one_evidence_per_designated_party() -> None:
    findings = [
        _party_finding("freeze"),
        _party_finding("freeze"),
        _party_finding("freeze", "parties[0]"),
    ]
    [finding] = evaluate_designated_party(TX, CATALOGUE, findings)
    assert finding.evidence.count("is designee") == 2
    assert finding.details["parties"] == ["parties[1]", "parties[0]"]
