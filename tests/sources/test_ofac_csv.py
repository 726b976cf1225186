"""OFAC legacy CSV (``ofac-csv``): the 2021 SDN set, the 2022 sdn.csv and the 2025 cons set."""

from __future__ import annotations

import codecs
import csv
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
from tradescreen.reference.telegraph import han_spellings
from tradescreen.sources._common import read_head
from tradescreen.sources._ofac import parse_ofac_date
from tradescreen.sources.ofac_csv import (
    FORMAT,
    parse_ofac_csv,
    parse_programs,
    publication_key,
)
from tradescreen.sources.registry import detect_format
from tradescreen.sources.types import ParsedList

TRIO = "ofac/sdn_csv_trio_2021-07"
TRIO_FILES = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
SDN_2022 = "ofac/sdn_csv_2022-11/sdn.csv"
CONS = "ofac/cons_csv_2025-12"
CONS_FILES = ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")
ADD_ALT_2026 = "ofac/add_alt_2026-06"
DPRK_PROGRAMS = {"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"}


@pytest.fixture(scope="module")
def trio(shared_data: Path) -> ParsedList:
    """The consistent 2021 SDN set, all four files, parsed once for the module."""
    return parse_ofac_csv([shared_data / TRIO / name for name in TRIO_FILES])


@pytest.fixture(scope="module")
def sdn_2022(shared_data: Path) -> ParsedList:
    return parse_ofac_csv([shared_data / SDN_2022])


@pytest.fixture(scope="module")
def cons(shared_data: Path) -> ParsedList:
    # Given in another order than the publication's: the roles come from the names.
    return parse_ofac_csv([shared_data / CONS / name for name in reversed(CONS_FILES)])


@pytest.fixture(scope="module")
def trio_by_id(trio: ParsedList) -> dict[str, Entity]:
    return {e.source_id: e for e in trio.entities}


def _schemata(parsed: ParsedList) -> dict[str, int]:
    return dict(Counter(e.schema for e in parsed.entities))


def _dprk(parsed: ParsedList) -> list[Entity]:
    return [e for e in parsed.entities if DPRK_PROGRAMS & set(e.programs)]


def _ids(entity: Entity, kind: str) -> list[str]:
    return [i.value for i in entity.identifiers if i.kind == kind]


# Counts (PROVENANCE.md) -------------------------------------------------------------------


def test_trio_counts(trio: ParsedList) -> None:
    assert _schemata(trio) == {"Person": 4620, "Organization": 3673, "Vessel": 406, "Airplane": 277}
    assert len(trio.entities) == 8976
    assert trio.format == "ofac-csv"
    assert trio.source == "ofac-sdn"
    assert trio.published is None  # the format carries no date
    assert trio.is_delta is False
    assert [p.name for p in trio.files] == list(TRIO_FILES)
    assert trio.metadata == {"main_rows": "8976"}


def test_trio_dprk_programs(trio: ParsedList) -> None:
    dprk = _dprk(trio)
    assert len(dprk) == 414
    assert Counter(p for e in dprk for p in e.programs if p in DPRK_PROGRAMS) == {
        "DPRK4": 160,
        "DPRK3": 122,
        "DPRK2": 87,
        "DPRK": 50,
        "DPRK-NKSPEA": 2,
    }


def test_2022_sdn_alone(sdn_2022: ParsedList) -> None:
    # The 2022 copy is sdn.csv with cons_prim.csv appended after its Ctrl-Z: 11,567 rows,
    # of which 58 Consolidated rows repeat an SDN row byte for byte and are read once.
    assert sdn_2022.metadata["main_rows"] == "11567"
    assert sdn_2022.metadata["duplicate_rows"] == "58"
    assert sdn_2022.metadata["joined_parts"] == "2"
    assert len(sdn_2022.entities) == 11567 - 58
    assert len({e.source_id for e in sdn_2022.entities}) == len(sdn_2022.entities)
    assert _schemata(sdn_2022) == {
        "Person": 5878 - 2,
        "Organization": 4869 - 56,
        "Vessel": 526,
        "Airplane": 294,
    }
    assert len(_dprk(sdn_2022)) == 437
    assert sdn_2022.source == "ofac-sdn"
    # The appended Consolidated part is read too (HANIYA is on NS-PLC only).
    haniya = next(e for e in sdn_2022.entities if e.source_id == "9639")
    assert haniya.programs == ("NS-PLC",)


