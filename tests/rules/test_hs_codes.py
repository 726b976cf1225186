"""HS-coded sectoral bans and caps, against the bundled UN 1718 catalogue and HS 2022."""

from __future__ import annotations

import pytest

from tradescreen.exc import TransactionError
from tradescreen.model.findings import LegalBasis
from tradescreen.model.transaction import Item, Party, Route, Transaction
from tradescreen.reference.hs import load_hs
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.evaluators.hs_codes import evaluate_hs_codes

CATALOGUE = load_catalogue()
HS = load_hs()


def _tx(*items: Item, route: Route, parties: tuple[Party, ...] = ()) -> Transaction:
    return Transaction(id="tx-1", items=items, route=route, parties=parties)


def _by_rule(tx: Transaction) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in evaluate_hs_codes(tx, CATALOGUE, HS):
        found.setdefault(finding.rule_id, []).append(f"{finding.subject} {finding.effect}")
    return found


def test_aluminium_tubes_to_kp_through_a_chinese_consignee_are_prohibited() -> None:
    tx = _tx(
        Item("6061-T6 aluminium tube", hs_code="7608.20"),
        route=Route(origin="DE", destination="KP", transit=("CN",)),
        parties=(Party("exporter", "Alu GmbH", "DE"), Party("consignee", "Dalian Trade Co", "CN")),
    )
    [finding] = evaluate_hs_codes(tx, CATALOGUE, HS)
    assert finding.rule_id == "DPRK-2397-7-INDUSTRIAL-TO"
    assert finding.effect == "prohibited"
    assert (finding.kind, finding.subject) == ("item", "items[0]")
    assert finding.legal_basis == (LegalBasis("S/RES/2397 (2017)", "7", verify=True),)
    assert finding.verify is True
    assert finding.evidence == (
        "hs_code 7608.20 (Aluminium; tubes and pipes, alloys) within HS 76 "
        "(Aluminium and articles thereof), supplied to KP "
        "(final destination KP on route DE → CN → KP)"
    )
    assert finding.details["hs_prefix"] == "76"
    assert finding.details["hs_indicative"] is False
    # Exemptions are recorded, not applied.
    assert [ex["id"] for ex in finding.details["exemptions"]] == [
        "EX-2397-7-AIRCRAFT-SPARES",
        "EX-COMMITTEE-CASE-BY-CASE",
    ]


def test_end_user_in_kp_makes_a_supply_to_kp_whatever_the_declared_destination() -> None:
    tx = _tx(
        Item("machining centre", hs_code="845710"),
        route=Route(origin="DE", destination="CN"),
        parties=(Party("consignee", "Shenyang Co", "CN"), Party("end_user", "Ryonbong", "KP")),
    )
    [finding] = evaluate_hs_codes(tx, CATALOGUE, HS)
    assert finding.rule_id == "DPRK-2397-7-INDUSTRIAL-TO"
    assert finding.evidence.endswith("supplied to KP (end_user (parties[1]) in KP)")


def test_a_four_digit_code_maps_to_its_chapter_measures() -> None:
    tx = _tx(Item("aluminium tubes", hs_code="7608"), route=Route("DE", "KP"))
    assert _by_rule(tx) == {"DPRK-2397-7-INDUSTRIAL-TO": ["items[0] prohibited"]}


def test_coal_from_kp_is_prohibited() -> None:
    tx = _tx(Item("anthracite", hs_code="2701.11"), route=Route(origin="KP", destination="CN"))
    [finding] = evaluate_hs_codes(tx, CATALOGUE, HS)
    assert (finding.rule_id, finding.effect) == ("DPRK-COAL-IRON-FROM", "prohibited")
    assert finding.evidence == (
        "hs_code 2701.11 (Coal; anthracite, whether or not pulverised, but not agglomerated) "
        "within HS 2701 (Coal; briquettes, ovoids and similar solid fuels manufactured from "
        "coal), supplied from KP (origin KP on route KP → CN)"
    )
    assert finding.details["hs_indicative"] is True
    assert [ex["id"] for ex in finding.details["exemptions"]] == ["EX-RAJIN-COAL"]


def test_coal_to_kp_is_not_under_the_export_ban() -> None:
    tx = _tx(Item("coal", hs_code="2701"), route=Route(origin="CN", destination="KP"))
    assert evaluate_hs_codes(tx, CATALOGUE, HS) == []


