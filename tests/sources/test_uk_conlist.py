"""The OFSI ConList CSV (``uk-conlist``) against the real 2018-04-13 file."""

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
from tradescreen.sources._csv import read_records, read_rows
from tradescreen.sources.types import ParsedList
from tradescreen.sources.uk_conlist import ENCODINGS, parse_uk_conlist

CONLIST = "uk/ofsi_conlist_2018-04-13.csv"
DPRK = "North Korea (Democratic People's Republic of Korea)"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> ParsedList:
    return parse_uk_conlist([shared_data / CONLIST])


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.source_id: entity for entity in parsed.entities}


@pytest.fixture
def conlist_copy(list_file_copy):  # a ListFileCopy (conftest.py)
    return list_file_copy(CONLIST, "conlist.csv")


# Counts (PROVENANCE.md) -------------------------------------------------------------------


def test_rows_and_groups(parsed: ParsedList) -> None:
    assert parsed.format == "uk-conlist"
    assert parsed.source == "uk-ofsi"
    assert parsed.published == "2018-04-13"
    assert parsed.metadata["rows"] == "9487"
    assert len(parsed.entities) == 2106
    assert len({entity.source_id for entity in parsed.entities}) == 2106


def test_raw_rows_match_provenance(shared_data: Path) -> None:
    path = shared_data / CONLIST
    records = list(read_records(path, list(read_rows(path, ENCODINGS))[1:], ("Alias Type",)))
    assert Counter(r.text("Alias Type") for r in records) == {
        "Prime Alias": 2952,
        "AKA": 6516,
        "FKA": 19,
    }
    assert Counter(r.text("Group Type") for r in records) == {"Individual": 6857, "Entity": 2630}
    assert sum(r.text("Regime") == DPRK for r in records) == 574


def test_dprk_groups(parsed: ParsedList) -> None:
    dprk = Counter(entity.schema for entity in parsed.entities if DPRK in entity.programs)
    assert dprk == {"Person": 135, "Organization": 107}


def test_every_group_has_one_primary_name(parsed: ParsedList) -> None:
    # Up to 80 "Prime Alias" rows per group, always the same name, repeated per DOB/address.
    kinds = Counter(name.kind for entity in parsed.entities for name in entity.names)
    assert kinds == {NameKind.NAME: 2106, NameKind.ALIAS: 3438, NameKind.PREVIOUS_NAME: 9}
    assert all(
        [name.kind for name in entity.names].count(NameKind.NAME) == 1 for entity in parsed.entities
    )


def test_schemata(parsed: ParsedList) -> None:
    assert Counter(entity.schema for entity in parsed.entities) == {
        "Person": 1426,
        "Organization": 680,
    }


# Concrete DPRK records --------------------------------------------------------------------


def test_dprk_person_with_passport_and_two_birth_dates(by_id: dict[str, Entity]) -> None:
    jang = by_id["13327"]
    assert jang.schema == "Person"
    assert jang.names == (
        Name("Bom Su JANG"),
        Name("Hyon U JANG", NameKind.ALIAS),
        Name("Pom Su JANG", NameKind.ALIAS),
    )
    assert jang.birth_dates == (
        PartialDate("1957-04-15", DatePrecision.EXACT),
        PartialDate("1958-02-22", DatePrecision.EXACT),
    )
    assert jang.nationalities == ("kp",)
    assert jang.identifiers == (
        Identifier(
            "passportNumber", "836110034 (diplomatic). Passport date of expiration: 1.1.2020"
        ),
    )
    assert jang.programs == (DPRK,)
    assert jang.listed_on == "2016-03-05"
    assert jang.properties["position"] == ("Tanchon Commercial Bank Representative in Syria",)
    assert jang.remarks == ("Annex VIII. UN listing.",)


def test_year_only_birth_dates(by_id: dict[str, Entity]) -> None:
    so = by_id["11039"]  # DOB 00/00/1932 … 00/00/1938
    assert so.names == (Name("Sang-kuk SO"), Name("Sang Kuk SO", NameKind.ALIAS))
    assert [d.value for d in so.birth_dates] == [str(year) for year in range(1932, 1939)]
    assert {d.precision for d in so.birth_dates} == {DatePrecision.YEAR}


def test_dprk_organization_cp1252_names_and_addresses(by_id: dict[str, Entity]) -> None:
    green_pine = by_id["11282"]
    assert green_pine.schema == "Organization"
    assert green_pine.caption == "GREEN PINE ASSOCIATED CORPORATION"
    # ’ is byte 0x92 in cp1252; the name's trailing space is gone.
    assert Name("CHO’NGSONG UNITED TRADING COMPANY", NameKind.ALIAS) in green_pine.names
    assert Address("Nungrado, Pyongyang, DPRK", country="kp") in green_pine.addresses
    assert green_pine.countries == ("kp",)
    assert green_pine.remarks[0].startswith("Annex XIII. UN listing. UN Ref KPe.010.")


