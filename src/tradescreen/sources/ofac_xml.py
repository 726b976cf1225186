"""OFAC's sdnList XML: ``sdn.xml`` (the SDN list) and ``CONSOLIDATED.XML`` (the non-SDN lists).

One ``sdnEntry`` per designation, keyed by ``uid`` (the same number as the CSV ``ent_num``
and the Advanced XML profile id). The root sits in a default namespace that OFAC has
changed over the years, so elements are matched on their local names only.

OFAC's ``idList`` carries far more than identity documents: websites, e-mail addresses,
gender, establishment dates, directive determinations. ``add_detail`` places those
``idType`` labels through ``_ofac.LABELS``; ``ofac_advanced`` fills its drafts with the
same functions, since its feature and document type names are the same labels (the
legacy XML is generated from the same data). Vessel details (``vesselInfo``) go through
the same table under their Advanced names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from lxml import etree

from tradescreen.exc import ListFormatError
from tradescreen.model import (
    Address,
    DatePrecision,
    Entity,
    Identifier,
    NameKind,
    PartialDate,
)
from tradescreen.sources._common import clean_text, country_code, parse_xml
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources._ofac import Target, imo_number, label_target, parse_ofac_date
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = [
    "FORMAT",
    "SCHEMATA",
    "add_detail",
    "add_remark",
    "build_entity",
    "format_date",
    "join_name",
    "make_address",
    "parse_ofac_date",
    "parse_ofac_xml",
    "read_root_tag",
    "source_for",
]

#: OFAC party types (``sdnType``; Advanced party sub-types) to FtM schemata.
SCHEMATA = {
    "Individual": "Person",
    "Entity": "Organization",
    "Vessel": "Vessel",
    "Aircraft": "Airplane",
}

#: ``aka/type`` to name kinds. A ``weak`` category makes an a.k.a. or n.k.a. a weak alias;
#: an f.k.a. stays a previous name whatever its quality (FtM has no weak previous name).
ALIAS_KINDS = {
    "a.k.a.": NameKind.ALIAS,
    "f.k.a.": NameKind.PREVIOUS_NAME,
    "n.k.a.": NameKind.ALIAS,
}


#: ``vesselInfo`` children under their Advanced feature names.
VESSEL_INFO = {
    "callSign": "Vessel Call Sign",
    "vesselType": "Vessel Type",
    "vesselFlag": "Vessel Flag",
    "vesselOwner": "Vessel Owner",
    "tonnage": "Vessel Tonnage",
    "grossRegisteredTonnage": "Vessel Gross Registered Tonnage",
}

#: FtM genders; OFAC writes ``Male`` and ``Female``.
GENDERS = frozenset({"male", "female"})
_LINKED_TO = re.compile(r"\(Linked To: ((?:[^()]|\([^()]*\))+)\)")
_PUBLISH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _target_for(label: str) -> tuple[Target, str]:
    """``_ofac.LABELS``; unlisted labels ending in ":" or "-" are statements (remarks), all
    other unlisted labels identifiers (``idNumber``, the label as note)."""
    target = label_target(label)
    if target is not None:
        return target
    if label.endswith((":", "-")):
        return Target.REMARK, ""
    return Target.IDENTIFIER, "idNumber"


def _remark(label: str, value: str) -> str:
    return f"{label} {value}" if label.endswith((":", "-")) else f"{label}: {value}"


def format_date(value: PartialDate) -> str:
    """A date as text for notes and remarks: ``1984-01-08``, ``circa 1960``, ``1960 to 1962``."""
    if value.precision is DatePrecision.RANGE:
        return f"{value.value} to {value.end}"
    if value.precision is DatePrecision.APPROXIMATE:
        return f"circa {value.value}"
    return value.value


def make_address(
    street: Sequence[str | None],
    city: str | None,
    region: Sequence[str | None],
    postal_code: str | None,
    country: str | None,
    code: str | None = None,
) -> Address | None:
    """An address from OFAC's parts, the same way for both XML formats; None if empty.

    ``country`` is the country text as OFAC writes it: it stays in ``full``, and gives
    the country code unless ``code`` is known already.
    """
    street_text = clean_text(", ".join(v for v in street if v))
    region_text = clean_text(", ".join(v for v in region if v))
    city, postal_code, country = clean_text(city), clean_text(postal_code), clean_text(country)
    parts = [street_text, city, region_text, postal_code, country]
    if not any(parts):
        return None
    return Address(
        full=", ".join(p for p in parts if p),
        street=street_text,
        city=city,
        region=region_text,
        postal_code=postal_code,
        country=code or country_code(country),
    )


def add_remark(draft: EntityDraft, text: str | None) -> None:
    """A remark, cleaned; its ``(Linked To: NAME)`` parts also become links."""
    text = clean_text(text)
    if text is not None:
        draft.remarks.append(text)
        draft.links.extend(name.strip() for name in _LINKED_TO.findall(text))


def add_detail(
    draft: EntityDraft,
    label: str,
    value: str | PartialDate | None,
    country: str | None = None,
    note: str | None = None,
) -> None:
    """A value of an OFAC detail type, placed by ``_ofac.LABELS``.

    Args:
        draft: the designation the detail belongs to.
        label: the OFAC type (``idType``, FeatureType or IDRegDocType name).
        value: the text, or a date the Advanced format already structured.
        country: an identifier's issuing country (name or ISO code).
        note: an identifier note; defaults to ``label``.
    """
    if isinstance(value, str):
        value = clean_text(value)
    if value is None:
        return
    target, arg = _target_for(label)
    if target in (Target.BIRTH_DATE, Target.DATE_PROPERTY):
        day = value if isinstance(value, PartialDate) else parse_ofac_date(value)
        if day is None:
            raise draft.error(f"{label} {value!r} is not a date")
        if target is Target.BIRTH_DATE:
            draft.birth_dates.append(day)
        else:
            draft.put_property(arg, day.value, _remark(label, day.value))
        return
    text = format_date(value) if isinstance(value, PartialDate) else value
    if target is Target.IDENTIFIER:
        add_identifier(draft, label, arg, text, country, note or label)
    elif target is Target.PROPERTY:
        draft.put_property(arg, text, _remark(label, text))
    elif target is Target.BIRTH_PLACE:
        draft.birth_places.append(text)
    elif target is Target.LINK:
        draft.links.append(text)
    elif target is Target.GENDER and text.lower() in GENDERS:
        draft.gender = draft.gender or text.lower()
    elif target is Target.NATIONALITY and (code := country_code(text)) is not None:
        draft.nationalities.append(code)
    elif target is Target.COUNTRY_PROPERTY and (code := country_code(text)) is not None:
        if draft.has_property(arg):
            draft.add_property(arg, code)
        else:
            draft.countries.append(code)
    else:  # a statement, or a gender or country FtM does not know
        draft.remarks.append(_remark(label, text))


def add_identifier(
    draft: EntityDraft, label: str, kind: str, value: str, country: str | None, note: str
) -> None:
    """An identifier of kind ``kind``, or an ``imoNumber`` (see ``_ofac.imo_number``)."""
    imo = imo_number(value, label)
    if imo is not None:
        kind, value = "imoNumber", imo
    code = country_code(country)
    if country is not None and code is None:
        note = f"{note} ({country})"
    draft.identifiers.append(Identifier(kind, value, code, note))


def build_entity(draft: EntityDraft) -> Entity:
    """The finished Entity of an OFAC record, which must have a primary name."""
    if draft.caption is None:
        raise draft.error("the record has no primary name")
    return draft.build()


def source_for(path: Path) -> str:
    """``ofac-cons`` for the non-SDN list (a file name with "cons"), else ``ofac-sdn``."""
    return "ofac-cons" if "cons" in path.name.lower() else "ofac-sdn"


def read_root_tag(head: bytes) -> etree.QName | None:
    """The root element's qualified name from the first bytes of an XML file, or None."""
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False
    )
    try:
        parser.feed(head)
    except etree.XMLSyntaxError:
        pass  # the head of a valid file may end anywhere; the events read so far count
    for _event, element in parser.read_events():
        return etree.QName(element)
    return None


