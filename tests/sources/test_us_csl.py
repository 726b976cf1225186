"""The US Consolidated Screening List CSV (``us-csl``): the 2025 sample and the cut 2023 file."""

from __future__ import annotations

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
from tradescreen.sources.types import ParsedList
from tradescreen.sources.us_csl import parse_us_csl

SAMPLE = "us_csl/csl_sample_13rows_2025-06.csv"
TRUNCATED = "us_csl/csl_2023-11-30_TRUNCATED.csv"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"


@pytest.fixture(scope="module")
def complete_2023(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> ParsedList:
    """The 2023 file cut after its last complete record (the official file is refused whole)."""
    data = (shared_data / TRUNCATED).read_bytes()
    path = tmp_path_factory.mktemp("csl") / "csl_2023-11-30_complete.csv"
    path.write_bytes(data[: data.rindex(b"\n") + 1])
    return parse_us_csl([path])


@pytest.fixture(scope="module")
def sample(shared_data: Path) -> ParsedList:
    return parse_us_csl([shared_data / SAMPLE])


@pytest.fixture(scope="module")
def by_id(complete_2023: ParsedList, sample: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in complete_2023.entities + sample.entities}


@pytest.fixture
def csl_copy(list_file_copy):  # a ListFileCopy (conftest.py)
    return list_file_copy(SAMPLE, "csl.csv")


# The truncated 2023 file ------------------------------------------------------------------


def test_truncated_file_is_refused_at_its_last_record(shared_data: Path) -> None:
    with pytest.raises(ListFormatError) as caught:
        parse_us_csl([shared_data / TRUNCATED])
    assert str(caught.value) == (
        "csl_2023-11-30_TRUNCATED.csv: line 4233: CSV error: unexpected end of data"
    )


def test_complete_records_of_the_2023_file(complete_2023: ParsedList) -> None:
    # PROVENANCE counts 4,227 rows with the cut one, an SDN record: 1,738 SDN with it.
    assert complete_2023.metadata == {"rows": "4226"}
    assert complete_2023.published is None
    assert Counter(e.properties["publisher"][0] for e in complete_2023.entities) == {
        SDN: 1737,
        "Entity List (EL) - Bureau of Industry and Security": 919,
        "Denied Persons List (DPL) - Bureau of Industry and Security": 577,
        "Sectoral Sanctions Identifications List (SSI) - Treasury Department": 288,
        "Unverified List (UVL) - Bureau of Industry and Security": 186,
        "Nonproliferation Sanctions (ISN) - State Department": 144,
        "ITAR Debarred (DTC) - State Department": 142,
        "Palestinian Legislative Council List (PLC) - Treasury Department": 78,
        "Military End User (MEU) List - Bureau of Industry and Security": 71,
        "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department": 68,
        "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": 14,
        "Foreign Sanctions Evaders (FSE) - Treasury Department": 1,
        "Capta List (CAP) - Treasury Department": 1,
    }
    assert Counter(e.schema for e in complete_2023.entities) == {
        "LegalEntity": 2039,
        "Person": 1124,
        "Organization": 1060,
        "Vessel": 3,
    }


def test_repeated_header_row_is_skipped(complete_2023: ParsedList) -> None:
    # Row 2 repeats the header; the first record is the CMIC row on line 3.
    first = complete_2023.entities[0]
    assert first.source_id == "CMIC-30882"
    assert first.caption == "China Telecom Corporation Limited"
    assert not any(e.caption == "name" for e in complete_2023.entities)


def test_one_ent_num_on_two_lists(by_id: dict[str, Entity]) -> None:
    sdn, plc = by_id["SDN-9659"], by_id["PLC-9659"]
    assert sdn.caption == "HAMMAD, Fathi Ahmad Mohammad"
    assert plc.caption == "Fathi Ahmad Mohammad HAMMAD"
    assert sdn.programs == plc.programs == ("NS-PLC", "SDGT")


def test_dprk_organization(by_id: dict[str, Entity]) -> None:
    komid = by_id["SDN-9345"]
    assert komid.schema == "Organization"
    assert komid.caption == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert Name("KOMID", NameKind.ALIAS) in komid.names
    assert Name("CHANGGWANG SINYONG CORPORATION", NameKind.ALIAS) in komid.names
    assert komid.programs == ("DPRK2", "NPWMD")
    assert Address("Central District, Pyongyang, KP", country="kp") in komid.addresses
    assert set(komid.countries) == {"kp", "cn", "ru", "ir", "sy"}
    assert komid.properties["publisher"] == (SDN,)
    assert (
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210"
        in komid.remarks
    )


def test_vessel(by_id: dict[str, Entity]) -> None:
    ebano = by_id["SDN-4243"]
    assert ebano.schema == "Vessel"
    assert ebano.names == (
        Name("EBANO"),
        Name("ANA I", NameKind.ALIAS),
        Name("SAND SWAN", NameKind.ALIAS),
    )
    assert ebano.identifiers == (
        Identifier("imoNumber", "IMO7406784", note="Vessel Registration Identification"),
    )
    assert ebano.properties["flag"] == ("pa",)
    assert ebano.properties["type"] == ("General Cargo",)
    assert ebano.properties["tonnage"] == ("2595",)
    assert ebano.properties["grossRegisteredTonnage"] == ("1865",)
    mar_azul = by_id["SDN-4238"]
    assert Identifier("callSign", "CL2192") in mar_azul.identifiers
    assert "Vessel owner: Samir de Navegacion S.A." in mar_azul.remarks


def test_ids_with_commas_in_the_number(by_id: dict[str, Entity]) -> None:
    telecom = by_id["CMIC-30882"]
    assert (
        Identifier(
            "registrationNumber", "9111000071093019X7", "cn", "Unified Social Credit Code (USCC)"
        )
        in telecom.identifiers
    )
    assert "Issuer Name: China Telecom Co., Ltd" in telecom.remarks
    assert "Equity Ticker: CHA US" in telecom.remarks


def test_circa_and_month_birth_dates(complete_2023: ParsedList) -> None:
    dates = Counter(d.precision for e in complete_2023.entities for d in e.birth_dates)
    assert dates[DatePrecision.APPROXIMATE] == 66
    assert dates[DatePrecision.MONTH] == 6
    assert not any(r.startswith("Date of birth") for e in complete_2023.entities for r in e.remarks)


def test_bis_rows_without_type_are_legal_entities(by_id: dict[str, Entity]) -> None:
    meu = by_id["MEU-dcc742038bcb47f1bf9e805ef279484d"]
    assert meu.schema == "LegalEntity"
    assert meu.caption == "Academy of Aerospace Solid Propulsion Technology (AASPT)"
    assert meu.listed_on == "2020-12-23"
    assert "Federal Register notice: 85 FR 83799" in meu.remarks
    assert (
        "License requirement: For any item subject to the EAR listed in supplement no. 2 "
        "to part 744." in meu.remarks
    )


def test_round_trip_every_entity(complete_2023: ParsedList, sample: ParsedList) -> None:
    for entity in complete_2023.entities + sample.entities:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity, entity.source_id


# The 13-row sample ------------------------------------------------------------------------


def test_sample(sample: ParsedList) -> None:
    assert [e.source_id.split("-")[0] for e in sample.entities] == [
        "ISN",
        "UVL",
        "MEU",
        "PLC",
        "SDN",
        "DTC",
        "DPL",
        "SSI",
        "FSE",
        "PLC",
        "SSI",
        "EL",
        "SSI",
    ]


def test_dprk_person(by_id: dict[str, Entity]) -> None:
    rim = by_id["SDN-52291"]
    assert rim.schema == "Person"
    assert rim.names == (Name("RIM, Ryong Nam"),)
    assert rim.birth_dates == (PartialDate("1978-12-05", DatePrecision.EXACT),)
    assert rim.nationalities == ("kp",)
    assert rim.gender == "male"
    assert rim.identifiers == (Identifier("passportNumber", "836238033", "kp", "Passport"),)
    assert rim.programs == ("NPWMD",)
    assert set(rim.countries) == {"cn", "kp"}


def test_isn_name_note(by_id: dict[str, Entity]) -> None:
    isn = by_id["ISN-233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b"]
    assert isn.names == (Name("Sinobright Import and Export Company"),)
    assert (
        "Listed as: Sinobright Import and Export Company; "
        "and any successor, sub-unit, or subsidiary thereof"
    ) in isn.remarks
    assert isn.listed_on == "2023-07-19"


# Sniffing ---------------------------------------------------------------------------------


# Bad input --------------------------------------------------------------------------------


def test_wrong_encoding(csl_copy) -> None:
    path, number = csl_copy.with_line_changed(b"Geneve", "Genève".encode("latin-1"))
    with pytest.raises(ListFormatError, match=rf"csl\.csv: line {number}: byte 0xe8 .* UTF-8"):
        parse_us_csl([path])


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (b'"Individual"', b'"Spaceship"', 'type "Spaceship" is not one of'),
        (b'"2023-07-19"', b'"19/07/2023"', 'start_date "19/07/2023" is not a date'),
        (
            b'"Nonproliferation Sanctions (ISN) - State Department"',
            b'"Nonproliferation Sanctions"',
            'source "Nonproliferation Sanctions" names no list abbreviation',
        ),
        (b'"Atlas Sanatgaran"', b'""', "no name"),
        (b'"INKSNA",', b'"INKSNA",,', "30 fields where the header has 29"),
    ],
)
def test_malformed_record(csl_copy, old: bytes, new: bytes, problem: str) -> None:
    path, number = csl_copy.with_line_changed(old, new)
    with pytest.raises(ListFormatError) as caught:
        parse_us_csl([path])
    assert str(caught.value).startswith(f"csl.csv: line {number}: ")
    assert problem in str(caught.value)


def test_duplicate_source_id(csl_copy) -> None:
    lines = csl_copy.lines()
    path = csl_copy.write(b"".join(lines[:3] + lines[2:3]))
    with pytest.raises(
        ListFormatError, match=r"csl\.csv: line 4: UVL-1b5979e8\w+ is also on line 3"
    ):
        parse_us_csl([path])


def test_other_format_is_refused(shared_data: Path) -> None:
    with pytest.raises(ListFormatError, match=r"csl_compact_2026-07-31\.json: line 1: CSV error"):
        parse_us_csl([shared_data / "us_csl/csl_compact_2026-07-31.json"])
    with pytest.raises(
        ListFormatError,
        match=r"fcdo_uk_sanctions_list_summary_2025-08-11\.DERIVED\.csv: line 1: "
        r"the header has no column '_id', 'source', 'entity_number'",
    ):
        parse_us_csl([shared_data / "uk/fcdo_uk_sanctions_list_summary_2025-08-11.DERIVED.csv"])
