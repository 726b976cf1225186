"""Screening against the real UN and OFAC lists: the acceptance examples of the issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradescreen.exc import InputError
from tradescreen.matching import DEFAULT_THRESHOLD, Screener, compare_names
from tradescreen.model import MAX_NAME_LENGTH, DatePrecision, Entity, Name, PartialDate
from tradescreen.sources.ofac_csv import parse_ofac_csv
from tradescreen.sources.un_xml import parse_un_xml


@pytest.fixture(scope="module")
def un_entities(shared_data: Path) -> list[Entity]:
    return parse_un_xml([shared_data / "un" / "un_consolidated_2026-05-08.xml"]).entities


@pytest.fixture(scope="module")
def screener(shared_data: Path, un_entities: list[Entity]) -> Screener:
    """UN (2026-05-08) and OFAC SDN (2022-11): KIM Jong Un is on the SDN list only."""
    sdn = parse_ofac_csv([shared_data / "ofac" / "sdn_csv_2022-11" / "sdn.csv"]).entities
    return Screener(un_entities + sdn)


@pytest.mark.parametrize(
    "query", ["김정은", "金正恩", "Kim Jong-un", "Kim Jong Eun", "KIM JONG UN"]
)
def test_kim_jong_un_in_any_script_or_spelling(screener: Screener, query: str) -> None:
    hits = screener.screen(query)
    assert hits and (hits[0].source, hits[0].source_id) == ("ofac-sdn", "20157")
    assert hits[0].band == "strong"


@pytest.mark.parametrize("query", ["Kim Yo Jong", "Kim Jong Il"])
def test_relatives_do_not_match_kim_jong_un(screener: Screener, query: str) -> None:
    assert all(h.source_id != "20157" for h in screener.screen(query))


@pytest.mark.parametrize("query", ["Ri Je Son", "Lee Je-seon", "리제선"])
def test_ri_je_son_found_on_the_un_list(screener: Screener, query: str) -> None:
    un_hits = [h for h in screener.screen(query) if h.source == "un"]
    assert [h.source_id for h in un_hits] == ["KPi.002"]
    assert un_hits[0].name == "RI JE-SON"
    assert un_hits[0].score >= 0.95


def test_hit_explains_itself(screener: Screener) -> None:
    (hit,) = [h for h in screener.screen("Lee Je-seon", birth_date="1938") if h.source == "un"]
    assert hit.entity_id == "un-kpi-002"
    assert hit.matched_name == "RI JE-SON"
    assert "lee = ri (Korean surname romanisation)" in hit.explanation
    assert "birth year 1938 within 1938" in hit.explanation
    assert [f.name for f in hit.features] == ["name", "birth_date"]


def test_original_script_reading_is_explained(screener: Screener) -> None:
    (hit,) = [h for h in screener.screen("金正恩") if h.source_id == "20157"]
    assert hit.explanation.startswith(
        "Name matches listed name 'KIM, Jong Un' (1.00: 金正恩 read as 'kim jong un': kim = kim;"
    )


def test_birth_date_far_off_lowers_the_score(screener: Screener) -> None:
    plain = [h for h in screener.screen("Ri Je Son") if h.source == "un"][0]
    older = [
        h
        for h in screener.screen("Ri Je Son", birth_date="1970", threshold=0.5)
        if h.source == "un"
    ][0]
    assert older.score < plain.score - 0.1


def test_organisations_acronyms_and_legal_forms(screener: Screener) -> None:
    for query in (
        "Korea Mining Development Trading Corporation",
        "KOMID",
        "Korea Mining Development Trading Co., Ltd.",
    ):
        hits = screener.screen(query, schema="Organization")
        assert "KPe.001" in {h.source_id for h in hits}, query


def test_vessel_by_name_and_by_imo(screener: Screener) -> None:
    # OFAC SDN 17069: CHONG CHON GANG, IMO 7937317 (DPRK programme).
    by_name = screener.screen("M/V Chong Chon Gang", schema="Vessel")
    assert by_name[0].source_id == "17069"
    renamed = screener.screen(
        "Some Other Name", schema="Vessel", identifiers={"imoNumber": "7937317"}
    )
    assert renamed[0].source_id == "17069" and renamed[0].score == 1.0
    assert "decisive" in renamed[0].explanation


@pytest.mark.parametrize(("imo", "forged"), [("9112856", False), ("9999999", True)])
def test_another_imo_lowers_a_vessel_name_match_but_keeps_it(
    screener: Screener, imo: str, forged: bool
) -> None:
    [hit] = screener.screen("Chong Chon Gang", schema="Vessel", identifiers={"imoNumber": imo})
    assert (hit.source_id, hit.band) == ("17069", "possible")
    assert hit.score < 1.0
    assert f"imoNumber {imo} vs listed IMO7937317" in hit.explanation
    assert ("fails the IMO check digit" in hit.explanation) is forged


def test_a_vessel_name_written_as_one_word(screener: Screener) -> None:
    assert screener.screen("CHONGCHONGANG", schema="Vessel")[0].source_id == "17069"
    assert screener.screen("Chong Chongang", schema="Vessel")[0].source_id == "17069"


def test_imo_numbers_from_un_remarks_find_the_company(un_entities: list[Entity]) -> None:
    # KPe.020 says only in its comments: "International Maritime Organization (IMO) Number: 1790183".
    hits = Screener(un_entities).screen("OMM", schema=None, identifiers={"imoNumber": "1790183"})
    assert [(h.source_id, h.score) for h in hits] == [("KPe.020", 1.0)]


def test_clean_names_raise_no_alert(screener: Screener) -> None:
    for query in ("John Smith", "Vladimir Lebedev Petrovich", "Golden Star Logistics GmbH"):
        assert screener.screen(query, schema="LegalEntity") == [], query
    assert DEFAULT_THRESHOLD == 0.82


def test_a_word_added_to_an_alias_where_the_full_name_has_another(screener: Screener) -> None:
    """The UN lists GHAZY FEZZA HISHAN AL-MAZIDIH with the alias Ghazy Fezzaa Hishan: a
    query adding Khalid to the alias contradicts the full name, which says Al-Mazidih."""
    assert "QDi.277" in {h.source_id for h in screener.screen("Ghazy Fezzaa Hishan")}
    assert "QDi.277" in {h.source_id for h in screener.screen("Ghazy Fezza Hishan al-Mazidih")}
    assert not screener.screen("Ghazy Fezza Hishan Khalid")
    weak = screener.screen("Ghazy Fezza Hishan Khalid", threshold=0.5)
    (weak,) = [h for h in weak if h.source_id == "QDi.277"]
    assert weak.matched_name == "GHAZY FEZZA HISHAN AL-MAZIDIH"
    assert "khalid unmatched in query; almazidih unmatched in list name" in weak.explanation


def _person(source_id: str, *names: str) -> Entity:
    from tradescreen.model import Name

    return Entity("test", source_id, "Person", tuple(Name(n) for n in names))


def test_frequency_factors_weigh_common_tokens_less() -> None:
    from tradescreen.matching.screener import (
        COMMON_AT,
        COMMON_FROM,
        FACTOR_STEP,
        MIN_COMMON_FACTOR,
        frequency_factors,
    )

    factors = frequency_factors({"aulaqi": 3, "ahmed": 300, "ali": COMMON_AT * 2})
    assert "aulaqi" not in factors and COMMON_FROM > 3
    assert MIN_COMMON_FACTOR < factors["ahmed"] < 1.0
    assert factors["ali"] == MIN_COMMON_FACTOR
    assert round(factors["ahmed"] / FACTOR_STEP, 6).is_integer()  # few weight patterns


def test_hits_well_below_the_best_are_dropped_unless_asked_for() -> None:
    screener = Screener(
        [
            _person("1", "Abdullahi Osman Mohamed Caddow"),
            _person("2", "MOHAMED, Abdullahi Osman"),
        ]
    )
    hits = screener.screen("Abdullahi Osman Mohamed Caddow")
    assert [h.source_id for h in hits] == ["1"]
    wide = screener.screen("Abdullahi Osman Mohamed Caddow", margin=1.0)
    assert [h.source_id for h in wide] == ["1", "2"]
    assert len(screener.screen("Abdullahi Osman Mohamed Caddow", threshold=0.5)) == 2


def test_common_tokens_are_named_in_the_explanation() -> None:
    kims = [_person(str(n), f"Kim Chol {n}") for n in range(200)]  # "kim" is common here
    screener = Screener([*kims, _person("x", "Kim Jong Un")])
    hit = screener.screen("Kim Jong Un")[0]
    assert hit.source_id == "x" and hit.score == 1.0
    assert "kim common on the lists (agreeing counts less)" in hit.explanation


def test_a_name_on_several_lists_is_indexed_once_and_hits_each_entity() -> None:
    screener = Screener(
        [
            _person("un", "ABU RUSDAN"),
            _person("ofac", "RUSDAN, Abu"),
            _person("uk", "Abu RUSDAN", "Abu Rusdan"),
        ]
    )
    assert screener.name_count == 4
    assert screener._indexes["person"].size == 2  # abu rusdan, rusdan abu
    hits = screener.screen("Abu Rusdan")
    assert sorted(h.source_id for h in hits) == ["ofac", "uk", "un"]
    assert {h.matched_name for h in hits} == {"ABU RUSDAN", "RUSDAN, Abu", "Abu RUSDAN"}


def test_evidence_lifts_a_name_just_below_the_threshold_into_an_alert() -> None:
    listed = Entity(
        "test",
        "1",
        "Person",
        (Name("BORIS IVANOVICH KOZLOV"),),
        birth_dates=(PartialDate("1961-03-02", DatePrecision.EXACT),),
        nationalities=("ru",),
    )
    screener = Screener([listed])
    query = "Boris Ivanovich Kozlof Alexeev"
    assert compare_names(query, "BORIS IVANOVICH KOZLOV") < DEFAULT_THRESHOLD
    assert screener.screen(query) == []
    (hit,) = screener.screen(query, birth_date="1961-03-02", country="ru")
    assert hit.score >= DEFAULT_THRESHOLD
    assert [f.name for f in hit.features] == ["name", "birth_date", "country"]


def test_a_name_over_the_cap_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_analysis(*args: object) -> None:
        raise AssertionError("the name was analysed")

    monkeypatch.setattr("tradescreen.matching.screener.analyze_name", no_analysis)
    long_name = "Kim " * 250_000
    with pytest.raises(InputError, match="a name of 1,000,000 characters is longer than"):
        Screener([]).screen(long_name)
    with pytest.raises(InputError, match="1,000,000 characters"):
        compare_names("Kim Jong Un", long_name)
    with pytest.raises(InputError, match="1,000,000 characters"):
        compare_names(long_name, "Kim Jong Un")


def test_a_name_at_the_cap_is_screened(screener: Screener) -> None:
    name = "Ri Je-son " + "x" * (MAX_NAME_LENGTH - 10)
    assert len(name) == MAX_NAME_LENGTH
    assert isinstance(screener.screen(name), list)


@pytest.mark.parametrize(
    ("query", "source_id"),
    [
        ("KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)", "KPe.001"),
        ("GREEN PINE ASSOCIATED CORPORATION (Green Pine)", "KPe.010"),
        # the UN lists OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM) only so
        ("OMM", "KPe.020"),
        ("Ocean Maritime Management Company, Limited", "KPe.020"),
    ],
)
def test_a_name_with_its_short_name_in_brackets(
    un_entities: list[Entity], query: str, source_id: str
) -> None:
    hits = Screener(un_entities).screen(query, schema=None)
    assert (hits[0].source_id, hits[0].score) == (source_id, 1.0)


@pytest.mark.parametrize("query", ["K.O.M.I.D.", "K-O-M-I-D", "\u202eDIMOK", "KO\u200bMID"])
def test_a_spelt_out_or_hidden_komid_is_found_and_hidden_characters_flagged(
    un_entities: list[Entity], query: str
) -> None:
    [hit] = Screener(un_entities).screen(query, schema="Organization")
    assert (hit.source_id, hit.score) == ("KPe.001", 1.0)
    flagged = [f for f in hit.features if f.name == "hidden_characters"]
    assert bool(flagged) is (not query.isascii())
    assert not flagged or "evasion signal" in hit.explanation