def _text(element: etree._Element, name: str) -> str | None:
    return clean_text(element.findtext(f"{{*}}{name}"))


def join_name(last: str | None, first: str | None) -> str | None:
    """``LAST, First`` as OFAC writes individuals in its CSV; entities have a last name only."""
    if last is not None and first is not None:
        return f"{last}, {first}"
    return last or first


def read_aka(draft: EntityDraft, aka: etree._Element) -> None:
    """An ``aka``: a strong a.k.a. is an alias, a weak one a weak alias, f.k.a. a previous name."""
    aka_type = _text(aka, "type") or ""
    category = _text(aka, "category")
    if aka_type not in ALIAS_KINDS:
        raise draft.error(f"aka type {aka_type!r} is not one of {', '.join(ALIAS_KINDS)}")
    if category not in ("strong", "weak"):
        raise draft.error(f"aka category {category!r} is not strong or weak")
    kind = ALIAS_KINDS[aka_type]
    if category == "weak" and kind is not NameKind.PREVIOUS_NAME:
        kind = NameKind.WEAK_ALIAS
    draft.add_name(join_name(_text(aka, "lastName"), _text(aka, "firstName")), kind)


def read_id(draft: EntityDraft, element: etree._Element) -> None:
    """An ``id``: an identity document, or any other detail OFAC files under ``idList``."""
    label = _text(element, "idType")
    if label is None:
        raise draft.error("an id has no idType")
    note = "; ".join(
        part
        for part in (
            label,
            _id_date(draft, element, "issueDate", "issued"),
            _id_date(draft, element, "expirationDate", "expires"),
        )
        if part
    )
    add_detail(draft, label, _text(element, "idNumber"), _text(element, "idCountry"), note)


