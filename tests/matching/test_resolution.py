"""Cross-list resolution: one hit per designee, every listing under it, each link explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradescreen.matching import Screener
from tradescreen.matching.resolution import un_reference
from tradescreen.matching.screener import RELATIVE_MARGIN
from tradescreen.model import Entity, Identifier, Judgement, Name, PartialDate
from tradescreen.model.judgement import DIFFERENT, SAME
from tradescreen.sources.ofac_csv import parse_ofac_csv
from tradescreen.sources.uk_conlist import parse_uk_conlist
from tradescreen.sources.un_xml import parse_un_xml


@pytest.fixture(scope="module")
def screener(shared_data: Path) -> Screener:
    lists = (
        parse_un_xml([shared_data / "un" / "un_consolidated_2026-05-08.xml"]),
        parse_ofac_csv([shared_data / "ofac" / "sdn_csv_2022-11" / "sdn.csv"]),
        parse_uk_conlist([shared_data / "uk" / "ofsi_conlist_2018-04-13.csv"]),
    )
    return Screener(e for parsed in lists for e in parsed.entities)


def _listings(screener: Screener, name: str, schema: str) -> list[set[tuple[str, str]]]:
    return [
        {(listing.source, listing.source_id) for listing in hit.listings}
        for hit in screener.screen(name, schema=schema)
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # OFAC's spelling scores highest; the UN listing (the 1718 asset freeze) stays.
        ("Ocean Maritime Management Co Ltd", {("un", "KPe.020"), ("ofac-sdn", "17068")}),
        ("OCEAN MARITIME MANAGEMENT COMPANY, LIMITED", {("un", "KPe.020"), ("ofac-sdn", "17068")}),
        ("Korea Kwangson Banking Corp", {("un", "KPe.025"), ("ofac-sdn", "11581")}),
        ("Korea Kwangson Banking Corporation", {("un", "KPe.025"), ("ofac-sdn", "11581")}),
    ],
)
def test_one_hit_per_designee_lists_every_listing(
    screener: Screener, query: str, expected: set[tuple[str, str]]
) -> None:
    (listings, *others) = _listings(screener, query, "Organization")
    assert expected <= listings
    assert all(not (expected & other) for other in others)  # no listing shown twice


def test_the_un_listing_leads_among_equal_scores_and_each_link_says_why(
    screener: Screener,
) -> None:
    (hit,) = screener.screen("Ocean Maritime Management Company Limited", schema="Organization")
    assert (hit.source, hit.source_id) == ("un", "KPe.020")
    assert hit.listings[0].entity_id == hit.entity_id
    reasons = {(link.entity_id, link.other_id): link.reason for link in hit.links}
    assert reasons[("un-kpe-020", "ofac-sdn-17068")] == "same imoNumber 1790183"
    uk = next(ls for ls in hit.listings if ls.source == "uk-ofsi")
    assert reasons[("un-kpe-020", uk.entity_id)] == "cites UN reference KPe.020"


def test_the_relative_cut_applies_between_designees_never_within_one(
    screener: Screener,
) -> None:
    # The UN words it "CENTRAL MILITARY COMMISSION OF THE WORKERS' PARTY OF KOREA (CMC)":
    # below the cut from OFAC's exact wording, yet shown, for it is the same designee.
    (hit, *_) = screener.screen(
        "Workers' Party of Korea Central Military Commission", schema="Organization"
    )
    scores = {(ls.source, ls.source_id): ls.score for ls in hit.listings}
    assert scores[("ofac-sdn", "19489")] == 1.0
    assert scores[("un", "KPe.051")] < 1.0 - RELATIVE_MARGIN


def test_a_person_links_by_name_and_birth_date(screener: Screener) -> None:
    (hit, *_) = screener.screen("Choe Chun Sik", schema="Person", birth_date="1954-10-12")
    assert {ls.source for ls in hit.listings} == {"un", "ofac-sdn", "uk-ofsi"}
    assert all("birth date 1954-10-12" in link.reason for link in hit.links)


def _entity(source: str, source_id: str, name: str, **fields: object) -> Entity:
    schema = str(fields.pop("schema", "Organization"))
    return Entity(source, source_id, schema, (Name(name),), **fields)  # type: ignore[arg-type]


def _designees(entities: list[Entity]) -> set[frozenset[str]]:
    resolution = Screener(entities).resolution
    return {
        frozenset(entities[n].entity_id for n in resolution.listings(number))
        for number in range(len(entities))
    }


def test_listings_of_one_list_are_never_one_designee() -> None:
    imo = (Identifier("imoNumber", "IMO 9163154"),)
    entities = [
        _entity("un", "KPe.090", "JIN TAI SHIPPING", identifiers=imo),
        _entity("ofac-sdn", "1", "JIN TAI", identifiers=imo, schema="Vessel"),
        _entity("ofac-sdn", "2", "JIN TAI 2", identifiers=imo, schema="Vessel"),
    ]
    designees = _designees(entities)
    assert frozenset({"ofac-sdn-1", "ofac-sdn-2"}) not in designees
    assert not any({"ofac-sdn-1", "ofac-sdn-2"} <= d for d in designees)


def test_names_alone_link_only_where_countries_and_birth_dates_agree() -> None:
    entities = [
        _entity("un", "KPe.100", "Korea Unity Trading Corporation", countries=("kp",)),
        _entity("ofac-sdn", "10", "KOREA UNITY TRADING CORP", countries=("kp",)),
        _entity("uk-ofsi", "20", "Korea Unity Trading Corporation", countries=("ru",)),
        _entity("un", "KPi.200", "Kim Chol Ho", schema="Person"),
        _entity(
            "ofac-sdn",
            "30",
            "KIM Chol-Ho",
            schema="Person",
            birth_dates=(PartialDate.from_iso("1970-01-02"),),
        ),
    ]
    designees = _designees(entities)
    assert frozenset({"un-kpe-100", "ofac-sdn-10"}) in designees  # Corp is Corporation
    assert frozenset({"uk-ofsi-20"}) in designees  # another country: another company
    assert frozenset({"un-kpi-200"}) in designees  # a person's name alone links nothing


@pytest.mark.parametrize(
    ("remark", "expected"),
    [
        ("UN Ref KPi.013. Director of the Second Academy of Natural Sciences.", "KPi.013"),
        ("Annex XIII. UN Listing. UN Ref.KPI.067.", "KPi.067"),
        ("UN Reference Number: KPE.020. Associated with UN Ref KPe.018.", "KPe.020"),
        ("UN REF:QE.A.146.14. Old style reference.", None),
        ("Linked To: OCEAN MARITIME MANAGEMENT COMPANY LIMITED.", None),
    ],
)
def test_the_un_reference_a_listing_cites(remark: str, expected: str | None) -> None:
    assert un_reference(_entity("uk-ofsi", "1", "X Y", remarks=(remark,))) == expected


def _judged(first: str, second: str, judgement: str) -> Judgement:
    return Judgement(first, second, judgement, "ana", "2026-12-03T10:00:00+00:00", "checked")


def test_a_split_judgement_keeps_two_designees_apart_whatever_the_evidence(
    shared_data: Path,
) -> None:
    entities = [
        *parse_un_xml([shared_data / "un" / "un_consolidated_2026-05-08.xml"]).entities,
        *parse_ofac_csv([shared_data / "ofac" / "sdn_csv_2022-11" / "sdn.csv"]).entities,
    ]
    split = Screener(entities, [_judged("ofac-sdn-17068", "un-kpe-020", DIFFERENT)])
    hits = split.screen("Ocean Maritime Management Company Limited", schema="Organization")
    assert sorted((h.source, len(h.listings)) for h in hits) == [("ofac-sdn", 1), ("un", 1)]


def test_a_confirm_judgement_links_what_the_evidence_does_not() -> None:
    entities = [
        _entity("un", "KPi.200", "Kim Chol Ho", schema="Person"),
        _entity("uk-fcdo", "DPR0300", "KIM Chol Ho", schema="Person"),
    ]
    assert Screener(entities).resolution.links == {}
    confirmed = Screener(entities, [_judged("uk-fcdo-dpr0300", "un-kpi-200", SAME)])
    (hit,) = confirmed.screen("Kim Chol Ho", schema="Person")
    assert [ls.source_id for ls in hit.listings] == ["KPi.200", "DPR0300"]
    assert [link.reason for link in hit.links] == ["confirmed by ana on 2026-12-03: checked"]
