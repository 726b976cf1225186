"""The docs cannot rot: every command, setting and exported name is real and documented."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
import typer

import tradescreen
from tradescreen.cli.main import app

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTINGS = (ROOT / "src/tradescreen/settings.py").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str = "tradescreen") -> list[str]:
    names = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):  # a group (Typer ships its own click)
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_cli_command_is_in_the_readme() -> None:
    commands = _commands(typer.main.get_group(app))
    assert "tradescreen lists import" in commands and "tradescreen check" in commands
    missing = [c for c in commands if c not in README]
    assert missing == []


def test_every_setting_is_documented() -> None:
    variables = set(re.findall(r'environ\.get\(\s*"(TRADESCREEN_[A-Z_]+)"', SETTINGS))
    assert "TRADESCREEN_DATABASE_URL" in variables
    for variable in variables:
        assert f"`{variable}`" in README, f"{variable} missing from the README settings table"
        assert f"``{variable}``" in SETTINGS.split('"""')[1], (
            f"{variable} missing from the docstring"
        )


def test_the_environment_is_read_in_settings_py_only() -> None:
    readers = [
        path.relative_to(ROOT)
        for path in (ROOT / "src/tradescreen").rglob("*.py")
        if path.name != "settings.py"
        and re.search(r"os\.environ|getenv", path.read_text(encoding="utf-8"))
    ]
    assert readers == []


@pytest.mark.parametrize(
    "module",
    [
        "tradescreen",
        "tradescreen.model",
        "tradescreen.sources",
        "tradescreen.store",
        "tradescreen.matching",
        "tradescreen.rules",
        "tradescreen.reference",
        "tradescreen.decision",
        "tradescreen.exc",
    ],
)
def test_all_names_exist_and_are_sorted(module: str) -> None:
    loaded = importlib.import_module(module)
    exported = list(loaded.__all__)
    assert all(hasattr(loaded, name) for name in exported)
    assert exported == sorted(exported, key=lambda n: (not n.isupper(), n))


def test_the_design_python_api() -> None:
    assert 0 < tradescreen.DEFAULT_THRESHOLD < 1
    assert tradescreen.compare_names("Kim Jong-un", "KIM JONG UN") >= tradescreen.DEFAULT_THRESHOLD
    assert tradescreen.compare_names("Kim Yo Jong", "KIM JONG UN") < tradescreen.DEFAULT_THRESHOLD