def _id_date(draft: EntityDraft, element: etree._Element, name: str, word: str) -> str | None:
    text = _text(element, name)
    if text is None:
        return None
    day = parse_ofac_date(text)
    if day is None:
        raise draft.error(f"{name} {text!r} is not a date")
    return f"{word} {format_date(day)}"


def read_address(draft: EntityDraft, address: etree._Element) -> None:
    """An ``address``. OFAC writes a region without a country as ``<country>Region: X``."""
    country = _text(address, "country")
    region = _text(address, "region")
    if country is not None and country.startswith("Region:"):
        region, country = clean_text(country[len("Region:") :]), None
    draft.add_address(
        make_address(
            [_text(address, f"address{i}") for i in (1, 2, 3)],
            _text(address, "city"),
            [_text(address, "stateOrProvince"), region],
            _text(address, "postalCode"),
            country,
        )
    )


def read_sdn_entry(entry: etree._Element, path: Path, source: str) -> Entity:
    """One ``sdnEntry``."""
    uid = _text(entry, "uid")
    if uid is None:
        line = entry.sourceline
        raise ListFormatError(path, "an sdnEntry has no uid", record=f"line {line}")
    sdn_type = _text(entry, "sdnType") or ""
    if sdn_type not in SCHEMATA:
        raise ListFormatError(
            path, f"sdnType {sdn_type!r} is not one of {', '.join(SCHEMATA)}", record=uid
        )
    draft = EntityDraft(source, uid, SCHEMATA[sdn_type], path)
    draft.add_name(join_name(_text(entry, "lastName"), _text(entry, "firstName")), NameKind.NAME)
    add_detail(draft, "Title", _text(entry, "title"))
    add_remark(draft, _text(entry, "remarks"))
    draft.programs.extend(
        p for p in (clean_text(e.text) for e in entry.iterfind("{*}programList/{*}program")) if p
    )
    for element in entry.iterfind("{*}idList/{*}id"):
        read_id(draft, element)
    for aka in entry.iterfind("{*}akaList/{*}aka"):
        read_aka(draft, aka)
    for address in entry.iterfind("{*}addressList/{*}address"):
        read_address(draft, address)
    for item in entry.iterfind("{*}nationalityList/{*}nationality"):
        add_detail(draft, "Nationality Country", _text(item, "country"))
    for item in entry.iterfind("{*}citizenshipList/{*}citizenship"):
        add_detail(draft, "Citizenship Country", _text(item, "country"))
    for item in entry.iterfind("{*}dateOfBirthList/{*}dateOfBirthItem"):
        add_detail(draft, "Birthdate", _text(item, "dateOfBirth"))
    for item in entry.iterfind("{*}placeOfBirthList/{*}placeOfBirthItem"):
        add_detail(draft, "Place of Birth", _text(item, "placeOfBirth"))
    for vessel_info in entry.iterfind("{*}vesselInfo"):
        for element_name, label in VESSEL_INFO.items():
            add_detail(draft, label, _text(vessel_info, element_name))
    return build_entity(draft)


