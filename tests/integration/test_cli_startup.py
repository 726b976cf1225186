"""A command starts fast: the CLI imports the matcher only to screen, and screening loads
the lists compiled at import instead of building them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tradescreen.compiled as compiled
from tradescreen.cli.main import app

runner = CliRunner()
ORDER = Path(__file__).parents[2] / "examples" / "aluminium_tubes_to_dprk.json"


def test_the_cli_starts_without_the_matcher_the_store_or_followthemoney() -> None:
    heavy = ["followthemoney", "sqlalchemy", "tradescreen.matching.screener"]
    probe = f"import sys, tradescreen.cli.main; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_import_compiles_the_lists_and_screen_and_check_load_them(
    cli_env: str, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    un = shared_data / "un" / "un_consolidated_2026-05-08.xml"
    result = runner.invoke(app, ["lists", "import", str(un)])
    assert result.exit_code == 0, result.stdout
    assert "compiled 1009 entities for screening" in result.stdout

    def refuse(*_: object) -> None:
        raise AssertionError("screening rebuilt the lists compiled at import")

    monkeypatch.setattr(compiled, "_build", refuse)
    result = runner.invoke(app, ["screen", "Tanchon Commercial Bank", "--json"])
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["hits"][0]["source_id"] == "KPe.003"
    result = runner.invoke(app, ["check", str(ORDER), "--json"])
    assert json.loads(result.stdout)["decision"] == "prohibited"


def test_screen_builds_the_lists_when_none_were_compiled(
    cli_env: str, shared_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    un = shared_data / "un" / "un_consolidated_2026-05-08.xml"
    assert runner.invoke(app, ["lists", "import", str(un)]).exit_code == 0
    for artefact in (tmp_path / "data" / "compiled").glob("*.compiled"):
        artefact.unlink()
    result = runner.invoke(app, ["screen", "Tanchon Commercial Bank", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["hits"][0]["source_id"] == "KPe.003"
    assert len(list((tmp_path / "data" / "compiled").glob("*.compiled"))) == 1
