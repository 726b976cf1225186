"""OFAC's Advanced XML: ``sdn_advanced.xml`` and ``cons_advanced.xml``.

The format is reference-value driven: a record says ``AliasTypeID="1400"`` and the
``ReferenceValueSets`` say that 1400 is ``A.K.A.``. Every ID a record uses is resolved
through those sets (and through ``Locations`` and ``IDRegDocuments``); an ID that resolves
to nothing is an error naming the profile and the missing reference.

One entity per ``DistinctParty/Profile``; its ID is the same number as the legacy
``uid``/``ent_num``. A profile has one ``SanctionsEntry`` per list it is on (the
non-SDN file lists every profile on the Consolidated List and on its own list), so
programs are the union over its entries and the listing date is the earliest entry
event. Feature and document type names are the legacy ``idType`` labels, placed by
``ofac_xml.add_detail`` (through ``_ofac.LABELS``), so both OFAC XML formats give the
same entities.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from tradescreen.exc import ListFormatError
from tradescreen.model import Address, DatePrecision, NameKind, PartialDate
from tradescreen.sources._common import clean_text, parse_xml
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources.ofac_xml import (
    SCHEMATA,
    add_detail,
    add_remark,
    build_entity,
    format_date,
    join_name,
    make_address,
    read_root_tag,
    source_for,
)
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "NAMESPACE", "parse_ofac_advanced"]

NAMESPACE = "http://www.un.org/sanctions/1.0"

#: AliasType values to name kinds; the ``Primary`` alias is the name, a ``LowQuality``
#: A.K.A. or N.K.A. a weak alias; an F.K.A. stays a previous name whatever its quality.
ALIAS_KINDS = {
    "Name": NameKind.NAME,
    "A.K.A.": NameKind.ALIAS,
    "F.K.A.": NameKind.PREVIOUS_NAME,
    "N.K.A.": NameKind.ALIAS,
}

#: The NamePartType written first, before a comma, as in the legacy ``LAST, First``.
LAST_NAME_PART = "Last Name"

#: LocPartType values to address fields, in the order they are written; parts of
#: other types (``Unknown``) come first, as street text.
LOCATION_PARTS = {
    "ADDRESS1": "street",
    "ADDRESS2": "street",
    "ADDRESS3": "street",
    "CITY": "city",
    "STATE/PROVINCE": "region",
    "REGION": "region",
    "POSTAL CODE": "postal_code",
}

#: The FeatureType whose locations are the party's addresses.
ADDRESS_FEATURE = "Location"

#: IDRegDocDateType values to the words of an identifier note.
DOCUMENT_DATES = {"Issue Date": "issued", "Expiration Date": "expires"}

#: The Country OFAC uses for "no country known"; it has no ISO code.
UNDETERMINED = "undetermined"

#: The SanctionsType whose measure comment is a program code.
PROGRAM_MEASURE = "Program"


@dataclass(slots=True)
class _Publication:
    """The lookups of one file: reference values, locations, documents by identity."""

    path: Path
    source: str
    references: dict[tuple[str, str], etree._Element]
    locations: dict[str, etree._Element]
    documents: dict[str, list[etree._Element]]

    def reference(self, profile_id: str, kind: str, ref_id: str | None) -> etree._Element:
        """The ``kind`` reference value with ID ``ref_id``, or an error naming the profile."""
        value = self.references.get((kind, ref_id or ""))
        if value is None:
            raise ListFormatError(
                self.path,
                f"{kind}ID {ref_id!r} is not in ReferenceValueSets/{kind}Values",
                record=profile_id,
            )
        return value

    def text(self, profile_id: str, kind: str, ref_id: str | None) -> str:
        """The text of a reference value (``A.K.A.`` for AliasType 1400)."""
        return clean_text(self.reference(profile_id, kind, ref_id).text) or ""


def index_references(root: etree._Element) -> dict[tuple[str, str], etree._Element]:
    """Every reference value by (element name, ID): ``("AliasType", "1400")``."""
    return {
        (etree.QName(value).localname, value.get("ID", "")): value
        for value in root.iterfind("{*}ReferenceValueSets/*/*")
    }


def index_documents(root: etree._Element) -> dict[str, list[etree._Element]]:
    """IDRegDocuments by the IdentityID they belong to."""
    documents: dict[str, list[etree._Element]] = {}
    for document in root.iterfind("{*}IDRegDocuments/{*}IDRegDocument"):
        documents.setdefault(document.get("IdentityID", ""), []).append(document)
    return documents


def _to_date(element: etree._Element) -> date:
    """A Year/Month/Day element as a date; ValueError if it is not one."""
    parts = (element.findtext(f"{{*}}{part}") or "" for part in ("Year", "Month", "Day"))
    return date(*(int(part) for part in parts))


def _read_day(draft: EntityDraft, element: etree._Element | None) -> date | None:
    if element is None:
        return None
    try:
        return _to_date(element)
    except ValueError:
        raise draft.error(
            f"{etree.QName(element).localname} on line {element.sourceline} "
            "is not a Year/Month/Day date"
        ) from None


def _read_boundary(
    draft: EntityDraft, boundary: etree._Element | None, first: str, second: str
) -> date | None:
    if boundary is None:
        return None
    return _read_day(draft, boundary.find(f"{{*}}{first}")) or _read_day(
        draft, boundary.find(f"{{*}}{second}")
    )


def _collapse(start: date, end: date) -> tuple[str, str]:
    """The shortest ISO prefixes of a period: whole years as ``1962``, months as ``1962-03``."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year:04d}", f"{end.year:04d}"
    if start.day == 1 and end.day == monthrange(end.year, end.month)[1]:
        return f"{start:%Y-%m}", f"{end:%Y-%m}"
    return start.isoformat(), end.isoformat()


