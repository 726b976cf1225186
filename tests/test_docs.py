"""The docs cannot rot: every command, setting and exported name is real and documented."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

import tradescreen
from tradescreen.cli.main import app
from tradescreen.rules.controls import AllOf, AnyOf, Criterion, default_control_list
from tradescreen.rules.units import ATTRIBUTE_ALIASES, CANONICAL_UNITS

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
        "tradescreen.sources.registry",
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


def _criteria(node: Criterion | AllOf | AnyOf) -> Iterator[Criterion]:
    if isinstance(node, Criterion):
        yield node
    else:
        for child in node.nodes:
            yield from _criteria(child)


def _attribute_table() -> dict[str, tuple[str, set[str]]]:
    """docs/attributes.md: attribute -> (unit, entries that read it)."""
    text = (ROOT / "docs/attributes.md").read_text(encoding="utf-8")
    table = text.split("## Attributes the entries read")[1]
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| ([^|]+) \| ([^|]+) \|", table, re.M)
    return {
        name: (
            unit.strip().strip("`"),
            set() if readers.strip() == "—" else {p.strip() for p in readers.split(",")},
        )
        for name, unit, readers in rows
    }


def test_every_attribute_the_entries_read_is_documented_with_its_unit_and_readers() -> None:
    readers: dict[str, set[str]] = {name: set() for name in CANONICAL_UNITS}
    for entry in default_control_list().entries:
        for criterion in _criteria(entry.criteria):
            readers.setdefault(criterion.attribute, set()).add(entry.paragraph)
        if entry.material_classes:
            readers.setdefault("material_class", set()).add(entry.paragraph)
        if entry.products:
            readers.setdefault("product", set()).add(entry.paragraph)
    documented = _attribute_table()
    assert {"frequency_hz", "positioning_repeatability_um", "product"} <= set(readers)
    assert sorted(set(readers) - set(documented)) == []
    for name, paragraphs in readers.items():
        unit, listed = documented[name]
        assert unit == CANONICAL_UNITS.get(name, "—"), name
        assert listed == paragraphs, name


def test_every_attribute_alias_is_documented() -> None:
    text = (ROOT / "docs/attributes.md").read_text(encoding="utf-8")
    for alias, canonical in ATTRIBUTE_ALIASES.items():
        assert f"| `{alias}` | `{canonical}`" in text, alias
    assert "docs/attributes.md" in README
