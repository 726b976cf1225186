"""Item categories from descriptions, and luxury-goods value thresholds (bundled catalogue)."""

from __future__ import annotations

from tradescreen.model.transaction import Item, Party, Route, Transaction
from tradescreen.reference.hs import load_hs
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.evaluators.categories import (
    evaluate_item_categories,
    item_categories,
)
from tradescreen.rules.evaluators.hs_codes import evaluate_hs_codes, validate_hs_codes

CATALOGUE = load_catalogue()
HS = load_hs()
TO_KP = Route("CN", "KP")


def _tx(*items: Item, route: Route = TO_KP, parties: tuple[Party, ...] = ()) -> Transaction:
    return Transaction(id="t", items=items, route=route, parties=parties)


def _findings(tx: Transaction) -> list[tuple[str, str, str]]:
    codes = validate_hs_codes(tx, HS)
    return [
        (f.rule_id, f.effect, f.evidence) for f in evaluate_item_categories(tx, CATALOGUE, codes)
    ]


def _hs_findings(tx: Transaction) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.effect, f.evidence) for f in evaluate_hs_codes(tx, CATALOGUE, HS)]


def _categories(description: str, hs: str | None = None) -> dict[str, str | None]:
    item = Item(description, hs)
    digits = hs.replace(".", "") if hs else None
    return {m.category: m.term or m.hs_prefix for m in item_categories(item, digits, CATALOGUE)}


def test_description_terms_place_items_in_categories() -> None:
    assert _categories("AK-47 rifles") == {"small_arms_light_weapons": "AK 47"}
    assert _categories("Night-vision goggles, military") == {
        "arms_and_related_materiel": "military"
    }
    assert _categories("Jet A-1 aviation kerosene")["kerosene_type_jet_fuel"] == "aviation kerosene"
    assert _categories("SWISS WRISTWATCHES") == {"luxury_watches": "wristwatch"}
    # hyphens, case and plurals do not matter; whole words only
    assert "small_arms_light_weapons" in _categories("assault-rifles")
    assert _categories("carpentry tools") == {}  # 'carpet' is not in 'carpentry'
    # exclude terms keep a description out of the category
    assert _categories("airsoft rifle replica") == {}
    assert _categories("kerosene heater") == {}
    assert _categories("non-military night-vision goggles") == {}


def test_hs_codes_place_items_in_categories() -> None:
    found = _categories("floor covering", "5703.39")
    assert found == {"rugs_and_tapestries": "5703"}
    assert _categories("long grain, 25 kg bags", "1006.30") == {"food": "10"}


def test_rifles_without_hs_code_to_kp_are_prohibited_under_the_arms_embargo() -> None:
    [(rule, effect, evidence)] = _findings(_tx(Item("AK-47 rifles")))
    assert (rule, effect) == ("DPRK-ARMS-TO", "prohibited")
    assert "names small_arms_light_weapons ('AK 47')" in evidence
    assert "final destination KP on route CN → KP" in evidence


def test_arms_from_kp_by_description() -> None:
    tx = _tx(Item("Kalashnikov assault rifles"), route=Route("KP", "IR"))
    assert [(r, e) for r, e, _ in _findings(tx)] == [("DPRK-ARMS-FROM", "prohibited")]


def test_no_finding_without_supply_to_the_target() -> None:
    assert _findings(_tx(Item("AK-47 rifles"), route=Route("RS", "CN"))) == []


def test_jet_fuel_with_6_digit_hs_code_is_prohibited_by_its_description() -> None:
    tx = _tx(Item("Jet A-1 aviation kerosene", "2710.19", 2000, "t", 1_600_000, "USD"))
    # the HS code alone only overlaps the CN codes of the ban: review
    hs = {(r, e) for r, e, _ in _hs_findings(tx)}
    assert ("DPRK-AVFUEL-TO", "review") in hs
    [(rule, effect, evidence)] = _findings(tx)
    assert (rule, effect) == ("DPRK-AVFUEL-TO", "prohibited")
    assert "names kerosene_type_jet_fuel ('aviation kerosene')" in evidence


def test_a_description_contradicted_by_the_hs_code_is_review() -> None:
    tx = _tx(Item("rifle scope 3-9x40", "9013.10"))
    [(rule, effect, evidence)] = [f for f in _findings(tx) if f[0] == "DPRK-ARMS-TO"]
    assert effect == "review"
    assert "hs_code 9013.10 is outside the category's HS 93" in evidence


def test_an_item_already_under_the_rules_hs_codes_is_left_to_the_hs_evaluator() -> None:
    tx = _tx(Item("AK-47 rifles", "9301.10"))
    assert [r for r, _, _ in _findings(tx) if r == "DPRK-ARMS-TO"] == []
    assert ("DPRK-ARMS-TO", "prohibited") in {(r, e) for r, e, _ in _hs_findings(tx)}