def test_numbered_lists_in_one_cell(by_id: dict[str, Entity]) -> None:
    qatari = by_id["13349"]  # Nationality "1) Saudi Arabia 2) Qatar", country "(since 2009)"
    assert set(qatari.nationalities) == {"sa", "qa"}
    assert qatari.birth_places == ("Saudi Arabia",)
    assert qatari.properties["birthCountry"] == ("sa",)
    assert qatari.addresses == (Address("Afghanistan (since 2009)", country="af"),)
    assert {d.value for d in qatari.birth_dates} == {"1980", "1981"}
    arbabsiar = by_id["12206"]  # Passport "(1) C2002515 (Iran) (2) 477845448 (USA)"
    assert {i.value for i in arbabsiar.identifiers if i.kind == "passportNumber"} == {
        "C2002515 (Iran)",
        "477845448 (USA)",
    }


def test_several_regimes_keep_the_first_listing(by_id: dict[str, Entity]) -> None:
    entity = by_id["9062"]
    assert set(entity.programs) == {
        "Terrorism and Terrorist Financing",
        "Syria",
        "Iran (nuclear proliferation)",
    }
    assert entity.listed_on == "2007-03-24"


def test_round_trip_every_entity(parsed: ParsedList) -> None:
    for entity in parsed.entities:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity, entity.source_id


# Sniffing ---------------------------------------------------------------------------------


# Bad input --------------------------------------------------------------------------------


def test_truncated_file_names_the_cut_line(conlist_copy) -> None:
    lines = conlist_copy.lines()
    path = conlist_copy.write(b"".join(lines[:5]) + lines[5][:40])
    with pytest.raises(
        ListFormatError, match=r"conlist\.csv: line 6: \d+ fields where the header has 29"
    ):
        parse_uk_conlist([path])


def test_file_in_neither_utf8_nor_cp1252(conlist_copy) -> None:
    lines = conlist_copy.lines()
    # 0x81 is undefined in cp1252 and not valid UTF-8 on its own.
    path = conlist_copy.write(b"".join(lines[:3]) + b"\x81" + b"".join(lines[3:10]))
    with pytest.raises(ListFormatError, match=r"conlist\.csv: line 4: byte 0x81 .* UTF-8/CP1252"):
        parse_uk_conlist([path])


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (b",Prime Alias,", b",Main Name,", 'Alias Type "Main Name" is not one of'),
        (b",00/00/1980,", b",31/13/1980,", 'DOB "31/13/1980" is not a dd/mm/yyyy date'),
        (b",01/04/2016,01/04/2016,13349", b",01/04/2016,01/04/2016,", "no Group ID"),
        (
            b",01/04/2016,01/04/2016,13349",
            b",2016-04-01,01/04/2016,13349",
            'Listed On "2016-04-01" is not a date',
        ),
        (b",Individual,", b",Vessel,", 'Group Type "Vessel" is not Individual, Entity or Ship'),
    ],
)
def test_malformed_record_names_its_line(
    conlist_copy, old: bytes, new: bytes, problem: str
) -> None:
    path, number = conlist_copy.with_line_changed(old, new, cut=True)
    with pytest.raises(ListFormatError) as caught:
        parse_uk_conlist([path])
    assert str(caught.value).startswith(f"conlist.csv: line {number}: ")
    assert problem in str(caught.value)


def test_row_one_must_be_last_updated(conlist_copy) -> None:
    path = conlist_copy.write(b"".join(conlist_copy.lines()[1:10]))
    with pytest.raises(ListFormatError, match=r"line 1: row 1 is .* not \"Last Updated"):
        parse_uk_conlist([path])


def test_other_format_is_refused(shared_data: Path) -> None:
    with pytest.raises(ListFormatError, match="csl_sample_13rows_2025-06.csv: line 1: row 1"):
        parse_uk_conlist([shared_data / "us_csl/csl_sample_13rows_2025-06.csv"])


def test_entity_rows_with_person_facts_keep_them_as_remarks(conlist_copy) -> None:
    # FtM has no title or position for an Organization; the values survive as remarks.
    lines = conlist_copy.lines()
    header, row = lines[1].decode(), lines[4].decode("cp1252")  # ANSAR AL SHARIA, an Entity
    columns = header.rstrip("\r\n").split(",")
    fields = row.rstrip("\r\n").split(",")
    fields[columns.index("Title")] = "Sheikh"
    path = conlist_copy.write(lines[0] + lines[1] + ",".join(fields).encode("cp1252") + b"\n")
    (entity,) = parse_uk_conlist([path]).entities
    assert entity.schema == "Organization"
    assert "title: Sheikh" in entity.remarks
    assert entity_from_ftm(entity_to_ftm(entity)) == entity
