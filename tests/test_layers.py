"""Data flows one way through the pipeline: no stage imports one further down it.

Each package may import only the packages listed for it (and itself); the CLI
sits on top and may import anything. Findings are plain data (``model.findings``)
that rules evaluators build; ``decision.check`` runs the evaluators.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "tradescreen"

ALLOWED: dict[str, set[str]] = {
    "exc": set(),
    "settings": {"exc"},
    "model": {"exc"},
    "sources": {"exc", "model"},
    "store": {"exc", "model", "sources"},
    "matching": {"exc", "model", "reference"},
    "reference": {"exc", "model"},
    "rules": {"exc", "model", "reference", "matching"},
    "decision": {"exc", "model", "reference", "matching", "rules"},
    "compiled": {"exc", "model", "store", "matching", "rules"},
    "service": {"exc", "model", "store", "matching", "decision", "compiled"},
    "__init__": {"matching", "_version"},
    "_version": set(),
    "_lazy": set(),
}


def _layer(module: str) -> str:
    """The layer of a dotted module name below ``tradescreen``."""
    return module.split(".")[0]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("tradescreen")
        ):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tradescreen"))
    return {name.removeprefix("tradescreen").lstrip(".") for name in found} - {""}


def test_the_import_scan_sees_imports() -> None:
    assert "sources.types.ParsedList" in _imports(PACKAGE / "store" / "importer.py")
    assert "matching" in _imports(PACKAGE / "rules" / "evaluators" / "parties.py")


def test_no_stage_imports_a_later_one() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        layer = _layer(module)
        if layer == "cli":
            continue
        # Any layer may ask for the package's own version and export names lazily.
        allowed = ALLOWED[layer] | {layer, "__version__", "_lazy"}
        problems += [
            f"{module} imports tradescreen.{name}"
            for name in sorted(_imports(path))
            if _layer(name) not in allowed
        ]
    assert problems == []
