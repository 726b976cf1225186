"""Importing publications: versions, identical content, deltas, and all-or-nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tradescreen.exc import ListFormatError, ShrinkRefusedError
from tradescreen.model import Entity, Name
from tradescreen.sources.types import ParsedList
from tradescreen.sources.un_xml import parse_un_xml
from tradescreen.store import import_publications, iter_entities, list_versions_of, store_status
from tradescreen.store.importer import MAX_SHRINK
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


def _later(parsed: ParsedList, keep: int) -> ParsedList:
    """The same list published a day later with only its first ``keep`` entities."""
    return dataclasses.replace(parsed, published="2026-05-09", entities=parsed.entities[:keep])


@pytest.mark.parametrize("keep", [0, 700])  # all dropped; 31 % of 1,009 dropped
def test_a_new_latest_version_that_empties_or_shrinks_the_list_is_refused(
    engine: Engine, un_2026_05: ParsedList, keep: int
) -> None:
    import_publications(engine, [un_2026_05])
    before = _row_counts(engine)
    expected = "without entities" if keep == 0 else "1009 entities\\) with 700, dropping 31%"
    with pytest.raises(ShrinkRefusedError, match=expected) as refused:
        import_publications(engine, [_later(un_2026_05, keep)])
    assert str(refused.value).startswith("un_consolidated_2026-05-08.xml: ")
    assert "--allow-shrink" in str(refused.value)
    assert _row_counts(engine) == before
    [result] = import_publications(engine, [_later(un_2026_05, keep)], allow_shrink=True)
    assert result.created and result.entity_count == keep
    assert list_versions_of(engine, "un")[-1].id == result.version_id


def test_a_list_that_loses_less_than_the_share_is_imported(
    engine: Engine, un_2026_05: ParsedList
) -> None:
    import_publications(engine, [un_2026_05])
    keep = int(1009 * (1 - MAX_SHRINK)) + 1  # 808: 19.9 % dropped
    [result] = import_publications(engine, [_later(un_2026_05, keep)])
    assert result.created and result.entity_count == keep


def test_a_first_version_without_entities_is_refused(
    engine: Engine, un_2026_05: ParsedList
) -> None:
    with pytest.raises(ShrinkRefusedError, match="create a version of 'un' without entities"):
        import_publications(engine, [_later(un_2026_05, 0)])
    assert _row_counts(engine)["list_versions"] == 0


def test_an_older_smaller_publication_is_history_and_replaces_nothing(
    engine: Engine, un_2026_05: ParsedList
) -> None:
    import_publications(engine, [un_2026_05])
    older = dataclasses.replace(un_2026_05, published="2025-01-01", entities=[])
    [result] = import_publications(engine, [older])
    assert result.created
    [status] = store_status(engine)
    assert (status.latest.published, status.latest.entity_count) == ("2026-05-08", 1009)
