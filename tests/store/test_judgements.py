"""Judgements on cross-list links: stored by entity id, kept across imports, audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tradescreen.compiled import compiled_lists
from tradescreen.exc import InputError, NotFoundError
from tradescreen.sources.registry import parse_files
from tradescreen.store import import_publications, judge_listings, list_judgements
from tradescreen.store.audit import read_chain, verify_chain

UN = "un/un_consolidated_2026-05-08.xml"
SDN = "ofac/sdn_csv_2022-11/sdn.csv"


@pytest.fixture
def un_ofac(engine: Engine, shared_data: Path) -> Engine:
    import_publications(engine, parse_files([shared_data / UN]))
    import_publications(engine, parse_files([shared_data / SDN]))
    return engine


def test_a_judgement_is_stored_once_per_pair_and_audited(un_ofac: Engine) -> None:
    judge_listings(un_ofac, "un-kpe-020", "ofac-sdn-17068", "same", "ana", "one IMO number")
    judge_listings(un_ofac, "ofac-sdn-17068", "un-kpe-020", "different", "ben", "two firms")
    (judged,) = list_judgements(un_ofac)
    assert (judged.entity_id, judged.other_id) == ("ofac-sdn-17068", "un-kpe-020")
    assert (judged.judgement, judged.actor, judged.note) == ("different", "ben", "two firms")
    records = list(read_chain(un_ofac))
    judged_records = [r for r in records if r.action == "resolution.judge"]
    assert [r.details["judgement"] for r in judged_records] == ["same", "different"]
    assert verify_chain(records).ok


def test_a_judgement_survives_a_new_list_version(un_ofac: Engine, shared_data: Path) -> None:
    judge_listings(un_ofac, "un-kpe-020", "ofac-sdn-17068", "different", "ana")
    import_publications(
        un_ofac, parse_files([shared_data / "ofac" / "cons_xml_2026-01-08" / "consolidated.xml"])
    )
    assert [j.judgement for j in list_judgements(un_ofac)] == ["different"]


@pytest.mark.parametrize(
    ("first", "second", "judgement", "error", "message"),
    [
        ("un-kpe-020", "ofac-sdn-0", "same", NotFoundError, "no listing 'ofac-sdn-0'"),
        ("un-kpe-020", "un-kpe-020", "same", InputError, "is one listing"),
        ("un-kpe-020", "ofac-sdn-17068", "maybe", InputError, "not 'maybe'"),
    ],
)
def test_a_judgement_on_unknown_or_one_listing_is_refused_and_nothing_is_stored(
    un_ofac: Engine,
    first: str,
    second: str,
    judgement: str,
    error: type[Exception],
    message: str,
) -> None:
    before = len(list(read_chain(un_ofac)))
    with pytest.raises(error, match=message):
        judge_listings(un_ofac, first, second, judgement, "ana")
    assert list_judgements(un_ofac) == []
    assert len(list(read_chain(un_ofac))) == before


def test_a_judgement_recompiles_the_lists(un_ofac: Engine, tmp_path: Path) -> None:
    query = ("Ocean Maritime Management Company Limited", "Organization")
    (hit,) = compiled_lists(un_ofac, tmp_path).screener.screen(query[0], schema=query[1])
    assert len(hit.listings) == 2
    judge_listings(un_ofac, "un-kpe-020", "ofac-sdn-17068", "different", "ana")
    hits = compiled_lists(un_ofac, tmp_path).screener.screen(query[0], schema=query[1])
    assert sorted(h.source for h in hits) == ["ofac-sdn", "un"]
