"""Catch-all findings (DPRK-CATCHALL-WMD / -CONV) and the hub-without-end-user red flag."""

from __future__ import annotations

import pytest

from tradescreen.model.transaction import Item, Party, Route, Transaction
from tradescreen.reference.dual_use import Candidate, search_dual_use
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.controls import ControlDetermination, determine_item
from tradescreen.rules.evaluators.catch_all import evaluate_catch_all

CATALOGUE = load_catalogue()
DANDONG = Party("consignee", "Dandong Hongxiang Trading Co.", "CN", "Binjiang Road 18, Dandong")


def _run(tx: Transaction, codes: dict[int, str] | None = None) -> list[tuple[str, str, str, str]]:
    determinations: dict[int, list[ControlDetermination]] = {
        i: determine_item(item) for i, item in enumerate(tx.items)
    }
    candidates: dict[int, list[Candidate]] = {
        i: search_dual_use(item.description, 5) for i, item in enumerate(tx.items)
    }
    findings = evaluate_catch_all(tx, CATALOGUE, determinations, candidates, codes or {})
    return [(f.rule_id, f.effect, f.subject, f.evidence) for f in findings]


def test_near_threshold_maraging_bar_to_kp_gets_the_wmd_catch_all() -> None:
    item = Item("maraging steel bar, Ø120 mm", "7228.30", attributes={"uts_mpa": 1900})
    tx = Transaction("t", items=(item,), route=Route("DE", "KP", ("CN",)), parties=(DANDONG,))
    found = _run(tx, {0: "722830"})
    wmd = [f for f in found if f[0] == "DPRK-CATCHALL-WMD"]
    [(_, effect, subject, evidence)] = wmd
    assert (effect, subject) == ("determination_based", "items[0]")
    assert "1C216 near threshold: uts_mpa 1900 < 1950, within 10%" in evidence
    assert "final destination KP on route DE → CN → KP" in evidence
    hub = [f for f in found if f[0] == "RF-DPRK-HUB-NO-END-USER"]
    assert len(hub) == 1 and "is in Dandong (CN); no end user among the parties" in hub[0][3]


def test_unknown_determination_and_strong_dual_use_candidate() -> None:
    item = Item("turbomolecular vacuum pump")
    tx = Transaction("t", items=(item,), parties=(Party("end_user", "Ryongsong Works", "KP"),))
    [(rule, effect, _, evidence)] = _run(tx)
    assert (rule, effect) == ("DPRK-CATCHALL-WMD", "determination_based")
    assert "2B231 unknown" in evidence
    assert "dual-use candidate 2B231" in evidence and "score 0.90 ≥ 0.6" in evidence
    assert "end_user (parties[0]) in KP" in evidence


def test_wassenaar_candidate_raises_the_conventional_catch_all() -> None:
    tx = Transaction("t", items=(Item("gas turbine engine parts"),), route=Route("DE", "KP"))
    rules = {(r, e) for r, e, _, _ in _run(tx)}
    assert ("DPRK-CATCHALL-CONV", "determination_based") in rules


def test_weak_candidates_and_clean_items_raise_nothing() -> None:
    # best candidates score below 0.6 (cotton T-shirts 0.23, ball bearings 0.38)
    items = (Item("cotton T-shirts"), Item("industrial ball bearings"))
    assert _run(Transaction("t", items=items, route=Route("DE", "KP"))) == []


@pytest.mark.parametrize(
    "description",
    [
        "goods",
        "steel",
        "Goods",
        "household goods",
        "assorted goods",
        "steel nails",
        "stainless steel cutlery",
        "kitchen equipment",
        "pump",
    ],
)
def test_generic_words_raise_no_catch_all(description: str) -> None:
    # One word, or one the list uses beside words it never does, is no listed product.
    assert _run(Transaction("t", items=(Item(description),), route=Route("DE", "KP"))) == []


@pytest.mark.parametrize(
    ("description", "rule", "code"),
    [
        ("vacuum pump", "DPRK-CATCHALL-WMD", "2B231"),
        ("isostatic press", "DPRK-CATCHALL-WMD", "2B104"),
        ("flow forming machine", "DPRK-CATCHALL-CONV", "2B009"),
        ("gas turbine engine parts", "DPRK-CATCHALL-CONV", "9A001"),
    ],
)
def test_descriptions_of_listed_products_still_raise_it(
    description: str, rule: str, code: str
) -> None:
    found = _run(Transaction("t", items=(Item(description),), route=Route("DE", "KP")))
    assert any(r == rule and f"dual-use candidate {code}" in e for r, _, _, e in found)
    # A qualifier the list does not use ("turbomolecular") does not weaken the match; a thing
    # it does not list, named last, does ("stainless steel cutlery").
    qualified = _run(
        Transaction("t", items=(Item("turbomolecular vacuum pump"),), route=Route("DE", "KP"))
    )
    assert any("dual-use candidate 2B231" in e for _, _, _, e in qualified)


def test_food_and_medicine_are_excluded() -> None:
    # same strong candidate, but the HS code places the item in `medicine` (chapter 30)
    tx = Transaction("t", items=(Item("turbomolecular vacuum pump"),), route=Route("DE", "KP"))
    assert _run(tx, {0: "300490"}) == []
    tx = Transaction("t", items=(Item("vaccines, vacuum pump packed"),), route=Route("DE", "KP"))
    assert _run(tx) == []


def test_catch_all_needs_supply_to_the_target() -> None:
    tx = Transaction("t", items=(Item("turbomolecular vacuum pump"),), route=Route("DE", "MY"))
    assert _run(tx) == []


def test_hub_flag_needs_a_hub_no_end_user_and_a_controlled_or_near_item() -> None:
    near = Item("maraging steel bar, Ø120 mm", attributes={"uts_mpa": 1900})
    controlled = Item("maraging steel bar, Ø120 mm", attributes={"uts_mpa": 2050})
    below = Item("maraging steel bar, Ø120 mm", attributes={"uts_mpa": 1500})

    def hub(item: Item, *parties: Party, ports: tuple[str, ...] = ()) -> list[str]:
        tx = Transaction("t", items=(item,), route=Route("DE", "CN", ports=ports), parties=parties)
        return [f[3] for f in _run(tx) if f[0] == "RF-DPRK-HUB-NO-END-USER"]

    assert len(hub(near, DANDONG)) == 1
    assert "1C216 controlled" in hub(controlled, DANDONG)[0]
    assert hub(below, DANDONG) == []
    assert hub(near, DANDONG, Party("end_user", "Liaoning Bearing Works", "CN")) == []
    assert hub(near, Party("consignee", "Shanghai Steel Trading", "CN", "Pudong, Shanghai")) == []
    by_port = hub(near, Party("consignee", "Steel Trading", "CN"), ports=("Dalian",))
    assert len(by_port) == 1 and "route port 'Dalian' (route.ports[0]) is Dalian (CN)" in by_port[0]
