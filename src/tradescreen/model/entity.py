"""The entity record every parser produces and the store keeps.

Plain slotted dataclasses in the FollowTheMoney vocabulary: the schema is an FtM
schema name, name kinds are FtM property names, identifier kinds are FtM property
names (``passportNumber``, ``imoNumber``...) but for the few ``IDENTIFIER_KINDS`` FtM
lacks. ``properties`` carries any other FtM property a source offers (``title``,
``position``, ``flag``, ``callSign``...).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

__all__ = [
    "IDENTIFIER_KINDS",
    "MAX_NAME_LENGTH",
    "SCHEMATA",
    "Address",
    "DatePrecision",
    "Entity",
    "Identifier",
    "Name",
    "NameKind",
    "PartialDate",
    "name_length_problem",
]

#: The FtM schemata a list entity may have.
SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")


#: The longest name, in characters, that is screened or imported. The longest names on
#: the official lists are a few hundred characters; matching a much longer one costs
#: time and memory without end, so it is refused wherever a name comes in.
MAX_NAME_LENGTH = 1000


def name_length_problem(name: str) -> str | None:
    """Why ``name`` is refused for its length, or None when it is short enough."""
    if len(name) <= MAX_NAME_LENGTH:
        return None
    return f"a name of {len(name):,} characters is longer than the {MAX_NAME_LENGTH:,} allowed"


#: FtM properties that hold identifiers, and the kinds FtM has no property for;
#: ``Identifier.kind`` is one of them.
IDENTIFIER_KINDS = frozenset(
    {
        "passportNumber",
        "idNumber",
        "socialSecurityNumber",
        "taxNumber",
        "vatCode",
        "registrationNumber",
        "imoNumber",
        "mmsi",
        "callSign",
        "swiftBic",
        "leiCode",
        "innCode",
        "ogrnCode",
        "okpoCode",
        "dunsCode",
        "serialNumber",
        # Not an FtM property: OFAC's "Chinese Commercial Code", the name in Chinese
        # telegraph codes ("1728 4320"). FtM export keeps it in the tradescreen member only.
        "chineseCommercialCode",
    }
)


class NameKind(StrEnum):
    """How a list presents a name; the values are the FtM property names."""

    NAME = "name"  # the primary name
    ALIAS = "alias"  # a strong a.k.a. (UN "Good", OFAC "strong")
    WEAK_ALIAS = "weakAlias"  # a weak a.k.a. (UN "Low", OFAC "weak")
    PREVIOUS_NAME = "previousName"  # f.k.a.

    @property
    def quality(self) -> str:
        """``strong`` or ``weak``: lists advise against matching on weak aliases alone."""
        return "weak" if self is NameKind.WEAK_ALIAS else "strong"


@dataclass(slots=True, frozen=True)
class Name:
    value: str
    kind: NameKind = NameKind.NAME
    #: ISO 639 language or script note when the list says so (e.g. original script).
    lang: str | None = None


class DatePrecision(StrEnum):
    """How much of a date a list knows."""

    EXACT = "exact"  # a day
    MONTH = "month"  # a month
    YEAR = "year"  # a year
    RANGE = "range"  # between ``value`` and ``end``
    APPROXIMATE = "approximate"  # circa ``value`` (any granularity)


_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(slots=True, frozen=True)
class PartialDate:
    """A date as precise as the list gives it: ``value`` is an ISO prefix (YYYY[-MM[-DD]])."""

    value: str
    precision: DatePrecision
    end: str | None = None  # last date of a RANGE, an ISO prefix too

    def __post_init__(self) -> None:
        if not _ISO_PREFIX.match(self.value):
            raise ValueError(f"not an ISO date prefix: {self.value!r}")
        if self.end is not None and not _ISO_PREFIX.match(self.end):
            raise ValueError(f"not an ISO date prefix: {self.end!r}")
        if (self.end is None) == (self.precision is DatePrecision.RANGE):
            raise ValueError("a RANGE date needs an end, and only a RANGE date has one")

    @classmethod
    def from_iso(cls, value: str, approximate: bool = False) -> PartialDate:
        """Precision from the length of an ISO prefix: ``1984`` is a year, ``1984-01`` a month."""
        if approximate:
            return cls(value, DatePrecision.APPROXIMATE)
        precision = {4: DatePrecision.YEAR, 7: DatePrecision.MONTH}.get(
            len(value), DatePrecision.EXACT
        )
        return cls(value, precision)


@dataclass(slots=True, frozen=True)
class Address:
    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, lower case as in FtM


@dataclass(slots=True, frozen=True)
class Identifier:
    kind: str  # one of IDENTIFIER_KINDS
    value: str
    country: str | None = None  # issuing country, ISO alpha-2 lower case
    note: str | None = None  # the list's own document type or remark, verbatim

    def __post_init__(self) -> None:
        if self.kind not in IDENTIFIER_KINDS:
            raise ValueError(f"unknown identifier kind {self.kind!r}")


_SET_FIELDS = (
    "birth_dates",
    "birth_places",
    "nationalities",
    "countries",
    "addresses",
    "identifiers",
    "programs",
    "remarks",
    "links",
)


def _sort_key(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(getattr(value, f.name) or "") for f in fields(value))  # type: ignore[arg-type]


_SLUG_SAFE = re.compile(r"[A-Za-z0-9._-]+")


def _slug(text: str) -> str:
    """``KPi.033`` → ``kpi-033``; a text with other characters also gets a short hash of
    itself, so that two ids one slug apart stay apart (the DPL lists ``AL NASER AIRLINES``
    and ``AL-NASER AIRLINES`` under one Federal Register citation)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if _SLUG_SAFE.fullmatch(text):
        return slug
    return f"{slug}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


