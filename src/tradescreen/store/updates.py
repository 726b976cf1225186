"""``tradescreen lists update``: download each configured list and import what changed.

A source whose download or parsing fails keeps its previous version; the other
sources go on. The files of the last good download of each source are kept in
``<data dir>/downloads/<source>/current`` (the record of what was imported).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml
from sqlalchemy import Engine, delete, insert, select

from tradescreen.exc import ConfigError, DownloadError, TradescreenError
from tradescreen.sources.download import FetchResult, fetch
from tradescreen.sources.registry import FORMATS, parse_files
from tradescreen.store.importer import import_publications
from tradescreen.store.tables import download_state

__all__ = ["SourceConfig", "UpdateOutcome", "load_source_configs", "update_sources"]


@dataclass(frozen=True, slots=True)
class SourceConfig:
    source: str
    format: str
    urls: tuple[str, ...]
    sha256: str | None = None
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class UpdateOutcome:
    source: str
    status: str  # updated | unchanged | not_modified | failed
    message: str
    version_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "message": self.message,
            "version_id": self.version_id,
        }


def load_source_configs(path: Path) -> dict[str, SourceConfig]:
    """Read and check the sources file (see the bundled ``data/sources.yml``)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the sources file: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise ConfigError(f"{path}: expected a mapping 'sources:'")
    configs = {}
    for source, entry in data["sources"].items():
        if not isinstance(entry, dict) or entry.get("format") not in FORMATS:
            raise ConfigError(
                f"{path}: source {source!r}: 'format' must be one of {', '.join(FORMATS)}"
            )
        urls = entry.get("urls")
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
            raise ConfigError(f"{path}: source {source!r}: 'urls' must be a list of URLs")
        configs[source] = SourceConfig(
            source=source,
            format=entry["format"],
            urls=tuple(urls),
            sha256=entry.get("sha256"),
            enabled=bool(entry.get("enabled", True)),
        )
    return configs


def _file_name(url: str) -> str:
    return Path(urlsplit(url).path).name or "download"


def _state(engine: Engine, source: str) -> dict[str, Any]:
    with engine.connect() as conn:
        rows = conn.execute(select(download_state).where(download_state.c.source == source))
        return {row.url: row for row in rows}


def _save_state(engine: Engine, source: str, results: list[FetchResult]) -> None:
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(delete(download_state).where(download_state.c.source == source))
        conn.execute(
            insert(download_state),
            [
                {
                    "source": source,
                    "url": r.url,
                    "etag": r.etag,
                    "last_modified": r.last_modified,
                    "sha256": r.sha256,
                    "fetched_at": now,
                }
                for r in results
            ],
        )


def _update_one(
    engine: Engine,
    config: SourceConfig,
    folder: Path,
    client: httpx.Client,
    allow_shrink: bool,
    actor: str | None,
) -> UpdateOutcome:
    current, staging = folder / "current", folder / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    state = _state(engine, config.source)
    results = []
    for url in config.urls:
        name = _file_name(url)
        previous = state.get(url) if (current / name).is_file() else None
        result = fetch(
            client,
            url,
            staging / name,
            etag=previous.etag if previous else None,
            last_modified=previous.last_modified if previous else None,
            expected_sha256=config.sha256 if len(config.urls) == 1 else None,
        )
        if result.not_modified:
            if previous is None:
                raise DownloadError(f"{url}: HTTP 304 to a request that was not conditional")
            shutil.copy2(current / name, staging / name)
            result = FetchResult(
                url, staging / name, previous.etag, previous.last_modified, previous.sha256
            )
            results.append((result, False))
        else:
            results.append((result, True))
    if not any(changed for _result, changed in results):
        shutil.rmtree(staging)
        return UpdateOutcome(config.source, "not_modified", "the publisher reports no change")
    files = [staging / _file_name(url) for url in config.urls]
    parsed = parse_files(files, config.format, config.source)
    [imported] = import_publications(engine, parsed, allow_shrink=allow_shrink, actor=actor)
    shutil.rmtree(current, ignore_errors=True)
    staging.replace(current)
    _save_state(
        engine,
        config.source,
        [
            FetchResult(r.url, current / _file_name(r.url), r.etag, r.last_modified, r.sha256)
            for r, _changed in results
        ],
    )
    if imported.created:
        return UpdateOutcome(
            config.source,
            "updated",
            f"new version with {imported.entity_count} entities "
            f"(published {imported.published or 'undated'})",
            imported.version_id,
        )
    return UpdateOutcome(
        config.source,
        "unchanged",
        "downloaded content is identical to a stored version",
        imported.version_id,
    )


def update_sources(
    engine: Engine,
    configs: dict[str, SourceConfig],
    download_dir: Path,
    client: httpx.Client,
    only: list[str] | None = None,
    allow_shrink: bool = False,
    actor: str | None = None,
) -> list[UpdateOutcome]:
    """Update every enabled source (or those in ``only``); a failure is reported, not raised.

    A download that would empty a source or shrink it by more than the importer's
    ``MAX_SHRINK`` fails like a bad download unless ``allow_shrink``.
    """
    unknown = set(only or ()) - set(configs)
    if unknown:
        raise ConfigError(f"no download configured for {', '.join(sorted(unknown))}")
    outcomes = []
    for source, config in configs.items():
        if (only and source not in only) or (not only and not config.enabled):
            continue
        folder = download_dir / source
        try:
            outcomes.append(_update_one(engine, config, folder, client, allow_shrink, actor))
        except TradescreenError as exc:
            shutil.rmtree(folder / "staging", ignore_errors=True)
            outcomes.append(UpdateOutcome(source, "failed", f"{exc}; the previous version is kept"))
    return outcomes
