"""Transactions: the published JSON Schema, precise JSON-pointer errors, supply direction."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tradescreen.exc import TransactionError
from tradescreen.model.transaction import SCHEMA_PATH, parse_transaction

ALUMINIUM_TUBES = {
    "id": "tx-1",
    "date": "2026-11-27",
    "parties": [
        {"role": "exporter", "name": "Alu Werke GmbH", "country": "DE"},
        {"role": "consignee", "name": "Dalian Sunrise Trading Co., Ltd", "country": "CN"},
    ],
    "items": [
        {
            "description": "6061-T6 aluminium tubes",
            "hs_code": "7608.20",
            "quantity": 200,
            "unit": "pcs",
            "value": 50000,
            "currency": "USD",
            "attributes": {"material": "aluminium alloy", "form": "tube", "outer_diameter_mm": 90},
        }
    ],
    "route": {"origin": "DE", "destination": "KP", "transit": ["CN"], "ports": ["Dalian"]},
}


def test_the_design_example_parses() -> None:
    tx = parse_transaction(ALUMINIUM_TUBES)
    assert tx.items[0].attributes["outer_diameter_mm"] == 90
    assert tx.route.countries == ("DE", "CN", "KP")
    assert tx.supplies_to("KP") and not tx.supplies_from("KP")


def test_a_third_country_consignee_with_a_dprk_end_user_is_supply_to_the_dprk() -> None:
    data: dict[str, Any] = {
        "id": "tx-2",
        "parties": [{"role": "end_user", "name": "Ryonbong", "country": "KP"}],
        "route": {"origin": "DE", "destination": "CN"},
    }
    assert parse_transaction(data).supplies_to("KP")


def test_coal_from_the_dprk_is_supply_from_it() -> None:
    tx = parse_transaction({"id": "tx-3", "route": {"origin": "KP", "destination": "CN"}})
    assert tx.supplies_from("KP") and not tx.supplies_to("KP")


@pytest.mark.parametrize(
    ("change", "pointer", "problem"),
    [
        (lambda d: d["items"][0].update(hs_code="76O8"), "/items/0/hs_code", "does not match"),
        (lambda d: d["parties"][1].update(role="friend"), "/parties/1/role", "is not one of"),
        (lambda d: d["route"]["transit"].append("XX"), "/route/transit/1", "not an ISO 3166-1"),
        (lambda d: d["route"].update(destination="kp"), "/route/destination", "does not match"),
        (lambda d: d["items"][0]["attributes"].update(UTS=5), "/items/0/attributes", "UTS"),
        (lambda d: d.pop("id"), "", "'id' is a required property"),
        (lambda d: d.update(colour="red"), "", "Additional properties"),
        (lambda d: d["items"][0].update(quantity=-1), "/items/0/quantity", "less than"),
        (
            lambda d: d.update(
                vessel={"ship_to_ship_transfer": True, "ship_to_ship_counterpart_flag": "XX"}
            ),
            "/vessel/ship_to_ship_counterpart_flag",
            "not an ISO 3166-1",
        ),
        (
            lambda d: d.update(vessel={"ship_to_ship_counterpart_flag": "KP"}),
            "/vessel",
            "'ship_to_ship_transfer' is a required property",
        ),
    ],
)
def test_invalid_transactions_name_the_json_pointer(
    change: Any, pointer: str, problem: str
) -> None:
    data = json.loads(json.dumps(ALUMINIUM_TUBES))
    change(data)
    with pytest.raises(TransactionError) as caught:
        parse_transaction(data)
    assert caught.value.pointer == pointer
    assert problem in caught.value.problem


def test_the_published_schema_is_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
