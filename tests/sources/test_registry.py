"""Format detection over every file in ../shared/data: exactly one sniffer, or none, says yes.

This one table replaces a "refuses the other formats" test per parser: each row
checks that the expected format recognises the file and that no other does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradescreen.exc import ListFormatError, UnknownFormatError
from tradescreen.sources._common import read_head
from tradescreen.sources.registry import FORMATS, detect_format, parse_files

#: Every file in ../shared/data and the format it is in (None: not a list format).
EXPECTED: dict[str, str | None] = {
    "PROVENANCE.md": None,
    "controls/norway_list2_dualuse_en_2022.django_fixture.json": None,
    "controls/norway_list2_dualuse_en_2022.txt": None,
    "controls/us_ccl_ecfr_2026-07-23.json": None,
    "controls/us_ear_country_chart_ecfr_2026-07-23.json": None,
    "controls/us_ear_country_groups_ecfr_2026-07-23.json": None,
    "eu/fsf_export_schema_1_1.xsd": None,
    "eu/opensanctions_eu_journal_32017R1509_dprk.csv": None,
    "hs/cn2026/cnChapters_2026.json": None,
    "hs/cn2026/cnCodes_2026.json": None,
    "hs/cn2026/cnHeadings_2026.json": None,
    "hs/cn2026/cnSections_2026.json": None,
    "hs/cn2026/cnSubheadings_2026.json": None,
    "hs/concordance/HS_consolidated_comtrade_concordances.csv": None,
    "hs/concordance/UNSD_HS2017_to_HS2012_ConversionAndCorrelationTables.xlsx": None,
    "hs/concordance/UNSD_HS2022_to_HS2017_ConversionAndCorrelationTables.xlsx": None,
    "hs/hs2017_datasets-harmonized-system.csv": None,
    "hs/hs2022_datasets-harmonized-system.csv": None,
    "hs/hs_sections.csv": None,
    "ofac/add_alt_2026-06/add.csv": "ofac-csv",
    "ofac/add_alt_2026-06/alt.csv": "ofac-csv",
    "ofac/cons_advanced_xml_2020-03-17/cons_advanced.xml": "ofac-advanced",
    "ofac/cons_csv_2025-12/cons_add.csv": "ofac-csv",
    "ofac/cons_csv_2025-12/cons_alt.csv": "ofac-csv",
    "ofac/cons_csv_2025-12/cons_comments.csv": "ofac-csv",
    "ofac/cons_csv_2025-12/cons_prim.csv": "ofac-csv",
    "ofac/cons_xml_2026-01-08/consolidated.xml": "ofac-xml",
    "ofac/sdn_advanced.xsd": None,
    "ofac/sdn_csv_2022-11/sdn.csv": "ofac-csv",
    "ofac/sdn_csv_trio_2021-07/add.csv": "ofac-csv",
    "ofac/sdn_csv_trio_2021-07/alt.csv": "ofac-csv",
    "ofac/sdn_csv_trio_2021-07/sdn.csv": "ofac-csv",
    "ofac/sdn_csv_trio_2021-07/sdn_comments.csv": "ofac-csv",
    "opensanctions/yente_fixture_t1_eu_fsf.entities.ftm.json": "ftm",
    # An empty delta file (a version with no changes) is refused alone: give delta.json.
    "opensanctions/yente_fixture_t2_deltas/20240527134702-zbn__entities.delta.json": None,
    "opensanctions/yente_fixture_t2_deltas/20240527194702-wnk__entities.delta.json": "ftm",
    "opensanctions/yente_fixture_t2_deltas/20240528014702-pfh__entities.delta.json": "ftm",
    "opensanctions/yente_fixture_t2_deltas/20240528074703-npf__entities.delta.json": "ftm",
    "opensanctions/yente_fixture_t2_deltas/20240528134729-3iv__entities.delta.json": "ftm",
    "opensanctions/yente_fixture_t2_deltas/delta.json": "ftm",
    "opensanctions/yente_fixture_zala.entities.ftm.json": "ftm",
    "uk/fcdo_uk_sanctions_list_summary_2025-08-11.DERIVED.csv": "uk-fcdo",
    "uk/fcdo_uk_sanctions_list_summary_2025-08-11.ods": "uk-fcdo",
    "uk/ofsi_conlist_2018-04-13.csv": "uk-conlist",
    "un/sc-sanctions.xsd": None,
    "un/un_consolidated_2024-09-26.xml": "un-xml",
    "un/un_consolidated_2026-02-27.xml": "un-xml",
    "un/un_consolidated_2026-05-08.xml": "un-xml",
    "us_csl/bis_dpl_2023-11-30.txt": "bis-dpl",
    # Detected as the CSL; parsing then refuses it, since its last record is cut.
    "us_csl/csl_2023-11-30_TRUNCATED.csv": "us-csl",
    # A third party's cut-down re-encoding of the CSL: benchmark data, not a list format.
    "us_csl/csl_compact_2026-07-31.json": None,
    "us_csl/csl_sample_13rows_2025-06.csv": "us-csl",
}


def test_the_table_covers_every_file(shared_data: Path) -> None:
    files = {str(p.relative_to(shared_data)) for p in shared_data.rglob("*") if p.is_file()}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exactly_the_expected_format_recognises_the_file(shared_data: Path, name: str) -> None:
    path = shared_data / name
    head = read_head(path)
    accepting = [fmt.name for fmt in FORMATS.values() if head.strip() and fmt.sniff(path, head)]
    expected = EXPECTED[name]
    assert accepting == ([expected] if expected else [])
    if expected:
        assert detect_format(path).name == expected
    else:
        with pytest.raises((UnknownFormatError, ListFormatError)):
            detect_format(path)


def test_files_of_one_ofac_set_form_one_publication(shared_data: Path) -> None:
    trio = shared_data / "ofac/sdn_csv_trio_2021-07"
    cons = shared_data / "ofac/cons_csv_2025-12"
    files = [trio / "sdn.csv", trio / "alt.csv", cons / "cons_prim.csv", cons / "cons_alt.csv"]
    publications = parse_files(files)
    assert sorted((p.source, len(p.files)) for p in publications) == [
        ("ofac-cons", 2),
        ("ofac-sdn", 2),
    ]


def test_a_forced_format_is_used_for_every_file(shared_data: Path) -> None:
    with pytest.raises(ListFormatError):
        parse_files([shared_data / "uk/ofsi_conlist_2018-04-13.csv"], format="un-xml")


#: A file name each parser might be given; blank contents it must refuse.
BLANK_FILES = {
    "un-xml": "un_consolidated.xml",
    "ofac-csv": "sdn.csv",
    "ofac-xml": "sdn.xml",
    "ofac-advanced": "cons_advanced.xml",
    "uk-conlist": "conlist.csv",
    "uk-fcdo": "fcdo.csv",
    "us-csl": "csl.csv",
    "bis-dpl": "dpl.txt",
    "ftm": "entities.ftm.json",
}


def test_the_blank_file_table_covers_every_format() -> None:
    assert set(BLANK_FILES) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(BLANK_FILES))
@pytest.mark.parametrize("content", [b"", b"\n", b"  \r\n\t\n"])
def test_every_parser_refuses_a_blank_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / BLANK_FILES[name]
    path.write_bytes(content)
    with pytest.raises(ListFormatError) as caught:
        parse_files([path], format=name)
    assert str(caught.value) == f"{path.name}: the file is empty"


def test_a_name_over_the_cap_is_refused_in_any_format(shared_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    original = (shared_data / "ofac" / "sdn_csv_2022-11" / "sdn.csv").read_bytes()
    path.write_bytes(original.replace(b'"BANCO NACIONAL DE CUBA"', b'"' + b"B" * 1001 + b'"', 1))
    with pytest.raises(ListFormatError) as info:
        parse_files([path])
    assert str(info.value) == (
        "sdn.csv: 306: a name of 1,001 characters is longer than the 1,000 allowed"
    )
