"""Diffs between list versions, by the source's own identifier."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tradescreen.exc import InputError, NotFoundError
from tradescreen.sources.un_xml import parse_un_xml
from tradescreen.store import diff_latest, diff_versions, import_publications


@pytest.fixture
def un_store(engine: Engine, shared_data: Path) -> Engine:
    files = ["un_consolidated_2026-02-27.xml", "un_consolidated_2026-05-08.xml"]
    import_publications(engine, [parse_un_xml([shared_data / "un" / f]) for f in files])
    return engine


def test_un_diff_february_to_may_2026(un_store: Engine) -> None:
    diff = diff_latest(un_store, "un")
    assert (diff.old.published, diff.new.published) == ("2026-02-27", "2026-05-08")
    assert len(diff.added) == 7
    assert len(diff.removed) == 1
    assert diff.modified, "records updated between the two releases are reported"
    # The May release corrects the INTERPOL link in the comments on DRC entities,
    # which pointed at the notices for individuals.
    cde001 = next(m for m in diff.modified if m.source_id == "CDe.001")
    [remarks] = [c for c in cde001.changes if c.field == "remarks"]
    assert remarks.added and remarks.added[0].endswith("View-UN-Notices-Entities")
    assert remarks.removed and remarks.removed[0].endswith("View-UN-Notices-Individuals")
    for change in diff.modified:
        assert change.changes, f"{change.source_id} is reported modified without a changed field"
        assert all(c.old != c.new for c in change.changes)


def test_list_field_changes_name_the_items_added_and_removed(un_store: Engine) -> None:
    diff = diff_latest(un_store, "un")
    list_changes = [c for m in diff.modified for c in m.changes if c.added is not None]
    assert list_changes
    for change in list_changes:
        assert change.added or change.removed
        assert all(item in change.new for item in change.added or [])
        assert all(item in change.old for item in change.removed or [])


def test_diff_in_reverse_swaps_added_and_removed(un_store: Engine) -> None:
    forward = diff_latest(un_store, "un")
    backward = diff_versions(un_store, forward.new.id, forward.old.id)
    assert [c.source_id for c in backward.added] == [c.source_id for c in forward.removed]
    assert [c.source_id for c in backward.removed] == [c.source_id for c in forward.added]
    assert len(backward.modified) == len(forward.modified)


def test_diff_needs_two_versions_of_one_source(engine: Engine, shared_data: Path) -> None:
    import_publications(engine, [parse_un_xml([shared_data / "un/un_consolidated_2026-05-08.xml"])])
    with pytest.raises(NotFoundError, match="only one version"):
        diff_latest(engine, "un")
    with pytest.raises(NotFoundError, match="no list versions"):
        diff_latest(engine, "ofac-sdn")
    with pytest.raises(NotFoundError):
        diff_versions(engine, 1, 99)


def test_diff_across_sources_is_refused(un_store: Engine, shared_data: Path) -> None:
    other = parse_un_xml([shared_data / "un/un_consolidated_2024-09-26.xml"], source="un-old")
    [result] = import_publications(un_store, [other])
    with pytest.raises(InputError, match="different sources"):
        diff_versions(un_store, 1, result.version_id)