def test_cons_counts(cons: ParsedList) -> None:
    assert _schemata(cons) == {"Person": 79, "Organization": 363}
    assert cons.source == "ofac-cons"
    assert [p.name for p in cons.files] == list(CONS_FILES)  # main file first
    assert not _dprk(cons)


# Companion files -------------------------------------------------------------------------


def test_aliases_from_alt_csv_attached(shared_data: Path, trio_by_id: dict[str, Entity]) -> None:
    kinds = {"aka": NameKind.ALIAS, "fka": NameKind.PREVIOUS_NAME, "nka": NameKind.ALIAS}
    with (shared_data / TRIO / "alt.csv").open(newline="", encoding="ascii") as fh:
        rows = [row for row in csv.reader(fh) if len(row) == 5]
    assert len(rows) == 11910
    assert len({row[0] for row in rows}) == 4139  # entries with aliases
    for ent_num, _alt_num, alt_type, alt_name, _remarks in rows:
        # Whitespace is collapsed ("AL-KHATAB, Abd  Al Rahman" has two spaces).
        assert Name(" ".join(alt_name.split()), kinds[alt_type]) in trio_by_id[ent_num].names


def test_weak_aliases_come_from_remarks(trio_by_id: dict[str, Entity]) -> None:
    # KOMID: strong aliases in alt.csv, the weak one as "a.k.a. 'KOMID'" in Remarks.
    komid = trio_by_id["9345"]
    assert komid.names[0] == Name("KOREA MINING DEVELOPMENT TRADING CORPORATION")
    assert Name("CHANGGWANG SINYONG CORPORATION", NameKind.ALIAS) in komid.names
    assert [n.value for n in komid.names if n.kind is NameKind.WEAK_ALIAS] == ["KOMID"]
    assert komid.schema == "Organization"
    assert komid.programs == ("DPRK2", "NPWMD")


def test_addresses_from_add_csv(trio: ParsedList, trio_by_id: dict[str, Entity]) -> None:
    # add.csv has a row for every entry; 2,397 rows are placeholders only (no address).
    assert sum(1 for e in trio.entities if e.addresses) == 8976 - 2397
    komid = trio_by_id["9345"]
    assert (
        Address(
            "Central District, Pyongyang, Korea, North",
            street="Central District",
            city="Pyongyang",
            country="kp",
        )
        in komid.addresses
    )
    assert komid.countries == ("cn", "ir", "kp", "ru", "sy")
    bnc = trio_by_id["306"]
    assert (
        Address(
            "Zweierstrasse 35, Zurich CH-8022, Switzerland",
            street="Zweierstrasse 35",
            city="Zurich CH-8022",
            country="ch",
        )
        in bnc.addresses
    )


def test_overflow_remarks_appended_before_reading(
    trio_by_id: dict[str, Entity], sdn_2022: ParsedList
) -> None:
    # sdn.csv cuts 28263's remark inside "a.k.a. 'snowsjo"; sdn_comments.csv goes on "hn'; …".
    tian = trio_by_id["28263"]
    assert Name("snowsjohn", NameKind.WEAK_ALIAS) in tian.names
    assert tian.links == ("LAZARUS GROUP",)
    assert any(r.endswith("a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.") for r in tian.remarks)
    # Without the comments file, the cut clause is not read and the cut is reported.
    alone = next(e for e in sdn_2022.entities if e.source_id == "28263")
    assert not any(n.value.startswith("snowsjo") for n in alone.names)
    assert alone.links == ()
    # 24 rows of 1,000 characters; 17018 is one of the rows the two joined parts share.
    assert len(sdn_2022.metadata["remarks_cut"].split()) == 23
    assert "28263" in sdn_2022.metadata["remarks_cut"].split()


# Remarks: structured facts ---------------------------------------------------------------


