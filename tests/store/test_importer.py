"""Importing publications: versions, identical content, deltas, and all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tradescreen.exc import ListFormatError
from tradescreen.model import Entity, Name
from tradescreen.sources.types import ParsedList
from tradescreen.sources.un_xml import parse_un_xml
from tradescreen.store import import_publications, iter_entities, list_versions_of, store_status
from tradescreen.store.tables import entity_records, list_versions, version_entities


def _row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table.name: conn.scalar(select(func.count()).select_from(table)) or 0
            for table in (list_versions, entity_records, version_entities)
        }


@pytest.fixture(scope="module")
def un_2026_05(shared_data: Path) -> ParsedList:
    return parse_un_xml([shared_data / "un/un_consolidated_2026-05-08.xml"])


@pytest.fixture(scope="module")
def un_2026_02(shared_data: Path) -> ParsedList:
    return parse_un_xml([shared_data / "un/un_consolidated_2026-02-27.xml"])


def test_import_creates_a_version_with_the_lists_own_date(
    engine: Engine, un_2026_05: ParsedList
) -> None:
    [result] = import_publications(engine, [un_2026_05])
    assert result.created
    assert (result.source, result.published, result.entity_count) == ("un", "2026-05-08", 1009)
    [version] = list_versions_of(engine, "un")
    assert version.files[0]["name"] == "un_consolidated_2026-05-08.xml"
    assert len(version.content_hash) == 64


def test_status_counts_by_schema_and_program(engine: Engine, un_2026_05: ParsedList) -> None:
    import_publications(engine, [un_2026_05])
    [status] = store_status(engine)
    assert status.by_schema == {"Organization": 272, "Person": 737}
    assert status.by_program["DPRK"] == 155
    assert status.by_program["Al-Qaida"] == 343


def test_reimporting_identical_content_creates_nothing(
    engine: Engine, un_2026_05: ParsedList
) -> None:
    [first] = import_publications(engine, [un_2026_05])
    before = _row_counts(engine)
    [again] = import_publications(engine, [un_2026_05])
    assert not again.created
    assert again.version_id == first.version_id
    assert _row_counts(engine) == before


def test_unchanged_entities_are_stored_once_across_versions(
    engine: Engine, un_2026_02: ParsedList, un_2026_05: ParsedList
) -> None:
    import_publications(engine, [un_2026_05, un_2026_02])
    counts = _row_counts(engine)
    assert counts["list_versions"] == 2
    assert counts["version_entities"] == 1003 + 1009
    assert counts["entity_records"] < 1003 + 1009  # shared content is stored once
    # Versions are ordered by the lists' own dates, whatever the import order.
    assert [v.published for v in list_versions_of(engine, "un")] == ["2026-02-27", "2026-05-08"]


def test_entities_read_back_equal_to_what_was_parsed(
    engine: Engine, un_2026_05: ParsedList
) -> None:
    [result] = import_publications(engine, [un_2026_05])
    stored = {e.source_id: e for e in iter_entities(engine, result.version_id)}
    assert stored == {e.source_id: e for e in un_2026_05.entities}


def test_a_failing_publication_rolls_back_the_whole_import(
    engine: Engine, un_2026_02: ParsedList, un_2026_05: ParsedList
) -> None:
    import_publications(engine, [un_2026_02])
    before = _row_counts(engine)
    twice = Entity("un", "KPi.001", "Person", (Name("A"),))
    broken = ParsedList("un-xml", "un-copy", None, [twice, twice], un_2026_05.files)
    with pytest.raises(ListFormatError, match="KPi.001: the identifier appears on two records"):
        import_publications(engine, [un_2026_05, broken])
    assert _row_counts(engine) == before


def test_a_delta_applies_to_the_latest_version(engine: Engine, un_2026_05: ParsedList) -> None:
    import_publications(engine, [un_2026_05])
    added = Entity("un", "KPi.999", "Person", (Name("NEW DESIGNEE"),), programs=("DPRK",))
    delta = ParsedList(
        "ftm", "un", "2026-05-09", [added], un_2026_05.files, is_delta=True, removed=("KPi.001",)
    )
    [result] = import_publications(engine, [delta])
    ids = {e.source_id for e in iter_entities(engine, result.version_id)}
    assert "KPi.999" in ids and "KPi.001" not in ids
    assert result.entity_count == 1009


def test_a_first_delta_may_only_add(engine: Engine, un_2026_05: ParsedList) -> None:
    added = Entity("feed", "P1", "Person", (Name("ONE"),))
    first = ParsedList("ftm", "feed", None, [added], un_2026_05.files, is_delta=True)
    [result] = import_publications(engine, [first])
    assert result.entity_count == 1
    deleting = ParsedList(
        "ftm", "other-feed", None, [], un_2026_05.files, is_delta=True, removed=("P1",)
    )
    with pytest.raises(ListFormatError, match="no earlier version of 'other-feed'"):
        import_publications(engine, [deleting])
    assert _row_counts(engine)["list_versions"] == 1
