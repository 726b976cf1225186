"""Decisions on the acceptance transactions in tests/data/transactions, against real lists.

The context is built once from the UN list of 2026-05-08 and OFAC's 2022 sdn.csv
(which carries the DPRK vessels with their IMO numbers).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tradescreen import __version__
from tradescreen.decision.check import CheckContext, build_context, check_transaction, decide
from tradescreen.exc import TransactionError
from tradescreen.model.findings import Finding, LegalBasis
from tradescreen.model.transaction import parse_transaction
from tradescreen.sources.registry import parse_files

TRANSACTIONS = Path(__file__).parents[1] / "data" / "transactions"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (TRANSACTIONS / "expected.yml").read_text(encoding="utf-8")
)
LIST_VERSIONS = {"un": {"version_id": 1, "published": "2026-05-08"}, "ofac-sdn": {"version_id": 2}}


@pytest.fixture(scope="module")
def context(shared_data: Path) -> CheckContext:
    publications = parse_files(
        [
            shared_data / "un/un_consolidated_2026-05-08.xml",
            shared_data / "ofac/sdn_csv_2022-11/sdn.csv",
        ]
    )
    return build_context((e for p in publications for e in p.entities), LIST_VERSIONS)


def _load(name: str) -> Any:
    return json.loads((TRANSACTIONS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_acceptance_transactions(name: str, context: CheckContext) -> None:
    expected = EXPECTED[name]
    decision = check_transaction(parse_transaction(_load(name)), context)
    effects: dict[str, set[str]] = {}
    for finding in decision.findings:
        effects.setdefault(finding.rule_id, set()).add(finding.effect)
    for rule_id, effect in expected["rules"].items():
        assert effect in effects.get(rule_id, set()), f"{rule_id} {effect} not in {effects}"
    for rule_id, fragments in expected.get("evidence", {}).items():
        evidence = next(f.evidence for f in decision.findings if f.rule_id == rule_id)
        for fragment in fragments:
            assert fragment in evidence
    assert decision.decision == expected["decision"], [f.to_dict() for f in decision.findings]


def test_a_clean_order_is_clear_and_names_the_list_versions(context: CheckContext) -> None:
    decision = check_transaction(parse_transaction(_load("clean_order")), context)
    assert decision.decision == "clear" and decision.findings == ()
    data = decision.to_dict()
    assert data["list_versions"] == LIST_VERSIONS
    assert data["engine_version"] == __version__


def test_decisions_are_deterministic(context: CheckContext) -> None:
    for name in EXPECTED:
        tx = parse_transaction(_load(name))
        first = json.dumps(check_transaction(tx, context).to_dict(), sort_keys=True)
        assert json.dumps(check_transaction(tx, context).to_dict(), sort_keys=True) == first


def test_unconfirmed_paragraphs_carry_verify_into_the_finding(context: CheckContext) -> None:
    decision = check_transaction(parse_transaction(_load("aluminium_6061_to_kp_via_cn")), context)
    ban = next(f for f in decision.findings if f.rule_id == "DPRK-2397-7-INDUSTRIAL-TO")
    assert ban.verify == any(b.verify for b in ban.legal_basis)
    assert ban.to_dict().get("verify", False) == ban.verify
    assert ban.legal_basis[0] == LegalBasis("S/RES/2397 (2017)", "7", ban.legal_basis[0].verify)


def test_an_unknown_hs_code_is_an_error_naming_the_item(context: CheckContext) -> None:
    data = _load("clean_order")
    data["items"][0]["hs_code"] = "9401.30"  # HS 2017; split into 9401.31/9401.39 in HS 2022
    with pytest.raises(TransactionError) as caught:
        check_transaction(parse_transaction(data), context)
    assert caught.value.pointer == "/items/0/hs_code"


def test_an_unparseable_unit_is_an_error_naming_the_attribute(context: CheckContext) -> None:
    data = _load("clean_order")
    data["items"][0]["attributes"] = {"outer_diameter": "80 furlongs"}
    with pytest.raises(TransactionError) as caught:
        check_transaction(parse_transaction(data), context)
    assert caught.value.pointer.startswith("/items/0/attributes")


def test_decide_takes_the_most_severe_finding() -> None:
    def finding(effect: str) -> Finding:
        return Finding("item", "R", effect, (), "e", "items[0]")

    assert decide([]) == "clear"
    assert decide([finding("information")]) == "clear"
    assert decide([finding("cap"), finding("license_required")]) == "license_required"
    assert decide([finding("review"), finding("freeze")]) == "prohibited"


def test_a_designee_finding_cites_the_listing_with_its_programme(context: CheckContext) -> None:
    decision = check_transaction(
        parse_transaction(_load("cnc_5axis_to_dandong_npwmd_consignee")), context
    )
    party = next(f for f in decision.findings if f.kind == "party" and f.effect == "prohibited")
    assert party.rule_id == "US-OFAC-NPWMD-DESIGNEE"
    assert [(b.instrument, b.paragraph) for b in party.legal_basis] == [
        ("Executive Order 13382 (2005)", "1"),
        ("31 CFR part 544", "544.201"),
        ("ofac-sdn list (NPWMD)", "20564"),
    ]
    assert party.verify  # the programme's citations are unconfirmed (evidence M)
