"""Every ``TRADESCREEN_*`` environment variable, read in this one place.

=============================  ==========================================================
``TRADESCREEN_DATABASE_URL``   SQLAlchemy URL of the store. Default: an SQLite file in
                               the user's data directory (``tradescreen.db``).
``TRADESCREEN_DATA_DIR``       Directory for the default database and downloads.
                               Default: the platform's user data directory.
``TRADESCREEN_SOURCES_FILE``   YAML file overriding the publishers' download URLs used by
                               ``tradescreen lists update``. Default: the bundled
                               ``data/sources.yml``.
``TRADESCREEN_HTTP_TIMEOUT``   Seconds to wait for a publisher's server. Default: 60.
``TRADESCREEN_USER``           Who the audit log names as acting. Default: the
                               operating-system user.
=============================  ==========================================================
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

from tradescreen.exc import ConfigError

__all__ = ["Settings", "get_settings"]

BUNDLED_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    sources_file: Path
    http_timeout: float
    user: str


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the environment once; tests call ``get_settings.cache_clear()`` after changing it."""
    data_dir = Path(
        os.environ.get("TRADESCREEN_DATA_DIR") or platformdirs.user_data_dir("tradescreen")
    )
    database_url = os.environ.get("TRADESCREEN_DATABASE_URL") or (
        f"sqlite:///{data_dir / 'tradescreen.db'}"
    )
    sources_file = Path(os.environ.get("TRADESCREEN_SOURCES_FILE") or BUNDLED_DATA / "sources.yml")
    raw_timeout = os.environ.get("TRADESCREEN_HTTP_TIMEOUT", "60")
    try:
        http_timeout = float(raw_timeout)
    except ValueError:
        raise ConfigError(f"TRADESCREEN_HTTP_TIMEOUT: {raw_timeout!r} is not a number") from None
    if http_timeout <= 0:
        raise ConfigError(f"TRADESCREEN_HTTP_TIMEOUT: {raw_timeout!r} must be positive")
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        sources_file=sources_file,
        http_timeout=http_timeout,
        user=os.environ.get("TRADESCREEN_USER") or getpass.getuser(),
    )