def test_refined_petroleum_to_kp_is_a_cap_finding_not_a_prohibition() -> None:
    # (a description naming diesel resolves the overlap below: tests/rules/test_categories.py)
    tx = _tx(Item("gas oil", hs_code="2710.19"), route=Route(origin="RU", destination="KP"))
    found = {f.rule_id: f for f in evaluate_hs_codes(tx, CATALOGUE, HS)}
    cap = found["DPRK-REFINED-PETROLEUM-CAP"]
    assert (cap.effect, cap.decision) == ("cap", "review")
    assert cap.details["cap"]["quantity"] == 500000
    assert cap.details["conditions"][0].startswith("supplying Member State notifies")
    # HS 2710.19 also holds kerosene-type jet fuel (CN 2710 19 21): only part of the
    # subheading is under the aviation-fuel ban, so a 6-digit code gets review.
    assert found["DPRK-AVFUEL-TO"].effect == "review"
    assert set(found) == {"DPRK-REFINED-PETROLEUM-CAP", "DPRK-AVFUEL-TO"}


def test_jet_fuel_by_its_cn_code_is_prohibited_to_kp() -> None:
    tx = _tx(Item("Jet A-1", hs_code="2710.19.21"), route=Route(origin="RU", destination="KP"))
    found = {f.rule_id: f for f in evaluate_hs_codes(tx, CATALOGUE, HS)}
    assert found["DPRK-AVFUEL-TO"].effect == "prohibited"
    assert found["DPRK-REFINED-PETROLEUM-CAP"].effect == "cap"


def test_a_heading_broader_than_a_listed_prefix_is_review() -> None:
    # HS 2710 holds aviation fuel (2710.12/2710.19) and much else: only part is banned.
    tx = _tx(Item("petroleum oils", hs_code="2710"), route=Route(origin="RU", destination="KP"))
    found = {f.rule_id: f for f in evaluate_hs_codes(tx, CATALOGUE, HS)}
    assert found["DPRK-REFINED-PETROLEUM-CAP"].effect == "cap"
    assert found["DPRK-AVFUEL-TO"].effect == "review"
    assert "includes HS 2710.12" in found["DPRK-AVFUEL-TO"].evidence


def test_crude_oil_to_kp_is_capped_and_condensates_rule_also_matches() -> None:
    tx = _tx(Item("crude oil", hs_code="2709.00"), route=Route(origin="RU", destination="KP"))
    assert _by_rule(tx) == {
        "DPRK-CRUDE-OIL-CAP": ["items[0] cap"],
        "DPRK-CONDENSATES-NGL-TO": ["items[0] prohibited"],
    }


def test_each_item_gets_its_own_findings() -> None:
    tx = _tx(
        Item("bread", hs_code="1905.90"),
        Item("watches", hs_code="9102.11"),
        Item("truck", hs_code="8704.22"),
        route=Route(origin="CN", destination="KP"),
    )
    assert _by_rule(tx) == {
        "DPRK-LUXURY-TO": ["items[1] prohibited"],
        "DPRK-2397-7-INDUSTRIAL-TO": ["items[2] prohibited"],
    }


def test_no_kp_supply_no_findings() -> None:
    tx = _tx(Item("aluminium tubes", hs_code="7608.20"), route=Route("DE", "MY", ("CN",)))
    assert evaluate_hs_codes(tx, CATALOGUE, HS) == []


def test_items_without_hs_code_are_skipped() -> None:
    tx = _tx(Item("aluminium tubes"), route=Route("DE", "KP"))
    assert evaluate_hs_codes(tx, CATALOGUE, HS) == []


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("7701", "HS code '7701' does not exist in HS 2022"),  # chapter 77 is reserved
        ("7699.00", "HS code '7699.00' does not exist in HS 2022"),
        ("76O8", "HS code '76O8' is not digits"),
        ("760", "HS code '760' has 3 digits, not 2, 4, 6, 8 or 10"),
    ],
)
def test_unknown_hs_code_is_an_error_with_its_pointer(code: str, problem: str) -> None:
    # Also when no rule applies: a wrong code is never ignored.
    tx = _tx(Item("tubes", hs_code="7608"), Item("x", hs_code=code), route=Route("DE", "FR"))
    with pytest.raises(TransactionError) as info:
        evaluate_hs_codes(tx, CATALOGUE, HS)
    assert (info.value.pointer, info.value.problem) == ("/items/1/hs_code", problem)


def test_arms_both_ways() -> None:
    rifles = Item("hunting rifles", hs_code="9303.30")
    assert _by_rule(_tx(rifles, route=Route("RU", "KP"))) == {
        "DPRK-ARMS-TO": ["items[0] prohibited"]
    }
    assert _by_rule(_tx(rifles, route=Route("KP", "SY"))) == {
        "DPRK-ARMS-FROM": ["items[0] prohibited"]
    }
