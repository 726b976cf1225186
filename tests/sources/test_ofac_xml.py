"""OFAC sdnList XML: the non-SDN CONSOLIDATED.XML of 2026-01-08 (442 entries)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

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
from tradescreen.sources.ofac_xml import FORMAT, parse_ofac_xml
from tradescreen.sources.types import ParsedList

NEW_NAMESPACE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"
OLD_NAMESPACE = "http://tempuri.org/sdnList.xsd"


@pytest.fixture(scope="module")
def cons_path(shared_data: Path) -> Path:
    return shared_data / "ofac" / "cons_xml_2026-01-08" / "consolidated.xml"


@pytest.fixture(scope="module")
def parsed(cons_path: Path) -> ParsedList:
    return parse_ofac_xml([cons_path])


@pytest.fixture(scope="module")
def by_uid(parsed: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in parsed.entities}


def write_variant(tmp_path: Path, cons_path: Path, replace: dict[str, str]) -> Path:
    """A copy of the real file in ``tmp_path`` with each key of ``replace`` replaced by its value."""
    text = cons_path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "consolidated.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_publication(parsed: ParsedList, cons_path: Path) -> None:
    assert parsed.format == "ofac-xml"
    assert parsed.source == "ofac-cons"
    assert parsed.published == "2026-01-08"
    assert parsed.files == (cons_path,)
    assert parsed.metadata == {"record_count": "442", "namespace": NEW_NAMESPACE}
    assert not parsed.is_delta


def test_counts(parsed: ParsedList) -> None:
    assert len(parsed.entities) == 442
    assert Counter(e.schema for e in parsed.entities) == {"Organization": 363, "Person": 79}
    programs = Counter(p for e in parsed.entities for p in e.programs)
    assert programs["UKRAINE-EO13662"] == 286
    assert programs["RUSSIA-EO14024"] == 93
    assert programs["NS-PLC"] == 78
    assert programs["CMIC-EO13959"] == 68
    assert len({e.source_id for e in parsed.entities}) == 442
    kinds = Counter(n.kind for e in parsed.entities for n in e.names)
    assert kinds == {
        NameKind.NAME: 442,
        NameKind.ALIAS: 931,
        NameKind.PREVIOUS_NAME: 144,  # three of them weak f.k.a.
        NameKind.WEAK_ALIAS: 69,
    }


def test_person(by_uid: dict[str, Entity]) -> None:
    martelly = by_uid["50476"]
    assert martelly.schema == "Person"
    # "LAST, First" as in OFAC's CSV.
    assert martelly.names == (
        Name("MARTELLY, Michel Joseph", NameKind.NAME),
        Name("MARTELLY, Michael", NameKind.ALIAS),
        Name("Sweet Micky", NameKind.WEAK_ALIAS),
    )
    assert martelly.birth_dates == (PartialDate("1961-02-12", DatePrecision.EXACT),)
    assert martelly.birth_places == ("Port-au-Prince, Haiti",)
    assert martelly.nationalities == ("ht",)
    assert martelly.gender == "male"  # an idList "Gender" entry
    assert set(martelly.identifiers) == {
        Identifier("idNumber", "0032768386", "ht", "National ID No."),
        Identifier("idNumber", "M634550610520", "us", "Driver's License No."),
    }
    miami = Address("Miami, FL, United States", city="Miami", region="FL", country="us")
    assert miami in martelly.addresses
    assert set(martelly.countries) == {"do", "ht", "us"}
    assert martelly.programs == ("ILLICIT-DRUGS-EO14059",)
    assert len(martelly.remarks) == 3
    assert all(
        r.startswith("Executive Order 14059 information: Prohibition") for r in martelly.remarks
    )


def test_weak_aliases_region_and_links(by_uid: dict[str, Entity]) -> None:
    zahhar = by_uid["9647"]
    assert zahhar.caption == "ZAHHAR, Mahmoud Khaled"
    # Weak a.k.a. written whole in lastName.
    assert Name("ZAHAR, Mahmoud", NameKind.WEAK_ALIAS) in zahhar.names
    assert Name("AL ZAHAR, Mahmoud Khaled", NameKind.ALIAS) in zahhar.names
    # <country>Region: Gaza</country> is a region, not a country.
    assert zahhar.addresses == (Address("Gaza", region="Gaza"),)
    assert zahhar.nationalities == ("ps",)  # "Palestinian"
    assert zahhar.birth_dates == (PartialDate("1945", DatePrecision.YEAR),)
    assert zahhar.programs == ("NS-PLC", "SDGT")
    assert zahhar.links == ("HAMAS",)
    assert "(Linked To: HAMAS)" in zahhar.remarks
    assert (
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
        "Executive Order 13886"
    ) in zahhar.remarks


def test_weak_fka_is_previous_name(by_uid: dict[str, Entity]) -> None:
    # <type>f.k.a.</type><category>weak</category>: a former name whatever its quality,
    # as the CSV's f.k.a. in remarks and the Advanced XML's LowQuality F.K.A.
    assert Name("NMZ OAO", NameKind.PREVIOUS_NAME) in by_uid["18812"].names


def test_organization(by_uid: dict[str, Entity]) -> None:
    vtb = by_uid["17013"]
    assert vtb.schema == "Organization"
    assert vtb.caption == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert Name("VNESHTORGBANK", NameKind.PREVIOUS_NAME) in vtb.names
    assert Name("JSC VTB BANK NEW DELHI BRANCH", NameKind.WEAK_ALIAS) in vtb.names
    assert Name("VTB BANK PJSC", NameKind.ALIAS) in vtb.names
    assert {
        Identifier("swiftBic", "VTBRRUMM", None, "SWIFT/BIC"),
        Identifier("okpoCode", "00032520", "ru", "Government Gazette Number"),
        Identifier("taxNumber", "7702070139", "ru", "Tax ID No."),
        Identifier("registrationNumber", "1027739609391", "ru", "Registration ID"),
        Identifier("leiCode", "253400V1H6ART1UQ0N98", None, "Legal Entity Number"),
        Identifier("idNumber", "044525187", None, "BIK (RU)"),  # unmapped: idNumber, type as note
    } <= set(vtb.identifiers)
    assert vtb.properties == {
        "incorporationDate": ("1990-10-17",),  # "Organization Established Date"
        "website": ("www.vtb.com", "www.vtb.ru"),
    }
    assert "Target Type: Financial Institution" in vtb.remarks
    assert "Executive Order 13662 Directive Determination - Subject to Directive 1" in vtb.remarks
    assert vtb.programs == ("RUSSIA-EO14024", "UKRAINE-EO13662")
    assert set(vtb.countries) == {"cn", "in", "ru"}
    assert vtb.birth_dates == () and vtb.nationalities == ()


def test_cmic_securities(by_uid: dict[str, Entity]) -> None:
    telecom = by_uid["30882"]
    assert telecom.caption == "CHINA TELECOM CORPORATION LIMITED"
    assert Identifier("idNumber", "US1694261033", None, "ISIN") in telecom.identifiers
    assert Identifier("idNumber", "CHA US", None, "Equity Ticker") in telecom.identifiers
    assert (
        Identifier(
            "registrationNumber", "9111000071093019X7", "cn", "Unified Social Credit Code (USCC)"
        )
        in telecom.identifiers
    )
    assert telecom.links == ("CHINA TELECOMMUNICATIONS CORPORATION",)
    assert "Listing Date (CMIC): 03 Jun 2021" in telecom.remarks
    assert "Nationality of Registration" not in " ".join(telecom.remarks)


def test_nationality_of_registration(parsed: ParsedList, by_uid: dict[str, Entity]) -> None:
    # An idList "Nationality of Registration" is the FtM jurisdiction (as in ofac_csv).
    assert by_uid["23552"].properties["jurisdiction"] == ("ru",)
    assert sum("jurisdiction" in e.properties for e in parsed.entities) == 12
    assert not any("Nationality of Registration" in r for e in parsed.entities for r in e.remarks)


@pytest.mark.parametrize("namespace", [OLD_NAMESPACE, NEW_NAMESPACE])
def test_namespaces(tmp_path: Path, cons_path: Path, parsed: ParsedList, namespace: str) -> None:
    path = write_variant(tmp_path, cons_path, {NEW_NAMESPACE: namespace})
    again = parse_ofac_xml([path])
    assert again.metadata["namespace"] == namespace
    assert again.entities == parsed.entities


def test_source_from_file_name(tmp_path: Path, cons_path: Path) -> None:
    sdn = tmp_path / "sdn.xml"
    shutil.copy(cons_path, sdn)
    assert parse_ofac_xml([sdn]).source == "ofac-sdn"
    upper = tmp_path / "CONSOLIDATED.XML"
    shutil.copy(cons_path, upper)
    assert parse_ofac_xml([upper]).source == "ofac-cons"
    assert parse_ofac_xml([sdn], "my-list").entities[0].source == "my-list"


VESSEL_ENTRY = """
  <sdnEntry>
    <uid>9999901</uid>
    <lastName>CHON MA SAN</lastName>
    <sdnType>Vessel</sdnType>
    <programList><program>DPRK3</program></programList>
    <idList>
      <id><uid>1</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 8660313</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>445535000</idNumber></id>
      <id><uid>6</uid><idType>Vessel Registration Identification</idType><idNumber>9187629</idNumber></id>
      <id><uid>7</uid><idType>Vessel Registration Identification</idType><idNumber>1234568</idNumber></id>
      <id><uid>8</uid><idType>NIT #</idType><idNumber>800123456-1</idNumber></id>
      <id><uid>9</uid><idType>Nationality of Registration</idType><idNumber>Panama</idNumber></id>
      <id><uid>10</uid><idType>Additional Sanctions Information -</idType><idNumber>Subject to Secondary Sanctions</idNumber></id>
      <id><uid>3</uid><idType>Passport</idType><idNumber>X1</idNumber><idCountry>Atlantis</idCountry>
        <issueDate>08 Jan 2010</issueDate><expirationDate>07 Jan 2020</expirationDate></id>
    </idList>
    <akaList><aka><uid>4</uid><type>f.k.a.</type><category>strong</category><lastName>OLD NAME</lastName></aka></akaList>
    <dateOfBirthList><dateOfBirthItem><uid>5</uid><dateOfBirth>1980</dateOfBirth></dateOfBirthItem></dateOfBirthList>
    <vesselInfo>
      <callSign>HMZF</callSign>
      <vesselType>Oil Tanker</vesselType>
      <vesselFlag>Korea, North</vesselFlag>
      <vesselOwner>KOREA ACHIM SHIPPING CO</vesselOwner>
      <tonnage>1000</tonnage>
      <grossRegisteredTonnage>2000</grossRegisteredTonnage>
    </vesselInfo>
  </sdnEntry>
