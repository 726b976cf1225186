"""`tradescreen tokens` and `tradescreen serve`: a real server on loopback, a real request."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tradescreen.cli.main import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_tokens_are_created_listed_and_revoked(cli_env: str) -> None:
    code, out = _run("tokens", "create", "--name", "erp", "--role", "analyst", "--json")
    assert code == 0
    created = json.loads(out)
    assert created["token"].startswith("ts_") and created["role"] == "analyst"
    code, out = _run("tokens", "list", "--json")
    (listed,) = json.loads(out)
    assert "token" not in listed and listed["revoked_at"] is None
    assert _run("tokens", "revoke", str(created["id"]))[0] == 0
    assert json.loads(_run("tokens", "list", "--json")[1])[0]["revoked_at"]
    code, out = _run("tokens", "create", "--name", "erp", "--role", "root")
    assert code == 2 and "unknown role 'root'" in out
    code, out = _run("tokens", "revoke", "99")
    assert code == 3 and "no API token 99" in out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_serve_answers_on_loopback(cli_env: str, shared_data: Path) -> None:
    un = shared_data / "un" / "un_consolidated_2026-05-08.xml"
    assert _run("lists", "import", str(un))[0] == 0
    secret = json.loads(_run("tokens", "create", "--name", "t", "--role", "analyst", "--json")[1])
    port = _free_port()
    executable = Path(sys.executable).with_name("tradescreen")
    server = subprocess.Popen(
        [str(executable), "serve", "--port", str(port)],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):  # up to 20 s for the process to start
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        response = httpx.post(
            f"{base}/screen",
            json={"name": "Tanchon Commercial Bank"},
            headers={"Authorization": f"Bearer {secret['token']}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        assert response.json()["hits"][0]["source_id"] == "KPe.003"
    finally:
        server.terminate()
        server.wait(timeout=10)
