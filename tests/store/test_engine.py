"""The store's schema: migrations create exactly the tables the code declares."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from tradescreen.store import open_engine
from tradescreen.store.engine import MIGRATIONS, schema_head
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


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def test_the_schema_head_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(_alembic_config()).get_heads() == [schema_head()]


def test_a_database_behind_the_head_is_upgraded(database_url: str) -> None:
    engine = open_engine(database_url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    assert "audit_log" not in inspect(engine).get_table_names()
    engine.dispose()
    reopened = open_engine(database_url)
    assert "audit_log" in inspect(reopened).get_table_names()
    with reopened.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    reopened.dispose()
    assert revision == schema_head()
