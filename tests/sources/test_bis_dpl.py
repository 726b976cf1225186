"""The BIS Denied Persons List (``bis-dpl``) against the real tab-delimited 2023-11-30 file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tradescreen.exc import ListFormatError
from tradescreen.model import Address, Entity, Name
from tradescreen.model.ftm import entity_from_ftm, entity_to_ftm
from tradescreen.sources.bis_dpl import parse_bis_dpl
from tradescreen.sources.types import ParsedList

DPL = "us_csl/bis_dpl_2023-11-30.txt"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> ParsedList:
    return parse_bis_dpl([shared_data / DPL])


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.source_id: entity for entity in parsed.entities}


@pytest.fixture
def dpl_copy(list_file_copy):  # a ListFileCopy (conftest.py)
    return list_file_copy(DPL, "dpl.txt")


# Counts -----------------------------------------------------------------------------------


def test_counts(parsed: ParsedList) -> None:
    assert parsed.format == "bis-dpl"
    assert parsed.source == "bis-dpl"
    assert parsed.metadata == {"rows": "665"}
    # 665 rows, one per address, are 547 designations (name and denial order).
    assert len(parsed.entities) == 547
    assert len({e.source_id for e in parsed.entities}) == 547
    assert {e.schema for e in parsed.entities} == {"LegalEntity"}
    assert Counter(len(e.addresses) for e in parsed.entities) == {1: 462, 2: 65, 3: 9, 4: 11}


def test_published_is_the_latest_plausible_update(
    parsed: ParsedList, by_id: dict[str, Entity]
) -> None:
    # JOSE ERNESTO GARCIA's Last_Update reads 3033-09-30, a typo for 2023-09-30.
    assert parsed.published == "2023-11-28"
    assert by_id["87 FR 59396: JOSE ERNESTO GARCIA"].properties["modifiedAt"] == ("3033-09-30",)


# Concrete records -------------------------------------------------------------------------


def test_one_designation_at_two_addresses(by_id: dict[str, Entity]) -> None:
    sheng = by_id["85 FR 16054: ZIMO SHENG"]
    assert sheng.names == (Name("ZIMO SHENG"),)
    assert sheng.addresses == (
        Address(
            "3975 N. CRAMER STREET, UNIT 204, MILWAUKEE, WI, 53211",
            "3975 N. CRAMER STREET, UNIT 204",
            "MILWAUKEE",
            "WI",
            "53211",
        ),
        Address(
            "JINXIUYUAN 17-403, CHANGSHU, JIANGSU, 215500, CN",
            "JINXIUYUAN 17-403, CHANGSHU",
            "JIANGSU",
            None,
            "215500",
            "cn",
        ),
    )
    assert sheng.countries == ("cn",)
    assert sheng.listed_on == "2020-03-16"
    assert sheng.remarks == (
        "Action: FR NOTICE ADDED",
        "Expiration date: 2028-12-13",
        "Federal Register: 85 F.R. 16054 3/20/2020",
        "Standard order: Y",
    )


def test_renewed_order_keeps_its_original_citation(by_id: dict[str, Entity]) -> None:
    # A temporary denial order renewed 16 times: FR_Citation grows, the first notice stays.
    air_freight = by_id["80 FR 30435: AIR FREIGHT LTD"]
    assert len(air_freight.addresses) == 4
    assert air_freight.listed_on == "2023-10-31"
    assert "Expiration date: 2024-10-30" in air_freight.remarks
    # Parties of one order stay apart.
    assert "80 FR 30435: AL NASER AIRLINES" in by_id


def test_same_name_under_two_orders(by_id: dict[str, Entity]) -> None:
    # " I. ASH" (stray space) is denied by a 2002 and a 2003 order.
    assert by_id["67 FR 10890: I. ASH"].listed_on == "2002-03-04"
    assert by_id["68 FR 38290: I. ASH"].listed_on == "2003-06-19"


def test_citation_typos(by_id: dict[str, Entity]) -> None:
    assert "81 FR 22576: ALEXANDRE ASTAKHOV" in by_id  # written "81.F.R. 22576"
    assert "80 FR 30435: AL-NASER AIRLINES" in by_id  # name written "AL-NASER  AIRLINES"


def test_round_trip_every_entity(parsed: ParsedList) -> None:
    for entity in parsed.entities:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity, entity.source_id


# Sniffing ---------------------------------------------------------------------------------


# Bad input --------------------------------------------------------------------------------


def test_truncated_file(dpl_copy) -> None:
    lines = dpl_copy.lines()
    path = dpl_copy.write(b"".join(lines[:200]) + lines[200][:30])  # inside a quoted field
    with pytest.raises(
        ListFormatError, match=r"dpl\.txt: line 201: CSV error: unexpected end of data"
    ):
        parse_bis_dpl([path])


def test_wrong_encoding(dpl_copy) -> None:
    lines = dpl_copy.lines()
    lines[2] = lines[2].replace(b"AARON", "ÅARON".encode("cp1252"), 1)
    with pytest.raises(ListFormatError, match=r"dpl\.txt: line 3: byte 0xc5 .* UTF-8"):
        parse_bis_dpl([dpl_copy.write(b"".join(lines[:10]))])


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            b'"87 F.R. 52741 8/29/2022"',
            b'"pending"',
            'FR_Citation "pending" cites no Federal Register',
        ),
        (b'"08/24/2022"', b'"2022-08-24"', 'Effective_Date "2022-08-24" is not a date'),
        (b'"AARON ABRAHAM VILLA"', b'""', "no Name"),
        (b'"79905"\t', b'"79905"\t"extra"\t', "13 fields where the header has 12"),
    ],
)
def test_malformed_record(dpl_copy, old: bytes, new: bytes, problem: str) -> None:
    path, number = dpl_copy.with_line_changed(old, new, cut=True)
    assert number == 3  # AARON ABRAHAM VILLA
    with pytest.raises(ListFormatError) as caught:
        parse_bis_dpl([path])
    assert str(caught.value).startswith("dpl.txt: line 3: ")
    assert problem in str(caught.value)


def test_other_format_is_refused(shared_data: Path) -> None:
    with pytest.raises(
        ListFormatError,
        match=r"csl_sample_13rows_2025-06\.csv: line 1: the header has no column 'Name'",
    ):
        parse_bis_dpl([shared_data / "us_csl/csl_sample_13rows_2025-06.csv"])


def test_two_source_ids_one_slug_apart_get_two_entity_ids(parsed: ParsedList) -> None:
    """The DPL lists AL NASER AIRLINES and AL-NASER AIRLINES under one citation."""
    entities = parsed.entities
    naser = [
        e for e in entities if e.source_id.startswith("80 FR 30435: AL") and "NASER" in e.source_id
    ]
    assert len({e.entity_id for e in naser}) == 3  # AL NASER, AL-NASER, ALNASER
    assert len({e.entity_id for e in entities}) == len(entities)