def test_dprk_individual(trio_by_id: dict[str, Entity]) -> None:
    cho = trio_by_id["19791"]
    assert cho.schema == "Person"
    assert cho.programs == ("DPRK2",)
    assert cho.names == (
        Name("CHO, Il-U"),  # as the list writes it
        Name("CHO, Ch'o'l", NameKind.ALIAS),
        Name("CHO, Il Woo", NameKind.ALIAS),
        Name("JO, Chol", NameKind.ALIAS),
    )
    assert cho.birth_dates == (PartialDate("1945-05-10", DatePrecision.EXACT),)
    assert cho.birth_places == ("Musan, North Hamgyo'ng Province, North Korea",)
    assert cho.nationalities == ("kp",)
    assert cho.identifiers == (Identifier("passportNumber", "736410010", "kp", "Passport"),)
    assert cho.properties == {
        "position": ("Director of the Fifth Bureau of the Reconnaissance General Bureau",),
        "birthCountry": ("kp",),
    }
    assert len(cho.remarks) == 1 and cho.remarks[0].startswith("DOB 10 May 1945; POB Musan")


def test_dprk_individual_gender_and_weak_alias(trio_by_id: dict[str, Entity]) -> None:
    park = trio_by_id["24918"]
    assert park.gender == "male"
    assert park.birth_dates == (
        PartialDate("1984-08-15", DatePrecision.EXACT),
        PartialDate("1984-10-18", DatePrecision.EXACT),
    )
    assert _ids(park, "passportNumber") == ["290333974"]


def test_dprk_vessels_imo(trio: ParsedList, trio_by_id: dict[str, Entity]) -> None:
    vessels = [e for e in _dprk(trio) if e.schema == "Vessel"]
    assert len(vessels) == 106
    assert sum(1 for e in vessels if _ids(e, "imoNumber")) == 106
    chong = trio_by_id["17069"]
    assert chong.names == (Name("CHONG CHON GANG"),)
    assert chong.identifiers == (
        Identifier("imoNumber", "IMO7937317", note="Vessel Registration Identification"),
    )
    assert chong.properties == {"type": ("General Cargo",), "flag": ("kp",)}
    # Written once without "IMO"; a valid IMO check digit makes it one.
    assert _ids(trio_by_id["17104"], "imoNumber") == ["IMO8606173"]


def test_2022_dprk_vessels_imo(sdn_2022: ParsedList) -> None:
    vessels = [e for e in _dprk(sdn_2022) if e.schema == "Vessel"]
    assert len(vessels) == 106
    assert sum(1 for e in vessels if _ids(e, "imoNumber")) == 106


def test_vessel_columns(trio_by_id: dict[str, Entity]) -> None:
    # Call sign, tonnages without thousands commas; the owner is kept as a remark.
    vessels = [e for e in trio_by_id.values() if e.schema == "Vessel"]
    assert sum(1 for e in vessels if _ids(e, "callSign")) == 70
    owned = [e for e in vessels if any(r.startswith("Vessel owner: ") for r in e.remarks)]
    assert len(owned) == 10
    tonnages = [v for e in vessels for v in e.properties.get("tonnage", ())]
    assert len(tonnages) == 67 and all(v.isdigit() for v in tonnages)


def test_linked_to(trio: ParsedList, trio_by_id: dict[str, Entity]) -> None:
    assert trio_by_id["15771"].links == ("NATIONAL DEFENSE COMMISSION",)
    assert sum(1 for e in trio.entities if e.links) == 2758
    # The overflow of 12300 brings 13 more links; a final "S.A." keeps its full stop.
    links = trio_by_id["12300"].links
    assert len(links) == 25
    assert "RED MUNDIAL INMOBILIARIA, S.A. DE C.V." in links
    assert "R D I S.A." in links


def test_birth_date_precisions(trio_by_id: dict[str, Entity]) -> None:
    assert trio_by_id["12211"].birth_dates == (  # DOB circa 1947; alt. DOB circa 1946
        PartialDate("1946", DatePrecision.APPROXIMATE),
        PartialDate("1947", DatePrecision.APPROXIMATE),
    )
    assert trio_by_id["15962"].birth_dates == (  # DOB 01 Jan 1961 to 31 Dec 1962
        PartialDate("1961-01-01", DatePrecision.RANGE, end="1962-12-31"),
    )
    assert PartialDate("1938-09", DatePrecision.MONTH) in trio_by_id["6862"].birth_dates


