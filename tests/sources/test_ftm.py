"""FollowTheMoney JSON lines: the yente fixtures (an export, a delta feed) and our own export."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tradescreen.exc import ListFormatError
from tradescreen.model import MAX_NAME_LENGTH, Address, DatePrecision, Identifier, PartialDate
from tradescreen.model.ftm import entity_from_ftm, entity_to_ftm
from tradescreen.sources._common import read_head
from tradescreen.sources.ftm import FORMAT, parse_ftm, publication_key_ftm, sniff_ftm
from tradescreen.sources.types import ParsedList

ZALA = "opensanctions/yente_fixture_zala.entities.ftm.json"
T1 = "opensanctions/yente_fixture_t1_eu_fsf.entities.ftm.json"
DELTAS = "opensanctions/yente_fixture_t2_deltas"
ZAKHAROV = "NK-aU5ybkbRFJucf8YMwsJvDw"  # Alexander ZAKHAROV, owner of LLC CST (Zala Aero)


@pytest.fixture(scope="module")
def zala(shared_data: Path) -> ParsedList:
    return parse_ftm([shared_data / ZALA])


@pytest.fixture(scope="module")
def folded(shared_data: Path) -> ParsedList:
    return parse_ftm([shared_data / DELTAS / "delta.json"])


def _delta(shared_data: Path, version: str) -> Path:
    return shared_data / DELTAS / f"{version}__entities.delta.json"


def _write_lines(path: Path, objects: list[Any]) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), "utf-8")
    return path


def _raises(path: Path, *fragments: str) -> None:
    with pytest.raises(ListFormatError) as info:
        parse_ftm([path])
    message = str(info.value)
    assert message.startswith(path.name), message
    for fragment in fragments:
        assert fragment in message, message


# Counts ---------------------------------------------------------------------------------


def test_zala_keeps_only_list_schemata(zala: ParsedList) -> None:
    # 91 objects: Sanction 41, Ownership 14, Company 11, Address 11, Person 6, Family 4,
    # Directorship 3, Passport 1 (PROVENANCE.md); only the 17 list entities remain.
    assert Counter(e.schema for e in zala.entities) == {"Company": 11, "Person": 6}
    assert zala.format == "ftm"
    assert zala.source == "opensanctions"
    assert {e.source for e in zala.entities} == {"opensanctions"}
    assert zala.metadata["objects"] == "91"
    assert zala.metadata["other_schemata"] == (
        "Address 11, Directorship 3, Family 4, Ownership 14, Passport 1, Sanction 41"
    )
    assert "dropped_properties" not in zala.metadata
    assert not zala.is_delta and zala.removed == ()
    # No date in the format: the latest last_seen of the objects.
    assert zala.published == "2026-04-29"


def test_t1_counts_and_multilingual_names(shared_data: Path) -> None:
    parsed = parse_ftm([shared_data / T1])
    assert Counter(e.schema for e in parsed.entities) == {"Organization": 2, "Person": 4}
    assert parsed.published == "2024-06-01"
    tobacco = next(e for e in parsed.entities if e.source_id == "NK-2GdmHtZTeNXjNVrBGEXZNj")
    values = {n.value for n in tobacco.names}
    assert "LLC “Inter Tobacco”" in values
    assert "Εταιρία περιορισμένης ευθύνης “Inter Tobacco”" in values
    assert "Общество с ограниченной ответственностью “Интер Тобако”" in values
    irgc = next(e for e in parsed.entities if e.source_id == "NK-2PacmNpiLUmoz4XD2mSt7A")
    # Its addressEntity points outside the file: the reference leads nowhere, nothing fails.
    assert irgc.addresses == () and irgc.countries == ("ir",)


# The graph ------------------------------------------------------------------------------


def test_zala_person_with_sanctions_addresses_and_links(zala: ParsedList) -> None:
    person = next(e for e in zala.entities if e.source_id == ZAKHAROV)
    assert person.schema == "Person"
    assert person.entity_id == "opensanctions-nk-au5ybkbrfjucf8ymwsjvdw"
    assert "Alexander Vyacheslavovich ZAKHAROV" in {n.value for n in person.names}
    assert person.birth_dates == (PartialDate("1965-09-21", DatePrecision.EXACT),)
    assert person.gender == "male"
    assert person.nationalities == ("ru",)
    # programId of the person and of its 14 Sanction objects; a Sanction without a
    # programId (the US GSA exclusions) gives its program text.
    assert set(person.programs) == {
        "UA-SA1644",
        "US-RUSHAR",
        "NZ-RSA2022",
        "SECO-UKRAINE",
        "GB-RUS",
        "EU-UKR",
        "Reciprocal",
    }
    # Earliest listing: the Ukrainian NSDC sanction, startDate 2023-07-01.
    assert person.listed_on == "2023-07-01"
    assert "Executive Order 14024 (Russia)" in person.remarks  # the OFAC sanction's reason
    assert "2025/389 (OJ L24022025)" in person.remarks  # the Belgian one
    # addressEntity → the structured Address object; the plain text it repeats is dropped.
    assert person.addresses == (
        Address(
            full="272 Pushkinskaya Street, Apt 41, Izhevsk, 426008",
            street="272 Pushkinskaya Street, Apt 41",
            city="Izhevsk",
            postal_code="426008",
            country="ru",
        ),
        Address(full="IZHEVSK, 426008"),
    )
    assert set(person.identifiers) == {
        Identifier("innCode", "183111242406"),
        Identifier("taxNumber", "183111242406"),
    }
    # Family (4), Directorship (2) and Ownership (9 distinct assets) give the other end's id.
    assert len(person.links) == 13
    assert {"NK-JseaPJctnK9o8wrmz8xmoT", "NK-abdzbEBkqyT29GyREbiURZ", "ru-inn-5920040846"} <= set(
        person.links
    )
    for prop in ("addressEntity", "programId", "address", "notes", "name"):
        assert prop not in person.properties
    assert person.properties["position"] == ("Propriétaire de LLC CST", "Owner of LLC CST")
    assert person.properties["topics"] == ("debarment", "corp.disqual", "sanction")


def test_zala_family_member_passport_and_company(zala: ParsedList) -> None:
    son = next(e for e in zala.entities if e.source_id == "NK-hUAjuiA3vTKXF6v2X6MYnS")
    assert son.identifiers == (Identifier("passportNumber", "089132114"),)
    assert son.links == (ZAKHAROV,)
    assert set(son.programs) == {"US-RUSHAR", "GB-RUS"}
    cst = next(e for e in zala.entities if e.source_id == "NK-abdzbEBkqyT29GyREbiURZ")
    assert cst.schema == "Company"
    assert {"EU-UKR", "US-BIS-EL", "AU-RUSSIA", "CA-SEMA", "UA-WS-UAVS"} <= set(cst.programs)
    assert len(cst.addresses) == 29


def test_round_trip_of_every_entity(
    zala: ParsedList, folded: ParsedList, shared_data: Path
) -> None:
    t1 = parse_ftm([shared_data / T1])
    for entity in [*zala.entities, *t1.entities, *folded.entities]:
        assert entity_from_ftm(entity_to_ftm(entity)) == entity


def test_own_export_read_back(zala: ParsedList, tmp_path: Path) -> None:
    export = _write_lines(tmp_path / "export.ftm.json", [entity_to_ftm(e) for e in zala.entities])
    assert sniff_ftm(export, read_head(export))
    again = parse_ftm([export])
    assert again.entities == zala.entities
    assert again.source == "opensanctions"
    assert again.published is None  # our export carries no last_seen


def test_own_export_keeps_the_publication_date_and_running_number(
    zala: ParsedList, tmp_path: Path
) -> None:
    objects = [entity_to_ftm(e, "2026-05-08", 40018) for e in zala.entities]
    again = parse_ftm([_write_lines(tmp_path / "export.ftm.json", objects)])
    assert (again.published, again.sequence) == ("2026-05-08", 40018)
    assert again.entities == zala.entities


def test_own_export_keeps_its_source_unless_overridden(zala: ParsedList, tmp_path: Path) -> None:
    objects = [entity_to_ftm(e) for e in zala.entities[:3]]
    for obj in objects:
        obj["tradescreen"]["source"] = "os-zala"
    export = _write_lines(tmp_path / "export.ftm.json", objects)
    assert parse_ftm([export]).source == "os-zala"
    renamed = parse_ftm([export], "mirror")
    assert renamed.source == "mirror" and {e.source for e in renamed.entities} == {"mirror"}
    objects[0]["tradescreen"]["source"] = "other"
    _raises(_write_lines(tmp_path / "mixed.ftm.json", objects), "several sources (os-zala, other)")


def test_explicit_source(shared_data: Path) -> None:
    parsed = parse_ftm([shared_data / T1], "eu-fsf")
    assert parsed.source == "eu-fsf"
    assert {e.source for e in parsed.entities} == {"eu-fsf"}


def test_properties_cleaned_references_linked_unknown_counted(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "x.ftm.json",
        [
            {
                "id": "p1",
                "schema": "Person",
                "properties": {
                    "name": ["Ri Ok", " "],
                    "shoeSize": ["44"],
                    "birthDate": ["1960-05"],
                },
            },
            {
                "id": "v1",
                "schema": "Vessel",
                "properties": {
                    "name": ["CHON MA SAN"],
                    "imoNumber": ["8660313"],
                    "owner": ["c1"],
                    "addressEntity": ["a1"],
                },
            },
            {
                "id": "a1",
                "schema": "Address",
                "properties": {"street": ["Sochon-dong"], "city": ["Pyongyang"], "country": ["kp"]},
            },
        ],
    )
    parsed = parse_ftm([path])
    person, vessel = parsed.entities
    assert vessel.links == ("c1",) and "owner" not in vessel.properties
    assert vessel.identifiers == (Identifier("imoNumber", "8660313"),)
    # An Address object without a full text gets one composed from its parts.
    assert vessel.addresses == (
        Address(
            "Sochon-dong, Pyongyang, North Korea",
            street="Sochon-dong",
            city="Pyongyang",
            country="kp",
        ),
    )
    assert "shoeSize" not in person.properties
    assert person.birth_dates == (PartialDate("1960-05", DatePrecision.MONTH),)
    assert [n.value for n in person.names] == ["Ri Ok"]
    assert parsed.metadata["dropped_properties"] == "Person.shoeSize 1"


# Deltas ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "ops", "upserts", "removed"),
    [
        (
            "20240527194702-wnk",
            "ADD 2",
            ["NK-2T3S8Hu29ktYnKSTgQp2wL", "NK-2sJaJRaPJcWUfMbHjTtWcL"],
            (),
        ),
        (
            "20240528014702-pfh",
            "ADD 1, MOD 1",
            ["NK-500Poltergeist", "NK-2T3S8Hu29ktYnKSTgQp2wL"],
            (),
        ),
        ("20240528074703-npf", "DEL 1", [], ("NK-500Poltergeist",)),
        ("20240528134729-3iv", "ADD 1", ["Q4365364"], ()),
    ],
)
def test_delta_file(
    shared_data: Path, version: str, ops: str, upserts: list[str], removed: tuple[str, ...]
) -> None:
    path = _delta(shared_data, version)
    assert sniff_ftm(path, read_head(path))
    parsed = parse_ftm([path])
    assert parsed.is_delta
    assert parsed.metadata["ops"] == ops
    assert [e.source_id for e in parsed.entities] == upserts
    assert parsed.removed == removed


def test_fold_the_index(folded: ParsedList, shared_data: Path) -> None:
    assert folded.is_delta and folded.source == "opensanctions"
    assert [e.source_id for e in folded.entities] == [
        "NK-2T3S8Hu29ktYnKSTgQp2wL",
        "NK-2sJaJRaPJcWUfMbHjTtWcL",
        "Q4365364",
    ]
    # NK-500Poltergeist: ADD in pfh, DEL in npf → removed, not upserted.
    assert folded.removed == ("NK-500Poltergeist",)
    assert folded.metadata["ops"] == "ADD 4, DEL 1, MOD 1"
    assert folded.metadata["versions"].split(", ")[0] == "20240527134702-zbn"  # the empty one
    assert folded.published == "2024-05-28"  # the index's updated_at
    assert len(folded.files) == 6 and folded.files[0].name == "delta.json"
    # The MOD in pfh replaced the ADD of wnk wholesale: the new version has no aliases.
    isil = folded.entities[0]
    added = parse_ftm([_delta(shared_data, "20240527194702-wnk")]).entities[0]
    assert len([n for n in added.names if n.kind == "alias"]) > 100
    assert [n for n in isil.names if n.kind == "alias"] == []
    plotnikov = folded.entities[2]
    assert plotnikov.caption == "Vladimir Nikolaevich PLOTNIKOV"
    assert plotnikov.birth_dates == (PartialDate("1961-11-30", DatePrecision.EXACT),)


def test_index_with_its_delta_files_is_one_publication(
    folded: ParsedList, shared_data: Path
) -> None:
    folder = shared_data / DELTAS
    files = sorted(folder.iterdir())
    assert {publication_key_ftm(p) for p in files} == {str(folder / "delta.json")}
    together = parse_ftm(files)
    assert together.entities == folded.entities and together.removed == folded.removed


def test_delta_files_without_index_fold_in_path_order(shared_data: Path) -> None:
    versions = ["20240528074703-npf", "20240527194702-wnk", "20240528014702-pfh"]
    parsed = parse_ftm([_delta(shared_data, v) for v in versions])
    assert parsed.removed == ("NK-500Poltergeist",)
    assert "NK-500Poltergeist" not in {e.source_id for e in parsed.entities}


def test_del_then_add_is_an_upsert(tmp_path: Path) -> None:
    person = {"id": "p1", "schema": "Person", "properties": {"name": ["Kim Chol"]}}
    path = _write_lines(
        tmp_path / "x.delta.json",
        [
            {
                "op": "ADD",
                "entity": {
                    "id": "s1",
                    "schema": "Sanction",
                    "properties": {"entity": ["p1"], "programId": ["UN-SC1718"]},
                },
            },
            {"op": "DEL", "entity": {"id": "p1"}},
            {"op": "ADD", "entity": person},
            {"op": "DEL", "entity": {"id": "s2", "schema": "Sanction"}},
        ],
    )
    parsed = parse_ftm([path])
    assert parsed.removed == ()  # p1 came back, s2 never was an entity
    assert [(e.source_id, e.programs) for e in parsed.entities] == [("p1", ("UN-SC1718",))]


def test_index_errors(shared_data: Path, tmp_path: Path) -> None:
    index = tmp_path / "delta.json"
    shutil.copy(shared_data / DELTAS / "delta.json", index)
    _raises(index, "version 20240527134702-zbn: delta file not found beside the index")
    stray = _write_lines(tmp_path / "other.delta.json", [{"op": "DEL", "entity": {"id": "x"}}])
    for path in (shared_data / DELTAS).iterdir():
        shutil.copy(path, tmp_path / path.name)
    with pytest.raises(
        ListFormatError, match="other.delta.json: not one of the delta files delta.json lists"
    ):
        parse_ftm([index, stray])
    index.write_text('{"versions": ["a", "b"]}', "utf-8")
    _raises(index, '"versions" must map version ids')


# Sniffing -------------------------------------------------------------------------------


def test_sniff(shared_data: Path, tmp_path: Path) -> None:
    for name in (ZALA, T1, f"{DELTAS}/delta.json"):
        assert sniff_ftm(shared_data / name, read_head(shared_data / name)), name
    for name in ("us_csl/csl_compact_2026-07-31.json", "un/un_consolidated_2026-05-08.xml"):
        assert not sniff_ftm(shared_data / name, read_head(shared_data / name)), name
    # A first line longer than the 64 KiB head is judged by its opening.
    long_line = {
        "id": "p1",
        "schema": "Person",
        "properties": {"name": ["Ri"], "notes": ["x" * 70_000]},
    }
    path = _write_lines(tmp_path / "long.ftm.json", [long_line])
    assert sniff_ftm(path, read_head(path))
    assert len(parse_ftm([path]).entities[0].remarks[0]) == 70_000
    assert not sniff_ftm(path, b"")
    assert not sniff_ftm(path, b'{"$comment": "x"}\n')
    assert not sniff_ftm(path, b'{"op": "PATCH", "entity": {}}\n')


def test_format() -> None:
    assert FORMAT.name == "ftm"
    assert FORMAT.label == "FollowTheMoney JSON lines (OpenSanctions exports and delta files)"
    assert FORMAT.parse is parse_ftm


# Bad input ------------------------------------------------------------------------------


def test_non_json_line(shared_data: Path, tmp_path: Path) -> None:
    lines = (shared_data / T1).read_text("utf-8").splitlines(keepends=True)
    lines.insert(3, "this is not JSON\n")
    path = tmp_path / "t1.ftm.json"
    path.write_text("".join(lines), "utf-8")
    _raises(path, "line 4: not JSON")


def test_truncated_file(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / ZALA).read_bytes()
    cut = len(data) // 2
    path = tmp_path / "zala.ftm.json"
    path.write_bytes(data[:cut])
    last_line = data[:cut].count(b"\n") + 1
    _raises(path, f"line {last_line}: not JSON")


def test_object_without_schema_or_id(tmp_path: Path) -> None:
    person = {"id": "p1", "schema": "Person", "properties": {"name": ["Ri"]}}
    path = _write_lines(tmp_path / "x.ftm.json", [person, {"id": "p2", "properties": {}}])
    _raises(path, "line 2: p2: object without a schema")
    path = _write_lines(tmp_path / "x.ftm.json", [person, {"schema": "Person"}])
    _raises(path, "line 2: object without an id")
    path = _write_lines(tmp_path / "x.ftm.json", [{"op": "ADD", "entity": {"id": "p3"}}])
    _raises(path, "line 1: p3: object without a schema")


def test_unknown_schema_is_refused(tmp_path: Path) -> None:
    # Schemata FtM knows but that are no list entity (Address, Sanction...) are counted; a
    # schema FtM does not know means the file is not what it claims to be.
    spaceship = {"id": "a", "schema": "Spaceship", "properties": {"name": ["A"]}}
    _raises(
        _write_lines(tmp_path / "x.ftm.json", [spaceship]),
        "line 1: a: unknown FtM schema 'Spaceship'",
    )
    delta = {"op": "ADD", "entity": spaceship}
    _raises(_write_lines(tmp_path / "x.delta.json", [delta]), "line 1: a: unknown FtM schema")


def test_malformed_records(tmp_path: Path) -> None:
    person = {"id": "p1", "schema": "Person", "properties": {"name": ["Ri"]}}
    cases: list[tuple[list[Any], str]] = [
        (
            [person, {"id": "p2", "schema": "Person", "properties": {"name": "Ri"}}],
            "line 2: p2: properties must map",
        ),
        ([person, person], "line 2: p1: the id repeats x.ftm.json line 1"),
        ([person, ["a list"]], "line 2: not a JSON object"),
        ([person, {"op": "DEL", "entity": {"id": "p1"}}], "line 2: a delta op in an entity export"),
        ([{"op": "DEL", "entity": {"id": "p1"}}, person], "line 2: not a delta op"),
        ([{"op": "DEL", "entity": {}}], "line 1: DEL without an entity id"),
        (
            [{"id": "p9", "schema": "Person", "properties": {"birthDate": ["circa 1960"]}}],
            "line 1: p9: not an ISO date prefix",
        ),
    ]
    for objects, fragment in cases:
        _raises(_write_lines(tmp_path / "x.ftm.json", objects), fragment)


def test_wrong_encoding(shared_data: Path, tmp_path: Path) -> None:
    lines = (shared_data / T1).read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b"Colonel", "Colonel é".encode("latin-1"), 1)
    path = tmp_path / "t1.ftm.json"
    path.write_bytes(b"\n".join(lines))
    _raises(path, "line 6", "0xe9")


def test_a_name_over_the_cap_is_refused_naming_file_line_and_id(
    shared_data: Path, tmp_path: Path
) -> None:
    objects = [json.loads(line) for line in (shared_data / ZALA).read_text("utf-8").splitlines()]
    target = next(i for i, o in enumerate(objects) if o["schema"] == "Person")
    objects[target]["properties"]["name"].append("A" * 1_000_000)
    path = _write_lines(tmp_path / "long.ftm.json", objects)
    _raises(
        path,
        f"line {target + 1}: {objects[target]['id']}",
        f"a name of 1,000,000 characters is longer than the {MAX_NAME_LENGTH:,} allowed",
    )
