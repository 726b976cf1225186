"""Route checks: target country on the route, DPRK ports, transshipment hubs, bad codes."""

from __future__ import annotations

import pytest

from tradescreen.exc import TransactionError
from tradescreen.model.transaction import Party, Route, Transaction
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.evaluators.routes import evaluate_route, supply_path, target_involvement

CATALOGUE = load_catalogue()


def _summary(tx: Transaction) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.effect, f.evidence) for f in evaluate_route(tx, CATALOGUE)]


def test_destination_kp_names_the_path() -> None:
    tx = Transaction(id="t", route=Route(origin="DE", destination="KP", transit=("CN",)))
    [finding] = evaluate_route(tx, CATALOGUE)
    assert (finding.rule_id, finding.effect, finding.decision) == (
        "DPRK-CARGO-INSPECTION",
        "inspect",
        "review",
    )
    assert (finding.kind, finding.subject) == ("route", "route")
    assert finding.evidence == "cargo to final destination KP on route DE → CN → KP"
    assert finding.details["triggers"] == ["destination_dprk"]
    assert [b.paragraph for b in finding.legal_basis] == ["18", "13, 21"]


def test_kp_in_transit_and_origin() -> None:
    tx = Transaction(id="t", route=Route(origin="KP", destination="SY", transit=("CN",)))
    assert _summary(tx) == [
        ("DPRK-CARGO-INSPECTION", "inspect", "cargo from origin KP on route KP → CN → SY")
    ]
    tx = Transaction(id="t", route=Route(origin="RU", destination="CN", transit=("KP",)))
    assert _summary(tx) == [
        ("DPRK-CARGO-INSPECTION", "inspect", "cargo to transit through KP on route RU → KP → CN")
    ]


def test_brokered_by_a_kp_intermediary() -> None:
    tx = Transaction(
        id="t",
        route=Route(origin="DE", destination="MY"),
        parties=(Party("intermediary", "Korea Ryonbong General Corp", "KP"),),
    )
    assert _summary(tx) == [
        (
            "DPRK-CARGO-INSPECTION",
            "inspect",
            "intermediary 'Korea Ryonbong General Corp' (parties[0]) in KP",
        )
    ]


def test_transshipment_hub_port_is_a_review_red_flag() -> None:
    tx = Transaction(id="t", route=Route("DE", "CN", ports=("Hamburg", "Port of Dalian")))
    [finding] = evaluate_route(tx, CATALOGUE)
    assert (finding.rule_id, finding.effect) == ("RF-DPRK-TRANSSHIPMENT-HUB", "review")
    assert finding.evidence == "port 'Port of Dalian' is Dalian (CN) on route DE → CN"
    assert finding.details["pointer"] == "/route/ports/1"
    assert finding.verify is True  # Panel of Experts typology, not a confirmed citation


def test_dprk_port_outside_the_declared_route() -> None:
    # Declared DE → MY, but the vessel calls at Nampo: the DPRK is on the route after all.
    # A port call is no ship-to-ship transfer: the STS red flag is not raised.
    tx = Transaction(id="t", route=Route("DE", "MY", ports=("Nampho",)))
    assert _summary(tx) == [
        (
            "DPRK-CARGO-INSPECTION",
            "inspect",
            "port Nampo in KP on route DE → MY (declared destination MY)",
        ),
        (
            "RF-BIS-ABNORMAL-ROUTE",
            "review",
            "port 'Nampho' is in KP, which the declared route DE → MY does not include",
        ),
    ]


def test_hub_in_a_country_off_the_declared_route() -> None:
    tx = Transaction(id="t", route=Route("DE", "MY", ports=("Dandong",)))
    assert [f.rule_id for f in evaluate_route(tx, CATALOGUE)] == [
        "RF-DPRK-TRANSSHIPMENT-HUB",
        "RF-BIS-ABNORMAL-ROUTE",
    ]


def test_russian_far_east_ports_are_no_chinese_hubs() -> None:
    tx = Transaction(id="t", route=Route("DE", "RU", ports=("Vladivostok", "Находка")))
    assert evaluate_route(tx, CATALOGUE) == []
    off_route = Transaction(id="t", route=Route("DE", "MY", ports=("Vladivostok",)))
    assert _summary(off_route) == [
        (
            "RF-BIS-ABNORMAL-ROUTE",
            "review",
            "port 'Vladivostok' is in RU, which the declared route DE → MY does not include",
        )
    ]


def test_ports_raise_only_the_flags_their_guidance_names() -> None:
    # The hub flag is the Panel's typology of Chinese hubs; the STS flag is about transfers at
    # sea, which no port call shows.
    hubs = [p for p in CATALOGUE.ports if p.red_flag == "RF-DPRK-TRANSSHIPMENT-HUB"]
    assert {p.country for p in hubs} == {"CN"}
    assert {p.red_flag for p in CATALOGUE.ports} == {"RF-DPRK-TRANSSHIPMENT-HUB", None}
    countries = {p.name: p.country for p in CATALOGUE.ports}
    assert (countries["Vladivostok"], countries["Nakhodka"], countries["Rajin"]) == (
        "RU",
        "RU",
        "KP",
    )


def test_clean_route_has_no_findings() -> None:
    tx = Transaction(id="t", route=Route("DE", "FR", ("BE",), ("Antwerp",)))
    assert evaluate_route(tx, CATALOGUE) == []


@pytest.mark.parametrize(
    ("route", "pointer", "code"),
    [
        (Route("DE", "KP", ("XX",)), "/route/transit/0", "XX"),
        (Route("DE", "KP", ("CN", "SU")), "/route/transit/1", "SU"),
        (Route("UK", "KP"), "/route/origin", "UK"),  # GB is the ISO code
        (Route("DE", "NK"), "/route/destination", "NK"),
    ],
)
def test_unknown_country_code_is_an_error(route: Route, pointer: str, code: str) -> None:
    with pytest.raises(TransactionError) as info:
        evaluate_route(Transaction(id="t", route=route), CATALOGUE)
    assert info.value.pointer == pointer
    assert info.value.problem == f"{code!r} is not an ISO 3166-1 alpha-2 country code"


def test_supply_path_and_involvement() -> None:
    tx = Transaction(
        id="t",
        route=Route("DE", "CN"),
        parties=(Party("consignee", "A", "CN"), Party("end_user", "B", "KP")),
    )
    assert supply_path(tx, "KP", "to") == "end_user (parties[1]) in KP"
    assert target_involvement(tx, "KP") == "end_user (parties[1]) in KP"
    assert target_involvement(tx, "IR") is None
