"""The US Consolidated Screening List in its CSV form (``us-csl``).

ITA (trade.gov) merges eleven US lists into one CSV: OFAC's SDN and non-SDN lists,
BIS's Entity List, Denied Persons, Unverified and Military End User lists, and State's
ISN and DTC lists. One row is one listing on one of them; ``source`` names the list
("Entity List (EL) - Bureau of Industry and Security") and is kept as the FtM
``publisher``. Multi-valued cells are joined with ``; `` and ``ids`` holds ``Type,
Number, Country`` triples (sometimes with an issue date after the country).

The source id is the list's abbreviation and the row's own id: ``SDN-9345``,
``EL-dcc742038bcb47f1bf9e805ef279484d``. The id is ``entity_number`` (OFAC's ``ent_num``)
when there is one, else ``_id``: ``_id`` is a hash that changes between publications
for some lists (DTC, MEU), and ``entity_number`` is empty for the BIS and State lists.
Neither is unique alone, since OFAC puts one ``ent_num`` on several lists (9659 is on
the SDN list and the PLC list), hence the abbreviation.

Publisher quirks this module absorbs:

- the header row is repeated as row 2 in some copies (skipped);
- rows of the BIS and State lists have no ``type``: they become ``LegalEntity``;
- ISN names end in "; and any successor, sub-unit, or subsidiary thereof" (a remark);
- Entity List addresses are joined as "A; and B";
- ``ids`` mixes documents with facts (``Gender, Male``, ``Website, …``, directive notes):
  what is no identifier becomes a remark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from followthemoney.types import registry

from tradescreen.model import (
    Address,
    DatePrecision,
    Entity,
    Identifier,
    Name,
    NameKind,
    PartialDate,
)
from tradescreen.sources._common import clean_text, country_code
from tradescreen.sources._csv import Record, read_records, read_rows, sniff_header
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources._ofac import Target, imo_number, label_target
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "parse_us_csl", "sniff_us_csl"]

DEFAULT_SOURCE = "us-csl"

#: ``type`` to FtM schema; BIS and State rows have none and mix people and companies.
TYPES = {
    None: "LegalEntity",
    "Individual": "Person",
    "Entity": "Organization",
    "Vessel": "Vessel",
    "Aircraft": "Airplane",
}

#: ``ids`` types the CSL reads otherwise than ``_ofac.LABELS``: an identifier kind, or
#: ``gender``. Any other type OFAC's table does not make an identifier (Website, Email
#: Address, ISIN, directive notes…) becomes a remark.
ID_TYPES = {
    "Travel Document Number": "passportNumber",
}

#: Endings of a name that are a note, not part of the name (ISN).
NAME_NOTES = ("; and any successor, sub-unit, or subsidiary thereof",)

#: Columns that become remarks, with their label.
REMARK_COLUMNS = {
    "remarks": None,
    "federal_register_notice": "Federal Register notice",
    "end_date": "End date",
    "standard_order": "Standard order",
    "license_requirement": "License requirement",
    "license_policy": "License policy",
    "vessel_owner": "Vessel owner",
}

#: Vessel columns that are FtM properties.
VESSEL_COLUMNS = {
    "vessel_type": "type",
    "gross_tonnage": "tonnage",
    "gross_registered_tonnage": "grossRegisteredTonnage",
}

REQUIRED = ("_id", "source", "entity_number", "type", "programs", "name", "alt_names", "ids")

#: Birth date patterns, with the length of the ISO prefix they give.
DATE_PATTERNS = (("%Y-%m-%d", 10), ("%d %b %Y", 10), ("%b %Y", 7), ("%Y", 4))
_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-|to)\s*(\d{4})$")
_LIST_CODE = re.compile(r"\(([^)]+?)(?: List)?\)")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def sniff_us_csl(path: Path, head: bytes) -> bool:
    """Whether the first line is the CSL header."""
    return sniff_header(head, REQUIRED)


def parse_us_csl(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one CSL CSV file. The CSL carries no publication date.

    Raises:
        ListFormatError: the file cannot be decoded or read as CSV (a truncated last
            record), or a row has no id, no list name, no name, an unknown type, a
            start date that is not a date or the source id of an earlier row.
        ValueError: not exactly one file was given (a publication is one file).
    """
    if len(paths) != 1:
        raise ValueError(f"us-csl parses one file per publication, got {len(paths)}")
    path = Path(paths[0])
    source = source or DEFAULT_SOURCE
    entities: list[Entity] = []
    seen: dict[str, str] = {}
    for record in read_records(path, read_rows(path), REQUIRED):
        entity = parse_record(record, source)
        if entity.source_id in seen:
            raise record.error(f"{entity.source_id} is also on {seen[entity.source_id]}")
        seen[entity.source_id] = record.where
        entities.append(entity)
    return ParsedList(
        format=FORMAT.name,
        source=source,
        published=None,
        entities=entities,
        files=(path,),
        metadata={"rows": str(len(entities))},
    )


