"""The HS 2022 nomenclature: normalising, validating and describing HS codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradescreen.exc import RuleDataError
from tradescreen.reference.hs import format_hs, load_hs, normalize_hs


def test_bundled_nomenclature_counts() -> None:
    hs = load_hs()
    levels = [entry.level for entry in hs.codes.values()]
    assert (levels.count(2), levels.count(4), levels.count(6)) == (96, 1228, 5612)
    assert len(hs) == 6936
    assert hs.lookup("9999.99") is None  # UN Comtrade's "not specified", not an HS code
    assert load_hs() is hs


def test_bundled_file_is_the_shared_hs2022_file(shared_data: Path) -> None:
    bundled = load_hs().path.read_bytes()
    assert bundled == (shared_data / "hs" / "hs2022_datasets-harmonized-system.csv").read_bytes()


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("7608.20", "760820"),
        ("7608", "7608"),
        ("76", "76"),
        ("8479 89", "847989"),
        ("0303.11", "030311"),  # leading zero kept: chapter 03, not 3
        ("7608.20.00", "76082000"),  # EU CN
        ("7608.20.0030", "7608200030"),  # US HTS
    ],
)
def test_normalize_hs(written: str, digits: str) -> None:
    assert normalize_hs(written) == digits


@pytest.mark.parametrize("written", ["760", "76O8", "7608/20", "", "76082", "76-08-20-000-0-0"])
def test_normalize_hs_refuses_malformed_codes(written: str) -> None:
    with pytest.raises(ValueError, match="HS code"):
        normalize_hs(written)


def test_format_hs() -> None:
    assert format_hs("760820") == "7608.20"
    assert format_hs("7608") == "7608"
    assert format_hs("76082000") == "7608.2000"


def test_lookup_and_describe() -> None:
    hs = load_hs()
    entry = hs.lookup("7608.20")
    assert entry is not None
    assert (entry.code, entry.section, entry.parent) == ("760820", "XV", "7608")
    assert hs.describe("7608.20") == "Aluminium; tubes and pipes, alloys"
    assert hs.describe("2701") == (
        "Coal; briquettes, ovoids and similar solid fuels manufactured from coal"
    )
    assert hs.describe("03") == ("Fish and crustaceans, molluscs and other aquatic invertebrates")
    # A national code is described by its HS subheading.
    assert hs.describe("76082000") == "Aluminium; tubes and pipes, alloys"


def test_chapter() -> None:
    hs = load_hs()
    assert hs.chapter("7608.20").description == "Aluminium and articles thereof"
    assert hs.chapter("2710").code == "27"
    assert hs.codes["76"].parent is None


def test_unknown_codes() -> None:
    hs = load_hs()
    # Chapter 77 is reserved in the HS: no chapter, heading or subheading exists.
    assert not hs.is_valid("77")
    assert not hs.is_valid("7701")
    assert not hs.is_valid("7699")
    assert not hs.is_valid("76990000")  # a national code whose HS prefix does not exist
    assert not hs.is_valid("76.0")  # malformed
    assert hs.lookup("7699") is None
    assert hs.is_valid("76082000")
    with pytest.raises(ValueError, match="'7701' does not exist in HS 2022"):
        hs.describe("7701")
    with pytest.raises(ValueError, match="does not exist"):
        hs.chapter("77")


def test_bad_nomenclature_file(tmp_path: Path) -> None:
    path = tmp_path / "hs.csv"
    path.write_text("section,hscode,description,parent,level\nI,0101X,Horses,01,4\n")
    with pytest.raises(RuleDataError, match="hs.csv: line 2: bad code '0101X'"):
        load_hs(path)