def read_publish_information(root: etree._Element, path: Path) -> tuple[str, int]:
    """``publshInformation`` (sic): the ISO publication date and the record count."""
    info = root.find("{*}publshInformation")
    if info is None:
        raise ListFormatError(path, "no publshInformation header", record="sdnList")
    publish_date, record_count = _text(info, "Publish_Date"), _text(info, "Record_Count")
    match = _PUBLISH_DATE.match(publish_date or "")
    if match is None:
        raise ListFormatError(
            path, f"Publish_Date {publish_date!r} is not MM/DD/YYYY", record="publshInformation"
        )
    month, day, year = (int(g) for g in match.groups())
    try:
        published = date(year, month, day).isoformat()
    except ValueError:
        raise ListFormatError(
            path, f"Publish_Date {publish_date!r} is not a date", record="publshInformation"
        ) from None
    if record_count is None or not record_count.isdigit():
        raise ListFormatError(
            path, f"Record_Count {record_count!r} is not a number", record="publshInformation"
        )
    return published, int(record_count)


def parse_ofac_xml(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one sdnList XML file (sdn.xml or CONSOLIDATED.XML).

    Raises:
        ListFormatError: the file is not well-formed, an entry is malformed, or the
            number of entries differs from ``Record_Count`` (a truncated file).
    """
    if len(paths) != 1:
        raise ListFormatError(
            paths[0] if paths else Path("."),
            f"ofac-xml takes one file per publication, got {len(paths)}",
        )
    path = paths[0]
    root = parse_xml(path)
    if etree.QName(root).localname != "sdnList":
        raise ListFormatError(
            path,
            f"the root element is {etree.QName(root).localname!r}, not sdnList",
            record="line 1",
        )
    published, record_count = read_publish_information(root, path)
    source = source or source_for(path)
    entities = [read_sdn_entry(entry, path, source) for entry in root.iterfind("{*}sdnEntry")]
    if len(entities) != record_count:
        raise ListFormatError(
            path,
            f"{len(entities)} sdnEntry elements but Record_Count "
            f"says {record_count}: the file is incomplete",
            record="publshInformation",
        )
    seen: set[str] = set()
    for entity in entities:
        if entity.source_id in seen:
            raise ListFormatError(path, "the uid occurs twice", record=entity.source_id)
        seen.add(entity.source_id)
    return ParsedList(
        format=FORMAT.name,
        source=source,
        published=published,
        entities=entities,
        files=(path,),
        metadata={
            "record_count": str(record_count),
            "namespace": etree.QName(root).namespace or "",
        },
    )


def sniff_ofac_xml(path: Path, head: bytes) -> bool:
    """An XML file whose root element is ``sdnList``, in any namespace."""
    tag = read_root_tag(head)
    return tag is not None and tag.localname == "sdnList"


FORMAT = ListFormat(
    name="ofac-xml",
    sources=("ofac-sdn", "ofac-cons"),
    label="OFAC sdnList XML (sdn.xml, CONSOLIDATED.XML)",
    sniff=sniff_ofac_xml,
    parse=parse_ofac_xml,
)
