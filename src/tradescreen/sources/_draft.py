"""``EntityDraft``: the facts of one designation, gathered before the ``Entity`` is built.

Every parser fills one draft per designation, from one element, one row or several
rows, then calls ``build()``. The draft has a field for every ``Entity`` field, so a
parser only appends what it reads; ``build()`` turns what FtM cannot hold on the
designation's schema (a property the schema lacks, a place of birth or a gender on a
company) into remarks, and a nationality of a non-person into one of its countries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from followthemoney import model as ftm_model

from tradescreen.exc import ListFormatError
from tradescreen.model import Address, Entity, Identifier, Name, NameKind, PartialDate
from tradescreen.sources._common import clean_text

__all__ = ["EntityDraft"]


@dataclass(slots=True)
class EntityDraft:
    """One designation being assembled.

    ``path`` and ``record`` say where the designation is read, for ``error``; the record
    defaults to the source id. Lists repeat values across the rows of one designation;
    ``Entity`` drops the repeats, and ``add_property`` keeps property values unique too.
    """

    source: str
    source_id: str
    schema: str
    path: Path | None = None
    record: str | None = None
    names: list[Name] = field(default_factory=list)
    birth_dates: list[PartialDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: str | None = None
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    #: Every listing date the source gives; the Entity's ``listed_on`` is the earliest.
    listing_dates: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)

    def error(self, problem: str) -> ListFormatError:
        """A ListFormatError naming the file and the record, as far as the draft knows them."""
        return ListFormatError(self.path or Path(), problem, record=self.record or self.source_id)

    @property
    def caption(self) -> str | None:
        """The primary name, once read."""
        return next((n.value for n in self.names if n.kind is NameKind.NAME), None)

    def add_name(
        self, value: str | None, kind: NameKind = NameKind.NAME, lang: str | None = None
    ) -> None:
        """Add a name, cleaned; an empty one is skipped."""
        value = clean_text(value)
        if value is not None:
            self.names.append(Name(value, kind, lang))

    def has_property(self, prop: str) -> bool:
        """Whether the draft's FtM schema has the property."""
        return ftm_model.get(self.schema).get(prop) is not None  # type: ignore[union-attr]

    def add_property(self, prop: str, value: str | None) -> None:
        """Add a value of an FtM property, once; ``build`` makes one the schema lacks a remark."""
        if value is not None and value not in self.properties.setdefault(prop, []):
            self.properties[prop].append(value)

    def put_property(self, prop: str, value: str, remark: str) -> None:
        """Add a value of an FtM property, or ``remark`` when the schema has no such property."""
        if self.has_property(prop):
            self.add_property(prop, value)
        else:
            self.remarks.append(remark)

    def add_address(self, address: Address | None) -> None:
        """Add an address; its country also counts as one of the designation's countries."""
        if address is None:
            return
        self.addresses.append(address)
        if address.country is not None:
            self.countries.append(address.country)

    def add_nationality(self, text: str, code: str | None) -> None:
        """Add a nationality by its country code; a text that names no country is a remark."""
        if code is None:
            self.add_remark(f"Nationality: {text}")
        else:
            self.nationalities.append(code)

    def add_remark(self, remark: str | None) -> None:
        """Add a remark, unless there is none."""
        if remark is not None:
            self.remarks.append(remark)

    def build(self) -> Entity:
        """The Entity; the listing date is the earliest one gathered.

        Person facts on a record of another schema (a place of birth on an untyped CSL
        row) become remarks, as do properties the schema lacks (a title there), since
        FtM has nowhere to put them; a nationality of such a record counts as one of
        its countries.
        """
        schema = ftm_model.get(self.schema)
        assert schema is not None
        remarks = list(self.remarks)
        properties: dict[str, tuple[str, ...]] = {}
        for prop, values in self.properties.items():
            if schema.get(prop) is None:
                remarks.extend(f"{prop}: {value}" for value in values)
            elif values:
                properties[prop] = tuple(values)
        person = self.schema == "Person"
        if not person:
            remarks.extend(f"Place of birth: {place}" for place in self.birth_places)
            if self.gender is not None:
                remarks.append(f"Gender: {self.gender}")
        return Entity(
            source=self.source,
            source_id=self.source_id,
            schema=self.schema,
            names=tuple(self.names),
            birth_dates=tuple(self.birth_dates),
            birth_places=tuple(self.birth_places) if person else (),
            nationalities=tuple(self.nationalities) if person else (),
            countries=tuple(self.countries if person else self.countries + self.nationalities),
            gender=self.gender if person else None,
            addresses=tuple(self.addresses),
            identifiers=tuple(self.identifiers),
            programs=tuple(self.programs),
            listed_on=min(self.listing_dates, default=None),
            remarks=tuple(remarks),
            links=tuple(self.links),
            properties=properties,
        )