def test_identifiers_with_country_and_validity(trio_by_id: dict[str, Entity]) -> None:
    cifuentes = trio_by_id["12300"]
    assert Identifier("idNumber", "CIVJ650513HNEFLR06", "mx", "C.U.R.P.") in cifuentes.identifiers
    assert Identifier("taxNumber", "OUSV-640707", "mx", "R.F.C.") in cifuentes.identifiers
    assert Identifier("idNumber", "172489729-1", "ec", "Cedula No.") in cifuentes.identifiers


def test_chinese_commercial_code(sdn_2022: ParsedList, trio: ParsedList) -> None:
    # "Chinese Commercial Code 1728 4320": the name in Chinese telegraph codes, as written.
    coded = {
        e.source_id: _ids(e, "chineseCommercialCode")
        for e in sdn_2022.entities
        if _ids(e, "chineseCommercialCode")
    }
    assert len(coded) == 12
    assert coded["26323"] == ["6774 1639 5478"]  # the last clause, without the full stop
    assert {e.source_id for e in trio.entities if _ids(e, "chineseCommercialCode")} == set(coded)
    zhang = next(e for e in sdn_2022.entities if e.source_id == "16318")
    assert zhang.names[0] == Name("ZHANG, Lei")
    assert (
        Identifier("chineseCommercialCode", "1728 4320", note="Chinese Commercial Code")
        in zhang.identifiers
    )
    assert han_spellings(coded["16318"][0]) == ("张磊", "張磊")
    # The remark keeps the clause, as it keeps every clause it reads.
    assert "; Chinese Commercial Code 1728 4320; " in zhang.remarks[0]
    # FtM has no property for it: exported in the tradescreen member only, read back whole.
    exported = entity_to_ftm(zhang)
    assert "chineseCommercialCode" not in exported["properties"]
    assert entity_from_ftm(exported) == zhang


def test_aircraft(trio_by_id: dict[str, Entity]) -> None:
    plane = trio_by_id["20540"]
    assert plane.schema == "Airplane"
    assert plane.names == (Name("P-532"),)
    assert plane.properties == {"buildDate": ("1974",), "model": ("AN24-RV",)}


def test_cons_entry(cons: ParsedList) -> None:
    haniya = next(e for e in cons.entities if e.source_id == "9639")
    assert haniya.source == "ofac-cons"
    assert haniya.names == (
        Name("HANIYA, Ismail Abdul Salah"),
        Name("HANIYA, Ismail", NameKind.ALIAS),
        Name("HANIYYA, Ismaeel", NameKind.ALIAS),
    )
    assert haniya.birth_dates == (PartialDate("1962", DatePrecision.YEAR),)
    assert haniya.birth_places == ("Shati",)
    assert haniya.programs == ("NS-PLC",)
    assert haniya.addresses == ()  # its cons_add.csv row is placeholders only
    shanti = next(e for e in cons.entities if e.source_id == "9641")
    assert shanti.addresses == (Address("Gaza, Palestinian", city="Gaza", country="ps"),)
    assert shanti.countries == ("ps",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08 Jan 1984", PartialDate("1984-01-08", DatePrecision.EXACT)),
        ("Jan 1984", PartialDate("1984-01", DatePrecision.MONTH)),
        ("1984", PartialDate("1984", DatePrecision.YEAR)),
        ("circa 1960", PartialDate("1960", DatePrecision.APPROXIMATE)),
        ("circa 08 Jan 1960", PartialDate("1960-01-08", DatePrecision.APPROXIMATE)),
        ("1960 to 1962", PartialDate("1960", DatePrecision.RANGE, end="1962")),
        ("Jan 1960 to Mar 1962", PartialDate("1960-01", DatePrecision.RANGE, end="1962-03")),
        ("circa 1979-1982", PartialDate("1979", DatePrecision.RANGE, end="1982")),
        (
            "01 Feb 1958 to 28 Feb 1958",
            PartialDate("1958-02-01", DatePrecision.RANGE, end="1958-02-28"),
        ),
        ("sometime in 1960", None),
        ("31 Foo 1960", None),
        ("19xx", None),
        ("1960 to", None),
    ],
)
def test_parse_ofac_date(text: str, expected: PartialDate | None) -> None:
    """Dates in CSV remarks and in the XML's dateOfBirth are written alike: one parser."""
    assert parse_ofac_date(text) == expected


