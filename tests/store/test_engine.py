"""The store's schema: migrations create exactly the tables the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from tradescreen.store import open_engine
from tradescreen.store.tables import metadata


def test_migrations_match_the_declared_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_opening_twice_keeps_the_schema_at_head(database_url: str) -> None:
    first = open_engine(database_url)
    first.dispose()
    second = open_engine(database_url)
    tables = set(inspect(second).get_table_names())
    second.dispose()
    assert {
        "list_versions",
        "entity_records",
        "version_entities",
        "record_programs",
        "download_state",
        "alembic_version",
    } <= tables
