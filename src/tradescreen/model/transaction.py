"""A transaction to check: parties, items, route, vessel (the DESIGN.md JSON format).

``parse_transaction`` validates a JSON object against the published JSON Schema
(``data/schemas/transaction.schema.json``) and reports the first problem with its
JSON pointer (``/items/0/hs_code``), then builds these frozen records. ``loads_json``
decodes transaction JSON so that ``parse_transaction`` can refuse what JSON Schema
cannot see: a key given twice in one object, and NaN or infinite numbers.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradescreen.exc import TransactionError
from tradescreen.model.entity import name_length_problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

__all__ = [
    "PARTY_ROLES",
    "Item",
    "Party",
    "Route",
    "Transaction",
    "VesselInfo",
    "check_country",
    "is_country_code",
    "is_partial_date",
    "loads_json",
    "parse_transaction",
    "repeated_key",
]

#: Roles a party may have; the role is named in every finding about the party.
PARTY_ROLES = (
    "exporter",
    "consignee",
    "end_user",
    "intermediary",
    "freight_forwarder",
    "bank",
    "carrier",
    "notify_party",
    "buyer",
    "seller",
    "manufacturer",
)


@dataclass(frozen=True, slots=True)
class Party:
    role: str
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2, upper case
    address: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)  # e.g. {"imo": "9000000"}
    birth_date: str | None = None
    schema: str | None = None  # FtM schema if known (Person, Organization, ...)


@dataclass(frozen=True, slots=True)
class Item:
    description: str
    hs_code: str | None = None
    quantity: float | None = None
    unit: str | None = None
    value: float | None = None
    currency: str | None = None
    #: Technical parameters, snake_case with the unit as suffix (``uts_mpa``).
    attributes: dict[str, Any] = field(default_factory=dict)
    end_use: str | None = None


@dataclass(frozen=True, slots=True)
class Route:
    origin: str | None = None
    destination: str | None = None  # the final destination
    transit: tuple[str, ...] = ()
    ports: tuple[str, ...] = ()

    @property
    def countries(self) -> tuple[str, ...]:
        """Every country the goods touch, origin first, final destination last."""
        chain = [self.origin, *self.transit, self.destination]
        return tuple(dict.fromkeys(c for c in chain if c))


@dataclass(frozen=True, slots=True)
class VesselInfo:
    name: str | None = None
    imo: str | None = None
    flag: str | None = None
    mmsi: str | None = None
    #: Red flags the transaction carries: ship-to-ship transfer, AIS gaps.
    ship_to_ship_transfer: bool = False
    #: Flag of the other vessel of the ship-to-ship transfer, when declared.
    ship_to_ship_counterpart_flag: str | None = None
    ais_gap_hours: float | None = None


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    date: str | None = None
    parties: tuple[Party, ...] = ()
    items: tuple[Item, ...] = ()
    route: Route = field(default_factory=Route)
    vessel: VesselInfo | None = None
    #: Payment terms and other context that catch-all red flags read.
    payment: dict[str, Any] = field(default_factory=dict)
    #: Services, financing, joint ventures or workers the transaction carries.
    activities: tuple[str, ...] = ()
    end_use: str | None = None

    def supplies_to(self, country: str) -> bool:
        """Whether goods reach ``country`` directly or indirectly.

        True when it is the final destination, a transit country, or the country
        of a consignee, end user or notify party (a third-country consignee does
        not clear a shipment whose end user sits in the target country).
        """
        country = country.upper()
        receiving = {"consignee", "end_user", "notify_party", "buyer"}
        return (
            self.route.destination == country
            or country in self.route.transit
            or any(p.country == country for p in self.parties if p.role in receiving)
        )

    def supplies_from(self, country: str) -> bool:
        """Whether goods come from ``country``: the origin, or the exporter's country."""
        country = country.upper()
        sending = {"exporter", "seller", "manufacturer"}
        return self.route.origin == country or any(
            p.country == country for p in self.parties if p.role in sending
        )


SCHEMA_PATH = Path(__file__).parents[1] / "data" / "schemas" / "transaction.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # 0.2 s: only when a transaction is read

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _pointer(path: Iterable[Any]) -> str:
    return "".join(f"/{part}" for part in path)


