"""The committed evaluation set: well formed, and its UN targets are real designations."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tradescreen.sources.un_xml import parse_un_xml

EVAL = Path(__file__).parents[2] / "benchmarks" / "eval" / "queries.jsonl"


def read() -> list[dict[str, str | None]]:
    with EVAL.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_eval_set_is_well_formed() -> None:
    rows = read()
    assert len({r["id"] for r in rows}) == len(rows) == 14066
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["typo"] == 2383 and kinds["hangul"] == 283 and kinds["hard_person"] == 925
    positives = [r for r in rows if r["target"]]
    assert len(positives) == 7774
    assert all(r["kind"].startswith(("clean_", "hard_")) for r in rows if not r["target"])


def test_un_targets_exist_on_the_un_list(shared_data: Path) -> None:
    parsed = parse_un_xml([shared_data / "un" / "un_consolidated_2026-05-08.xml"])
    listed = {f"un:{e.source_id}" for e in parsed.entities}
    un_targets = {r["target"] for r in read() if r["target"] and r["target"].startswith("un:")}
    assert un_targets <= listed
    assert len(un_targets) == 1009  # every UN designation is a target
