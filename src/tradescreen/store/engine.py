"""Opening the database and bringing its schema to the current migration."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from tradescreen.exc import StoreError

__all__ = ["open_engine", "schema_head"]

MIGRATIONS = Path(__file__).parent / "migrations"


def _enable_sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def schema_head() -> str:
    """The newest migration: the revision of ``versions/NNNN_name.py`` with the highest NNNN
    (each migration's ``revision`` is its number)."""
    return max(
        path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")
    )


def _schema_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for a database Alembic has not set up."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None


def open_engine(url: str) -> Engine:
    """An engine for ``url`` whose database is migrated to the latest schema.

    A database already at the newest migration is opened without loading Alembic (a
    quarter of a second of each command's start)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        if _schema_revision(engine) != schema_head():
            _upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the store at {parsed.render_as_string()}: {exc}") from exc
    return engine


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
