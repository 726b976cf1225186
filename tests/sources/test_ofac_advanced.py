"""OFAC Advanced XML: the non-SDN cons_advanced.xml of 2020-03-17 (375 parties, 759 entries)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

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
from tradescreen.model.ftm import entity_from_ftm, entity_to_ftm
from tradescreen.sources._common import read_head
from tradescreen.sources.ofac_advanced import FORMAT, NAMESPACE, parse_ofac_advanced
from tradescreen.sources.ofac_xml import parse_ofac_xml
from tradescreen.sources.types import ParsedList


@pytest.fixture(scope="module")
def advanced_path(shared_data: Path) -> Path:
    return shared_data / "ofac" / "cons_advanced_xml_2020-03-17" / "cons_advanced.xml"


@pytest.fixture(scope="module")
def parsed(advanced_path: Path) -> ParsedList:
    return parse_ofac_advanced([advanced_path])


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in parsed.entities}


def write_variant(tmp_path: Path, advanced_path: Path, old: str, new: str) -> Path:
    """A copy of the real file in ``tmp_path`` with the first ``old`` replaced by ``new``."""
    text = advanced_path.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "cons_advanced.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_publication(parsed: ParsedList, advanced_path: Path) -> None:
    assert parsed.format == "ofac-advanced"
    assert parsed.source == "ofac-cons"
    assert parsed.published == "2020-03-17"  # DateOfIssue
    assert parsed.files == (advanced_path,)
    assert parsed.metadata == {
        "version": "3",
        "distinct_parties": "375",
        "sanctions_entries": "759",
    }


def test_counts(parsed: ParsedList) -> None:
    assert len(parsed.entities) == 375
    assert Counter(e.schema for e in parsed.entities) == {"Organization": 293, "Person": 82}
    assert Counter(p for e in parsed.entities for p in e.programs) == {
        "UKRAINE-EO13662": 290,
        "NS-PLC": 78,
        "SYRIA": 6,
        "FSE-SY": 5,
        "VENEZUELA-EO13850": 2,
        "SDGT": 1,
        "561-Related": 1,
        "FSE-IR": 1,
    }
    kinds = Counter(n.kind for e in parsed.entities for n in e.names)
    assert kinds == {
        NameKind.NAME: 375,
        NameKind.ALIAS: 801,
        NameKind.PREVIOUS_NAME: 84,  # one of them a LowQuality F.K.A.
        NameKind.WEAK_ALIAS: 29,
    }
    assert all(e.listed_on is not None for e in parsed.entities)


def test_entries_per_profile(parsed: ParsedList, advanced_path: Path) -> None:
    # Every profile is on the Consolidated List and on its own list (SSI, PLC, FSE...),
    # 9 also on a third: 366 profiles have 2 entries, 9 have 3.
    root = etree.parse(str(advanced_path)).getroot()
    entries = Counter(e.get("ProfileID") for e in root.iter(f"{{{NAMESPACE}}}SanctionsEntry"))
    assert Counter(entries.values()) == {2: 366, 3: 9}
    assert set(entries) == {e.source_id for e in parsed.entities}


def test_person(by_id: dict[str, Entity]) -> None:
    kayakiran = by_id["26182"]
    assert kayakiran.schema == "Person"
    assert kayakiran.names == (Name("KAYAKIRAN, Evren", NameKind.NAME),)
    assert kayakiran.birth_dates == (PartialDate("1980-02-08", DatePrecision.EXACT),)
    assert kayakiran.nationalities == ("tr",)  # Citizenship Country, through a Location
    assert kayakiran.gender == "male"  # a DetailReference lookup
    assert kayakiran.identifiers == (Identifier("passportNumber", "U00242309", "tr", "Passport"),)
    assert kayakiran.addresses == (Address("Turkey", country="tr"),)
    assert kayakiran.programs == ("FSE-IR",)
    assert kayakiran.listed_on == "2019-02-07"


def test_year_of_birth_and_earliest_listing(by_id: dict[str, Entity]) -> None:
    haniya = by_id["9639"]
    assert haniya.names == (
        Name("HANIYA, Ismail Abdul Salah", NameKind.NAME),
        Name("HANIYA, Ismail", NameKind.ALIAS),
        Name("HANIYYA, Ismaeel", NameKind.ALIAS),
    )
    # DatePeriod 1962-01-01 .. 1962-12-31 is the year 1962.
    assert haniya.birth_dates == (PartialDate("1962", DatePrecision.YEAR),)
    assert haniya.birth_places == ("Shati",)
    # Entries: Consolidated List 2014-10-10 and the PLC list 2006-04-12; the earliest counts.
    assert haniya.listed_on == "2006-04-12"
    assert haniya.addresses == ()  # its only Location is "undetermined" and empty


def test_organization(by_id: dict[str, Entity]) -> None:
    vtb = by_id["17013"]
    assert vtb.schema == "Organization"
    assert vtb.caption == "VTB BANK OAO"
    assert Name("VNESHTORGBANK", NameKind.PREVIOUS_NAME) in vtb.names
    assert Name("JSC VTB BANK", NameKind.ALIAS) in vtb.names
    assert set(vtb.identifiers) == {
        Identifier("idNumber", "1000", "ru", "License"),
        Identifier("okpoCode", "00032520", "ru", "Government Gazette Number"),
        Identifier("registrationNumber", "1027739609391", "ru", "Registration ID"),
        Identifier("swiftBic", "VTBRRUMM", None, "SWIFT/BIC"),
        Identifier("taxNumber", "7702070139", "ru", "Tax ID No."),
    }
    assert (
        Address(
            "43, Vorontsovskaya str., Moscow, 109044, Russia",
            street="43, Vorontsovskaya str.",
            city="Moscow",
            postal_code="109044",
            country="ru",
        )
        in vtb.addresses
    )
    assert vtb.properties == {"website": ("www.vtb.com",)}
    assert "Executive Order 13662 Directive Determination - Subject to Directive 1" in vtb.remarks
    assert vtb.programs == ("UKRAINE-EO13662",)
    assert vtb.listed_on == "2014-07-29"


def test_nationality_of_registration(by_id: dict[str, Entity]) -> None:
    # A "Nationality of Registration" feature is a COUNTRY detail through a Location.
    assert by_id["23552"].properties["jurisdiction"] == ("ru",)
    assert sum("jurisdiction" in e.properties for e in by_id.values()) == 12


def test_weak_aliases(by_id: dict[str, Entity]) -> None:
    assert Name("VEB", NameKind.WEAK_ALIAS) in by_id["17015"].names
    # A LowQuality F.K.A. is still a former name: FtM has no weak previous name.
    assert Name("NMZ OAO", NameKind.PREVIOUS_NAME) in by_id["18812"].names


def test_relationships_become_links(by_id: dict[str, Entity]) -> None:
    assert by_id["18267"].links == ("Open Joint-Stock Company Rosneft Oil Company",)
    assert sum(len(e.links) for e in by_id.values()) == 276


def test_same_entity_in_both_xml_formats(by_id: dict[str, Entity], shared_data: Path) -> None:
    legacy_path = shared_data / "ofac" / "cons_xml_2026-01-08" / "consolidated.xml"
    legacy = {e.source_id: e for e in parse_ofac_xml([legacy_path]).entities}
    for uid in ("9639", "9640", "9641"):  # unchanged between 2020 and 2026
        old, new = by_id[uid], legacy[uid]
        assert (old.schema, old.names, old.birth_dates, old.birth_places, old.programs) == (
            new.schema,
            new.names,
            new.birth_dates,
            new.birth_places,
            new.programs,
        )
    gaza = Address("Gaza, Palestinian", region="Gaza", country="ps")
    assert by_id["9641"].addresses == legacy["9641"].addresses == (gaza,)


def test_round_trip(parsed: ParsedList) -> None:
    for entity in parsed.entities:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity


def test_source_override(tmp_path: Path, advanced_path: Path) -> None:
    sdn = tmp_path / "sdn_advanced.xml"
    sdn.write_bytes(advanced_path.read_bytes())
    assert parse_ofac_advanced([sdn]).source == "ofac-sdn"
    assert parse_ofac_advanced([sdn], "other").entities[0].source == "other"


def test_sniff(shared_data: Path, advanced_path: Path) -> None:
    assert FORMAT.name == "ofac-advanced"
    assert FORMAT.sniff(advanced_path, read_head(advanced_path))
    for other in (
        shared_data / "ofac" / "cons_xml_2026-01-08" / "consolidated.xml",
        shared_data / "ofac" / "sdn_advanced.xsd",
        shared_data / "ofac" / "cons_csv_2025-12" / "cons_prim.csv",
        shared_data / "un" / "un_consolidated_2026-02-27.xml",
    ):
        assert not FORMAT.sniff(other, read_head(other)), other


# Bad input ------------------------------------------------------------------


def raises(path: Path) -> ListFormatError:
    with pytest.raises(ListFormatError) as info:
        parse_ofac_advanced([path])
    assert str(info.value).startswith(f"{path.name}: ")
    return info.value


def test_truncated(tmp_path: Path, advanced_path: Path) -> None:
    path = tmp_path / "cons_advanced.xml"
    path.write_bytes(advanced_path.read_bytes()[:1_000_000])
    error = raises(path)
    assert error.record is not None and re.fullmatch(r"line \d+", error.record)


def test_xml_bomb(tmp_path: Path) -> None:
    path = tmp_path / "cons_advanced.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE Sanctions [\n <!ENTITY a "aaaaaaaaaa">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        f'<Sanctions xmlns="{NAMESPACE}"><DateOfIssue><Year>&c;</Year></DateOfIssue></Sanctions>\n',
        encoding="utf-8",
    )
    assert "entity" in str(raises(path))


def test_external_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "cons_advanced.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE Sanctions [<!ENTITY ext SYSTEM "{secret.as_uri()}">]>\n'
        f'<Sanctions xmlns="{NAMESPACE}"><DateOfIssue><Year>&ext;</Year></DateOfIssue></Sanctions>\n',
        encoding="utf-8",
    )
    assert "SECRET" not in str(raises(path))


def test_wrong_root(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "cons_advanced.xml"
    path.write_bytes(
        (shared_data / "ofac" / "cons_xml_2026-01-08" / "consolidated.xml").read_bytes()
    )
    assert "not Sanctions" in str(raises(path))


def test_wrong_namespace(tmp_path: Path, advanced_path: Path) -> None:
    path = write_variant(
        tmp_path, advanced_path, f'xmlns="{NAMESPACE}"', 'xmlns="http://example.org/x"'
    )
    assert not FORMAT.sniff(path, read_head(path))
    assert "not Sanctions" in str(raises(path))


@pytest.mark.parametrize(
    ("old", "new", "record", "problem"),
    [
        (
            'AliasTypeID="1400"',
            'AliasTypeID="9999"',
            "9639",
            "AliasTypeID '9999' is not in ReferenceValueSets/AliasTypeValues",
        ),
        (
            'PartySubTypeID="4"',
            'PartySubTypeID="77"',
            "9639",
            "PartySubTypeID '77' is not in ReferenceValueSets/PartySubTypeValues",
        ),
        (
            '<VersionLocation LocationID="12812" />',
            '<VersionLocation LocationID="99999999" />',
            "9639",
            "LocationID '99999999' is not in Locations",
        ),
        (
            '<FeatureType ID="224" FeatureTypeGroupID="1">Gender</FeatureType>',
            "",
            "26182",
            "FeatureTypeID '224' is not in ReferenceValueSets/FeatureTypeValues",
        ),
        (
            'IDRegDocTypeID="1585" IdentityID="8757"',
            'IDRegDocTypeID="1585" IdentityID="1"',
            "IDRegDocument 9477",
            "IdentityID '1' is not an Identity of any profile",
        ),
        (
            'ProfileID="9639" ListID="91512"',
            'ProfileID="1" ListID="91512"',
            "SanctionsEntry 70009639",
            "ProfileID '1' is not a DistinctParty profile",
        ),
        ("<Year>1962</Year>", "<Year>19xx</Year>", "9639", "is not a Year/Month/Day date"),
        (
            '<AliasType ID="1403">Name</AliasType>',
            '<AliasType ID="1403">Nickname</AliasType>',
            "9639",
            "AliasType 'Nickname' is not one of",
        ),
    ],
)
def test_malformed_record(
    tmp_path: Path, advanced_path: Path, old: str, new: str, record: str, problem: str
) -> None:
    error = raises(write_variant(tmp_path, advanced_path, old, new))
    assert error.record == record
    assert problem in error.problem


def test_bad_date_of_issue(tmp_path: Path, advanced_path: Path) -> None:
    error = raises(write_variant(tmp_path, advanced_path, "<Month>3</Month>", "<Month>13</Month>"))
    assert error.record == "line 3" and "DateOfIssue" in error.problem
