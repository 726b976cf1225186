"""Compiled lists: saved after an import, loaded by the next process, never stale."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
from sqlalchemy import Engine

import tradescreen.compiled as compiled
from tradescreen.compiled import compile_lists, compiled_lists
from tradescreen.matching import Screener
from tradescreen.model import EntityArchive
from tradescreen.sources.registry import parse_files
from tradescreen.store import entity_archive, import_publications, iter_entities

QUERIES = [
    ("Korea Mining Development Trading Corporation", "Organization"),
    ("Tanchon Commercial Bank", "Organization"),
    ("Tanchon Comercial Bank", None),
    ("Ri Je Son", "Person"),
    ("Choe Chun Sik", "Person"),
]


def _import(engine: Engine, path: Path) -> None:
    import_publications(engine, parse_files([path]))


@pytest.fixture
def un_engine(engine: Engine, shared_data: Path) -> Engine:
    _import(engine, shared_data / "un" / "un_consolidated_2026-02-27.xml")
    return engine


def _refuse_to_build(*_: object) -> None:
    raise AssertionError("the compiled lists were rebuilt, not loaded")


def test_saved_lists_are_loaded_not_rebuilt_and_screen_alike(
    un_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = compile_lists(un_engine, tmp_path)
    monkeypatch.setattr(compiled, "_build", _refuse_to_build)
    loaded = compiled_lists(un_engine, tmp_path)
    assert loaded is not built and loaded.versions == built.versions
    assert len(loaded.screener.entities) == len(built.screener.entities) > 1000
    for name, schema in QUERIES:
        expected = built.screener.screen(name, schema=schema)
        assert expected
        assert loaded.screener.screen(name, schema=schema) == expected
    assert loaded.vessels.by_name == built.vessels.by_name


def test_a_process_loads_the_lists_once_until_they_change(
    un_engine: Engine, tmp_path: Path, shared_data: Path
) -> None:
    first = compiled_lists(un_engine, tmp_path)
    assert compiled_lists(un_engine, tmp_path) is first
    _import(un_engine, shared_data / "un" / "un_consolidated_2026-05-08.xml")
    assert compiled_lists(un_engine, tmp_path) is not first


def test_a_loaded_screener_is_the_one_built_from_the_store(
    un_engine: Engine, tmp_path: Path
) -> None:
    """The artefact's screener answers like one built from the store's entities directly."""
    (version,) = compile_lists(un_engine, tmp_path).versions
    direct = Screener(iter_entities(un_engine, version.id))
    loaded = compiled_lists(un_engine, tmp_path).screener
    for name, schema in QUERIES:
        expected = direct.screen(name, schema=schema)
        assert expected
        assert loaded.screen(name, schema=schema) == expected


def test_a_new_latest_version_is_compiled_anew_and_the_old_artefact_removed(
    un_engine: Engine, tmp_path: Path, shared_data: Path
) -> None:
    first = compile_lists(un_engine, tmp_path)
    _import(un_engine, shared_data / "un" / "un_consolidated_2026-05-08.xml")
    second = compiled_lists(un_engine, tmp_path)
    assert [v.id for v in second.versions] != [v.id for v in first.versions]
    assert (first.versions[0].published, second.versions[0].published) == (
        "2026-02-27",
        "2026-05-08",
    )
    assert len(list(tmp_path.glob("*.compiled"))) == 1
    # An older publication imported later is history: the compiled lists stay.
    _import(un_engine, shared_data / "un" / "un_consolidated_2024-09-26.xml")
    assert compiled_lists(un_engine, tmp_path).versions == second.versions


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"PK\x03\x04" + data[4:], id="foreign-header"),
        pytest.param(lambda data: data[:200] + bytes(1000) + data[1200:], id="overwritten"),
    ],
)
def test_a_damaged_artefact_is_rebuilt_with_a_warning(
    un_engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: object
) -> None:
    built = compile_lists(un_engine, tmp_path)
    (artefact,) = tmp_path.glob("*.compiled")
    assert callable(damage)
    artefact.write_bytes(damage(artefact.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="tradescreen.compiled"):
        rebuilt = compiled_lists(un_engine, tmp_path)
    assert "rebuilding" in caplog.text and artefact.name in caplog.text
    assert rebuilt.versions == built.versions
    assert len(rebuilt.screener.entities) == len(built.screener.entities)
    caplog.clear()
    compiled._in_memory.clear()  # as a new process: from the file
    compiled_lists(un_engine, tmp_path)  # the rebuilt artefact was saved and is read
    assert "rebuilding" not in caplog.text


def test_a_directory_that_cannot_be_written_costs_a_warning_not_the_screening(
    un_engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the directory should be")
    with caplog.at_level(logging.WARNING, logger="tradescreen.compiled"):
        lists = compiled_lists(un_engine, blocked / "compiled")
    assert "cannot save the compiled lists" in caplog.text
    assert lists.screener.screen("Tanchon Commercial Bank", schema="Organization")
    assert not list(tmp_path.glob("**/*.tmp"))


def test_another_store_never_reads_this_stores_artefact(
    un_engine: Engine, tmp_path: Path, shared_data: Path
) -> None:
    from tradescreen.store import open_engine

    compile_lists(un_engine, tmp_path)
    other = open_engine(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        _import(other, shared_data / "us_csl" / "bis_dpl_2023-11-30.txt")
        lists = compiled_lists(other, tmp_path)
    finally:
        other.dispose()
    assert [v.source for v in lists.versions] == ["bis-dpl"]
    assert len(list(tmp_path.glob("*.compiled"))) == 2  # each store keeps its own


def test_an_entity_archive_decodes_on_access_and_pickles_its_texts_alone(
    un_engine: Engine, tmp_path: Path
) -> None:
    (version,) = compile_lists(un_engine, tmp_path).versions
    entities = list(iter_entities(un_engine, version.id))
    archive = entity_archive(un_engine, [version])
    assert isinstance(archive, EntityArchive)
    assert len(archive) == len(entities)
    assert archive[0] == entities[0] and archive[-1] == entities[-1]
    assert archive[0] is archive[0]  # decoded once, then kept
    assert archive[2:5] == entities[2:5]
    assert list(archive) == entities
    restored = pickle.loads(pickle.dumps(archive))
    assert restored._decoded == {} and list(restored) == entities
    with pytest.raises(IndexError):
        archive[len(entities)]
