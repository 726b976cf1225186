"""Test fixtures.

Strategy: the official list files in ../shared/data are the fixtures; use the
smallest file that shows the point. Broken copies (truncated, mis-encoded, XML
bombs) are made from them in ``tmp_path`` by the tests that need them. Tests are
offline: a download path is tested against a local HTTP server.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Engine, create_engine, text

from tradescreen.settings import get_settings
from tradescreen.store import open_engine

SCRIPTS = Path(__file__).parents[1] / "scripts"
SHARED_DATA = (
    Path(os.environ.get("TRADESCREEN_SHARED", Path(__file__).parents[2] / "shared")) / "data"
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of official list files beside the project."""
    assert SHARED_DATA.is_dir(), f"missing {SHARED_DATA}: ../shared must sit beside the project"
    return SHARED_DATA


@pytest.fixture(scope="session")
def build_script() -> Callable[[str], ModuleType]:
    """Loads a table-building script of ``scripts/`` by name, to test its ``build``."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


# --- databases -------------------------------------------------------------
# Store tests run twice: on an embedded SQLite file and on a real PostgreSQL
# server. The server is a throwaway one started here with initdb/pg_ctl (as the
# `postgres` user when running as root, since PostgreSQL refuses root), unless
# TRADESCREEN_TEST_POSTGRES_URL points at a server that is already running.


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    assert found, f"PostgreSQL's {name} is not installed (apt-get install postgresql)"
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL prefix (without database name) of a PostgreSQL server for this test session."""
    given = os.environ.get("TRADESCREEN_TEST_POSTGRES_URL")
    if given:
        yield given.rstrip("/")
        return
    # Not under pytest's tmp_path: its parents are private to root, and the
    # server runs as `postgres`.
    root = Path(tempfile.mkdtemp(prefix="tradescreen-pg-"))
    datadir, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = dict(check=True, capture_output=True)
    subprocess.run(
        [
            *as_user,
            _pg_binary("initdb"),
            "-D",
            str(datadir),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        **run,
    )
    subprocess.run(
        [
            *as_user,
            _pg_binary("pg_ctl"),
            "-D",
            str(datadir),
            "-w",
            "-l",
            str(root / "log"),
            "-o",
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        **run,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_user, _pg_binary("pg_ctl"), "-D", str(datadir), "-m", "fast", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


_database_numbers = itertools.count()


def _fresh_postgres_database(server: str) -> str:
    name = f"t{os.getpid()}_{next(_database_numbers)}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: an SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty store."""
    store = open_engine(database_url)
    yield store
    store.dispose()


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point the CLI's settings at a fresh database and data directory."""
    monkeypatch.setenv("TRADESCREEN_DATABASE_URL", database_url)
    monkeypatch.setenv("TRADESCREEN_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()
