"""Party screening: every listing that supports a finding is cited."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradescreen.matching.screener import DEFAULT_THRESHOLD, RELATIVE_MARGIN, Screener
from tradescreen.model.transaction import Party, Route, Transaction
from tradescreen.rules.catalogue import load_catalogue
from tradescreen.rules.evaluators.parties import PartyScreener, evaluate_parties
from tradescreen.sources.ofac_csv import parse_ofac_csv
from tradescreen.sources.uk_conlist import parse_uk_conlist
from tradescreen.sources.uk_fcdo import parse_uk_fcdo
from tradescreen.sources.un_xml import parse_un_xml


@pytest.fixture(scope="module")
def screener(shared_data: Path) -> PartyScreener:
    lists = (
        parse_un_xml([shared_data / "un" / "un_consolidated_2026-05-08.xml"]),
        parse_ofac_csv([shared_data / "ofac" / "sdn_csv_2022-11" / "sdn.csv"]),
        parse_uk_conlist([shared_data / "uk" / "ofsi_conlist_2018-04-13.csv"]),
        parse_uk_fcdo(
            [shared_data / "uk" / "fcdo_uk_sanctions_list_summary_2025-08-11.DERIVED.csv"]
        ),
    )
    return PartyScreener(Screener(e for parsed in lists for e in parsed.entities))


def test_every_listing_of_a_party_is_cited(screener: PartyScreener) -> None:
    # KOMID is on four of these lists; the UN listing sorts last among equal scores.
    tx = Transaction(
        "t",
        parties=(Party("consignee", "Korea Mining Development Trading Corporation", "KP"),),
        route=Route("CN", "KP"),
    )
    findings = evaluate_parties(tx, load_catalogue(), screener)
    cited = {(f.details["source"], f.details["source_id"]) for f in findings}
    assert cited == {
        ("ofac-sdn", "9345"),
        ("uk-fcdo", "DPR0157"),
        ("uk-ofsi", "10892"),
        ("un", "KPe.001"),
    }
    un_finding = next(f for f in findings if f.details["source"] == "un")
    assert un_finding.decision == "prohibited"


def test_a_listing_below_the_best_one_is_cited(screener: PartyScreener) -> None:
    # OFAC words it as the party does; the UN listing "CENTRAL MILITARY COMMISSION OF THE
    # WORKERS' PARTY OF KOREA (CMC)" scores lower but above the threshold: still cited.
    party = Party("consignee", "Workers' Party of Korea Central Military Commission", "KP")
    hits = {(ls.source, ls.source_id): ls.score for _, ls, _ in screener.screen(party)}
    assert hits[("ofac-sdn", "19489")] == 1.0
    assert DEFAULT_THRESHOLD <= hits[("un", "KPe.051")] < 1.0 - RELATIVE_MARGIN
