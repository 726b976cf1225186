"""The UN Security Council consolidated list (``un-xml``) against the three real snapshots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradescreen.exc import ListFormatError
from tradescreen.model import (
    DatePrecision,
    Entity,
    Identifier,
    Name,
    NameKind,
    PartialDate,
)
from tradescreen.model.ftm import entity_from_ftm, entity_to_ftm
from tradescreen.sources._common import read_head
from tradescreen.sources.types import ParsedList
from tradescreen.sources.un_xml import FORMAT, parse_un_xml

NEW = "un/un_consolidated_2026-05-08.xml"
MID = "un/un_consolidated_2026-02-27.xml"
OLD = "un/un_consolidated_2024-09-26.xml"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> dict[str, ParsedList]:
    """Each real snapshot parsed once for the module."""
    return {name: parse_un_xml([shared_data / name]) for name in (NEW, MID, OLD)}


@pytest.fixture(scope="module")
def new(parsed: dict[str, ParsedList]) -> dict[str, Entity]:
    return {e.source_id: e for e in parsed[NEW].entities}


def _schemata(parsed_list: ParsedList, program: str | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entity in parsed_list.entities:
        if program is None or program in entity.programs:
            counts[entity.schema] = counts.get(entity.schema, 0) + 1
    return counts


# Counts (PROVENANCE.md) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "persons", "organizations", "published"),
    [
        (NEW, 737, 272, "2026-05-08"),
        (MID, 730, 273, "2026-02-27"),
        (OLD, 682, 193, "2024-09-26"),
    ],
)
def test_counts_and_publication_date(
    parsed: dict[str, ParsedList], name: str, persons: int, organizations: int, published: str
) -> None:
    result = parsed[name]
    assert _schemata(result) == {"Person": persons, "Organization": organizations}
    assert result.published == published
    assert result.format == "un-xml"
    assert result.source == "un"
    assert result.is_delta is False
    assert result.files[0].name == Path(name).name
    # The DPRK regime is stable at 80 individuals plus 75 entities in every snapshot.
    assert _schemata(result, "DPRK") == {"Person": 80, "Organization": 75}


def test_publication_timestamp_kept_in_metadata(parsed: dict[str, ParsedList]) -> None:
    assert parsed[NEW].metadata == {"dateGenerated": "2026-05-08T23:00:06.922Z"}


def test_programs_by_regime(parsed: dict[str, ParsedList]) -> None:
    programs: dict[str, int] = {}
    for entity in parsed[NEW].entities:
        (program,) = entity.programs
        programs[program] = programs.get(program, 0) + 1
    assert programs == {
        "Al-Qaida": 343,
        "DPRK": 155,
        "Taliban": 140,
        "Iran": 121,
        "Iraq": 75,
        "DRC": 53,
        "Libya": 30,
        "Somalia": 24,
        "CAR": 15,
        "Sudan": 13,
        "Yemen": 11,
        "Haiti": 11,
        "GB": 10,
        "SouthSudan": 8,
    }
    assert "Iran" not in {p for e in parsed[OLD].entities for p in e.programs}


def test_dprk_individuals_are_kpi_001_to_080(parsed: dict[str, ParsedList]) -> None:
    ids = {
        e.source_id for e in parsed[NEW].entities if e.schema == "Person" and "DPRK" in e.programs
    }
    assert ids == {f"KPi.{n:03d}" for n in range(1, 81)}
    entity_ids = {
        e.source_id
        for e in parsed[NEW].entities
        if e.schema == "Organization" and "DPRK" in e.programs
    }
    assert len(entity_ids) == 75 and all(i.startswith("KPe.") for i in entity_ids)


def test_source_ids_are_unique_and_diff_by_reference_number(parsed: dict[str, ParsedList]) -> None:
    new_ids = [e.source_id for e in parsed[NEW].entities]
    mid_ids = {e.source_id for e in parsed[MID].entities}
    assert len(new_ids) == len(set(new_ids)) == 1009
    # PROVENANCE.md: 7 records added and 1 removed between February and May 2026.
    assert len(set(new_ids) - mid_ids) == 7
    assert len(mid_ids - set(new_ids)) == 1


# Concrete records ----------------------------------------------------------------------------


def test_reference_number_is_stripped(shared_data: Path, new: dict[str, Entity]) -> None:
    assert "<REFERENCE_NUMBER>KPe.051 </REFERENCE_NUMBER>" in (shared_data / NEW).read_text("utf-8")
    entity = new["KPe.051"]
    assert entity.schema == "Organization"
    assert entity.caption == "CENTRAL MILITARY COMMISSION OF THE WORKERS’ PARTY OF KOREA (CMC)"
    assert entity.entity_id == "un-kpe-051"
    assert entity.programs == ("DPRK",)
    assert entity.listed_on == "2017-09-11"
    assert entity.countries == ("kp",)
    assert entity.addresses[0].full == "Pyongyang, Democratic People's Republic of Korea"
    assert entity.addresses[0].city == "Pyongyang"
    assert entity.addresses[0].country == "kp"


def test_dprk_individual_with_aliases_birth_dates_and_passport(new: dict[str, Entity]) -> None:
    entity = new["KPi.023"]
    assert entity.schema == "Person"
    assert entity.caption == "KIM TONG MY’ONG"
    assert set(entity.names) == {
        Name("KIM TONG MY’ONG"),
        Name("Kim Chin-So’k", NameKind.ALIAS),
        Name("Kim Tong-Myong", NameKind.ALIAS),
        Name("Kim Jin-Sok", NameKind.ALIAS),
        Name("Kim Hyok-Chol", NameKind.ALIAS),
        Name("Kim Tong-Myo’ng", NameKind.ALIAS),
        Name("Kim Tong Myong", NameKind.ALIAS),
        Name("Kim Hyok Chol", NameKind.ALIAS),
    }
    assert len(entity.names) == 8
    # Two dates of birth: an EXACT YEAR and an EXACT DATE, both kept with their precision.
    assert set(entity.birth_dates) == {
        PartialDate("1964", DatePrecision.YEAR),
        PartialDate("1962-08-28", DatePrecision.EXACT),
    }
    assert entity.identifiers == (Identifier("passportNumber", "290320764", "kp"),)
    assert entity.nationalities == ("kp",)
    assert entity.programs == ("DPRK",)
    assert entity.listed_on == "2016-03-02"
    assert entity.properties == {"position": ("President of Tanchon Commercial Bank",)}
    assert entity.remarks[0].startswith(
        "Kim Tong My’ong is the President of Tanchon Commercial Bank"
    )


def test_dprk_passport_notes_and_repeated_numbers(new: dict[str, Entity]) -> None:
    # KPi.006 lists the same passport twice, once with an expiry note: both are kept.
    assert set(new["KPi.006"].identifiers) == {
        Identifier("passportNumber", "381420754"),
        Identifier("passportNumber", "381420754", note="Expires on 7 Dec. 2016"),
    }
    assert new["KPi.006"].birth_places == ("Kaesong, Democratic People's Republic of Korea",)
    assert new["KPi.006"].properties["birthCountry"] == ("kp",)
    assert {i.value for i in new["KPi.014"].identifiers} == {"472320665", "563120356"}


def test_low_quality_alias_is_weak_and_gender_is_kept(new: dict[str, Entity]) -> None:
    entity = new["KPi.064"]
    assert entity.names == (Name("CH'OE SO’K MIN"), Name("Choe Sok Min", NameKind.WEAK_ALIAS))
    assert entity.gender == "male"
    assert entity.birth_dates == (PartialDate("1978-07-25", DatePrecision.EXACT),)


def test_imo_numbers_in_comments_become_identifiers(new: dict[str, Entity]) -> None:
    def imo_numbers(source_id: str) -> list[str]:
        return [i.value for i in new[source_id].identifiers if i.kind == "imoNumber"]

    assert imo_numbers("KPe.020") == ["IMO1790183"]  # "(IMO) Number: 1790183"
    assert imo_numbers("KPe.022") == ["IMO5342883"]  # "IMO Number: 5342883"
    assert imo_numbers("KPe.066") == ["IMO5434358"]  # "Company Number IMO 5434358"
    assert imo_numbers("KPe.001") == []
    assert any("1790183" in r for r in new["KPe.020"].remarks)  # the remark stays whole
    assert sum(len(imo_numbers(i)) for i in new) == 16


def test_entity_fka_is_previous_name(new: dict[str, Entity]) -> None:
    assert set(new["KPe.003"].names) == {
        Name("TANCHON COMMERCIAL BANK"),
        Name("CHANGGWANG CREDIT BANK", NameKind.PREVIOUS_NAME),
        Name("KOREA CHANGGWANG CREDIT BANK", NameKind.PREVIOUS_NAME),
    }
    assert set(new["KPe.002"].names) == {
        Name("KOREA RYONBONG GENERAL CORPORATION"),
        Name("KOREA YONBONG GENERAL CORPORATION", NameKind.ALIAS),
        Name("LYONGAKSAN GENERAL TRADING CORPORATION", NameKind.PREVIOUS_NAME),
    }


def test_between_birth_date_is_a_range(new: dict[str, Entity]) -> None:
    assert new["KPi.066"].birth_dates == (PartialDate("1967", DatePrecision.RANGE, end="1969"),)
    # A BETWEEN next to an EXACT date: every date of birth is kept.
    assert set(new["TAi.038"].birth_dates) == {
        PartialDate("1960", DatePrecision.RANGE, end="1962"),
        PartialDate("1967-01-01", DatePrecision.EXACT),
    }
    # The NOTE of a BETWEEN date is not lost.
    assert "Date of birth 1966 to 1967: Approximately" in new["TAi.109"].remarks


def test_approximate_year_and_original_script(new: dict[str, Entity]) -> None:
    entity = new["QDi.298"]
    assert entity.birth_dates == (PartialDate("1981", DatePrecision.APPROXIMATE),)
    # The name in original script is another NAME marked with its script (ISO 15924).
    assert entity.caption == "ABD AL-RAHMAN OULD MUHAMMAD AL-HUSAYN OULD MUHAMMAD SALIM"
    assert Name("عبد الرحمن ولد محمد الحسين ولد محمد سليم", NameKind.NAME, "Arab") in entity.names
    assert entity.birth_places == ("Saudi Arabia",)
    assert entity.nationalities == ("mr",)
    assert set(entity.countries) == {"mr", "sa"}


def test_original_script_repeating_the_name_is_not_doubled(new: dict[str, Entity]) -> None:
    names = new["QDe.164"].names
    assert [n.value for n in names].count("JAMAAH ANSHARUT DAULAH") == 1
    assert names[0] == Name("JAMAAH ANSHARUT DAULAH")


def test_name_parts_are_stripped_and_joined(new: dict[str, Entity]) -> None:
    # <FIRST_NAME> GEDO </FIRST_NAME><SECOND_NAME>HAMDAN </SECOND_NAME><THIRD_NAME> AHMED ...
    entity = new["SDi.007"]
    assert entity.caption == "GEDO HAMDAN AHMED"
    assert entity.names == (Name("GEDO HAMDAN AHMED"), Name("ABU NASHUK", NameKind.ALIAS))
    assert entity.properties == {
        "position": ("Commander for the North Darfur section of the Rapid Support Forces",)
    }


def test_listed_on_with_time_zone_is_a_date(new: dict[str, Entity]) -> None:
    # The file says <LISTED_ON>2015-03-27-04:00</LISTED_ON>.
    assert new["TAi.173"].listed_on == "2015-03-27"


def test_title_position_and_diplomatic_passport(new: dict[str, Entity]) -> None:
    entity = new["TAi.038"]
    assert entity.properties["title"] == ("Maulavi", "Mullah")
    assert len(entity.properties["position"]) == 3
    (passport,) = [i for i in entity.identifiers if i.value == "D0009724"]
    assert passport.kind == "passportNumber"
    assert passport.country == "af"
    assert passport.note is not None
    assert passport.note.startswith("diplomatic passport; Name in Latin script")


def test_other_documents_are_id_numbers_with_their_type(new: dict[str, Entity]) -> None:
    assert (
        Identifier("idNumber", "BNSDLA70L14Z352B", note="Italian Fiscal Code:")
        in new["QDi.068"].identifiers
    )
    # A document with no NUMBER keeps its text as a remark.
    assert (
        "Document without number: National Identification Number; "
        "Moroccan national identity card DE- 473900"
    ) in new["QDi.190"].remarks


def test_nationality_placeholder_is_not_namibia(parsed: dict[str, ParsedList]) -> None:
    assert "na" not in {n for e in parsed[NEW].entities for n in e.nationalities}


def test_nameless_alias_groups_keep_their_birth_dates(parsed: dict[str, ParsedList]) -> None:
    # The 2024 file puts 157 extra dates of birth in alias groups with an empty
    # ALIAS_NAME, as "1958 - 1964", "1961", "1982-04-18" or the placeholder "null".
    old = {e.source_id: e for e in parsed[OLD].entities}
    assert PartialDate("1958", DatePrecision.RANGE, end="1964") in old["TAi.150"].birth_dates
    assert not any(": date of birth " in r for e in parsed[OLD].entities for r in e.remarks)
    assert sum(len(e.birth_dates) for e in parsed[OLD].entities) > 700
    assert not any(n.value == "" for e in parsed[OLD].entities for n in e.names)


def test_source_override(shared_data: Path) -> None:
    result = parse_un_xml([shared_data / OLD], "un-test")
    assert result.source == "un-test"
    assert {e.source for e in result.entities} == {"un-test"}


@pytest.mark.parametrize("name", [NEW, MID, OLD])
def test_ftm_round_trip(parsed: dict[str, ParsedList], name: str) -> None:
    for entity in parsed[name].entities:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity, entity.source_id


# Sniffing ------------------------------------------------------------------------------------


def test_format_description() -> None:
    assert FORMAT.name == "un-xml"
    assert FORMAT.label == "UN Security Council consolidated list (XML)"
    assert FORMAT.parse is parse_un_xml


# Bad input -----------------------------------------------------------------------------------


def _broken(tmp_path: Path, shared_data: Path, record: str | None, old: str, new: str) -> Path:
    """A copy of the 2026-02-27 file with one edit inside ``record`` (or anywhere if None)."""
    text = (shared_data / MID).read_text("utf-8")
    start, end = 0, len(text)
    if record is not None:
        at = text.index(f"<REFERENCE_NUMBER>{record}")
        start = max(text.rfind("<INDIVIDUAL>", 0, at), text.rfind("<ENTITY>", 0, at))
        end = min(i for i in (text.find("</INDIVIDUAL>", at), text.find("</ENTITY>", at)) if i > 0)
    segment = text[start:end]
    assert old in segment
    path = tmp_path / "un_broken.xml"
    path.write_text(text[:start] + segment.replace(old, new, 1) + text[end:], "utf-8")
    return path


def test_truncated_file(tmp_path: Path, shared_data: Path) -> None:
    data = (shared_data / MID).read_bytes()
    path = tmp_path / "un_truncated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ListFormatError) as info:
        parse_un_xml([path])
    assert str(info.value).startswith("un_truncated.xml: line ")
    assert "XML error" in str(info.value)


def test_wrong_encoding(tmp_path: Path, shared_data: Path) -> None:
    # A cp1252 apostrophe (0x92) where UTF-8 is declared.
    data = (shared_data / MID).read_bytes().replace("’".encode(), b"\x92", 1)
    path = tmp_path / "un_cp1252.xml"
    path.write_bytes(data)
    with pytest.raises(ListFormatError) as info:
        parse_un_xml([path])
    assert re.match(r"un_cp1252\.xml: line \d+: XML error", str(info.value))


def test_wrong_root_element(shared_data: Path) -> None:
    with pytest.raises(
        ListFormatError, match=r"consolidated\.xml: root element .* not <CONSOLIDATED_LIST>"
    ):
        parse_un_xml([shared_data / "ofac/cons_xml_2026-01-08/consolidated.xml"])


def test_record_without_reference_number(tmp_path: Path, shared_data: Path) -> None:
    path = _broken(
        tmp_path, shared_data, "KPi.033", "<REFERENCE_NUMBER>KPi.033</REFERENCE_NUMBER>", ""
    )
    with pytest.raises(ListFormatError) as info:
        parse_un_xml([path])
    assert info.value.record is not None and info.value.record.startswith("DATAID ")
    assert re.match(
        r"un_broken\.xml: DATAID \d+: INDIVIDUAL has no REFERENCE_NUMBER", str(info.value)
    )


@pytest.mark.parametrize(
    ("record", "old", "new", "error"),
    [
        (
            "KPe.001",
            "<FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>",
            "<FIRST_NAME> </FIRST_NAME>",
            r"^un_broken\.xml: KPe\.001: ENTITY has no name",
        ),
        (
            "KPi.023",
            "<DATE>1962-08-28</DATE>",
            "<DATE>19xx</DATE>",
            r'^un_broken\.xml: KPi\.023: INDIVIDUAL_DATE_OF_BIRTH/DATE "19xx" is not a date$',
        ),
        (
            "KPi.023",
            "<YEAR>1964</YEAR>",
            "<YEAR>sixty-four</YEAR>",
            r'KPi\.023: INDIVIDUAL_DATE_OF_BIRTH/YEAR "sixty-four" is not a year',
        ),
        (
            "KPi.023",
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE>\n        <YEAR>1964</YEAR>",
            "<TYPE_OF_DATE>BEFORE</TYPE_OF_DATE>\n        <YEAR>1964</YEAR>",
            r'KPi\.023: .*TYPE_OF_DATE "BEFORE" is not a known type',
        ),
        (
            "KPi.023",
            "<QUALITY>Good</QUALITY>\n        <ALIAS_NAME>Kim Chin-So’k",
            "<QUALITY>n.k.a.</QUALITY>\n        <ALIAS_NAME>Kim Chin-So’k",
            r'KPi\.023: INDIVIDUAL_ALIAS/QUALITY "n\.k\.a\." is not',
        ),
        (
            "KPi.023",
            "<LISTED_ON>2016-03-02",
            "<LISTED_ON>2016-13-02",
            r'KPi\.023: LISTED_ON "2016-13-02" is not a date',
        ),
        (
            None,
            'dateGenerated="2026-02-27T',
            'dateGenerated="yesterday',
            r'^un_broken\.xml: dateGenerated "yesterday.*" is not a date',
        ),
    ],
)
def test_a_broken_field_names_its_record_and_problem(
    tmp_path: Path, shared_data: Path, record: str | None, old: str, new: str, error: str
) -> None:
    path = _broken(tmp_path, shared_data, record, old, new)
    with pytest.raises(ListFormatError) as info:
        parse_un_xml([path])
    assert re.search(error, str(info.value)), str(info.value)


def test_unknown_elements_are_ignored(tmp_path: Path, shared_data: Path) -> None:
    path = _broken(
        tmp_path,
        shared_data,
        "KPi.023",
        "<REFERENCE_NUMBER>KPi.023</REFERENCE_NUMBER>",
        "<REFERENCE_NUMBER>KPi.023</REFERENCE_NUMBER><NEW_FIELD><VALUE>x</VALUE></NEW_FIELD>",
    )
    assert len(parse_un_xml([path]).entities) == 1003


_BOMB = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-05-08T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&d;</FIRST_NAME><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""

_EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST dateGenerated="2026-05-08T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&secret;</FIRST_NAME><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


@pytest.mark.parametrize("text", [_BOMB, _EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_entity_declarations_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "un_entities.xml"
    path.write_text(text, "utf-8")
    # Recognised as a UN file, so that auto-detection leads to this refusal by name.
    assert FORMAT.sniff(path, read_head(path))
    with pytest.raises(
        ListFormatError, match=r"^un_entities\.xml: XML entity declarations are refused"
    ):
        parse_un_xml([path])


def test_minimal_file(tmp_path: Path) -> None:
    path = tmp_path / "un_minimal.xml"
    path.write_text(
        '<CONSOLIDATED_LIST dateGenerated="2026-05-08T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
        "<FIRST_NAME>KIM</FIRST_NAME><REFERENCE_NUMBER> KPi.999 </REFERENCE_NUMBER>"
        "<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>"
        "<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME>KIM IL</ALIAS_NAME></INDIVIDUAL_ALIAS>"
        "</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>",
        "utf-8",
    )
    assert FORMAT.sniff(path, read_head(path))
    (entity,) = parse_un_xml([path]).entities
    assert entity.source_id == "KPi.999"
    assert entity.names == (Name("KIM"), Name("KIM IL", NameKind.ALIAS))
    assert entity.listed_on is None and entity.programs == ()


def test_one_file_per_publication(shared_data: Path) -> None:
    with pytest.raises(ValueError, match="one file per publication"):
        parse_un_xml([shared_data / NEW, shared_data / MID])