def read_date_period(draft: EntityDraft, period: etree._Element) -> PartialDate | None:
    """A DatePeriod as a PartialDate: 1962-01-01 to 1962-12-31 is the year 1962."""
    start_boundary, end_boundary = period.find("{*}Start"), period.find("{*}End")
    start = _read_boundary(draft, start_boundary, "From", "To")
    end = _read_boundary(draft, end_boundary, "To", "From")
    start, end = start or end, end or start
    if start is None or end is None:
        return None
    if end < start:
        raise draft.error(f"the DatePeriod on line {period.sourceline} ends before it starts")
    first, last = _collapse(start, end)
    if first != last:
        return PartialDate(first, DatePrecision.RANGE, end=last)
    approximate = any(
        b is not None and b.get("Approximate") == "true" for b in (start_boundary, end_boundary)
    )
    return PartialDate.from_iso(first, approximate=approximate)


def _read_country(
    draft: EntityDraft, location: etree._Element, publication: _Publication
) -> etree._Element | None:
    """The Country of a Location, from LocationCountry or else its area code."""
    for element in location.iterfind("{*}LocationCountry"):
        return publication.reference(draft.source_id, "Country", element.get("CountryID"))
    for element in location.iterfind("{*}LocationAreaCode"):
        area = publication.reference(draft.source_id, "AreaCode", element.get("AreaCodeID"))
        return publication.reference(draft.source_id, "Country", area.get("CountryID"))
    return None


def read_location(
    draft: EntityDraft, location_id: str | None, publication: _Publication
) -> Address | None:
    """A Location as an address; None for one with nothing in it (OFAC's unknown address)."""
    location = publication.locations.get(location_id or "")
    if location is None:
        raise draft.error(f"LocationID {location_id!r} is not in Locations")
    order = list(LOCATION_PARTS)
    parts: list[tuple[int, str, str]] = []
    for part in location.iterfind("{*}LocationPart"):
        part_type = publication.text(draft.source_id, "LocPartType", part.get("LocPartTypeID"))
        position = order.index(part_type) if part_type in LOCATION_PARTS else -1
        for value in part.iterfind("{*}LocationPartValue/{*}Value"):
            if (text := clean_text(value.text)) is not None:
                parts.append((position, LOCATION_PARTS.get(part_type, "street"), text))
    parts.sort(key=lambda part: part[0])

    def values(field_name: str) -> list[str | None]:
        return [text for _, name, text in parts if name == field_name]

    country = _read_country(draft, location, publication)
    country_name = clean_text(country.text) if country is not None else None
    iso2 = country.get("ISO2") if country is not None else None
    if iso2 is None and country_name == UNDETERMINED:
        country_name = None
    return make_address(
        values("street"),
        " ".join(v for v in values("city") if v) or None,
        values("region"),
        " ".join(v for v in values("postal_code") if v) or None,
        country_name,
        iso2.lower() if iso2 else None,
    )