"""


def write_entries(tmp_path: Path, entries: str, count: int, name: str = "sdn.xml") -> Path:
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="{OLD_NAMESPACE}">\n'
        f"  <publshInformation><Publish_Date>12/31/2018</Publish_Date>"
        f"<Record_Count>{count}</Record_Count></publshInformation>{entries}</sdnList>\n",
        encoding="utf-8",
    )
    return path


def test_vessel(tmp_path: Path) -> None:
    parsed = parse_ofac_xml([write_entries(tmp_path, VESSEL_ENTRY, 1)])
    assert parsed.source == "ofac-sdn" and parsed.published == "2018-12-31"
    (vessel,) = parsed.entities
    assert vessel.schema == "Vessel"
    assert vessel.names == (Name("CHON MA SAN"), Name("OLD NAME", NameKind.PREVIOUS_NAME))
    assert set(vessel.identifiers) == {
        # FtM's IMO form: "IMO 8660313" becomes "IMO8660313".
        Identifier("imoNumber", "IMO8660313", None, "Vessel Registration Identification"),
        # Seven bare digits are an IMO number only with a valid check digit.
        Identifier("imoNumber", "IMO9187629", None, "Vessel Registration Identification"),
        Identifier("registrationNumber", "1234568", None, "Vessel Registration Identification"),
        Identifier("taxNumber", "800123456-1", None, "NIT #"),
        Identifier("mmsi", "445535000", None, "MMSI"),
        Identifier("callSign", "HMZF", None, "Vessel Call Sign"),
        # An unknown country stays readable in the note, with the document dates.
        Identifier(
            "passportNumber",
            "X1",
            None,
            "Passport; issued 2010-01-08; expires 2020-01-07 (Atlantis)",
        ),
    }
    assert vessel.properties == {
        "type": ("Oil Tanker",),
        "flag": ("kp",),
        "tonnage": ("1000",),
        "grossRegisteredTonnage": ("2000",),
    }
    assert vessel.links == ("KOREA ACHIM SHIPPING CO",)
    assert vessel.countries == ("pa",)  # a Vessel has no jurisdiction
    assert vessel.remarks == ("Additional Sanctions Information - Subject to Secondary Sanctions",)
    assert vessel.birth_dates == (PartialDate("1980", DatePrecision.YEAR),)
    assert entity_from_ftm(entity_to_ftm(vessel)) == vessel


def test_round_trip(parsed: ParsedList) -> None:
    for entity in parsed.entities:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity


def test_sniff(shared_data: Path, cons_path: Path) -> None:
    assert FORMAT.name == "ofac-xml"
    assert FORMAT.sniff(cons_path, read_head(cons_path))
    for other in (
        shared_data / "ofac" / "cons_advanced_xml_2020-03-17" / "cons_advanced.xml",
        shared_data / "ofac" / "sdn_csv_2022-11" / "sdn.csv",
        shared_data / "ofac" / "sdn_advanced.xsd",
        shared_data / "un" / "un_consolidated_2026-02-27.xml",
    ):
        assert not FORMAT.sniff(other, read_head(other)), other


def test_sniff_old_namespace(tmp_path: Path, cons_path: Path) -> None:
    path = write_variant(tmp_path, cons_path, {NEW_NAMESPACE: OLD_NAMESPACE})
    assert FORMAT.sniff(path, read_head(path))


# Bad input ------------------------------------------------------------------


def raises(path: Path) -> ListFormatError:
    with pytest.raises(ListFormatError) as info:
        parse_ofac_xml([path])
    assert str(info.value).startswith(f"{path.name}: ")
    return info.value


def test_truncated(tmp_path: Path, cons_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_bytes(cons_path.read_bytes()[:500_000])
    error = raises(path)
    assert error.record is not None and re.fullmatch(r"line \d+", error.record)


def test_truncated_but_well_formed(tmp_path: Path, cons_path: Path) -> None:
    text = cons_path.read_text(encoding="utf-8")
    path = tmp_path / "consolidated.xml"
    path.write_text(text[: text.rindex("<sdnEntry>")] + "</sdnList>\n", encoding="utf-8")
    error = raises(path)
    assert "441 sdnEntry elements but Record_Count says 442" in str(error)


def test_wrong_encoding(tmp_path: Path, cons_path: Path) -> None:
    data = cons_path.read_bytes().replace(
        b"<lastName>MARTELLY</lastName>", b"<lastName>MART\xc9LLY</lastName>", 1
    )
    assert b"\xc9" in data
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data)
    error = raises(path)
    line = data[: data.index(b"\xc9")].count(b"\n") + 1
    assert error.record == f"line {line}"


def test_wrong_root(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "sdn.xml"
    shutil.copy(shared_data / "un" / "un_consolidated_2026-02-27.xml", path)
    assert "not sdnList" in str(raises(path))


def test_xml_bomb(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE sdnList [\n <!ENTITY a "aaaaaaaaaa">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n'
        ' <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\n]>\n<sdnList><sdnEntry><uid>&d;</uid></sdnEntry></sdnList>\n',
        encoding="utf-8",
    )
    assert "entity" in str(raises(path))


def test_external_entity(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "sdn.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY ext SYSTEM "{secret.as_uri()}">]>\n'
        "<sdnList><sdnEntry><uid>1</uid><lastName>&ext;</lastName></sdnEntry></sdnList>\n",
        encoding="utf-8",
    )
    error = raises(path)
    assert "SECRET" not in str(error)


@pytest.mark.parametrize(
    ("old", "new", "record", "problem"),
    [
        ("<sdnType>Entity</sdnType>", "<sdnType>Company</sdnType>", "9999901", "sdnType 'Company'"),
        (
            "<dateOfBirth>1980</dateOfBirth>",
            "<dateOfBirth>19xx</dateOfBirth>",
            "9999901",
            "Birthdate '19xx' is not a date",
        ),
        (
            "<category>strong</category>",
            "<category>medium</category>",
            "9999901",
            "aka category 'medium'",
        ),
        ("<uid>9999901</uid>", "", "line 4", "no uid"),  # the sdnEntry start tag
        ("<lastName>CHON MA SAN</lastName>", "", "9999901", "no primary name"),
    ],
)
def test_malformed_record(tmp_path: Path, old: str, new: str, record: str, problem: str) -> None:
    entry = VESSEL_ENTRY.replace("<sdnType>Vessel</sdnType>", "<sdnType>Entity</sdnType>")
    entry = entry.replace("<vesselInfo>", "<!--").replace("</vesselInfo>", "-->")
    entry = entry.replace(old, new, 1)
    error = raises(write_entries(tmp_path, entry, 1))
    assert error.record == record
    assert problem in error.problem


def test_bad_header(tmp_path: Path) -> None:
    path = write_entries(tmp_path, "", 0).read_text(encoding="utf-8")
    bad = tmp_path / "sdn.xml"
    bad.write_text(path.replace("12/31/2018", "2018-12-31"), encoding="utf-8")
    error = raises(bad)
    assert error.record == "publshInformation" and "MM/DD/YYYY" in error.problem


def test_duplicate_uid(tmp_path: Path) -> None:
    error = raises(write_entries(tmp_path, VESSEL_ENTRY * 2, 2))
    assert error.record == "9999901" and "twice" in error.problem