def test_parse_programs() -> None:
    assert parse_programs("DPRK3] [SDGT") == ("DPRK3", "SDGT")
    assert parse_programs("[DPRK3] [SDGT]") == ("DPRK3", "SDGT")
    assert parse_programs("CUBA") == ("CUBA",)
    assert parse_programs(None) == ()


def test_round_trip(trio: ParsedList, sdn_2022: ParsedList, cons: ParsedList) -> None:
    for parsed in (trio, sdn_2022, cons):
        for entity in parsed.entities:
            assert entity_from_ftm(entity_to_ftm(entity)) == entity


# Sniffing and grouping -------------------------------------------------------------------


def test_sniff_rejects_a_copy_with_a_header(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "sdn.csv"
    header = (
        b"ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,"
        b"Vess_flag,Vess_owner,Remarks\r\n"
    )
    path.write_bytes(header + (shared_data / TRIO / "sdn.csv").read_bytes()[:5000])
    assert not FORMAT.sniff(path, read_head(path))


def test_publication_key_groups_one_set() -> None:
    folder = Path("/lists/2021")
    keys = {publication_key(folder / name) for name in TRIO_FILES}
    assert keys == {"/lists/2021/sdn"}
    assert {publication_key(folder / name) for name in CONS_FILES} == {"/lists/2021/cons"}
    assert publication_key(Path("/lists/2022/sdn.csv")) != publication_key(folder / "sdn.csv")
    assert FORMAT.name == "ofac-csv"
    assert FORMAT.label == "OFAC legacy CSV (sdn.csv + add/alt/comments)"


def test_renamed_files_get_their_role_from_their_width(tmp_path: Path, shared_data: Path) -> None:
    shutil.copy(shared_data / CONS / "cons_prim.csv", tmp_path / "primary.csv")
    shutil.copy(shared_data / CONS / "cons_alt.csv", tmp_path / "names.csv")
    parsed = parse_ofac_csv([tmp_path / "names.csv", tmp_path / "primary.csv"], "ofac-cons")
    assert len(parsed.entities) == 442
    assert [p.name for p in parsed.files] == ["primary.csv", "names.csv"]
    haniya = next(e for e in parsed.entities if e.source_id == "9639")
    assert Name("HANIYA, Ismail", NameKind.ALIAS) in haniya.names
    assert parsed.source == "ofac-cons"


# Bad input -------------------------------------------------------------------------------


def _error(paths: list[Path]) -> ListFormatError:
    with pytest.raises(ListFormatError) as info:
        parse_ofac_csv(paths)
    return info.value


@pytest.fixture
def cons_prim_copy(list_file_copy):  # a ListFileCopy (conftest.py)
    return list_file_copy(f"{CONS}/cons_prim.csv", "cons_prim.csv")


def test_add_and_alt_without_main_file(shared_data: Path) -> None:
    error = _error([shared_data / ADD_ALT_2026 / "add.csv", shared_data / ADD_ALT_2026 / "alt.csv"])
    assert "the main file (sdn.csv) is missing" in str(error)
    assert error.path.name == "add.csv"


def test_companion_of_another_date(shared_data: Path) -> None:
    # The 2026 add.csv names entries the 2021 sdn.csv does not have yet.
    error = _error([shared_data / TRIO / "sdn.csv", shared_data / ADD_ALT_2026 / "add.csv"])
    assert error.path.name == "add.csv"
    assert error.record is not None and error.record.startswith("line ")
    assert "is not in sdn.csv" in str(error)


def test_truncated_file(tmp_path: Path, shared_data: Path) -> None:
    data = (shared_data / TRIO / "sdn.csv").read_bytes()
    cut = data.index(b"\r\n", 50_000) + 40  # 40 bytes into line 100-odd
    path = tmp_path / "sdn.csv"
    path.write_bytes(data[:cut])
    error = _error([path])
    line = data[:cut].count(b"\n") + 1
    assert error.record == f"line {line}"
    assert str(error).startswith(f"sdn.csv: line {line}: the file ends in the middle of a record")


def test_row_with_wrong_number_of_fields(tmp_path: Path, shared_data: Path) -> None:
    lines = (shared_data / TRIO / "sdn.csv").read_bytes().split(b"\r\n")
    lines[4] = lines[4].replace(b",-0- ", b"", 1)  # line 5 loses a field
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\r\n".join(lines))
    error = _error([path])
    assert error.record == "line 5"
    assert "11 fields, but main file rows have 12" in str(error)


def test_alias_row_with_unknown_type(tmp_path: Path, shared_data: Path) -> None:
    for name in ("cons_prim.csv", "cons_alt.csv"):
        shutil.copy(shared_data / CONS / name, tmp_path / name)
    alt = tmp_path / "cons_alt.csv"
    alt.write_bytes(alt.read_bytes().replace(b'"aka"', b'"xyz"', 1))
    error = _error([tmp_path / "cons_prim.csv", alt])
    assert str(error) == (
        'cons_alt.csv: line 1 (ent_num 9639): alt_type "xyz" is not aka, fka or nka'
    )


def test_unknown_sdn_type(cons_prim_copy) -> None:
    path, _ = cons_prim_copy.with_line_changed(b'"individual"', b'"ship"')
    error = _error([path])
    assert error.record == "line 1 (ent_num 9639)"
    assert 'SDN_Type "ship"' in str(error)


def test_conflicting_repeated_ent_num(tmp_path: Path, shared_data: Path) -> None:
    lines = (shared_data / CONS / "cons_prim.csv").read_bytes().split(b"\r\n")
    lines.insert(3, lines[0].replace(b"HANIYA", b"HANIYEH"))
    path = tmp_path / "cons_prim.csv"
    path.write_bytes(b"\r\n".join(lines))
    error = _error([path])
    assert str(error) == "cons_prim.csv: line 4: ent_num 9639 repeats line 1 with other content"


def test_header_row_is_refused(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "cons_alt.csv"
    path.write_bytes(
        b"ent_num,alt_num,alt_type,alt_name,alt_remarks\r\n"
        + (shared_data / CONS / "cons_alt.csv").read_bytes()
    )
    error = _error([path])
    assert error.record == "line 1"
    assert "is not a number (the format has no header row)" in str(error)


def test_stray_ctrl_z_inside_a_record(cons_prim_copy) -> None:
    path, _ = cons_prim_copy.with_line_changed(b"Umm Tuba", b"Umm\x1aTuba")
    error = _error([path])
    assert error.record == "line 2"
    assert "Ctrl-Z" in str(error)


def test_a_file_of_only_the_end_of_file_mark_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\x1a\r\n")  # OFAC ends its CSV files with a DOS Ctrl-Z
    assert str(_error([path])) == "sdn.csv: the file is empty"


def test_utf16_file(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "cons_prim.csv"
    text = (shared_data / CONS / "cons_prim.csv").read_bytes().decode("ascii")
    path.write_bytes(text.encode("utf-16"))  # as Excel's "Unicode text" saves it
    error = _error([path])
    assert error.record == "line 1"
    assert "NUL byte" in str(error)


def test_undecodable_byte(cons_prim_copy) -> None:
    # 0x81 is neither UTF-8 nor cp1252.
    path, _ = cons_prim_copy.with_line_changed(b"Umm Tuba", b"Umm \x81uba")
    error = _error([path])
    assert error.record == "line 2"
    assert "byte 0x81" in str(error)


def test_cp1252_file_is_read(cons_prim_copy) -> None:
    path, _ = cons_prim_copy.with_line_changed(b"Umm Tuba", "Umm Tubá".encode("cp1252"))
    parsed = parse_ofac_csv([path])
    teir = next(e for e in parsed.entities if e.source_id == "9640")
    assert teir.birth_places == ("Umm Tubá",)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(codecs.BOM_UTF8 + (shared_data / SDN_2022).read_bytes())
    assert detect_format(path) is FORMAT
    with_bom = parse_ofac_csv([path])
    assert with_bom.entities == parse_ofac_csv([shared_data / SDN_2022]).entities