@dataclass(slots=True, frozen=True)
class Entity:
    """One designation on one list.

    ``source`` names the list (``un``, ``ofac-sdn``...), ``source_id`` is the
    publisher's own identifier (``KPi.033``, an OFAC ``ent_num``, a UK Group ID).
    Country codes are ISO 3166-1 alpha-2 in lower case, as FtM writes them.
    """

    source: str
    source_id: str
    schema: str
    names: tuple[Name, ...]
    birth_dates: tuple[PartialDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    gender: str | None = None  # FtM gender: male, female, other
    addresses: tuple[Address, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()
    listed_on: str | None = None  # ISO date
    remarks: tuple[str, ...] = ()
    #: Source ids or names of related designations ("Linked To: ..." in OFAC remarks).
    links: tuple[str, ...] = ()
    #: Other FtM properties of the schema, by FtM property name.
    properties: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.schema not in SCHEMATA:
            raise ValueError(f"unknown schema {self.schema!r}")
        if not self.source_id:
            raise ValueError("an entity needs the source's own identifier")
        # One canonical form, so that equal content compares and hashes equal
        # whatever order a publisher writes it in: repeated values dropped, the
        # first name (the caption) first, other names by kind then value, every
        # other multi-valued field sorted.
        names = list(dict.fromkeys(n for n in self.names if n.value))
        primary = next((n for n in names if n.kind is NameKind.NAME), None)
        kind_order = list(NameKind)
        rest = sorted(
            (n for n in names if n is not primary),
            key=lambda n: (kind_order.index(n.kind), _sort_key(n)),
        )
        object.__setattr__(self, "names", tuple(([primary] if primary else []) + rest))
        for attr in _SET_FIELDS:
            values = dict.fromkeys(getattr(self, attr))
            object.__setattr__(self, attr, tuple(sorted(values, key=_sort_key)))

    @property
    def entity_id(self) -> str:
        """tradescreen's id: stable across list versions because the source id is."""
        return f"{self.source}-{_slug(self.source_id)}"

    @property
    def caption(self) -> str:
        """The primary name (canonical order puts it first)."""
        return self.names[0].value if self.names else self.source_id

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; ``Entity.from_dict`` reads it back losslessly."""
        return {
            "source": self.source,
            "source_id": self.source_id,
            "schema": self.schema,
            "names": [
                {"value": n.value, "kind": n.kind.value, **({"lang": n.lang} if n.lang else {})}
                for n in self.names
            ],
            "birth_dates": [
                {
                    "value": d.value,
                    "precision": d.precision.value,
                    **({"end": d.end} if d.end else {}),
                }
                for d in self.birth_dates
            ],
            "birth_places": list(self.birth_places),
            "nationalities": list(self.nationalities),
            "countries": list(self.countries),
            "gender": self.gender,
            "addresses": [_drop_none(a) for a in map(_address_dict, self.addresses)],
            "identifiers": [_drop_none(_identifier_dict(i)) for i in self.identifiers],
            "programs": list(self.programs),
            "listed_on": self.listed_on,
            "remarks": list(self.remarks),
            "links": list(self.links),
            "properties": {k: list(v) for k, v in sorted(self.properties.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            source=data["source"],
            source_id=data["source_id"],
            schema=data["schema"],
            names=tuple(
                Name(n["value"], NameKind(n["kind"]), n.get("lang")) for n in data["names"]
            ),
            birth_dates=tuple(
                PartialDate(d["value"], DatePrecision(d["precision"]), d.get("end"))
                for d in data.get("birth_dates", ())
            ),
            birth_places=tuple(data.get("birth_places", ())),
            nationalities=tuple(data.get("nationalities", ())),
            countries=tuple(data.get("countries", ())),
            gender=data.get("gender"),
            addresses=tuple(Address(**a) for a in data.get("addresses", ())),
            identifiers=tuple(Identifier(**i) for i in data.get("identifiers", ())),
            programs=tuple(data.get("programs", ())),
            listed_on=data.get("listed_on"),
            remarks=tuple(data.get("remarks", ())),
            links=tuple(data.get("links", ())),
            properties={k: tuple(v) for k, v in data.get("properties", {}).items()},
        )


def _address_dict(a: Address) -> dict[str, Any]:
    return {
        "full": a.full,
        "street": a.street,
        "city": a.city,
        "region": a.region,
        "postal_code": a.postal_code,
        "country": a.country,
    }


def _identifier_dict(i: Identifier) -> dict[str, Any]:
    return {"kind": i.kind, "value": i.value, "country": i.country, "note": i.note}


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}
