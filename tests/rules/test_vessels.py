"""Vessel checks against the DPRK vessels of the real OFAC SDN list (November 2022)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradescreen.exc import TransactionError
from tradescreen.model.entity import Entity, Identifier, Name, NameKind
from tradescreen.model.transaction import Route, Transaction, VesselInfo
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.evaluators.vessels import VesselIndex, evaluate_vessel
from tradescreen.sources.ofac_csv import parse_ofac_csv

CATALOGUE = load_catalogue()


@pytest.fixture(scope="module")
def index(shared_data: Path) -> VesselIndex:
    parsed = parse_ofac_csv([shared_data / "ofac" / "sdn_csv_2022-11" / "sdn.csv"])
    return VesselIndex.from_entities(parsed.entities)


def _findings(
    index: VesselIndex, vessel: VesselInfo, route: Route | None = None
) -> list[tuple[str, str]]:
    transaction = Transaction(id="t", vessel=vessel, route=route or Route())
    return [(f.rule_id, f.effect) for f in evaluate_vessel(transaction, CATALOGUE, index)]


def test_index_holds_every_vessel_with_an_imo_number(index: VesselIndex) -> None:
    assert len(index) == 521
    dprk = {v.imo for vs in index.by_imo.values() for v in vs if "DPRK" in "".join(v.programs)}
    assert len(dprk) == 106  # every DPRK-programme vessel on the list has an IMO number
    [chon_ma_san] = index.lookup_imo("8660313")
    assert (chon_ma_san.name, chon_ma_san.flag, chon_ma_san.programs) == (
        "CHON MA SAN",
        "KP",
        ("DPRK4",),
    )
    assert index.lookup_imo("IMO8660313") == (chon_ma_san,)


def test_designated_imo_under_a_new_name_is_prohibited(index: VesselIndex) -> None:
    # STAR 18 was listed with its former names SAM 5 and THINH CUONG: the IMO number
    # stays when the name changes again.
    vessel = VesselInfo(name="OCEAN GLORY", imo="9020015", flag="PA")
    tx = Transaction(id="t", vessel=vessel)
    [finding] = evaluate_vessel(tx, CATALOGUE, index)
    assert (finding.rule_id, finding.effect, finding.decision) == (
        "DPRK-DESIGNATED-VESSELS",
        "deny_port_entry",
        "prohibited",
    )
    assert (finding.kind, finding.subject) == ("vessel", "vessel")
    assert finding.evidence == (
        "IMO9020015 is STAR 18 (ofac-sdn 28716, DPRK4); listed under former names "
        "SAM 5, THINH CUONG; listed flag VN; declared name 'OCEAN GLORY' differs: renamed vessel"
    )
    assert finding.details["source_id"] == "28716"
    assert finding.details["additional_effects"] == ["freeze", "deregister"]


def test_designated_imo_under_its_listed_name(index: VesselIndex) -> None:
    vessel = VesselInfo(name="Chon Ma San", imo="IMO 8660313", flag="KP")
    assert _findings(index, vessel) == [
        ("DPRK-DESIGNATED-VESSELS", "deny_port_entry"),
        ("DPRK-CARGO-INSPECTION", "inspect"),
        ("DPRK-CHARTER-DPRK-FLAG", "prohibited"),
    ]
    tx = Transaction(id="t", vessel=vessel)
    evidence = evaluate_vessel(tx, CATALOGUE, index)[0].evidence
    assert evidence == "IMO8660313 is CHON MA SAN (ofac-sdn 23729, DPRK4); listed flag KP"


def test_a_former_name_without_the_imo_number_is_review(index: VesselIndex) -> None:
    [finding] = evaluate_vessel(
        Transaction(id="t", vessel=VesselInfo(name="Sam 5")), CATALOGUE, index
    )
    assert (finding.rule_id, finding.effect) == ("DPRK-DESIGNATED-VESSELS", "review")
    assert finding.evidence == (
        "vessel name 'Sam 5' is a name of STAR 18 (ofac-sdn 28716, DPRK4), IMO9020015; "
        "declared IMO missing"
    )


def test_designations_under_other_programmes_are_not_this_regimes(index: VesselIndex) -> None:
    iran = Entity(
        source="test",
        source_id="1",
        schema="Vessel",
        names=(Name("SEA TEST"), Name("OLD TEST", NameKind.PREVIOUS_NAME)),
        identifiers=(Identifier("imoNumber", "IMO9000003"),),
        programs=("IRAN",),
    )
    other = VesselIndex.from_entities([iran])
    assert _findings(other, VesselInfo(name="X", imo="9000003")) == []


def test_a_clean_vessel_has_no_findings(index: VesselIndex) -> None:
    assert _findings(index, VesselInfo(name="MAERSK TEST", imo="9000003", flag="DK")) == []


def test_dprk_flag(index: VesselIndex) -> None:
    assert _findings(index, VesselInfo(name="UNLISTED", imo="9000003", flag="KP")) == [
        ("DPRK-CARGO-INSPECTION", "inspect"),
        ("DPRK-CHARTER-DPRK-FLAG", "prohibited"),
    ]


def test_ship_to_ship_transfer_and_ais_gap(index: VesselIndex) -> None:
    vessel = VesselInfo(imo="9000003", flag="PA", ship_to_ship_transfer=True, ais_gap_hours=36)
    assert _findings(index, vessel) == [
        ("RF-DPRK-VESSEL-AIS-GAP", "review"),
        ("RF-DPRK-VESSEL-STS", "review"),
    ]
    # An AIS gap below the catalogue's threshold (12 h) is not a flag.
    assert _findings(index, VesselInfo(imo="9000003", ais_gap_hours=3)) == []


def _sts(index: VesselIndex, vessel: VesselInfo, route: Route) -> list[tuple[str, str, str]]:
    transaction = Transaction(id="t", vessel=vessel, route=route)
    findings = evaluate_vessel(transaction, CATALOGUE, index)
    return [(f.rule_id, f.effect, f.evidence) for f in findings if f.rule_id == "DPRK-STS-TRANSFER"]


def test_sts_transfer_with_a_dprk_flagged_vessel_is_prohibited(index: VesselIndex) -> None:
    # S/RES/2375 para 11: ship-to-ship transfers to or from DPRK-flagged vessels.
    kp_counterpart = VesselInfo(
        imo="9000003", flag="SL", ship_to_ship_transfer=True, ship_to_ship_counterpart_flag="KP"
    )
    assert _sts(index, kp_counterpart, Route("RU", "CN")) == [
        ("DPRK-STS-TRANSFER", "prohibited", "ship-to-ship transfer with a KP-flagged vessel")
    ]
    kp_vessel = VesselInfo(imo="9000003", flag="KP", ship_to_ship_transfer=True)
    assert _sts(index, kp_vessel, Route("RU", "CN")) == [
        ("DPRK-STS-TRANSFER", "prohibited", "ship-to-ship transfer by a KP-flagged vessel")
    ]


def test_sts_transfer_between_other_flags_is_at_most_review(index: VesselIndex) -> None:
    # A Sierra Leone-flagged tanker delivering to the DPRK by ship-to-ship transfer, the other
    # vessel's flag undeclared: the paragraph's condition (a DPRK-flagged vessel) is open.
    vessel = VesselInfo(imo="9000003", flag="SL", ship_to_ship_transfer=True, ais_gap_hours=40)
    found = evaluate_vessel(
        Transaction(id="t", vessel=vessel, route=Route("RU", "KP")), CATALOGUE, index
    )
    assert {f.effect for f in found} == {"review"}
    assert _sts(index, vessel, Route("RU", "KP")) == [
        (
            "DPRK-STS-TRANSFER",
            "review",
            "ship-to-ship transfer of goods supplied to KP (final destination KP on route RU → KP) "
            "by a vessel flagged SL; the other vessel's flag is not declared: prohibited if it "
            "flies the KP flag",
        )
    ]
    # Both flags declared and neither is KP: the rule does not apply, the red flag stays.
    both = VesselInfo(
        imo="9000003", flag="SL", ship_to_ship_transfer=True, ship_to_ship_counterpart_flag="PA"
    )
    assert _sts(index, both, Route("RU", "KP")) == []
    assert ("RF-DPRK-VESSEL-STS", "review") in _findings(index, both, Route("RU", "KP"))
    # No goods to or from the DPRK and no DPRK flag: none of the regime's business.
    assert (
        _sts(
            index,
            VesselInfo(imo="9000003", flag="SL", ship_to_ship_transfer=True),
            Route("RU", "CN"),
        )
        == []
    )


def test_imo_number_with_a_wrong_check_digit_is_a_red_flag(index: VesselIndex) -> None:
    tx = Transaction(id="t", vessel=VesselInfo(imo="9000000"))
    [finding] = evaluate_vessel(tx, CATALOGUE, index)
    assert (finding.rule_id, finding.effect) == ("RF-DPRK-VESSEL-ID-TAMPER", "review")
    assert finding.evidence == "IMO number 9000000 fails the IMO check digit: altered or false"


@pytest.mark.parametrize("imo", ["900000", "IMO 90000001", "ABCDEFG"])
def test_malformed_imo_number_is_an_error(index: VesselIndex, imo: str) -> None:
    with pytest.raises(TransactionError) as info:
        evaluate_vessel(Transaction(id="t", vessel=VesselInfo(imo=imo)), CATALOGUE, index)
    assert info.value.pointer == "/vessel/imo"


def test_no_vessel_no_findings(index: VesselIndex) -> None:
    assert evaluate_vessel(Transaction(id="t"), CATALOGUE, index) == []
