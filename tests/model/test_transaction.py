"""Transactions: the published JSON Schema, precise JSON-pointer errors, supply direction."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tradescreen.exc import TransactionError
from tradescreen.model import MAX_NAME_LENGTH
from tradescreen.model.transaction import (
    SCHEMA_PATH,
    is_partial_date,
    loads_json,
    parse_transaction,
)

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
        (lambda d: d.update(payment={"payer_country": "XX"}), "/payment/payer_country", "ISO"),
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


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        (
            '{"id": "t", "items": [{"description": "tube", "attributes": {"uts_mpa": NaN}}]}',
            "/items/0/attributes/uts_mpa",
        ),
        ('{"id": "t", "items": [{"description": "rug", "value": Infinity}]}', "/items/0/value"),
        ('{"id": "t", "vessel": {"ais_gap_hours": -Infinity}}', "/vessel/ais_gap_hours"),
        # Too large for a float: Python's decoder makes it inf without calling parse_constant.
        ('{"id": "t", "items": [{"description": "rug", "quantity": 1e999}]}', "/items/0/quantity"),
    ],
)
def test_non_finite_numbers_are_refused_with_their_pointer(text: str, pointer: str) -> None:
    with pytest.raises(TransactionError) as caught:
        parse_transaction(loads_json(text))
    assert caught.value.pointer == pointer
    assert "NaN and Infinity" in caught.value.problem


def test_a_nan_given_through_the_python_api_is_refused_too() -> None:
    data = json.loads(json.dumps(ALUMINIUM_TUBES))
    data["items"][0]["attributes"]["outer_diameter_mm"] = float("nan")
    with pytest.raises(TransactionError) as caught:
        parse_transaction(data)
    assert caught.value.pointer == "/items/0/attributes/outer_diameter_mm"


@pytest.mark.parametrize(
    ("text", "pointer", "key"),
    [
        ('{"id": "t", "id": "u"}', "", "id"),
        (
            '{"id": "t", "items": [{"description": "a", "value": 1, "value": 2}]}',
            "/items/0",
            "value",
        ),
        (
            '{"id": "t", "route": {"destination": "CN", "transit": [], "destination": "KP"}}',
            "/route",
            "destination",
        ),
    ],
)
def test_a_key_given_twice_is_refused_with_its_pointer(text: str, pointer: str, key: str) -> None:
    with pytest.raises(TransactionError) as caught:
        parse_transaction(loads_json(text))
    assert caught.value.pointer == pointer
    assert caught.value.problem == f"the key {key!r} is given twice"


def test_loads_json_keeps_ordinary_objects_plain() -> None:
    data = loads_json(json.dumps(ALUMINIUM_TUBES))
    assert data == ALUMINIUM_TUBES
    assert parse_transaction(data).route.destination == "KP"


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        (lambda d: d["parties"][1].update(name="A" * 1_000_000), "/parties/1/name"),
        (lambda d: d.update(vessel={"name": "B" * (MAX_NAME_LENGTH + 1)}), "/vessel/name"),
    ],
)
def test_a_name_over_the_cap_is_refused(change: Any, pointer: str) -> None:
    data = json.loads(json.dumps(ALUMINIUM_TUBES))
    change(data)
    with pytest.raises(TransactionError) as caught:
        parse_transaction(data)
    assert caught.value.pointer == pointer
    assert f"longer than the {MAX_NAME_LENGTH:,} allowed" in caught.value.problem


@pytest.mark.parametrize("birth_date", ["1940-13-45", "1940-02-30", "1940-13"])
def test_a_birth_date_not_in_the_calendar_is_refused(birth_date: str) -> None:
    data = json.loads(json.dumps(ALUMINIUM_TUBES))
    data["parties"][0].update(birth_date=birth_date, schema="Person")
    with pytest.raises(TransactionError) as caught:
        parse_transaction(data)
    assert caught.value.pointer == "/parties/0/birth_date"


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("1940", True),
        ("1940-02", True),
        ("1940-02-29", True),
        ("1941-02-29", False),
        ("1940-13-45", False),
        ("not-a-date", False),
        ("1940-1-2", False),
        ("19400", False),
    ],
)
def test_is_partial_date(text: str, valid: bool) -> None:
    assert is_partial_date(text) is valid
