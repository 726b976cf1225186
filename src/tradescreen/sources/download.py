"""Fetching a publisher's file over HTTP, conditionally, into a local file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import httpx

from tradescreen.exc import DownloadError

__all__ = ["FetchResult", "fetch"]


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    path: Path | None  # None when the server said the file has not changed (304)
    etag: str | None
    last_modified: str | None
    sha256: str | None

    @property
    def not_modified(self) -> bool:
        return self.path is None


def fetch(
    client: httpx.Client,
    url: str,
    target: Path,
    etag: str | None = None,
    last_modified: str | None = None,
    expected_sha256: str | None = None,
) -> FetchResult:
    """Download ``url`` to ``target`` unless the server says it is unchanged.

    Sends ``If-None-Match`` / ``If-Modified-Since`` from the previous download. The
    body goes to a temporary file first and replaces ``target`` only when complete
    (the Content-Length, when given, is checked) and when the checksum, if
    expected, matches.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    partial = target.with_name(target.name + ".part")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return FetchResult(url, None, etag, last_modified, None)
            if response.status_code != 200:
                raise DownloadError(f"{url}: HTTP {response.status_code}")
            size = 0
            with partial.open("wb") as fh:
                for block in response.iter_bytes():
                    fh.write(block)
                    digest.update(block)
                    size += len(block)
            announced = response.headers.get("Content-Length")
            if announced is not None and response.headers.get("Content-Encoding") is None:
                if int(announced) != size:
                    raise DownloadError(f"{url}: got {size} of {announced} bytes")
            result = FetchResult(
                url,
                target,
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
                digest.hexdigest(),
            )
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise DownloadError(f"{url}: {exc}") from exc
    except DownloadError:
        partial.unlink(missing_ok=True)
        raise
    if size == 0:
        partial.unlink(missing_ok=True)
        raise DownloadError(f"{url}: the server sent an empty file")
    if expected_sha256 is not None and result.sha256 != expected_sha256.lower():
        partial.unlink(missing_ok=True)
        raise DownloadError(
            f"{url}: checksum {result.sha256} is not the expected {expected_sha256}"
        )
    partial.replace(target)
    return result