def parse_record(record: Record, source: str) -> Entity:
    """One listing."""
    kind = record.text("type")
    if kind not in TYPES:
        raise record.error(f'type "{kind}" is not one of {", ".join(filter(None, TYPES))}')
    draft = EntityDraft(source, parse_source_id(record), TYPES[kind], record.path, record.where)
    parse_names(record, draft)
    for text in split(record.text("addresses")):
        parse_address(text, draft)
    for text in split(record.text("ids")):
        parse_id(text, draft)
    for text in split(record.text("dates_of_birth")):
        parse_birth_date(text, draft)
    draft.birth_places.extend(split(record.text("places_of_birth")))
    for text in split(record.text("citizenships")) + split(record.text("nationalities")):
        draft.add_nationality(text, country_code(text))
    parse_vessel(record, draft)
    draft.programs.extend(split(record.text("programs")))
    start_date = record.date("start_date", "%Y-%m-%d")
    if start_date is not None:
        draft.listing_dates.append(start_date)
    draft.add_property("title", record.text("title"))
    draft.add_property("publisher", record.text("source"))
    draft.add_property("sourceUrl", record.text("source_list_url"))
    draft.add_property("sourceUrl", record.text("source_information_url"))
    for column, label in REMARK_COLUMNS.items():
        value = record.text(column)
        draft.add_remark(value if label is None or value is None else f"{label}: {value}")
    return draft.build()


def parse_source_id(record: Record) -> str:
    """The list's abbreviation and the row's id: ``SDN-9345``."""
    list_name = record.text("source")
    match = _LIST_CODE.search(list_name or "")
    if match is None:
        raise record.error(f'source "{list_name}" names no list abbreviation such as (SDN)')
    row_id = record.text("entity_number") or record.text("_id")
    if row_id is None:
        raise record.error("neither entity_number nor _id is given")
    return f"{match[1]}-{row_id}"


def parse_names(record: Record, draft: EntityDraft) -> None:
    """The name (a trailing note moved to the remarks) and the alternate names."""
    name = record.text("name")
    if name is None:
        raise record.error("no name")
    for note in NAME_NOTES:
        if name.endswith(note):
            name = name.removesuffix(note)
            draft.add_remark(f"Listed as: {name}{note}")
    draft.names.append(Name(name))
    draft.names.extend(Name(alias, NameKind.ALIAS) for alias in split(record.text("alt_names")))


def parse_address(text: str, draft: EntityDraft) -> None:
    """An address whose last part is a country (code); the code also goes to ``countries``."""
    full = text.removeprefix("and ")
    draft.add_address(Address(full, country=country_code(full.rsplit(", ", 1)[-1])))


def id_kind(id_type: str) -> str | None:
    """The identifier kind (or ``gender``) of an ``ids`` type, or None for a remark."""
    if id_type in ID_TYPES:
        return ID_TYPES[id_type]
    target, arg = label_target(id_type) or (None, "")
    if target is Target.IDENTIFIER:
        return arg
    return "gender" if target is Target.GENDER else None


def parse_id(text: str, draft: EntityDraft) -> None:
    """One ``Type, Number[, Country[, Date]]`` entry: an identifier, the gender or a remark.

    Numbers may contain ", " themselves (``Issuer Name, China Telecom Co., Ltd``), so the
    country is the first two-letter code after the number, not simply the third part.
    """
    id_type, *rest = text.split(", ")
    kind = id_kind(id_type)
    index = next((i for i, part in enumerate(rest) if i > 0 and _COUNTRY_CODE.match(part)), None)
    number = clean_text(", ".join(rest if index is None else rest[:index]))
    imo = imo_number(number, id_type) if number is not None else None
    if imo is not None:  # one IMO form across formats (IMO1234567), as OFAC's parsers give
        kind, number = "imoNumber", imo
    if kind is None or number is None:
        draft.add_remark(f"{id_type.rstrip(' :-')}: {', '.join(rest)}")
    elif kind == "gender":
        draft.gender = registry.gender.clean(number)
    else:
        country = None if index is None else country_code(rest[index])
        extra = [] if index is None else rest[index + 1 :]
        draft.identifiers.append(Identifier(kind, number, country, ", ".join([id_type, *extra])))


def parse_birth_date(text: str, draft: EntityDraft) -> None:
    """``1968-02-11``, ``1956``, ``Feb 1960``, ``circa 07 Jul 1966`` or ``1960 to 1962``.

    Any other text is kept as a remark.
    """
    approximate = text.lower().startswith("circa ")
    value = text[len("circa ") :] if approximate else text
    years = _YEAR_RANGE.match(value)
    if years:
        draft.birth_dates.append(PartialDate(years[1], DatePrecision.RANGE, end=years[2]))
        return
    for pattern, length in DATE_PATTERNS:
        try:
            parsed = datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        draft.birth_dates.append(PartialDate.from_iso(parsed.isoformat()[:length], approximate))
        return
    draft.add_remark(f"Date of birth: {text}")


def parse_vessel(record: Record, draft: EntityDraft) -> None:
    """Call sign, type, tonnage and flag (the OFAC vessel fields)."""
    call_sign = record.text("call_sign")
    if call_sign is not None:
        draft.identifiers.append(Identifier("callSign", call_sign))
    for column, prop in VESSEL_COLUMNS.items():
        draft.add_property(prop, record.text(column))
    flag = record.text("vessel_flag")
    code = country_code(flag)
    if code is None:
        draft.add_remark(None if flag is None else f"Flag: {flag}")
    else:
        draft.add_property("flag", code)


def split(text: str | None) -> list[str]:
    """The values of a multi-valued cell (joined with ``; ``)."""
    if text is None:
        return []
    return [value for value in map(clean_text, text.split("; ")) if value is not None]


FORMAT = ListFormat(
    name="us-csl",
    sources=(DEFAULT_SOURCE,),
    label="US Consolidated Screening List (CSV)",
    sniff=sniff_us_csl,
    parse=parse_us_csl,
)
