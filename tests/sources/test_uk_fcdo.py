"""The FCDO UK Sanctions List summary export (``uk-fcdo``), as CSV and as the original ODS."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tradescreen.exc import ListFormatError
from tradescreen.model import Entity, Name
from tradescreen.model.ftm import entity_from_ftm, entity_to_ftm
from tradescreen.sources._common import read_head
from tradescreen.sources.types import ParsedList
from tradescreen.sources.uk_fcdo import FORMAT, ODS_MIMETYPE, parse_uk_fcdo

CSV = "uk/fcdo_uk_sanctions_list_summary_2025-08-11.DERIVED.csv"
ODS = "uk/fcdo_uk_sanctions_list_summary_2025-08-11.ods"
DPRK = "Democratic People's Republic of Korea"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> dict[str, ParsedList]:
    return {name: parse_uk_fcdo([shared_data / name]) for name in (CSV, ODS)}


@pytest.fixture(scope="module")
def by_id(parsed: dict[str, ParsedList]) -> dict[str, Entity]:
    return {entity.source_id: entity for entity in parsed[CSV].entities}


@pytest.fixture
def fcdo_copy(list_file_copy):  # a ListFileCopy (conftest.py)
    return list_file_copy(CSV, "fcdo.csv")


def _ods(tmp_path: Path, content: bytes, mimetype: bytes = ODS_MIMETYPE) -> Path:
    path = tmp_path / "fcdo.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", content)
    return path


# Counts (PROVENANCE.md) -------------------------------------------------------------------


@pytest.mark.parametrize("name", [CSV, ODS])
def test_counts(parsed: dict[str, ParsedList], name: str) -> None:
    result = parsed[name]
    assert result.format == "uk-fcdo"
    assert result.source == "uk-fcdo"
    assert result.published == "2025-08-11"  # from the file name
    assert len(result.entities) == 5302
    assert Counter(e.schema for e in result.entities) == {
        "Person": 3754,
        "Organization": 1087,
        "Vessel": 461,
    }
    assert sum(DPRK in e.programs for e in result.entities) == 261
    assert Counter(
        next(r for r in e.remarks if r.startswith("Designation source: ")) for e in result.entities
    ) == {
        "Designation source: UK": 4386,
        "Designation source: UN": 908,
        "Designation source: UK|UN": 8,
    }


def test_ods_and_csv_agree(parsed: dict[str, ParsedList]) -> None:
    assert parsed[ODS].entities == parsed[CSV].entities


def test_rows_without_name_are_kept_and_reported(
    parsed: dict[str, ParsedList], by_id: dict[str, Entity]
) -> None:
    assert parsed[CSV].metadata == {"rows": "5302", "unnamed": "BEL0174, RUS1467"}
    assert by_id["BEL0174"].names == ()
    assert by_id["BEL0174"].programs == ("Belarus",)


# Concrete DPRK records --------------------------------------------------------------------


def test_dprk_person_links_to_its_conlist_group(by_id: dict[str, Entity]) -> None:
    jang = by_id["DPR0214"]  # the ConList's Group ID 13327, JANG Bom Su
    assert jang.schema == "Person"
    assert jang.names == (Name("BOM SU JANG"),)
    assert jang.programs == (DPRK,)
    assert jang.listed_on == "2016-03-02"
    assert jang.identifiers == ()
    assert jang.links == ()
    assert jang.remarks == (
        "Designation source: UN",
        "OFSI Group ID: 13327",
        "Sanctions Imposed: Asset freeze, Chartering of Ships, Prevention of business "
        "arrangements, Prohibition of port entry, Travel Ban",
    )


def test_dprk_ship_without_group_id(by_id: dict[str, Entity]) -> None:
    petrel = by_id["DPR0075"]
    assert petrel.schema == "Vessel"
    assert petrel.caption == "Petrel 8"
    assert petrel.listed_on == "2017-10-03"
    assert not any(r.startswith("OFSI Group ID") for r in petrel.remarks)


def test_dprk_counts_by_type(parsed: dict[str, ParsedList]) -> None:
    dprk = [e for e in parsed[CSV].entities if DPRK in e.programs]
    assert Counter(e.schema for e in dprk) == {"Person": 138, "Organization": 86, "Vessel": 37}
    assert {e.source_id[:3] for e in dprk} == {"DPR"}


def test_round_trip_every_entity(parsed: dict[str, ParsedList]) -> None:
    for entity in parsed[CSV].entities:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity, entity.source_id


def test_no_date_in_file_name(fcdo_copy) -> None:
    path = fcdo_copy.write(b"".join(fcdo_copy.lines()[:5]), "summary.csv")
    assert parse_uk_fcdo([path]).published is None


# Sniffing ---------------------------------------------------------------------------------


def test_sniff_refuses_another_spreadsheet(tmp_path: Path) -> None:
    path = _ods(tmp_path, b"<office:document-content/>")
    assert not FORMAT.sniff(path, read_head(path))


# Bad input --------------------------------------------------------------------------------


def test_truncated_csv(fcdo_copy) -> None:
    lines = fcdo_copy.lines()
    path = fcdo_copy.write(b"".join(lines[:100]) + lines[100][:20])
    with pytest.raises(
        ListFormatError, match=r"fcdo\.csv: line 101: \d fields where the header has 8"
    ):
        parse_uk_fcdo([path])


def test_truncated_ods(shared_data: Path, fcdo_copy) -> None:
    data = (shared_data / ODS).read_bytes()
    path = fcdo_copy.write(data[: len(data) // 2], "fcdo.ods")
    with pytest.raises(ListFormatError, match=r"fcdo\.ods: not a readable ODS file"):
        parse_uk_fcdo([path])


def test_wrong_encoding(fcdo_copy) -> None:
    row = "SYR9999,1,Café Damas,Syria,Entity,UK,01-01-2020,Asset freeze\n"
    path = fcdo_copy.write(b"".join(fcdo_copy.lines()[:4]) + row.encode("cp1252"))
    with pytest.raises(ListFormatError, match=r"fcdo\.csv: line 5: byte 0xe9 .* UTF-8"):
        parse_uk_fcdo([path])


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            b"DPR9999,1,X,Korea,Aircraft,UK,01-01-2020,Asset freeze\n",
            'Type "Aircraft" is not one of',
        ),
        (
            b"DPR9999,1,X,Korea,Entity,UK,31-02-2020,Asset freeze\n",
            'Date Designated "31-02-2020" is not a date',
        ),
        (b",1,X,Korea,Entity,UK,01-01-2020,Asset freeze\n", "no Unique ID"),
        (b'DPR9999,1,"X,Korea,Entity,UK,01-01-2020,Asset freeze\n', "CSV error"),
    ],
)
def test_malformed_record(fcdo_copy, row: bytes, problem: str) -> None:
    path = fcdo_copy.write(b"".join(fcdo_copy.lines()[:3]) + row)
    with pytest.raises(ListFormatError) as caught:
        parse_uk_fcdo([path])
    assert str(caught.value).startswith("fcdo.csv: line 4: ")
    assert problem in str(caught.value)


def test_ods_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )
    with pytest.raises(ListFormatError, match="declares a DOCTYPE or entities"):
        parse_uk_fcdo([_ods(tmp_path, bomb)])
    external = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    )
    with pytest.raises(ListFormatError, match="declares a DOCTYPE or entities"):
        parse_uk_fcdo([_ods(tmp_path, external)])


def test_ods_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = _ods(tmp_path, b"<d/>", mimetype=b"application/vnd.oasis.opendocument.text")
    with pytest.raises(ListFormatError, match="not an OpenDocument spreadsheet"):
        parse_uk_fcdo([path])


def test_ods_with_broken_xml(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match=r"fcdo\.ods: line 1: content\.xml: XML error"):
        parse_uk_fcdo([_ods(tmp_path, b"<office:document-content><table:table>")])


def test_other_format_is_refused(shared_data: Path) -> None:
    with pytest.raises(
        ListFormatError,
        match=r"csl_sample_13rows_2025-06\.csv: line 1: the header has no column 'Unique ID'",
    ):
        parse_uk_fcdo([shared_data / "us_csl/csl_sample_13rows_2025-06.csv"])
    with pytest.raises(ListFormatError, match=r"bis_dpl_2023-11-30\.txt: line 1: CSV error"):
        parse_uk_fcdo([shared_data / "us_csl/bis_dpl_2023-11-30.txt"])
