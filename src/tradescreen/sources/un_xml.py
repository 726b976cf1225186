"""The UN Security Council Consolidated List in its XML form (``un-xml``).

Root ``<CONSOLIDATED_LIST dateGenerated="…">`` holding ``INDIVIDUALS/INDIVIDUAL`` (Person)
and ``ENTITIES/ENTITY`` (Organization) records. The source id is ``REFERENCE_NUMBER``
(``KPi.033``). Publisher quirks this module absorbs:

- values carry stray spaces (``KPe.051 ``, ``<FIRST_NAME> RI </FIRST_NAME>``) and
  empty placeholder groups (``<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/>…``);
- ``LISTED_ON`` is sometimes an ``xs:date`` with a zone (``2015-03-27-04:00``);
- the schema drifts (``HAS_INTERPOL_LINK``, ``INTERPOL_LINK``, ``DATE_OF_EXPIRY`` appeared
  in 2026), so elements this module does not know are ignored;
- older files (2024) put extra dates of birth in alias groups with an empty ``ALIAS_NAME``,
  as free text (``1958 - 1964``, ``1961``, ``null``);
- ``NAME_ORIGINAL_SCRIPT`` is another primary name; its ``lang`` is the ISO 15924 code of
  its script (``Arab``, ``Cyrl``) since the list does not say which language it is;
- IMO numbers (of companies and their vessels) appear only in ``COMMENTS1``, as
  ``IMO number: 5571322``, ``International Maritime Organization (IMO) Number: 1790183``
  or ``Company Number IMO 5434358``: they become ``imoNumber`` identifiers as well;
- free text that has no field of its own (notes on dates of birth, aliases and documents
  without a number, nationalities that are not countries) is kept in ``remarks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from followthemoney.types import registry
from lxml import etree
from rigour.ids import IMO
from rigour.text.scripts import text_scripts

from tradescreen.exc import ListFormatError
from tradescreen.model import (
    Address,
    DatePrecision,
    Entity,
    Identifier,
    Name,
    NameKind,
    PartialDate,
)
from tradescreen.sources._common import clean_text, country_code, parse_xml
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "parse_un_xml", "sniff_un_xml"]

DEFAULT_SOURCE = "un"

#: Record element to FtM schema.
SCHEMATA = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}

#: Alias ``QUALITY`` to name kind (individuals say Good/Low, entities a.k.a./f.k.a.).
NAME_QUALITY = {
    "": NameKind.ALIAS,
    "Good": NameKind.ALIAS,
    "a.k.a.": NameKind.ALIAS,
    "Low": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.PREVIOUS_NAME,
}

#: ``TYPE_OF_DATE`` of a DATE or YEAR birth date: is it approximate? (``BETWEEN`` is a range.)
DATE_APPROXIMATE = {"": False, "EXACT": False, "APPROXIMATELY": True}

#: ``TYPE_OF_DOCUMENT`` (lower case) to FtM identifier property; any other type is an
#: ``idNumber`` whose note names the type.
DOCUMENT_KINDS = {
    "passport": "passportNumber",
    "numéro de passeport": "passportNumber",
    "número de pasaporte": "passportNumber",
    "national identification number": "idNumber",
    "national identification no.": "idNumber",
}

#: ``NATIONALITY/VALUE`` texts that mean "none given" (``na`` would read as Namibia).
NO_NATIONALITY = frozenset({"na"})

#: Alias ``DATE_OF_BIRTH`` texts that mean "none given".
NO_DATE = frozenset({"null"})

#: Unicode script of a ``NAME_ORIGINAL_SCRIPT`` (as rigour names it) to ISO 15924 code.
SCRIPT_CODES = {
    "Arabic": "Arab",
    "Armenian": "Armn",
    "Cyrillic": "Cyrl",
    "Devanagari": "Deva",
    "Georgian": "Geor",
    "Greek": "Grek",
    "Han": "Hani",
    "Hangul": "Hang",
    "Hebrew": "Hebr",
    "Latin": "Latn",
    "Thai": "Thai",
}

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
#: The root element after an optional BOM, XML declaration, comments and DOCTYPE (a DOCTYPE
#: is sniffed so that parsing, not detection, refuses its entity declarations by name).
_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"
    rb"(?:<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)?<CONSOLIDATED_LIST[\s/>]",
    re.DOTALL,
)
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$")
_YEAR = re.compile(r"^\d{4}$")
#: An IMO number in a remark (the forms of the real file: see the module docstring).
_REMARK_IMO = re.compile(r"\bIMO\)?(?:\s+number)?:?\s*(\d{7})\b", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")


def sniff_un_xml(path: Path, head: bytes) -> bool:
    """Whether the file's root element is ``CONSOLIDATED_LIST``."""
    return _ROOT.match(head) is not None