#: Two-letter codes FtM knows that name no country: the whole world, the EU.
_NOT_COUNTRIES = frozenset({"zz", "eu"})


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """The two-letter country codes of FtM (rigour's territories, read on first use)."""
    from rigour.territories import get_ftm_countries

    return frozenset(t.code for t in get_ftm_countries() if len(t.code) == 2) - _NOT_COUNTRIES


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 country code (either case)."""
    return code.lower() in _country_codes()


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


def is_partial_date(text: str) -> bool:
    """Whether ``text`` is a date of the calendar written YYYY, YYYY-MM or YYYY-MM-DD."""
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def check_country(pointer: str, code: str | None) -> None:
    """Raise TransactionError at ``pointer`` unless ``code`` is None or a country code."""
    if code is not None and not is_country_code(code):
        raise TransactionError(pointer, f"{code!r} is not an ISO 3166-1 alpha-2 country code")


class _RepeatedKeys(dict[str, Any]):
    """A JSON object in which a key appears more than once (the last value kept, as JSON
    decoders do); ``repeated`` is the first such key."""

    repeated: str


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    marked = _RepeatedKeys(obj)
    counts = Counter(key for key, _ in pairs)
    marked.repeated = next(key for key, count in counts.items() if count > 1)
    return marked


def loads_json(text: str) -> Any:
    """Decode JSON, marking objects with a repeated key for ``parse_transaction``.

    Raises:
        json.JSONDecodeError: the text is not JSON.
        RecursionError: the JSON nests deeper than Python's recursion limit.
    """
    return json.loads(text, object_pairs_hook=_object_pairs)


def repeated_key(value: Any) -> str | None:
    """The first key given twice in a JSON object that ``loads_json`` decoded, or None."""
    return value.repeated if isinstance(value, _RepeatedKeys) else None


def _check_values(data: Any) -> None:
    """Refuse a repeated key or a non-finite number anywhere in ``data`` (with its pointer).

    Walks without recursion: the depth of the JSON is the caller's.
    """
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise TransactionError(
                pointer, "NaN and Infinity are not numbers a transaction can hold"
            )
        repeated = repeated_key(value)
        if repeated is not None:
            raise TransactionError(pointer, f"the key {repeated!r} is given twice")
        if isinstance(value, dict):
            stack.extend((f"{pointer}/{key}", v) for key, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in reversed(list(enumerate(value))))


def _check_name(pointer: str, name: str | None) -> None:
    problem = name_length_problem(name) if name is not None else None
    if problem is not None:
        raise TransactionError(pointer, problem)


def parse_transaction(data: Any) -> Transaction:
    """Validate a transaction JSON object and build the records.

    Raises:
        TransactionError: naming the JSON pointer of the first invalid value.
    """
    _check_values(data)
    errors = sorted(_validator().iter_errors(data), key=lambda e: (list(e.path), e.message))
    if errors:
        error = errors[0]
        raise TransactionError(_pointer(error.path), error.message)
    route_data = data.get("route", {})
    for key in ("origin", "destination"):
        check_country(f"/route/{key}", route_data.get(key))
    for index, code in enumerate(route_data.get("transit", [])):
        check_country(f"/route/transit/{index}", code)
    for index, party in enumerate(data.get("parties", [])):
        check_country(f"/parties/{index}/country", party.get("country"))
        _check_name(f"/parties/{index}/name", party["name"])
        birth_date = party.get("birth_date")
        if birth_date is not None and not is_partial_date(birth_date):
            raise TransactionError(
                f"/parties/{index}/birth_date", f"{birth_date!r} is not a date of the calendar"
            )
    check_country("/payment/payer_country", data.get("payment", {}).get("payer_country"))
    vessel_data = data.get("vessel")
    if vessel_data is not None:
        for key in ("flag", "ship_to_ship_counterpart_flag"):
            check_country(f"/vessel/{key}", vessel_data.get(key))
        _check_name("/vessel/name", vessel_data.get("name"))
    return Transaction(
        id=data["id"],
        date=data.get("date"),
        parties=tuple(Party(**party) for party in data.get("parties", [])),
        items=tuple(Item(**item) for item in data.get("items", [])),
        route=Route(
            origin=route_data.get("origin"),
            destination=route_data.get("destination"),
            transit=tuple(route_data.get("transit", ())),
            ports=tuple(route_data.get("ports", ())),
        ),
        vessel=VesselInfo(**vessel_data) if vessel_data is not None else None,
        payment=dict(data.get("payment", {})),
        activities=tuple(data.get("activities", ())),
        end_use=data.get("end_use"),
    )