def test_luxury_watch_by_description_without_hs_code() -> None:
    [(rule, effect, evidence)] = _findings(
        _tx(Item("Swiss wristwatch", value=5000, currency="USD"))
    )
    assert (rule, effect) == ("DPRK-LUXURY-TO", "prohibited")
    assert "names luxury_watches ('wristwatch')" in evidence


def test_rug_above_the_usd_500_threshold_is_prohibited() -> None:
    tx = _tx(Item("hand-knotted silk rug", "5701.10", 2, "pcs", 3000, "USD"))
    [(rule, effect, evidence)] = _hs_findings(tx)
    assert (rule, effect) == ("DPRK-LUXURY-TO", "prohibited")
    assert "unit value 1,500.00 (value 3,000.00 / quantity 2) USD > 500" in evidence


def test_rug_at_or_below_the_threshold_is_information_only() -> None:
    tx = _tx(Item("polypropylene rug", "5703.39", 100, "pcs", 3000, "USD"))
    [(rule, effect, evidence)] = _hs_findings(tx)
    assert (rule, effect) == ("DPRK-LUXURY-TO", "information")
    assert "unit value 30.00" in evidence and "below the rugs_and_tapestries threshold" in evidence
    # without a quantity, a total at or below the threshold bounds every unit
    tx = _tx(Item("polypropylene rug", "5703.39", value=400, currency="USD"))
    assert [e for _, e, _ in _hs_findings(tx)] == ["information"]


def test_threshold_that_cannot_be_tested_is_review_never_clear() -> None:
    cases = {
        "another currency": Item("bone china tea set", "6911.10", 1, "set", 900, "EUR"),
        "no currency": Item("bone china tea set", "6911.10", 1, "set", 900),
        "no value": Item("bone china tea set", "6911.10", 1, "set"),
        "no quantity": Item("bone china tea sets", "6911.10", value=900, currency="USD"),
    }
    reasons = {
        "another currency": "900.00 EUR, porcelain_or_bone_china_tableware threshold unit value > 100 USD",
        "no currency": "900.00 no currency",
        "no value": "no item value",
        "no quantity": "with no quantity: the unit value is unknown",
    }
    for case, item in cases.items():
        [(rule, effect, evidence)] = _hs_findings(_tx(item))
        assert (rule, effect) == ("DPRK-LUXURY-TO", "review"), case
        assert reasons[case] in evidence, case


def test_snowmobile_threshold_by_hs_code_and_by_description() -> None:
    cheap = _tx(Item("snowmobile", "8703.10", 1, "pcs", 1500, "USD"))
    dear = _tx(Item("snowmobile", "8703.10", 1, "pcs", 12000, "USD"))
    assert [e for r, e, _ in _hs_findings(cheap) if r == "DPRK-LUXURY-TO"] == ["information"]
    assert [e for r, e, _ in _hs_findings(dear) if r == "DPRK-LUXURY-TO"] == ["prohibited"]
    no_hs = _tx(Item("snowmobiles", quantity=2, value=30000, currency="USD"))
    [(rule, effect, evidence)] = _findings(no_hs)
    assert (rule, effect) == ("DPRK-LUXURY-TO", "prohibited")
    assert "unit value 15,000.00" in evidence


def test_watch_to_china_without_dprk_link_raises_nothing() -> None:
    tx = _tx(
        Item("Swiss wristwatch", "9102.11", 1, "pcs", 5000, "USD"),
        route=Route("CH", "CN"),
        parties=(Party("consignee", "Shanghai Time Retail", "CN"),),
    )
    assert _findings(tx) == [] and _hs_findings(tx) == []


def test_a_description_outside_the_rule_resolves_a_partial_hs_overlap() -> None:
    # 2710.19 only overlaps the aviation-fuel CN codes: review, unless the description says
    # what the goods are. Diesel is not aviation fuel: information, with the reason.
    diesel = _tx(Item("diesel fuel", "2710.19"))
    [(effect, evidence)] = [(e, v) for r, e, v in _hs_findings(diesel) if r == "DPRK-AVFUEL-TO"]
    assert effect == "information"
    assert (
        "description 'diesel fuel' names diesel ('diesel fuel'), none of the rule's categories"
        in evidence
    )
    # kerosene and gasoline may be aviation fuels (kerosene_type_jet_fuel is part of kerosene)
    for description in ("kerosene", "gasoline", "petroleum products"):
        tx = _tx(Item(description, "2710.19"))
        assert [e for r, e, _ in _hs_findings(tx) if r == "DPRK-AVFUEL-TO"] == ["review"]
    # the cap on refined petroleum still applies to the diesel
    assert ("DPRK-REFINED-PETROLEUM-CAP", "cap") in {(r, e) for r, e, _ in _hs_findings(diesel)}