def parse_un_xml(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one UN consolidated list file.

    Raises:
        ListFormatError: the file is not a well-formed consolidated list, or a record
            has no reference number, no name or a value that cannot be read.
        ValueError: not exactly one file was given (a publication is one file).
    """
    if len(paths) != 1:
        raise ValueError(f"un-xml parses one file per publication, got {len(paths)}")
    path = Path(paths[0])
    root = parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(path, f"root element is <{root.tag}>, not <CONSOLIDATED_LIST>")
    generated = root.get("dateGenerated")
    try:
        published = _iso_date(generated, "dateGenerated") if generated else None
    except ValueError as exc:
        raise ListFormatError(path, str(exc)) from None
    source = source or DEFAULT_SOURCE
    records = root.findall("INDIVIDUALS/INDIVIDUAL") + root.findall("ENTITIES/ENTITY")
    return ParsedList(
        format=FORMAT.name,
        source=source,
        published=published,
        entities=[parse_record(node, path, source) for node in records],
        files=(path,),
        metadata={"dateGenerated": generated} if generated else {},
    )


def parse_record(node: etree._Element, path: Path, source: str) -> Entity:
    """One INDIVIDUAL or ENTITY; any unreadable value becomes a ListFormatError naming it."""
    source_id = _text(node, "REFERENCE_NUMBER")
    if source_id is None:
        dataid = _text(node, "DATAID")
        record = f"DATAID {dataid}" if dataid else f"line {node.sourceline}"
        raise ListFormatError(path, f"{node.tag} has no REFERENCE_NUMBER", record=record)
    try:
        draft = EntityDraft(source, source_id, SCHEMATA[str(node.tag)], path)
        draft.names.extend(parse_names(node))
        for alias in node.findall(f"{node.tag}_ALIAS"):
            parse_alias(alias, draft)
        for address in node.findall(f"{node.tag}_ADDRESS"):
            parse_address(address, draft)
        if node.tag == "INDIVIDUAL":
            parse_individual(node, draft)
        comments = _text(node, "COMMENTS1")
        draft.add_remark(comments)
        if comments is not None:
            parse_remark_imo_numbers(comments, draft)
        listed_on = _text(node, "LISTED_ON")
        if listed_on is not None:
            draft.listing_dates.append(_iso_date(listed_on, "LISTED_ON"))
        program = _text(node, "UN_LIST_TYPE")
        if program is not None:
            draft.programs.append(program)
        return draft.build()
    except ValueError as exc:
        raise ListFormatError(path, str(exc), record=source_id) from None


def parse_names(node: etree._Element) -> list[Name]:
    """The primary name from its parts, and the name in original script if given."""
    parts = [part for part in (_text(node, tag) for tag in _NAME_PARTS) if part]
    if not parts:
        raise ValueError(f"{node.tag} has no name (FIRST_NAME to FOURTH_NAME are empty)")
    names = [Name(" ".join(parts))]
    original = _text(node, "NAME_ORIGINAL_SCRIPT")
    if original is not None and original != names[0].value:
        names.append(Name(original, NameKind.NAME, script_code(original)))
    return names


def script_code(text: str) -> str | None:
    """ISO 15924 code of the one script ``text`` is written in, or None."""
    scripts = text_scripts(text)
    return SCRIPT_CODES.get(scripts.pop()) if len(scripts) == 1 else None


def parse_alias(node: etree._Element, draft: EntityDraft) -> None:
    """An alias with its kind, and the birth date, birth place and note it may carry.

    Older files (2024) put extra dates of birth in alias groups with no ALIAS_NAME.
    """
    value = _text(node, "ALIAS_NAME")
    if value is not None:
        quality = _text(node, "QUALITY") or ""
        if quality not in NAME_QUALITY:
            raise ValueError(f'{node.tag}/QUALITY "{quality}" is not a known alias quality')
        draft.names.append(Name(value, NAME_QUALITY[quality]))
    label = value or "alias"
    birth_date = _text(node, "DATE_OF_BIRTH")
    if birth_date is not None and birth_date not in NO_DATE:
        parsed = parse_date_text(birth_date)
        if parsed is None:
            draft.add_remark(f"{label}: date of birth {birth_date}")
        else:
            draft.birth_dates.append(parsed)
    birth_place = _join_place([_text(node, "CITY_OF_BIRTH"), _text(node, "COUNTRY_OF_BIRTH")])
    if birth_place is not None:
        draft.birth_places.append(birth_place)
    _add_country(draft.countries, _text(node, "COUNTRY_OF_BIRTH"))
    note = _text(node, "NOTE")
    if note is not None:
        draft.add_remark(f"{label}: {note}")


def parse_date_text(text: str) -> PartialDate | None:
    """A free-text alias birth date: ``1979-12-31``, ``1955`` or ``1960 - 1962``; else None."""
    if _YEAR.match(text):
        return PartialDate(text, DatePrecision.YEAR)
    years = _YEAR_RANGE.match(text)
    if years:
        return PartialDate(years[1], DatePrecision.RANGE, end=years[2])
    try:
        return PartialDate.from_iso(_iso_date(text, "DATE_OF_BIRTH"))
    except ValueError:
        return None


def parse_address(node: etree._Element, draft: EntityDraft) -> None:
    """An address; its country code also goes to ``countries``."""
    street, city, region, postal_code, country = (_text(node, tag) for tag in _ADDRESS_PARTS)
    full = _join_place([street, city, region, postal_code, country], _text(node, "NOTE"))
    if full is None:
        return
    draft.add_address(Address(full, street, city, region, postal_code, country_code(country)))


def parse_individual(node: etree._Element, draft: EntityDraft) -> None:
    """What only INDIVIDUAL records carry: person facts, birth, nationality, documents."""
    gender = _text(node, "GENDER")
    draft.gender = registry.gender.clean(gender) if gender else None
    for title in _texts(node, "TITLE/VALUE"):
        draft.add_property("title", title)
    for position in _texts(node, "DESIGNATION/VALUE"):
        draft.add_property("position", position)
    for nationality in _texts(node, "NATIONALITY/VALUE"):
        parse_nationality(nationality, draft)
    for birth_date in node.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        parse_birth_date(birth_date, draft)
    for birth_place in node.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        parse_birth_place(birth_place, draft)
    for document in node.findall("INDIVIDUAL_DOCUMENT"):
        parse_document(document, draft)


def parse_nationality(text: str, draft: EntityDraft) -> None:
    """A nationality as a country code; a text that names no country becomes a remark."""
    if text.lower() in NO_NATIONALITY:
        return
    draft.add_nationality(text, country_code(text))


def parse_birth_date(node: etree._Element, draft: EntityDraft) -> None:
    """``INDIVIDUAL_DATE_OF_BIRTH``: EXACT or APPROXIMATELY a DATE or YEAR, or BETWEEN two years."""
    kind = _text(node, "TYPE_OF_DATE") or ""
    if kind == "BETWEEN":
        start = _year(node, "FROM_YEAR")
        end = _year(node, "TO_YEAR")
        if start is None or end is None:
            raise ValueError(f"{node.tag} BETWEEN needs both FROM_YEAR and TO_YEAR")
        birth_date: PartialDate | None = PartialDate(start, DatePrecision.RANGE, end=end)
    elif kind in DATE_APPROXIMATE:
        exact = _text(node, "DATE")
        value = _iso_date(exact, f"{node.tag}/DATE") if exact else _year(node, "YEAR")
        birth_date = PartialDate.from_iso(value, DATE_APPROXIMATE[kind]) if value else None
    else:
        raise ValueError(f'{node.tag}/TYPE_OF_DATE "{kind}" is not a known type of date')
    if birth_date is not None:
        draft.birth_dates.append(birth_date)
    note = _text(node, "NOTE")
    if note is not None:
        when = "" if birth_date is None else f" {birth_date.value}"
        if birth_date is not None and birth_date.end is not None:
            when += f" to {birth_date.end}"
        draft.add_remark(f"Date of birth{when}: {note}")


def parse_birth_place(node: etree._Element, draft: EntityDraft) -> None:
    """A place of birth as text; its country code goes to ``countries`` and ``birthCountry``."""
    parts = [_text(node, tag) for tag in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
    place = _join_place(parts, _text(node, "NOTE"))
    if place is not None:
        draft.birth_places.append(place)
    code = _add_country(draft.countries, parts[-1])
    draft.add_property("birthCountry", code)


def parse_document(node: etree._Element, draft: EntityDraft) -> None:
    """An identity document; one without a number is kept as a remark."""
    doc_type = _text(node, "TYPE_OF_DOCUMENT")
    kind = DOCUMENT_KINDS.get(doc_type.lower()) if doc_type else None
    subtype = _text(node, "TYPE_OF_DOCUMENT2")
    if subtype is not None and doc_type is not None and subtype.lower() == doc_type.lower():
        subtype = None
    country_text = _text(node, "ISSUING_COUNTRY") or _text(node, "COUNTRY_OF_ISSUE")
    country = country_code(country_text)
    doc_note = _text(node, "NOTE")
    number = _text(node, "NUMBER")
    if number is not None:
        unmapped = [
            doc_type if kind is None else None,
            subtype,
            doc_note,
            country_text if country is None else None,
        ]
        note = "; ".join(_unique(d for d in unmapped if d)) or None
        draft.identifiers.append(Identifier(kind or "idNumber", number, country, note))
    elif doc_type or subtype or doc_note:
        described = "; ".join(_unique(d for d in (doc_type, subtype, doc_note, country_text) if d))
        draft.add_remark(f"Document without number: {described}")


def parse_remark_imo_numbers(text: str, draft: EntityDraft) -> None:
    """The IMO numbers a remark gives, with a valid check digit, as identifiers."""
    for digits in _unique(_REMARK_IMO.findall(text)):
        if IMO.is_valid(digits):
            draft.identifiers.append(Identifier("imoNumber", f"IMO{digits}", note="COMMENTS1"))


def _text(node: etree._Element, path: str) -> str | None:
    return clean_text(node.findtext(path))


def _texts(node: etree._Element, path: str) -> list[str]:
    return _unique(t for t in (clean_text(el.text) for el in node.findall(path)) if t)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _year(node: etree._Element, tag: str) -> str | None:
    value = _text(node, tag)
    if value is not None and not _YEAR.match(value):
        raise ValueError(f'{node.tag}/{tag} "{value}" is not a year')
    return value


def _iso_date(value: str, what: str) -> str:
    """The ``YYYY-MM-DD`` of an ISO date or timestamp, with or without a zone."""
    match = _ISO_DATE.match(value.strip())
    if match:
        try:
            return date.fromisoformat(match[1]).isoformat()
        except ValueError:
            pass
    raise ValueError(f'{what} "{value}" is not a date')


def _join_place(parts: list[str | None], note: str | None = None) -> str | None:
    text = ", ".join(_unique(p for p in parts if p)) or None
    if note is None:
        return text
    return note if text is None else f"{text} ({note})"


def _add_country(countries: list[str], text: str | None) -> str | None:
    code = country_code(text)
    if code is not None:
        countries.append(code)
    return code


FORMAT = ListFormat(
    name="un-xml",
    sources=(DEFAULT_SOURCE,),
    label="UN Security Council consolidated list (XML)",
    sniff=sniff_un_xml,
    parse=parse_un_xml,
)