def read_documented_name(
    draft: EntityDraft, name: etree._Element, groups: dict[str, str], publication: _Publication
) -> tuple[str | None, str | None]:
    """A DocumentedName as (``LAST, First`` or the whole name, script code if not Latin)."""
    publication.reference(draft.source_id, "DocNameStatus", name.get("DocNameStatusID"))
    last: list[str] = []
    other: list[str] = []
    lang = None
    for value in name.iterfind("{*}DocumentedNamePart/{*}NamePartValue"):
        group_id = value.get("NamePartGroupID", "")
        if group_id not in groups:
            raise draft.error(
                f"NamePartGroupID {group_id!r} is not in the identity's NamePartGroups"
            )
        script = publication.reference(draft.source_id, "Script", value.get("ScriptID"))
        if script.text != "Latin":
            lang = script.get("ScriptCode") or script.text
        if (text := clean_text(value.text)) is not None:
            (last if groups[group_id] == LAST_NAME_PART else other).append(text)
    return join_name(" ".join(last) or None, " ".join(other) or None), lang


def read_alias(
    draft: EntityDraft, alias: etree._Element, groups: dict[str, str], publication: _Publication
) -> None:
    """An Alias: the primary one is the name; the others are placed by ``ALIAS_KINDS``."""
    alias_type = publication.text(draft.source_id, "AliasType", alias.get("AliasTypeID"))
    if alias_type not in ALIAS_KINDS:
        raise draft.error(f"AliasType {alias_type!r} is not one of {', '.join(ALIAS_KINDS)}")
    kind = NameKind.NAME if alias.get("Primary") == "true" else ALIAS_KINDS[alias_type]
    if alias.get("LowQuality") == "true" and kind is NameKind.ALIAS:
        kind = NameKind.WEAK_ALIAS
    for name in alias.iterfind("{*}DocumentedName"):
        value, lang = read_documented_name(draft, name, groups, publication)
        draft.add_name(value, kind, lang)


def read_id_document(
    draft: EntityDraft, document: etree._Element, publication: _Publication
) -> None:
    """An IDRegDocument; its dates and a validity other than Valid go into the note."""
    label = publication.text(draft.source_id, "IDRegDocType", document.get("IDRegDocTypeID"))
    country = None
    if (country_id := document.get("IssuedBy-CountryID")) is not None:
        issuer = publication.reference(draft.source_id, "Country", country_id)
        country = issuer.get("ISO2") or clean_text(issuer.text)
    note = [label]
    for document_date in document.iterfind("{*}DocumentDate"):
        date_type = publication.text(
            draft.source_id, "IDRegDocDateType", document_date.get("IDRegDocDateTypeID")
        )
        period = document_date.find("{*}DatePeriod")
        day = read_date_period(draft, period) if period is not None else None
        if day is not None:
            note.append(f"{DOCUMENT_DATES.get(date_type, date_type)} {format_date(day)}")
    validity = publication.text(draft.source_id, "Validity", document.get("ValidityID"))
    if validity != "Valid":
        note.append(validity.lower())
    if (comment := clean_text(document.findtext("{*}Comment"))) is not None:
        note.append(comment)
    add_detail(draft, label, document.findtext("{*}IDRegistrationNo"), country, "; ".join(note))


def read_identity(draft: EntityDraft, identity: etree._Element, publication: _Publication) -> None:
    """An Identity: its names (through its NamePartGroups) and its documents."""
    groups = {
        group.get("ID", ""): publication.text(
            draft.source_id, "NamePartType", group.get("NamePartTypeID")
        )
        for group in identity.iterfind("{*}NamePartGroups/{*}MasterNamePartGroup/{*}NamePartGroup")
    }
    for alias in identity.iterfind("{*}Alias"):
        read_alias(draft, alias, groups, publication)
    for document in publication.documents.pop(identity.get("ID", ""), []):
        read_id_document(draft, document, publication)


