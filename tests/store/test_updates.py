"""`lists update` against a local HTTP server that serves the fixture files (never the network)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from tradescreen.exc import ConfigError
from tradescreen.store import list_versions_of
from tradescreen.store.updates import SourceConfig, load_source_configs, update_sources


class Publisher:
    """What the fake publisher serves: path -> bytes, with ETags, and a request log."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.status: dict[str, int] = {}
        self.requests: list[tuple[str, str | None]] = []


def _handler(publisher: Publisher) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            publisher.requests.append((self.path, self.headers.get("If-None-Match")))
            if self.path in publisher.status:
                self.send_error(publisher.status[self.path])
                return
            body = publisher.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def publisher() -> Iterator[tuple[Publisher, str]]:
    state = Publisher()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _update(engine: Engine, base: str, tmp_path: Path, sha256: str | None = None) -> str:
    configs = {"un": SourceConfig("un", "un-xml", (f"{base}/consolidated.xml",), sha256)}
    with httpx.Client(timeout=10) as client:
        [outcome] = update_sources(engine, configs, tmp_path / "downloads", client)
    return outcome.status


def test_update_downloads_imports_then_asks_conditionally(
    engine: Engine, shared_data: Path, publisher: tuple[Publisher, str], tmp_path: Path
) -> None:
    state, base = publisher
    state.files["/consolidated.xml"] = (
        shared_data / "un/un_consolidated_2026-02-27.xml"
    ).read_bytes()
    assert _update(engine, base, tmp_path) == "updated"
    assert [v.published for v in list_versions_of(engine, "un")] == ["2026-02-27"]
    kept = tmp_path / "downloads/un/current/consolidated.xml"
    assert kept.read_bytes() == state.files["/consolidated.xml"]

    assert _update(engine, base, tmp_path) == "not_modified"
    assert state.requests[-1][1] is not None, "the second request carries If-None-Match"
    assert len(list_versions_of(engine, "un")) == 1

    state.files["/consolidated.xml"] = (
        shared_data / "un/un_consolidated_2026-05-08.xml"
    ).read_bytes()
    assert _update(engine, base, tmp_path) == "updated"
    assert [v.published for v in list_versions_of(engine, "un")] == ["2026-02-27", "2026-05-08"]


@pytest.mark.parametrize("breakage", ["truncated", "http_error", "checksum", "empty"])
def test_a_bad_download_keeps_the_previous_version(
    engine: Engine,
    shared_data: Path,
    publisher: tuple[Publisher, str],
    tmp_path: Path,
    breakage: str,
) -> None:
    state, base = publisher
    good = (shared_data / "un/un_consolidated_2026-02-27.xml").read_bytes()
    state.files["/consolidated.xml"] = good
    assert _update(engine, base, tmp_path) == "updated"
    newer = (shared_data / "un/un_consolidated_2026-05-08.xml").read_bytes()
    sha256 = None
    if breakage == "truncated":
        state.files["/consolidated.xml"] = newer[: len(newer) // 2]
    elif breakage == "http_error":
        state.status["/consolidated.xml"] = 500
    elif breakage == "checksum":
        state.files["/consolidated.xml"] = newer
        sha256 = hashlib.sha256(good).hexdigest()  # the publisher's announced sum differs
    else:
        state.files["/consolidated.xml"] = b""
    assert _update(engine, base, tmp_path, sha256) == "failed"
    assert [v.published for v in list_versions_of(engine, "un")] == ["2026-02-27"]
    assert (tmp_path / "downloads/un/current/consolidated.xml").read_bytes() == good
    assert not (tmp_path / "downloads/un/staging").exists()


def test_the_bundled_sources_file_is_valid() -> None:
    from tradescreen.settings import BUNDLED_DATA

    configs = load_source_configs(BUNDLED_DATA / "sources.yml")
    assert configs["un"].format == "un-xml"
    assert all(url.startswith("https://") for c in configs.values() for url in c.urls)
    assert not configs["opensanctions"].enabled


def test_a_bad_sources_file_names_the_source(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text("sources:\n  un:\n    format: pdf\n    urls: [x]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="source 'un': 'format' must be one of"):
        load_source_configs(path)


def test_an_update_that_would_shrink_the_list_fails_and_keeps_the_version(
    engine: Engine, shared_data: Path, publisher: tuple[Publisher, str], tmp_path: Path
) -> None:
    state, base = publisher
    full = (shared_data / "un/un_consolidated_2026-05-08.xml").read_bytes()
    state.files["/consolidated.xml"] = full
    assert _update(engine, base, tmp_path) == "updated"
    # A later publication that lost all its individuals but the first (737 → 1).
    cut = full.index(b"</INDIVIDUAL>", full.index(b"<INDIVIDUAL>") + 1000) + len(b"</INDIVIDUAL>")
    shrunk = full[:cut] + full[full.index(b"</INDIVIDUALS>") :]
    state.files["/consolidated.xml"] = shrunk.replace(b"2026-05-08", b"2026-05-09", 1)
    configs = {"un": SourceConfig("un", "un-xml", (f"{base}/consolidated.xml",))}
    with httpx.Client(timeout=10) as client:
        [outcome] = update_sources(engine, configs, tmp_path / "downloads", client)
        assert outcome.status == "failed" and "--allow-shrink" in outcome.message
        assert [v.entity_count for v in list_versions_of(engine, "un")] == [1009]
        [outcome] = update_sources(
            engine, configs, tmp_path / "downloads", client, allow_shrink=True
        )
    assert outcome.status == "updated"
    assert [v.entity_count for v in list_versions_of(engine, "un")] == [1009, 273]
