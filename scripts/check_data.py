"""Rebuild every bundled table that a script makes and check it is what is committed.

A maintainer's check (``make check-data``; CI runs it too), not a test: the sources are
outside the repository and ``../shared``. Both Unihan files come with Debian's
``unicode-data``. The tests run each script on a small committed extract instead. (The
dual-use catalogue is rebuilt by a test, its source being in ``../shared``; the name-variant
table needs rigour's source archive and is rebuilt by hand: scripts/build_name_variants.py.)

Usage: python scripts/check_data.py
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
UNIHAN = Path("/usr/share/unicode")


@dataclass(frozen=True)
class Table:
    script: str  # in scripts/, with a function build(source) -> the file's text
    source: Path
    output: Path  # the committed file


TABLES = (
    Table(
        "build_telegraph_table.py",
        UNIHAN / "Unihan_OtherMappings.txt.bz2",
        ROOT / "src/tradescreen/data/reference/chinese_telegraph_codes.tsv",
    ),
    Table(
        "build_hanja_table.py",
        UNIHAN / "Unihan_Readings.txt.bz2",
        ROOT / "src/tradescreen/matching/_hanja.py",
    ),
)


def _load(script: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        script.removesuffix(".py"), ROOT / "scripts" / script
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(table: Table) -> str | None:
    """None when the rebuilt table is the committed one, else what is wrong."""
    if not table.source.is_file():
        return f"its source {table.source} is missing (apt-get install unicode-data)"
    rebuilt: str = _load(table.script).build(table.source)
    if rebuilt.encode("utf-8") != table.output.read_bytes():
        return f"rebuilt from {table.source} it differs from the committed file"
    return None


def main() -> int:
    failures = 0
    for table in TABLES:
        problem = check(table)
        name = table.output.relative_to(ROOT)
        print(f"{name}: {'ok' if problem is None else problem} ({table.script})")
        failures += problem is not None
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