def read_feature(draft: EntityDraft, feature: etree._Element, publication: _Publication) -> None:
    """A Feature: dates, texts, looked-up details and locations, placed by its FeatureType."""
    label = publication.text(draft.source_id, "FeatureType", feature.get("FeatureTypeID"))
    for version in feature.iterfind("{*}FeatureVersion"):
        for period in version.iterfind("{*}DatePeriod"):
            add_detail(draft, label, read_date_period(draft, period))
        for detail in version.iterfind("{*}VersionDetail"):
            publication.reference(draft.source_id, "DetailType", detail.get("DetailTypeID"))
            reference_id = detail.get("DetailReferenceID")
            if reference_id is not None:
                add_detail(
                    draft, label, publication.text(draft.source_id, "DetailReference", reference_id)
                )
            else:
                add_detail(draft, label, detail.text)
        for version_location in version.iterfind("{*}VersionLocation"):
            address = read_location(draft, version_location.get("LocationID"), publication)
            if label == ADDRESS_FEATURE:
                draft.add_address(address)
            elif address is not None:
                add_detail(draft, label, address.full)


def read_profile(
    profile: etree._Element, comments: Sequence[str | None], publication: _Publication
) -> EntityDraft:
    """A Profile, with the comments of its DistinctParty as remarks."""
    profile_id = clean_text(profile.get("ID"))
    if profile_id is None:
        raise ListFormatError(
            publication.path, "a Profile has no ID", record=f"line {profile.sourceline}"
        )
    sub_type = publication.reference(profile_id, "PartySubType", profile.get("PartySubTypeID"))
    party_type = publication.text(profile_id, "PartyType", sub_type.get("PartyTypeID"))
    kind = sub_type.text if sub_type.text in SCHEMATA else party_type
    if kind not in SCHEMATA:
        raise ListFormatError(
            publication.path,
            f"party type {party_type!r} (sub-type "
            f"{sub_type.text!r}) is not one of {', '.join(SCHEMATA)}",
            record=profile_id,
        )
    draft = EntityDraft(publication.source, profile_id, SCHEMATA[kind], publication.path)
    for comment in [*comments, *(c.text for c in profile.iterfind("{*}Comment"))]:
        add_remark(draft, comment)
    for identity in profile.iterfind("{*}Identity"):
        read_identity(draft, identity, publication)
    for feature in profile.iterfind("{*}Feature"):
        read_feature(draft, feature, publication)
    return draft


def read_sanctions_entry(
    entry: etree._Element, drafts: dict[str, EntityDraft], publication: _Publication
) -> None:
    """A SanctionsEntry: adds its programs and listing date to its profile."""
    draft = drafts.get(entry.get("ProfileID", ""))
    if draft is None:
        raise ListFormatError(
            publication.path,
            f"ProfileID {entry.get('ProfileID')!r} is not a DistinctParty profile",
            record=f"SanctionsEntry {entry.get('ID')}",
        )
    publication.reference(draft.source_id, "List", entry.get("ListID"))
    for event in entry.iterfind("{*}EntryEvent"):
        publication.reference(draft.source_id, "EntryEventType", event.get("EntryEventTypeID"))
        if (legal_basis := event.get("LegalBasisID")) is not None:
            publication.reference(draft.source_id, "LegalBasis", legal_basis)
        day = _read_day(draft, event.find("{*}Date"))
        if day is not None:
            draft.listing_dates.append(day.isoformat())
    for measure in entry.iterfind("{*}SanctionsMeasure"):
        measure_type = publication.text(
            draft.source_id, "SanctionsType", measure.get("SanctionsTypeID")
        )
        program = clean_text(measure.findtext("{*}Comment"))
        if measure_type == PROGRAM_MEASURE and program is not None:
            draft.programs.append(program)


def read_relationship(
    relationship: etree._Element, drafts: dict[str, EntityDraft], publication: _Publication
) -> None:
    """A ProfileRelationship: the From profile links to the To profile's name."""
    ends = [drafts.get(relationship.get(f"{end}-ProfileID", "")) for end in ("From", "To")]
    if ends[0] is None or ends[1] is None:
        raise ListFormatError(
            publication.path,
            "From-ProfileID or To-ProfileID is not a DistinctParty profile",
            record=f"ProfileRelationship {relationship.get('ID')}",
        )
    publication.reference(ends[0].source_id, "RelationType", relationship.get("RelationTypeID"))
    ends[0].links.append(ends[1].caption or ends[1].source_id)


def read_date_of_issue(root: etree._Element, path: Path) -> str:
    """The file's DateOfIssue as an ISO date."""
    element = root.find("{*}DateOfIssue")
    if element is not None:
        with suppress(ValueError):
            return _to_date(element).isoformat()
    line = element.sourceline if element is not None else 1
    raise ListFormatError(path, "no valid DateOfIssue Year/Month/Day", record=f"line {line}")


def parse_ofac_advanced(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one OFAC Advanced XML file (sdn_advanced.xml or cons_advanced.xml).

    Raises:
        ListFormatError: the file is not well-formed Advanced XML, a record is malformed,
            or a record uses an ID its file does not define.
    """
    if len(paths) != 1:
        raise ListFormatError(
            paths[0] if paths else Path("."),
            f"ofac-advanced takes one file per publication, got {len(paths)}",
        )
    path = paths[0]
    root = parse_xml(path)
    tag = etree.QName(root)
    if (tag.localname, tag.namespace) != ("Sanctions", NAMESPACE):
        raise ListFormatError(
            path, f"the root element is {tag.text!r}, not Sanctions in {NAMESPACE}", record="line 1"
        )
    published = read_date_of_issue(root, path)
    publication = _Publication(
        path=path,
        source=source or source_for(path),
        references=index_references(root),
        locations={loc.get("ID", ""): loc for loc in root.iterfind("{*}Locations/{*}Location")},
        documents=index_documents(root),
    )
    drafts: dict[str, EntityDraft] = {}
    parties = root.findall("{*}DistinctParties/{*}DistinctParty")
    for party in parties:
        comments = [c.text for c in party.iterfind("{*}Comment")]
        for profile in party.iterfind("{*}Profile"):
            draft = read_profile(profile, comments, publication)
            if draft.source_id in drafts:
                raise draft.error("the Profile ID occurs twice")
            drafts[draft.source_id] = draft
    if publication.documents:  # documents of no identity in the file
        identity_id, documents = next(iter(publication.documents.items()))
        raise ListFormatError(
            path,
            f"IdentityID {identity_id!r} is not an Identity of any profile",
            record=f"IDRegDocument {documents[0].get('ID')}",
        )
    for relationship in root.iterfind("{*}ProfileRelationships/{*}ProfileRelationship"):
        read_relationship(relationship, drafts, publication)
    entries = root.findall("{*}SanctionsEntries/{*}SanctionsEntry")
    for entry in entries:
        read_sanctions_entry(entry, drafts, publication)
    return ParsedList(
        format=FORMAT.name,
        source=publication.source,
        published=published,
        entities=[build_entity(draft) for draft in drafts.values()],
        files=(path,),
        metadata={
            "version": root.get("Version", ""),
            "distinct_parties": str(len(parties)),
            "sanctions_entries": str(len(entries)),
        },
    )


def sniff_ofac_advanced(path: Path, head: bytes) -> bool:
    """An XML file whose root is ``Sanctions`` in the UN sanctions namespace OFAC uses."""
    tag = read_root_tag(head)
    return tag is not None and (tag.localname, tag.namespace) == ("Sanctions", NAMESPACE)


FORMAT = ListFormat(
    name="ofac-advanced",
    sources=("ofac-sdn", "ofac-cons"),
    label="OFAC Advanced XML (sdn_advanced.xml, cons_advanced.xml)",
    sniff=sniff_ofac_advanced,
    parse=parse_ofac_advanced,
)
